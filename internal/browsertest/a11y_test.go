package browsertest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// axeFile is axe-core's browser bundle, installed by `make test` (npm ci in testdata/npm).
var axeFile = filepath.Join("testdata", "npm", "node_modules", "axe-core", "axe.min.js")

var (
	axeOnce   sync.Once
	axeSource string
	axeErr    error
)

// axe returns the source of axe-core, read once. Without it the test skips, or fails in CI.
func axe(t *testing.T) string {
	t.Helper()
	axeOnce.Do(func() {
		b, err := os.ReadFile(axeFile)
		axeSource, axeErr = string(b), err
	})
	if axeErr != nil {
		msg := fmt.Sprintf("axe-core is not installed (%v); `make test` installs it (npm ci in %s)", axeErr, filepath.Dir(filepath.Dir(filepath.Dir(axeFile))))
		if ciMode() {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return axeSource
}

// axeViolation is one rule axe-core found broken, with a few of the offending nodes.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
	Count  int      `json:"count"`
}

// expectClean fails t for every axe violation on the page and every problem (console
// error, failed or outside request) the tab saw since it was last asked, each named by what.
func (tb *tab) expectClean(t *testing.T, what string) {
	t.Helper()
	for _, v := range tb.runAxe(t) {
		t.Errorf("%s: axe %s [%s, %d nodes]: %s\n    %s", what, v.ID, v.Impact, v.Count, v.Help, strings.Join(v.Nodes, "\n    "))
	}
	for _, p := range tb.takeProblems() {
		t.Errorf("%s: %s", what, p)
	}
}

// runAxe injects axe-core into the loaded page (read from disk, evaluated through the
// DevTools protocol, so the page's CSP does not apply) and runs every rule that is not
// experimental: WCAG 2.x A and AA (contrast included) and best practices (landmarks,
// heading order, regions).
func (tb *tab) runAxe(t *testing.T) []axeViolation {
	t.Helper()
	tb.eval(t, "(() => { if (!window.axe) { "+axe(t)+"\n} return true; })()", nil)
	var v []axeViolation
	tb.eval(t, `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({
	  id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
	  nodes: v.nodes.slice(0, 4).map((n) => n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 240)),
	})))`, &v)
	return v
}

// axePages are the pages axe checks: home, a province, a ward, a plan, an update, the
// localities list, a Markdown page, the 404 page and a page ranking a locality's children,
// in both languages.
var axePages = []string{
	"/", "/dia-phuong/tra-vinh/", "/dia-phuong/tra-vinh-phuong-7/", "/ke-hoach/tp-tra-vinh-49-kh-bcd-2023/",
	"/tin-tuc/tra-vinh-ket-qua-6-thang-dau-nam-2023/", "/dia-phuong/", "/phuong-phap/", "/404.html",
	"/dia-phuong/vn/xep-hang/bhxh-tu-nguyen/",
}

// TestAccessibility runs axe-core on representative pages in both languages, in light and
// in dark mode (prefers-color-scheme emulated), on a desktop and a phone viewport, and
// fails on any violation.
func TestAccessibility(t *testing.T) {
	axe(t)
	var pages []string
	for _, p := range axePages {
		pages = append(pages, p, "/en"+p)
	}
	type viewport struct{ w, h int64 }
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		runs int
	)
	// One tab per viewport, side by side: axe's work is in the browser.
	for _, vp := range []viewport{{1280, 800}, {phoneWidth, phoneHeight}} {
		tb := openTab(t, example, vp.w, vp.h)
		wg.Go(func() {
			for _, scheme := range []string{"light", "dark"} {
				for _, p := range pages {
					if vp.w < 600 && scheme == "light" && p != "/" && p != "/dia-phuong/tra-vinh-phuong-7/" {
						continue // the phone layout, in light mode, on two pages: same theme, other widths
					}
					t.Run(fmt.Sprintf("%d/%s%s", vp.w, scheme, p), func(t *testing.T) {
						tb.colorScheme(t, scheme)
						tb.visit(t, p)
						mu.Lock()
						runs++
						mu.Unlock()
						tb.expectClean(t, fmt.Sprintf("%s (%s, %d px)", p, scheme, vp.w))
					})
				}
			}
		})
	}
	wg.Wait()
	t.Logf("axe-core ran on %d page views with no violation allowed", runs)
}

// focusStop is the element that has the keyboard focus.
type focusStop struct {
	Key       string `json:"key"` // data-kbd of the element, "" for body or main
	Tag       string `json:"tag"`
	ID        string `json:"id"`
	Text      string `json:"text"`
	InMain    bool   `json:"inMain"`
	Outline   string `json:"outline"` // computed outline style and width
	OutlineOK bool   `json:"outlineOk"`
}

