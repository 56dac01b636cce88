// Package write puts a rendered site on disk so that readers see the old site or the new
// one, never half of either: files go into a fresh directory beside the destination, which
// is swapped in at the end. On any error the destination is left exactly as it was. A
// rebuild that knows the previous build's manifest may instead update the destination in
// place (Update), writing only the files that changed, each one whole.
// Files whose bytes did not change are hard-linked from the previous build, keeping their
// modification time, so a sync to a host uploads only what changed; files that are no
// longer produced disappear with the old tree.
package write

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/sitefs"
)

// Marker is the file that identifies a directory as covsite output; a non-empty
// destination without it is never replaced.
const Marker = ".covsite-output"

// Stats counts what a Tree wrote.
type Stats struct {
	Files     int
	Bytes     int64
	Unchanged int // hard-linked from the previous build
	// Stale counts the files of the previous manifest found changed on disk (by size or
	// time) when they were to be kept or compared: something other than a build wrote them.
	Stale int
}

// Tree is an output directory being built beside its destination. It is safe for
// concurrent use by several writers.
type Tree struct {
	dest, tmp string
	mu        sync.Mutex
	stats     Stats
	dirs      map[string]bool
	written   map[string]bool // paths written so far: two pages at one path is a bug
	prev      Manifest        // the files of dest as the previous build left them; nil: unknown
	files     Manifest        // the files of the new tree
	stale     map[string]bool // files of prev found changed on disk
	// inPlace: the tree updates dest in place (Update); tmp stages the files that changed,
	// listed in staged.
	inPlace bool
	staged  map[string]bool
	// noDest: the destination did not exist when the tree began; nothing to compare with.
	noDest bool
	// intact: the files of prev found on disk as it describes them (UseIntact); nil: look
	intact map[string]bool
	// unsummed: the new tree's manifest is not kept (WithoutSums); files are hashed only
	// to be compared with prev's
	unsummed bool
}

// Manifest lists the files of a built tree by path. A build keeps the manifest of its
// output (Tree.Manifest) so that the next one, given it (Tree.UsePrevious), tells whether a
// page it made is already there from its hash, and takes the pages it did not make from
// the previous output, without reading any old file.
type Manifest map[string]FileState

// FileState is what a manifest knows of one file. Size and ModTime (nanoseconds since 1970)
// tell whether the file on disk is still the one the manifest describes: a build links
// files whose bytes did not change, so their time stays, and writes the others anew.
type FileState struct {
	Size    int64
	ModTime int64
	Sum     [32]byte // SHA-256 of the contents
}

// WithoutSums tells t that nobody keeps its manifest (a build without a cache): a file is
// then hashed only when a previous manifest (UsePrevious) is there to compare it with, and
// the Sum of the others is left zero — a national site's 54,000 files took half a second
// of SHA-256 for nothing —, and without a previous manifest (nor an update in place) the
// files are not listed at all: Manifest is then empty.
func (t *Tree) WithoutSums() { t.unsummed = true }

// hashing reports whether the files written are hashed.
func (t *Tree) hashing() bool { return !t.unsummed || t.prev != nil }

// UsePrevious tells t what the destination held after the previous build. A file of dest
// whose size or time is not the manifest's is compared by reading it, as without one.
func (t *Tree) UsePrevious(m Manifest) { t.prev = m }

// Manifest returns the files of the new tree; complete once every file is written. It is
// empty for a tree that lists none (WithoutSums).
func (t *Tree) Manifest() Manifest {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.files
}

