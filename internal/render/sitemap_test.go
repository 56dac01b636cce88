package render

import (
	"slices"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/routes"
)

// The sitemap names every HTML page the site lists (a folder's index.html, in each
// language built), once each, in the order of their language's listing — from the paths
// languagePages keeps, whether the pages were listed (Pages) before or not.
func TestSitemapNamesEveryHTMLPage(t *testing.T) {
	for _, listedFirst := range []bool{true, false} {
		r := exampleRenderer(t)
		var pages []Page
		if listedFirst {
			pages = r.Pages()
		}
		urls := r.sitemapURLs()
		if !listedFirst {
			pages = r.Pages()
		}
		var want []string
		for _, lang := range r.languages() {
			for _, p := range r.listLanguagePages(lang) {
				if strings.HasSuffix(p.Path, "index.html") {
					want = append(want, r.AbsURL(lang, strings.TrimSuffix(strings.TrimPrefix(p.Path, routes.Prefix(lang)), "index.html")))
				}
			}
		}
		if !slices.Equal(urls, want) {
			t.Errorf("listed first %t: the sitemap names %d pages, want the %d listed, in order", listedFirst, len(urls), len(want))
		}
		html := 0
		for _, p := range pages {
			if strings.HasSuffix(p.Path, "index.html") && !strings.Contains(p.Path, "nhung/") {
				html++
			}
		}
		if len(urls) == 0 || len(urls) != html {
			t.Errorf("listed first %t: the sitemap names %d pages, the site has %d HTML pages outside the embeds", listedFirst, len(urls), html)
		}
	}
}
