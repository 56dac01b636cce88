package render

// ResultsFree lists the output paths whose bytes never depend on results data: the theme's
// static files and the pages of content documents (updates, stand-alone pages). A build
// that knows only results files changed keeps these from its previous output (build's
// incremental render); every other page that is neither a locality's nor a plan's is
// rendered again.
func (r *Renderer) ResultsFree() map[string]bool {
	out := make(map[string]bool, len(r.static))
	for p := range r.static {
		out[p] = true
	}
	for _, lang := range r.languages() {
		for _, p := range r.documentFiles(lang) {
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
