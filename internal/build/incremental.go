package build

import (
	"io/fs"
	"time"

	"github.com/covsite/covsite/internal/datacheck"
	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/render"
)

// Prepared is a checked site whose pages are ready to render, one at a time or all at
// once, in memory; nothing is written. `covsite serve` keeps one per rebuild.
type Prepared struct {
	Site        *model.Site
	Renderer    *render.Renderer // its Page finds one page, its Pages lists them all
	Diagnostics *diag.List
	Load        time.Duration // reading and parsing data/ and content/
	Model       time.Duration // validating and linking
	Setup       time.Duration // reading the theme
	// Changed lists the input files new, changed or gone since the previous Prepare of the
	// same Preparer (every file the first time); Relinked says that they were all results
	// files and only they were linked again.
	Changed  []string
	Relinked bool
}

// Prepare loads and checks the site at opts.Source and sets up its renderer with theme
// (nil means Theme(opts.Source)), without rendering any page. When the input has errors
// it returns ErrInvalid and a Prepared holding only the diagnostics.
func Prepare(opts Options, theme fs.FS) (*Prepared, error) {
	return NewPreparer(opts, theme).Prepare()
}

// A Preparer prepares one site again and again, as `covsite serve` does after every save:
// files whose size and time did not change are not decoded again (load.Cache) and, when
// only results files changed, only those are linked again (model.Rebuild), so a change to
// a national site is ready in milliseconds. It keeps every decoded file in memory.
type Preparer struct {
	opts  Options
	theme fs.FS
	cache load.Cache
	site  *model.Site // of the previous Prepare, with errors or not
}

// NewPreparer returns a Preparer of the site at opts.Source with theme (nil means
// Theme(opts.Source)).
func NewPreparer(opts Options, theme fs.FS) *Preparer {
	if theme == nil {
		theme = Theme(opts.Source)
	}
	return &Preparer{opts: opts, theme: theme}
}

// Prepare is the package's Prepare for the site as it is now on disk.
func (pr *Preparer) Prepare() (*Prepared, error) { return pr.PrepareChanged(nil) }

// PrepareChanged is Prepare when only the input files named in suspects (slash paths
// relative to the site, as a file watcher reports them) may have changed since the
// previous Prepare; see load.Cache.LoadChanged. nil suspects means unknown.
func (pr *Preparer) PrepareChanged(suspects []string) (*Prepared, error) {
	p := &Prepared{}
	start := time.Now()
	fsys := SourceFS(pr.opts.Source)
	links := &diag.List{}
	datacheck.Links(fsys, links)
	raw, diags, changed := pr.cache.LoadChanged(fsys, suspects)
	diags.Merge(links)
	defaults := datacheck.WithDefaultMaps(raw)
	p.Load = time.Since(start)
	site, more, relinked := model.Rebuild(pr.site, datacheck.WithDrafts(raw, pr.opts.Drafts), changed)
	pr.site = site
	diags.Merge(more)
	if !diags.HasErrors() {
		datacheck.MissingTiles(site, !raw.DefaultGrids, defaults, diags) // as check warns
	}
	diags = diags.WithoutEchoes()
	p.Model = time.Since(start) - p.Load
	p.Diagnostics, p.Changed, p.Relinked = diags, changed, relinked
	if diags.HasErrors() || (pr.opts.Strict && diags.Len() > 0) {
		return p, ErrInvalid
	}
	r, err := render.New(site, render.Options{BaseURL: pr.opts.BaseURL, Theme: pr.theme, FigureKeys: pr.opts.FigureKeys})
	if err != nil {
		themeError(err, diags) // a layout or strings file that does not parse, with its place
		return p, ErrInvalid
	}
	// the site's own strings and layouts, checked as `covsite check` does: a layout's
	// mistake is shown as such, and the last good build is kept
	checkStrings(pr.theme, diags)
	checkLayoutKeys(pr.theme, diags)
	checkLayouts(r, pr.theme, diags)
	if diags.HasErrors() || (pr.opts.Strict && diags.Len() > 0) {
		return p, ErrInvalid
	}
	checkLinks(site, r, diags) // after every save: a link the edit broke, or mended
	p.Site, p.Renderer = site, r
	p.Setup = time.Since(start) - p.Load - p.Model
	return p, nil
}

// Pages lists every output file, sorted by path.
func (p *Prepared) Pages() []render.Page { return p.Renderer.Pages() }
