package render

import (
	"strings"

	"github.com/covsite/covsite/internal/i18n"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/render/download"
	"github.com/covsite/covsite/internal/routes"
)

// fromFile adapts a file of package download to a page of the site.
func fromFile(f download.File) Page {
	return Page{Path: f.Path, Lang: f.Lang, Large: f.Large, write: f.Write}
}

func fromFiles(files []download.File) []Page {
	pages := make([]Page, len(files))
	for i, f := range files {
		pages[i] = fromFile(f)
	}
	return pages
}

// dataPages are the downloads: the whole dataset, each province's and each locality's.
func (r *Renderer) dataPages() []Page { return fromFiles(r.data.Files()) }

// siteData are the whole site's and the provinces' downloads.
func (r *Renderer) siteData() []Page { return fromFiles(r.data.SiteFiles()) }

// localityData is l's figures as CSV and JSON, when it has any.
func (r *Renderer) localityData(l *model.Locality) []Page { return fromFiles(r.data.LocalityFiles(l)) }

// HasDownloads reports whether l has its own data files.
func (r *Renderer) HasDownloads(l *model.Locality) bool { return r.data.Has(l) }

// feed renders the Atom feed of updates in lang, newest first.
func (r *Renderer) feed(lang string) ([]byte, error) {
	f := download.Feed{
		Lang: lang, Title: pick(lang, r.site.Config.Title, r.site.Config.TitleEN), Publisher: r.site.Config.Publisher,
		ID: r.AbsURL(lang, routes.Updates), Self: r.AbsURL(lang, routes.Feed),
	}
	for _, d := range documentsIn(updates(r.site.Documents), lang) {
		f.Entries = append(f.Entries, download.FeedEntry{Title: d.Title, URL: r.AbsURL(lang, documentPath(d)), Summary: d.Summary, Date: d.Date})
	}
	return f.Bytes()
}

// newSearch prepares the search index of lang; its entries are made when first written.
func (r *Renderer) newSearch(lang string) *download.Search {
	return &download.Search{
		Lang: lang, LocalityURL: r.URL(lang, routes.LocalityPattern()), ShardURL: r.URL(lang, routes.SearchShard("{key}")),
		Entries: func() []download.SearchEntry { return r.searchEntries(lang) },
	}
}

func (r *Renderer) searchEntries(lang string) []download.SearchEntry {
	tr, other := r.langs[lang], r.langs[otherLang(lang)]
	entries := make([]download.SearchEntry, 0, len(r.site.Localities))
	for _, l := range r.site.Localities {
		name := localityName(lang, l)
		e := download.SearchEntry{
			ID: l.ID, Name: name, Other: localityName(other.Code, l),
			Kind: tr.T("kind." + string(l.Kind)), KindOther: other.T("kind." + string(l.Kind)),
			Ended: strings.TrimPrefix(localityLabel(tr, l), name),
		}
		if l.Parent != nil {
			e.Parent = localityLabel(tr, l.Parent)
		}
		entries = append(entries, e)
	}
	return entries
}

// otherLang is the language the switch leads to from lang.
func otherLang(lang string) string {
	if lang != i18n.Languages[0] {
		return i18n.Languages[0]
	}
	return i18n.Languages[1]
}

// searchPages are the search index of lang: the manifest and the shards.
func (r *Renderer) searchPages(lang string) []Page { return fromFiles(r.search[lang].Files()) }

// sitemapPages are the sitemap index and its parts, listing every HTML page of every
// language built.
func (r *Renderer) sitemapPages() []Page {
	count := 0
	for _, lang := range r.languages() {
		for _, p := range r.languagePages(lang) {
			if strings.HasSuffix(p.Path, "index.html") {
				count++
			}
		}
	}
	partURL := func(route string) string { return r.base.AbsURL(i18n.Languages[0], route) }
	return fromFiles(download.Sitemap(count, r.sitemapURLs, partURL, download.SitemapLimit))
}

func (r *Renderer) sitemapURLs() []string {
	var urls []string
	for _, lang := range r.languages() {
		for _, p := range r.languagePages(lang) {
			if !strings.HasSuffix(p.Path, "index.html") {
				continue
			}
			rel := strings.TrimSuffix(strings.TrimPrefix(p.Path, routes.Prefix(lang)), "index.html")
			urls = append(urls, r.AbsURL(lang, rel))
		}
	}
	return urls
}
