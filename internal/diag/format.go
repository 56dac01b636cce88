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
	for _, d := range l.Items() {
		if _, err := fmt.Fprintln(w, d.Text(lang)); err != nil {
			return err
		}
		if e := d.Excerpt(); e != "" {
			if _, err := fmt.Fprintln(w, e); err != nil {
				return err
			}
		}
	}
	return nil
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
}

func writeJSON(w io.Writer, l *List, lang string) error {
	out := []jsonDiagnostic{}
	for _, d := range l.Items() {
		out = append(out, jsonDiagnostic{
			File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col,
			Severity: d.Severity.String(), Code: string(d.Code),
			Message: d.Message(lang), Hint: d.Hint(lang),
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
