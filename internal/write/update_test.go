package write

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// update updates dest in place from prev with files (and big, streamed), committing.
func update(t *testing.T, dest string, prev Manifest, files map[string]string, big map[string]string) (Stats, Manifest) {
	t.Helper()
	tree, err := Update(dest, prev)
	if err != nil {
		t.Fatal(err)
	}
	if !tree.inPlace {
		t.Fatal("Update of a covsite output with its manifest does not update in place")
	}
	for rel, body := range files {
		if err := tree.Write(rel, []byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	for rel, body := range big {
		if err := tree.Stream(rel, func(w io.Writer) error { _, err := io.WriteString(w, body); return err }); err != nil {
			t.Fatal(err)
		}
	}
	stats, m := tree.Stats(), tree.Manifest()
	if err := tree.Commit(); err != nil {
		t.Fatal(err)
	}
	return stats, m
}

// first builds dest with Begin and returns its manifest, every file dated in the past.
func first(t *testing.T, dest string, files map[string]string) (Manifest, time.Time) {
	t.Helper()
	var m Manifest
	buildWith(t, dest, func(tree *Tree) error {
		for rel, body := range files {
			if err := tree.Write(rel, []byte(body)); err != nil {
				return err
			}
		}
		m = tree.Manifest()
		return nil
	})
	past := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	for rel := range m {
		p := filepath.Join(dest, filepath.FromSlash(rel))
		if err := os.Chtimes(p, past, past); err != nil {
			t.Fatal(err)
		}
		st := m[rel]
		st.ModTime = past.UnixNano()
		m[rel] = st
	}
	return m, past
}

// An in-place update writes the files that changed, leaves the others untouched (same
// inode, same time), deletes the files no longer produced and the folders they leave
// empty, lets a file give way to a folder and a folder to a file, and leaves nothing
// beside the destination.
func TestUpdateWritesOnlyWhatChanged(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	prev, past := first(t, dest, map[string]string{"index.html": "home", "a/index.html": "A", "old/deep/index.html": "old",
		"x": "a file that becomes a folder", "y/index.html": "a folder that becomes a file", "big.csv": "1,2"})
	inode := func(rel string) uint64 {
		info, err := os.Stat(filepath.Join(dest, rel))
		if err != nil {
			t.Fatal(err)
		}
		return sysIno(info)
	}
	homeInode := inode("index.html")
	stats, m := update(t, dest, prev, map[string]string{"index.html": "home", "a/index.html": "A changed", "b/index.html": "B",
		"x/index.html": "now a folder", "y": "now a file"}, map[string]string{"big.csv": "1,2"})
	if stats.Unchanged != 3 || stats.Files != 7 { // the marker, index.html and big.csv are unchanged
		t.Errorf("stats = %+v, want 7 files, 3 unchanged", stats)
	}
	want := map[string]string{Marker: "", "index.html": "home", "a/index.html": "A changed", "b/index.html": "B", "x/index.html": "now a folder", "y": "now a file", "big.csv": "1,2"}
	got := map[string]string{}
	err := filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dest, p)
		got[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Errorf("dest holds %v, want %v", got, want)
	}
	for rel, body := range want {
		if got[rel] != body {
			t.Errorf("%s = %q, want %q", rel, got[rel], body)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "old")); !os.IsNotExist(err) {
		t.Errorf("the emptied folder old/ survived: %v", err)
	}
	if inode("index.html") != homeInode {
		t.Error("the unchanged index.html was written again")
	}
	for _, rel := range []string{"index.html", "big.csv"} {
		if info, _ := os.Stat(filepath.Join(dest, rel)); !info.ModTime().Equal(past) || m[rel].ModTime != past.UnixNano() {
			t.Errorf("%s: time %v, manifest %d; want both %v", rel, info.ModTime(), m[rel].ModTime, past)
		}
	}
	for rel, st := range m {
		if info, err := os.Stat(filepath.Join(dest, rel)); err != nil || info.Size() != st.Size || info.ModTime().UnixNano() != st.ModTime {
			t.Errorf("the manifest's %s (%+v) is not the file on disk (%v)", rel, st, err)
		}
	}
	assertNoLeftovers(t, filepath.Dir(dest), "public")
}

// A build killed once its commit's journal is written is finished by the next build into
// the same destination, before anything else; one killed before (Abort, or no journal)
// leaves the destination as it was.
func TestUpdateKilledDuringCommitIsFinished(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	prev, _ := first(t, dest, map[string]string{"index.html": "home", "gone/index.html": "gone"})
	tree, err := Update(dest, prev)
	if err != nil {
		t.Fatal(err)
	}
	if err := tree.Write("index.html", []byte("new home")); err != nil {
		t.Fatal(err)
	}
	if err := tree.Write(Marker, nil); err == nil {
		t.Error("the marker was written twice without an error")
	}
	killed := false
	commitHook = func() { killed = true; panic("killed") }
	func() {
		defer func() { _ = recover() }()
		_ = tree.Commit()
	}()
	commitHook = nil
	if !killed {
		t.Fatal("the commit did not reach its journal")
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "home" {
		t.Fatalf("before the next build, index.html = %q", b)
	}
	if intact := Intact(dest, prev); intact != nil {
		t.Errorf("Intact found %d files as the manifest says while a commit waits to change them", len(intact))
	}
	next, err := Update(dest, nil) // no manifest: a whole new tree, after finishing the old commit
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "new home" {
		t.Errorf("the killed commit was not finished: index.html = %q", b)
	}
	if _, err := os.Stat(filepath.Join(dest, "gone")); !os.IsNotExist(err) {
		t.Errorf("the killed commit's deletion was not done: %v", err)
	}
	next.Abort()
	assertNoLeftovers(t, filepath.Dir(dest), "public")
}

// A journal names paths inside the destination only.
func TestFinishStaysInsideTheDestination(t *testing.T) {
	root := t.TempDir()
	dest, staging := filepath.Join(root, "public"), filepath.Join(root, ".public.new-1")
	mkfile(t, filepath.Join(root, "secret"), "keep")
	mkfile(t, filepath.Join(dest, Marker), "")
	mkfile(t, filepath.Join(staging, Marker), "")
	j := "D ../secret\nD /etc/passwd\nM ../escape\nD " + strings.Repeat("a/", 3) + "x\n"
	mkfile(t, filepath.Join(staging, journal), j)
	if err := finish(staging, dest); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(root, "secret")); err != nil || string(b) != "keep" {
		t.Errorf("a journal reached outside the destination: %q, %v", b, err)
	}
}

// A staged file moved onto another file system (a destination that is a mount point of
// its own) is copied whole, with its time, and the staged copy removed.
func TestCopyFileKeepsBytesAndTime(t *testing.T) {
	dir := t.TempDir()
	from, to := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	mkfile(t, from, "bytes")
	when := time.Date(2021, 3, 4, 5, 6, 7, 0, time.UTC)
	if err := os.Chtimes(from, when, when); err != nil {
		t.Fatal(err)
	}
	if err := copyFile(from, to); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(to)
	info, _ := os.Stat(to)
	if err != nil || string(b) != "bytes" || !info.ModTime().Equal(when) {
		t.Errorf("copy: %q, %v, time %v", b, err, info.ModTime())
	}
	if err := copyFile(from, to); err == nil {
		t.Error("copyFile replaced an existing file instead of failing")
	}
}

// move works across file systems: from /dev/shm (a tmpfs, where there is one) to the
// test's folder.
func TestMoveAcrossFileSystems(t *testing.T) {
	shm, err := os.MkdirTemp("/dev/shm", "covsite-move-")
	if err != nil {
		t.Skip("no /dev/shm here")
	}
	defer os.RemoveAll(shm)
	from, to := filepath.Join(shm, "page.html"), filepath.Join(t.TempDir(), "page.html")
	mkfile(t, from, "whole")
	mkfile(t, to, "old")
	if err := os.Link(from, filepath.Join(filepath.Dir(to), "probe")); err == nil {
		t.Skip("/dev/shm is on the same file system as the test's folder")
	}
	if err := move(from, to); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(to); string(b) != "whole" {
		t.Errorf("moved: %q", b)
	}
	if _, err := os.Stat(from); !os.IsNotExist(err) {
		t.Errorf("the staged file is still there: %v", err)
	}
}

// Intact finds the files of a manifest still on disk as it describes them — not one
// edited (another size, or the same size at another time), removed or made a folder —
// and a tree told so (UseIntact) keeps exactly those without looking at the disk again,
// counting the others as stale and writing them anew.
func TestIntact(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	files := map[string]string{"index.html": "home", "a/index.html": "A", "b/index.html": "B", "c/index.html": "C", "d": "D", "e.csv": "1,2"}
	prev, _ := first(t, dest, files)
	mkfile(t, filepath.Join(dest, "a", "index.html"), "A edited")
	mkfile(t, filepath.Join(dest, "b", "index.html"), "b") // same size, a new time
	if err := os.Remove(filepath.Join(dest, "c", "index.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dest, "d")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dest, "d"), 0o755); err != nil {
		t.Fatal(err)
	}
	intact := Intact(dest, prev)
	var got []string
	for rel := range intact {
		got = append(got, rel)
	}
	slices.Sort(got)
	if want := []string{Marker, "e.csv", "index.html"}; !slices.Equal(got, want) {
		t.Fatalf("Intact = %v, want %v", got, want)
	}
	tree, err := Update(dest, prev)
	if err != nil {
		t.Fatal(err)
	}
	defer tree.Abort()
	tree.UseIntact(map[string]bool{"index.html": true}) // as if e.csv had changed since
	for rel, want := range map[string]bool{"index.html": true, "e.csv": false, "a/index.html": false} {
		if kept, err := tree.Keep(rel); err != nil || kept != want {
			t.Errorf("Keep(%s) = %t, %v; want %t", rel, kept, err, want)
		}
	}
	if s := tree.Stats(); s.Stale != 2 {
		t.Errorf("%d stale files, want 2 (e.csv and a/index.html)", s.Stale)
	}
}
