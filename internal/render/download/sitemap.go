package download

import (
	"bytes"
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
		var locs []string
		for n := 1; n <= parts; n++ {
			locs = append(locs, partURL(routes.SitemapPart(n)))
		}
		return marshalXML("sitemapindex", "sitemap", locs)
	})}}
	for n := 1; n <= parts; n++ {
		files = append(files, File{Path: routes.SitemapPart(n), Write: fromBytes(func() ([]byte, error) {
			all := urls()
			lo, hi := min((n-1)*limit, len(all)), min(n*limit, len(all))
			return marshalXML("urlset", "url", all[lo:hi])
		})})
	}
	return files
}

const sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

// marshalXML writes a sitemap index (element "sitemapindex", items "sitemap") or a part
// ("urlset", "url") of the URLs locs as xml.MarshalIndent(v, "", " ") writes the struct
// of it, after xml.Header: by hand, since a national site's 75,000 URLs through
// encoding/xml's reflection and printer were 0.05 s and 15 MB of a build
// (TestSitemapIsEncodingXML).
func marshalXML(element, item string, locs []string) ([]byte, error) {
	b := make([]byte, 0, len(xml.Header)+64+len(locs)*(len(item)*2+32+80))
	b = append(b, xml.Header...)
	b = append(append(append(b, '<'), element...), ` xmlns="`...)
	b = appendXMLText(b, sitemapNS)
	b = append(b, `">`...)
	for _, loc := range locs {
		b = append(append(append(b, "\n <"...), item...), ">\n  <loc>"...)
		b = appendXMLText(b, loc)
		b = append(append(append(b, "</loc>\n </"...), item...), '>')
	}
	if len(locs) > 0 {
		b = append(b, '\n')
	}
	return append(append(append(b, "</"...), element...), ">\n"...), nil
}

// appendXMLText appends s escaped as xml.EscapeText escapes it: as it is when it has no
// byte to escape (nor any outside ASCII, left to xml.EscapeText).
func appendXMLText(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 || c == '"' || c == '\'' || c == '&' || c == '<' || c == '>' {
			var buf bytes.Buffer
			_ = xml.EscapeText(&buf, []byte(s)) // a bytes.Buffer does not fail
			return append(b, buf.Bytes()...)
		}
	}
	return append(b, s...)
}
