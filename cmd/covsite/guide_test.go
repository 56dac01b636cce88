package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const guide = "../../docs/huong-dan-bien-tap.md"

// guideCommands returns the covsite command lines of the guide's shell blocks, as
// arguments, with continuation lines joined.
func guideCommands(t *testing.T) [][]string {
	t.Helper()
	b, err := os.ReadFile(guide)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	inShell := false
	var pending string
	for _, line := range strings.Split(string(b), "\n") {
		switch {
		case strings.HasPrefix(line, "```"):
			inShell = line == "```sh"
			continue
		case !inShell:
			continue
		}
		line = pending + strings.TrimSpace(line)
		if cont, ok := strings.CutSuffix(line, "\\"); ok {
			pending = cont
			continue
		}
		pending = ""
		if rest, ok := strings.CutPrefix(line, "go run ./cmd/covsite "); ok {
			out = append(out, shellWords(t, rest))
		}
		if rest, ok := strings.CutPrefix(line, "make "); ok && rest == "serve" {
			out = append(out, []string{"serve"}) // make serve runs covsite serve
		}
	}
	return out
}

// shellWords splits a command line the way a shell does for plain words and "…" strings.
func shellWords(t *testing.T, s string) []string {
	var words []string
	var cur strings.Builder
	inWord, quoted := false, false
	for _, r := range s {
		switch {
		case r == '"':
			quoted, inWord = !quoted, true
		case (r == ' ' || r == '\t') && !quoted:
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
			}
			inWord = false
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quoted {
		t.Fatalf("unbalanced quotes in guide command %q", s)
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

// TestGuideCommandsWork runs every command of the press officers' guide, in its order, on a
// copy of the example site (the spreadsheets it names are seed 000's table); serve is
// covered by internal/serve. check, run last, finds only what the guide says it will: the
// [source] keys left to fill in after new result.
func TestGuideCommandsWork(t *testing.T) {
	t.Setenv("COVSITE_LANG", "vi")
	table, err := filepath.Abs(seedTable)
	if err != nil {
		t.Fatal(err)
	}
	cmds := guideCommands(t)
	site := exampleCopy(t)
	t.Chdir(site)
	ran := map[string]int{}
	for _, args := range cmds {
		if args[0] == "serve" || args[0] == "check" {
			ran[args[0]]++
			continue
		}
		for i, a := range args {
			if strings.HasSuffix(a, ".xlsx") || strings.HasSuffix(a, ".csv") {
				args[i] = table
			}
		}
		var out, errOut bytes.Buffer
		if code := run(args, &out, &errOut); code != 0 {
			t.Errorf("covsite %s: exit %d\n%s%s", strings.Join(args, " "), code, out.String(), errOut.String())
		}
		ran[args[0]+" "+args[1]]++
	}
	for _, want := range []string{"serve", "check", "import " + table, "new result", "new update"} {
		if ran[want] == 0 {
			t.Errorf("the guide has no %q command", want)
		}
	}
	var out, errOut bytes.Buffer
	run([]string{"check"}, &out, &errOut)
	for _, line := range strings.Split(out.String(), "\n") {
		if strings.Contains(line, ": lỗi: ") && !strings.HasPrefix(line, "data/results/tp-tra-vinh-2023-09-30.toml:") {
			t.Errorf("unexpected error after the guide's commands: %s", line)
		}
	}
}

// TestBuiltBinariesAreIgnored: every `go build -o NAME` the guide and the README suggest
// writes a file .gitignore ignores, so following them leaves no untracked binary behind.
func TestBuiltBinariesAreIgnored(t *testing.T) {
	ignore, err := os.ReadFile("../../.gitignore")
	if err != nil {
		t.Fatal(err)
	}
	ignored := map[string]bool{}
	for _, line := range strings.Split(string(ignore), "\n") {
		ignored[strings.TrimSpace(line)] = true
	}
	found := 0
	for _, doc := range []string{guide, "../../README.md"} {
		b, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range goBuildOut.FindAllStringSubmatch(string(b), -1) {
			found++
			if name := strings.TrimPrefix(m[1], "./"); !ignored["/"+name] && !ignored[name] {
				t.Errorf("%s says `go build -o %s` but .gitignore does not ignore /%s", filepath.Base(doc), m[1], name)
			}
		}
	}
	if found == 0 {
		t.Error("neither the guide nor the README shows `go build -o …` any more: this test checks nothing")
	}
}

// goBuildOut finds the output file of a `go build -o FILE` in a document.
var goBuildOut = regexp.MustCompile("go build -o ([^\\s`]+)")

// TestGuideExplainsEnglishWords: the English words the guide keeps are explained where
// they first appear: "**commit** (…)" (issue 15).
func TestGuideExplainsEnglishWords(t *testing.T) {
	b, err := os.ReadFile(guide)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	for _, word := range []string{"commit", "push", "pull request", "repository", "branch"} {
		first := regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(word) + `\b`).FindStringIndex(text)
		if first == nil {
			t.Errorf("the guide does not use %q: drop it from this test", word)
			continue
		}
		rest := text[first[1]:]
		rest = strings.TrimPrefix(rest, "**")
		if !strings.HasPrefix(rest, " (") && !strings.HasPrefix(rest, " — ") {
			line := text[strings.LastIndex(text[:first[0]], "\n")+1:]
			line, _, _ = strings.Cut(line, "\n")
			t.Errorf("%q is first used without an explanation in (…):\n%s", word, line)
		}
	}
}

// TestGuideSaysHowTheLanguageIsChosen: the guide names the variables in POSIX order and
// COVSITE_LANG above them (issue 15).
func TestGuideSaysHowTheLanguageIsChosen(t *testing.T) {
	b, err := os.ReadFile(guide)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	all, msgs, lang, cov := strings.Index(text, "`LC_ALL`"), strings.Index(text, "`LC_MESSAGES`"), strings.Index(text, "`LANG`"), strings.Index(text, "`COVSITE_LANG`")
	if all < 0 || msgs < all || lang < msgs || cov < 0 {
		t.Errorf("the guide does not name LC_ALL, LC_MESSAGES, LANG in order and COVSITE_LANG: %d %d %d %d", all, msgs, lang, cov)
	}
}

// TestDocsWalkThroughPublishing: the README and the guide say to look at the site with
// make serve (a page opened as a file loses its styles), and walk through publishing from
// a new repository in Vietnamese: template, Settings → Pages → Source: GitHub Actions, the
// first push, where the address appears — under the workflow's own name (issue 15).
func TestDocsWalkThroughPublishing(t *testing.T) {
	wf, err := os.ReadFile(workflow)
	if err != nil {
		t.Fatal(err)
	}
	name := regexp.MustCompile(`(?m)^name: (.+)$`).FindStringSubmatch(string(wf))[1]
	for _, doc := range []string{guide, "../../README.md"} {
		b, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		for _, want := range []string{"make serve", "Use this template", "Settings → Pages", "GitHub Actions", "git push",
			"github.io/<tên-kho>/", "GitHub Pages chưa được bật", "Re-run all jobs", name} {
			if !strings.Contains(text, want) {
				t.Errorf("%s does not say %q", filepath.Base(doc), want)
			}
		}
		if regexp.MustCompile(`(?i)open public/index\.html`).MatchString(text) {
			t.Errorf("%s tells to open public/index.html", filepath.Base(doc))
		}
	}
}
