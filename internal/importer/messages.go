package importer

import (
	"strings"

	"github.com/covsite/covsite/internal/diag"
)

// Problem is something wrong with the table or the request, in the language asked for.
type Problem struct {
	Where   string // file:row:col, or "" when it concerns the whole import
	Message string
	Hint    string

	unknownName bool // a row's name matches no locality: what SkipUnknown lets through
	mismatch    bool // a total or subtotal that is not the sum of its rows
}

// Text is "where: message — hint".
func (p Problem) Text() string {
	var b strings.Builder
	if p.Where != "" {
		b.WriteString(p.Where + ": ")
	}
	b.WriteString(p.Message)
	if p.Hint != "" {
		b.WriteString(" — " + p.Hint)
	}
	return b.String()
}

// Problems is the error of an import that wrote nothing: every reason, one per line.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Text()
	}
	return strings.Join(lines, "\n")
}

// human writes a number the way readers of lang do: 15.647 and 29,72 in Vietnamese,
// 15,647 and 29.72 in English.
func human(v float64, lang string) string { return diag.FormatNumber(v, lang) }
