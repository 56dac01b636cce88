package browsertest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/covsite/covsite/internal/build"
	"github.com/covsite/covsite/internal/routes"
)

// site is a built site served over HTTP on loopback.
type site struct {
	name   string
	source string // the site's source folder (data/, content/)
	dir    string // the built files
	url    string // "http://127.0.0.1:port", the only origin its pages may use
}

var (
	example, fixture *site

	browserOnce    sync.Once
	browserCtx     context.Context
	browserStop    func()
	browserMissing string // why there is no browser to run (skip, or fail in CI)
	browserErr     error  // the browser is there but did not start (always a failure)
)

// TestMain builds the example site and the fixture site once for the whole test binary,
// serves both, and stops the browser (started by the first test that needs it) at the end.
func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	tmp, err := os.MkdirTemp("", "covsite-browsertest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)
	var stops []func()
	defer func() {
		for _, stop := range stops {
			stop()
		}
	}()
	for _, s := range []struct {
		to     **site
		name   string
		source string
	}{{&example, "example", "../.."}, {&fixture, "fixture", "testdata/fixture"}} {
		built, stop, err := serve(s.name, s.source, filepath.Join(tmp, s.name))
		if err != nil {
			fmt.Fprintf(os.Stderr, "browsertest: build the %s site: %v\n", s.name, err)
			return 1
		}
		*s.to = built
		stops = append(stops, stop)
	}
	code := m.Run()
	if browserStop != nil {
		browserStop()
	}
	return code
}

// serve builds the site at source into dest with build.Run and serves dest with
// net/http's FileServer on a random loopback port.
func serve(name, source, dest string) (*site, func(), error) {
	res, err := build.Run(context.Background(), build.Options{Source: source, Dest: dest})
	if err != nil {
		if res.Diagnostics != nil && res.Diagnostics.HasErrors() {
			err = fmt.Errorf("%w\n%v", err, res.Diagnostics.Err("en"))
		}
		return nil, nil, err
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dest)))
	return &site{name: name, source: source, dir: dest, url: srv.URL}, srv.Close, nil
}

// ciMode reports whether the tests run in CI, where a missing browser is a failure.
func ciMode() bool { return os.Getenv("CI") != "" }

// browser returns a chromedp context of the one browser the tests share, starting it
// on first use. Without Chromium the test skips, or fails when CI is set.
func browser(t testing.TB) context.Context {
	t.Helper()
	browserOnce.Do(startBrowser)
	switch {
	case browserErr != nil:
		t.Fatalf("chromium did not start: %v", browserErr)
	case browserMissing != "" && ciMode():
		t.Fatalf("%s (CI is set, so the browser tests must run; `make test` installs chromium)", browserMissing)
	case browserMissing != "":
		t.Skipf("%s; run `make test`, which installs it, or set COVSITE_CHROMIUM", browserMissing)
	}
	return browserCtx
}

// chromiumFlags are the flags the brief of the browser suite names; chromedp adds the pipe.
func chromiumFlags(path, userData string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless, // also hides scrollbars, like a phone's overlay scrollbars
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-dev-shm-usage", true), // small /dev/shm in containers
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.UserDataDir(userData),
	}
}

func startBrowser() {
	path := os.Getenv("COVSITE_CHROMIUM")
	if path == "" {
		var err error
		if path, err = exec.LookPath("chromium"); err != nil {
			browserMissing = "no chromium on PATH"
			return
		}
	}
	userData, err := os.MkdirTemp("", "covsite-chromium-")
	if err != nil {
		browserErr = err
		return
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), chromiumFlags(path, userData)...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	browserStop = func() {
		cancel()
		cancelAlloc()
		os.RemoveAll(userData)
	}
	if err := chromedp.Do(ctx); err != nil { // starts the browser; no timeout, it would kill it
		browserErr = err
		return
	}
	browserCtx = ctx
}

// tab is one browser tab on one site. It records, since the last visit, every console
// error or warning, uncaught exception, error log entry, failed request and request to
// another origin.
type tab struct {
	ctx    context.Context
	site   *site
	width  int64
	height int64

	mu       sync.Mutex
	problems []string
	requests int
}

// openTab opens a tab with a viewport of width×height CSS pixels; below 600 px wide it
// emulates a phone (mobile viewport and touch).
func openTab(t testing.TB, s *site, width, height int64) *tab {
	t.Helper()
	tb := &tab{site: s, width: width, height: height}
	ctx, cancel := chromedp.NewContext(browser(t), chromedp.WithListener(tb.listen))
	t.Cleanup(cancel)
	tb.ctx = ctx
	// The first run opens the tab and binds it to ctx: it must not carry a timeout.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	var opts []chromedp.EmulateViewportOption
	if width < 600 {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)
	}
	tb.do(t, chromedp.EmulateViewport(width, height, opts...))
	return tb
}

func (tb *tab) add(format string, args ...any) {
	tb.mu.Lock()
	tb.problems = append(tb.problems, fmt.Sprintf(format, args...))
	tb.mu.Unlock()
}

