// Package render turns a validated model into the bytes of every page of the site: HTML
// from the theme's html/template layouts, chart options from go-echarts' option types;
// the downloads, the Atom feed, the sitemap and the search index come from package
// download, adapted to pages here. Each page renders on its own from the model, so pages
// can be rendered in parallel or one at a time.
package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/covsite/covsite/internal/render/asset"
	"github.com/covsite/covsite/internal/routes"

	"github.com/yuin/goldmark"

	"github.com/covsite/covsite/internal/card"
	"github.com/covsite/covsite/internal/i18n"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/render/download"
	"github.com/covsite/covsite/internal/view"
)

// Page is one output file: where it goes and how to write its bytes.
type Page struct {
	Path string // relative to the output directory, with forward slashes
	Lang string
	// Large pages (the whole-site downloads, hundreds of megabytes at national scale)
	// are best streamed to their file than gathered in memory.
	Large bool
	write func(w io.Writer) error
	// of is the locality or plan whose pages in every language share what does not depend
	// on the language (view.Memo) when rendered in one Batch; nil for a page that shares
	// nothing. writeWith writes the page with the batch's memo (write is writeWith without one).
	// memo is the batch's, while Batch.Each gives the page; nil alone.
	of        any
	writeWith func(w io.Writer, m *view.Memo) error
	memo      *view.Memo
}

// Render writes the page to w.
func (p Page) Render(w io.Writer) error {
	var err error
	if p.writeWith != nil {
		err = p.writeWith(w, p.memo)
	} else {
		err = p.write(w)
	}
	if err != nil {
		var le *LayoutError
		if errors.As(err, &le) && le.Page == "" {
			le.Page = p.Path
		}
		return fmt.Errorf("render %s: %w", p.Path, err)
	}
	return nil
}

