package build

import (
	"bytes"
	"io/fs"
	"text/template/parse"

	"github.com/covsite/covsite/internal/diag"
)

// customCSS is a site's own style sheet, linked by the theme's frame after its own
// ({{template "custom-css"}}, partials/custom-css.html).
const customCSS = "static/css/custom.css"

// checkCustomCSS warns when a site has its own custom.css and its own frame,
// layouts/base.html, that never links it: a base.html copied from an older theme, or
// written whole, leaves out {{template "custom-css"}}, and the site's colours silently do
// not apply. The warning is at the frame's </head> (else its start), where the line goes.
func checkCustomCSS(theme fs.FS, diags *diag.List) {
	own := ownLayer(theme)
	if own == nil {
		return
	}
	if _, err := fs.Stat(own, customCSS); err != nil {
		return
	}
	const frame = "layouts/base.html"
	src, err := fs.ReadFile(own, frame)
	if err != nil {
		return // the theme's frame links it
	}
	trees := map[string]*parse.Tree{}
	for _, name := range ownLayouts(own) {
		b, err := fs.ReadFile(own, name)
		if err != nil {
			continue
		}
		t := parse.New(name)
		t.Mode = parse.SkipFuncCheck
		if _, err := t.Parse(string(b), "", "", trees); err != nil && name == frame {
			return // reported by render.New
		}
	}
	// The frame's file parses into a tree of its name and the templates it defines.
	if callsTemplate(trees, frame, "custom-css", map[string]bool{}) {
		return
	}
	line, col := 1, 1
	if i := bytes.Index(src, []byte("</head>")); i >= 0 {
		line, col = lineCol(src, i)
	}
	diags.Warnf(diag.At(frame, line, col), diag.CustomCSSUnlinked, customCSS)
}

// callsTemplate reports whether the template name, among trees, calls want, itself or
// through the templates it calls that trees define (the theme's other templates do not
// link the site's style sheet).
func callsTemplate(trees map[string]*parse.Tree, name, want string, seen map[string]bool) bool {
	if seen[name] {
		return false
	}
	seen[name] = true
	t := trees[name]
	if t == nil {
		return false
	}
	found := false
	var walk func(parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.IfNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.TemplateNode:
			found = found || n.Name == want || callsTemplate(trees, n.Name, want, seen)
		}
	}
	walk(t.Root)
	return found
}
