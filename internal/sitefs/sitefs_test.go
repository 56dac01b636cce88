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

// TestFolderLookedAtOnce: a folder found not to be a link is not looked at again by the
// same file system, and wrapping it twice adds nothing; a link put in the folder's place
// afterwards is still found by Links (which build runs on every site it reads) and
// refused by a new file system.
func TestFolderLookedAtOnce(t *testing.T) {
	site, outside := t.TempDir(), t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(site, "data", "results"), 0o755))
	must(os.WriteFile(filepath.Join(site, "data", "results", "a.toml"), []byte("a"), 0o644))
	must(os.WriteFile(filepath.Join(outside, "a.toml"), []byte("secret"), 0o644))
	fsys, err := Open(site)
	must(err)
	if NoLinks(fsys) != fsys {
		t.Error("NoLinks wrapped a file system that already refuses links")
	}
	if b, err := fs.ReadFile(fsys, "data/results/a.toml"); err != nil || string(b) != "a" {
		t.Fatalf("ReadFile: %q, %v", b, err)
	}
	n := fsys.(noLinks)
	for _, dir := range []string{"data", "data/results"} {
		if _, ok := n.folders.Load(dir); !ok {
			t.Errorf("%s was not remembered as a folder", dir)
		}
	}
	if _, ok := n.folders.Load("data/results/a.toml"); ok {
		t.Error("a file was remembered as a folder")
	}
	must(os.RemoveAll(filepath.Join(site, "data", "results")))
	must(os.Symlink(outside, filepath.Join(site, "data", "results")))
	if links := Links(fsys); len(links) != 1 || links[0].Path != "data/results" {
		t.Errorf("Links = %v, want the link data/results", links)
	}
	again, err := Open(site)
	must(err)
	if _, err := fs.ReadFile(again, "data/results/a.toml"); !errors.Is(err, ErrLink) {
		t.Errorf("a new file system read through the link: err = %v", err)
	}
}
