package render

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/covsite/covsite/internal/render/asset"
)

// A document published in one language only (an update without its .en.md) has no
// hreflang alternate, and its language switch leads to the other language's list of
// updates, or home page for a stand-alone page, instead of a page that does not exist;
// a translated document keeps both.
func TestUntranslatedDocumentSwitchesToAPageThatExists(t *testing.T) {
	only := fstest.MapFS{
		"content/updates/2026-11-30-chi-tieng-viet.md": {Data: []byte("+++\ntitle = \"Chỉ có tiếng Việt\"\ndate = 2026-11-30\nsummary = \"Bài chưa dịch.\"\n+++\n\nNội dung.\n")},
		"content/lien-he.md":                           {Data: []byte("+++\ntitle = \"Liên hệ\"\ndate = 2026-11-30\nsummary = \"Địa chỉ.\"\n+++\n\nNội dung.\n")},
	}
	r := rendererOf(t, asset.Overlay{Upper: only, Lower: os.DirFS("../..")}, "/")
	pages := allPages(t, r)
	for _, tt := range []struct{ path, wantSwitch string }{
		{"tin-tuc/chi-tieng-viet/index.html", `<a class="lang-switch" href="/en/tin-tuc/"`},
		{"lien-he/index.html", `<a class="lang-switch" href="/en/"`},
		{"tin-tuc/tra-vinh-ket-qua-6-thang-dau-nam-2023/index.html", `<a class="lang-switch" href="/en/tin-tuc/tra-vinh-ket-qua-6-thang-dau-nam-2023/"`},
	} {
		page, ok := pages[tt.path]
		if !ok {
			t.Fatalf("no page %s", tt.path)
		}
		html := string(page)
		if !strings.Contains(html, tt.wantSwitch) {
			t.Errorf("%s: want %s", tt.path, tt.wantSwitch)
		}
		_, translated := pages["en/"+tt.path]
		if got := strings.Contains(html, `hreflang="en" href=`); got != translated {
			t.Errorf("%s: an hreflang alternate %v, want %v (translated: %v)", tt.path, got, translated, translated)
		}
	}
}

// The footer names the site's publisher in the page's language: publisher_en on English
// pages, and without it the Vietnamese name (a name, as the localities' are, not marked:
// no byte more on a site that has no English name); the Atom feed's author likewise.
func TestPublisherInEnglish(t *testing.T) {
	site := func(extra string) fstest.MapFS {
		b, err := os.ReadFile("../../data/site.toml")
		if err != nil {
			t.Fatal(err)
		}
		var kept []string
		for _, line := range strings.Split(string(b), "\n") {
			if !strings.HasPrefix(line, "publisher") {
				kept = append(kept, line)
			}
		}
		return fstest.MapFS{"data/site.toml": {Data: []byte(strings.Join(kept, "\n") + extra)}}
	}
	for _, tt := range []struct {
		name, toml     string
		vi, en, feedEN string
	}{
		{"both", "publisher = \"Nhóm biên tập\"\npublisher_en = \"The editors\"\n",
			"<p>Nhóm biên tập · ", "<p>The editors · ", "<name>The editors</name>"},
		{"Vietnamese only", "publisher = \"Nhóm biên tập\"\n",
			"<p>Nhóm biên tập · ", "<p>Nhóm biên tập · ", "<name>Nhóm biên tập</name>"},
	} {
		r := rendererOf(t, asset.Overlay{Upper: site(tt.toml), Lower: os.DirFS("../..")}, "/")
		pages := allPages(t, r)
		for path, want := range map[string]string{"index.html": tt.vi, "en/index.html": tt.en, "en/tin-tuc/index.xml": tt.feedEN} {
			if !strings.Contains(string(pages[path]), want) {
				t.Errorf("%s: %s lacks %q", tt.name, path, want)
			}
		}
	}
}
