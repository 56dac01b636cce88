package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

const (
	baseSite  = "../../internal/load/testdata/base"
	badCases  = "../../internal/load/testdata/bad"
	removeTxt = "remove.txt"
)

// caseDir lays the files of a testdata/bad case over the base site in a new directory,
// as the load tests do, and returns it.
func caseDir(t *testing.T, name string) string {
	t.Helper()
	dir := t.TempDir()
	copyInto(t, baseSite, dir)
	if name == "" {
		return dir
	}
	copyInto(t, filepath.Join(badCases, name), dir)
	if list, err := os.ReadFile(filepath.Join(dir, removeTxt)); err == nil {
		for _, p := range strings.Fields(string(list)) {
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(p))); err != nil {
				t.Fatal(err)
			}
		}
	}
	if list, err := os.ReadFile(filepath.Join(dir, "links.txt")); err == nil {
		for _, line := range strings.Split(strings.TrimSpace(string(list)), "\n") {
			name, target, _ := strings.Cut(line, " -> ")
			p := filepath.Join(dir, filepath.FromSlash(name))
			_ = os.RemoveAll(p)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if target == "|fifo" {
				err = syscall.Mkfifo(p, 0o644)
			} else {
				err = os.Symlink(target, p)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, control := range []string{"expected.txt", "expected.en.txt", removeTxt, "links.txt"} {
		_ = os.Remove(filepath.Join(dir, control))
	}
	return dir
}

func copyInto(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func runCmd(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// `covsite check` prints exactly the expected output of every bad-input case, in both
// languages, and exits 1 when there are errors, 0 when there are only warnings — with the
// build cache (--cache-dir) as without it.
func TestCheckPrintsEveryCaseAsExpected(t *testing.T) {
	entries, err := os.ReadDir(badCases)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 50 {
		t.Fatalf("only %d cases", len(entries))
	}
	for _, e := range entries {
		t.Run(e.Name(), func(t *testing.T) {
			dir, cache := caseDir(t, e.Name()), t.TempDir()
			wantCode := 0
			if errorCount(t, filepath.Join(badCases, e.Name(), "expected.en.txt")) > 0 {
				wantCode = 1
			}
			for lang, file := range map[string]string{"vi": "expected.txt", "en": "expected.en.txt"} {
				want, err := os.ReadFile(filepath.Join(badCases, e.Name(), file))
				if err != nil {
					t.Fatal(err)
				}
				// Without the cache, then with it twice (filled, then used): the same
				// messages at the same positions each time, and no notice.
				for _, args := range [][]string{nil, {"--cache-dir", cache}, {"--cache-dir", cache}} {
					code, out, errOut := runCmd(append([]string{"check", "--source", dir, "--lang", lang}, args...)...)
					if out != string(want) {
						t.Errorf("%s %q: covsite check printed\n%s\nwant\n%s", lang, args, out, want)
					}
					if code != wantCode || errOut != "" {
						t.Errorf("%s %q: exit %d, want %d; stderr %q", lang, args, code, wantCode, errOut)
					}
				}
			}
		})
	}
}

// errorCount reads N from the summary line "N errors, M warnings" (or "1 error, …") of an
// expected output.
func errorCount(t *testing.T, file string) int {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	var errs int
	if _, err := fmt.Sscanf(lines[len(lines)-1], "%d error", &errs); err != nil {
		t.Fatalf("%s: no summary line: %v", file, err)
	}
	return errs
}

func TestCheckExitCodes(t *testing.T) {
	tests := []struct {
		name string
		site string // a case of testdata/bad, or "" for the clean base site
		args []string
		code int
	}{
		{"clean", "", nil, 0},
		{"clean, strict", "", []string{"--strict"}, 0},
		{"warnings only", "rollup-mismatch", nil, 0},
		{"warnings only, strict", "rollup-mismatch", []string{"--strict"}, 1},
		{"errors", "vietnamese-number", nil, 1},
		{"errors as json", "vietnamese-number", []string{"--format", "json"}, 1},
		{"errors as github", "vietnamese-number", []string{"--format", "github"}, 1},
		{"bad format", "", []string{"--format", "xml"}, 2},
		{"bad language", "", []string{"--lang", "fr"}, 2},
		{"bad flag", "", []string{"--nope"}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"check", "--source", caseDir(t, tt.site)}, tt.args...)
			if code, out, errOut := runCmd(args...); code != tt.code {
				t.Errorf("exit %d, want %d\n%s%s", code, tt.code, out, errOut)
			}
		})
	}
}

// TestCheckStrictSaysWhy: a site with warnings only fails check --strict, and check says
// that --strict is why, in the language of the messages.
func TestCheckStrictSaysWhy(t *testing.T) {
	dir := caseDir(t, "rollup-mismatch")
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"--strict", "--lang", "vi"}, 1, "--strict coi mỗi cảnh báo là một lỗi"},
		{[]string{"--strict", "--lang", "en"}, 1, "--strict counts each warning as an error"},
		{[]string{"--lang", "en"}, 0, ""},
	} {
		code, out, errOut := runCmd(append([]string{"check", "--source", dir}, c.args...)...)
		if code != c.code || c.says != "" && !strings.Contains(errOut, c.says) || c.says == "" && strings.Contains(errOut, "--strict") {
			t.Errorf("%v: exit %d, stdout:\n%sstderr:\n%s", c.args, code, out, errOut)
		}
	}
}

