package render

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	texttemplate "text/template"

	"github.com/covsite/covsite/internal/routes"
	"github.com/covsite/covsite/internal/view"
)

// A site's own layouts: layouts/locality.html or plan.html replace a compiled page, any other
// layout the theme's file of the same name. They run through html/template, so a mistake in
// one (a field that does not exist, a value empty on some page) shows when a page is
// rendered: LayoutError says where in the layout, on which page, and for a missing field
// which fields the value has; SamplePages are the pages `covsite check` renders to find
// such mistakes before a build does.

// LayoutError is a layout that stopped while a page was rendered through it.
type LayoutError struct {
	File      string // the layout's theme path: "layouts/locality.html"
	Line, Col int    // 0 when the template did not say
	Page      string // the output path of the page: "dia-phuong/ben-tre/index.html"
	// Field and Type are set for a field Type does not have; Fields then lists what Type
	// has (exported fields, then methods), when it is one of the views a layout gets.
	Field, Type string
	Fields      []string
	Problem     string // the template's own words, after its position
	Err         error
}

func (e *LayoutError) Error() string {
	where := e.File
	if e.Line > 0 {
		where += ":" + strconv.Itoa(e.Line) + ":" + strconv.Itoa(e.Col)
	}
	msg := fmt.Sprintf("%s: page %s: %s", where, e.Page, e.Problem)
	if len(e.Fields) > 0 {
		msg += " (" + e.Type + " has " + strings.Join(e.Fields, ", ") + ")"
	}
	return msg
}

func (e *LayoutError) Unwrap() error { return e.Err }

// execErrorAt matches text/template's execution errors:
// `template: locality.html:1:28: executing "main" at <.Body.Nmae>: can't evaluate …`.
var (
	execErrorAt  = regexp.MustCompile(`^template: ([^:]+):(\d+):(\d+): executing "[^"]*" at <[^>]*>: (.*)$`)
	execErrorIn  = regexp.MustCompile(`^template: ([^:]+): (.*)$`)
	missingField = regexp.MustCompile(`^can't evaluate field (\S+) in type (.+)$`)
)

// execError turns an error of executing a layout into a LayoutError when the template
// says where; other errors pass through.
func (r *Renderer) execError(err error) error {
	var exec texttemplate.ExecError
	if err == nil || !errors.As(err, &exec) {
		return err
	}
	text := exec.Error()
	le := &LayoutError{Problem: text, Err: err}
	if m := execErrorAt.FindStringSubmatch(text); m != nil {
		le.File = r.layoutFile(m[1])
		le.Line, _ = strconv.Atoi(m[2])
		le.Col, _ = strconv.Atoi(m[3])
		le.Problem = m[4]
	} else if m := execErrorIn.FindStringSubmatch(text); m != nil {
		le.File, le.Problem = r.layoutFile(m[1]), m[2]
	} else {
		le.File = "layouts/" + exec.Name
	}
	if m := missingField.FindStringSubmatch(le.Problem); m != nil {
		le.Field, le.Type = m[1], m[2]
		le.Fields = FieldsOf(m[2])
	}
	return le
}

// localityLayout and planLayout are what a site's own locality.html and plan.html get:
// the page, with .Body typed as the page's view, so that a mistake names the view's type
// (view.LocalityPage), not interface {}.
type (
	localityLayout struct {
		pageData
		Body view.LocalityPage
	}
	planLayout struct {
		pageData
		Body view.PlanPage
	}
)

// layoutData is d as a site's own layout gets it: with .Body typed when it is a view (a
// compiled page's data points to its view).
func layoutData(d pageData) any {
	switch b := d.Body.(type) {
	case *view.LocalityPage:
		return localityLayout{pageData: d, Body: *b}
	case *view.PlanPage:
		return planLayout{pageData: d, Body: *b}
	}
	return d
}

// executeOwn renders a compiled page through the site's own layout of its kind.
func (r *Renderer) executeOwn(w io.Writer, lang, layout string, d pageData) error {
	c, err := r.chromeOf(d)
	if err != nil {
		return r.execError(err)
	}
	d.Chrome = c
	return r.execError(r.layouts[lang][layout].ExecuteTemplate(w, "base.html", layoutData(d)))
}

// layoutTypes are the types a layout reaches from the page, by their names as templates
// print them ("view.LocalityPage", "*view.Card").
var layoutTypes = func() map[string]reflect.Type {
	out := map[string]reflect.Type{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || t.PkgPath() == "" {
			return
		}
		if _, seen := out[t.String()]; seen {
			return
		}
		out[t.String()], out[reflect.PointerTo(t).String()] = t, t
		for _, f := range reflect.VisibleFields(t) {
			if f.IsExported() && !strings.HasPrefix(f.Type.PkgPath(), "html/template") {
				walk(f.Type)
			}
		}
	}
	for _, v := range []any{localityLayout{}, planLayout{}} {
		walk(reflect.TypeOf(v))
	}
	return out
}()