// Intact returns the files of m that are under dest as m describes them (a regular file of
// its size and time), looked at on a few goroutines: what Keep would find, found before
// the pages are rendered — a rebuild looks at its 50,000 files while its site loads.
//
// It returns nil (look at each file when it is kept) while a killed build's commit waits
// beside dest to be finished: Update finishes it first, changing files of dest.
func Intact(dest string, m Manifest) map[string]bool {
	if pendingCommit(dest) {
		return nil
	}
	paths := make([]string, 0, len(m))
	for rel := range m {
		paths = append(paths, rel)
	}
	ok := make([]bool, len(paths))
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), len(paths))
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(paths); i += workers {
				ok[i] = onDisk(filepath.Join(dest, filepath.FromSlash(paths[i])), m[paths[i]])
			}
		})
	}
	wg.Wait()
	out := make(map[string]bool, len(paths))
	for i, rel := range paths {
		if ok[i] {
			out[rel] = true
		}
	}
	return out
}

// onDisk reports whether the file at path is the one st describes, by its size and time.
func onDisk(path string, st FileState) bool {
	info, err := os.Lstat(path)
	return err == nil && info.Mode().IsRegular() && info.Size() == st.Size && sameTime(info.ModTime().UnixNano(), st.ModTime)
}

// UseIntact tells t which files of the previous manifest were found on disk as it
// describes them (Intact), so that it does not look at them again; a file not in intact is
// not as described.
func (t *Tree) UseIntact(intact map[string]bool) { t.intact = intact }

// previous returns the state of the destination's file at rel when the previous manifest
// describes it and the file is still the one it describes.
func (t *Tree) previous(rel string) (FileState, bool) {
	st, ok := t.prev[rel]
	if !ok {
		return FileState{}, false
	}
	var same bool
	if t.intact != nil {
		same = t.intact[rel]
	} else {
		same = onDisk(filepath.Join(t.dest, filepath.FromSlash(rel)), st)
	}
	if !same {
		t.mu.Lock()
		if !t.stale[rel] {
			t.stale[rel] = true
			t.stats.Stale++
		}
		t.mu.Unlock()
		return FileState{}, false
	}
	return st, true
}

// ReadPrevious returns the previous build's file at rel when the previous manifest
// describes it and it is still on disk as described (as Keep checks).
func (t *Tree) ReadPrevious(rel string) ([]byte, bool) {
	st, ok := t.previous(rel)
	if !ok {
		return nil, false
	}
	b, err := os.ReadFile(filepath.Join(t.dest, filepath.FromSlash(rel)))
	return b, err == nil && int64(len(b)) == st.Size
}

// sameTime reports whether a file's time on disk is the time a manifest recorded, or that
// time in whole seconds: an archive without sub-second times (a CI cache restored by tar)
// keeps the seconds only.
func sameTime(disk, recorded int64) bool {
	const second = int64(1e9)
	return disk == recorded || disk%second == 0 && disk == recorded-recorded%second
}

// Keep links the previous build's file at rel into the new tree without reading it, when
// the previous manifest describes it and it is still on disk as described; it reports
// whether it did. The caller renders the page when it did not.
func (t *Tree) Keep(rel string) (bool, error) {
	st, ok := t.previous(rel)
	if !ok {
		return false, nil
	}
	if t.inPlace {
		return true, t.keepInPlace(rel, st)
	}
	target, err := t.prepare(rel)
	if err != nil {
		return false, err
	}
	if os.Link(filepath.Join(t.dest, filepath.FromSlash(rel)), target) != nil {
		t.unclaim(rel)
		return false, nil
	}
	t.count(rel, st, true)
	return true, nil
}

