package build

import (
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var linkAttr = regexp.MustCompile(`(href|src)="([^"]*)"`)

// TestNoBrokenLinks follows every href and src of every built page: each site path must
// lead to a file, each fragment to an id on the target page, and nothing may point to
// another origin except plain links a reader chooses to follow.
func TestNoBrokenLinks(t *testing.T) {
	dir := exampleSite(t)
	ids := map[string]map[string]bool{}
	idsOf := func(file string) map[string]bool {
		if m, ok := ids[file]; ok {
			return m
		}
		b, _ := os.ReadFile(file)
		m := map[string]bool{}
		for _, match := range regexp.MustCompile(`id="([^"]+)"`).FindAllStringSubmatch(string(b), -1) {
			m[match[1]] = true
		}
		ids[file] = m
		return m
	}
	checked := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		for _, m := range linkAttr.FindAllStringSubmatch(string(b), -1) {
			checked++
			checkLink(t, dir, path, rel, m[1], m[2], idsOf)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 500 {
		t.Fatalf("only %d links checked: is the site empty?", checked)
	}
}

func checkLink(t *testing.T, dir, page, rel, attr, link string, idsOf func(string) map[string]bool) {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Errorf("%s: unparsable link %q", rel, link)
		return
	}
	switch {
	case u.Scheme == "data" || u.Scheme == "mailto":
		return
	case u.Scheme != "" || u.Host != "":
		if attr == "src" {
			t.Errorf("%s: loads %q from another origin", rel, link)
		}
		return
	}
	target := page
	if u.Path != "" {
		if !strings.HasPrefix(u.Path, "/") {
			t.Errorf("%s: relative link %q (site links are root-relative)", rel, link)
			return
		}
		target = filepath.Join(dir, filepath.FromSlash(u.Path))
		if strings.HasSuffix(u.Path, "/") {
			target = filepath.Join(target, "index.html")
		}
		if _, err := os.Stat(target); err != nil {
			t.Errorf("%s: broken link %q", rel, link)
			return
		}
	}
	if u.Fragment != "" && strings.HasSuffix(target, ".html") && !idsOf(target)[u.Fragment] {
		t.Errorf("%s: link %q points to a missing anchor", rel, link)
	}
}
