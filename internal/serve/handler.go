package serve

import (
	"bytes"
	"embed"
	"fmt"
	"mime"
	"net"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/covsite/covsite/internal/routes"
)

//go:embed assets/reload.js assets/serve.css
var assets embed.FS

// Paths of serve's own files. "__covsite" cannot be a page of a site: ids and slugs are
// lowercase letters, digits and hyphens only.
const (
	reloadPath = "/__covsite/reload.js"
	cssPath    = "/__covsite/serve.css"
	eventsPath = "/__covsite/events"
)

// Handler serves the site in memory plus serve's own script, style sheet and event stream.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+reloadPath, serveAsset("assets/reload.js", "text/javascript; charset=utf-8"))
	mux.HandleFunc("GET "+cssPath, serveAsset("assets/serve.css", "text/css; charset=utf-8"))
	mux.HandleFunc("GET "+eventsPath, s.handleEvents)
	mux.HandleFunc("/", s.handleSite)
	return s.checkHost(mux)
}

func serveAsset(name, contentType string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		b, err := assets.ReadFile(name)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", contentType)
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(b)
	}
}

// checkHost refuses requests naming another host while serving on loopback, so a web page
// elsewhere cannot read the preview through DNS rebinding.
func (s *Server) checkHost(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.loopback && !loopbackHost(r.Host) {
			http.Error(w, "covsite serve answers only to localhost", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func loopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// outputPath maps a URL path to an output file: "/" → "index.html", "/a/b/" →
// "a/b/index.html", "/css/x.css" → "css/x.css". ok is false for anything that could leave
// the output: "..", ".", empty segments, backslashes, NUL.
func outputPath(urlPath string) (string, bool) {
	if !strings.HasPrefix(urlPath, "/") || strings.ContainsAny(urlPath, "\\\x00") {
		return "", false
	}
	rel := strings.TrimPrefix(urlPath, "/")
	dir := rel == "" || strings.HasSuffix(rel, "/")
	rel = strings.TrimSuffix(rel, "/")
	if rel != "" {
		for _, seg := range strings.Split(rel, "/") {
			if seg == "" || seg == "." || seg == ".." {
				return "", false
			}
		}
	}
	switch {
	case rel == "":
		return "index.html", true
	case dir:
		return rel + "/index.html", true
	}
	return rel, true
}

// handleSite serves one file of the current build; HTML gets the reload script and, while
// the data has errors, the overlay.
func (s *Server) handleSite(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	out, ok := outputPath(r.URL.Path)
	if !ok {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	v := s.view()
	if v.gen == nil {
		s.write(w, r, http.StatusServiceUnavailable, "x.html", placeholderPage(v.fail, langOf(out), s.headTags(v.version)))
		return
	}
	e := v.gen.entry(out)
	if e == nil && !strings.HasSuffix(out, "index.html") && v.gen.has(out+"/index.html") {
		http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
		return
	}
	status := http.StatusOK
	if e == nil {
		status, out = http.StatusNotFound, notFoundPath(out)
		if e = v.gen.entry(out); e == nil {
			http.NotFound(w, r)
			return
		}
	}
	body, err := e.bytes()
	if err != nil {
		f := s.renderFailed(err)
		if good := e.lastGood(); good != nil { // the page as it was, under the overlay
			v.fail = f
			s.write(w, r, http.StatusOK, out, s.decorate(good, v, langOf(out)))
			return
		}
		s.write(w, r, http.StatusInternalServerError, "x.html", placeholderPage(f, langOf(out), s.headTags(v.version)))
		return
	}
	if path.Ext(out) == ".html" {
		body = s.decorate(body, v, langOf(out))
	}
	s.write(w, r, status, out, body)
}

// notFoundPath is the 404 page of the language of out.
func notFoundPath(out string) string { return routes.NotFoundFile(out) }

// langOf is the language of an output path: English under en/, else Vietnamese.
func langOf(out string) string { return routes.LangOf(out) }

// headTags are the serve-only tags put before </head>: the overlay's style sheet and the
// reload script, both same-origin so the pages' Content-Security-Policy allows them.
func (s *Server) headTags(version uint64) string {
	return fmt.Sprintf(`<link rel="stylesheet" href="%s"><script defer src="%s" data-version="%d"></script>`,
		cssPath, reloadPath, version)
}

// decorate adds the head tags and, when the latest rebuild failed, the overlay right after
// <body>.
func (s *Server) decorate(page []byte, v view, lang string) []byte {
	out := insertBefore(page, []byte("</head>"), []byte(s.headTags(v.version)))
	if v.fail != nil {
		out = insertAfterBodyTag(out, overlayHTML(v.fail, lang, true))
	}
	return out
}

// insertBefore returns page with add inserted before the first marker, or at the start.
func insertBefore(page, marker, add []byte) []byte {
	i := bytes.Index(page, marker)
	if i < 0 {
		i = 0
	}
	return splice(page, i, add)
}

// insertAfterBodyTag returns page with add inserted right after the <body …> tag, or at
// the end.
func insertAfterBodyTag(page, add []byte) []byte {
	i := bytes.Index(page, []byte("<body"))
	if i >= 0 {
		if j := bytes.IndexByte(page[i:], '>'); j >= 0 {
			return splice(page, i+j+1, add)
		}
	}
	return splice(page, len(page), add)
}

func splice(page []byte, at int, add []byte) []byte {
	out := make([]byte, 0, len(page)+len(add))
	out = append(out, page[:at]...)
	out = append(out, add...)
	return append(out, page[at:]...)
}

// write sends body with the content type of name; nothing is cached, so a reload always
// shows the latest build.
func (s *Server) write(w http.ResponseWriter, r *http.Request, status int, name string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType(name))
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	if status == http.StatusOK {
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(body))
		return
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".csv":
		return "text/csv; charset=utf-8"
	case ".json":
		return "application/json; charset=utf-8"
	case ".xml":
		return "application/xml; charset=utf-8"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}