const focusJS = `(() => {
  const el = document.activeElement;
  const cs = getComputedStyle(el);
  const width = parseFloat(cs.outlineWidth) || 0;
  return {
    key: el.getAttribute('data-kbd') || '', tag: el.tagName.toLowerCase(), id: el.id,
    text: (el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 40),
    inMain: !!el.closest('main'),
    outline: cs.outlineStyle + ' ' + cs.outlineWidth + ' ' + cs.outlineColor,
    outlineOk: (cs.outlineStyle !== 'none' && width >= 2) || cs.boxShadow !== 'none',
  };
})()`

// markFocusable labels every element a keyboard user must be able to reach with data-kbd
// and returns how many there are and the keys of the ones that matter most.
const markFocusable = `(() => {
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const els = [...document.querySelectorAll('a[href], button:not([disabled]), input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])')]
    .filter((el) => shown(el) || el.classList.contains('skip-link'));
  els.forEach((el, i) => el.setAttribute('data-kbd', String(i)));
  const key = (sel) => { const el = document.querySelector(sel); return el ? el.getAttribute('data-kbd') || '' : ''; };
  return {
    all: els.map((el) => el.getAttribute('data-kbd') + ' ' + el.tagName.toLowerCase() + ' ' + (el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30)),
    skip: key('.skip-link'), search: key('#search-input'), lang: key('.lang-switch'),
    nav: [...document.querySelectorAll('.site-nav a')].map((a) => a.getAttribute('data-kbd')),
  };
})()`

// TestKeyboard tabs through whole pages like a keyboard user: the skip link comes first
// and moves the focus to main; every link, input and scrollable region is reached (the
// search box, the language switch and the menu among them); each shows a visible focus
// outline.
func TestKeyboard(t *testing.T) {
	for _, c := range []struct {
		path  string
		width int64
	}{
		{"/dia-phuong/tra-vinh-phuong-7/", 1280},
		{"/en/", 1280},
		{"/ke-hoach/tp-tra-vinh-49-kh-bcd-2023/", phoneWidth},
	} {
		t.Run(fmt.Sprintf("%d%s", c.width, c.path), func(t *testing.T) {
			tb := openTab(t, example, c.width, 800)
			tb.visit(t, c.path)
			var marks struct {
				All    []string `json:"all"`
				Skip   string   `json:"skip"`
				Search string   `json:"search"`
				Lang   string   `json:"lang"`
				Nav    []string `json:"nav"`
			}
			tb.eval(t, markFocusable, &marks)
			if marks.Skip == "" || marks.Search == "" || marks.Lang == "" || len(marks.Nav) < 5 {
				t.Fatalf("page lacks a skip link, search box, language switch or menu: %+v", marks)
			}
			reached := map[string]bool{}
			var stops []focusStop
			for i := 0; i < len(marks.All)+5; i++ {
				tb.do(t, chromedp.KeyEvent(kb.Tab))
				var f focusStop
				tb.eval(t, focusJS, &f)
				if f.Key == "" || reached[f.Key] {
					break // back at the start, or out of the page
				}
				reached[f.Key] = true
				stops = append(stops, f)
				if !f.OutlineOK {
					t.Errorf("%s: no visible focus on %s %q (outline: %s)", c.path, f.Tag, f.Text, f.Outline)
				}
			}
			if len(stops) == 0 || stops[0].Key != marks.Skip {
				t.Errorf("%s: the first Tab does not reach the skip link: %+v", c.path, stops[:min(1, len(stops))])
			}
			for _, k := range append([]string{marks.Search, marks.Lang}, marks.Nav...) {
				if !reached[k] {
					t.Errorf("%s: Tab never reaches element %s", c.path, k)
				}
			}
			for _, m := range marks.All {
				if k, _, _ := strings.Cut(m, " "); !reached[k] {
					t.Errorf("%s: Tab never reaches %s", c.path, m)
				}
			}
			// The skip link moves the focus to main, and the next Tab goes into the content.
			tb.visit(t, c.path)
			tb.do(t, chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Enter))
			var f focusStop
			tb.eval(t, focusJS, &f)
			if f.Tag != "main" || f.ID != "main" {
				t.Errorf("%s: after the skip link the focus is on %s#%s, want main#main", c.path, f.Tag, f.ID)
			}
			tb.do(t, chromedp.KeyEvent(kb.Tab))
			tb.eval(t, focusJS, &f)
			if !f.InMain {
				t.Errorf("%s: Tab after the skip link goes to %s %q, outside main", c.path, f.Tag, f.Text)
			}
			t.Logf("%s: %d focus stops", c.path, len(stops))
		})
	}
}
