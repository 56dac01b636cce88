package load

import (
	"io/fs"
	"slices"
	"sync"
	"time"

	"github.com/covsite/covsite/internal/diag"
)

// Cache remembers what each file of a site decoded to, so that loading the site again
// decodes only the files that changed — what `covsite serve` does after every save. A
// file whose size and modification time are as before is not read again, unless it was
// modified within racyWindow before it was read: a second save in the same clock tick
// could then keep both, so such a file is read again and compared by content. A file
// read again with the same bytes (saved without changes, or touched) is not decoded.
//
// With a Store (UseStore), a file the cache has not seen is looked up there by the hash of
// its path and contents before it is decoded, and WriteStore keeps what this Load read for
// the next run of covsite.
//
// The zero Cache is ready to use. A Cache is for one site, loaded by one goroutine at a
// time; it keeps every decoded file in memory. The Site a Load returns shares its values
// with the cache and with other loads: it must not be changed; model.Build leaves it as it
// is unless given model.ReleaseRows.
type Cache struct {
	disk    *Store                 // decoded files kept between runs (UseStore); nil: none
	files   map[string]*cacheEntry // by path
	seen    map[string]bool        // the paths the current Load has read
	suspect map[string]bool        // the only files the current Load looks at again; nil: all
	changed []string               // paths the current Load decoded anew, failed to read, or found gone
	stored  int                    // files the current Load took from the store
	groups  map[string]*group      // by directory: what the previous Load made of its files
}

// group is what one directory's files made together: the values of all of them, in order.
type group struct {
	entries []*cacheEntry
	values  any
}

// racyWindow is how close to its reading a file's modification time must be for the file
// to be compared by content next time: more than the coarsest timestamps (2 s on FAT).
const racyWindow = 2 * time.Second

// cacheEntry is what the cache keeps of one file.
type cacheEntry struct {
	size    int64
	mod     time.Time
	readAt  time.Time // just before the file was looked at
	sum     [32]byte  // of the path and contents: storeKey
	result  fileResult
	payload []byte // result encoded for the store, when there is one and result has no problem
	changed bool   // decoded by the current Load, its contents being new
	stored  bool   // taken from the store by the current Load
}

// Load is Load for a site loaded before with c: only the files that changed since are
// decoded. It also returns the paths (sorted) of the files that are new, changed or gone
// since the previous Load — every file, the first time — and of the files that could not
// be read.
func (c *Cache) Load(fsys fs.FS) (*Site, *diag.List, []string) {
	return c.LoadChanged(fsys, nil)
}

// LoadChanged is Load when the caller knows which files may have changed since the
// previous Load, as a file watcher does: only the files named in suspects (slash paths
// relative to fsys) are looked at again; of the others, only new and gone ones are found,
// by listing the directories. Looking at 5,000 files costs more than decoding the one that
// was saved. nil suspects means unknown: every file is looked at.
func (c *Cache) LoadChanged(fsys fs.FS, suspects []string) (*Site, *diag.List, []string) {
	if c.files == nil {
		c.files, c.groups = map[string]*cacheEntry{}, map[string]*group{}
	}
	c.seen, c.changed, c.suspect, c.stored = map[string]bool{}, nil, nil, 0
	if suspects != nil {
		c.suspect = make(map[string]bool, len(suspects))
		for _, p := range suspects {
			c.suspect[p] = true
		}
	}
	site, diags := load(fsys, c)
	for name := range c.files {
		if !c.seen[name] {
			delete(c.files, name)
			c.changed = append(c.changed, name)
		}
	}
	slices.Sort(c.changed)
	return site, diags, c.changed
}

// Lazy is Load for a build, which loads its site once: as load.Lazy does, it leaves the
// plans and results files to be read while model.Build links them (Site.Pending), each
// through c — looked up in the store by the hash of its path and contents and decoded from
// there, or from its source — on the worker that links it. c keeps of such a file what the
// store and Sums need (its hash, and its encoded values when it decoded without a problem),
// not its values, so a national site's raw rows are never all live at once; it adds them
// once every file of the group is read (Files.Each). Values decodes one of them again.
//
// Lazy is for a Cache's only Load: a Cache that has loaded before loads as Load does.
func (c *Cache) Lazy(fsys fs.FS) (*Site, *diag.List) {
	if c.files != nil {
		site, diags, _ := c.Load(fsys)
		return site, diags
	}
	c.files, c.groups = map[string]*cacheEntry{}, map[string]*group{}
	c.seen, c.changed, c.suspect, c.stored = map[string]bool{}, nil, nil, 0
	return loadSite(fsys, c, true)
}

