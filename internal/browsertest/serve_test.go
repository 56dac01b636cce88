package browsertest

import (
	"context"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	preview "github.com/covsite/covsite/internal/serve"
	"github.com/covsite/covsite/internal/sitetest"
)

// startServe runs `covsite serve` on a copy of the example site on a random loopback port
// until the test ends, and returns the copy and the served site.
func startServe(t *testing.T) (string, *site) {
	t.Helper()
	src := sitetest.CopyExample(t, "../..")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- preview.New(preview.Options{Source: src, Lang: "en", Debounce: 20 * time.Millisecond}).Run(ctx, ln)
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return src, &site{name: "serve", dir: src, url: "http://" + ln.Addr().String()}
}

// liveView is what the live-reload test reads from the tab.
type liveView struct {
	Marked  bool   `json:"marked"`  // window.__mark survived: the page did not reload
	Main    string `json:"main"`    // the text of <main>
	Overlay string `json:"overlay"` // the text of the error overlay, "" without one
	Hidden  bool   `json:"hidden"`  // the overlay is there but hidden
	Loaded  bool   `json:"loaded"`  // the page and its scripts (the reload script too) have run
}

const readLive = `(() => {
  const o = document.getElementById('covsite-overlay');
  const m = document.querySelector('main');
  return {marked: window.__mark === 1, main: m ? m.innerText : '', overlay: o ? o.innerText : '', hidden: !!(o && o.hidden), loaded: document.readyState === 'complete'};
})()`

// waitLive polls the tab until the page has loaded and cond holds, tolerating the moments
// a reload leaves no page to evaluate in, and returns what it saw last.
func (tb *tab) waitLive(t *testing.T, what string, cond func(liveView) bool) liveView {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	var v liveView
	var lastErr error
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(tb.ctx, 5*time.Second)
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](readLive))
		cancel()
		lastErr = err
		if err == nil && json.Unmarshal(raw, &v) == nil && v.Loaded && cond(v) {
			return v
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s: not within 15 s; last view %+v, error %v", what, v, lastErr)
	return v
}

// lineOf is the 1-based line of the first line of file holding s.
func lineOf(t *testing.T, file, s string) int {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(b), "\n") {
		if strings.Contains(l, s) {
			return i + 1
		}
	}
	t.Fatalf("%s has no line with %q", file, s)
	return 0
}

func replaceIn(t *testing.T, file, old, new string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestLiveReload runs serve's reload script in a browser: a saved data file reloads the
// open page with the new figure; a broken file reloads it with the error overlay naming
// file:line over the last good page; the overlay can be hidden; the fix reloads the page
// without it. The page runs without a console error or a blocked request throughout.
func TestLiveReload(t *testing.T) {
	browser(t) // skips (or fails in CI) before serve starts when there is no Chromium
	src, s := startServe(t)
	tb := openTab(t, s, 1280, 900)
	const planFile = "data/plans/tp-tra-vinh-49-kh-bcd-2023.toml"
	plan := filepath.Join(src, filepath.FromSlash(planFile))
	tb.visit(t, "/dia-phuong/tra-vinh-phuong-1/")
	mark := func() { tb.eval(t, `window.__mark = 1`, nil) }
	unmarked := func(v liveView) bool { return !v.Marked }

	mark()
	v := tb.waitLive(t, "page as served", func(v liveView) bool { return v.Marked })
	if !strings.Contains(v.Main, "10.324") || v.Overlay != "" {
		t.Fatalf("ward page before any edit: %+v", v)
	}
	time.Sleep(300 * time.Millisecond) // a reload now would not be the edit's
	if v := tb.waitLive(t, "still the same page", func(liveView) bool { return true }); !v.Marked {
		t.Fatal("the page reloaded although nothing changed")
	}

	replaceIn(t, plan, "bhyt = 10_324", "bhyt = 10_325")
	tb.waitLive(t, "reloaded with the new figure", func(v liveView) bool {
		return unmarked(v) && strings.Contains(v.Main, "10.325") && v.Overlay == ""
	})

	mark()
	replaceIn(t, plan, "bhyt = 10_325", "bhyt = 10_325\nbhyt_sai = \"nhiều\"")
	where := planFile + ":" + strconv.Itoa(lineOf(t, plan, "bhyt_sai")) + ":"
	v = tb.waitLive(t, "reloaded with the overlay", func(v liveView) bool { return unmarked(v) && v.Overlay != "" })
	if !strings.Contains(v.Overlay, where) || !strings.Contains(v.Overlay, "bản dựng tốt gần nhất") {
		t.Errorf("overlay does not name %s: %q", where, v.Overlay)
	}
	if !strings.Contains(v.Main, "10.325") {
		t.Error("the last good page is not shown under the overlay")
	}
	tb.do(t, chromedp.Click(chromedp.CSS(`[data-covsite-close]`)))
	tb.waitLive(t, "overlay hidden by its button", func(v liveView) bool { return v.Hidden })

	mark()
	replaceIn(t, plan, "\nbhyt_sai = \"nhiều\"", "")
	tb.waitLive(t, "reloaded without the overlay", func(v liveView) bool {
		return unmarked(v) && v.Overlay == "" && strings.Contains(v.Main, "10.325")
	})
	for _, p := range tb.takeProblems() {
		t.Errorf("problem in the served page: %s", p)
	}
}
