package browsertest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/covsite/covsite/internal/sitetest"
)

// TestThemeColoursFromCustomCSS: the charts' series take their colours from the page's CSS
// custom properties — the theme's site.css (ECharts' own palette), or a site's
// static/css/custom.css laid after it — and the maps' scale from --map-N.
func TestThemeColoursFromCustomCSS(t *testing.T) {
	src := sitetest.CopyExample(t, "../..")
	custom := filepath.Join(src, "static", "css", "custom.css")
	if err := os.MkdirAll(filepath.Dir(custom), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(custom, []byte(":root { --chart-series-1: #0b6b3a; --map-5: #00441b; }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	themed, stop, err := serve("themed", src, filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	const read = `(() => {
	  const el = document.querySelector('[data-chart]');
	  const chart = el && window.echarts && window.echarts.getInstanceByDom(el);
	  const swatch = document.querySelector('.legend__swatch.tm-s5');
	  return {
	    series: chart ? chart.getOption().color.slice(0, 2) : null,
	    map: swatch ? getComputedStyle(swatch).backgroundColor : '',
	  };
	})()`
	type look struct {
		Series []string `json:"series"`
		Map    string   `json:"map"`
	}
	for _, tt := range []struct {
		s                *site
		path             string
		series0, series1 string
		wantMap          string
	}{
		{example, "/dia-phuong/tp-tra-vinh/", "#5470c6", "#91cc75", ""},
		{themed, "/dia-phuong/tp-tra-vinh/", "#0b6b3a", "#91cc75", ""},
		{example, "/chi-so/bhyt/", "", "", "rgb(8, 48, 107)"},
		{themed, "/chi-so/bhyt/", "", "", "rgb(0, 68, 27)"},
	} {
		tb := openTab(t, tt.s, 1280, 800)
		tb.colorScheme(t, "light")
		tb.visit(t, tt.path)
		var got look
		tb.eval(t, read, &got)
		if tt.series0 != "" && (len(got.Series) != 2 || got.Series[0] != tt.series0 || got.Series[1] != tt.series1) {
			t.Errorf("%s %s: series colours %v, want %s, %s", tt.s.name, tt.path, got.Series, tt.series0, tt.series1)
		}
		if tt.wantMap != "" && got.Map != tt.wantMap {
			t.Errorf("%s %s: the map's darkest step is %q, want %q", tt.s.name, tt.path, got.Map, tt.wantMap)
		}
	}
}