// CheckDestination refuses destinations that would put other files at risk: the source
// directory or one containing it, the file-system root, the home directory, and a
// non-empty directory that is not covsite output.
func CheckDestination(dest, source string) error {
	d, err := resolve(dest)
	if err != nil {
		return &diag.Localized{Words: diag.W("thư mục đích "+dest+": "+diag.Text(err, "vi"), "destination "+dest+": "+err.Error()), Err: err}
	}
	s, err := resolve(source)
	if err != nil {
		return &diag.Localized{Words: diag.W("thư mục trang "+source+": "+diag.Text(err, "vi"), "source "+source+": "+err.Error()), Err: err}
	}
	home, _ := os.UserHomeDir()
	if h, err := resolve(home); err == nil && home != "" {
		home = h
	}
	sep := string(filepath.Separator)
	switch {
	case d == sep:
		return diag.NewError("không ghi trang vào %[1]s: chọn một thư mục như public/", "refusing to write the site to %[1]s: choose a directory such as public/", d)
	case home != "" && d == filepath.Clean(home):
		return diag.NewError("không ghi trang vào thư mục nhà %[1]s: chọn một thư mục như public/", "refusing to write the site to the home directory %[1]s: choose a directory such as public/", d)
	case d == s:
		return diag.NewError("không ghi trang vào chính thư mục nguồn %[1]s: dùng --dest public", "refusing to write the site into its own source directory %[1]s: use --dest public", d)
	case strings.HasPrefix(s+sep, d+sep):
		return diag.NewError("không ghi trang vào %[1]s, thư mục chứa cả nguồn %[2]s", "refusing to write the site to %[1]s, which contains the source %[2]s", d, s)
	}
	for _, in := range sitefs.Inputs {
		if dir := filepath.Join(s, in); strings.HasPrefix(d+sep, dir+sep) {
			return diag.NewError("không ghi trang vào %[1]s: nó nằm trong thư mục %[2]s/ mà covsite đọc, nên lần dựng sau sẽ đọc cả trang đã dựng; dùng --dest public",
				"refusing to write the site to %[1]s: it is inside %[2]s/, which covsite reads, so the next build would read the built site; use --dest public", d, in)
		}
	}
	if info, err := os.Lstat(filepath.Clean(dest)); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		return diag.NewError("không ghi trang vào %[1]s: đó là liên kết tượng trưng, thay nó thì thư mục nó trỏ tới (nơi máy chủ phục vụ) vẫn giữ trang cũ; hãy chỉ thẳng thư mục đó bằng --dest",
			"refusing to write the site to %[1]s: it is a symbolic link, and replacing it would leave the folder it points at with the old site; pass that folder as --dest", dest)
	}
	entries, err := os.ReadDir(d)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && len(entries) == 0) {
		return nil
	}
	if err != nil {
		return &diag.Localized{Words: diag.W("thư mục đích "+d+": "+diag.Text(err, "vi"), "destination "+d+": "+err.Error()), Err: err}
	}
	if _, err := os.Stat(filepath.Join(d, Marker)); err != nil {
		return diag.NewError("không thay %[1]s: thư mục không trống và không do covsite ghi (không có tệp %[2]s)",
			"refusing to replace %[1]s: it is not empty and was not written by covsite (no %[2]s file)", d, Marker)
	}
	return nil
}

// resolve makes p absolute and follows symbolic links, so that a link to the source or to
// the home directory is seen for what it is; a part that does not exist yet is kept as
// written below the deepest part that does.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for dir := abs; ; dir = filepath.Dir(dir) {
		real, err := filepath.EvalSymlinks(dir)
		if err == nil {
			return filepath.Join(real, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) || dir == filepath.Dir(dir) {
			return "", err
		}
		rest = filepath.Join(filepath.Base(dir), rest)
	}
}

// Begin starts a new tree for dest.
func Begin(dest string) (*Tree, error) {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", parent, err)
	}
	removeLeftovers(parent, filepath.Base(dest))
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".new-")
	if err != nil {
		return nil, fmt.Errorf("create build directory: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	t := &Tree{dest: dest, tmp: tmp, dirs: map[string]bool{}, written: map[string]bool{}, files: Manifest{}, stale: map[string]bool{}}
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		t.noDest = true
	}
	if err := t.Write(Marker, nil); err != nil {
		t.Abort()
		return nil, err
	}
	return t, nil
}

