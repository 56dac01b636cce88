// Package routes owns the site's URL scheme: where every page and file is published, the
// language prefix, the first path segments a stand-alone page may not take, and the 404
// pages. Every other package asks it; none writes a path of the site by hand.
//
// A route is a path relative to a language's root: "" is the home page, "dia-phuong/x/" a
// locality. Path segments are the same in both languages, so switching language only adds
// or removes the prefix "en/".
package routes

import (
	"strconv"
	"strings"

	"github.com/covsite/covsite/internal/lang"
)

// The site's fixed routes, relative to a language's root.
const (
	Home        = ""
	Localities  = "dia-phuong/"
	Plans       = "ke-hoach/"
	Updates     = "tin-tuc/"
	Data        = "du-lieu/"
	Feed        = Updates + "index.xml"
	SearchIndex = "tim-kiem.json"
	Methodology = "phuong-phap/"
	About       = "gioi-thieu/"
	NotFound    = "404.html"
	// Sitemap is the sitemap index; it lists the parts, SitemapPart(1), SitemapPart(2), …
	Sitemap = "sitemap.xml"
	// SearchShards is the folder of the search index's shards, SearchShard(key).
	SearchShards = "tim-kiem/"
	Indicators   = "chi-so/"
)

// Locality is the page of the locality with this id.
func Locality(id string) string { return Localities + id + "/" }

// Plan is the page of the plan with this id.
func Plan(id string) string { return Plans + id + "/" }

// PlanPart is the page of part n (from 1) of a plan's allocation table when it is split:
// part 1 is on the plan's page, the others at "ke-hoach/<id>/phan-<n>/".
func PlanPart(id string, n int) string {
	if n <= 1 {
		return Plan(id)
	}
	return Plan(id) + PartSegment + strconv.Itoa(n) + "/"
}

// PartSegment starts the path segment of a part of a plan's table.
const PartSegment = "phan-"

// Indicator is the page of an indicator: its coverage maps.
func Indicator(id string) string { return Indicators + id + "/" }

// Ranking is the page ranking the provinces by an indicator.
func Ranking(id string) string { return Indicator(id) + rankingSegment }

// ChildRanking is the page ranking a locality's children on one indicator, every child
// best to worst: "dia-phuong/<id>/xep-hang/<indicator>/". It is the locality's (Parse).
func ChildRanking(localityID, indicatorID string) string {
	return Locality(localityID) + rankingSegment + indicatorID + "/"
}

// rankingSegment is the path segment of a ranking, under an indicator or a locality.
const rankingSegment = "xep-hang/"

// ShareCard is the share card (og:image) of the page at route: "dia-phuong/x/" →
// "dia-phuong/x/anh-chia-se.png", the home page's "anh-chia-se.png". It is published in
// each language, beside its page.
func ShareCard(route string) string { return route + "anh-chia-se.png" }

// Embed is the embeddable page of a map of the page at route: "chi-so/bhyt/" and
// "map-1-rate" → "chi-so/bhyt/nhung/map-1-rate/". Embeds are not indexed (not in the sitemap).
func Embed(route, mapID string) string { return route + EmbedSegment + mapID + "/" }

// EmbedSegment is the path segment under which a page's embeds are.
const EmbedSegment = "nhung/"

// ChartEmbed is the one embed page of every chart, in each language: it reads the page and
// chart its query names (ChartEmbedOf) from the site and draws that chart alone.
const ChartEmbed = EmbedSegment + "bieu-do/"

// ChartEmbedOf is the address, relative to a language's root, of the embed of the chart
// chartID of the page at route: "dia-phuong/x/" and "chart-1" →
// "nhung/bieu-do/?p=dia-phuong/x/&c=chart-1". The page's route is relative to the same
// language's root, as the embed page finds it (charts.js).
func ChartEmbedOf(route, chartID string) string { return ChartEmbedsOf(route) + chartID }

// ChartEmbedsOf is the address of the embeds of the charts of the page at route, less the
// chart's id: "dia-phuong/x/" → "nhung/bieu-do/?p=dia-phuong/x/&c=". A page prints it once,
// and charts.js adds each chart's id.
func ChartEmbedsOf(route string) string { return ChartEmbed + "?p=" + route + "&c=" }

