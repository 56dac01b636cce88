package build

import (
	"io/fs"
	"path"
	"strings"

	"github.com/covsite/covsite/internal/datacheck"
	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/render"
	"github.com/covsite/covsite/internal/render/asset"
	"github.com/covsite/covsite/internal/sitefs"
	"github.com/covsite/covsite/internal/textutil"
	"github.com/covsite/covsite/themes"
)

// Check loads and validates everything a build of the site at source reads — data,
// content, and the site's own layouts, strings and static files over the theme's —
// without rendering or writing anything.
func Check(source string) (*model.Site, *diag.List) {
	fsys, diags := datacheck.Open(source)
	if fsys == nil {
		return nil, diags
	}
	return CheckFS(fsys)
}

// CheckFS is Check on a file system holding the site.
func CheckFS(site fs.FS) (*model.Site, *diag.List) {
	c := check(site, render.Options{}, false)
	return c.site, c.diags
}

// checked is a site checked the way a build renders it. When neither the data nor the
// theme has errors, renderer and pages are set, and a build renders those pages.
type checked struct {
	site     *model.Site
	diags    *diag.List
	renderer *render.Renderer
	pages    []render.Page
}

// check loads and validates the site in fsys, then sets up its renderer with opts (the
// theme is the site's files over the default theme); drafts keeps the draft updates.
// Links are refused: the site is read through sitefs.NoLinks, and a site holding one has
// no renderer, so nothing of it is published.
func check(fsys fs.FS, opts render.Options, drafts bool) checked {
	return checkWith(fsys, opts, drafts, load.Lazy, nil, nil)
}

// checkWith is check loading the site with loader; clk, when not nil, records when each
// of its phases ended; built, when not nil, is called once the data is checked and found
// without errors, before the renderer is set up.
func checkWith(fsys fs.FS, opts render.Options, drafts bool, loader func(fs.FS) (*load.Site, *diag.List), clk *clock, built func()) checked {
	fsys = sitefs.NoLinks(fsys)
	d := datacheck.Check(fsys, drafts, loader)
	clk.at("data loaded", d.LoadedAt)
	clk.at("model built", d.BuiltAt)
	clk.mark("data checked")
	c := checked{site: d.Site, diags: d.Diags}
	if d.Linked {
		return c
	}
	if built != nil && !d.Diags.HasErrors() {
		built()
	}
	opts.Theme = asset.Overlay{Upper: fsys, Lower: themes.Default()}
	c.renderer, c.pages = checkTheme(d.Site, opts, !d.Diags.HasErrors(), d.Diags, clk)
	if !d.Diags.HasErrors() { // a site with errors is not built: the warning would be noise
		checkBaseURL(d.BaseURL, opts.BaseURL, d.Diags)
	}
	return c
}

// checkBaseURL warns when the site would be built without an absolute address (base_url
// of data/site.toml, unless override is given): the feed's <id> and the sitemap's <loc>
// must be absolute (RFC 4287, the sitemap protocol), so feed readers and search engines
// would refuse them.
func checkBaseURL(base load.Str, override string, diags *diag.List) {
	effective := base.V
	if override != "" {
		effective = override
	}
	if strings.HasPrefix(effective, "http://") || strings.HasPrefix(effective, "https://") {
		return
	}
	pos := base.Pos
	if !base.Set() {
		pos = diag.Pos{File: "data/site.toml", Line: 1, Col: 1}
	}
	diags.Warnf(pos, diag.RelativeBaseURL, effective)
}