// removeLeftovers removes the unfinished trees of builds of dest that were killed (kill -9,
// a power cut) before they could remove their own: the folders Begin makes beside it,
// .<dest>.new-<digits>, when they hold the Marker (Begin writes it first) or nothing.
// An update killed during its commit left its journal there: it is finished first.
// Other folders, even with similar names, are not touched. Two builds into one
// destination at once are not supported; the second would remove the first one's tree.
func removeLeftovers(parent, base string) {
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if !leftover(e, base) {
			continue
		}
		dir := filepath.Join(parent, e.Name())
		if _, err := os.Lstat(filepath.Join(dir, journal)); err == nil {
			_ = finish(dir, filepath.Join(parent, base))
			continue
		}
		inside, err := os.ReadDir(dir)
		if _, marked := os.Lstat(filepath.Join(dir, Marker)); err == nil && (len(inside) == 0 || marked == nil) {
			_ = os.RemoveAll(dir)
		}
	}
}

// leftover reports whether e is a folder Begin or Update makes beside the destination base.
func leftover(e fs.DirEntry, base string) bool {
	suffix, ok := strings.CutPrefix(e.Name(), "."+base+".new-")
	return ok && e.IsDir() && suffix != "" && strings.Trim(suffix, "0123456789") == ""
}

// pendingCommit reports whether a killed build's commit into dest waits to be finished
// (its journal beside dest).
func pendingCommit(dest string) bool {
	parent, base := filepath.Split(filepath.Clean(dest))
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if !leftover(e, base) {
			continue
		}
		if _, err := os.Lstat(filepath.Join(parent, e.Name(), journal)); err == nil {
			return true
		}
	}
	return false
}

// Write stores data at rel (a slash-separated path inside the tree). When the previous
// build holds the same bytes at rel, that file is linked instead, keeping its mtime.
func (t *Tree) Write(rel string, data []byte) error {
	old := filepath.Join(t.dest, filepath.FromSlash(rel))
	var sum [32]byte
	if t.hashing() {
		sum = sha256.Sum256(data)
	}
	prev, known := t.previous(rel)
	unchanged := known && prev.Sum == sum || !known && !t.noDest && same(old, data)
	if t.inPlace && unchanged {
		if err := t.claim(rel); err != nil {
			return err
		}
		return t.wrote(rel, old, sum, true)
	}
	target, err := t.prepare(rel)
	if err != nil {
		return err
	}
	if unchanged && !t.inPlace && os.Link(old, target) == nil {
		return t.wrote(rel, target, sum, true)
	}
	size, mod, err := create(target, data)
	if err != nil {
		return fmt.Errorf("write %s: %w", rel, err)
	}
	t.stage(rel)
	t.count(rel, FileState{Size: size, ModTime: mod, Sum: sum}, false)
	return nil
}

// stage records that rel was written to the staging folder of an in-place update.
func (t *Tree) stage(rel string) {
	if !t.inPlace {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.staged == nil {
		t.staged = map[string]bool{}
	}
	t.staged[rel] = true
}

// wrote records the file just written or linked at target.
func (t *Tree) wrote(rel, target string, sum [32]byte, unchanged bool) error {
	info, err := os.Lstat(target)
	if err != nil {
		return fmt.Errorf("write %s: %w", rel, err)
	}
	t.count(rel, FileState{Size: info.Size(), ModTime: info.ModTime().UnixNano(), Sum: sum}, unchanged)
	return nil
}

// Stream stores at rel what fn writes, without holding it in memory: for files of
// hundreds of megabytes. Like Write, it keeps the previous build's file (linked, with its
// mtime) when the bytes are the same. If fn fails, nothing is left at rel.
func (t *Tree) Stream(rel string, fn func(io.Writer) error) error {
	target, err := t.prepare(rel)
	if err != nil {
		return err
	}
	sum, err := writeFile(target, fn, t.hashing())
	if err != nil {
		_ = os.Remove(target)
		return fmt.Errorf("write %s: %w", rel, err)
	}
	old := filepath.Join(t.dest, filepath.FromSlash(rel))
	prev, known := t.previous(rel)
	same := known && prev.Sum == sum || !known && !t.noDest && sameFiles(old, target)
	if t.inPlace {
		if same && os.Remove(target) == nil {
			return t.wrote(rel, old, sum, true)
		}
		t.stage(rel)
		return t.wrote(rel, target, sum, false)
	}
	unchanged := same && replaceByLink(old, target) == nil
	return t.wrote(rel, target, sum, unchanged)
}

// writeFile creates path and writes into it what fn writes, buffered; when hash is true
// it returns the SHA-256 of what was written, else a zero sum.
func writeFile(path string, fn func(io.Writer) error, hash bool) ([32]byte, error) {
	var sum [32]byte
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return sum, err
	}
	var w io.Writer = f
	h := sha256.New()
	if hash {
		w = io.MultiWriter(f, h)
	}
	buffered := streamBuffer(w)
	err = fn(buffered)
	if err == nil {
		err = buffered.Flush()
	}
	releaseStreamBuffer(buffered)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if hash {
		h.Sum(sum[:0])
	}
	return sum, err
}

