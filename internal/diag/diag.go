// Package diag describes problems found in a site's input: where they are (file, line,
// column), how bad they are, what is wrong and how to fix it, in Vietnamese or English.
//
// Every stage of the pipeline reports through a *List so that `covsite check` can show
// all problems at once instead of stopping at the first.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity says whether a problem stops a build.
type Severity int

const (
	// Error stops a build: the site would be wrong.
	Error Severity = iota
	// Warning is shown but does not stop a build unless --strict.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Pos is a place in an input file. Line and Col start at 1; zero means unknown. A
// national site's raw rows and model keep millions of them: int32 keeps each at 24 bytes
// (a file of more than 2^31 lines is refused long before, load.MaxFileSize).
type Pos struct {
	File string
	Line int32
	Col  int32
}

// At is the position at line and column of file.
func At(file string, line, col int) Pos { return Pos{File: file, Line: int32(line), Col: int32(col)} }

func (p Pos) String() string {
	switch {
	case p.File == "":
		return ""
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Diagnostic is one problem. Code names the message in the catalogue; Args fill it in.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Code     Code
	Args     []any
	// Source is the text of the line at Pos, when showing it helps: the text output
	// prints it under the message with a caret under Pos.Col.
	Source string
}

// Excerpt is the source line and a caret under the column, each indented by four
// spaces, or "" when the diagnostic has no source line.
func (d Diagnostic) Excerpt() string {
	if d.Source == "" {
		return ""
	}
	var pad strings.Builder
	for i, r := range []rune(d.Source) {
		if i >= int(d.Pos.Col)-1 {
			break
		}
		if r == '\t' {
			pad.WriteRune('\t')
		} else {
			pad.WriteByte(' ')
		}
	}
	return "    " + d.Source + "\n    " + pad.String() + "^"
}

// Message returns the text of the problem in the given language ("vi" or "en").
func (d Diagnostic) Message(lang string) string {
	return d.Code.format(lang, "msg", d.Args)
}

// Hint returns how to fix the problem in the given language, or "".
func (d Diagnostic) Hint(lang string) string {
	return d.Code.format(lang, "hint", d.Args)
}

// Text renders the diagnostic as "file:line:col: severity: message (hint)".
func (d Diagnostic) Text(lang string) string {
	var b strings.Builder
	if p := d.Pos.String(); p != "" {
		b.WriteString(p)
		b.WriteString(": ")
	}
	b.WriteString(severityWord(d.Severity, lang))
	b.WriteString(": ")
	b.WriteString(d.Message(lang))
	if h := d.Hint(lang); h != "" {
		b.WriteString(" — ")
		b.WriteString(h)
	}
	return b.String()
}

func severityWord(s Severity, lang string) string {
	if lang == "en" {
		return s.String()
	}
	if s == Warning {
		return "cảnh báo"
	}
	return "lỗi"
}

// List collects diagnostics. The zero value is ready to use.
type List struct {
	items []Diagnostic
}

// Add records a diagnostic.
func (l *List) Add(d Diagnostic) { l.items = append(l.items, d) }

// Errorf records an error at pos.
func (l *List) Errorf(pos Pos, code Code, args ...any) {
	l.Add(Diagnostic{Pos: pos, Severity: Error, Code: code, Args: args})
}

// Warnf records a warning at pos.
func (l *List) Warnf(pos Pos, code Code, args ...any) {
	l.Add(Diagnostic{Pos: pos, Severity: Warning, Code: code, Args: args})
}

// Merge appends all diagnostics of other.
func (l *List) Merge(other *List) {
	if other != nil {
		l.items = append(l.items, other.items...)
	}
}

// Items returns the diagnostics sorted by file, line, column and code, so output is stable.
func (l *List) Items() []Diagnostic {
	out := slices.Clone(l.items)
	slices.SortStableFunc(out, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Code, b.Code),
		)
	})
	return out
}

// echoes are the warnings that compare a figure with others: on the line of an error about
// that figure, they only repeat it in other words.
var echoes = map[Code]bool{RollupMismatch: true, ResultRollupMismatch: true}

// WithoutEchoes returns l without the warnings comparing sums on a line that also has an
// error: such a warning only repeats the error in other words (a total that is not the sum
// of its parts is then also not the sum of the children's). Other warnings on that line, a
// problem of their own, stay. l is not changed.
func (l *List) WithoutEchoes() *List {
	type line struct {
		file string
		n    int32
	}
	wrong := map[line]bool{}
	for _, d := range l.items {
		if d.Severity == Error && d.Pos.Line > 0 {
			wrong[line{d.Pos.File, d.Pos.Line}] = true
		}
	}
	if len(wrong) == 0 {
		return l
	}
	out := &List{}
	for _, d := range l.items {
		if d.Severity != Warning || !echoes[d.Code] || !wrong[line{d.Pos.File, d.Pos.Line}] {
			out.Add(d)
		}
	}
	return out
}

// Map returns a list of f of each diagnostic of l, in the same order; l is not changed.
func (l *List) Map(f func(Diagnostic) Diagnostic) *List {
	out := &List{items: make([]Diagnostic, len(l.items))}
	for i, d := range l.items {
		out.items[i] = f(d)
	}
	return out
}

// Len returns how many diagnostics there are.
func (l *List) Len() int { return len(l.items) }

// Count returns how many diagnostics have the given severity.
func (l *List) Count(s Severity) int {
	n := 0
	for _, d := range l.items {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// LinkWarnings counts the warnings about links (Code.IsLink).
func (l *List) LinkWarnings() int {
	n := 0
	for _, d := range l.items {
		if d.Severity == Warning && d.Code.IsLink() {
			n++
		}
	}
	return n
}

// HasErrors reports whether any diagnostic is an error.
func (l *List) HasErrors() bool { return l.Count(Error) > 0 }

// Err returns an error summarising the list if it holds errors, else nil.
func (l *List) Err(lang string) error {
	if !l.HasErrors() {
		return nil
	}
	return &ListError{List: l, Lang: lang}
}

// Summary counts errors and warnings: "2 lỗi, 1 cảnh báo", or "2 errors, 1 warning" in
// English. Scripts read --format json, whose counts do not depend on the language.
func (l *List) Summary(lang string) string {
	errs, warns := l.Count(Error), l.Count(Warning)
	if lang == "en" {
		return Plural(errs, "error", "errors", lang) + ", " + Plural(warns, "warning", "warnings", lang)
	}
	return fmt.Sprintf("%s lỗi, %s cảnh báo", FormatNumber(float64(errs), lang), FormatNumber(float64(warns), lang))
}

// Plural is n and the noun, one or other, as n asks in English: "1 error", "2 errors",
// "1,234 errors", the number written as lang writes it. Vietnamese nouns do not change: give
// the same word twice.
func Plural(n int, one, other, lang string) string {
	if n == 1 {
		return "1 " + one
	}
	return FormatNumber(float64(n), lang) + " " + other
}

// ListError is the error returned when input has errors; it prints every diagnostic.
type ListError struct {
	List *List
	Lang string
}

func (e *ListError) Error() string {
	var lines []string
	for _, d := range e.List.Items() {
		lines = append(lines, d.Text(e.Lang))
	}
	return strings.Join(lines, "\n")
}