// checkTheme sets up a renderer as build does, so a layout or strings file that does not
// parse is reported into diags with its position; when the data is sound (withPages) it
// also lists the pages and reports static files that would overwrite a page. It returns
// the renderer and the pages when it found no problem.
func checkTheme(site *model.Site, opts render.Options, withPages bool, diags *diag.List, clk *clock) (*render.Renderer, []render.Page) {
	r, err := render.New(site, opts)
	if err != nil {
		themeError(err, diags)
		return nil, nil
	}
	clk.mark("renderer set up")
	checkStrings(opts.Theme, diags)
	checkLayoutKeys(opts.Theme, diags)
	checkCustomCSS(opts.Theme, diags)
	if !withPages {
		return nil, nil
	}
	base := opts.BaseURL
	if base == "" {
		base = site.Config.BaseURL
	}
	checkRootRelative(opts.Theme, base, diags)
	before := diags.Count(diag.Error)
	checkLayouts(r, opts.Theme, diags)
	if diags.Count(diag.Error) > before {
		return nil, nil
	}
	clk.mark("theme checked")
	pages := r.Pages()
	clk.mark("pages listed")
	paths := make(map[string]bool, len(pages))
	folders := map[string]bool{}
	conflicts := unportable(opts.Theme, pages, diags)
	for _, p := range pages {
		if paths[p.Path] {
			diags.Errorf(diag.Pos{File: "static/" + p.Path, Line: 1, Col: 1}, diag.PathConflict, "static/"+p.Path, p.Path)
			conflicts++
		}
		paths[p.Path] = true
		// a folder already there has its own folders there too
		for dir := path.Dir(p.Path); dir != "." && !folders[dir]; dir = path.Dir(dir) {
			folders[dir] = true
		}
	}
	// a site's own static/js/chart-kit.js: the one covsite makes of go-echarts replaces it
	if _, err := fs.Stat(opts.Theme, "static/"+render.ChartKitFile); err == nil {
		diags.Errorf(diag.Pos{File: "static/" + render.ChartKitFile, Line: 1, Col: 1}, diag.GeneratedFile, "static/"+render.ChartKitFile, render.ChartKitFile)
		conflicts++
	}
	for _, p := range pages { // a file where pages need a folder: static/dia-phuong
		if folders[p.Path] {
			diags.Errorf(diag.Pos{File: "static/" + p.Path, Line: 1, Col: 1}, diag.PathConflict, "static/"+p.Path, p.Path+"/…")
			conflicts++
		}
	}
	if conflicts > 0 {
		return nil, nil
	}
	clk.mark("paths checked")
	checkLinks(site, r, diags)
	clk.mark("links checked")
	return r, pages
}

// unportable reports files that Windows or macOS cannot hold, which only files of static/
// can bring (ids are checked): a name Windows reserves (static/nul.txt), and an output
// path that differs from another only in case (static/Index.html beside the index.html
// covsite makes), one of which would overwrite the other there. It returns how many it
// found.
func unportable(theme fs.FS, pages []render.Page, diags *diag.List) int {
	n := 0
	_ = fs.WalkDir(theme, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // reported when the theme is read
		}
		if textutil.WindowsReserved(d.Name()) {
			diags.Errorf(diag.Pos{File: p, Line: 1, Col: 1}, diag.UnportablePath, p,
				diag.W("Windows không cho đặt tên "+d.Name(), "Windows cannot hold the name "+d.Name()))
			n++
		}
		return nil
	})
	byFold := make(map[string]string, len(pages))
	for _, p := range pages {
		folded := strings.ToLower(p.Path)
		other, ok := byFold[folded]
		if !ok {
			byFold[folded] = p.Path
			continue
		}
		if other == p.Path {
			continue // the same path twice: a path-conflict
		}
		static, made := p.Path, other
		if made != folded {
			static, made = other, p.Path // the one with capitals is the site's own file
		}
		diags.Errorf(diag.Pos{File: "static/" + static, Line: 1, Col: 1}, diag.UnportablePath, "static/"+static,
			diag.W("chỉ khác "+made+" ở chữ hoa, chữ thường: trên Windows và macOS hai tệp này là một",
				"it differs from "+made+" only in case: on Windows and macOS the two are one file"))
		n++
	}
	return n
}
