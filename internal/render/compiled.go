package render

import (
	"bytes"
	"context"
	"html/template"
	"io"
	"sync"

	"github.com/a-h/templ"

	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/render/component"
	"github.com/covsite/covsite/internal/routes"
	"github.com/covsite/covsite/internal/view"
)

// The locality and plan pages — 99 % of a national site's pages — are compiled: their
// main content is a templ component printing a typed view, set in the frame (base.html).
// A site that ships its own layouts/locality.html or plan.html gets it instead, through
// html/template, with the same view as .Body.

// context returns the views' context for one page in lang, with m (nil for none) keeping
// what the pages of its locality or plan share in every language.
func (r *Renderer) context(lang string, m *view.Memo) *view.Context {
	c := view.NewContext(r.site, r.langs[lang], r.base)
	c.Data, c.Shared, c.Keys, c.Memo = r.data, r.shared[lang], r.keys, m
	return c
}

func (r *Renderer) localityFile(lang string, l *model.Locality) Page {
	route := routes.Locality(l.ID)
	return Page{Path: routes.File(lang, route), Lang: lang, of: l, writeWith: func(w io.Writer, m *view.Memo) error {
		// the view is pointed to by the frame's data and the component: as a value, each
		// made a copy of it on the heap
		v := r.context(lang, m).Locality(l)
		d := r.page(lang, "locality", route, v.Title, v.Summary, &v)
		d.Breadcrumb = crumbs(v.Breadcrumb)
		if len(v.Charts) > 0 {
			d.Scripts = r.chartScripts
			d.Tools = r.localityTools(lang, l, v.ChartCredit, v.ChartCreditVI)
		}
		if len(v.Rankings) > 0 { // the ranking's bars are drawn by the maps' style sheet, its embed code made absolute by map.js
			d.Scripts = r.assetTag(`<link rel="stylesheet" href="%s">`, "css/map.css") + "\n" + d.Scripts + "\n" +
				r.assetTag(`<script defer src="%s"></script>`, "js/map.js")
		}
		d = r.withCard(d, view.HasCard(l))
		return r.framed(w, lang, "locality", d, component.Locality(r.langs[lang], &v))
	}}
}

func (r *Renderer) planFile(lang string, p *model.Plan) Page {
	route := routes.Plan(p.ID)
	return Page{Path: routes.File(lang, route), Lang: lang, of: p, writeWith: func(w io.Writer, m *view.Memo) error {
		v := r.context(lang, m).Plan(p)
		d := r.page(lang, "plan", route, v.Title, v.Summary, &v)
		d.Breadcrumb = crumbs(v.Breadcrumb)
		d = r.withCard(d, view.PlanHasCard(p))
		return r.framed(w, lang, "plan", d, component.Plan(r.langs[lang], &v))
	}}
}

// planPartFiles are the pages of the parts of a long plan's allocation table after the
// first, which is on the plan's page.
func (r *Renderer) planPartFiles(lang string, p *model.Plan) []Page {
	var pages []Page
	for n := 2; n <= r.planTableParts(p); n++ {
		route := routes.PlanPart(p.ID, n)
		pages = append(pages, Page{Path: routes.File(lang, route), Lang: lang, of: p, writeWith: func(w io.Writer, m *view.Memo) error {
			v := r.context(lang, m).PlanTablePart(p, n)
			d := r.page(lang, "plan", route, v.Title, v.Summary, v)
			d.Breadcrumb = crumbs(v.Breadcrumb)
			return r.framed(w, lang, planPartLayout, d, component.PlanTablePart(r.langs[lang], v))
		}})
	}
	return pages
}

// planTableParts is view.PlanTableParts, worked out once per plan.
func (r *Renderer) planTableParts(p *model.Plan) int {
	if n, ok := r.tableParts.Load(p); ok {
		return n.(int)
	}
	n := view.PlanTableParts(r.site, p)
	r.tableParts.Store(p, n)
	return n
}

// planPartLayout names the pages of a table's parts; no theme has a layout of this name, so
// a site's own plan.html does not replace them.
const planPartLayout = "plan-part"

func crumbs(links []view.Link) []crumb {
	out := make([]crumb, len(links))
	for i, l := range links {
		out[i] = crumb{Name: l.Text, URL: l.URL}
	}
	return out
}

// mainBuffers hold a compiled page's main content while the frame is written around it.
var mainBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// framed writes a page: through the site's own layout when it has one, else main in the
// frame.
func (r *Renderer) framed(w io.Writer, lang, layout string, d pageData, main templ.Component) error {
	if _, ok := r.layouts[lang][layout]; ok {
		return r.executeOwn(w, lang, layout, d)
	}
	buf := mainBuffers.Get().(*bytes.Buffer)
	defer mainBuffers.Put(buf)
	buf.Reset()
	ctx := context.Background()
	if r.keys {
		ctx = component.WithFigureKeys(ctx)
	}
	if err := main.Render(ctx, buf); err != nil {
		return err
	}
	if ok, err := r.writeFramed(w, lang, d, buf.Bytes()); ok || err != nil {
		return err
	}
	// The frame is executed around a placeholder and the main content written in its
	// place: copying a national site's main contents into strings for the frame to print
	// was 1.2 GB of garbage (8 % of the build's allocations). A site's own base.html that
	// prints .Main other than once, as it is, gets the string.
	frame := mainBuffers.Get().(*bytes.Buffer)
	defer mainBuffers.Put(frame)
	frame.Reset()
	d.Main = mainPlaceholder
	if err := r.execute(frame, lang, frameLayout, d); err != nil {
		return err
	}
	before, after, ok := bytes.Cut(frame.Bytes(), []byte(mainPlaceholder))
	if !ok || bytes.Contains(after, []byte(mainPlaceholder)) {
		d.Main = template.HTML(buf.String())
		return r.execute(w, lang, frameLayout, d)
	}
	for _, b := range [][]byte{before, buf.Bytes(), after} {
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	return nil
}

// mainPlaceholder stands for a compiled page's main content while its frame is executed.
const mainPlaceholder template.HTML = "<!--covsite:main-->"
