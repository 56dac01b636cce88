package load

import (
	"bytes"
	"html"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/textutil"
)

// normaliseBody returns a Markdown body in NFC, warning at the first line that was not.
func normaliseBody(doc *Document, diags *diag.List) {
	nfc, changed := textutil.NFC(string(doc.Body))
	if !changed {
		return
	}
	for i, line := range strings.Split(string(doc.Body), "\n") {
		if fixed, lineChanged := textutil.NFC(line); lineChanged {
			diags.Warnf(diag.At(doc.Pos.File, doc.BodyLine+i, 1), diag.NotNFC, snippet(fixed))
			break
		}
	}
	doc.Body = []byte(nfc)
}

// checkBody reports what the site will not show of a Markdown body as written: raw HTML,
// which is dropped (a warning), and links to anything but http(s), mailto and site paths
// (an error): javascript:, data:, vbscript:, and //host, which leaves the site.
func checkBody(doc Document, diags *diag.List) {
	src := doc.Body
	root := parseBody(src)
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		at := func() diag.Pos { return bodyPos(doc, nodeOffset(n)) }
		switch n := n.(type) {
		case *ast.Link:
			if UnsafeLink(string(n.Destination)) {
				diags.Errorf(at(), diag.UnsafeLink, snippet(string(n.Destination)))
			}
		case *ast.AutoLink:
			if u := string(n.URL(src)); UnsafeLink(u) {
				diags.Errorf(at(), diag.UnsafeLink, snippet(u))
			}
		case *ast.Image:
			if d := strings.TrimSpace(html.UnescapeString(string(n.Destination))); !strings.HasPrefix(d, "/") || strings.HasPrefix(d, "//") || strings.Contains(d, "\\") {
				diags.Warnf(at(), diag.ImageElsewhere, snippet(d))
			}
		case *ast.RawHTML:
			if html := string(n.Segments.Value(src)); !strings.HasPrefix(html, "</") { // a closing tag: its opening was reported
				diags.Warnf(at(), diag.RawHTML, snippet(html))
			}
		case *ast.HTMLBlock:
			diags.Warnf(at(), diag.RawHTML, snippet(string(n.Lines().Value(src))))
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// parseBody parses a Markdown body with the extensions the renderer uses (tables,
// strikethrough), for the checks that read its links and HTML.
func parseBody(body []byte) ast.Node {
	md := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))
	return md.Parser().Parse(text.NewReader(body))
}

// nodeOffset is where n starts in the body, or -1.
func nodeOffset(n ast.Node) int {
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	if raw, ok := n.(*ast.RawHTML); ok && raw.Segments.Len() > 0 {
		return raw.Segments.At(0).Start
	}
	return n.Pos()
}

// bodyPos turns a byte offset of a document's body into a position in its file.
func bodyPos(doc Document, off int) diag.Pos { return posIn(doc.Pos.File, doc.Body, doc.BodyLine, off) }

// posIn turns a byte offset of a Markdown body that starts at line bodyLine of file into
// a position in the file.
func posIn(file string, body []byte, bodyLine, off int) diag.Pos {
	if off < 0 || off > len(body) {
		return diag.At(file, bodyLine, 1)
	}
	before := body[:off]
	line := bodyLine + bytes.Count(before, []byte("\n"))
	col := utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
	return diag.At(file, line, col)
}

// A SiteLink is a link of a Markdown body to a page or file of the site itself, as written
// ("/dia-phuong/tra-vinh/", "../phuong-1/"), at its position.
type SiteLink struct {
	Dest string
	Pos  diag.Pos
}

// SiteLinks lists the links of a Markdown body (starting at line bodyLine of file) that
// stay on the site — a site path or a relative one, not a #fragment of the same page, not
// http(s) or mailto — for a check that each leads to a page once the pages are known.
func SiteLinks(file string, body []byte, bodyLine int) []SiteLink {
	root := parseBody(body)
	var out []SiteLink
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		var dest string
		switch n := n.(type) {
		case *ast.Link:
			dest = string(n.Destination)
		case *ast.Image:
			dest = string(n.Destination)
		}
		if entering && dest != "" && onSite(dest) {
			out = append(out, SiteLink{Dest: dest, Pos: posIn(file, body, bodyLine, nodeOffset(n))})
		}
		return ast.WalkContinue, nil
	})
	return out
}

// onSite reports whether a link destination UnsafeLink accepts names a path of the site.
func onSite(dest string) bool {
	d := strings.TrimSpace(html.UnescapeString(dest))
	if d == "" || strings.HasPrefix(d, "#") || UnsafeLink(d) {
		return false
	}
	u, err := url.Parse(d)
	return err == nil && u.Scheme == "" && u.Host == ""
}

// snippet shortens s to one line of at most 60 characters for a message.
func snippet(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if r := []rune(s); len(r) > 60 {
		return string(r[:59]) + "…"
	}
	return s
}

// UnsafeLink reports whether a Markdown link destination is refused: anything but a site
// path, a fragment, or an http, https or mailto URL — a scheme-relative //host (or /\host,
// which browsers read the same) is refused too. It agrees with the renderer's rule, so
// every link it accepts is kept and every link it rejects is dropped.
func UnsafeLink(dest string) bool {
	d := strings.TrimSpace(html.UnescapeString(dest))
	if strings.HasPrefix(d, "#") || strings.HasPrefix(d, "/") && !strings.HasPrefix(d, "//") && !strings.Contains(d, "\\") {
		return false
	}
	u, err := url.Parse(d)
	if err != nil {
		return true
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "mailto":
		return false
	case "":
		return u.Host != "" || strings.HasPrefix(d, "//") || strings.ContainsAny(d, ":\\")
	}
	return true
}
