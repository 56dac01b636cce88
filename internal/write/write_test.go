package write

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/covsite/covsite/internal/diag"
	"time"
)

// snapshot is a directory tree as bytes, modes and modification times, for comparing
// before and after.
type snapshot map[string]string

func snap(t *testing.T, root string) snapshot {
	t.Helper()
	out := snapshot{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		entry := fmt.Sprintf("%v %d", info.Mode(), info.ModTime().UnixNano())
		if info.Mode().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			entry += " " + string(b)
		}
		out[rel] = entry
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func (s snapshot) diff(o snapshot) []string {
	var out []string
	for k, v := range s {
		if w, ok := o[k]; !ok {
			out = append(out, "gone: "+k)
		} else if v != w {
			out = append(out, "changed: "+k)
		}
	}
	for k := range o {
		if _, ok := s[k]; !ok {
			out = append(out, "new: "+k)
		}
	}
	return out
}

func mkfile(t *testing.T, p, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// build writes files into a new tree for dest and commits it.
func build(t *testing.T, dest string, files map[string]string) Stats {
	t.Helper()
	return buildWith(t, dest, func(tree *Tree) error {
		for rel, body := range files {
			if err := tree.Write(rel, []byte(body)); err != nil {
				return err
			}
		}
		return nil
	})
}

func TestCheckDestinationRefuses(t *testing.T) {
	root := t.TempDir()
	home := filepath.Join(root, "home")
	site := filepath.Join(home, "site")
	mkfile(t, filepath.Join(site, "data", "site.toml"), "title = \"x\"\n")
	mkfile(t, filepath.Join(root, "notes", "todo.txt"), "keep me\n")
	mkfile(t, filepath.Join(root, "afile"), "x")
	if err := os.Symlink(site, filepath.Join(root, "link-to-site")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(home, filepath.Join(root, "link-to-home")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HOME", home)
	tests := []struct {
		name, dest, why string
	}{
		{"root", "/", "choose a directory"},
		{"home", home, "home directory"},
		{"home with a trailing slash", home + "/", "home directory"},
		{"link to home", filepath.Join(root, "link-to-home"), "home directory"},
		{"source", site, "own source"},
		{"source written differently", filepath.Join(site, "data", ".."), "own source"},
		{"link to source", filepath.Join(root, "link-to-site"), "own source"},
		{"parent of source", root, "contains the source"},
		{"a folder that is not covsite output", filepath.Join(root, "notes"), "not written by covsite"},
		{"a file", filepath.Join(root, "afile"), "afile"},
		{"the data folder", filepath.Join(site, "data"), "inside data/"},
		{"a new folder in static", filepath.Join(site, "static", "public"), "inside static/"},
		{"a new folder in content", filepath.Join(site, "content", "x", "y"), "inside content/"},
		{"a new folder in layouts", filepath.Join(site, "layouts", "out"), "inside layouts/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckDestination(tt.dest, site)
			if err == nil || !strings.Contains(err.Error(), tt.why) {
				t.Errorf("CheckDestination(%s) = %v, want an error saying %q", tt.dest, err, tt.why)
			}
			if vi := diag.Text(err, "vi"); vi == err.Error() || !strings.Contains(vi, "không") {
				t.Errorf("CheckDestination(%s): not in Vietnamese: %s", tt.dest, vi)
			}
		})
	}
	before := snap(t, root)
	for _, ok := range []string{filepath.Join(site, "public"), filepath.Join(root, "out", "deep", "public"), t.TempDir()} {
		if err := CheckDestination(ok, site); err != nil {
			t.Errorf("CheckDestination(%s) = %v, want nil", ok, err)
		}
	}
	if d := before.diff(snap(t, root)); len(d) > 0 {
		t.Errorf("CheckDestination changed the file system: %v", d)
	}
	prev := filepath.Join(root, "prev")
	build(t, prev, map[string]string{"index.html": "x"})
	if err := CheckDestination(prev, site); err != nil {
		t.Errorf("a previous covsite build must be replaceable: %v", err)
	}
}

// Unchanged files keep their modification time across builds (a sync uploads only what
// changed); files no longer produced disappear.
func TestCommitKeepsUnchangedFilesAndDropsStaleOnes(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	build(t, dest, map[string]string{"index.html": "home", "a/index.html": "A", "old/index.html": "old"})
	past := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, rel := range []string{"index.html", "a/index.html"} {
		if err := os.Chtimes(filepath.Join(dest, rel), past, past); err != nil {
			t.Fatal(err)
		}
	}
	stats := build(t, dest, map[string]string{"index.html": "home", "a/index.html": "A changed", "b/index.html": "B"})
	if stats.Unchanged != 2 || stats.Files != 4 { // 3 pages and the marker, which is unchanged too
		t.Errorf("stats = %+v, want 4 files, 2 unchanged", stats)
	}
	tests := []struct {
		rel      string
		body     string
		keepTime bool
	}{
		{"index.html", "home", true},
		{"a/index.html", "A changed", false},
		{"b/index.html", "B", false},
	}
	for _, tt := range tests {
		p := filepath.Join(dest, tt.rel)
		b, err := os.ReadFile(p)
		if err != nil || string(b) != tt.body {
			t.Errorf("%s = %q, %v; want %q", tt.rel, b, err, tt.body)
			continue
		}
		info, _ := os.Stat(p)
		if kept := info.ModTime().Equal(past); kept != tt.keepTime {
			t.Errorf("%s: mtime %v, kept = %v, want %v", tt.rel, info.ModTime(), kept, tt.keepTime)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "old")); !os.IsNotExist(err) {
		t.Errorf("the stale folder old/ survived: %v", err)
	}
	assertNoLeftovers(t, filepath.Dir(dest), "public")
}

// assertNoLeftovers fails when the parent holds anything but dest and the given extras.
func assertNoLeftovers(t *testing.T, parent string, keep ...string) {
	t.Helper()
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		found := false
		for _, k := range keep {
			found = found || e.Name() == k
		}
		if !found {
			t.Errorf("left behind in %s: %s", parent, e.Name())
		}
	}
}

// An aborted build — an error half way — leaves the destination byte for byte, mode for
// mode and mtime for mtime as it was, and no temporary directory: a new tree (Begin) as
// an in-place update (Update).
func TestAbortLeavesTheDestinationAsItWas(t *testing.T) {
	for _, start := range []struct {
		name  string
		begin func(dest string, prev Manifest) (*Tree, error)
	}{
		{"new tree", func(dest string, _ Manifest) (*Tree, error) { return Begin(dest) }},
		{"in place", Update},
	} {
		t.Run(start.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			prev, _ := first(t, dest, map[string]string{"index.html": "home", "a/index.html": "A"})
			before := snap(t, dest)
			tree, err := start.begin(dest, prev)
			if err != nil {
				t.Fatal(err)
			}
			for rel, body := range map[string]string{"index.html": "NEW home", "a/index.html": "A", "c/index.html": "C"} {
				if err := tree.Write(rel, []byte(body)); err != nil {
					t.Fatal(err)
				}
			}
			tree.Abort()
			if d := before.diff(snap(t, dest)); len(d) > 0 {
				t.Errorf("the destination changed: %v", d)
			}
			assertNoLeftovers(t, filepath.Dir(dest), "public")
		})
	}
}

func TestWriteRefusesPathsOutsideTheTree(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	tree, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer tree.Abort()
	before := snap(t, parent)
	for _, rel := range []string{"", ".", "..", "../x", "a/../../x", "/etc/passwd", "/abs", "a\\..\\..\\x", "a\x00b", "./a", "a//b", "a/", "C:\\x"} {
		if err := tree.Write(rel, []byte("x")); err == nil {
			t.Errorf("Write(%q) succeeded", rel)
		}
	}
	if d := before.diff(snap(t, parent)); len(d) > 0 {
		t.Errorf("refused writes changed the file system: %v", d)
	}
}

func TestWriteTwiceIsAnError(t *testing.T) {
	tree, err := Begin(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer tree.Abort()
	if err := tree.Write("gioi-thieu/index.html", []byte("a")); err != nil {
		t.Fatal(err)
	}
	if err := tree.Write("gioi-thieu/index.html", []byte("b")); err == nil || !strings.Contains(err.Error(), "same path") {
		t.Errorf("second write: %v", err)
	}
	if err := tree.Write(Marker, nil); err == nil {
		t.Error("a page may not replace the marker")
	}
}

// Replacing a destination removes the previous tree and only it: siblings with similar
// names and whatever a symbolic link inside the old tree points to stay.
func TestCommitNeverDeletesOutsideTheDestination(t *testing.T) {
	parent := t.TempDir()
	outside := t.TempDir()
	mkfile(t, filepath.Join(outside, "precious.txt"), "keep")
	dest := filepath.Join(parent, "public")
	build(t, dest, map[string]string{"index.html": "v1"})
	if err := os.Symlink(outside, filepath.Join(dest, "link")); err != nil {
		t.Fatal(err)
	}
	for _, sib := range []string{"public.old", "public-2", ".public.new-mine", "public.txt"} {
		mkfile(t, filepath.Join(parent, sib, "f"), sib)
	}
	beforeParent := snap(t, parent)
	beforeOutside := snap(t, outside)
	build(t, dest, map[string]string{"index.html": "v2"})
	if d := beforeOutside.diff(snap(t, outside)); len(d) > 0 {
		t.Errorf("outside the destination: %v", d)
	}
	after := snap(t, parent)
	for rel, v := range beforeParent {
		if rel == "public" || strings.HasPrefix(rel, "public"+string(filepath.Separator)) || rel == "." {
			continue
		}
		if after[rel] != v {
			t.Errorf("sibling %s changed", rel)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "v2" {
		t.Errorf("index.html = %q", b)
	}
}

func TestConcurrentWrites(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	tree, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 200)
	for i := range 200 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- tree.Write(fmt.Sprintf("d%d/p%d/index.html", i%7, i), []byte(fmt.Sprint(i)))
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := tree.Commit(); err != nil {
		t.Fatal(err)
	}
	for i := range 200 {
		b, err := os.ReadFile(filepath.Join(dest, fmt.Sprintf("d%d/p%d/index.html", i%7, i)))
		if err != nil || string(b) != fmt.Sprint(i) {
			t.Fatalf("page %d: %q, %v", i, b, err)
		}
	}
}

// The fallback for file systems without an atomic exchange swaps by two renames.
func TestSwapByRename(t *testing.T) {
	root := t.TempDir()
	a, b := filepath.Join(root, "a"), filepath.Join(root, "b")
	mkfile(t, filepath.Join(a, "f"), "A")
	mkfile(t, filepath.Join(b, "f"), "B")
	if err := swapByRename(a, b); err != nil {
		t.Fatal(err)
	}
	for dir, want := range map[string]string{a: "B", b: "A"} {
		if got, _ := os.ReadFile(filepath.Join(dir, "f")); string(got) != want {
			t.Errorf("%s/f = %q, want %q", dir, got, want)
		}
	}
	assertNoLeftovers(t, root, "a", "b")
}

// Stream keeps an unchanged large file (linked, mtime kept), writes a changed one, and
// leaves nothing behind when the writer fails.
func TestStream(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	big := strings.Repeat("0123456789", 100_000) // larger than the copy buffers
	streamed := func(s string) func(io.Writer) error {
		return func(w io.Writer) error {
			for len(s) > 0 { // many small writes
				n := min(len(s), 7)
				if _, err := io.WriteString(w, s[:n]); err != nil {
					return err
				}
				s = s[n:]
			}
			return nil
		}
	}
	first := func(tree *Tree) error {
		if err := tree.Stream("du-lieu/same.json", streamed(big)); err != nil {
			return err
		}
		return tree.Stream("du-lieu/changed.json", streamed(big))
	}
	buildWith(t, dest, first)
	past := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, rel := range []string{"du-lieu/same.json", "du-lieu/changed.json"} {
		if err := os.Chtimes(filepath.Join(dest, rel), past, past); err != nil {
			t.Fatal(err)
		}
	}
	changed := big[:len(big)-1] + "x" // same size, last byte differs
	stats := buildWith(t, dest, func(tree *Tree) error {
		if err := tree.Stream("du-lieu/same.json", streamed(big)); err != nil {
			return err
		}
		return tree.Stream("du-lieu/changed.json", streamed(changed))
	})
	if stats.Unchanged != 2 || stats.Files != 3 || stats.Bytes != int64(2*len(big)) {
		t.Errorf("stats = %+v, want 3 files (marker included), 2 unchanged, %d bytes", stats, 2*len(big))
	}
	for rel, want := range map[string]struct {
		body     string
		keepTime bool
	}{"du-lieu/same.json": {big, true}, "du-lieu/changed.json": {changed, false}} {
		p := filepath.Join(dest, rel)
		b, err := os.ReadFile(p)
		if err != nil || string(b) != want.body {
			t.Errorf("%s: %d bytes, %v; want the streamed %d", rel, len(b), err, len(want.body))
		}
		info, _ := os.Stat(p)
		if kept := info.ModTime().Equal(past); kept != want.keepTime {
			t.Errorf("%s: mtime kept = %v, want %v", rel, kept, want.keepTime)
		}
	}

	tree, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	failing := func(w io.Writer) error {
		_, _ = io.WriteString(w, "half a file")
		return errors.New("disk on fire")
	}
	if err := tree.Stream("du-lieu/broken.json", failing); err == nil || !strings.Contains(err.Error(), "du-lieu/broken.json: disk on fire") {
		t.Errorf("Stream error = %v, want the path and the cause", err)
	}
	if _, err := os.Stat(filepath.Join(tree.tmp, "du-lieu", "broken.json")); !os.IsNotExist(err) {
		t.Errorf("a failed stream left its half file: %v", err)
	}
	tree.Abort()
}

// buildWith runs one build that fn fills and commits it.
func buildWith(t *testing.T, dest string, fn func(*Tree) error) Stats {
	t.Helper()
	tree, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := fn(tree); err != nil {
		tree.Abort()
		t.Fatal(err)
	}
	stats := tree.Stats()
	if err := tree.Commit(); err != nil {
		t.Fatal(err)
	}
	return stats
}

// TestManifest builds a tree, then builds again with its manifest: a file kept (Keep) or
// written with the same bytes is the previous file, linked without being read, with its
// time; a file whose time or size is not the manifest's is compared by reading it, as
// without a manifest; the manifest describes every file of the tree it comes from.
func TestManifest(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	files := map[string]string{"a.html": "a", "b/index.html": "bb", "c.json": "ccc", "d.csv": "dddd", "e.txt": "e"}
	var first Manifest
	buildWith(t, dest, func(tr *Tree) error {
		for rel, body := range files {
			if err := tr.Write(rel, []byte(body)); err != nil {
				return err
			}
		}
		first = tr.Manifest()
		return nil
	})
	checkManifest(t, dest, first)
	// d.csv is touched behind the build's back: same bytes, another time.
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(filepath.Join(dest, "d.csv"), later, later); err != nil {
		t.Fatal(err)
	}
	before := snap(t, dest)
	var second Manifest
	kept := map[string]bool{}
	stats := buildWith(t, dest, func(tr *Tree) error {
		tr.UsePrevious(first)
		for _, rel := range []string{"a.html", "d.csv", "gone.html"} {
			ok, err := tr.Keep(rel)
			if err != nil {
				return err
			}
			kept[rel] = ok
		}
		if !kept["d.csv"] {
			if err := tr.Write("d.csv", []byte("dddd")); err != nil { // read and compared
				return err
			}
		}
		if err := tr.Write("b/index.html", []byte("bb")); err != nil { // same hash: linked
			return err
		}
		if err := tr.Write("c.json", []byte("CCC")); err != nil { // another hash: written
			return err
		}
		err := tr.Stream("e.txt", func(w io.Writer) error { _, err := io.WriteString(w, "e"); return err })
		second = tr.Manifest()
		return err
	})
	if !kept["a.html"] || kept["d.csv"] || kept["gone.html"] {
		t.Errorf("Keep: %v; want a.html only (d.csv's time changed, gone.html was never built)", kept)
	}
	after := snap(t, dest)
	for _, rel := range []string{"a.html", "b/index.html", "d.csv", "e.txt"} {
		if after[rel] != before[rel] {
			t.Errorf("%s changed: %q → %q", rel, before[rel], after[rel])
		}
	}
	if after["c.json"] == before["c.json"] || !strings.HasSuffix(after["c.json"], " CCC") {
		t.Errorf("c.json: %q", after["c.json"])
	}
	if stats.Unchanged != 5 || stats.Files != 6 || stats.Stale != 1 { // all but c.json, with the marker; d.csv
		t.Errorf("stats %+v; want 6 files, 5 unchanged, 1 stale", stats)
	}
	checkManifest(t, dest, second)
}

// A tree WithoutSums hashes nothing and lists no file unless a previous manifest is there
// to compare with (then its manifest is a hashing tree's); its files are a hashing tree's.
func TestWithoutSums(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	files := map[string]string{"a.html": "a", "b/index.html": "bb"}
	writeAll := func(tr *Tree) error {
		for rel, body := range files {
			if err := tr.Write(rel, []byte(body)); err != nil {
				return err
			}
		}
		return tr.Stream("c.json", func(w io.Writer) error { _, err := io.WriteString(w, "ccc"); return err })
	}
	var unsummed, summed Manifest
	buildWith(t, dest, func(tr *Tree) error {
		tr.WithoutSums()
		err := writeAll(tr)
		unsummed = tr.Manifest()
		return err
	})
	for _, rel := range []string{"a.html", "b/index.html", "c.json"} {
		if st, ok := unsummed[rel]; ok {
			t.Errorf("%s listed without sums (%+v): nobody keeps the manifest", rel, st)
		}
		if b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(rel))); err != nil || len(b) == 0 {
			t.Errorf("%s without sums: %q, %v", rel, b, err)
		}
	}
	if b, err := os.ReadFile(filepath.Join(dest, "c.json")); err != nil || string(b) != "ccc" {
		t.Errorf("c.json = %q, %v", b, err)
	}
	buildWith(t, dest, func(tr *Tree) error {
		tr.WithoutSums()
		tr.UsePrevious(Manifest{}) // a manifest to compare with: every file hashed
		err := writeAll(tr)
		summed = tr.Manifest()
		return err
	})
	checkManifest(t, dest, summed)
}

// checkManifest checks that m describes exactly the files of dest, marker included.
func checkManifest(t *testing.T, dest string, m Manifest) {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		n++
		rel, _ := filepath.Rel(dest, p)
		st, ok := m[filepath.ToSlash(rel)]
		info, _ := d.Info()
		b, _ := os.ReadFile(p)
		if !ok || st.Size != info.Size() || st.ModTime != info.ModTime().UnixNano() || st.Sum != sha256.Sum256(b) {
			t.Errorf("manifest of %s: %+v, ok %v", rel, st, ok)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != len(m) {
		t.Errorf("manifest has %d files, the tree %d", len(m), n)
	}
}

// TestSameTime: a time restored without its nanoseconds still matches; any other does not.
func TestSameTime(t *testing.T) {
	const rec = int64(1_700_000_000_123_456_789)
	for _, tc := range []struct {
		disk int64
		want bool
	}{
		{rec, true},
		{1_700_000_000_000_000_000, true},
		{1_700_000_001_000_000_000, false},
		{1_700_000_000_123_000_000, false},
		{rec + 1, false},
	} {
		if got := sameTime(tc.disk, rec); got != tc.want {
			t.Errorf("sameTime(%d, %d) = %v", tc.disk, rec, got)
		}
	}
}

// A folder is made once, with its ancestors when they are new: pages deep in new folders,
// then beside them, then a file where a folder is and a folder where a file is — both
// refused with the path, nothing half-written left in the destination.
func TestFoldersAndFilesInEachOthersPlace(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	tree, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"x/y/z/w/index.html", "x/y/z/v/index.html", "x/y/u/index.html", "x/index.html"} {
		if err := tree.Write(rel, []byte(rel)); err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
	}
	if err := tree.Write("x/y/z", []byte("a file where a folder is")); err == nil || !strings.Contains(err.Error(), "x/y/z") {
		t.Errorf("a file over the folder x/y/z: %v, want an error naming it", err)
	}
	if err := tree.Write("x/index.html/a.html", []byte("a folder where a file is")); err == nil || !strings.Contains(err.Error(), "x/index.html") {
		t.Errorf("a folder over the file x/index.html: %v, want an error naming it", err)
	}
	if err := tree.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"x/y/z/w/index.html", "x/y/z/v/index.html", "x/y/u/index.html", "x/index.html"} {
		if b, err := os.ReadFile(filepath.Join(dest, rel)); err != nil || string(b) != rel {
			t.Errorf("%s: %q, %v", rel, b, err)
		}
	}
}
