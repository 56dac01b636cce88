package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"
	"text/template/parse"
	"unicode/utf8"
)

// The frame (base.html) of a compiled page is executed once per language, kind and shape of
// page — which of the page's own values are empty, how many crumbs its breadcrumb has —
// with a marker in place of each of the page's own values: a skeleton. A page is then its
// skeleton's static parts with its values written between them, instead of html/template
// walking the frame for every page (13 % of a locality page's time).
//
// That is the frame's bytes only when the frame prints the page's own values as they are
// (escaped) and decides nothing on them but whether they are empty: frameSafe checks the
// frame's templates for that, and a site's own base.html that does more is executed per
// page. Each place a value goes has the escaper html/template chose for it; which
// characters it leaves as they are is found once by executing the frame with them
// (probeSkeleton), and a value with any other character — a title with an apostrophe, an
// absolute address where the frame filters schemes — is written by executing the frame for
// that page.

// pageField is one of the page's own values the frame may print.
type pageField int

const (
	fieldTitle pageField = iota
	fieldDescription
	fieldPath
	fieldCanonical
	fieldAlternate
	fieldSwitch
	fieldOGURL
	fieldCard
	fieldTools
	fieldScripts
	fieldMain
	fieldCrumbs // then each crumb's name and URL
)

// maxCrumbs is the longest breadcrumb written through a skeleton; a longer one (deeper than
// any locality) goes through html/template.
const maxCrumbs = 8

const numFields = int(fieldCrumbs) + 2*maxCrumbs

// pageValues are a page's own values, by pageField.
type pageValues [numFields]string

func valuesOf(d pageData, n int) pageValues {
	var v pageValues
	v[fieldTitle], v[fieldDescription], v[fieldPath] = d.Title, d.Description, d.Path
	v[fieldCanonical], v[fieldAlternate], v[fieldSwitch], v[fieldOGURL] = d.Canonical, d.Alternate, d.Switch, d.OGURL
	v[fieldCard], v[fieldTools], v[fieldScripts], v[fieldMain] = d.Card, string(d.Tools), string(d.Scripts), string(d.Main)
	for i := range n {
		v[int(fieldCrumbs)+2*i], v[int(fieldCrumbs)+2*i+1] = d.Breadcrumb[i].Name, d.Breadcrumb[i].URL
	}
	return v
}

// withValues is d with its own values replaced by v.
func withValues(d pageData, v pageValues, n int) pageData {
	d.Title, d.Description, d.Path = v[fieldTitle], v[fieldDescription], v[fieldPath]
	d.Canonical, d.Alternate, d.Switch, d.OGURL = v[fieldCanonical], v[fieldAlternate], v[fieldSwitch], v[fieldOGURL]
	d.Card, d.Tools, d.Scripts, d.Main = v[fieldCard], template.JS(v[fieldTools]), template.HTML(v[fieldScripts]), template.HTML(v[fieldMain])
	d.Breadcrumb = make([]crumb, n)
	for i := range n {
		d.Breadcrumb[i] = crumb{Name: v[int(fieldCrumbs)+2*i], URL: v[int(fieldCrumbs)+2*i+1]}
	}
	d.Body = nil
	return d
}

// skeletonKey is a shape of page: its language, kind, which of its values are empty and
// how many crumbs it has.
type skeletonKey struct {
	lang, kind string
	empty      uint64
	crumbs     int
}

// A skeleton is the frame of one shape of page: parts[0], a value, parts[1], … parts[len(slots)].
type skeleton struct {
	parts []string
	slots []slot
}

// A slot is where one of the page's values goes, and what html/template's escaper there
// leaves as it is.
type slot struct {
	field pageField
	// ascii[c] is set when the escaper writes the ASCII character c as it is; nonASCII when
	// it does so for the characters beyond ASCII (but U+2028, U+2029 and U+FFFD, never
	// taken as they are); raw when it does for everything (a page's typed HTML in HTML).
	ascii           [utf8.RuneSelf]bool
	nonASCII, raw   bool
	scheme          bool // "https://" and "http://" are written as they are at its start
	occurrenceIndex int  // which of the field's places in the frame it is
}

