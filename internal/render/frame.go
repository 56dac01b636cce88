package render

import (
	"fmt"
	"github.com/covsite/covsite/internal/routes"
	"html/template"
	"strings"

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

	// Addresses of the page, made by internal/routes.
	Canonical string // in its language, absolute when the base URL is
	Alternate string // the same page in the other language
	Switch    string // the language switch's link
	OGURL     string // og:url: Canonical when absolute; "" else and on 404 pages
	Chrome    *chrome
	Links     *links // the site's fixed pages, for the chrome

	Card  string      // the address of the page's share card (og:image), absolute when the base URL is; or ""
	Tools template.JS // the chart tools' data island (view.ChartTools), or ""
}

// links are the addresses of the site's fixed pages in a language, made by internal/routes,
// for the chrome and the layouts.
type links struct {
	Home, Localities, Plans, Updates, Data, Methodology, About, Feed, SearchIndex string
}

func (r *Renderer) linksIn(code string) *links {
	if l, ok := r.links.Load(code); ok {
		return l.(*links)
	}
	l := &links{
		Home: r.URL(code, routes.Home), Localities: r.URL(code, routes.Localities), Plans: r.URL(code, routes.Plans),
		Updates: r.URL(code, routes.Updates), Data: r.URL(code, routes.Data), Methodology: r.URL(code, routes.Methodology),
		About: r.URL(code, routes.About), Feed: r.URL(code, routes.Feed), SearchIndex: r.URL(code, routes.SearchIndex),
	}
	r.links.Store(code, l)
	return l
}

// chrome is what every page of a language and kind has the same: the frame's
// chrome-head, chrome-top, chrome-nav and chrome-footer templates, rendered once.
type chrome struct {
	Head, Top, Nav, Footer template.HTML
	SwitchLabel            string
	BreadcrumbLabel        string
}

// chromeOf renders the chrome of a language and kind once and keeps it.
func (r *Renderer) chromeOf(d pageData) (*chrome, error) {
	key := d.Lang + "/" + d.Kind
	perPage := r.chromePerPage[d.Lang] // a site's chrome that prints the page's own values
	if c, ok := r.chromes.Load(key); ok && !perPage {
		return c.(*chrome), nil
	}
	tr := r.langs[d.Lang]
	c := &chrome{SwitchLabel: tr.T("lang.switch"), BreadcrumbLabel: tr.T("nav.breadcrumb")}
	frame := r.layouts[d.Lang][frameLayout]
	bare := pageData{Lang: d.Lang, Other: d.Other, Kind: d.Kind, Site: d.Site, SiteTitle: d.SiteTitle, Links: r.linksIn(d.Lang)}
	if perPage {
		bare = d
		bare.Chrome, bare.Links = nil, r.linksIn(d.Lang)
	}
	for _, part := range []struct {
		name string
		to   *template.HTML
	}{{"chrome-head", &c.Head}, {"chrome-top", &c.Top}, {"chrome-nav", &c.Nav}, {"chrome-footer", &c.Footer}} {
		var b strings.Builder
		if err := frame.ExecuteTemplate(&b, part.name, bare); err != nil {
			return nil, fmt.Errorf("%s: %w", part.name, err)
		}
		*part.to = template.HTML(b.String())
	}
	if !perPage {
		r.chromes.Store(key, c)
	}
	return c, nil
}

type crumb struct {
	Name string
	URL  string
}

func (r *Renderer) page(code, kind, path, title, description string, body any) pageData {
	other := lang.Other(code)
	d := pageData{
		Lang: code, Other: other, Title: title, Description: description, Path: path, Kind: kind,
		Site: r.site, SiteTitle: r.site.Config.Title.In(code), Body: body,
		Canonical: r.AbsURL(code, path), Alternate: r.AbsURL(other, path), Switch: r.URL(other, path),
		Links: r.linksIn(code),
	}
	if r.base.Absolute() && kind != "404" {
		d.OGURL = d.Canonical
	}
	if !r.built(other) { // a site of one language: no page to switch to
		d.Alternate, d.Switch = "", ""
	}
	return d
}
