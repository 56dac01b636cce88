package render

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strconv"

	"github.com/BurntSushi/toml"

	"github.com/covsite/covsite/internal/i18n"
)

// ThemeError is a mistake in a theme file — a layout that does not parse, a strings file
// that is not valid TOML — at a position in that file, so `covsite check` can point at it.
// The file is the theme path ("layouts/plan.html"); a site's own file of that name
// overrides the theme's, so it is usually the site's.
type ThemeError struct {
	File      string
	Line, Col int
	Message   string
	Err       error  // what the message was made of, when it is not the message alone
	Where     string // the file where an escaping mistake surfaced, when it is not File
}

func (e *ThemeError) Unwrap() error { return e.Err }

func (e *ThemeError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Message)
}

// parseErrorAt matches text/template's parse errors: "template: plan.html:12: message".
var parseErrorAt = regexp.MustCompile(`^template: ([^:]+):(\d+):(?:(\d+):)? (.*)$`)

// layoutError turns an error from parsing or escaping the layouts into a ThemeError when
// it names a file and line; other errors pass through.
func (r *Renderer) layoutError(err error) error {
	var escape *template.Error
	if errors.As(err, &escape) && escape.Name != "" {
		return &ThemeError{File: r.layoutFile(escape.Name), Line: escape.Line, Message: escape.Description, Err: escape}
	}
	m := parseErrorAt.FindStringSubmatch(err.Error())
	if m == nil {
		return err
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	return &ThemeError{File: r.layoutFile(m[1]), Line: line, Col: col, Message: m[4]}
}

// escapeError reports a layout that html/template cannot escape. The mistake (an unclosed
// quote, say) is usually in the layout yet may surface in base.html, which wraps it: the
// error then points at the layout and names the file where it surfaced.
func (r *Renderer) escapeError(layout string, err error) error {
	var escape *template.Error
	if !errors.As(err, &escape) {
		return err
	}
	if escape.Name == layout {
		return &ThemeError{File: r.layoutFile(layout), Line: escape.Line, Message: escape.Description, Err: escape}
	}
	where := r.layoutFile(escape.Name)
	if escape.Line > 0 {
		where += ":" + strconv.Itoa(escape.Line)
	}
	return &ThemeError{File: r.layoutFile(layout), Message: escape.Description + " (html/template, at " + where + ")", Err: escape, Where: where}
}

// layoutFile is the theme path of a template file name: a layout or a partial.
func (r *Renderer) layoutFile(name string) string {
	if _, err := fs.Stat(r.theme, "layouts/partials/"+name); err == nil {
		return "layouts/partials/" + name
	}
	return "layouts/" + name
}

// LayoutFuncs are the names of the functions a site's own layouts can call, sorted: what
// `covsite check` offers for a function a layout calls that does not exist.
func LayoutFuncs() []string {
	names := slices.Collect(maps.Keys((&Renderer{}).funcs(i18n.New("vi", nil))))
	slices.Sort(names)
	return names
}

// stringsError turns a TOML error in a strings file into a ThemeError.
func stringsError(err error) error {
	var fe *i18n.FileError
	var pe toml.ParseError
	var ve *i18n.ValueError
	switch {
	case errors.As(err, &fe) && errors.As(err, &pe):
		return &ThemeError{File: fe.File, Line: pe.Position.Line, Col: pe.Position.Col, Message: pe.Message, Err: err}
	case errors.As(err, &fe) && errors.As(err, &ve):
		return &ThemeError{File: fe.File, Line: ve.Line, Col: ve.Col, Message: ve.Error(), Err: err}
	}
	return err
}

// escapeAll runs html/template's contextual escaping of every layout now, so a layout
// that cannot be escaped safely (an unclosed attribute, a value in a script) is reported
// before any page renders. Executing with no data fails at the first field, after the
// escaping; only escaping errors count here.
func escapeAll(t *template.Template) error {
	err := t.ExecuteTemplate(io.Discard, "base.html", nil)
	var escape *template.Error
	if errors.As(err, &escape) {
		return err
	}
	return nil
}
