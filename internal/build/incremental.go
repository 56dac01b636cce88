package build

import (
	"io/fs"
	"os"
	"time"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/render"
)

// Prepared is a checked site whose pages are ready to render, one at a time or all at
// once, in memory; nothing is written. `covsite serve` keeps one per rebuild.
type Prepared struct {
	Site        *model.Site
	Pages       []render.Page // every output file, sorted by path
	Diagnostics *diag.List
	Load        time.Duration // reading and parsing data/ and content/
	Model       time.Duration // validating and linking
	Setup       time.Duration // reading the theme and listing the pages
}

// Prepare loads and checks the site at opts.Source and sets up its renderer with theme
// (nil means Theme(opts.Source)), without rendering any page. When the input has errors
// it returns ErrInvalid and a Prepared holding only the diagnostics.
func Prepare(opts Options, theme fs.FS) (*Prepared, error) {
	p := &Prepared{}
	start := time.Now()
	raw, diags := load.Load(os.DirFS(opts.Source))
	p.Load = time.Since(start)
	site, more := model.Build(raw)
	diags.Merge(more)
	p.Model = time.Since(start) - p.Load
	p.Diagnostics = diags
	if diags.HasErrors() || (opts.Strict && diags.Len() > 0) {
		return p, ErrInvalid
	}
	if theme == nil {
		theme = Theme(opts.Source)
	}
	r, err := render.New(site, render.Options{BaseURL: opts.BaseURL, Theme: theme})
	if err != nil {
		return p, err
	}
	p.Site, p.Pages = site, r.Pages()
	p.Setup = time.Since(start) - p.Load - p.Model
	return p, nil
}