// streamBuffers are the buffers of the files being streamed, reused: a national build
// streams ~90 files of megabytes, and each took a buffer of its own (24 MB in all, for the
// collector to pace). A free list rather than a sync.Pool, which every collection empties
// (~25 while a national site's pages render).
var streamBuffers = make(chan *bufio.Writer, 8)

// streamBuffer returns a buffer of 256 KB writing to w.
func streamBuffer(w io.Writer) *bufio.Writer {
	select {
	case b := <-streamBuffers:
		b.Reset(w)
		return b
	default:
		return bufio.NewWriterSize(w, 256<<10)
	}
}

// releaseStreamBuffer gives b back, emptied and holding no writer.
func releaseStreamBuffer(b *bufio.Writer) {
	b.Reset(nil)
	select {
	case streamBuffers <- b:
	default:
	}
}

// replaceByLink puts a hard link to old at path, replacing path's file in one step.
func replaceByLink(old, path string) error {
	tmp := path + ".link"
	if err := os.Link(old, tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	return nil
}

// prepare checks rel, claims it and creates its directory; it returns the file's path in
// the new tree.
func (t *Tree) prepare(rel string) (string, error) {
	if !fs.ValidPath(rel) || rel == "." || strings.Contains(rel, "\\") {
		return "", fmt.Errorf("write %q: not a path inside the output directory", rel)
	}
	if err := t.claim(rel); err != nil {
		return "", err
	}
	if err := t.mkdir(path.Dir(rel)); err != nil {
		return "", err
	}
	return filepath.Join(t.tmp, filepath.FromSlash(rel)), nil
}

// claim records that rel is being written, refusing a second write: which of two pages
// would win would depend on timing, and the site on the machine.
func (t *Tree) claim(rel string) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.written[rel] {
		return fmt.Errorf("write %s: two pages have the same path", rel)
	}
	t.written[rel] = true
	return nil
}

func (t *Tree) count(rel string, st FileState, unchanged bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.stats.Files++
	t.stats.Bytes += st.Size
	if unchanged {
		t.stats.Unchanged++
	}
	if t.listing() {
		t.files[rel] = st
	}
}

// listing reports whether the tree lists its files (Manifest): for a build that keeps its
// manifest, for one that compares with a previous one, and for an update in place, whose
// commit deletes the previous files it did not list. A national site's 54,000 files were
// ~5 MB of map that a build without a cache made for nobody.
func (t *Tree) listing() bool { return t.hashing() || t.inPlace }

// unclaim gives rel back after Keep could not link it, for the page to be rendered.
func (t *Tree) unclaim(rel string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.written, rel)
}

