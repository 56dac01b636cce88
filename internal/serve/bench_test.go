package serve

import (
	"strings"
	"testing"
	"time"

	"github.com/covsite/covsite/internal/gen/gentest"
)

// BenchmarkServeChange measures the target of issue 6 for `covsite serve`: from saving a
// results file of the national dataset of `covsite gen` (scale from COVSITE_BENCH_SCALE,
// default 1; its largest results file) to the changed page in the browser — the tab told to
// reload and the page fetched again — with serve's default debounce of 50 ms counted. The
// tab shows the province the file is about (a heavy page: every district and commune) or
// one of its wards. `make bench` runs it; the numbers are in docs/performance.md.
func BenchmarkServeChange(b *testing.B) {
	ts, site, figures := national(b, gentest.Scale(b, 1), 0)
	for _, c := range []struct {
		name string
		fig  gentest.Figure
	}{{"province-page", figures[0]}, {"ward-page", figures[len(figures)-1]}} {
		b.Run(c.name, func(b *testing.B) {
			page := ts.url + localityURL(c.fig.Locality)
			_, body := get(b, page)
			tab := events(b, ts.url, localityURL(c.fig.Locality))
			expectEvent(b, tab, "hello")
			var total, worst time.Duration
			v := c.fig.Value
			for b.Loop() {
				v++
				start := time.Now()
				c.fig.Set(b, site, v)
				expectEvent(b, tab, "reload")
				_, after := get(b, page)
				took := time.Since(start)
				if after == body {
					b.Fatalf("%s did not change", page)
				}
				body, total, worst = after, total+took, max(worst, took)
			}
			b.ReportMetric(ms(total)/float64(b.N), "change-to-visible-ms")
			b.ReportMetric(ms(worst), "worst-ms")
			b.Logf("serve's log (the last lines):\n%s", lastLines(ts.log.String(), 4))
		})
	}
}

// lastLines returns the last n lines of s.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
