package serve

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/covsite/covsite/internal/gen/gentest"
)

// national starts a server (with debounce; 0 is serve's default) on a generated national
// dataset at scale and returns it with the site's directory and the figures of its largest
// results file (the first is the province's own, the last a ward's).
func national(tb testing.TB, scale float64, debounce time.Duration) (*testServer, string, []gentest.Figure) {
	tb.Helper()
	site := gentest.Site(tb, scale)
	ts := startDebounced(tb, site, debounce)
	waitFor(tb, ts.url+"/", "home page", func(s int, _ string) bool { return s == 200 })
	return ts, site, gentest.ResultsFigures(tb, site)
}

// localityURL is the path of a locality's page.
func localityURL(id string) string { return "/dia-phuong/" + id + "/" }

// TestSaveRendersOnlyOpenPages: saving one results file decodes and links only that file
// again, renders only the pages open in a tab, and reloads only the tabs whose page it
// changed.
func TestSaveRendersOnlyOpenPages(t *testing.T) {
	ts, site, figures := national(t, 0.01, 20*time.Millisecond)
	fig := figures[0]
	changed := localityURL(fig.Locality)
	open := []string{changed, "/phuong-phap/", "/en/phuong-phap/"}
	before := make([]string, len(open))
	tabs := make([]<-chan string, len(open))
	for i, p := range open {
		_, before[i] = get(t, ts.url+p)
		tabs[i] = events(t, ts.url, p)
		expectEvent(t, tabs[i], "hello")
	}
	first := ts.srv.view().gen

	fig.Set(t, site, fig.Value+1)
	expectEvent(t, tabs[0], "reload")
	for _, tab := range tabs[1:] {
		select {
		case ev := <-tab:
			t.Errorf("a tab whose page did not change got %q", ev)
		case <-time.After(300 * time.Millisecond):
		}
	}
	if _, after := get(t, ts.url+changed); after == before[0] {
		t.Errorf("%s did not change", changed)
	}
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(ts.log.String(), "open tabs: 3, reloaded: 1"); {
		if time.Now().After(deadline) {
			t.Fatalf("the log does not say how the open tabs went:\n%s", ts.log.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	g := ts.srv.view().gen
	if g == first {
		t.Fatal("no new generation after the save")
	}
	if !g.prepared.Relinked || !slices.Equal(g.prepared.Changed, []string{fig.File}) {
		t.Errorf("after saving %s: changed %q, relinked %t", fig.File, g.prepared.Changed, g.prepared.Relinked)
	}
	if n := g.rendered(); n != len(open) {
		t.Errorf("the save rendered %d pages, want the %d open ones", n, len(open))
	}
	if log := ts.log.String(); !strings.Contains(log, "data files changed: 1, only their results linked again") {
		t.Errorf("the log does not say that one file was linked again:\n%s", log)
	}
}
