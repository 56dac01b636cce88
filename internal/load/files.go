package load

import (
	"io/fs"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/covsite/covsite/internal/diag"
)

// Lazy is Load leaving the plans and results files to be decoded while model.Build links
// them (Site.Pending): their rows are most of a national site's raw values (~290 MB for
// 5,000 files), and linked one file after another, never all of them live at once.
// Site.Plans and Site.Reports stay empty; everything else is read as Load reads it.
func Lazy(fsys fs.FS) (*Site, *diag.List) { return loadSite(fsys, nil, true) }

// Pending is the plans and results files of a site loaded with Lazy.
type Pending struct {
	Plans   *Files[Plan]
	Reports *Files[Report]
}

// Diags are the problems the files of p had, plans first, each group in file order; only
// those of the groups Each went through.
func (p *Pending) Diags() *diag.List {
	all := &diag.List{}
	all.Merge(&p.Plans.diags)
	all.Merge(&p.Reports.diags)
	return all
}

// Files is a group of data files, one value each (a Plan, a Report), decoded while they
// are used (Each) instead of all at once.
type Files[T any] struct {
	names []string
	// read reads and decodes file i: ok when it has a value; failed when it could not be
	// read as a whole (a file gone since it was listed has no value and did not fail, as
	// with Load)
	read func(i int, diags *diag.List) (v T, ok, failed bool)
	// release(i) is called once file i's value is dropped (after returned, or it had
	// none); nil: nothing to do
	release func(i int)
	done    func()    // once every file is read (Each); nil: nothing to do
	diags   diag.List // once Each returned: the files' problems, in file order
	failed  []string  // once Each returned: the files that could not be read as a whole
	valued  []string  // once Each returned: the files that gave a value
}

// filesOf is the files names of fsys, read by decode when Each is called.
func filesOf[T any](fsys fs.FS, names []string, read func(root *table, name string) T) *Files[T] {
	return &Files[T]{names: names, read: func(i int, diags *diag.List) (v T, ok, failed bool) {
		name := names[i]
		src, _, res := readFile(fsys, name)
		if res != nil {
			diags.Merge(&res.diags)
			return v, false, res.failed
		}
		root := decodeTOML(name, src, diags)
		if root == nil {
			return v, false, true
		}
		defer root.release()
		return read(root, name), true, false
	}}
}

// Len is how many files there are.
func (f *Files[T]) Len() int { return len(f.names) }

// Unreadable lists the files that could not be read as a whole (as Site.Unreadable does),
// once Each returned.
func (f *Files[T]) Unreadable() []string { return f.failed }

// Valued lists the files that gave a value, in file order, once Each returned: the files
// of Site.Plans or Site.Reports, had the site been loaded with Load.
func (f *Files[T]) Valued() []string { return f.valued }

// Each decodes the files on as many workers as there are processors, one file at a time
// each, and for every file that decoded calls inOrder with its index and value, in file
// order (one call at a time), then after on the worker, in any order, several at once. A
// file's value is dropped once after returns: at most one file per worker is decoded and
// not yet used. Each is called once.
func (f *Files[T]) Each(inOrder, after func(i int, v T)) {
	n := len(f.names)
	lists := make([]diag.List, n)
	failed, valued := make([]bool, n), make([]bool, n)
	var (
		next atomic.Int64
		mu   sync.Mutex
		turn int // the file whose inOrder is next
		wg   sync.WaitGroup
	)
	ready := sync.NewCond(&mu)
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				v, ok, bad := f.read(i, &lists[i])
				failed[i], valued[i] = bad, ok
				mu.Lock()
				for turn != i { // the files are taken in order: the one before is being decoded or used
					ready.Wait()
				}
				mu.Unlock()
				if ok {
					inOrder(i, v)
				}
				mu.Lock()
				turn++
				ready.Broadcast()
				mu.Unlock()
				if ok {
					after(i, v)
				}
				if f.release != nil {
					f.release(i)
				}
			}
		})
	}
	wg.Wait()
	for i := range lists {
		f.diags.Merge(&lists[i])
		if failed[i] {
			f.failed = append(f.failed, f.names[i])
		}
		if valued[i] {
			f.valued = append(f.valued, f.names[i])
		}
	}
	if f.done != nil {
		f.done()
	}
}