// A wrong --source is an error, not an empty site that passes.
func TestCheckOfAFolderThatIsNoSite(t *testing.T) {
	code, out, _ := runCmd("check", "--source", t.TempDir(), "--lang", "en")
	if code != 1 || !strings.Contains(out, "data/site.toml: error: file data/site.toml not found") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

func TestCheckFormats(t *testing.T) {
	dir := caseDir(t, "many-errors")
	_, gh, _ := runCmd("check", "--source", dir, "--format", "github", "--lang", "en")
	lines := strings.Split(strings.TrimSpace(gh), "\n")
	if len(lines) != 6 {
		t.Fatalf("github: %d lines, want one per problem (6):\n%s", len(lines), gh)
	}
	want := "::error file=data/plans/ke-hoach-a-2023.toml,line=9,col=8,title=A number is written wrongly::bhyt = 1.888: a number of people must be a whole number"
	if !strings.HasPrefix(lines[0], want) {
		t.Errorf("github: %q\nwant prefix %q", lines[0], want)
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "::error file=") && !strings.HasPrefix(l, "::warning file=") {
			t.Errorf("not a workflow command: %q", l)
		}
	}
	_, js, _ := runCmd("check", "--source", dir, "--format", "json", "--lang", "vi")
	var got struct {
		Errors      int
		Diagnostics []struct{ File, Code, Message string }
	}
	if err := json.Unmarshal([]byte(js), &got); err != nil {
		t.Fatalf("json: %v\n%s", err, js)
	}
	if got.Errors != 6 || len(got.Diagnostics) != 6 || got.Diagnostics[0].Code != "not-whole-number" || !strings.Contains(got.Diagnostics[0].Message, "số người") {
		t.Errorf("json: %+v", got)
	}
}

// build runs the same checks and refuses to publish: the exit status is 1, the messages
// are the check's, and the destination is not created.
func TestBuildRefusesWhatCheckRejects(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	code, _, errOut := runCmd("build", "--source", caseDir(t, "float-people"), "--dest", dest, "--no-cache")
	if code != 1 || !strings.Contains(errOut, "data/plans/ke-hoach-a-2023.toml:9:8:") {
		t.Errorf("exit %d, stderr:\n%s", code, errOut)
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Errorf("the destination was created: %v", err)
	}
}

// A layout's root-relative link is warned about by check whatever the site's base URL (a
// project's GitHub Pages is under a path the check does not know), and --strict-links —
// the workflow's check and build — fails on it, saying why; without it the site passes.
func TestCheckStrictLinks(t *testing.T) {
	t.Setenv("COVSITE_LANG", "en") // build's messages
	dir := caseDir(t, "")          // base_url at a host's root
	p := filepath.Join(dir, "layouts", "partials", "logo.html")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(`{{define "logo"}}<a href="/gioi-thieu/">Giới thiệu</a>{{end}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"check", "--lang", "en"}, 0, ""},
		{[]string{"check", "--strict-links", "--lang", "en"}, 1, "--strict-links counts each warning about a link as an error"},
		{[]string{"check", "--strict-links", "--lang", "vi"}, 1, "--strict-links coi mỗi cảnh báo về liên kết là một lỗi"},
		{[]string{"build", "--strict-links", "--no-cache", "--dest", filepath.Join(t.TempDir(), "public")}, 1, "--strict-links counts each warning"},
	} {
		code, out, errOut := runCmd(append(c.args, "--source", dir)...)
		if code != c.code || c.says != "" && !strings.Contains(errOut, c.says) {
			t.Errorf("%v: exit %d, stdout:\n%sstderr:\n%s", c.args, code, out, errOut)
		}
		if all := out + errOut; c.args[len(c.args)-1] != "vi" && !strings.Contains(all, `layouts/partials/logo.html:1:21: warning: href="/gioi-thieu/" starts with /, so with the site published at a path (as a repository's GitHub Pages: https://account.github.io/repo/) it points outside the site — write href="{{asset "gioi-thieu/"}}" for a file of static/, or href="{{url "gioi-thieu/"}}" for a page`) {
			t.Errorf("%v: no warning about the link:\n%s", c.args, all)
		}
	}
}