// filesThrough is filesOf reading through c (Lazy): a file's entry goes to c once every
// file is read, with its values only when the store cannot give them again (a file with a
// problem). A nil c is filesOf.
func filesThrough[T any](c *Cache, fsys fs.FS, names []string, read func(root *table, name string) T) *Files[T] {
	if c == nil {
		return filesOf(fsys, names, read)
	}
	decode := tomlDecoder(func(root *table, name string) []T { return []T{read(root, name)} })
	entries := make([]*cacheEntry, len(names)) // each written by the worker reading its file
	// a file's value is dropped once the model has linked it (Files.Each's release): the
	// next file decodes from the store into the same memory
	var (
		mu   sync.Mutex
		free []*scratch // one a file decoded ahead or in use, at most (Lookahead)
	)
	held := make([]*scratch, len(names))
	f := &Files[T]{names: names, done: func() { c.store(names, entries) }}
	f.release = func(i int) {
		held[i].reset()
		mu.Lock()
		free = append(free, held[i])
		mu.Unlock()
		held[i] = nil
	}
	f.read = func(i int, diags *diag.List) (v T, ok, failed bool) {
		var sc *scratch
		mu.Lock()
		if n := len(free); n > 0 {
			sc, free = free[n-1], free[:n-1]
		}
		mu.Unlock()
		if sc == nil {
			sc = &scratch{}
		}
		held[i] = sc
		res, e := c.read(fsys, names[i], func(src []byte) *fileResult {
			r := &fileResult{}
			values, ok := decode(names[i], src, &r.diags)
			r.values, r.failed = values, !ok
			return r
		}, sc)
		got := *res
		if e != nil && e.payload != nil {
			e.result = fileResult{} // in the store: Values decodes it again when asked
		}
		entries[i] = e
		diags.Merge(&got.diags)
		if values, _ := got.values.([]T); len(values) == 1 {
			return values[0], true, got.failed
		}
		return v, false, got.failed
	}
	return f
}

// read reads and decodes one file, or returns what it decoded to before if the file did
// not change. It may run on several goroutines at once: it does not change c, and returns
// the entry to keep (nil for a file that could not be read) for store. A nil c reads and
// decodes.
//
// A file taken from the store is decoded with sc (nil: none), and its values are good
// until sc is reset.
func (c *Cache) read(fsys fs.FS, name string, decode func(src []byte) *fileResult, sc *scratch) (*fileResult, *cacheEntry) {
	if c == nil {
		src, _, res := readFile(fsys, name)
		if res != nil {
			return res, nil
		}
		return decode(src), nil
	}
	old := c.files[name]
	if old != nil && c.suspect != nil && !c.suspect[name] {
		return &old.result, old // the caller knows it did not change
	}
	if old == nil { // a file the store saw as it is: not read (see Store)
		if e := c.disk.unchanged(fsys, name, sc); e != nil {
			return &e.result, e
		}
	}
	start := time.Now()
	if old != nil { // a file read before: not read again when its size and time are the same
		info, err := fs.Stat(fsys, name)
		if err == nil && old.size == info.Size() && old.mod.Equal(info.ModTime()) &&
			old.mod.Before(old.readAt.Add(-racyWindow)) {
			return &old.result, old
		}
	}
	// info is the open file's, before reading: a change after it shows next time
	src, info, res := readFile(fsys, name)
	if res != nil {
		return res, nil
	}
	e := &cacheEntry{size: info.Size(), mod: info.ModTime(), readAt: start, sum: storeKey(name, src)}
	switch {
	case old != nil && old.sum == e.sum:
		e.result, e.payload = old.result, old.payload
	default:
		e.changed = true
		if values, payload, ok := c.disk.lookup(e.sum, name, sc); ok {
			e.result, e.payload, e.stored = fileResult{values: values}, payload, true
			break
		}
		e.result = *decode(src)
		if c.disk != nil && e.result.diags.Len() == 0 && !e.result.failed {
			e.payload, _ = encodeValues(e.result.values, name)
		}
	}
	return &e.result, e
}

// store keeps the entries read made for names; a file without one could not be read and
// counts as changed.
func (c *Cache) store(names []string, entries []*cacheEntry) {
	if c == nil {
		return
	}
	for i, name := range names {
		c.seen[name] = true
		e := entries[i]
		if e == nil {
			delete(c.files, name)
			c.changed = append(c.changed, name)
			continue
		}
		if e.changed {
			c.changed = append(c.changed, name)
			e.changed = false
		}
		if e.stored {
			c.stored++
			e.stored = false
		}
		c.files[name] = e
	}
}

// group returns the values of the previous load of a group (say, the files of
// data/localities) when it had the same files and none of them changed; else nil and a
// function to record the values made now.
func (c *Cache) group(name string, entries []*cacheEntry) (values any, keep func(any)) {
	if c == nil {
		return nil, func(any) {}
	}
	if g := c.groups[name]; g != nil && len(g.entries) == len(entries) && !slices.Contains(entries, nil) {
		same := true
		for i, e := range entries {
			same = same && e == g.entries[i] // the same file, not read again since
		}
		if same {
			return g.values, nil
		}
	}
	return nil, func(v any) { c.groups[name] = &group{entries: entries, values: v} }
}
