package browsertest

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestHomeOpenedAsAFile: a new user who opens public/index.html from the file manager
// (the site's addresses start with /, so its style sheet is not found) reads, at the top,
// how to look at the site; served over HTTP the notice is not shown.
func TestHomeOpenedAsAFile(t *testing.T) {
	tb := openTab(t, example, 375, 700)
	notice := `(() => { const n = document.querySelector('.file-notice'); return n ? getComputedStyle(n).display + '|' + n.textContent : 'none|' })()`
	var served string
	tb.visit(t, "/")
	tb.eval(t, notice, &served)
	if served[:5] != "none|" {
		t.Errorf("served over HTTP, the file notice shows: %q", served)
	}
	abs, err := filepath.Abs(filepath.Join(example.dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	tb.do(t, chromedp.Navigate("file://"+abs))
	var asFile string
	tb.eval(t, notice, &asFile)
	if asFile[:5] == "none|" || !strings.Contains(asFile, "make serve") {
		t.Errorf("opened as a file, the home page does not say how to look at it: %q", asFile)
	}
	tb.takeProblems() // the file's missing style sheet and scripts are the point
}
