package importer

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/load"
)

// number is a figure read from a cell: its value and the plain text TOML takes.
type number struct {
	V     float64
	Plain string // "1888", "29.72"
}

// plainNumber matches what a spreadsheet's raw value or a plain CSV holds: 1888, 29.72.
var plainNumber = regexp.MustCompile(`^-?\d+(\.\d+)?$`)

// blank cells hold no figure: empty, a dash, "x".
func blank(s string) bool {
	switch s {
	case "", "-", "–", "—", "x", "X", "…", "...":
		return true
	}
	return false
}

// parseCell reads a cell as a number. ok is false for a blank cell; err explains text that
// is not a number. Text follows Vietnamese conventions — dots (or spaces) between thousands,
// a decimal comma: "1.888" → 1888, "29,72" → 29.72, "1 022 552" → 1022552 — and a plain
// number such as "1888" or "29.72" is read as written. XLSX numbers are raw values already.
func parseCell(c Cell, rate bool) (number, bool, error) {
	s := strings.TrimSpace(strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(c.Text))
	if blank(s) {
		return number{}, false, nil
	}
	if c.Numeric {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return number{}, false, errNotNumber
		}
		if c.Percent && rate {
			v *= 100
		}
		return plain(v), true, nil
	}
	s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	s = strings.ReplaceAll(s, " ", "")
	if p, ok := load.VietnameseNumber(s); ok {
		s = p
	}
	if !plainNumber.MatchString(s) {
		return number{}, false, errNotNumber
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return number{}, false, errNotNumber
	}
	return number{V: v, Plain: strings.TrimPrefix(s, "+")}, true, nil
}

// inFull is a cell written as a number and its multiplier word ("12 nghìn", "1,2 triệu
// người") as the number in full, the way the office's sheets write numbers (12.000,
// 1.200.000); "" for any other cell.
func inFull(text string) string {
	p, _, ok := load.InFull(text)
	if !ok {
		return ""
	}
	v, err := strconv.ParseFloat(p, 64)
	if err != nil {
		return ""
	}
	return diag.FormatNumber(v, "vi") // as the sheet writes numbers, in either language
}

// scaled is n written in thousands (zeros 3) or millions (6) as the number in full: 12,5
// in a column "(nghìn người)" is 12500.
func scaled(n number, zeros int) number {
	p := load.ShiftPoint(n.Plain, zeros)
	v, err := strconv.ParseFloat(p, 64)
	if err != nil {
		return n
	}
	return number{V: v, Plain: p}
}

// numberAndUnit is a cell of a number and its unit, as documents print them: "1.901 người",
// "82,5 %".
var numberAndUnit = regexp.MustCompile(`^(-?[\d.,  ]*\d)\s*(?:%|` + load.UnitWords + `)$`)

// withoutUnit is the number of a cell written with its unit ("1.901 người" → "1.901"), when
// that number reads as one; "" for any other cell.
func withoutUnit(text string) string {
	m := numberAndUnit.FindStringSubmatch(strings.TrimSpace(text))
	if m == nil {
		return ""
	}
	if _, ok, err := parseCell(Cell{Text: m[1]}, false); !ok || err != nil {
		return ""
	}
	return strings.TrimSpace(m[1])
}

// plain writes v with as few digits as represent it: 1888, 29.72.
func plain(v float64) number {
	return number{V: v, Plain: strconv.FormatFloat(v, 'f', -1, 64)}
}

type importError string

func (e importError) Error() string { return string(e) }

const errNotNumber = importError("not a number")

// tomlNumber writes a number for a data file: thousands grouped with underscores.
func tomlNumber(n number) string {
	return load.Underscored(n.Plain)
}
