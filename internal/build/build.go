// Package build runs the pipeline — load, model, render, write — for one site and reports
// what it made. It is the only package that touches the source and output directories.
package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/lang"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/render"
	"github.com/covsite/covsite/internal/render/asset"
	"github.com/covsite/covsite/internal/sitefs"
	"github.com/covsite/covsite/internal/write"
	"github.com/covsite/covsite/themes"
)

// Options say what to build and where.
type Options struct {
	Source  string // the site directory holding data/ and content/
	Dest    string // the output directory, replaced atomically
	BaseURL string // overrides data/site.toml's base_url when set
	Strict  bool   // warnings stop the build too
	// StrictLinks: warnings about links (diag.Code.IsLink) stop the build too — the
	// workflow's, so that a link that would break on the published site is not published.
	StrictLinks bool
	Lang        string // language of messages: "vi" or "en"
	Workers     int    // pages rendered at once; 0 means DefaultWorkers()
	// Languages limits the language pages built ("vi"); nil builds the site's own
	// (data/site.toml's languages), or every language. Data files, assets and the sitemap
	// are always built; a site of one language has no language switch (render.Options).
	Languages []string
	Drafts    bool // publish updates marked draft = true too (serve always shows them)
	// CacheDir holds what the build keeps for the next one (see cache.go); "" means no
	// cache. `covsite build` uses Source/.covsite-cache unless told otherwise.
	CacheDir string
	// InPlace updates Dest in place when the cache knows its previous build: only the files
	// that changed are written (each whole), instead of a new tree swapped in (see
	// write.Update). For CI, where nobody reads Dest during the build.
	InPlace bool
	// MemoryLimit is a soft limit on the Go heap during the build, in bytes; 0 means the
	// default (DefaultMemoryLimit, for a build that renders every page), a negative value
	// none. GOMEMLIMIT, when set, wins. See limitMemory.
	MemoryLimit int64
	// FigureKeys marks every printed figure with the key of its row in the data (data-fig…),
	// for tests and audits of the built site (render.Options.FigureKeys).
	FigureKeys bool
}

// DefaultMemoryLimit is the soft limit on the Go heap of a build that renders every page,
// unless Options.MemoryLimit or GOMEMLIMIT gives one: the collector then runs before the
// heap doubles its live part (GOGC's pacing, 1 GB and more for a national site) and a cold
// build of the national dataset stays under 500 MB of RSS (issue 12: ~460 MiB, the
// limit and ~13 MiB the runtime does not count; docs/performance.md, "Session 12: a
// smaller live heap while pages render"). Once the site is checked it is raised to twice
// the heap the site holds when that is more (fitMemory): a larger site is paced as
// without a limit instead of making the collector run without pause. It was 440 MiB while
// ~245 MB were live halfway through a national site's pages; with ~195 MB, 8 MiB more
// give each collection more room: a national build collects 22 times, 22–23 at 440 MiB
// (21–22 with measureLive's collection spared; 28 before), and peaks at 460–465 MiB.
const DefaultMemoryLimit = 448 << 20

// limitMemory sets the soft memory limit for the build and returns how to restore the
// previous one, and whether the limit is the default (limit 0, no GOMEMLIMIT): fitMemory
// then sets it once the site is checked. A build with a cache starts without the default,
// which would make a rebuild's collector run while it links the whole site (its ≤ 2 s
// target); fitMemory sets it when every page is rendered.
func limitMemory(limit int64, cached bool) (restore func(), byDefault bool) {
	prev := debug.SetMemoryLimit(-1)
	if limit < 0 || prev != math.MaxInt64 { // none asked for, or GOMEMLIMIT set
		return func() {}, false
	}
	if limit == 0 {
		if limit, byDefault = DefaultMemoryLimit, true; cached {
			limit = math.MaxInt64
		}
	}
	debug.SetMemoryLimit(limit)
	prevPercent := debug.SetGCPercent(-1)
	debug.SetGCPercent(prevPercent)
	if byDefault && !cached {
		paceUnderLimit()
	}
	return func() { debug.SetMemoryLimit(prev); debug.SetGCPercent(prevPercent) }, byDefault
}

// limitedGCPercent is the collector's pacing (GOGC) while the default memory limit holds:
// the limit, not GOGC's doubling of the live heap, is then what bounds the heap, and at
// GOGC 100 a cold national build collected 36 times while its live heap grew from
// nothing to ~250 MB as it loaded (each collection marking what had been loaded so far);
// at 400 it collects 12 times there, the peak unchanged (the limit's: 453 MiB), ~1 s less
// CPU (docs/performance.md, "Session 10"). A small site's heap may grow to five times its
// live part, within the limit.
const limitedGCPercent = 400