// mkdir creates the tree's folder dir (a slash-separated path inside it, "." for the tree
// itself) once. The lock is not held during the system calls, so workers do not wait on
// each other's; two creating one directory at once is harmless. A folder whose parent the
// tree made is made with one call (a national site has 38,000, each in a folder made just
// before); others with MkdirAll, which looks at each ancestor first. The folders made are
// recorded by their paths inside the tree, parts of their files' paths, which the tree
// keeps anyway: their whole paths were ~4 MB of strings at national scale.
func (t *Tree) mkdir(dir string) error {
	if dir == "." {
		return nil
	}
	parent := path.Dir(dir)
	t.mu.Lock()
	made, parentMade := t.dirs[dir], parent == "." || t.dirs[parent]
	t.mu.Unlock()
	if made {
		return nil
	}
	if err := makeDir(filepath.Join(t.tmp, filepath.FromSlash(dir)), parentMade); err != nil {
		return err
	}
	t.mu.Lock()
	for d := dir; d != "." && !t.dirs[d]; d = path.Dir(d) {
		t.dirs[d] = true
	}
	t.mu.Unlock()
	return nil
}

// makeDir makes dir, with its ancestors unless inParent says its parent exists. Something
// already at dir is not an error: in a folder the tree made it is the folder another
// worker made a moment before, or a page's file, and then writing into it fails.
func makeDir(dir string, inParent bool) error {
	if !inParent {
		return os.MkdirAll(dir, 0o755)
	}
	if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	return nil
}

// same reports whether the file at path holds exactly data.
func same(path string, data []byte) bool {
	info, err := os.Lstat(path)
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(data)) {
		return false
	}
	old, err := os.ReadFile(path)
	return err == nil && bytes.Equal(old, data)
}

// sameFiles reports whether the regular files at a and b hold the same bytes.
func sameFiles(a, b string) bool {
	ia, err := os.Lstat(a)
	if err != nil || !ia.Mode().IsRegular() {
		return false
	}
	ib, err := os.Lstat(b)
	if err != nil || ia.Size() != ib.Size() {
		return false
	}
	fa, err := os.Open(a)
	if err != nil {
		return false
	}
	defer fa.Close()
	fb, err := os.Open(b)
	if err != nil {
		return false
	}
	defer fb.Close()
	bufA, bufB := make([]byte, 256<<10), make([]byte, 256<<10)
	for {
		na, errA := io.ReadFull(fa, bufA)
		nb, errB := io.ReadFull(fb, bufB)
		if na != nb || !bytes.Equal(bufA[:na], bufB[:nb]) {
			return false
		}
		if errA == io.EOF || errA == io.ErrUnexpectedEOF {
			return errB == errA
		}
		if errA != nil || errB != nil {
			return false
		}
	}
}

// Stats returns what was written so far.
func (t *Tree) Stats() Stats {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.stats
}

// Commit swaps the new tree in for the destination and removes the old one; an in-place
// update moves its changed files into the destination and deletes those not produced again.
func (t *Tree) Commit() error {
	if t.inPlace {
		return t.commitInPlace()
	}
	if _, err := os.Lstat(t.dest); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(t.tmp, t.dest); err != nil {
			t.Abort()
			return fmt.Errorf("publish %s: %w", t.dest, err)
		}
		return nil
	}
	if err := exchange(t.tmp, t.dest); err != nil {
		t.Abort()
		return fmt.Errorf("publish %s: %w", t.dest, err)
	}
	return os.RemoveAll(t.tmp) // now holds the previous build
}

// swapByRename swaps a and b with two renames, restoring b if the second fails.
func swapByRename(a, b string) error {
	old := a + ".old"
	if err := os.Rename(b, old); err != nil {
		return err
	}
	if err := os.Rename(a, b); err != nil {
		_ = os.Rename(old, b)
		return err
	}
	return os.Rename(old, a)
}

// Abort removes the unfinished tree; the destination is untouched.
func (t *Tree) Abort() { _ = os.RemoveAll(t.tmp) }
