package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBuildAndCheckCommands(t *testing.T) {
	t.Setenv("COVSITE_LANG", "vi")
	dest := filepath.Join(t.TempDir(), "public")
	var out, errOut bytes.Buffer
	if code := run([]string{"build", "--source", "../..", "--dest", dest, "--cache-dir", t.TempDir(), "--base-url", "https://bhxh.example.vn/bao-phu"}, &out, &errOut); code != 0 {
		t.Fatalf("build exited %d: %s", code, errOut.String())
	}
	if home, _ := os.ReadFile(filepath.Join(dest, "index.html")); !bytes.Contains(home, []byte(`<link rel="canonical" href="https://bhxh.example.vn/bao-phu/">`)) {
		t.Error("--base-url is not the base of the home page's canonical URL")
	}
	if !strings.Contains(out.String(), "đã dựng ") || !strings.Contains(out.String(), " trang, ") || !strings.Contains(out.String(), " ms") {
		t.Errorf("build does not say what it built: %q", out.String())
	}
	if _, err := os.Stat(filepath.Join(dest, "index.html")); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if code := run([]string{"check", "--source", "../.."}, &out, &errOut); code != 0 {
		t.Fatalf("check on the example site exited %d:\n%s", code, out.String())
	}
	if !strings.Contains(out.String(), "0 lỗi, ") {
		t.Errorf("check summary: %q", out.String())
	}
}

func TestUnknownCommandAndBadFlags(t *testing.T) {
	t.Setenv("COVSITE_LANG", "en")
	var out, errOut bytes.Buffer
	if code := run([]string{"bulid"}, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), `unknown command "bulid"`) {
		t.Errorf("unknown command: exit %d, %q", code, errOut.String())
	}
	if code := run([]string{"check", "--format", "xml", "--source", "../.."}, &out, &errOut); code != 2 {
		t.Errorf("bad --format: exit %d", code)
	}
	out.Reset()
	if code := run([]string{"help"}, &out, &errOut); code != 0 || !strings.Contains(out.String(), "build") {
		t.Errorf("help: exit %d, %q", code, out.String())
	}
}

func TestBuildFailsOnBadSource(t *testing.T) {
	src := t.TempDir()
	if err := os.MkdirAll(filepath.Join(src, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "data", "site.toml"), []byte("title = \n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := run([]string{"build", "--source", src, "--dest", filepath.Join(t.TempDir(), "p")}, &out, &errOut)
	if code != 1 || !strings.Contains(errOut.String(), "data/site.toml:1:") {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
}

// TestBuildSaysWhenItIgnoresTheCache: a damaged cache file is one line on stderr, in the
// language of messages, and the build succeeds without it.
func TestBuildSaysWhenItIgnoresTheCache(t *testing.T) {
	t.Setenv("COVSITE_LANG", "en")
	src, cache, dest := caseDir(t, ""), t.TempDir(), filepath.Join(t.TempDir(), "public")
	if code, _, errOut := runCmd("build", "--source", src, "--dest", dest, "--cache-dir", cache); code != 0 {
		t.Fatalf("first build exited %d: %s", code, errOut)
	}
	p := filepath.Join(cache, "load.bin")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 1
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCmd("build", "--source", src, "--dest", dest, "--cache-dir", cache)
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if code != 0 || len(lines) != 1 || !strings.HasPrefix(lines[0], "covsite build: the cache ") || !strings.Contains(lines[0], "load.bin is damaged and is ignored") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if !strings.Contains(out, "built ") {
		t.Errorf("stdout %q", out)
	}
}

// TestBuildFigureKeys: --figure-keys marks the printed figures with their keys (data-fig);
// the next build without it, through the same cache into the same folder, prints none.
func TestBuildFigureKeys(t *testing.T) {
	t.Setenv("COVSITE_LANG", "en")
	cache, dest := t.TempDir(), filepath.Join(t.TempDir(), "public")
	ward := filepath.Join(dest, "dia-phuong", "tra-vinh-phuong-7", "index.html")
	for _, keyed := range []bool{true, false} {
		args := []string{"build", "--source", "../..", "--dest", dest, "--cache-dir", cache}
		if keyed {
			args = append(args, "--figure-keys")
		}
		if code, _, errOut := runCmd(args...); code != 0 {
			t.Fatalf("build %q exited %d: %s", args, code, errOut)
		}
		page, err := os.ReadFile(ward)
		if err != nil {
			t.Fatal(err)
		}
		if got := bytes.Contains(page, []byte(` data-fig="`)); got != keyed || !bytes.Contains(page, []byte(` data-calc="`)) {
			t.Errorf("--figure-keys %t: the ward page has data-fig %t, data-calc %t", keyed, got, bytes.Contains(page, []byte(` data-calc="`)))
		}
	}
}