// paceUnderLimit sets the collector's pacing for a build under the default limit; GOGC,
// when set, wins. limitMemory's restore puts the previous pacing back.
func paceUnderLimit() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(limitedGCPercent)
	}
}

// fitMemory sets the default limit once the site is checked: none for a rebuild that keeps
// pages (paced by paceForRebuild), else DefaultMemoryLimit or twice the live heap, the more.
// The live heap is measured by a collection of its own: the last one's, while the site was
// linked, counts what two workers allocated during its mark as live (on a busy machine 20–30 %
// more than is), which raised a national site's limit to 470–520 MiB for nothing. live is
// that measure when it was taken before (measureLive), else negative.
func fitMemory(rebuild bool, live int64) {
	if rebuild {
		debug.SetMemoryLimit(math.MaxInt64)
		return
	}
	if live < 0 {
		live = measureLive()
	}
	debug.SetMemoryLimit(max(DefaultMemoryLimit, 2*live))
	paceUnderLimit()
}

// measureLive is the live heap, measured by a collection of its own. A build without a
// cache takes it as soon as the model is built (checkWith's built), not once the renderer
// is set up and the pages listed: that collection then stands for the one the heap would
// have reached while they were made (a national build collected twice, back to back, over
// ~200 MB), and what the renderer adds to the heap (its pages' list and the search index's
// inputs: 171 → 195 MB at national scale) is left out of a limit that is twice the heap.
// When the last collection found less than half the default live — what it counts live is
// more than is, never less —, the limit is the default whatever a collection of its own
// would find, and none is made: a national site's last collection found ~150–180 MB, and
// the one measureLive made was one of its ~22.
func measureLive() int64 {
	if l := liveHeap(); l > 0 && 2*l < DefaultMemoryLimit {
		return l
	}
	runtime.GC()
	return liveHeap()
}

// liveHeap is the heap the last collection found live, in bytes.
func liveHeap() int64 {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(sample[0].Value.Uint64())
}

// rebuildGCPercent is the collector's pacing (GOGC) for a rebuild with the previous
// build's state in the cache: such a build keeps most of what it allocates (the model)
// and renders a few hundred pages, so the default pacing (100) runs the collector over the
// same live heap again and again — 0.8 s of a 6 s rebuild at scale 1. At 200 the rebuild's
// peak stays under a cold build's, in proportion to the site (docs/performance.md,
// "Session 6"); a fixed memory limit would not grow with a larger site. A cold build keeps
// the default pacing: its peak is issue 12's other target.
const rebuildGCPercent = 200

// paceForRebuild sets the collector's pacing for a rebuild and returns how to restore it;
// GOGC, when set, wins.
func paceForRebuild() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	prev := debug.SetGCPercent(rebuildGCPercent)
	return func() { debug.SetGCPercent(prev) }
}

// Result tells what a build did.
type Result struct {
	Pages       int // HTML pages
	Files       int // every file written, pages included
	Bytes       int64
	Unchanged   int
	Duration    time.Duration
	Checked     time.Duration // of Duration: loading and checking the data
	Diagnostics *diag.List
	// Phases: when each step of the build ended, from its start, in that order (what
	// `covsite build --timings` prints)
	Phases []Phase
	// With a cache: the files decoded from the store instead of their source, the files
	// taken from the previous output without rendering them, and why a cache file was not
	// used (one line each, for the user; the output is the same without it).
	FromStore, Kept int
	Notices         []lang.Text
}

// ErrInvalid is returned when the input has errors; the diagnostics say which.
var ErrInvalid = fmt.Errorf("the site has errors; nothing was published")

