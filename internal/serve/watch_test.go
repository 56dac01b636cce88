package serve

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/covsite/covsite/internal/sitetest"
)

// withTheme gives the site copy the default theme's sources under themes/default, as a
// clone of the repository has them, so serve reads the theme from disk.
func withTheme(t *testing.T, site string) {
	t.Helper()
	for _, dir := range []string{"layouts", "static", "i18n", "maps", "fonts"} {
		from := filepath.Join(repoRoot, "themes", "default", dir)
		if err := os.CopyFS(filepath.Join(site, "themes", "default", dir), os.DirFS(from)); err != nil {
			t.Fatal(err)
		}
	}
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

const pageOverride = `{{define "main"}}<article class="prose"><p id="override">ghi đè một</p>{{.Body.HTML}}</article>{{end}}`

// TestServeWatchesThemeLayoutsAndStatic: besides data/ and content/, serve rebuilds when
// the site's own layouts/ (a page layout overriding the theme's) or static/ change — static/
// even when it appears only after serve started — and when the theme's strings, layouts or
// style sheet under themes/default change.
func TestServeWatchesThemeLayoutsAndStatic(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	withTheme(t, site)
	writeFile(t, filepath.Join(site, "layouts", "page.html"), pageOverride)
	ts := start(t, site)
	about := ts.url + "/gioi-thieu/"
	waitFor(t, about, "the site's layout override used", func(s int, b string) bool {
		return s == 200 && strings.Contains(b, "ghi đè một")
	})

	editFile(t, filepath.Join(site, "layouts", "page.html"), "ghi đè một", "ghi đè hai")
	waitFor(t, about, "edited layouts/page.html", func(s int, b string) bool { return s == 200 && strings.Contains(b, "ghi đè hai") })
	// the log says a layout changed, not that results were linked again (no data file did)
	line := logLine(t, ts, "after a change to layouts/page.html")
	if !strings.Contains(line, "data files changed: 0;") || strings.Contains(line, "linked again") {
		t.Errorf("after a layout edit the log says %q", line)
	}

	note := filepath.Join(site, "static", "ghi-chu", "thu.txt") // static/ did not exist at start
	writeFile(t, note, "bản một\n")
	waitFor(t, ts.url+"/ghi-chu/thu.txt", "new static/ file", func(s int, b string) bool { return s == 200 && b == "bản một\n" })
	writeFile(t, note, "bản hai\n")
	waitFor(t, ts.url+"/ghi-chu/thu.txt", "edited static/ file", func(s int, b string) bool { return s == 200 && b == "bản hai\n" })

	theme := filepath.Join(site, "themes", "default")
	editFile(t, filepath.Join(theme, "i18n", "vi.toml"), `"footer.generator" = "`, `"footer.generator" = "Chuỗi đã sửa. `)
	waitFor(t, ts.url+"/", "edited themes/default/i18n/vi.toml", func(s int, b string) bool {
		return s == 200 && strings.Contains(b, "Chuỗi đã sửa.")
	})

	editFile(t, filepath.Join(theme, "layouts", "base.html"), `<footer class="site-footer">`, `<footer class="site-footer" data-edited="base">`)
	waitFor(t, ts.url+"/", "edited themes/default/layouts/base.html", func(s int, b string) bool {
		return s == 200 && strings.Contains(b, `data-edited="base"`)
	})

	_, home := get(t, ts.url+"/")
	oldCSS := regexp.MustCompile(`css/site\.[0-9a-f]+\.css`).FindString(home)
	if oldCSS == "" {
		t.Fatalf("home links no fingerprinted style sheet:\n%.2000s", home)
	}
	css := filepath.Join(theme, "static", "css", "site.css")
	b, err := os.ReadFile(css)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, css, string(b)+"\n.serve-test { color: red; }\n")
	body := waitFor(t, ts.url+"/", "edited themes/default/static/css/site.css", func(s int, b string) bool {
		return s == 200 && !strings.Contains(b, oldCSS) && strings.Contains(b, "css/site.")
	})
	newCSS := regexp.MustCompile(`/css/site\.[0-9a-f]+\.css`).FindString(body)
	if _, got := get(t, ts.url+newCSS); !strings.Contains(got, ".serve-test") {
		t.Errorf("%s does not hold the edited style sheet", newCSS)
	}
}

// TestServeLogsTheSavedFile: an editor that saves by writing a temporary file and renaming
// it over the real one (sed -i, many IDEs) is logged under the real file's name.
func TestServeLogsTheSavedFile(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	ts := start(t, site)
	page := ts.url + "/dia-phuong/tra-vinh-phuong-1/"
	waitFor(t, page, "ward page", func(s int, b string) bool { return s == 200 })
	plan := filepath.Join(site, planFile)
	saveByRename := func(old, new string) {
		t.Helper()
		b, err := os.ReadFile(plan)
		if err != nil {
			t.Fatal(err)
		}
		tmp := filepath.Join(filepath.Dir(plan), "sede2SAoT")
		writeFile(t, tmp, strings.Replace(string(b), old, new, 1))
		if err := os.Rename(tmp, plan); err != nil {
			t.Fatal(err)
		}
	}
	saveByRename("bhyt = 10_324", "bhyt = 10_325")
	waitFor(t, page, "figure saved by rename", func(s int, b string) bool { return s == 200 && strings.Contains(b, "10.325") })
	saveByRename("bhyt = 10_325", "bhyt = 10.325,5")
	waitFor(t, page, "overlay after a broken save by rename", func(s int, b string) bool { return strings.Contains(b, "covsite-overlay") })
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(ts.log.String(), "errors: 1, after a change to") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	log := ts.log.String()
	for _, want := range []string{"rebuilt after a change to " + planFile + ":", "errors: 1, after a change to " + planFile + " "} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
	if strings.Contains(log, "sede2SAoT") {
		t.Errorf("log names the editor's temporary file:\n%s", log)
	}
}

// allInterfaces is a loopback listener that reports the address of one listening on every
// interface, as `serve --bind 0.0.0.0` gets, without opening the test to the network.
type allInterfaces struct{ net.Listener }

func (l allInterfaces) Addr() net.Addr {
	a := *l.Listener.Addr().(*net.TCPAddr)
	a.IP = net.IPv6unspecified
	return &a
}

// TestServeSaysWhereToOpenOnAllInterfaces: bound to every interface, serve does not print
// http://[::]:PORT/ but says so and gives an address this computer's browser can open.
func TestServeSaysWhereToOpenOnAllInterfaces(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ctx, cancel := context.WithCancel(context.Background())
	log := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- New(Options{Source: sitetest.CopyExample(t, repoRoot), Log: log, Lang: "en"}).Run(ctx, allInterfaces{ln})
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(log.String(), "serving") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	line := log.String()
	url := regexp.MustCompile(`http://\S+/`).FindString(line)
	if strings.Contains(line, "[::]") || strings.Contains(line, "0.0.0.0") || !strings.Contains(line, "all network interfaces") ||
		url != "http://127.0.0.1:"+strconv.Itoa(port)+"/" {
		t.Fatalf("serving line: %q (URL %q)", line, url)
	}
	waitFor(t, url, "home at the printed address", func(s int, b string) bool { return s == 200 })
}

// logLine waits for the line of serve's log that holds substr and returns it.
func logLine(t *testing.T, ts *testServer, substr string) string {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; {
		for _, line := range strings.Split(ts.log.String(), "\n") {
			if strings.Contains(line, substr) {
				return line
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no line of the log says %q:\n%s", substr, ts.log.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}
