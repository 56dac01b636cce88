package browsertest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// outputDir is where screenshots go: $COVSITE_TEST_OUTPUT, else testdata/output (ignored
// by git).
func outputDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("COVSITE_TEST_OUTPUT")
	if dir == "" {
		dir = filepath.Join("testdata", "output")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// screenshotPages are the pages people look at: home, a province, a ward and a plan.
var screenshotPages = []struct{ name, path string }{
	{"home", "/"},
	{"province-tra-vinh", "/dia-phuong/tra-vinh/"},
	{"ward-tra-vinh-phuong-7", "/dia-phuong/tra-vinh-phuong-7/"},
	{"plan-tp-tra-vinh-49-kh-bcd-2023", "/ke-hoach/tp-tra-vinh-49-kh-bcd-2023/"},
	{"city-tp-tra-vinh", "/dia-phuong/tp-tra-vinh/"},
}

// TestScreenshots writes full-page screenshots of the four pages at 375 px (phone) and
// 1280 px (desktop), in Vietnamese, plus English and dark-mode phone shots of the ward
// page, and runs the per-page checks at 1280 px too (charts drawn at desktop width).
func TestScreenshots(t *testing.T) {
	browser(t)
	dir := outputDir(t)
	type shot struct {
		name, path, scheme string
		width              int64
	}
	var shots []shot
	for _, w := range []int64{375, 1280} {
		for _, p := range screenshotPages {
			shots = append(shots, shot{p.name, p.path, "", w})
		}
	}
	shots = append(shots,
		shot{"ward-tra-vinh-phuong-7.en", "/en/dia-phuong/tra-vinh-phuong-7/", "", 375},
		shot{"ward-tra-vinh-phuong-7.dark", "/dia-phuong/tra-vinh-phuong-7/", "dark", 375},
		shot{"home.dark", "/", "dark", 1280},
	)
	tabs := map[int64]*tab{}
	for _, s := range shots {
		tb := tabs[s.width]
		if tb == nil {
			tb = openTab(t, example, s.width, map[int64]int64{375: phoneHeight, 1280: 800}[s.width])
			tabs[s.width] = tb
		}
		name := fmt.Sprintf("%s-%d.png", s.name, s.width)
		t.Run(strings.TrimSuffix(name, ".png"), func(t *testing.T) {
			tb.colorScheme(t, s.scheme)
			tb.visit(t, s.path)
			if s.width < 600 { // what a phone shows before any scrolling
				first := run(t, tb, chromedp.CaptureScreenshot())
				if err := os.WriteFile(filepath.Join(dir, strings.TrimSuffix(name, ".png")+"-first-screen.png"), first, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			png := run(t, tb, chromedp.FullScreenshot(100)) // quality 100 is PNG
			if len(png) < 10_000 {
				t.Fatalf("screenshot of %s is only %d bytes", s.path, len(png))
			}
			if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
				t.Fatal(err)
			}
			if s.width > 600 && s.scheme == "" { // the per-page checks, at desktop width
				checkPage(t, tb, s.path, siteSearches["example"][0])
			}
		})
	}
	t.Logf("screenshots in %s", dir)
}
