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
	raw, diags := load.Load(site)
	s, more := model.Build(raw)
	diags.Merge(more)
	diags.Merge(checkTheme(s, render.Overlay{Upper: site, Lower: themes.Default()}, !diags.HasErrors()))
	return s, diags
}

// checkTheme sets up a renderer as build does, so a layout or strings file that does not
// parse is reported with its position; when the data is sound (withPages) it also lists
// the pages and reports static files that would overwrite a page.
func checkTheme(site *model.Site, theme fs.FS, withPages bool) *diag.List {
	diags := &diag.List{}
	r, err := render.New(site, render.Options{Theme: theme})
	var te *render.ThemeError
	switch {
	case errors.As(err, &te):
		// A template error names a line at best: the start of the line (or of the file)
		// is where to look.
		diags.Errorf(diag.Pos{File: te.File, Line: max(te.Line, 1), Col: max(te.Col, 1)}, diag.ThemeSyntax, te.Message)
		return diags
	case err != nil:
		diags.Errorf(diag.Pos{}, diag.ThemeSyntax, err.Error())
		return diags
	case !withPages:
		return diags
	}
	pages := r.Pages()
	paths := make(map[string]bool, len(pages))
	folders := map[string]bool{}
	for _, p := range pages {
		if paths[p.Path] {
			diags.Errorf(diag.Pos{File: "static/" + p.Path, Line: 1, Col: 1}, diag.PathConflict, "static/"+p.Path, p.Path)
		}
		paths[p.Path] = true
		for dir := path.Dir(p.Path); dir != "."; dir = path.Dir(dir) {
			folders[dir] = true
		}
	}
	for _, p := range pages { // a file where pages need a folder: static/dia-phuong
		if folders[p.Path] {
			diags.Errorf(diag.Pos{File: "static/" + p.Path, Line: 1, Col: 1}, diag.PathConflict, "static/"+p.Path, p.Path+"/…")
		}
	}
	return diags
}