// IsEmbed reports whether an output or URL path is an embed page: the charts' embed page
// ("nhung/bieu-do/index.html", "/en/nhung/bieu-do/") or a map's embed
// ("chi-so/bhyt/nhung/map-1-rate/"). A locality whose id is "nhung" is not one.
func IsEmbed(p string) bool {
	p = strings.TrimPrefix(strings.TrimPrefix(p, "/"), Prefix(lang.EN))
	parts := strings.Split(p, "/")
	seg := strings.TrimSuffix(EmbedSegment, "/")
	return len(parts) > 2 && (parts[0] == seg || parts[2] == seg)
}

// PlansIn is the list of a province's plans, when the plan list is split by province.
func PlansIn(id string) string { return Plans + byProvince + "/" + id + "/" }

// byProvince is the segment of the lists of a province's plans.
const byProvince = "theo-tinh"

// Document is the page of a Markdown document: updates under tin-tuc/, every other
// page at the root, whatever folder of content/ it is in.
func Document(section, slug string) string {
	if section == "updates" {
		return Updates + slug + "/"
	}
	return slug + "/"
}

// LocalityDownload is a locality's own data file, "du-lieu.csv" or "du-lieu.json"; it is
// published once, under the default language.
func LocalityDownload(id, ext string) string { return Locality(id) + "du-lieu." + ext }

// SiteDownload is the whole site's data file: "covsite.csv.gz" always, "covsite.csv" and
// "covsite.json" for a site small enough to be read whole.
func SiteDownload(ext string) string { return Data + "covsite." + ext }

// SourcesDownload is the table of the documents the figures cite, each plan and source
// by the id the data files' plan and source columns name; published once, under the
// default language.
func SourcesDownload() string { return Data + SourcesFile }

// SourcesFile is the table of sources' file name, in the data folder and in each
// province's pack.
const SourcesFile = "nguon.csv"

// ProvinceDownload is the data file of a province and every locality below it, "csv" or
// "json", or "zip" for both packed in one file on a national-scale site; it is published
// once, under the default language.
func ProvinceDownload(id, ext string) string { return Data + provinceFiles + id + "." + ext }

const provinceFiles = "tinh/"

// ProvinceOfDownload tells whose province's data file path is: "du-lieu/tinh/x.zip" → "x".
func ProvinceOfDownload(path string) (string, bool) {
	name, ok := strings.CutPrefix(path, Data+provinceFiles)
	if !ok || strings.Contains(name, "/") {
		return "", false
	}
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		return name[:i], true
	}
	return "", false
}

// IndicatorOf tells whose indicator's page, ranking or map embed path is, in any
// language: "en/chi-so/x/xep-hang/index.html" → "x".
func IndicatorOf(path string) (string, bool) {
	rest, ok := strings.CutPrefix(strings.TrimPrefix(path, Prefix(lang.EN)), Indicators)
	if !ok {
		return "", false
	}
	if id, _, ok := strings.Cut(rest, "/"); ok && id != "" {
		return id, true
	}
	return "", false
}

// SitemapPart is the n-th file (from 1) of URLs the sitemap index lists.
func SitemapPart(n int) string { return "sitemap-" + strconv.Itoa(n) + ".xml" }

// SearchShard is the shard of the search index holding the localities with a word that
// starts with key ("a"…"z", "0"…"9", "_" for any other letter), in a language.
func SearchShard(key string) string { return SearchShards + key + ".json" }

// LocalityPattern is Locality with the placeholder "{id}" for the id, for the search
// script to fill in: the script builds no path of its own.
func LocalityPattern() string { return Locality("{id}") }

// Reserved are the first path segments of the site's own pages and files, with what they
// hold; a stand-alone page with one of these slugs would overwrite them.
var Reserved = map[string]lang.Text{
	"dia-phuong": lang.T("địa phương", "localities"),
	"ke-hoach":   lang.T("kế hoạch", "plans"),
	"tin-tuc":    lang.T("tin tức", "updates"),
	"du-lieu":    lang.T("dữ liệu", "data"),
	"chi-so":     lang.T("chỉ số", "indicators"),
	"tim-kiem":   lang.T("tìm kiếm", "search"),
	"en":         lang.T("tiếng Anh", "English"),
	"vi":         lang.T("tiếng Việt", "Vietnamese"),
	"css":        lang.T("giao diện", "theme"),
	"js":         lang.T("giao diện", "theme"),
	"img":        lang.T("giao diện", "theme"),
	"fonts":      lang.T("giao diện", "theme"),
	"nhung":      lang.T("nhúng biểu đồ", "embeds"),
}

