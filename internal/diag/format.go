package diag

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Format names an output format for a list of diagnostics.
type Format string

// Output formats understood by Write.
const (
	FormatText   Format = "text"
	FormatGitHub Format = "github"
	FormatJSON   Format = "json"
)

// ParseFormat checks a --format value.
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case FormatText, FormatGitHub, FormatJSON:
		return f, nil
	}
	return "", fmt.Errorf("unknown format %q: use text, github or json", s)
}

// Write prints every diagnostic of l to w in format f and language lang.
func Write(w io.Writer, l *List, f Format, lang string) error {
	switch f {
	case FormatGitHub:
		return writeGitHub(w, l, lang)
	case FormatJSON:
		return writeJSON(w, l, lang)
	}
	return writeText(w, l, lang)
}

// writeText prints the errors first, then the warnings grouped by file, each group under a
// line naming the file. A file that also has errors says so: its warnings may only follow
// from them, and fixing the errors comes first.
func writeText(w io.Writer, l *List, lang string) error {
	items := l.Items()
	broken := map[string]bool{}
	var ew errWriter
	ew.w = w
	for _, d := range items {
		if d.Severity == Error {
			broken[d.Pos.File] = true
			ew.diagnostic(d, lang)
		}
	}
	file, first := "", true
	for i, d := range items {
		if d.Severity != Warning {
			continue
		}
		if first || d.Pos.File != file {
			file = d.Pos.File
			n := 0
			for _, e := range items[i:] {
				if e.Severity == Warning && e.Pos.File == file {
					n++
				}
			}
			if !first || len(broken) > 0 {
				ew.println("")
			}
			ew.println(warningHeader(file, n, broken[file], lang))
			first = false
		}
		ew.diagnostic(d, lang)
	}
	return ew.err
}

// warningHeader introduces the warnings of one file.
func warningHeader(file string, n int, broken bool, lang string) string {
	name := file
	if name == "" {
		name = W("toàn trang", "the site").In(lang)
	}
	count := Plural(n, "cảnh báo", "cảnh báo", lang)
	if lang == "en" {
		count = Plural(n, "warning", "warnings", lang)
	}
	h := fmt.Sprintf(W("%s ở %s:", "%s in %s:").In(lang), count, name)
	if broken {
		h = fmt.Sprintf(W("%s ở %s — tệp này còn lỗi ở trên; sửa lỗi trước, các cảnh báo này có thể hết theo:",
			"%s in %s — this file has errors above; fix them first, these may go with them:").In(lang), count, name)
	}
	return h
}

// errWriter writes lines until the first error, which it keeps.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) println(s string) {
	if e.err == nil {
		_, e.err = fmt.Fprintln(e.w, s)
	}
}

// diagnostic writes d's text and, when it has one, its source line with a caret.
func (e *errWriter) diagnostic(d Diagnostic, lang string) {
	e.println(d.Text(lang))
	if x := d.Excerpt(); x != "" {
		e.println(x)
	}
}

// writeGitHub prints GitHub Actions workflow commands, so problems appear inline on the
// commit that caused them.
func writeGitHub(w io.Writer, l *List, lang string) error {
	for _, d := range l.Items() {
		var props []string
		if d.Pos.File != "" {
			props = append(props, "file="+escapeProperty(d.Pos.File))
		}
		if d.Pos.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", d.Pos.Line))
		}
		if d.Pos.Col > 0 {
			props = append(props, fmt.Sprintf("col=%d", d.Pos.Col))
		}
		props = append(props, "title="+escapeProperty(d.Code.Title(lang)))
		msg := d.Message(lang)
		if h := d.Hint(lang); h != "" {
			msg += " — " + h
		}
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", d.Severity, strings.Join(props, ","), escapeData(msg)); err != nil {
			return err
		}
	}
	return nil
}

// escapeData and escapeProperty follow the escaping rules of GitHub's workflow commands.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

type jsonDiagnostic struct {
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
	Hint     string `json:"hint,omitempty"`
	Source   string `json:"source,omitempty"` // the line at file:line, for syntax mistakes
}

func writeJSON(w io.Writer, l *List, lang string) error {
	out := []jsonDiagnostic{}
	for _, d := range l.Items() {
		out = append(out, jsonDiagnostic{
			File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col,
			Severity: d.Severity.String(), Code: string(d.Code),
			Message: d.Message(lang), Hint: d.Hint(lang), Source: d.Source,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(map[string]any{
		"errors":      l.Count(Error),
		"warnings":    l.Count(Warning),
		"diagnostics": out,
	})
}
