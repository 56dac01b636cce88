package serve

import (
	"bytes"
	"sync"
	"sync/atomic"

	"github.com/covsite/covsite/internal/build"
	"github.com/covsite/covsite/internal/render"
)

// generation is one good build held in memory: every output path with its page, rendered
// at most once, when first asked for — by a request or by a tab showing it waiting to know
// whether to reload. Pages nobody looks at are never rendered, so a save re-renders only
// the open pages it changes: milliseconds, whatever the size of the site.
type generation struct {
	id       uint64
	prepared *build.Prepared

	mu      sync.Mutex
	entries map[string]*entry // made on first use
}

// entry is one output file of a generation.
type entry struct {
	page    render.Page
	once    sync.Once
	done    atomic.Bool
	body    []byte
	err     error
	prev    []byte // the previous generation's bytes of this path, until rendered well
	hadPrev bool
	changed bool
}

// newGeneration makes a generation of p's pages. Pages rendered in old carry their bytes
// over, so a page that renders the same keeps the same slice and counts as unchanged.
func newGeneration(id uint64, p *build.Prepared, old *generation) *generation {
	g := &generation{id: id, prepared: p, entries: map[string]*entry{}}
	if old == nil {
		return g
	}
	old.mu.Lock()
	defer old.mu.Unlock()
	for path, o := range old.entries {
		if !o.done.Load() {
			continue
		}
		good := o.body
		if o.err != nil { // the page's last good bytes, from before the error
			good = o.prev
		}
		if good == nil {
			continue
		}
		if e := g.newEntry(path); e != nil {
			e.prev, e.hadPrev = good, true
		}
	}
	return g
}

// has reports whether the generation has a page at path.
func (g *generation) has(path string) bool {
	_, ok := g.prepared.Renderer.Page(path)
	return ok
}

// entry returns the entry of path, or nil when the generation has no page there.
func (g *generation) entry(path string) *entry {
	g.mu.Lock()
	defer g.mu.Unlock()
	if e := g.entries[path]; e != nil {
		return e
	}
	return g.newEntry(path)
}

// newEntry makes the entry of path; g.mu is held.
func (g *generation) newEntry(path string) *entry {
	pg, ok := g.prepared.Renderer.Page(path)
	if !ok {
		return nil
	}
	e := &entry{page: pg}
	g.entries[path] = e
	return e
}

// rendered counts the entries rendered so far.
func (g *generation) rendered() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	n := 0
	for _, e := range g.entries {
		if e.done.Load() {
			n++
		}
	}
	return n
}

// bytes renders the entry once and returns its bytes.
func (e *entry) bytes() ([]byte, error) {
	e.once.Do(func() {
		b, err := e.page.Bytes()
		if err == nil && e.hadPrev && bytes.Equal(b, e.prev) {
			b = e.prev
		}
		e.body, e.err = b, err
		e.changed = err != nil || !e.hadPrev || !bytes.Equal(b, e.prev)
		if err == nil {
			e.prev = nil
		}
		e.done.Store(true)
	})
	return e.body, e.err
}

// lastGood is the page's bytes of the last generation that rendered it, once it failed to
// render in this one; nil when there are none.
func (e *entry) lastGood() []byte {
	if !e.done.Load() || e.err == nil {
		return nil
	}
	return e.prev
}
