package browsertest

import (
	"slices"
	"testing"
)

// TestSearchFoldsAsTheImporter: the search box reads what the importer reads — Ð (U+00D0,
// from text converted out of the TCVN3 and VNI fonts) as Đ, and the abbreviations of kinds
// (TP, TX, P.) — with the tables search.js shares with internal/textutil.
func TestSearchFoldsAsTheImporter(t *testing.T) {
	tb := openTab(t, example, phoneWidth, phoneHeight)
	tb.visit(t, "/")
	for _, c := range []struct{ query, want string }{
		{"Long \u00d0\u1ee9c", "/dia-phuong/long-duc/"},
		{"x. long \u00f0uc", "/dia-phuong/long-duc/"},
		{"TP Trà Vinh", "/dia-phuong/tp-tra-vinh/"},
		{"tx duyên hải", "/dia-phuong/tx-duyen-hai/"},
		{"P. 7", "/dia-phuong/tra-vinh-phuong-7/"},
	} {
		hits := tb.typeSearch(t, c.query)
		var hrefs []string
		for _, h := range hits {
			hrefs = append(hrefs, h.Href)
		}
		if !slices.Contains(hrefs, c.want) {
			t.Errorf("%q finds %v, want %s among them", c.query, hrefs, c.want)
		}
	}
}