// FieldsOf lists what a layout may write after a value of the type named (as a template
// error names it: "view.LocalityPage", "*view.Card"): its exported fields, then its methods
// that take no argument. nil for a type a layout does not get from covsite.
func FieldsOf(typeName string) []string {
	t, ok := layoutTypes[typeName]
	if !ok {
		return nil
	}
	var out []string
	for _, f := range reflect.VisibleFields(t) {
		if f.IsExported() && !f.Anonymous {
			out = append(out, f.Name)
		}
	}
	pt := reflect.PointerTo(t)
	for i := range pt.NumMethod() {
		if m := pt.Method(i); m.Type.NumIn() == 1 && m.Type.NumOut() >= 1 {
			out = append(out, m.Name)
		}
	}
	return out
}

// LayoutFields describes, in Markdown, what a site's own locality.html and plan.html get:
// the page's fields, then each view's. docs/data-format.md shows it (a test keeps the two
// the same).
func LayoutFields() string {
	var b strings.Builder
	list := func(t reflect.Type, prefix string) {
		for _, f := range reflect.VisibleFields(t) {
			if !f.IsExported() || f.Anonymous || skipField[prefix+f.Name] {
				continue
			}
			fmt.Fprintf(&b, "- `%s%s` (`%s`)", prefix, f.Name, f.Type)
			if inner := elem(f.Type); inner.Kind() == reflect.Struct && inner.PkgPath() == reflect.TypeFor[pageData]().PkgPath() {
				var names []string
				for _, g := range reflect.VisibleFields(inner) {
					names = append(names, "`."+g.Name+"`")
				}
				b.WriteString(": " + strings.Join(names, ", "))
			}
			b.WriteString("\n")
		}
	}
	b.WriteString("Every layout (`.`):\n\n")
	list(reflect.TypeFor[pageData](), ".")
	b.WriteString("\n`layouts/locality.html`: `.Body` is a `view.LocalityPage`:\n\n")
	list(reflect.TypeFor[view.LocalityPage](), ".Body.")
	b.WriteString("\n`layouts/plan.html`: `.Body` is a `view.PlanPage`:\n\n")
	list(reflect.TypeFor[view.PlanPage](), ".Body.")
	return b.String()
}

// skipField are the page's fields a layout has no use for: its own view (listed apart),
// the compiled page's main content and the chrome base.html prints.
var skipField = map[string]bool{".Body": true, ".Main": true, ".Chrome": true}

// elem is t without pointers, slices and arrays.
func elem(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
		t = t.Elem()
	}
	return t
}

// SamplePages are pages rendered through each of the layouts named (their names without
// .html: "locality", "home"; "*" for every layout, as a site's own base.html or partial
// reaches them all), a few of each: a locality of each kind (a province, a district, a
// ward …), a plan of each kind of locality, one page of every other layout. `covsite
// check` renders them to find a site layout's mistakes before a build does.
func (r *Renderer) SamplePages(layouts []string) []Page {
	want := map[string]bool{}
	for _, l := range layouts {
		want[l] = true
	}
	all := want["*"]
	has := func(layout string) bool { return all || want[layout] }
	var out []Page
	for _, lang := range r.languages() {
		if has("locality") {
			kinds := map[string]bool{}
			for _, l := range r.site.Localities {
				k := string(l.Kind) + strconv.FormatBool(l.Ended()) + strconv.FormatBool(len(l.Children) > 0)
				if !kinds[k] {
					kinds[k] = true
					out = append(out, r.localityFile(lang, l))
				}
			}
		}
		if has("plan") {
			kinds := map[string]bool{}
			for _, p := range r.site.Plans {
				k := ""
				if p.Locality != nil {
					k = string(p.Locality.Kind)
				}
				if !kinds[k] {
					kinds[k] = true
					out = append(out, r.planFile(lang, p))
				}
			}
		}
		fixed := map[string]string{"home": routes.Home, "localities": routes.Localities, "plans": routes.Plans,
			"updates": routes.Updates, "downloads": routes.Data, "404": routes.NotFound}
		var paths []string
		for layout, route := range fixed {
			if has(layout) {
				paths = append(paths, routes.File(lang, route))
			}
		}
		for _, p := range r.fixedPages(lang) {
			for _, path := range paths {
				if p.Path == path {
					out = append(out, p)
				}
			}
		}
		out = append(out, firstOf(r.documentFiles(lang), has("update"), func(p Page) bool { return isUpdate(lang, p.Path) })...)
		out = append(out, firstOf(r.documentFiles(lang), has("page"), func(p Page) bool { return !isUpdate(lang, p.Path) })...)
		out = append(out, firstOf(r.indicatorFiles(lang), has("indicator"), func(p Page) bool { return !strings.HasSuffix(p.Path, "/xep-hang/index.html") })...)
		out = append(out, firstOf(r.indicatorFiles(lang), has("ranking"), func(p Page) bool { return strings.HasSuffix(p.Path, "/xep-hang/index.html") })...)
	}
	return out
}

// firstOf is the first HTML page of pages that ok accepts, when want.
func firstOf(pages []Page, want bool, ok func(Page) bool) []Page {
	if !want {
		return nil
	}
	for _, p := range pages {
		if strings.HasSuffix(p.Path, ".html") && ok(p) {
			return []Page{p}
		}
	}
	return nil
}

// isUpdate reports whether path is an update's page.
func isUpdate(lang, path string) bool {
	return strings.HasPrefix(path, strings.TrimSuffix(routes.File(lang, routes.Updates), "index.html"))
}
