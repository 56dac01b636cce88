package render

import (
	"bytes"
	"image/png"
	"regexp"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/routes"
)

var ogImage = regexp.MustCompile(`<meta property="og:image" content="([^"]+)">`)

// TestShareCards: the home page and every province, plan of a province and update has an
// og:image that is a page of the site, a 1200×630 PNG, with twitter:card
// summary_large_image; districts, communes, the rankings of a locality's children and the
// other pages have none.
func TestShareCards(t *testing.T) {
	r := exampleRenderer(t)
	pages := map[string]Page{}
	for _, p := range r.Pages() {
		pages[p.Path] = p
	}
	cards := 0
	for _, p := range r.Pages() {
		if !strings.HasSuffix(p.Path, ".html") || routes.IsEmbed(p.Path) {
			continue
		}
		b, err := p.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		m := ogImage.FindSubmatch(b)
		dir := strings.TrimSuffix(p.Path, "index.html")
		rest := strings.TrimPrefix(dir, "en/")
		wantCard := rest == "" || strings.HasPrefix(rest, "tin-tuc/") && rest != "tin-tuc/" ||
			strings.HasPrefix(rest, "ke-hoach/") && rest != "ke-hoach/" && rest != "ke-hoach/tp-tra-vinh-49-kh-bcd-2023/" ||
			strings.HasPrefix(rest, "dia-phuong/") && strings.Count(rest, "/") == 2 && r.site.Locality(strings.Split(rest, "/")[1]).Depth <= 1
		if (m != nil) != wantCard {
			t.Errorf("%s: og:image %t, want %t", p.Path, m != nil, wantCard)
			continue
		}
		large := bytes.Contains(b, []byte(`<meta name="twitter:card" content="summary_large_image">`))
		if large != wantCard || !wantCard && !bytes.Contains(b, []byte(`<meta name="twitter:card" content="summary">`)) {
			t.Errorf("%s: twitter:card summary_large_image %t, want %t", p.Path, large, wantCard)
		}
		if m == nil {
			continue
		}
		cards++
		out := strings.TrimPrefix(string(m[1]), "/")
		if out != dir+"anh-chia-se.png" {
			t.Errorf("%s: og:image %s, want the card beside the page", p.Path, m[1])
		}
		card, ok := pages[out]
		if !ok {
			t.Errorf("%s: og:image %s is not a page of the site", p.Path, m[1])
			continue
		}
		img, err := card.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(img))
		if err != nil || cfg.Width != 1200 || cfg.Height != 630 {
			t.Errorf("%s: %v, %dx%d", out, err, cfg.Width, cfg.Height)
		}
	}
	if cards < 20 {
		t.Errorf("only %d pages with cards", cards)
	}
}