// Run builds the site. On any error the destination is left as it was.
func Run(ctx context.Context, opts Options) (res Result, err error) {
	start := time.Now()
	clk := newClock(start)
	defer func() { res.Phases = clk.list() }()
	restoreLimit, byDefault := limitMemory(opts.MemoryLimit, opts.CacheDir != "")
	defer restoreLimit()
	ropts := render.Options{BaseURL: opts.BaseURL, Languages: opts.Languages, FigureKeys: opts.FigureKeys}
	var (
		c  checked
		cc *buildCache
		// unpace restores the collector's pacing a rebuild changed (paceForRebuild)
		unpace = func() {}
		// intact: the files of the previous output still on disk as it left them, looked
		// at while the site loads (write.Intact)
		intact  = make(chan map[string]bool, 1)
		absDest = opts.Dest
		live    = int64(-1) // the live heap once the model is built, when measured then
	)
	if d, err := filepath.Abs(opts.Dest); err == nil {
		absDest = d
	}
	defer func() { unpace() }()
	if opts.CacheDir != "" && within(opts.CacheDir, opts.Dest) {
		res.Notices = []lang.Text{lang.T(
			fmt.Sprintf("bộ nhớ đệm %s nằm trong thư mục xuất %s nên không được dùng; hãy chọn --cache-dir ở ngoài", opts.CacheDir, opts.Dest),
			fmt.Sprintf("the cache %s is inside the output directory %s and is not used; choose a --cache-dir outside it", opts.CacheDir, opts.Dest))}
		opts.CacheDir = ""
	}
	if opts.CacheDir != "" {
		var sealed <-chan bool
		cc, sealed = openCache(opts.CacheDir)
		paced := make(chan func(), 1)
		go func() { // while the site's links are checked and it loads
			if <-sealed { // a rebuild, likely; see below
				paced <- paceForRebuild()
				intact <- write.Intact(absDest, cc.previous(absDest))
				return
			}
			paced <- func() {}
			intact <- nil
		}()
		c = checkWith(SourceFS(opts.Source), ropts, opts.Drafts, cc.loader(), clk, nil)
		unpace = <-paced
		res.FromStore = cc.linked(opts.Source)
		defer func() { res.Notices = cc.allNotices() }()
	} else {
		// every page is rendered: the live heap for the limit measured once the model is
		// built (measureLive)
		var built func()
		if byDefault {
			built = func() { live = measureLive(); clk.mark("live heap measured") }
		}
		c = checkWith(SourceFS(opts.Source), ropts, opts.Drafts, load.Lazy, clk, built)
	}
	res.Diagnostics, res.Checked = c.diags, time.Since(start)
	if c.diags.HasErrors() || (opts.Strict && c.diags.Len() > 0) || (opts.StrictLinks && c.diags.LinkWarnings() > 0) {
		return res, ErrInvalid
	}
	if c.renderer == nil { // cannot be without an error; never render half a site
		return res, ErrInvalid
	}
	if err := write.CheckDestination(opts.Dest, opts.Source); err != nil {
		return res, err
	}
	// the list of pages is renderAll's from here: it lets each batch's pages go once
	// rendered (what they hold — their paths, what renders them — is ~10 MB at national
	// scale)
	pages, htmlPages := c.pages, countHTML(c.pages)
	c.pages = nil
	var keep func(string) bool
	var prev write.Manifest
	dest := absDest
	if cc != nil {
		prev = cc.previous(dest)
		keep = cc.keepable(c, dest, opts)
	}
	if keep == nil { // every page is rendered: a cold build's pacing (or no rebuild at all)
		unpace()
		unpace = func() {}
	}
	if byDefault {
		fitMemory(keep != nil, live)
		clk.mark("memory limit fitted")
	}
	var tree *write.Tree
	if opts.InPlace {
		tree, err = write.Update(opts.Dest, prev)
	} else {
		tree, err = write.Begin(opts.Dest)
	}
	if err != nil {
		return res, err
	}
	tree.UsePrevious(prev)
	if cc == nil { // no manifest kept for a next build: files are not hashed
		tree.WithoutSums()
	}
	if cc != nil {
		tree.UseIntact(<-intact)
	}
	if keep != nil {
		c.renderer.UsePrevious(func(path string) (int64, bool) {
			st, ok := prev[path]
			return st.Size, ok && keep(path)
		}, func(path string) ([]byte, bool) {
			if !keep(path) {
				return nil, false
			}
			return tree.ReadPrevious(path)
		})
	}
	clk.mark("output opened")
	kept, err := renderAll(ctx, pages, tree, opts.Workers, keep)
	if err != nil {
		tree.Abort()
		if d, ok := RenderDiagnostic(err); ok { // a site layout's mistake, at its place
			res.Diagnostics.Add(d)
			return res, ErrInvalid
		}
		return res, err
	}
	clk.mark("pages rendered")
	stats := tree.Stats()
	saveState := func() {}
	if cc != nil {
		saveState = cc.save(c, dest, opts, tree.Manifest())
	}
	if err := tree.Commit(); err != nil {
		return res, err
	}
	if cc != nil {
		cc.stale(stats.Stale, opts.Dest)
		saveState()
	}
	res.Files, res.Bytes, res.Unchanged, res.Kept = stats.Files, stats.Bytes, stats.Unchanged, kept
	res.Pages = htmlPages
	clk.mark("committed")
	res.Duration = time.Since(start)
	return res, nil
}

