package serve

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/covsite/covsite/internal/build"
	"github.com/covsite/covsite/internal/sitetest"
)

// repoRoot is the example site: the repository itself.
const repoRoot = "../.."

const planFile = "data/plans/tp-tra-vinh-49-kh-bcd-2023.toml"

// testServer is a Server running on a random loopback port.
type testServer struct {
	url  string
	log  *syncBuffer
	stop func() error
	srv  *Server
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func start(t testing.TB, source string) *testServer {
	t.Helper()
	return startDebounced(t, source, 20*time.Millisecond)
}

// startDebounced is start with the given debounce; 0 is serve's default.
func startDebounced(t testing.TB, source string, debounce time.Duration) *testServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	log := &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	srv := New(Options{Source: source, Log: log, Lang: "en", Debounce: debounce})
	go func() {
		done <- srv.Run(ctx, ln)
	}()
	ts := &testServer{url: "http://" + ln.Addr().String(), log: log, srv: srv}
	var once sync.Once
	var stopErr error
	ts.stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case stopErr = <-done:
			case <-time.After(10 * time.Second):
				stopErr = fmt.Errorf("Run did not return 10 s after cancel")
			}
		})
		return stopErr
	}
	t.Cleanup(func() { _ = ts.stop() })
	return ts
}

func get(t testing.TB, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// waitFor polls url until cond holds for its body, or fails after a bounded time.
func waitFor(t testing.TB, url, what string, cond func(status int, body string) bool) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		status, body := get(t, url)
		if cond(status, body) {
			return body
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not true within 10 s; last status %d, body:\n%.2000s", what, status, body)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// events opens the event stream of a tab showing path and returns its events' names.
func events(t testing.TB, base, path string) <-chan string {
	t.Helper()
	req, err := http.NewRequest("GET", base+eventsPath+"?path="+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() }) // the tab closes with the test
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("event stream has Content-Type %q", ct)
	}
	out := make(chan string, 16)
	go func() {
		defer resp.Body.Close()
		defer close(out)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if name, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				out <- name
			}
		}
	}()
	return out
}

func expectEvent(t testing.TB, ch <-chan string, want string) {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case got, ok := <-ch:
			if !ok {
				t.Fatalf("event stream closed while waiting for %q", want)
			}
			if got == want {
				return
			}
		case <-timeout:
			t.Fatalf("no %q event within 10 s", want)
		}
	}
}

