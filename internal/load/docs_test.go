package load_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// docFile is a file shown in the docs: "`data/site.toml`", a blank line, a fenced block.
var docFile = regexp.MustCompile("(?s)\n`([a-z0-9/._-]+)`\n\n```[a-z]*\n(.*?)```\n")

// TestDocsExampleIsTheBaseSite: the complete small site of docs/data-format.md is
// testdata/base byte for byte, so the example a reader copies is one that checks clean.
func TestDocsExampleIsTheBaseSite(t *testing.T) {
	doc, err := os.ReadFile("../../docs/data-format.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(doc), "\n## A complete small site\n")
	if !ok {
		t.Fatal("docs/data-format.md has no section \"A complete small site\"")
	}
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	shown := map[string]bool{}
	for _, m := range docFile.FindAllStringSubmatch(section, -1) {
		name, text := m[1], m[2]
		shown[name] = true
		want, err := os.ReadFile(filepath.Join("testdata/base", filepath.FromSlash(name)))
		if err != nil {
			t.Errorf("the docs show %s, which testdata/base does not have", name)
			continue
		}
		if text != string(want) {
			t.Errorf("the docs' %s differs from testdata/base/%s; copy one over the other", name, name)
		}
	}
	for _, name := range []string{"data/site.toml", "data/indicators.toml", "data/localities/viet-nam.toml", "data/plans/ke-hoach-a-2023.toml", "data/results/bao-cao-a-2023-06-30.toml"} {
		if !shown[name] {
			t.Errorf("the docs' complete small site does not show %s", name)
		}
	}
}
