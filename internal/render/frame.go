package render

import (
	"html/template"

	"github.com/covsite/covsite/internal/lang"
	"github.com/covsite/covsite/internal/model"
)

// pageData is what the frame (base.html) and every layout receive.
type pageData struct {
	Lang        string
	Other       string // the other language, for the switch
	Title       string
	Description string
	Path        string // page path relative to the language root
	Kind        string
	Breadcrumb  []crumb
	Site        *model.Site
	SiteTitle   string
	Body        any
	Main        template.HTML // a compiled page's main content, printed by the frame
	Scripts     template.HTML // the scripts a compiled page needs
}

type crumb struct {
	Name string
	URL  string
}

func (r *Renderer) page(code, kind, path, title, description string, body any) pageData {
	return pageData{
		Lang: code, Other: lang.Other(code), Title: title, Description: description, Path: path, Kind: kind,
		Site: r.site, SiteTitle: pick(code, r.site.Config.Title, r.site.Config.TitleEN), Body: body,
	}
}