// listen runs on chromedp's event loop: it must not block or call the browser.
func (tb *tab) listen(ev any) {
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		switch ev.Type {
		case runtime.ConsoleAPICalledTypeError, runtime.ConsoleAPICalledTypeWarning, runtime.ConsoleAPICalledTypeAssert:
			tb.add("console.%s: %s", ev.Type, remoteText(ev.Args))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil {
			text += " " + d.Exception.Description
		}
		tb.add("uncaught exception at %s:%d: %s", d.URL, d.LineNumber+1, text)
	case *log.EventEntryAdded:
		if e := ev.Entry; e.Level == log.EntryLevelError || e.Level == log.EntryLevelWarning {
			tb.add("log %s %s: %s %s", e.Source, e.Level, e.Text, e.URL)
		}
	case *network.EventRequestWillBeSent:
		tb.mu.Lock()
		tb.requests++
		tb.mu.Unlock()
		if !tb.sameOrigin(ev.Request.URL) {
			tb.add("request to another origin: %s", ev.Request.URL)
		}
	case *network.EventLoadingFailed:
		if !ev.Canceled {
			tb.add("request failed: %s %s", ev.ErrorText, ev.BlockedReason)
		}
	case *network.EventResponseReceived:
		if ev.Response.Status >= 400 {
			tb.add("HTTP %d for %s", ev.Response.Status, ev.Response.URL)
		}
	}
}

// sameOrigin allows the test server's origin and data: URLs, nothing else.
func (tb *tab) sameOrigin(raw string) bool {
	if strings.HasPrefix(raw, "data:") {
		return true
	}
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	return u.Scheme+"://"+u.Host == tb.site.url
}

func remoteText(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		switch {
		case a.Description != "":
			parts = append(parts, a.Description)
		case len(a.Value) > 0:
			parts = append(parts, string(a.Value))
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

// takeProblems returns and forgets what went wrong since the last call.
func (tb *tab) takeProblems() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	p := tb.problems
	tb.problems = nil
	return p
}

const actionTimeout = 30 * time.Second

// do runs actions in the tab, failing the test on error.
func (tb *tab) do(t testing.TB, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", tb.site.name, err)
	}
}

// run runs an action that returns a value in the tab, failing the test on error.
func run[T any](t testing.TB, tb *tab, action chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, action)
	if err != nil {
		t.Fatalf("%s: %v", tb.site.name, err)
	}
	return v
}

// visit loads a page of the site (path like "/dia-phuong/tra-vinh/"), waits until the
// scripts have run, and returns with the problem list reset to the page's own.
func (tb *tab) visit(t testing.TB, path string) {
	t.Helper()
	tb.takeProblems()
	tb.do(t, chromedp.Navigate(tb.site.url+path))
	// charts.js and search.js run on DOMContentLoaded; wait a frame more for layout.
	tb.eval(t, `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`, nil)
}

// eval evaluates a JavaScript expression (awaiting a promise) and decodes its JSON
// value into out, unless out is nil.
func (tb *tab) eval(t testing.TB, expr string, out any) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: evaluate %.80q: %v", tb.site.name, expr, err)
	}
	if out == nil {
		return
	}
	if err := json.Unmarshal(raw, out); err != nil {
		t.Fatalf("%s: decode %.200s: %v", tb.site.name, raw, err)
	}
}

// colorScheme emulates prefers-color-scheme: "dark", "light" or "" (no override).
func (tb *tab) colorScheme(t testing.TB, scheme string) { tb.emulate(t, "", scheme) }

// emulate sets the CSS media type ("print", or "" for screen) and prefers-color-scheme.
func (tb *tab) emulate(t testing.TB, media, scheme string) {
	t.Helper()
	params := emulation.SetEmulatedMediaParams{Media: media}
	if scheme != "" {
		params.Features = []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}
	}
	tb.do(t, chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		_, err := cdp.Call(ctx, target, emulation.SetEmulatedMedia, params)
		return err
	}))
}

// navigateBy runs an action that leads to another page (a click, Enter) and waits for
// that page to load and its scripts to run.
func (tb *tab) navigateBy(t testing.TB, action chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	defer cancel()
	if _, err := chromedp.RunResponse(ctx, action); err != nil {
		t.Fatalf("%s: %v", tb.site.name, err)
	}
	tb.eval(t, `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`, nil)
}

// sitemapURLs reads the sitemap index and returns its parts, each <loc> on its own.
func sitemapURLs(t testing.TB, s *site) string {
	t.Helper()
	index, err := os.ReadFile(filepath.Join(s.dir, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(index), "<sitemapindex") {
		t.Fatalf("%s: sitemap.xml is not a sitemap index", s.name)
	}
	var all strings.Builder
	for _, m := range regexp.MustCompile(`<loc>/([^<]+)</loc>`).FindAllStringSubmatch(string(index), -1) {
		part, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(m[1])))
		if err != nil {
			t.Fatal(err)
		}
		all.Write(part)
	}
	return all.String()
}

// pagesOf lists the HTML pages of a built site as URL paths ("/", "/en/dia-phuong/x/"),
// from its index.html files; it fails if the sitemap does not list the same pages. Embed
// pages (a chart alone, for iframes on other sites; not indexed) are left out: see
// embedsOf and embeds_test.go.
func pagesOf(t testing.TB, s *site) []string {
	t.Helper()
	var pages []string
	err := filepath.WalkDir(s.dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "index.html" {
			return err
		}
		rel, err := filepath.Rel(s.dir, filepath.Dir(p))
		if err != nil {
			return err
		}
		page := "/"
		if rel != "." {
			page = "/" + filepath.ToSlash(rel) + "/"
		}
		if !routes.IsEmbed(page) {
			pages = append(pages, page)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sitemap := sitemapURLs(t, s)
	for _, p := range pages {
		if !strings.Contains(string(sitemap), "<loc>"+p+"</loc>") {
			t.Errorf("%s: page %s is not in sitemap.xml", s.name, p)
		}
	}
	if n := strings.Count(string(sitemap), "<loc>"); n != len(pages) {
		t.Errorf("%s: sitemap.xml lists %d pages, the site has %d index.html files", s.name, n, len(pages))
	}
	if len(pages) == 0 {
		t.Fatal(errors.New("no pages"))
	}
	return pages
}
