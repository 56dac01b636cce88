package render

import (
	"bytes"
	"html"
	"html/template"
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/covsite/covsite/internal/i18n"
	"github.com/covsite/covsite/internal/routes"
)

// newMarkdown returns the Markdown converter for narratives: GitHub tables, heading ids,
// no raw HTML (goldmark omits it unless told otherwise) and links made safe and site-relative.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(
		// Cell alignment as align="…", not style="…", which the CSP (style-src 'self') blocks.
		goldmark.WithExtensions(extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)), extension.Strikethrough),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(linkTransformer{}, 100)),
		),
	)
}

var siteLinkKey = parser.NewContextKey()

// siteLink makes the address of a site path a document links to ("/dia-phuong/x/",
// "/anh/bieu-do.png"): under the base path, and under the document's language unless the
// path is a file of no language (a static file, a download).
type siteLink func(path string) string

// linkTransformer rewrites site links ("/dia-phuong/x/") under the base path and language,
// turns links with unsafe schemes (javascript:, data:, vbscript:) into plain text, and
// shows an image of the site's own files; an image from anywhere else shows as its
// description, since the site makes no requests to other origins.
type linkTransformer struct{}

func (linkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	resolve, _ := pc.Get(siteLinkKey).(siteLink)
	if resolve == nil {
		resolve = func(p string) string { return p }
	}
	var unwrap []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch link := n.(type) {
		case *ast.Link:
			dest, ok := safeDestination(string(link.Destination), resolve)
			if !ok {
				unwrap = append(unwrap, link)
				return ast.WalkSkipChildren, nil
			}
			link.Destination = []byte(dest)
		case *ast.AutoLink:
			if _, ok := safeDestination(string(link.URL(reader.Source())), resolve); !ok {
				link.Parent().ReplaceChild(link.Parent(), link, ast.NewString(link.Label(reader.Source())))
			}
		case *ast.Image:
			d := strings.TrimSpace(html.UnescapeString(string(link.Destination)))
			if !sitePath(d) {
				unwrap = append(unwrap, link) // its description, as text
				return ast.WalkSkipChildren, nil
			}
			link.Destination = []byte(resolve(d))
		}
		return ast.WalkContinue, nil
	})
	for _, link := range unwrap {
		parent := link.Parent()
		for c := link.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, link, c)
			c = next
		}
		parent.RemoveChild(parent, link)
	}
}

// sitePath reports whether d is a path of the site from its root: "/anh/x.png", never
// "//host/…" or "/\\host", which browsers read as another origin.
func sitePath(d string) bool {
	return strings.HasPrefix(d, "/") && !strings.HasPrefix(d, "//") && !strings.Contains(d, "\\")
}

// safeDestination allows site paths, fragments and http(s)/mailto links, and makes site
// paths' addresses with resolve ("/covsite/en/dia-phuong/x/"). Goldmark keeps entity
// references in destinations and resolves them when it writes the page, so they are
// resolved here before judging: "javascript&colon;…" is a javascript: link.
func safeDestination(dest string, resolve siteLink) (string, bool) {
	d := strings.TrimSpace(html.UnescapeString(dest))
	if strings.HasPrefix(d, "#") {
		return d, true
	}
	if sitePath(d) {
		return resolve(d), true
	}
	u, err := url.Parse(d)
	if err != nil {
		return "", false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "mailto":
		return d, true
	case "": // a relative path; never //host, which leaves the site
		return d, u.Host == "" && !strings.HasPrefix(d, "//") && !strings.ContainsAny(d, ":\\")
	}
	return "", false
}

// renderMarkdown converts a narrative to HTML; site links are resolved for lang.
func (r *Renderer) renderMarkdown(src []byte, lang string) (template.HTML, error) {
	ctx := parser.NewContext()
	ctx.Set(siteLinkKey, siteLink(func(p string) string { return r.siteLink(lang, p) }))
	var buf bytes.Buffer
	if err := r.markdown.Convert(src, &buf, parser.WithContext(ctx)); err != nil {
		return "", err
	}
	return template.HTML(scrollTables(buf.String(), r.langs[lang])), nil // goldmark escapes text and drops raw HTML
}

// siteLink is the address of a site path ("/dia-phuong/x/", "/anh/x.png#a") that a document
// of lang links to: a page under the language's prefix, a file of no language — a static
// file of the site or theme, a download — at the site's root, so "/anh/x.png" in an English
// update is /anh/x.png, not /en/anh/x.png, where nothing is.
func (r *Renderer) siteLink(lang, dest string) string {
	route := strings.TrimPrefix(dest, "/")
	file, _, _ := strings.Cut(route, "#")
	file, _, _ = strings.Cut(file, "?")
	if r.languageFree(lang, file) {
		return r.base.Asset(route)
	}
	return r.URL(lang, route)
}

// languageFree reports whether the output file (no folder) is one of no language that
// lang's pages have no file of the same name beside: a static file, a locality's data file.
func (r *Renderer) languageFree(lang, file string) bool {
	if file == "" || strings.HasSuffix(file, "/") || !strings.Contains(path.Base(file), ".") {
		return false // a page's folder
	}
	if _, ok := r.static[file]; ok {
		return true
	}
	if routes.Prefix(lang) == "" {
		return false // the default language's paths have no prefix: the same address either way
	}
	if _, ok := r.Page(routes.Prefix(lang) + file); ok {
		return false
	}
	_, ok := r.Page(file)
	return ok
}

// scrollTables puts each table in a box that scrolls sideways on a phone and that keyboard
// users can focus to scroll, labelled "Bảng 1", "Bảng 2"…. Raw HTML is dropped, so every
// "<table>" in the output comes from a Markdown table.
func scrollTables(html string, tr *i18n.Lang) string {
	parts := strings.Split(html, "<table>")
	var b strings.Builder
	b.WriteString(parts[0])
	for i, part := range parts[1:] {
		b.WriteString(`<div class="table-scroll" tabindex="0" role="region" aria-label="` + template.HTMLEscapeString(tr.T("table.prose", i+1)) + `"><table>`)
		b.WriteString(strings.Replace(part, "</table>", "</table></div>", 1))
	}
	return b.String()
}
