package render

import "github.com/covsite/covsite/internal/routes"

// ResultsFree lists the output paths whose bytes never depend on results data: the theme's
// static files, the pages of content documents (updates, stand-alone pages), the list of
// updates and its feed, the lists of plans (the whole site's and each province's: titles,
// issuers and periods), the 404 page and the charts' embed page. A build that knows only results files changed keeps these from its previous
// output (build's incremental render); every other page that is neither a locality's nor a
// plan's is rendered again.
func (r *Renderer) ResultsFree() map[string]bool {
	out := make(map[string]bool, len(r.static))
	for p := range r.static {
		out[p] = true
	}
	for _, lang := range r.languages() {
		for _, p := range r.documentFiles(lang) {
			out[p.Path] = true
		}
		out[r.chartEmbedFile(lang).Path] = true
		for _, route := range []string{routes.Plans, routes.Updates, routes.Feed, routes.NotFound} {
			out[routes.File(lang, route)] = true
		}
		for _, p := range r.provincePlanPages(lang) {
			out[p.Path] = true
		}
	}
	return out
}

// UsePrevious tells the downloads the sizes and bytes of the data files the build keeps
// from its previous output without making them again (see download.Data.UsePrevious).
func (r *Renderer) UsePrevious(size func(path string) (int64, bool), read func(path string) ([]byte, bool)) {
	r.data.UsePrevious(size, read)
}
