package build

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/gen/gentest"
	"github.com/covsite/covsite/internal/lang"
	"github.com/covsite/covsite/internal/render"
	"github.com/covsite/covsite/internal/render/download"
	"github.com/covsite/covsite/internal/routes"
)

// The host limits of issue 13 for the national site at scale 1, both languages: GitHub
// Pages publishes a site of at most 1 GB, Cloudflare Pages no file over 25 MiB; a reader
// on a phone loads no HTML page over 200 KB and at most 100 KB gzipped (level 6) of search
// index on the first keystroke. docs/performance.md has the measured figures.
const (
	siteBudget   = 1_000_000_000
	fileBudget   = 25 << 20
	htmlBudget   = 200_000
	searchBudget = 100_000
)

// nationalScale is the scale of the dataset the limits are checked on: what grows with
// the country gets the limit scaled to it.
const nationalScale = 0.1

// isItemPage is a locality's or a plan's own page.
func isItemPage(p string) bool {
	kind, _ := routes.Parse(p)
	return kind != routes.Other && strings.HasSuffix(p, "index.html")
}

// TestNationalSiteFitsTheHost renders every file of the national dataset at scale 0.1 in
// memory and checks the limits that grow with the country, scaled to it: no file over
// 25 MiB × 0.1 (the downloads); the sitemap index and its parts (each at most 50,000
// URLs) list every page once; no list page over 200 KB; a locality's download holds only
// its own rows; no file of the English site has the bytes of its Vietnamese counterpart.
func TestNationalSiteFitsTheHost(t *testing.T) {
	p, err := Prepare(Options{Source: gentest.Site(t, nationalScale)}, nil)
	if err != nil {
		t.Fatal(err, p.Diagnostics.Err("en"))
	}
	pages := p.Pages()
	files := map[string][]byte{} // the files checked by content: sitemap, downloads of localities, English files
	sizes := map[string]int{}
	var total int64
	byKind := map[string]int64{}
	var bigItems []string
	ranked := 0 // a province's communes ranked, an indicator each (issue 17)
	for _, pg := range pages {
		b, err := pg.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		sizes[pg.Path] = len(b)
		total += int64(len(b))
		if pg.Path == "dia-phuong/an-giang/index.html" {
			ranked = bytes.Count(b, []byte(`<figure class="childranking"`))
			if len(b) > htmlBudget {
				t.Errorf("%s is %d bytes with its communes ranked, over %d", pg.Path, len(b), htmlBudget)
			}
		}
		byKind[sizeKind(pg.Path)] += int64(len(b))
		if strings.HasPrefix(pg.Path, "sitemap") || strings.HasSuffix(pg.Path, "/du-lieu.csv") || routes.LangOf(pg.Path) == "en" {
			files[pg.Path] = b
		}
		switch limit := int(fileBudget * nationalScale); {
		case len(b) > limit:
			t.Errorf("%s is %d bytes, over 25 MiB scaled to %g (%d)", pg.Path, len(b), nationalScale, limit)
		case strings.HasSuffix(pg.Path, ".html") && len(b) > htmlBudget && isItemPage(pg.Path):
			bigItems = append(bigItems, fmt.Sprintf("%s (%d)", pg.Path, len(b)))
		case strings.HasSuffix(pg.Path, ".html") && len(b) > htmlBudget:
			t.Errorf("%s is %d bytes, over %d", pg.Path, len(b), htmlBudget)
		}
	}
	if ranked != 1 {
		t.Errorf("the province An Giang ranks its communes %d times, want once (issue 17)", ranked)
	}
	t.Logf("scale %g: %d files, %.1f MB; by kind (MB): %s", nationalScale, len(pages), float64(total)/1e6, formatKinds(byKind))
	t.Logf("locality and plan pages over %d bytes (their layouts are being made lean, issue 13): %d %s", htmlBudget, len(bigItems), strings.Join(firstOf(bigItems, 5), ", "))
	checkLocalityPages(t, p.Site, sizes)
	checkSitemap(t, p.Renderer, pages, files)
	checkLocalityRows(t, p.Renderer, files)
	checkNoTwin(t, files, pages)
}

// sizeKind is the group a file counts in for the log.
func sizeKind(p string) string {
	kind, _ := routes.Parse(p)
	switch {
	case kind == routes.LocalityKind && strings.HasSuffix(p, ".html"):
		return "locality pages"
	case kind == routes.LocalityKind:
		return "locality downloads"
	case kind == routes.PlanKind:
		return "plan pages"
	case strings.HasPrefix(p, routes.Data) && !strings.HasSuffix(p, ".html"):
		return "site and province downloads"
	}
	return "other"
}

func formatKinds(m map[string]int64) string {
	var out []string
	for k, v := range m {
		out = append(out, fmt.Sprintf("%s %.1f", k, float64(v)/1e6))
	}
	slices.Sort(out)
	return strings.Join(out, "; ")
}

func firstOf(s []string, n int) []string { return s[:min(n, len(s))] }

var locTag = regexp.MustCompile(`<loc>([^<]+)</loc>`)

