package browsertest

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
)

// TestNotFoundAnywhere: a host serves the site's 404.html for any missing address, at any
// depth, with status 404 (GitHub Pages does). There the page is styled, its search finds a
// locality and leads to it, and its language switch leads to the English 404 page: its
// links do not depend on where it is served.
func TestNotFoundAnywhere(t *testing.T) {
	browser(t)
	files := http.FileServer(http.Dir(example.dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f := filepath.Join(example.dir, filepath.FromSlash(path.Clean("/"+r.URL.Path)))
		if fi, err := os.Stat(f); err == nil && fi.IsDir() {
			f = filepath.Join(f, "index.html")
		}
		if _, err := os.Stat(f); err != nil {
			b, err := os.ReadFile(filepath.Join(example.dir, "404.html"))
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			w.Write(b)
			return
		}
		files.ServeHTTP(w, r)
	}))
	defer srv.Close()
	s := &site{name: "404 anywhere", source: example.source, dir: example.dir, url: srv.URL}
	want := loadStrings(t, "vi")["404.title"]
	tb := openTab(t, s, phoneWidth, phoneHeight)
	for _, p := range []string{"/khong-co", "/dia-phuong/khong-co/", "/en/ke-hoach/a/b/c.html"} {
		tb.visit(t, p)
		for _, problem := range tb.takeProblems() {
			if !strings.Contains(problem, srv.URL+p) || !strings.Contains(problem, "404") {
				t.Errorf("%s: %s", p, problem)
			}
		}
		var v struct {
			H1     string `json:"h1"`
			Styled bool   `json:"styled"`
			Switch string `json:"switch"`
		}
		tb.eval(t, `(() => ({
		  h1: document.querySelector('h1').textContent.trim(),
		  styled: getComputedStyle(document.querySelector('.site-header')).borderBottomStyle === 'solid',
		  switch: document.querySelector('.lang-switch').href,
		}))()`, &v)
		if v.H1 != want || !v.Styled {
			t.Errorf("%s: h1 %q (want %q), stylesheet applied: %v", p, v.H1, want, v.Styled)
		}
		if v.Switch != srv.URL+"/en/404.html" {
			t.Errorf("%s: the language switch leads to %s, want %s", p, v.Switch, srv.URL+"/en/404.html")
		}
		hits := tb.typeSearch(t, "phuong 1")
		if len(hits) == 0 || hits[0].Href != "/dia-phuong/tra-vinh-phuong-1/" {
			t.Errorf("%s: searching %q lists %+v, want /dia-phuong/tra-vinh-phuong-1/ first", p, "phuong 1", hits)
			continue
		}
		tb.navigateBy(t, pressEnter)
		var at string
		tb.eval(t, `location.pathname`, &at)
		if at != "/dia-phuong/tra-vinh-phuong-1/" {
			t.Errorf("%s: Enter in the search box opened %s", p, at)
		}
		for _, problem := range tb.takeProblems() {
			t.Errorf("%s, then the locality: %s", p, problem)
		}
	}
}