// Bytes renders the page into memory.
func (p Page) Bytes() ([]byte, error) {
	var buf bytes.Buffer
	if err := p.Render(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// fromBytes adapts a function that makes a page's bytes to Page.write.
func fromBytes(make func() ([]byte, error)) func(io.Writer) error {
	return func(w io.Writer) error {
		b, err := make()
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	}
}

// Options configure a Renderer.
type Options struct {
	// BaseURL is where the site is published ("/" or "https://example.org/covsite/");
	// empty means the site's own base_url.
	BaseURL string
	// Theme holds layouts/, static/ and i18n/ (usually an Overlay of the site on the theme).
	Theme fs.FS
	// Languages limits the language pages to these ("vi", "en"); nil means the site's own
	// (data/site.toml's languages), or every language. A site of one language has no
	// language switch nor alternates; without the default language, its root is a page
	// leading to the first one built (rootPages).
	Languages []string
	// FigureKeys marks every printed figure with the key of its row in the data (data-fig,
	// data-credit, data-set-by, data-decision, data-inferred), for tests and audits of the
	// built site; a published site goes without them (they were an eighth of its HTML).
	FigureKeys bool
}

// Renderer renders the pages of one site. It is safe for concurrent use.
type Renderer struct {
	site    *model.Site
	theme   fs.FS
	langs   map[string]*i18n.Lang
	layouts map[string]map[string]*template.Template // lang → layout → template
	assets  asset.Static                             // the static files, fingerprinted
	only    []string                                 // languages to build; nil means all
	keys    bool                                     // Options.FigureKeys
	files   []Page                                   // static files
	static  map[string]Page                          // static files by output path
	base    routes.Base
	// chartScripts are the script elements of a page with charts.
	chartScripts template.HTML
	chromes      sync.Map // lang/kind → *chrome
	links        sync.Map // lang → *links
	markdown     goldmark.Markdown
	cards        *card.Drawer
	data         *download.Data
	search       *download.Search
	// listed holds the paths of each language's HTML pages once listed (languagePages):
	// the build lists them, then the sitemap counts and names them; tableParts holds how many pages each
	// plan's table takes (*model.Plan → int), the same in every language.
	listed, tableParts sync.Map
	// skeletons are the frame of each shape of compiled page (skeleton.go); noSkeletons
	// executes the frame for every page instead, for the tests that compare the two.
	skeletons   skeletons
	noSkeletons bool
	// shared keeps, per language, what the views of every page have the same.
	shared map[string]*view.Shared

	// chromePerPage holds the languages whose chrome reads the page's own values
	// (chromeReadsPage): it is rendered with every page, not once per kind.
	chromePerPage map[string]bool
}

// New prepares a renderer: it reads the theme's strings, layouts and static files.
func New(site *model.Site, opts Options) (*Renderer, error) {
	only := opts.Languages
	if len(only) == 0 {
		only = site.Config.Languages
	}
	r := &Renderer{site: site, theme: opts.Theme, only: only, keys: opts.FigureKeys}
	for _, l := range opts.Languages {
		if !slices.Contains(i18n.Languages, l) {
			return nil, fmt.Errorf("unknown language %q (want one of %s)", l, strings.Join(i18n.Languages, ", "))
		}
	}
	base := opts.BaseURL
	if base == "" {
		base = site.Config.BaseURL
	}
	r.base = routes.NewBase(base)
	langs, err := i18n.LoadLayers(asset.Layers(opts.Theme)...)
	if err != nil {
		return nil, fmt.Errorf("theme strings: %w", stringsError(err))
	}
	r.langs = langs
	r.shared = map[string]*view.Shared{}
	for code := range langs {
		r.shared[code] = &view.Shared{}
	}
	if err := r.loadStatic(); err != nil {
		return nil, fmt.Errorf("theme static files: %w", err)
	}
	if err := r.loadLayouts(); err != nil {
		return nil, fmt.Errorf("theme layouts: %w", err)
	}
	r.markdown = newMarkdown()
	if r.cards, err = card.New(opts.Theme); err != nil {
		return nil, err
	}
	r.data = download.NewData(site)
	r.search = r.newSearch()
	return r, nil
}

// loadStatic reads the theme's static files, fingerprinted.
func (r *Renderer) loadStatic() error {
	static, err := asset.ReadStatic(r.theme)
	if err != nil {
		return err
	}
	kit, err := chartKit()
	if err != nil {
		return err
	}
	static.Add(ChartKitFile, kit)
	r.assets, r.static = static, map[string]Page{}
	for _, f := range static.Files {
		p := Page{Path: f.Path, write: fromBytes(func() ([]byte, error) { return f.Data, nil })}
		r.files = append(r.files, p)
		r.static[f.Path] = p
	}
	return nil
}

// ChartKitFile is the static file the site makes of view.ChartKit, what every page with
// charts shares: a script of data only, loaded before charts.js. A site's own file of that
// name would be replaced by it (the build stops: generated-file).
const ChartKitFile = "js/chart-kit.js"

// chartKit is the script of ChartKitFile: it sets window.covsiteChartKit and does nothing
// else. It holds no words a reader sees (view.ChartKit).
func chartKit() ([]byte, error) {
	kit, err := view.NewChartKit()
	if err != nil {
		return nil, err
	}
	b, err := kit.JSON()
	if err != nil {
		return nil, err
	}
	return fmt.Appendf(nil, "/* covsite chart kit (internal/view ChartKit): the charts' skeletons and embed code, read by charts.js */\nwindow.covsiteChartKit = %s;\n", b), nil
}

// layoutNames are the page layouts; each is parsed with base.html and the partials.
var layoutNames = []string{"home", "localities", "plans", "updates", "update", "page", "downloads", "404", "indicator", "ranking", "embed", "redirect"}

// overridable are the compiled pages' layouts: a site that ships one gets it instead.
var overridable = []string{"locality", "plan"}

// frameLayout is base.html and the partials alone, around a compiled page's main content.
const frameLayout = "frame"

func (r *Renderer) loadLayouts() error {
	r.layouts = map[string]map[string]*template.Template{}
	r.chromePerPage = map[string]bool{}
	partials, err := fs.Glob(r.theme, "layouts/partials/*.html")
	if err != nil {
		return err
	}
	var names []string
	for _, name := range overridable {
		if _, err := fs.Stat(r.theme, "layouts/"+name+".html"); err == nil {
			names = append(names, name)
		}
	}
	names = append(names, layoutNames...)
	for code, lang := range r.langs {
		base, err := template.New("base.html").Funcs(r.funcs(lang)).ParseFS(r.theme, append([]string{"layouts/base.html"}, partials...)...)
		if err != nil {
			return r.layoutError(err)
		}
		r.layouts[code] = map[string]*template.Template{}
		frame := template.Must(base.Clone())
		if err := escapeAll(frame); err != nil {
			return r.escapeError("base.html", err)
		}
		r.layouts[code][frameLayout] = frame
		if chromeReadsPage(frame) {
			r.chromePerPage[code] = true
		}
		for _, name := range names {
			t, err := template.Must(base.Clone()).ParseFS(r.theme, "layouts/"+name+".html")
			if err != nil {
				return r.layoutError(err)
			}
			if err := escapeAll(t); err != nil {
				return r.escapeError(name+".html", err)
			}
			r.layouts[code][name] = t
		}
	}
	r.chartScripts = r.assetTag(`<script defer src="%s"></script>`, "js/echarts.min.js") + "\n" +
		r.assetTag(`<script defer src="%s"></script>`, ChartKitFile) + "\n" +
		r.assetTag(`<script defer src="%s"></script>`, "js/charts.js")
	return nil
}

// assetTag is a compiled page's tag for a static file: format holds one %s for its
// fingerprinted, escaped address.
func (r *Renderer) assetTag(format, static string) template.HTML {
	return template.HTML(fmt.Sprintf(format, template.HTMLEscapeString(r.Asset(static))))
}

// execute renders layout with data into HTML, in the frame with its chrome.
func (r *Renderer) execute(w io.Writer, lang, layout string, data pageData) error {
	c, err := r.chromeOf(data)
	if err != nil {
		return r.execError(err)
	}
	data.Chrome = c
	return r.execError(r.layouts[lang][layout].ExecuteTemplate(w, "base.html", data))
}

// languages returns the languages whose pages are built.
func (r *Renderer) languages() []string {
	if len(r.only) == 0 {
		return i18n.Languages
	}
	var out []string
	for _, l := range i18n.Languages {
		if slices.Contains(r.only, l) {
			out = append(out, l)
		}
	}
	return out
}

// built reports whether the pages of the language code are built.
func (r *Renderer) built(code string) bool { return slices.Contains(r.languages(), code) }

// URL returns the site path of a route in a language: "dia-phuong/x/" →
// "/covsite/en/dia-phuong/x/".
func (r *Renderer) URL(lang, route string) string { return r.base.URL(lang, route) }

// AbsURL is URL made absolute when the base URL is, for feeds, sitemaps and Open Graph.
func (r *Renderer) AbsURL(lang, route string) string { return r.base.AbsURL(lang, route) }

// Asset returns the site path of a static file, fingerprinted.
func (r *Renderer) Asset(p string) string {
	return r.base.Asset(r.assets.Path(p))
}
