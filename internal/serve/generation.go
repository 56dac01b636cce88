package serve

import (
	"bytes"
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/covsite/covsite/internal/build"
	"github.com/covsite/covsite/internal/render"
)

// generation is one good build held in memory: every output path with its page, rendered
// at most once — by whichever comes first, a request, a waiting browser tab or the
// background workers.
type generation struct {
	id       uint64
	prepared *build.Prepared
	entries  map[string]*entry
	order    []*entry
}

// entry is one output file of a generation.
type entry struct {
	page     render.Page
	once     sync.Once
	rendered atomic.Bool
	body     []byte
	err      error
	prev     []byte // the previous generation's bytes of this path, until rendered
	hadPrev  bool
	changed  bool
}

// newGeneration makes a generation of p's pages. Pages already rendered in old carry their
// bytes over, so a page that renders the same keeps the same slice and counts as unchanged.
func newGeneration(id uint64, p *build.Prepared, old *generation) *generation {
	g := &generation{id: id, prepared: p, entries: make(map[string]*entry, len(p.Pages))}
	for _, pg := range p.Pages {
		e := &entry{page: pg}
		if old != nil {
			if o := old.entries[pg.Path]; o != nil && o.rendered.Load() && o.err == nil {
				e.prev, e.hadPrev = o.body, true
			}
		}
		g.entries[pg.Path] = e
		g.order = append(g.order, e)
	}
	return g
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
		e.prev = nil
		e.rendered.Store(true)
	})
	return e.body, e.err
}

// renderStats is what rendering a whole generation did.
type renderStats struct {
	Pages, Changed int
	Bytes          int64
	Errors         []error
	Duration       time.Duration
}

// renderAll renders every entry not yet rendered on a pool of workers and reports the
// result. It stops early, with partial stats, when ctx is cancelled.
func (g *generation) renderAll(ctx context.Context, workers int) renderStats {
	start := time.Now()
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	jobs := make(chan *entry)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for e := range jobs {
				_, _ = e.bytes()
			}
		}()
	}
feed:
	for _, e := range g.order {
		select {
		case jobs <- e:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	st := g.stats()
	st.Duration = time.Since(start)
	return st
}

// stats counts the rendered entries.
func (g *generation) stats() renderStats {
	var st renderStats
	for _, e := range g.order {
		if !e.rendered.Load() {
			continue
		}
		st.Pages++
		st.Bytes += int64(len(e.body))
		if e.changed {
			st.Changed++
		}
		if e.err != nil {
			st.Errors = append(st.Errors, e.err)
		}
	}
	return st
}
