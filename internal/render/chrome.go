package render

import (
	"html/template"
	"text/template/parse"
)

// The chrome (frame.go) is rendered once per language and kind of page, with none of the
// page's own values: a site's own chrome-* template that prints {{.Title}} printed nothing.
// chromeReadsPage finds such a chrome; its language's chrome is then rendered with every
// page, and its frame never made into a skeleton (skeleton.go), so the page's values print.

// chromeParts are the templates of the chrome.
var chromeParts = []string{"chrome-head", "chrome-top", "chrome-nav", "chrome-footer"}

// chromeReadsPage reports whether a chrome template of the frame t reads one of the page's
// own values (skeleton.go's perPage: .Title, .Path, .Body, …), itself or through a
// template it calls with the page.
func chromeReadsPage(t *template.Template) bool {
	seen := map[string]bool{}
	for _, name := range chromeParts {
		if templateReadsPage(t, name, seen) {
			return true
		}
	}
	return false
}

// templateReadsPage reports whether the template name, executed with the page as dot,
// reads one of its own values.
func templateReadsPage(t *template.Template, name string, seen map[string]bool) bool {
	if seen[name] {
		return false
	}
	seen[name] = true
	tt := t.Lookup(name)
	if tt == nil || tt.Tree == nil {
		return false
	}
	r := pageReader{t: t, seen: seen}
	return r.node(tt.Tree.Root, true)
}

type pageReader struct {
	t    *template.Template
	seen map[string]bool
}

// node reports whether n reads one of the page's own values; root says dot is the page.
func (r pageReader) node(n parse.Node, root bool) bool {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return false
		}
		for _, c := range n.Nodes {
			if r.node(c, root) {
				return true
			}
		}
	case *parse.ActionNode:
		return r.pipe(n.Pipe, root)
	case *parse.IfNode:
		return r.pipe(n.Pipe, root) || r.node(n.List, root) || r.node(n.ElseList, root)
	case *parse.WithNode:
		return r.pipe(n.Pipe, root) || r.node(n.List, root && isDot(n.Pipe)) || r.node(n.ElseList, root)
	case *parse.RangeNode:
		return r.pipe(n.Pipe, root) || r.node(n.List, false) || r.node(n.ElseList, root)
	case *parse.TemplateNode:
		if n.Pipe == nil {
			return false
		}
		if root && (isDot(n.Pipe) || isRootVar(n.Pipe)) {
			return templateReadsPage(r.t, n.Name, r.seen)
		}
		return r.pipe(n.Pipe, root)
	}
	return false
}

func (r pageReader) pipe(p *parse.PipeNode, root bool) bool {
	if p == nil {
		return false
	}
	for _, c := range p.Cmds {
		for _, a := range c.Args {
			if r.arg(a, root) {
				return true
			}
		}
	}
	return false
}

func (r pageReader) arg(a parse.Node, root bool) bool {
	switch a := a.(type) {
	case *parse.FieldNode:
		return root && perPage[a.Ident[0]]
	case *parse.VariableNode:
		return a.Ident[0] == "$" && (len(a.Ident) == 1 || perPage[a.Ident[1]])
	case *parse.DotNode:
		return root // the whole page, to a function or printed
	case *parse.ChainNode:
		return r.arg(a.Node, root)
	case *parse.PipeNode:
		return r.pipe(a, root)
	}
	return false
}

// isDot reports whether p is "." alone; isRootVar whether it is "$" alone.
func isDot(p *parse.PipeNode) bool {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return false
	}
	_, ok := p.Cmds[0].Args[0].(*parse.DotNode)
	return ok
}

func isRootVar(p *parse.PipeNode) bool {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return false
	}
	v, ok := p.Cmds[0].Args[0].(*parse.VariableNode)
	return ok && len(v.Ident) == 1 && v.Ident[0] == "$"
}