func editFile(t *testing.T, name, old, new string) {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s does not contain %q", name, old)
	}
	if err := os.WriteFile(name, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestServeLoop is the press officer's loop end to end: a page is served with the reload
// script; a data change shows up and reloads the tab; a broken file shows the overlay over
// the last good page; fixing it clears the overlay.
func TestServeLoop(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	ts := start(t, site)
	page := ts.url + "/dia-phuong/tra-vinh-phuong-1/"
	body := waitFor(t, page, "ward page served", func(s int, b string) bool { return s == 200 })
	for _, want := range []string{"10.324", `src="/__covsite/reload.js"`, `href="/__covsite/serve.css"`} {
		if !strings.Contains(body, want) {
			t.Errorf("ward page lacks %q", want)
		}
	}
	if strings.Contains(body, "covsite-overlay") {
		t.Error("overlay shown although the data has no errors")
	}
	tab := events(t, ts.url, "/dia-phuong/tra-vinh-phuong-1/")
	expectEvent(t, tab, "hello")

	plan := filepath.Join(site, planFile)
	editFile(t, plan, "bhyt = 10_324", "bhyt = 10_325")
	waitFor(t, page, "changed figure served", func(s int, b string) bool { return s == 200 && strings.Contains(b, "10.325") })
	expectEvent(t, tab, "reload")

	editFile(t, plan, "bhyt = 10_325", "bhyt = 10_325\n\"<b>x</b>\" = 1")
	broken := waitFor(t, page, "overlay shown", func(s int, b string) bool { return strings.Contains(b, "covsite-overlay") })
	wantPos := planFile + ":41:1"
	for _, want := range []string{wantPos, "&lt;b&gt;x&lt;/b&gt;", "10.325", "bản dựng tốt gần nhất"} {
		if !strings.Contains(broken, want) {
			t.Errorf("page with broken data lacks %q", want)
		}
	}
	if strings.Contains(broken, "<b>x</b>") {
		t.Error("overlay does not escape the message")
	}
	expectEvent(t, tab, "reload")
	if !strings.Contains(ts.log.String(), wantPos) {
		t.Errorf("log does not name %s:\n%s", wantPos, ts.log.String())
	}

	editFile(t, plan, "\n\"<b>x</b>\" = 1", "")
	waitFor(t, page, "overlay cleared", func(s int, b string) bool { return s == 200 && !strings.Contains(b, "covsite-overlay") })
	expectEvent(t, tab, "reload")
	if err := ts.stop(); err != nil {
		t.Fatal(err)
	}
	if log := ts.log.String(); !strings.Contains(log, "ready in") || !strings.Contains(log, " ms") {
		t.Errorf("log does not report rebuild times:\n%s", log)
	}
}

// TestServeEnglishOverlay: pages under /en/ explain errors in English, the others in
// Vietnamese.
func TestServeEnglishOverlay(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	editFile(t, filepath.Join(site, planFile), "bhyt = 10_324", "bhyt = 10.324,5")
	ts := start(t, site)
	vi := waitFor(t, ts.url+"/", "vi placeholder", func(s int, b string) bool { return s == 503 })
	en := waitFor(t, ts.url+"/en/", "en placeholder", func(s int, b string) bool { return s == 503 })
	if !strings.Contains(vi, "Dữ liệu có lỗi") || !strings.Contains(vi, planFile+":40:") {
		t.Errorf("Vietnamese placeholder:\n%s", vi)
	}
	if !strings.Contains(en, "The data has errors") || !strings.Contains(en, planFile+":40:") || strings.Contains(en, "TOML không") {
		t.Errorf("English placeholder:\n%s", en)
	}
	editFile(t, filepath.Join(site, planFile), "bhyt = 10.324,5", "bhyt = 10_324")
	waitFor(t, ts.url+"/en/", "fixed", func(s int, b string) bool { return s == 200 && !strings.Contains(b, "covsite-overlay") })
}

// TestServeOnlyTheOutput: nothing outside the built site is reachable, however the path
// is written.
func TestServeOnlyTheOutput(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	secret := "SECRET-do-not-serve"
	for _, f := range []string{filepath.Join(site, "go.mod"), filepath.Join(filepath.Dir(site), "go.mod")} {
		if err := os.WriteFile(f, []byte(secret), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ts := start(t, site)
	waitFor(t, ts.url+"/", "home", func(s int, b string) bool { return s == 200 })
	for _, p := range []string{
		"/../go.mod", "/%2e%2e/go.mod", "/..%2fgo.mod", "/%2e%2e%2fgo.mod", "/..%5cgo.mod",
		"/css/../../go.mod", "/go.mod", "/data/site.toml", "/./go.mod", "//go.mod", "/..\\go.mod",
	} {
		status, body := rawGet(t, ts.url, p)
		if status == 200 || strings.Contains(body, secret) || strings.Contains(body, "base_url") {
			t.Errorf("GET %s: status %d, body %.200q", p, status, body)
		}
	}
	status, _ := get(t, ts.url+"/dia-phuong")
	if status != 200 {
		t.Errorf("/dia-phuong does not lead to /dia-phuong/: %d", status)
	}
}

// rawGet sends path exactly as written, follows one redirect if any, and returns the
// final status and body.
func rawGet(t *testing.T, base, path string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", path)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if loc := resp.Header.Get("Location"); resp.StatusCode/100 == 3 && loc != "" {
		if strings.HasPrefix(loc, "/") {
			return get(t, base+loc)
		}
		return resp.StatusCode, string(b)
	}
	return resp.StatusCode, string(b)
}

// TestServeRefusesOtherHosts guards against DNS rebinding while on loopback.
func TestServeRefusesOtherHosts(t *testing.T) {
	ts := start(t, sitetest.CopyExample(t, repoRoot))
	waitFor(t, ts.url+"/", "home", func(s int, b string) bool { return s == 200 })
	req, _ := http.NewRequest("GET", ts.url+"/", nil)
	req.Host = "attacker.example"
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("Host attacker.example: status %d, want 403", resp.StatusCode)
	}
}

// TestServeStopsCleanly: cancelling the context (Ctrl-C) stops the server even with an
// open event stream, and frees the port.
func TestServeStopsCleanly(t *testing.T) {
	ts := start(t, sitetest.CopyExample(t, repoRoot))
	waitFor(t, ts.url+"/", "home", func(s int, b string) bool { return s == 200 })
	tab := events(t, ts.url, "/")
	expectEvent(t, tab, "hello")
	// A connection opened and never used, as browsers open ahead of time: net/http counts
	// it as busy for 5 s, which must not delay the stop or make it fail.
	idle, err := net.Dial("tcp", strings.TrimPrefix(ts.url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close()
	began := time.Now()
	if err := ts.stop(); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(began); d > 3*time.Second {
		t.Errorf("stopping took %v", d)
	}
	if _, err := net.DialTimeout("tcp", strings.TrimPrefix(ts.url, "http://"), time.Second); err == nil {
		t.Error("port still accepts connections after stop")
	}
	if !strings.Contains(ts.log.String(), "stopped") {
		t.Errorf("log does not say it stopped:\n%s", ts.log.String())
	}
}

// TestBuildOutputHasNoReloadScript: the reload script and overlay exist only in serve's
// responses, never in what `covsite build` publishes.
func TestBuildOutputHasNoReloadScript(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(context.Background(), build.Options{Source: repoRoot, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	n := 0
	err := filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		n++
		for _, bad := range []string{"__covsite", "EventSource", "covsite-overlay"} {
			if bytes.Contains(b, []byte(bad)) {
				t.Errorf("%s contains %q", p, bad)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 10 {
		t.Fatalf("build wrote only %d files", n)
	}
}

func TestOutputPath(t *testing.T) {
	for in, want := range map[string]string{
		"/": "index.html", "/dia-phuong/x/": "dia-phuong/x/index.html", "/css/a.css": "css/a.css",
		"/en/": "en/index.html", "/..": "", "/../go.mod": "", "/a/../b": "", "/./a": "", "//a": "",
		"/a\\b": "", "a": "", "/a\x00": "",
	} {
		got, ok := outputPath(in)
		if got != want || ok != (want != "") {
			t.Errorf("outputPath(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestReloadScriptIsServed(t *testing.T) {
	ts := start(t, sitetest.CopyExample(t, repoRoot))
	status, body := get(t, ts.url+reloadPath)
	if status != 200 || !strings.Contains(body, "EventSource") || !strings.Contains(body, eventsPath) {
		t.Errorf("reload script: %d %.200q", status, body)
	}
	status, body = get(t, ts.url+cssPath)
	if status != 200 || !strings.Contains(body, ".covsite-overlay") {
		t.Errorf("overlay style sheet: %d %.200q", status, body)
	}
}

// TestServeReloadsOnlyChangedPages: a tab whose page renders the same after a change is
// left alone; a tab whose page changed reloads.
func TestServeReloadsOnlyChangedPages(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	ts := start(t, site)
	waitFor(t, ts.url+"/phuong-phap/", "methodology page", func(s int, b string) bool { return s == 200 })
	get(t, ts.url+"/dia-phuong/tra-vinh-phuong-1/")
	still := events(t, ts.url, "/phuong-phap/")
	moved := events(t, ts.url, "/dia-phuong/tra-vinh-phuong-1/")
	expectEvent(t, still, "hello")
	expectEvent(t, moved, "hello")
	editFile(t, filepath.Join(site, planFile), "bhyt = 10_324", "bhyt = 10_325")
	expectEvent(t, moved, "reload")
	select {
	case ev := <-still:
		t.Errorf("unchanged methodology page got %q", ev)
	case <-time.After(500 * time.Millisecond):
	}
}

// TestServeShowsDraftsMarked: serve shows a draft update, marked as one on its page and in
// the list of updates (issue 15).
func TestServeShowsDraftsMarked(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	draft := "+++\ntitle = \"Bản nháp thử\"\ndate = 2026-05-01\nsummary = \"\"\ndraft = true\n+++\n\nChưa xong.\n"
	if err := os.WriteFile(filepath.Join(site, "content/updates/2026-05-01-ban-nhap.md"), []byte(draft), 0o644); err != nil {
		t.Fatal(err)
	}
	ts := start(t, site)
	body := waitFor(t, ts.url+"/tin-tuc/ban-nhap/", "draft served", func(s int, b string) bool { return s == 200 })
	if !strings.Contains(body, `class="draft-note"`) || !strings.Contains(body, "Bản nháp — chưa đăng lên trang") {
		t.Errorf("the draft's page is not marked:\n%.1500s", body)
	}
	_, list := get(t, ts.url+"/tin-tuc/")
	if !strings.Contains(list, `Bản nháp thử</a> <span class="draft-badge">Bản nháp</span>`) {
		t.Errorf("the list does not mark the draft:\n%.3000s", list)
	}
}

// TestServeLogsEachWarningOnce: the log prints the text of every warning when it first
// appears, and not again at the next rebuild (issue 15).
func TestServeLogsEachWarningOnce(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	ts := start(t, site)
	warning := fmt.Sprintf(`data/plans/tp-tra-vinh-49-kh-bcd-2023.toml:%d:8: warning: bhyt for "tp-tra-vinh" is 108,441 but its parts add up to 102,720`,
		lineOf(t, filepath.Join(site, planFile), "bhyt = 108_441"))
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(ts.log.String(), warning); {
		if time.Now().After(deadline) {
			t.Fatalf("the log does not print the warning's text:\n%s", ts.log.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	editFile(t, filepath.Join(site, planFile), "bhyt = 10_324", "bhyt = 10_325")
	for deadline := time.Now().Add(10 * time.Second); strings.Count(ts.log.String(), "rebuilt after a change") == 0; {
		if time.Now().After(deadline) {
			t.Fatalf("no rebuild logged:\n%s", ts.log.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := ts.stop(); err != nil {
		t.Fatal(err)
	}
	log := ts.log.String()
	if n := strings.Count(log, warning); n != 1 {
		t.Errorf("the warning is printed %d times:\n%s", n, log)
	}
	// A new warning — Phường 1's target no longer adds up to the city's another way — is printed.
	if !strings.Contains(log, "102,721") {
		t.Errorf("the rebuild's new warning is not printed:\n%s", log)
	}
}

// TestOverlayShowsTheLineWithACaret: a syntax mistake's line, with a caret under it, is in
// the overlay as in covsite check, since the hint says "at the ^" (issue 15).
func TestOverlayShowsTheLineWithACaret(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	ts := start(t, site)
	page := ts.url + "/dia-phuong/tra-vinh-phuong-1/"
	waitFor(t, page, "page served", func(s int, b string) bool { return s == 200 })
	editFile(t, filepath.Join(site, planFile), "bhyt = 10_324", "bhyt = 10.324.5")
	body := waitFor(t, page, "overlay shown", func(s int, b string) bool { return strings.Contains(b, "covsite-overlay__line") })
	if !strings.Contains(body, "<pre class=\"covsite-overlay__line\">    bhyt = 10.324.5\n           ^</pre>") {
		i := strings.Index(body, "covsite-overlay__line")
		t.Errorf("no line with a caret in the overlay:\n%s", body[max(0, i-200):min(len(body), i+300)])
	}
}

// lineOf is the 1-based line of name that starts with prefix.
func lineOf(t *testing.T, name, prefix string) int {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, prefix) {
			return i + 1
		}
	}
	t.Fatalf("%s has no line %q", name, prefix)
	return 0
}