// checkSitemap: the index lists its parts, each part at most download.SitemapLimit URLs,
// and together they list every HTML page of the site once.
func checkSitemap(t *testing.T, r *render.Renderer, pages []render.Page, files map[string][]byte) {
	t.Helper()
	index := files[routes.Sitemap]
	if !bytes.Contains(index, []byte("<sitemapindex")) {
		t.Fatalf("%s is not a sitemap index", routes.Sitemap)
	}
	seen := map[string]int{}
	parts := locTag.FindAllSubmatch(index, -1)
	if len(parts) == 0 || len(parts) > download.SitemapLimit {
		t.Fatalf("the sitemap index lists %d parts", len(parts))
	}
	for _, m := range parts {
		part := files[strings.TrimPrefix(string(m[1]), r.AbsURL(lang.Default, ""))]
		urls := locTag.FindAllSubmatch(part, -1)
		if len(urls) == 0 || len(urls) > download.SitemapLimit {
			t.Errorf("sitemap part %s lists %d URLs (at most %d)", m[1], len(urls), download.SitemapLimit)
		}
		for _, u := range urls {
			seen[string(u[1])]++
		}
	}
	html := 0
	for _, pg := range pages {
		if path.Base(pg.Path) != "index.html" || routes.IsEmbed(pg.Path) { // embeds are noindex: not listed
			continue
		}
		html++
		code := routes.LangOf(pg.Path)
		u := r.AbsURL(code, strings.TrimSuffix(strings.TrimPrefix(pg.Path, routes.Prefix(code)), "index.html"))
		if seen[u] != 1 {
			t.Errorf("the sitemap lists %s %d times", u, seen[u])
		}
	}
	t.Logf("sitemap: %d URLs in %d parts (%d at scale 1 projected)", html, len(parts), int(float64(html)/nationalScale))
	if len(seen) != html {
		t.Errorf("the sitemap lists %d URLs, the site has %d pages", len(seen), html)
	}
}

// checkLocalityRows: every row of a locality's CSV is that locality's.
func checkLocalityRows(t *testing.T, r *render.Renderer, files map[string][]byte) {
	t.Helper()
	n := 0
	for p, b := range files {
		if !strings.HasSuffix(p, "/du-lieu.csv") {
			continue
		}
		_, id := routes.Parse(p)
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, row := range rows[1:] {
			if row[1] != id {
				t.Fatalf("%s holds a row of %s", p, row[1])
			}
		}
		n++
	}
	if n < 100 {
		t.Fatalf("only %d locality downloads", n)
	}
}

// checkNoTwin: nothing is written twice for the two languages: every English file differs
// from the Vietnamese file at the same path below the root.
func checkNoTwin(t *testing.T, files map[string][]byte, pages []render.Page) {
	t.Helper()
	vi := map[string]render.Page{}
	for _, pg := range pages {
		vi[pg.Path] = pg
	}
	for p, b := range files {
		if routes.LangOf(p) != "en" {
			continue
		}
		twin, ok := vi[strings.TrimPrefix(p, routes.Prefix("en"))]
		if !ok {
			continue
		}
		tb, err := twin.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(tb, b) {
			t.Errorf("%s has the bytes of %s: write it once", p, twin.Path)
		}
	}
}

// listSizes renders the pages that list the country — the home page, the locality and
// plan lists, each province's plan list (the largest), the data page — and the search
// index of the national dataset at scale, and returns their sizes: raw bytes for pages,
// for "search" the gzipped bytes of the first keystroke (a manifest and the largest shard).
func listSizes(t *testing.T, scale float64) map[string]int {
	t.Helper()
	p, err := Prepare(Options{Source: gentest.Site(t, scale)}, nil)
	if err != nil {
		t.Fatal(err, p.Diagnostics.Err("en"))
	}
	sizes := map[string]int{}
	manifest, shard := 0, 0
	for _, pg := range p.Pages() {
		name, rel := pg.Path, strings.TrimPrefix(pg.Path, routes.Prefix("en"))
		switch {
		case strings.HasPrefix(rel, strings.TrimSuffix(routes.PlansIn("x"), "x/")):
			name = "largest province plan list"
		case strings.HasPrefix(name, routes.SearchShards) || rel == routes.SearchIndex:
		case !slices.Contains([]string{routes.Home, routes.Localities, routes.Plans, routes.Data}, strings.TrimSuffix(rel, "index.html")):
			continue
		}
		b, err := pg.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case strings.HasPrefix(name, routes.SearchShards):
			shard = max(shard, gzipped(t, b))
		case strings.HasSuffix(name, routes.SearchIndex):
			manifest = max(manifest, gzipped(t, b))
		default:
			sizes[name] = max(sizes[name], len(b))
		}
	}
	sizes["search"] = manifest + shard
	return sizes
}

// TestNationalListsStayLight: the pages that list the country and the search's first
// keystroke, measured at scales 0.1 and 0.2 and projected to scale 1 (linearly, from how
// much they grew), fit their limits: 200 KB of HTML, 100 KB gzipped of search index.
// A list that grew with the country would be projected over.
func TestNationalListsStayLight(t *testing.T) {
	const a, b = nationalScale, 2 * nationalScale
	at, bt := listSizes(t, a), listSizes(t, b)
	for name, sb := range bt {
		sa, ok := at[name]
		if !ok {
			t.Errorf("%s is at scale %g, not at %g", name, b, a)
			continue
		}
		projected := sb + int(float64(sb-sa)*(1-b)/(b-a))
		limit := htmlBudget
		if name == "search" {
			limit = searchBudget
		}
		t.Logf("%-30s %7d at %g, %7d at %g, %7d projected at 1 (limit %d)", name, sa, a, sb, b, projected, limit)
		if projected > limit {
			t.Errorf("%s: %d bytes projected at scale 1, over %d", name, projected, limit)
		}
	}
	if len(bt) < 9 {
		t.Errorf("only %d lists measured: %v", len(bt), bt)
	}
}
