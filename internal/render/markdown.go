package render

import (
	"bytes"
	"html"
	"html/template"
	"net/url"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/covsite/covsite/internal/i18n"
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

var linkBaseKey = parser.NewContextKey()

// linkTransformer rewrites site links ("/dia-phuong/x/") under the base path and language,
// and turns links with unsafe schemes (javascript:, data:, vbscript:) into plain text.
type linkTransformer struct{}

func (linkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	base, _ := pc.Get(linkBaseKey).(string)
	var unsafe []*ast.Link
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch link := n.(type) {
		case *ast.Link:
			dest, ok := safeDestination(string(link.Destination), base)
			if !ok {
				unsafe = append(unsafe, link)
				return ast.WalkSkipChildren, nil
			}
			link.Destination = []byte(dest)
		case *ast.AutoLink:
			if _, ok := safeDestination(string(link.URL(reader.Source())), base); !ok {
				link.Parent().ReplaceChild(link.Parent(), link, ast.NewString(link.Label(reader.Source())))
			}
		case *ast.Image:
			link.Destination = nil // the site makes no requests to other origins
		}
		return ast.WalkContinue, nil
	})
	for _, link := range unsafe {
		parent := link.Parent()
		for c := link.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, link, c)
			c = next
		}
		parent.RemoveChild(parent, link)
	}
}

// safeDestination allows site paths, fragments and http(s)/mailto links, and prefixes site
// paths with base ("/covsite/en/"). Goldmark keeps entity references in destinations and
// resolves them when it writes the page, so they are resolved here before judging:
// "javascript&colon;…" is a javascript: link.
func safeDestination(dest, base string) (string, bool) {
	d := strings.TrimSpace(html.UnescapeString(dest))
	if strings.HasPrefix(d, "#") {
		return d, true
	}
	if strings.HasPrefix(d, "/") && !strings.HasPrefix(d, "//") && !strings.Contains(d, "\\") {
		return base + strings.TrimPrefix(d, "/"), true
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
	ctx.Set(linkBaseKey, r.URL(lang, ""))
	var buf bytes.Buffer
	if err := r.markdown.Convert(src, &buf, parser.WithContext(ctx)); err != nil {
		return "", err
	}
	return template.HTML(scrollTables(buf.String(), r.langs[lang])), nil // goldmark escapes text and drops raw HTML
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