// fits reports whether the escaper of s leaves v as it is.
func (s *slot) fits(v string) bool {
	if s.raw {
		return true
	}
	if s.scheme {
		if rest, ok := strings.CutPrefix(v, "https://"); ok {
			v = rest
		} else if rest, ok := strings.CutPrefix(v, "http://"); ok {
			v = rest
		}
	}
	for i := 0; i < len(v); {
		c := v[i]
		if c < utf8.RuneSelf {
			if !s.ascii[c] {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(v[i:])
		if !s.nonASCII || r == utf8.RuneError || r == '\u2028' || r == '\u2029' {
			return false
		}
		i += n
	}
	return true
}

// skeletons keeps each language's frame check and the skeletons made.
type skeletons struct {
	mu    sync.RWMutex
	safe  map[string]bool // by language: frameSafe of its frame
	shape map[skeletonKey]*skeleton
}

// writeFramed writes a compiled page whose main content is main through its skeleton, and
// reports false, having written nothing, when the page cannot be (frameSafe, slot.fits).
func (r *Renderer) writeFramed(w io.Writer, lang string, d pageData, main []byte) (bool, error) {
	n := len(d.Breadcrumb)
	if n > maxCrumbs || r.noSkeletons {
		return false, nil
	}
	d.Main = ""
	v := valuesOf(d, n)
	key := skeletonKey{lang: lang, kind: d.Kind, crumbs: n}
	for i, s := range v {
		if s == "" && pageField(i) != fieldMain {
			key.empty |= 1 << i
		}
	}
	sk, err := r.skeletonOf(key, d, v)
	if sk == nil || err != nil {
		return false, err
	}
	for i := range sk.slots {
		if sl := &sk.slots[i]; sl.field != fieldMain && !sl.fits(v[sl.field]) {
			return false, nil
		}
	}
	for i, part := range sk.parts {
		if _, err := io.WriteString(w, part); err != nil {
			return true, err
		}
		if i == len(sk.slots) {
			break
		}
		var err error
		if f := sk.slots[i].field; f == fieldMain {
			_, err = w.Write(main)
		} else {
			_, err = io.WriteString(w, v[f])
		}
		if err != nil {
			return true, err
		}
	}
	return true, nil
}

// skeletonOf returns the skeleton of a shape of page, made once; nil when the language's
// frame is not safe to write so.
func (r *Renderer) skeletonOf(key skeletonKey, d pageData, v pageValues) (*skeleton, error) {
	s := &r.skeletons
	s.mu.RLock()
	sk, ok := s.shape[key]
	safe, checked := s.safe[key.lang]
	s.mu.RUnlock()
	if ok {
		return sk, nil
	}
	if !checked { // a chrome rendered with every page is not the same in every page of a shape
		safe = frameSafe(r.layouts[key.lang][frameLayout]) && !r.chromePerPage[key.lang]
	}
	if safe {
		var err error
		if sk, err = r.makeSkeleton(key, d, v); err != nil {
			return nil, err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.shape == nil {
		s.shape, s.safe = map[skeletonKey]*skeleton{}, map[string]bool{}
	}
	s.safe[key.lang] = safe
	if prev, ok := s.shape[key]; ok { // another page made it meanwhile: the same
		return prev, nil
	}
	s.shape[key] = sk
	return sk, nil
}

// marker stands for the value of field f while a skeleton is made: letters and digits,
// which every escaper leaves as they are.
func marker(f int) string { return fmt.Sprintf("qzcovsite%02dqz", f) }

// makeSkeleton executes the frame with a marker for each of the page's values that is not
// empty, splits it at the markers, then finds out what each place's escaper leaves alone.
func (r *Renderer) makeSkeleton(key skeletonKey, d pageData, v pageValues) (*skeleton, error) {
	out, err := r.executeMarked(d, key, func(f int) string { return marker(f) })
	if err != nil {
		return nil, err
	}
	sk := &skeleton{}
	count := map[pageField]int{}
	for {
		i, f := nextMarker(out)
		if i < 0 {
			sk.parts = append(sk.parts, out)
			break
		}
		sk.parts = append(sk.parts, out[:i])
		sk.slots = append(sk.slots, slot{field: pageField(f), occurrenceIndex: count[pageField(f)]})
		count[pageField(f)]++
		out = out[i+len(marker(f)):]
	}
	if err := r.probeSkeleton(sk, d, key); err != nil {
		return nil, err
	}
	for _, s := range sk.slots {
		if s.field == fieldMain && !s.raw {
			return nil, nil // the frame prints the main content where it would change it
		}
	}
	return sk, nil
}

// nextMarker finds the first marker in s: its index and field, or -1.
func nextMarker(s string) (int, int) {
	for off := 0; ; {
		i := strings.Index(s[off:], "qzcovsite")
		if i < 0 {
			return -1, 0
		}
		i += off
		rest := s[i+len("qzcovsite"):]
		if len(rest) >= 4 && rest[2:4] == "qz" && isDigit(rest[0]) && isDigit(rest[1]) {
			if f := int(rest[0]-'0')*10 + int(rest[1]-'0'); f < numFields {
				return i, f
			}
		}
		off = i + 1
	}
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// probes are what each slot is tried with: every printable ASCII character and the
// controls a text may hold, some characters beyond ASCII a page's texts hold, and the
// ones escapers take apart.
var probes = func() []string {
	var ps []string
	for c := 0x20; c < 0x7f; c++ {
		ps = append(ps, string(rune(c)))
	}
	return append(ps, "\t", "\n", "\r", "ệ", "Đ", "—", "·", "“", "”", "’", "\u00a0", "∑", "≈", "\u2028", "\x00")
}()

// nonASCIIProbes are the probes beyond ASCII that stand for all of them (slot.nonASCII).
var nonASCIIProbes = []string{"ệ", "Đ", "—", "·", "“", "”", "’", "\u00a0", "∑", "≈"}

// probeSkeleton executes the frame with each value being the probes, separated, between
// two markers — all at once but the colon, which a URL's filter reads as the end of a
// scheme and which is tried alone — and with a scheme before a marker, and sets in each
// slot what its escaper writes as it is.
func (r *Renderer) probeSkeleton(sk *skeleton, d pageData, key skeletonKey) error {
	identity := map[string][]bool{} // probe → by slot
	try := func(batch []string, value func(f int) string) error {
		out, err := r.executeMarked(d, key, value)
		if err != nil {
			return err
		}
		for k, ok := range found(out, sk, batch) {
			identity[batch[k]] = ok
		}
		return nil
	}
	var batch []string
	for _, p := range probes {
		if p != ":" {
			batch = append(batch, p)
		}
	}
	if err := try(batch, func(f int) string { return marker(f) + strings.Join(batch, probeSeparator) + marker(f) }); err != nil {
		return err
	}
	if err := try([]string{":"}, func(f int) string { return marker(f) + ":" + marker(f) }); err != nil {
		return err
	}
	for _, scheme := range []string{"https://", "http://"} {
		if err := try([]string{scheme}, func(f int) string { return scheme + marker(f) + marker(f) }); err != nil {
			return err
		}
	}
	for i := range sk.slots {
		s := &sk.slots[i]
		for c := range utf8.RuneSelf {
			if ok := identity[string(rune(c))]; ok != nil {
				s.ascii[c] = ok[i]
			}
		}
		s.nonASCII = true
		for _, p := range nonASCIIProbes {
			s.nonASCII = s.nonASCII && identity[p][i]
		}
		s.raw = s.nonASCII && identity["\u2028"][i] && identity["\x00"][i]
		for c := range utf8.RuneSelf {
			if c >= 0x20 && c < 0x7f || c == '\t' || c == '\n' || c == '\r' {
				s.raw = s.raw && s.ascii[c]
			}
		}
		// only the page's typed HTML and script are trusted whole
		s.raw = s.raw && (s.field == fieldTools || s.field == fieldScripts || s.field == fieldMain)
		s.scheme = identity["https://"][i] && identity["http://"][i]
	}
	return nil
}

// probeSeparator separates the probes in a value: letters, which every escaper leaves as
// they are, and not a marker.
const probeSeparator = "qzqzq"

// found reports, for each probe of batch and each slot of sk, whether out — the frame
// executed with each value being the batch's probes, separated, between two markers, or a
// scheme before two markers — has the probe there as it is. A field whose places do not
// come back as many as in the skeleton (an escaper replaced the whole value), or a place
// whose probes do not come back as many, fails them all.
func found(out string, sk *skeleton, batch []string) [][]bool {
	scheme := len(batch) == 1 && strings.HasSuffix(batch[0], "://")
	got := map[pageField][]string{}
	for {
		i, f := nextMarker(out)
		if i < 0 {
			break
		}
		m := marker(f)
		rest := out[i+len(m):]
		j := strings.Index(rest, m)
		if j < 0 {
			break
		}
		text := rest[:j]
		if scheme {
			text = out[max(i-len(batch[0]), 0):i]
		}
		got[pageField(f)] = append(got[pageField(f)], text)
		out = rest[j+len(m):]
	}
	count := map[pageField]int{}
	for _, s := range sk.slots {
		count[s.field]++
	}
	ok := make([][]bool, len(batch))
	for k := range batch {
		ok[k] = make([]bool, len(sk.slots))
	}
	for i, s := range sk.slots {
		texts := got[s.field]
		if len(texts) != count[s.field] {
			continue
		}
		pieces := []string{texts[s.occurrenceIndex]}
		if len(batch) > 1 {
			pieces = strings.Split(pieces[0], probeSeparator)
		}
		if len(pieces) != len(batch) {
			continue
		}
		for k, p := range batch {
			ok[k][i] = pieces[k] == p
		}
	}
	return ok
}

// executeMarked executes the frame of a shape of page with value(f) for each of the page's
// values that is not empty in that shape.
func (r *Renderer) executeMarked(d pageData, key skeletonKey, value func(f int) string) (string, error) {
	var v pageValues
	for i := range numFields {
		if key.empty&(1<<i) == 0 && (i < int(fieldCrumbs)+2*key.crumbs) {
			v[i] = value(i)
		}
	}
	var b bytes.Buffer
	if err := r.execute(&b, key.lang, frameLayout, withValues(d, v, key.crumbs)); err != nil {
		return "", err
	}
	return b.String(), nil
}

// frameSafe reports whether a frame prints the page's own values as they are and decides
// nothing on them but whether they are empty, so that its skeletons are its pages: each
// value is printed alone (through html/template's escapers) or is the condition of an if
// or a with, and the breadcrumb is only ranged over; nothing else of the page is read
// (.Body, the whole page passed to a function, a value put in a variable).
func frameSafe(t *template.Template) bool {
	if t == nil || t.Lookup("base.html") == nil {
		return false
	}
	c := frameCheck{t: t, seen: map[string]bool{}}
	return c.template("base.html", dotRoot)
}

// dotKind is what dot holds where a frame's node is.
type dotKind int

const (
	dotRoot   dotKind = iota // the page (pageData)
	dotValue                 // one of the page's values
	dotCrumbs                // the breadcrumb
	dotCrumb                 // one crumb
	dotShared                // what every page of the shape has the same, or nothing
)

// perPage are pageData's fields that are the page's own.
var perPage = map[string]bool{"Title": true, "Description": true, "Path": true, "Canonical": true, "Alternate": true, "Switch": true,
	"OGURL": true, "Card": true, "Tools": true, "Scripts": true, "Main": true, "Breadcrumb": true, "Body": true}

// escapers are html/template's escapers that write a value a character at a time (each
// character as it is or as its escape), which the probes then describe.
var escapers = map[string]bool{"_html_template_htmlescaper": true, "_html_template_rcdataescaper": true, "_html_template_attrescaper": true,
	"_html_template_urlnormalizer": true, "_html_template_urlescaper": true, "_html_template_urlfilter": true,
	"_html_template_nospaceescaper": true, "_html_template_jsvalescaper": true}

type frameCheck struct {
	t    *template.Template
	seen map[string]bool
}

func (c *frameCheck) template(name string, dot dotKind) bool {
	key := fmt.Sprint(name, dot)
	if c.seen[key] {
		return true
	}
	c.seen[key] = true
	t := c.t.Lookup(name)
	if t == nil || t.Tree == nil {
		return false
	}
	return c.list(t.Tree.Root, dot)
}

func (c *frameCheck) list(l *parse.ListNode, dot dotKind) bool {
	if l == nil {
		return true
	}
	for _, n := range l.Nodes {
		if !c.node(n, dot) {
			return false
		}
	}
	return true
}

func (c *frameCheck) node(n parse.Node, dot dotKind) bool {
	switch n := n.(type) {
	case *parse.TextNode, *parse.CommentNode, *parse.BreakNode, *parse.ContinueNode:
		return true
	case *parse.ActionNode:
		return c.printed(n.Pipe, dot) || !touches(n.Pipe, dot)
	case *parse.IfNode:
		return c.condition(n.Pipe, dot) && c.list(n.List, dot) && c.list(n.ElseList, dot)
	case *parse.WithNode:
		inner, ok := c.with(n.Pipe, dot)
		return ok && c.list(n.List, inner) && c.list(n.ElseList, dot)
	case *parse.RangeNode:
		inner, ok := c.rangeOver(n.Pipe, dot)
		return ok && c.list(n.List, inner) && c.list(n.ElseList, dot)
	case *parse.TemplateNode:
		if n.Pipe == nil {
			return c.template(n.Name, dotShared)
		}
		if len(n.Pipe.Decl) == 0 && len(n.Pipe.Cmds) == 1 && len(n.Pipe.Cmds[0].Args) == 1 {
			if _, ok := n.Pipe.Cmds[0].Args[0].(*parse.DotNode); ok {
				return c.template(n.Name, dot)
			}
		}
		return !touches(n.Pipe, dot) && c.template(n.Name, dotShared)
	}
	return false
}

// value reports what a pipeline of one argument names, when it is one of the page's values,
// the breadcrumb or a crumb's field, printed or tested as it is.
func value(p *parse.PipeNode, dot dotKind) (dotKind, bool) {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) == 0 || len(p.Cmds[0].Args) != 1 {
		return 0, false
	}
	switch a := p.Cmds[0].Args[0].(type) {
	case *parse.FieldNode:
		return fieldValue(a.Ident, dot)
	case *parse.VariableNode:
		if len(a.Ident) == 2 && a.Ident[0] == "$" {
			return fieldValue(a.Ident[1:], dotRoot)
		}
	case *parse.DotNode:
		switch dot {
		case dotValue:
			return dotValue, true
		case dotCrumbs:
			return dotCrumbs, true
		}
	}
	return 0, false
}

func fieldValue(ident []string, dot dotKind) (dotKind, bool) {
	if len(ident) != 1 {
		return 0, false
	}
	switch {
	case dot == dotRoot && ident[0] == "Breadcrumb":
		return dotCrumbs, true
	case dot == dotRoot && perPage[ident[0]] && ident[0] != "Body":
		return dotValue, true
	case dot == dotCrumb && (ident[0] == "Name" || ident[0] == "URL"):
		return dotValue, true
	}
	return 0, false
}

// printed reports whether p prints one of the page's values through escapers only.
func (c *frameCheck) printed(p *parse.PipeNode, dot dotKind) bool {
	kind, ok := value(p, dot)
	if !ok || kind != dotValue {
		return false
	}
	for _, cmd := range p.Cmds[1:] {
		id, ok := cmd.Args[0].(*parse.IdentifierNode)
		if len(cmd.Args) != 1 || !ok || !escapers[id.Ident] {
			return false
		}
	}
	return true
}

func (c *frameCheck) condition(p *parse.PipeNode, dot dotKind) bool {
	if _, ok := value(p, dot); ok && len(p.Cmds) == 1 {
		return true
	}
	return !touches(p, dot)
}

func (c *frameCheck) with(p *parse.PipeNode, dot dotKind) (dotKind, bool) {
	if kind, ok := value(p, dot); ok && len(p.Cmds) == 1 {
		return kind, true
	}
	return dotShared, !touches(p, dot)
}

func (c *frameCheck) rangeOver(p *parse.PipeNode, dot dotKind) (dotKind, bool) {
	if kind, ok := value(p, dot); ok && len(p.Cmds) == 1 && kind == dotCrumbs {
		return dotCrumb, true
	}
	return dotShared, !touches(p, dot)
}

// touches reports whether a pipeline reads any of the page's own values (or the whole
// page, which could read them).
func touches(p *parse.PipeNode, dot dotKind) bool {
	if p == nil {
		return false
	}
	if len(p.Decl) > 0 && dot != dotShared {
		return true
	}
	for _, cmd := range p.Cmds {
		for _, a := range cmd.Args {
			if argTouches(a, dot) {
				return true
			}
		}
	}
	return false
}

func argTouches(a parse.Node, dot dotKind) bool {
	switch a := a.(type) {
	case *parse.DotNode:
		return dot != dotShared
	case *parse.FieldNode:
		return dot != dotShared && (dot != dotRoot || perPage[a.Ident[0]])
	case *parse.VariableNode:
		return a.Ident[0] == "$" && (len(a.Ident) == 1 || perPage[a.Ident[1]])
	case *parse.ChainNode:
		return argTouches(a.Node, dot)
	case *parse.PipeNode:
		return touches(a, dot)
	}
	return false
}