// Prefix is the path prefix of a language: "" for the default language, "en/" for English.
func Prefix(code string) string {
	if code == lang.Default {
		return ""
	}
	return code + "/"
}

// File is the output file of a route in a language: "en/dia-phuong/x/index.html" for a
// page route (ending in "/", or "" for home), the route itself for a file.
func File(code, route string) string {
	if route == "" || strings.HasSuffix(route, "/") {
		return Prefix(code) + route + "index.html"
	}
	return Prefix(code) + route
}

// LangOf is the language of an output path or URL path below the base: English under
// "en/", else the default language.
func LangOf(p string) string {
	p = strings.TrimPrefix(p, "/")
	if p == lang.EN || strings.HasPrefix(p, lang.EN+"/") {
		return lang.EN
	}
	return lang.Default
}

// NotFoundFile is the 404 page a host serves for a missing path in that path's language.
func NotFoundFile(p string) string { return File(LangOf(p), NotFound) }

// Kind names what a route shows, as Parse tells it.
type Kind int

// The kinds of route Parse tells apart; Other is every page that is neither a locality's
// nor a plan's nor their files.
const (
	Other Kind = iota
	LocalityKind
	PlanKind
)

// Parse tells which locality or plan an output path belongs to: "en/dia-phuong/x/index.html"
// and "dia-phuong/x/du-lieu.csv" and "dia-phuong/x/xep-hang/bhyt/index.html" → (LocalityKind, "x"); "ke-hoach/x/index.html" and
// "ke-hoach/x/phan-2/index.html" → (PlanKind, "x"). Anything else is Other (the charts'
// embed page, "nhung/bieu-do/index.html", belongs to no locality).
func Parse(out string) (Kind, string) {
	rest := strings.TrimPrefix(out, Prefix(lang.EN))
	parts := strings.Split(rest, "/")
	if len(parts) < 3 || parts[1] == "" {
		return Other, ""
	}
	switch parts[0] + "/" {
	case Localities: // its page and its files
		return LocalityKind, parts[1]
	case Plans:
		if len(parts) == 3 { // not the lists of a province's plans, ke-hoach/theo-tinh/x/
			return PlanKind, parts[1]
		}
		if len(parts) == 4 && parts[1] != byProvince && strings.HasPrefix(parts[2], PartSegment) { // ke-hoach/x/phan-2/
			return PlanKind, parts[1]
		}
	}
	return Other, ""
}

// Base is where the site is published: a path ("/", "/covsite/") and, when the base URL is
// absolute, its origin too.
type Base struct {
	path string // "/" or "/covsite/"
	abs  string // "https://example.org/covsite/" or ""
}

// NewBase reads a base URL: "https://example.org/covsite", "/covsite/" or "/".
func NewBase(baseURL string) Base {
	if !strings.HasSuffix(baseURL, "/") {
		baseURL += "/"
	}
	if i := strings.Index(baseURL, "://"); i >= 0 {
		rest := baseURL[i+3:]
		slash := strings.Index(rest, "/")
		return Base{path: rest[slash:], abs: baseURL}
	}
	if !strings.HasPrefix(baseURL, "/") {
		baseURL = "/" + baseURL
	}
	return Base{path: baseURL}
}

// Path is the base's path, "/" or "/covsite/".
func (b Base) Path() string { return b.path }

// Absolute reports whether the site knows its own origin.
func (b Base) Absolute() bool { return b.abs != "" }

// URL is the site path of a route in a language: "dia-phuong/x/" → "/covsite/en/dia-phuong/x/".
func (b Base) URL(code, route string) string {
	return b.path + Prefix(code) + strings.TrimPrefix(route, "/")
}

// AbsURL is URL made absolute when the base URL is, for feeds, sitemaps and Open Graph.
func (b Base) AbsURL(code, route string) string {
	if b.abs == "" {
		return b.URL(code, route)
	}
	return b.abs + Prefix(code) + strings.TrimPrefix(route, "/")
}

// Asset is the site path of an output file that belongs to no language (a style sheet, a
// script, a download).
func (b Base) Asset(out string) string { return b.path + strings.TrimPrefix(out, "/") }