// within reports whether the directory dir is dest or below it: a cache there would be
// published and replaced with every build.
func within(dir, dest string) bool {
	d, err1 := filepath.Abs(dir)
	o, err2 := filepath.Abs(dest)
	if err1 != nil || err2 != nil {
		return false
	}
	return d == o || strings.HasPrefix(d, o+string(filepath.Separator))
}

// Theme is the site's own layouts/, static/ and i18n/ over the default theme; no symbolic
// link of the site is followed.
func Theme(source string) asset.Overlay {
	return asset.Overlay{Upper: SourceFS(source), Lower: themes.Default()}
}

// SourceFS is the site folder source as every stage reads it: through sitefs, so no
// symbolic link is followed and no path leads outside it. A folder that cannot be opened
// gives a file system whose every file is missing, and load reports the missing files.
func SourceFS(source string) fs.FS {
	fsys, err := sitefs.Open(source)
	if err != nil {
		return sitefs.NoLinks(os.DirFS(source))
	}
	return fsys
}

// DefaultWorkers is how many pages a build renders at once unless told: two per processor
// Go runs on. A worker renders a page, then writes it; while it waits — on the file system
// (openat, mkdir: milliseconds on a busy ext4 volume), or parked by the collector until
// there is marking for it to help with — its processor has nothing else to run, and at one
// worker a processor a cold national build left ~1 s of its two cores' time idle (the
// collector's idle-priority marking took most of it). A second worker a processor takes
// that time; the pages in flight, twice as many, add a few megabytes to a heap of ~250.
func DefaultWorkers() int { return 2 * runtime.GOMAXPROCS(0) }

// renderAll renders pages on a bounded pool of workers and writes each as it is ready.
// A worker's job is a batch (render.Batches): the pages of a locality, or of a plan, in
// every language, which share what does not depend on the language. The output does not
// depend on the order the workers finish in. A page keep says may be kept is linked from
// the previous output when it is there as the previous build left it (write.Tree.Keep),
// and rendered otherwise; renderAll returns how many were linked. Each batch's pages are
// let go once rendered: the caller keeps no use for pages.
func renderAll(ctx context.Context, pages []render.Page, tree *write.Tree, workers int, keep func(string) bool) (int, error) {
	if workers <= 0 {
		workers = DefaultWorkers()
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan render.Batch)
	var (
		wg       sync.WaitGroup
		once     sync.Once
		firstErr error
		kept     atomic.Int64
	)
	fail := func(err error) {
		once.Do(func() { firstErr = err; cancel() })
	}
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer // reused: a national build renders 40,000 pages per worker
			for b := range jobs {
				b.Each(func(p render.Page) {
					if keep != nil && keep(p.Path) {
						ok, err := tree.Keep(p.Path)
						if err != nil {
							fail(err)
							return
						}
						if ok {
							kept.Add(1)
							return
						}
					}
					if err := writePage(tree, p, &buf); err != nil {
						fail(err)
					}
				})
				clear(b.Pages) // what renders them, and their paths, for the collector
			}
		}()
	}
	batches := render.Batches(pages) // a copy: pages is not used past it
	for _, b := range batches {
		select {
		case jobs <- b:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
	}
	close(jobs)
	wg.Wait()
	if firstErr == nil && ctx.Err() != nil {
		return 0, ctx.Err()
	}
	return int(kept.Load()), firstErr
}

// writePage renders p into the tree: through buf, or straight to its file when p is large.
func writePage(tree *write.Tree, p render.Page, buf *bytes.Buffer) error {
	if p.Large {
		return tree.Stream(p.Path, p.Render)
	}
	buf.Reset()
	if err := p.Render(buf); err != nil {
		return err
	}
	return tree.Write(p.Path, buf.Bytes())
}

func countHTML(pages []render.Page) int {
	n := 0
	for _, p := range pages {
		if len(p.Path) > 5 && p.Path[len(p.Path)-5:] == ".html" {
			n++
		}
	}
	return n
}
