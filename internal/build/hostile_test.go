package build

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/write"
)

// The hostile-input tests of issue 14: what a stranger's pull request can put in a site
// must not publish anything from outside it.

// A symbolic link anywhere among the inputs — to a secret outside the site, to the site's
// own .git, to a folder — is an error naming it, and the build publishes nothing: the
// previous site stays as it was and the secret is in no file of it.
func TestSymlinksAreRefused(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.txt")
	if err := os.WriteFile(secret, []byte("extraheader = AUTHORIZATION: basic c2VjcmV0"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		link   string // slash path in the site
		target func(src string) string
	}{
		{"a static file to a secret", "static/env.txt", func(string) string { return secret }},
		{"a static file to /proc/self/environ", "static/env.txt", func(string) string { return "/proc/self/environ" }},
		{"a static file to .git/config", "static/config.txt", func(src string) string {
			git := filepath.Join(src, ".git")
			_ = os.MkdirAll(git, 0o755)
			_ = os.WriteFile(filepath.Join(git, "config"), []byte("extraheader = secret"), 0o644)
			return "../.git/config"
		}},
		{"a static folder", "static/etc", func(string) string { return outside }},
		{"a data file", "data/plans/ke-hoach-b-2023.toml", func(string) string { return secret }},
		{"the data/results folder", "data/results", func(string) string { return outside }},
		{"a content page", "content/gioi-thieu.md", func(string) string { return secret }},
		{"a layout", "layouts/partials/x.html", func(string) string { return secret }},
		{"the layouts folder", "layouts", func(string) string { return outside }},
		{"a strings file", "i18n/vi.toml", func(string) string { return secret }},
		{"a theme file", "themes/default/layouts/base.html", func(string) string { return secret }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := copyTree(t, baseSite)
			dest := filepath.Join(t.TempDir(), "public")
			mustRun(t, Options{Source: src, Dest: dest, Workers: 2})
			before := tree(t, dest, everyTimes)
			p := filepath.Join(src, filepath.FromSlash(tt.link))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			_ = os.RemoveAll(p)
			if err := os.Symlink(tt.target(src), p); err != nil {
				t.Fatal(err)
			}
			res, err := Run(context.Background(), Options{Source: src, Dest: dest, Workers: 2})
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("err = %v, want ErrInvalid", err)
			}
			found := false
			for _, d := range res.Diagnostics.Items() {
				found = found || d.Code == diag.Symlink && d.Pos.File == tt.link
			}
			if !found {
				t.Errorf("no %s error at %s:\n%v", diag.Symlink, tt.link, res.Diagnostics.Err("en"))
			}
			if d := treeDiff(before, tree(t, dest, everyTimes)); len(d) > 0 {
				t.Errorf("the previous site changed: %v", d)
			}
			for name, body := range tree(t, dest, bytesOnly) {
				if strings.Contains(body, "extraheader") {
					t.Errorf("%s holds the secret", name)
				}
			}
			_, diags := Check(src)
			if !diags.HasErrors() {
				t.Error("check finds no error")
			}
		})
	}
}

// A --dest that is a symbolic link is refused: replacing the link would leave the folder
// it points at, which the host serves, with the old site.
func TestDestinationLinkIsRefused(t *testing.T) {
	src := copyTree(t, baseSite)
	real := filepath.Join(t.TempDir(), "served")
	mustRun(t, Options{Source: src, Dest: real})
	before := tree(t, real, everyTimes)
	link := filepath.Join(t.TempDir(), "public")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	_, err := Run(context.Background(), Options{Source: src, Dest: link})
	if err == nil || errors.Is(err, ErrInvalid) {
		t.Fatalf("err = %v, want a refusal", err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", fi, err)
	}
	if d := treeDiff(before, tree(t, real, everyTimes)); len(d) > 0 {
		t.Errorf("the linked site changed: %v", d)
	}
}

// A named pipe among the inputs would make the build wait forever for a writer: it is an
// error naming it, and the build ends at once without publishing.
func TestPipesAreRefused(t *testing.T) {
	for _, name := range []string{"static/x.txt", "data/plans/ke-hoach-b-2023.toml", "content/updates/2023-07-10-a.md"} {
		t.Run(name, func(t *testing.T) {
			src := copyTree(t, baseSite)
			p := filepath.Join(src, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Fatal(err)
			}
			dest := filepath.Join(t.TempDir(), "public")
			res, err := Run(context.Background(), Options{Source: src, Dest: dest})
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("err = %v, want ErrInvalid", err)
			}
			found := false
			for _, d := range res.Diagnostics.Items() {
				found = found || d.Code == diag.SpecialFile && d.Pos.File == name
			}
			if !found {
				t.Errorf("no %s at %s:\n%v", diag.SpecialFile, name, res.Diagnostics.Err("en"))
			}
			if _, err := os.Stat(dest); err == nil {
				t.Error("something was published")
			}
		})
	}
}

// The unfinished trees of killed builds (kill -9 leaves .public.new-<digits>, with the
// marker or empty) are removed by the next build; other folders beside the destination are
// not touched.
func TestLeftoversOfKilledBuildsAreRemoved(t *testing.T) {
	src := copyTree(t, baseSite)
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	for _, dir := range []string{".public.new-123", ".public.new-456/dia-phuong", ".public.new-mine", ".public.new-789/x", ".other.new-1", "keep"} {
		if err := os.MkdirAll(filepath.Join(parent, dir), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(parent, ".public.new-456", write.Marker), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, Options{Source: src, Dest: dest})
	entries, _ := os.ReadDir(parent)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	// .public.new-789 holds no marker: it may not be a build's
	if strings.Join(names, " ") != ".other.new-1 .public.new-789 .public.new-mine keep public" {
		t.Errorf("beside public/: %v", names)
	}
}

// A 60 KB file saved while `serve` runs lifted its memory from 52 MB to 987 MB: now the
// save is refused at its line in a few megabytes, and the next good save is served.
func TestDeepFileSavedDuringServeIsCheap(t *testing.T) {
	src := copyTree(t, baseSite)
	pr := NewPreparer(Options{Source: src, BaseURL: "/"}, nil)
	if _, err := pr.Prepare(); err != nil {
		t.Fatal(err)
	}
	name := "data/localities/sau.toml"
	deep := "[[locality]]\nid = \"xa-sau\"\nname = \"Xã Sâu\"\nkind = \"xa\"\nparent = \"tinh-a\"\nnote = " +
		strings.Repeat("{a=", 20000) + strings.Repeat("}", 20000) + "\n"
	if err := os.WriteFile(filepath.Join(src, name), []byte(deep), 0o644); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	p, err := pr.PrepareChanged([]string{name})
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrInvalid) {
		t.Fatalf("err = %v, want ErrInvalid", err)
	}
	found := false
	for _, d := range p.Diagnostics.Items() {
		found = found || d.Code == diag.TooLarge && d.Pos.File == name && d.Pos.Line == 6
	}
	if !found {
		t.Errorf("no %s at %s:6:\n%v", diag.TooLarge, name, p.Diagnostics.Err("en"))
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 50<<20 {
		t.Errorf("preparing the save allocated %d MB", alloc>>20)
	}
	if err := os.WriteFile(filepath.Join(src, name), []byte("[[locality]]\nid = \"xa-sau\"\nname = \"Xã Sâu\"\nkind = \"xa\"\nparent = \"tinh-a\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := pr.PrepareChanged([]string{name}); err != nil {
		t.Fatalf("the fixed file: %v", err)
	}
}
