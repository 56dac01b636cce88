package write

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
)

// An update changes a destination in place instead of swapping a whole new tree in: for a
// rebuild that knows the previous build's manifest (the build cache's), where a handful of
// a national site's 50,000 files changed. Swapping would link every unchanged file into a
// new tree of 38,000 folders and remove the old tree: 9 s of system calls at scale 1, for a
// rebuild that should take two.
//
// Files that changed are written to a staging folder beside the destination (as Begin's
// tree), then, at Commit, moved into place one rename each, after the files no longer
// produced are deleted; unchanged files are not touched at all. Each file is always whole.
// Readers of the destination during the commit (milliseconds for a few files) may see some
// files new and some old; a build that dies during the commit leaves its journal in the
// staging folder, and the next build into the same destination finishes it first, so the
// destination ends as the new site either way. Files the previous build did not write
// (put there by hand) are left where they are. A build that fails before the commit leaves
// the destination exactly as it was.

// journal is the file in the staging folder that lists a commit's deletions and moves,
// written once every file is staged: its presence means the commit must be finished.
const journal = ".covsite-commit"

// Update starts an in-place update of dest, the output of a build whose manifest is prev.
// When dest is not such an output (no manifest, no Marker), it starts a new tree as Begin.
func Update(dest string, prev Manifest) (*Tree, error) {
	dest = filepath.Clean(dest)
	if _, err := os.Lstat(filepath.Join(dest, Marker)); err != nil || len(prev) == 0 {
		t, err := Begin(dest)
		if t != nil {
			t.UsePrevious(prev)
		}
		return t, err
	}
	parent := filepath.Dir(dest)
	removeLeftovers(parent, filepath.Base(dest))
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".new-")
	if err != nil {
		return nil, fmt.Errorf("create build directory: %w", err)
	}
	// the staging folder is marked as Begin's tree is, so a killed build's is removed
	if err := os.WriteFile(filepath.Join(tmp, Marker), nil, 0o644); err != nil {
		_ = os.RemoveAll(tmp)
		return nil, err
	}
	t := &Tree{dest: dest, tmp: tmp, inPlace: true, prev: prev, dirs: map[string]bool{}, written: map[string]bool{}, files: Manifest{}, stale: map[string]bool{}}
	if err := t.Write(Marker, nil); err != nil {
		t.Abort()
		return nil, err
	}
	return t, nil
}

// keepInPlace records that the destination's file at rel stays as it is.
func (t *Tree) keepInPlace(rel string, st FileState) error {
	if err := t.claim(rel); err != nil {
		return err
	}
	t.count(rel, st, true)
	return nil
}

// commitInPlace deletes the previous build's files that were not produced again, moves the
// staged files into the destination and removes the staging folder.
func (t *Tree) commitInPlace() error {
	t.mu.Lock()
	var deleted, moved []string
	for rel := range t.prev {
		if _, ok := t.files[rel]; !ok {
			deleted = append(deleted, rel)
		}
	}
	for rel := range t.staged {
		moved = append(moved, rel)
	}
	t.mu.Unlock()
	slices.Sort(deleted)
	slices.Sort(moved)
	if err := writeJournal(t.tmp, deleted, moved); err != nil {
		t.Abort()
		return fmt.Errorf("publish %s: %w", t.dest, err)
	}
	if commitHook != nil {
		commitHook()
	}
	return finish(t.tmp, t.dest)
}

// commitHook, when set (by a test), runs once the journal is written: a build killed there
// must be finished by the next one.
var commitHook func()

func writeJournal(staging string, deleted, moved []string) error {
	var b strings.Builder
	for _, rel := range deleted {
		b.WriteString("D " + rel + "\n")
	}
	for _, rel := range moved {
		b.WriteString("M " + rel + "\n")
	}
	tmp := filepath.Join(staging, journal+".tmp")
	if err := os.WriteFile(tmp, []byte(b.String()), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(staging, journal))
}

// finish carries out the journal of staging on dest: deletions first (a file may give way
// to a folder of the same name, or a folder to a file), then the moves; a move whose staged
// file is gone was done before. It removes the folders left empty, then staging.
func finish(staging, dest string) error {
	f, err := os.Open(filepath.Join(staging, journal))
	if err != nil {
		return fmt.Errorf("publish %s: %w", dest, err)
	}
	var deleted, moved []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		op, rel, ok := strings.Cut(sc.Text(), " ")
		if !ok || !fs.ValidPath(rel) || rel == "." || rel == journal {
			continue // never a path outside dest
		}
		switch op {
		case "D":
			deleted = append(deleted, rel)
		case "M":
			moved = append(moved, rel)
		}
	}
	f.Close()
	if err := sc.Err(); err != nil {
		return fmt.Errorf("publish %s: %w", dest, err)
	}
	emptied := map[string]bool{}
	for _, rel := range deleted {
		path := filepath.Join(dest, filepath.FromSlash(rel))
		if info, err := os.Lstat(path); err == nil && !info.IsDir() {
			if err := os.Remove(path); err != nil {
				return fmt.Errorf("publish %s: %w", dest, err)
			}
		}
		for dir := filepath.Dir(rel); dir != "."; dir = filepath.Dir(dir) {
			emptied[dir] = true
		}
	}
	removeEmpty(dest, emptied)
	made := map[string]bool{}
	for _, rel := range moved {
		from, to := filepath.Join(staging, filepath.FromSlash(rel)), filepath.Join(dest, filepath.FromSlash(rel))
		if _, err := os.Lstat(from); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if dir := filepath.Dir(to); !made[dir] {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return fmt.Errorf("publish %s: %w", dest, err)
			}
			made[dir] = true
		}
		if info, err := os.Lstat(to); err == nil && info.IsDir() {
			// a folder the previous build left, not emptied by the deletions: files by hand
			return fmt.Errorf("publish %s: %s is a folder holding files covsite did not write; move them away", dest, rel)
		}
		if err := move(from, to); err != nil {
			return fmt.Errorf("publish %s: %w", dest, err)
		}
	}
	return os.RemoveAll(staging)
}

// move renames from to to; when they are on different file systems (the destination a
// mount point of its own), it copies from into a temporary file beside to and renames
// that, so to is still replaced whole.
func move(from, to string) error {
	err := os.Rename(from, to)
	if !errors.Is(err, syscall.EXDEV) {
		return err
	}
	tmp := to + ".covsite-tmp"
	if err := copyFile(from, tmp); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, to); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	return os.Remove(from)
}

// copyFile copies the regular file from to a new file to, with from's modification time
// (the manifest recorded it).
func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	info, err := in.Stat()
	if err != nil {
		return err
	}
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	return os.Chtimes(to, info.ModTime(), info.ModTime())
}

// removeEmpty removes the folders of dest listed, deepest first, when they are empty.
func removeEmpty(dest string, dirs map[string]bool) {
	list := make([]string, 0, len(dirs))
	for d := range dirs {
		list = append(list, d)
	}
	slices.SortFunc(list, func(a, b string) int { return strings.Count(b, "/") - strings.Count(a, "/") })
	for _, d := range list {
		_ = os.Remove(filepath.Join(dest, filepath.FromSlash(d))) // fails when not empty
	}
}
