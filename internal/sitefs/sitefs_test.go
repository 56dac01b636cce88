package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// A site folder with a file, a link to a file outside, a link inside pointing at a sibling
// and a linked folder: everything through a link is refused, including a path below a
// linked folder and a link that stays inside the site; .. never leaves the folder.
func TestNoLinks(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret"), []byte("token"), 0o644); err != nil {
		t.Fatal(err)
	}
	site := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(site, "static", "css"), 0o755))
	must(os.WriteFile(filepath.Join(site, "static", "css", "site.css"), []byte("a{}"), 0o644))
	must(os.Symlink(filepath.Join(outside, "secret"), filepath.Join(site, "static", "env.txt")))
	must(os.Symlink("css/site.css", filepath.Join(site, "static", "inside.css")))
	must(os.Symlink(outside, filepath.Join(site, "data")))
	fsys, err := Open(site)
	must(err)
	if b, err := fs.ReadFile(fsys, "static/css/site.css"); err != nil || string(b) != "a{}" {
		t.Errorf("a plain file: %q, %v", b, err)
	}
	for _, name := range []string{"static/env.txt", "static/inside.css", "data", "data/secret"} {
		if _, err := fs.ReadFile(fsys, name); !errors.Is(err, ErrLink) {
			t.Errorf("ReadFile %s: err = %v, want ErrLink", name, err)
		}
		if _, err := fsys.Open(name); !errors.Is(err, ErrLink) {
			t.Errorf("Open %s: err = %v, want ErrLink", name, err)
		}
		if _, err := fs.Stat(fsys, name); !errors.Is(err, ErrLink) {
			t.Errorf("Stat %s: err = %v, want ErrLink", name, err)
		}
	}
	if _, err := fs.ReadDir(fsys, "data"); !errors.Is(err, ErrLink) {
		t.Errorf("ReadDir data: err = %v, want ErrLink", err)
	}
	if _, err := fs.ReadFile(fsys, "../"+filepath.Base(outside)+"/secret"); err == nil {
		t.Error("a path with .. was read")
	}
	var got []string
	for _, l := range Links(fsys) {
		got = append(got, l.Path+" -> "+l.Target)
	}
	want := []string{"data -> " + outside, "static/env.txt -> " + filepath.Join(outside, "secret"), "static/inside.css -> css/site.css"}
	if len(got) != len(want) {
		t.Fatalf("Links = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("Links[%d] = %q, want %q", i, got[i], want[i])
		}
	}
}
