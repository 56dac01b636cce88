package load

import (
	"io/fs"
	"runtime"
	"sync"

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
	// then is the group linked after this one: a worker of Each with nothing to do
	// decodes its first files ahead (decodeAhead) instead of waiting for the last of
	// these (the plans' last files, and the wait for the results' first); nil: none
	then aheadDecoder

	// what Each and decodeAhead share, under mu
	mu                        sync.Mutex
	changed                   *sync.Cond // on mu: a file was decoded, linked or dropped
	changes                   int        // how many times changed was broadcast
	started                   bool       // the state below is made (start)
	linking                   bool       // Each has started
	lists                     []diag.List
	values                    []T
	decodedAt, okAt, failedAt []bool
	next, turn                int // the next file to decode, the file whose inOrder is next
}

// aheadDecoder is a group of files that can decode one of its files ahead of Each.
type aheadDecoder interface {
	decodeAhead() bool
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

// Prefetch decodes the first plans files on a goroutine of its own until Each starts to link
// them, up to PrefetchFiles: what a caller does in between (model.Build's localities, on one
// processor) leaves the other idle.
func (p *Pending) Prefetch() {
	go func() {
		for p.Plans.prefetchOne() {
		}
	}()
}

// PrefetchFiles is how many files Prefetch decodes at most: a national site's plans files
// are 4 KB each, decoded in ~0.3 ms, and linking starts ~0.1 s after loading ends.
const PrefetchFiles = 256

// prefetchOne decodes the next file ahead while Each has not started, and reports whether
// it did.
func (f *Files[T]) prefetchOne() bool {
	f.mu.Lock()
	linking := f.linking
	f.mu.Unlock()
	return !linking && f.decodeAheadOf(PrefetchFiles)
}

// Lookahead is how many files Each decodes ahead of the one whose turn it is, with workers
// decoding at once: a worker that finished a small file decodes the next ones instead of
// waiting for a large file before it (a national build's linking ran at ~1.4 cores of 2
// when each worker waited for its file's turn). It bounds the files decoded and not yet
// linked, and so the raw rows live at once.
func Lookahead(workers int) int { return 8 * workers }

// start makes the state Each and decodeAhead share; with mu locked.
func (f *Files[T]) start() {
	if f.started {
		return
	}
	n := len(f.names)
	f.started = true
	f.changed = sync.NewCond(&f.mu)
	f.lists, f.values = make([]diag.List, n), make([]T, n)
	f.decodedAt, f.okAt, f.failedAt = make([]bool, n), make([]bool, n), make([]bool, n)
}

// window is how many files may be decoded and not yet linked at once.
func (f *Files[T]) window() int { return Lookahead(min(runtime.GOMAXPROCS(0), len(f.names))) }

// decodeAhead decodes the next file of f before Each links them, when fewer than a window
// are decoded and waiting, and reports whether it did.
func (f *Files[T]) decodeAhead() bool { return f.decodeAheadOf(f.window()) }

// decodeAheadOf is decodeAhead with room for ahead files decoded and waiting.
func (f *Files[T]) decodeAheadOf(ahead int) bool {
	f.mu.Lock()
	f.start()
	if f.next >= len(f.names) || f.next-f.turn >= ahead {
		f.mu.Unlock()
		return false
	}
	i := f.next
	f.next++
	f.mu.Unlock()
	f.decode(i)
	return true
}

// decode reads and decodes file i, with mu unlocked, and records its value.
func (f *Files[T]) decode(i int) {
	v, ok, bad := f.read(i, &f.lists[i])
	f.mu.Lock()
	f.values[i], f.okAt[i], f.failedAt[i], f.decodedAt[i] = v, ok, bad, true
	f.changedNow()
	f.mu.Unlock()
}

// changedNow wakes the workers waiting for a change; with mu locked.
func (f *Files[T]) changedNow() {
	f.changes++
	f.changed.Broadcast()
}

// Each decodes the files on as many workers as there are processors, one file at a time
// each, and for every file that decoded calls inOrder with its index and value, in file
// order (one call at a time), then after, on any worker, in any order, several at once.
// Workers decode up to Lookahead files ahead of the one whose inOrder is next; a file
// that went through inOrder is handed to after before another is decoded; a worker with
// nothing else to do decodes the first files of the group after (then). A file's value
// is dropped once after returns. Each is called once.
func (f *Files[T]) Each(inOrder, after func(i int, v T)) {
	n := len(f.names)
	workers := min(runtime.GOMAXPROCS(0), n)
	f.mu.Lock()
	f.start()
	f.linking = true
	window := f.window()
	f.mu.Unlock()
	var (
		ordering bool  // a worker is in inOrder
		linked   []int // files past inOrder, waiting for after
		done     int   // files whose value is dropped (or that had none)
		wg       sync.WaitGroup
	)
	mu, changed := &f.mu, f.changed
	drop := func(i int) { // with mu unlocked
		if f.release != nil {
			f.release(i)
		}
		mu.Lock()
		done++
		f.changedNow()
		mu.Unlock()
	}
	for range workers {
		wg.Go(func() {
			mu.Lock()
			for done < n {
				switch {
				case len(linked) > 0: // a linked file's rows first: they free its memory
					i := linked[len(linked)-1]
					linked = linked[:len(linked)-1]
					v := f.values[i]
					f.values[i] = *new(T)
					mu.Unlock()
					after(i, v)
					drop(i)
					mu.Lock()
				case !ordering && f.turn < n && f.decodedAt[f.turn]:
					i := f.turn
					ordering = true
					mu.Unlock()
					if f.okAt[i] {
						inOrder(i, f.values[i])
					}
					mu.Lock()
					ordering = false
					f.turn++
					f.changedNow()
					if f.okAt[i] {
						linked = append(linked, i)
						continue
					}
					mu.Unlock()
					drop(i)
					mu.Lock()
				case f.next < n && f.next-f.turn < window:
					i := f.next
					f.next++
					mu.Unlock()
					f.decode(i)
					mu.Lock()
				case f.then != nil:
					seen := f.changes
					mu.Unlock()
					ahead := f.then.decodeAhead()
					mu.Lock()
					if !ahead && f.changes == seen { // nothing to do here nor there
						changed.Wait()
					}
				default:
					changed.Wait()
				}
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	for i := range f.lists {
		f.diags.Merge(&f.lists[i])
		if f.failedAt[i] {
			f.failed = append(f.failed, f.names[i])
		}
		if f.okAt[i] {
			f.valued = append(f.valued, f.names[i])
		}
	}
	f.lists, f.values = nil, nil
	if f.done != nil {
		f.done()
	}
}
