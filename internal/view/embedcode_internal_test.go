package view

import (
	"regexp"
	"strings"
	"testing"
)

// TestEmbedCodesOfferTheResizeScript: every embed code — a chart's (EmbedSnippet, filled
// by charts.js) and a ranking's or map's (NewEmbedCode) — is the iframe, then the resize
// script, which listens for the embeds' height messages only, sets the height of the
// iframe whose window sent one, from that iframe's origin, and holds no "{word}" for
// charts.js to fill.
func TestEmbedCodesOfferTheResizeScript(t *testing.T) {
	code := NewEmbedCode(Format{langs(t)["vi"]}, "xep-hang", "https://example.org/nhung/bieu-do/?p=x/&c=xep-hang", `A "quoted" <title>`, 1072)
	for _, tt := range []struct{ name, snippet, iframe string }{
		{"chart", EmbedSnippet, `<iframe src="{src}" title="{title}" width="100%" height="520" loading="lazy" style="border:0"></iframe>`},
		{"ranking", code.Snippet, `<iframe src="https://example.org/nhung/bieu-do/?p=x/&amp;c=xep-hang" title="A &#34;quoted&#34; &lt;title&gt;" width="100%" height="1072" loading="lazy" style="border:0"></iframe>`},
	} {
		iframe, script, ok := strings.Cut(tt.snippet, "\n")
		if !ok || iframe != tt.iframe || script != EmbedResizeScript {
			t.Errorf("%s: embed code %q, want %q then the resize script", tt.name, tt.snippet, tt.iframe)
		}
	}
	for _, want := range []string{`covsite==="embed-height"`, `f.contentWindow===e.source`, `.origin===e.origin`, `f.height=h`} {
		if !strings.Contains(EmbedResizeScript, want) {
			t.Errorf("resize script lacks %q: %s", want, EmbedResizeScript)
		}
	}
	if !strings.HasPrefix(EmbedResizeScript, "<script>") || strings.Count(EmbedResizeScript, "</script>") != 1 || !strings.HasSuffix(EmbedResizeScript, "</script>") {
		t.Errorf("resize script is not one script element: %s", EmbedResizeScript)
	}
	if m := regexp.MustCompile(`\{\w+\}`).FindString(EmbedResizeScript); m != "" {
		t.Errorf("resize script holds %q, which charts.js would fill", m)
	}
}
