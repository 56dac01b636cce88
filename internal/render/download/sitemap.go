package download

import (
	"encoding/xml"

	"github.com/covsite/covsite/internal/routes"
)

// SitemapLimit is the most URLs one sitemap file may list (sitemaps.org: 50,000 URLs
// and 50 MB uncompressed per file; a URL here is under 200 bytes).
const SitemapLimit = 50_000

// Sitemap is the sitemap index, routes.Sitemap, and its parts, routes.SitemapPart(1…),
// each listing at most limit URLs. urls gives the absolute URLs of every page, in a
// stable order, and count how many there are (without making them); partURL the
// absolute URL of a part.
func Sitemap(count int, urls func() []string, partURL func(route string) string, limit int) []File {
	parts := max(1, (count+limit-1)/limit)
	files := []File{{Path: routes.Sitemap, Write: fromBytes(func() ([]byte, error) {
		idx := sitemapIndex{NS: sitemapNS}
		for n := 1; n <= parts; n++ {
			idx.Sitemaps = append(idx.Sitemaps, siteURL{Loc: partURL(routes.SitemapPart(n))})
		}
		return marshalXML(idx)
	})}}
	for n := 1; n <= parts; n++ {
		files = append(files, File{Path: routes.SitemapPart(n), Write: fromBytes(func() ([]byte, error) {
			all := urls()
			lo, hi := min((n-1)*limit, len(all)), min(n*limit, len(all))
			set := urlset{NS: sitemapNS}
			for _, u := range all[lo:hi] {
				set.URLs = append(set.URLs, siteURL{Loc: u})
			}
			return marshalXML(set)
		})})
	}
	return files
}

const sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

type sitemapIndex struct {
	XMLName  xml.Name  `xml:"sitemapindex"`
	NS       string    `xml:"xmlns,attr"`
	Sitemaps []siteURL `xml:"sitemap"`
}

type urlset struct {
	XMLName xml.Name  `xml:"urlset"`
	NS      string    `xml:"xmlns,attr"`
	URLs    []siteURL `xml:"url"`
}

type siteURL struct {
	Loc string `xml:"loc"`
}

func marshalXML(v any) ([]byte, error) {
	out, err := xml.MarshalIndent(v, "", " ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(out, '\n')...), nil
}
