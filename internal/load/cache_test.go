package load_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/sitetest"
)

// countingFS counts the files opened for reading; looking at a file (Stat) is not counted.
type countingFS struct {
	fs.FS
	mu     sync.Mutex
	opened []string
}

func (c *countingFS) Open(name string) (fs.File, error) {
	f, err := c.FS.Open(name)
	if err == nil {
		if info, err := f.Stat(); err == nil && !info.IsDir() {
			c.mu.Lock()
			c.opened = append(c.opened, name)
			c.mu.Unlock()
		}
	}
	return f, err
}

func (c *countingFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(c.FS, name) }

// reads returns the files opened since the last call, sorted.
func (c *countingFS) reads() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.opened
	c.opened = nil
	slices.Sort(out)
	return out
}

// past sets the modification time of every file below dir to an hour ago, so the cache
// trusts sizes and times (files written this instant are compared by content).
func past(t *testing.T, dir string) {
	t.Helper()
	old := time.Now().Add(-time.Hour)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return os.Chtimes(p, old, old)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func diagText(l *diag.List) string {
	var b strings.Builder
	for _, d := range l.Items() {
		b.WriteString(d.Text("en") + "\n")
	}
	return b.String()
}

// TestCacheDecodesOnlyChangedFiles: loading again with a Cache reads only the files whose
// size or time changed (or that changed within the same clock tick as their last read),
// names exactly the files that are new, changed or gone, and gives what Load gives.
func TestCacheDecodesOnlyChangedFiles(t *testing.T) {
	dir := sitetest.CopyExample(t, "../..")
	past(t, dir)
	fsys := &countingFS{FS: os.DirFS(dir)}
	var c load.Cache
	loadAgain := func(wantChanged, wantRead []string) {
		t.Helper()
		fsys.reads()
		site, diags, changed := c.Load(fsys)
		if !slices.Equal(changed, wantChanged) {
			t.Errorf("changed = %q, want %q", changed, wantChanged)
		}
		if got := fsys.reads(); wantRead != nil && !slices.Equal(got, wantRead) {
			t.Errorf("read %q, want %q", got, wantRead)
		}
		want, wantDiags := load.Load(os.DirFS(dir))
		if !reflect.DeepEqual(site, want) {
			t.Error("the cached load differs from Load")
		}
		if g, w := diagText(diags), diagText(wantDiags); g != w {
			t.Errorf("diagnostics differ from Load's:\n%s\nwant:\n%s", g, w)
		}
	}
	_, _, first := c.Load(fsys)
	if len(first) < 10 || len(fsys.reads()) != len(first) {
		t.Fatalf("the first load names %d files as changed", len(first))
	}
	loadAgain(nil, []string{})

	results := "data/results/can-tho-2019-07-11.toml"
	file := filepath.Join(dir, results)
	edit := func(old, new string) {
		t.Helper()
		b, err := os.ReadFile(file)
		if err != nil || !strings.Contains(string(b), old) {
			t.Fatalf("%s does not hold %q (%v)", results, old, err)
		}
		info, _ := os.Stat(file)
		if err := os.WriteFile(file, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		if mod := info.ModTime(); !mod.Before(time.Now().Add(-time.Minute)) {
			return
		}
		later := info.ModTime().Add(time.Minute) // a save a minute after the last one
		if err := os.Chtimes(file, later, later); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("a changed file", func(t *testing.T) {
		edit("123_784", "123_785")
		loadAgain([]string{results}, []string{results})
		loadAgain(nil, []string{})
	})
	t.Run("a touched file is read, not decoded", func(t *testing.T) {
		info, _ := os.Stat(file)
		later := info.ModTime().Add(time.Minute)
		if err := os.Chtimes(file, later, later); err != nil {
			t.Fatal(err)
		}
		loadAgain(nil, []string{results})
	})
	t.Run("two saves in one clock tick", func(t *testing.T) {
		// Saved now: the cache cannot trust the time yet and compares the bytes.
		if err := os.Chtimes(file, time.Now(), time.Now()); err != nil {
			t.Fatal(err)
		}
		loadAgain(nil, []string{results})
		info, _ := os.Stat(file)
		edit("123_785", "123_786") // same size …
		if err := os.Chtimes(file, info.ModTime(), info.ModTime()); err != nil {
			t.Fatal(err) // … and the same time
		}
		loadAgain([]string{results}, []string{results})
		past(t, dir) // every file touched: all read again, none decoded
		loadAgain(nil, nil)
	})
	t.Run("a syntax error and its fix", func(t *testing.T) {
		edit("123_786", "123_786 x")
		loadAgain([]string{results}, []string{results})
		site, diags, _ := c.Load(fsys)
		if !diags.HasErrors() || !slices.Contains(site.Unreadable, results) {
			t.Errorf("a file with a syntax error is not reported unreadable again: %q", site.Unreadable)
		}
		edit("123_786 x", "123_786")
		loadAgain([]string{results}, []string{results})
	})
	t.Run("a file comes and goes", func(t *testing.T) {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		copied := "data/results/can-tho-ban-sao.toml"
		if err := os.WriteFile(filepath.Join(dir, copied), b, 0o644); err != nil {
			t.Fatal(err)
		}
		loadAgain([]string{copied}, []string{copied})
		if err := os.Remove(file); err != nil {
			t.Fatal(err)
		}
		loadAgain([]string{results}, nil)
	})
}

// TestCacheLoadChangedLooksOnlyAtSuspects: told which files may have changed, the cache
// looks at those only, and still finds files that came or went.
func TestCacheLoadChangedLooksOnlyAtSuspects(t *testing.T) {
	dir := sitetest.CopyExample(t, "../..")
	past(t, dir)
	var c load.Cache
	c.Load(os.DirFS(dir))
	results := "data/results/can-tho-2019-07-11.toml"
	b, err := os.ReadFile(filepath.Join(dir, results))
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(b), "123_784", "123_785", 1)
	if err := os.WriteFile(filepath.Join(dir, results), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	copied := "data/results/ban-sao.toml"
	if err := os.WriteFile(filepath.Join(dir, copied), b, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, changed := c.LoadChanged(os.DirFS(dir), []string{}); !slices.Equal(changed, []string{copied}) {
		t.Errorf("with no suspects: changed %q, want only the new file", changed)
	}
	if _, _, changed := c.LoadChanged(os.DirFS(dir), []string{results, "themes/x.css"}); !slices.Equal(changed, []string{results}) {
		t.Errorf("with the edited file a suspect: changed %q", changed)
	}
	if err := os.Remove(filepath.Join(dir, copied)); err != nil {
		t.Fatal(err)
	}
	site, _, changed := c.LoadChanged(os.DirFS(dir), []string{})
	if !slices.Equal(changed, []string{copied}) {
		t.Errorf("with a file gone: changed %q", changed)
	}
	want, _ := load.Load(os.DirFS(dir))
	if !reflect.DeepEqual(site, want) {
		t.Error("the cached load differs from Load")
	}
}

// TestStoreSkipsUnchangedFiles: a load through a store does not read a file the store saw
// with the same size and modification time (modified well before it was read), and reads
// every other one — edited, touched, or modified right before the store read it — and
// gives what Load gives each time.
func TestStoreSkipsUnchangedFiles(t *testing.T) {
	dir := sitetest.CopyExample(t, "../..")
	past(t, dir)
	path := filepath.Join(t.TempDir(), "load.bin")
	fsys := &countingFS{FS: os.DirFS(dir)}
	loadWithStore := func(what string, wantRead []string) {
		t.Helper()
		st, err := load.OpenStore(path, "v1")
		if err != nil {
			t.Fatal(err)
		}
		var c load.Cache
		c.UseStore(st)
		fsys.reads()
		site, _, changed := c.Load(fsys)
		if got := fsys.reads(); wantRead != nil && !slices.Equal(got, wantRead) {
			t.Errorf("%s: read %q, want %q", what, got, wantRead)
		}
		if want, _ := load.Load(os.DirFS(dir)); !reflect.DeepEqual(site, want) {
			t.Errorf("%s: the site differs from Load's", what)
		}
		if what != "the first load" && c.FromStore() != len(changed) {
			t.Errorf("%s: %d of %d files from the store, want all", what, c.FromStore(), len(changed))
		}
		if c.StoreChanged() {
			if err := c.WriteStore(path, "v1"); err != nil {
				t.Fatal(err)
			}
		}
	}
	loadWithStore("the first load", nil)
	loadWithStore("nothing changed", []string{})

	results := "data/results/can-tho-2019-07-11.toml"
	file := filepath.Join(dir, results)
	old, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	hour := time.Now().Add(-time.Hour)
	touch := func(mod time.Time) {
		t.Helper()
		if err := os.Chtimes(file, mod, mod); err != nil {
			t.Fatal(err)
		}
	}
	touch(hour.Add(time.Minute)) // same bytes, another time: read, and found in the store by them
	loadWithStore("touched", []string{results})
	loadWithStore("after the touch", []string{})

	if err := os.WriteFile(file, append(old, "\n# edited\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	touch(hour.Add(2 * time.Minute))
	// the edit is not in the store: read and decoded, then stored
	st, _ := load.OpenStore(path, "v1")
	var c load.Cache
	c.UseStore(st)
	c.Load(fsys)
	if c.FromStore() == 0 || !slices.Contains(fsys.reads(), results) {
		t.Error("edited: the file was not read")
	}
	if err := c.WriteStore(path, "v1"); err != nil {
		t.Fatal(err)
	}
	loadWithStore("after the edit", []string{})

	// modified right before the store read it: a second save in the same clock tick could
	// follow unseen, so it is read every time until it is older than its reading
	if err := os.WriteFile(file, old, 0o644); err != nil {
		t.Fatal(err)
	}
	c = load.Cache{}
	st, _ = load.OpenStore(path, "v1")
	c.UseStore(st)
	c.Load(fsys)
	fsys.reads()
	if err := c.WriteStore(path, "v1"); err != nil {
		t.Fatal(err)
	}
	loadWithStore("saved just before the last load", []string{results})
	loadWithStore("again", []string{results})
}
