package build

import (
	"errors"
	"io/fs"
	"os"
	"path"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/render"
	"github.com/covsite/covsite/themes"
)

// Check loads and validates everything a build of the site at source reads — data,
// content, and the site's own layouts, strings and static files over the theme's —
// without rendering or writing anything.
func Check(source string) (*model.Site, *diag.List) { return CheckFS(os.DirFS(source)) }

// CheckFS is Check on a file system holding the site.
func CheckFS(site fs.FS) (*model.Site, *diag.List) {
	c := check(site, render.Options{})
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
// theme is the site's files over the default theme).
func check(fsys fs.FS, opts render.Options) checked {
	return checkWith(fsys, opts, load.Load)
}

// checkWith is check loading the site with loader.
func checkWith(fsys fs.FS, opts render.Options, loader func(fs.FS) (*load.Site, *diag.List)) checked {
	raw, diags := loader(fsys)
	site, more := model.Build(raw)
	diags.Merge(more)
	opts.Theme = render.Overlay{Upper: fsys, Lower: themes.Default()}
	c := checked{site: site, diags: diags}
	c.renderer, c.pages = checkTheme(site, opts, !diags.HasErrors(), diags)
	return c
}

// checkTheme sets up a renderer as build does, so a layout or strings file that does not
// parse is reported into diags with its position; when the data is sound (withPages) it
// also lists the pages and reports static files that would overwrite a page. It returns
// the renderer and the pages when it found no problem.
func checkTheme(site *model.Site, opts render.Options, withPages bool, diags *diag.List) (*render.Renderer, []render.Page) {
	r, err := render.New(site, opts)
	var te *render.ThemeError
	switch {
	case errors.As(err, &te):
		// A template error names a line at best: the start of the line (or of the file)
		// is where to look.
		diags.Errorf(diag.Pos{File: te.File, Line: max(te.Line, 1), Col: max(te.Col, 1)}, diag.ThemeSyntax, te.Message)
		return nil, nil
	case err != nil:
		diags.Errorf(diag.Pos{}, diag.ThemeSyntax, err.Error())
		return nil, nil
	case !withPages:
		return nil, nil
	}
	pages := r.Pages()
	paths := make(map[string]bool, len(pages))
	folders := map[string]bool{}
	conflicts := 0
	for _, p := range pages {
		if paths[p.Path] {
			diags.Errorf(diag.Pos{File: "static/" + p.Path, Line: 1, Col: 1}, diag.PathConflict, "static/"+p.Path, p.Path)
			conflicts++
		}
		paths[p.Path] = true
		for dir := path.Dir(p.Path); dir != "."; dir = path.Dir(dir) {
			folders[dir] = true
		}
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
	return r, pages
}
