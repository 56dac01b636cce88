// Package datacheck checks a site's data and content: it loads them and builds the model,
// reporting every problem with its position, and renders nothing. build adds the theme's
// checks to it; the importer checks a site with it alone, without linking render or write.
package datacheck

import (
	"io/fs"
	"slices"
	"strings"
	"time"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/sitefs"
	"github.com/covsite/covsite/themes"
)

// Result is what checking a site's data found.
type Result struct {
	Site  *model.Site
	Diags *diag.List
	// Linked: the site's inputs hold a symbolic link, reported in Diags; nothing of the
	// site may be published.
	Linked  bool
	BaseURL load.Str // data/site.toml's base_url, for the build's own check of it
	// LoadedAt and BuiltAt: when loading ended (the loader returned) and when the model
	// was built, for a build's timings (build.Result.Phases)
	LoadedAt, BuiltAt time.Time
}

// Loader reads a site's files into raw values: load.Lazy (the plans and results files
// decoded while they are linked), load.Load, or a cache's loader.
type Loader func(fs.FS) (*load.Site, *diag.List)

// Check loads the site in fsys with loader and builds its model; drafts keeps the
// documents marked draft = true. fsys must not follow symbolic links (sitefs.NoLinks).
func Check(fsys fs.FS, drafts bool, loader Loader) Result {
	links := &diag.List{}
	linksDone := make(chan bool, 1)
	go func() { linksDone <- Links(fsys, links) }() // a walk of the folders, while they load
	raw, diags := loader(fsys)
	loaded := time.Now()
	if raw.Pending != nil { // the first plans decoded while the model's localities are made
		raw.Pending.Prefetch()
	}
	hasLinks := <-linksDone
	diags.Merge(links)
	defaults := WithDefaultMaps(raw)
	baseURL, pending, ownGrids := raw.Config.BaseURL, raw.Pending, !raw.DefaultGrids
	// raw is not read after this: Build lets its values go as it links them (ReleaseRows)
	site, more := model.Build(WithDrafts(raw, drafts), model.ReleaseRows())
	built := time.Now()
	// load.Lazy: the problems of the files decoded while they were linked
	if pending != nil {
		diags.Merge(pending.Diags())
	}
	diags.Merge(more)
	if !diags.HasErrors() { // a broken tree or map would only echo its errors
		MissingTiles(site, ownGrids, defaults, diags)
	}
	diags = load.WholeCounts(diags, wholeFigure(site))
	return Result{Site: site, Diags: diags.WithoutEchoes(), Linked: hasLinks, BaseURL: baseURL, LoadedAt: loaded, BuiltAt: built}
}

// wholeFigure reports whether a figure written under key is a whole number: a count of
// people or events of one of site's indicators, or its change.
func wholeFigure(site *model.Site) func(key string) bool {
	return func(key string) bool {
		if site == nil {
			return false
		}
		ind := site.Indicator(strings.TrimPrefix(key, "change."))
		return ind != nil && ind.Unit.Whole()
	}
}

// Dir checks the data and content of the site folder source, as published (no drafts).
func Dir(source string) (*model.Site, *diag.List) {
	fsys, diags := Open(source)
	if fsys == nil {
		return nil, diags
	}
	r := Check(sitefs.NoLinks(fsys), false, load.Lazy)
	return r.Site, r.Diags
}

// Open opens the site folder source as every stage reads it (sitefs), or says why not.
func Open(source string) (fs.FS, *diag.List) {
	fsys, err := sitefs.Open(source)
	if err != nil {
		diags := &diag.List{}
		diags.Errorf(diag.Pos{File: source}, diag.ReadFile, err.Error())
		return nil, diags
	}
	return fsys, nil
}

// Links reports every symbolic link among the inputs of the site in fsys: a link
// could publish a file from outside the site (a token, the build's environment). It
// returns whether it found one.
func Links(fsys fs.FS, diags *diag.List) bool {
	links := sitefs.Links(fsys)
	for _, l := range links {
		if l.Special {
			diags.Errorf(diag.Pos{File: l.Path}, diag.SpecialFile)
			continue
		}
		diags.Errorf(diag.Pos{File: l.Path}, diag.Symlink, l.Target)
	}
	return len(links) > 0
}

// WithDefaultMaps gives a site without tile maps of its own (data/map.toml) the theme's,
// whose tiles are kept only for the localities the site has. It returns the theme's maps
// (for the places MissingTiles suggests).
func WithDefaultMaps(raw *load.Site) []load.Grid {
	grids, diags := load.ReadGrids(themes.Default(), themes.MapFile)
	if diags.HasErrors() {
		return nil // TestDefaultMaps keeps the theme's file clean
	}
	if len(raw.Grids) > 0 || slices.Contains(raw.Unreadable, load.MapFile) {
		return grids
	}
	raw.Grids, raw.DefaultGrids = grids, true
	return grids
}

// WithDrafts is raw without the documents marked draft = true, unless drafts; raw itself is
// not changed (a load.Cache may share it).
func WithDrafts(raw *load.Site, drafts bool) *load.Site {
	if drafts || !slices.ContainsFunc(raw.Documents, func(d load.Document) bool { return d.Draft }) {
		return raw
	}
	own := *raw
	own.Documents = slices.DeleteFunc(slices.Clone(raw.Documents), func(d load.Document) bool { return d.Draft })
	return &own
}
