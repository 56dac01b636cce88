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
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	"github.com/covsite/covsite/internal/diag"
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
	Lang    string // language of messages: "vi" or "en"
	Workers int    // pages rendered at once; 0 means one per CPU
	// Languages limits the language pages built ("vi"); nil builds every language. For
	// measuring one language; data files, assets and the sitemap are always built.
	Languages []string
	Drafts    bool // publish updates marked draft = true too (serve always shows them)
	// MemoryLimit is a soft limit on the Go heap during the build, in bytes; 0 or a
	// negative value sets none. GOMEMLIMIT, when set, wins. See limitMemory.
	MemoryLimit int64
}

// limitMemory sets the soft memory limit for the build and returns how to restore the
// previous one. It is off unless asked for: a limit only makes the collector run sooner
// near it, and with a national site's model (~400–550 MB live at scale 1) a limit near
// 500 MB costs more CPU than the build itself (docs/performance.md, "Peak memory").
func limitMemory(limit int64) (restore func()) {
	prev := debug.SetMemoryLimit(-1)
	if limit <= 0 || prev != math.MaxInt64 { // none asked for, or GOMEMLIMIT set
		return func() {}
	}
	debug.SetMemoryLimit(limit)
	return func() { debug.SetMemoryLimit(prev) }
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
}

// ErrInvalid is returned when the input has errors; the diagnostics say which.
var ErrInvalid = fmt.Errorf("the site has errors; nothing was published")

// Run builds the site. On any error the destination is left as it was.
func Run(ctx context.Context, opts Options) (Result, error) {
	start := time.Now()
	defer limitMemory(opts.MemoryLimit)()
	c := check(SourceFS(opts.Source), render.Options{BaseURL: opts.BaseURL, Languages: opts.Languages}, opts.Drafts)
	res := Result{Diagnostics: c.diags, Checked: time.Since(start)}
	if c.diags.HasErrors() || (opts.Strict && c.diags.Len() > 0) {
		return res, ErrInvalid
	}
	if c.renderer == nil { // cannot be without an error; never render half a site
		return res, ErrInvalid
	}
	if err := write.CheckDestination(opts.Dest, opts.Source); err != nil {
		return res, err
	}
	tree, err := write.Begin(opts.Dest)
	if err != nil {
		return res, err
	}
	pages := c.pages
	if err := renderAll(ctx, pages, tree, opts.Workers); err != nil {
		tree.Abort()
		return res, err
	}
	stats := tree.Stats()
	if err := tree.Commit(); err != nil {
		return res, err
	}
	res.Files, res.Bytes, res.Unchanged = stats.Files, stats.Bytes, stats.Unchanged
	res.Pages = countHTML(pages)
	res.Duration = time.Since(start)
	return res, nil
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

// renderAll renders pages on a bounded pool of workers and writes each as it is ready.
// The output does not depend on the order the workers finish in.
func renderAll(ctx context.Context, pages []render.Page, tree *write.Tree, workers int) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan render.Page)
	var (
		wg       sync.WaitGroup
		once     sync.Once
		firstErr error
	)
	fail := func(err error) {
		once.Do(func() { firstErr = err; cancel() })
	}
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer // reused: a national build renders 40,000 pages per worker
			for p := range jobs {
				if err := writePage(tree, p, &buf); err != nil {
					fail(err)
				}
			}
		}()
	}
	for _, p := range pages {
		select {
		case jobs <- p:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
	}
	close(jobs)
	wg.Wait()
	if firstErr == nil && ctx.Err() != nil {
		return ctx.Err()
	}
	return firstErr
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
