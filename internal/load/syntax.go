package load

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/textutil"
)

// reportSyntax turns a TOML parse error into a diagnostic with line and column. It explains
// the mistakes people make when they type figures from a Vietnamese document — 1.022.552,
// 80,58, 30/6/2023, dates that do not exist, text without quotes — in their own words, and
// falls back to the parser's message for anything else.
func reportSyntax(name string, src []byte, err error, diags *diag.List) {
	var perr toml.ParseError
	if !errors.As(err, &perr) {
		vi, en, _ := translateTOML(err.Error())
		diags.Errorf(diag.Pos{File: name, Line: 1, Col: 1}, diag.TOMLSyntax, diag.W(vi, en))
		return
	}
	var found diag.List
	explainSyntax(name, src, perr, &found)
	for _, d := range found.Items() { // each with its line, a caret under the mistake
		d.Source = lineText(src, int(d.Pos.Line))
		diags.Add(d)
	}
}

// explainSyntax is reportSyntax for a parse error of the parser.
func explainSyntax(name string, src []byte, perr toml.ParseError, diags *diag.List) {
	line, col := errorPlace(src, perr.Position)
	at := func(col int) diag.Pos { return diag.At(name, line, col) }
	text := lineText(src, line)
	if v, ok := findValueMistake(text); ok {
		v.report(at(v.col+1), diags)
		return
	}
	token := errorToken(src, perr.Position)
	switch {
	case strings.HasPrefix(perr.Message, "invalid datetime"):
		reportBadDate(at(col), token, diags)
	case strings.HasSuffix(perr.Message, "has already been defined."):
		diags.Errorf(at(col), diag.DuplicateKey, lastKey(quotedIn(perr.Message)))
	case strings.HasPrefix(perr.Message, "expected value but found"):
		reportBareValue(at(col), lastKey(perr.LastKey), restOfLine(src, perr.Position.Start), diags)
	default:
		vi, en, _ := translateTOML(perr.Message)
		diags.Errorf(at(col), diag.TOMLSyntax, diag.W(vi, en))
	}
}

// errorPlace is the line and column of a parse error, from its byte offset when that lies
// in the file (the parser's line number can be off by one at the end of the file), else the
// start of the reported line, kept within the file.
func errorPlace(src []byte, p toml.Position) (line, col int) {
	if p.Start >= 0 && p.Start <= len(src) {
		off := p.Start
		for off > 0 && off < len(src) && !utf8.RuneStart(src[off]) {
			off--
		}
		return bytes.Count(src[:off], []byte("\n")) + 1, runeCol(src, off)
	}
	n := bytes.Count(src, []byte("\n")) + 1
	return max(1, min(p.Line, n)), 1
}

// errorToken is the source text the parser complained about.
func errorToken(src []byte, p toml.Position) string {
	start, end := p.Start, p.Start+p.Len
	if start < 0 || end > len(src) || start > end {
		return ""
	}
	return string(src[start:end])
}

// quotedIn returns the text between the first pair of single quotes of msg.
func quotedIn(msg string) string {
	_, rest, ok := strings.Cut(msg, "'")
	if !ok {
		return msg
	}
	key, _, _ := strings.Cut(rest, "'")
	return key
}

// lastKey is the last part of a dotted key path.
func lastKey(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[i+1:]
	}
	return path
}

// restOfLine is the text from off to the end of its line, without a trailing comment.
func restOfLine(src []byte, off int) string {
	if off < 0 || off > len(src) {
		return ""
	}
	rest, _, _ := strings.Cut(string(src[off:]), "\n")
	if i := strings.Index(rest, " #"); i >= 0 {
		rest = rest[:i]
	}
	return strings.TrimSpace(rest)
}

// reportBareValue explains a value TOML cannot read at all: nothing after "=", or text
// without quotes (name = Trà Vinh).
func reportBareValue(pos diag.Pos, key, value string, diags *diag.List) {
	if value == "" {
		diags.Errorf(pos, diag.EmptyValue, key)
		return
	}
	if !textKeys[key] && !dateKeys[key] {
		// A figure (bhyt = nhiều): quotes would only lead to the next error.
		diags.Errorf(pos, diag.TextForNumber, key, value)
		return
	}
	// A value that lost only its opening quote (title = Báo cáo 2026") keeps its closing one.
	diags.Errorf(pos, diag.UnquotedText, key, value, strconv.Quote(strings.TrimSuffix(value, `"`)))
}

// textKeys are the keys of the data files and front matter whose value is text; dateKeys
// those whose value is a date. Every other key holds a number (a figure, a year).
var (
	textKeys = setOf("base_url", "denominator", "description", "description_en", "direction", "id", "indicator", "issuer",
		"issuer_en", "kind", "locality", "name", "name_en", "note", "note_en", "noun", "noun_en", "number", "parent", "per",
		"period", "publisher", "publisher_en", "short", "short_en", "signer", "source", "successor", "summary", "summary_en", "title",
		"title_en", "unit", "url", "based_on", "localities", "plan", "plans", "sum_of")
	dateKeys = setOf("as_of", "published", "issued", "since", "until", "date", "by", "deadline", "change_since")
)

func setOf(keys ...string) map[string]bool {
	m := make(map[string]bool, len(keys))
	for _, k := range keys {
		m[k] = true
	}
	return m
}

// reportBadDate explains a date TOML rejects: a day that is not on the calendar
// (2023-02-30), or something that is not a date at all.
func reportBadDate(pos diag.Pos, token string, diags *diag.List) {
	day := token
	if len(day) > 10 {
		day = day[:10]
	}
	if looksLikeISODate(day) {
		if _, err := date.Parse(day); err != nil {
			diags.Errorf(pos, diag.DateNotExist, day)
			return
		}
	}
	diags.Errorf(pos, diag.BadDate, token)
}

var isoDateShape = regexp.MustCompile(`^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$`)

// looksLikeISODate reports whether s is YYYY-MM-DD with a month 01–12 and a day 01–31.
func looksLikeISODate(s string) bool { return isoDateShape.MatchString(s) }

// valueMistake is a value typed the way a Vietnamese document prints it.
type valueMistake struct {
	key, token string
	col        int // 0-based, in characters
	code       diag.Code
	args       []any
}

func (v valueMistake) report(pos diag.Pos, diags *diag.List) {
	diags.Errorf(pos, v.code, v.args...)
}

// mistakePattern finds "key = value" where value is written the way a Vietnamese (or
// English) document prints it: a date day first or with slashes or dots (30.6.2019,
// 30-06-2019, 2019/06/30, 2019-6-30), a number with thousands separators (1.022.552,
// 10 324, 1,022,552) or a decimal comma (80,58), perhaps followed by its unit (1.022.552
// người, 82,5 %).
var mistakePattern = regexp.MustCompile(`([A-Za-z0-9_.-]+)\s*=\s*(` + dateShape + `|` + numberShape + `)` +
	`(?:(\s*)(%|` + UnitWords + `))?\s*(?:$|#|,|\}|\])`)

// UnitWords is the shape of the words after a number, its unit or multiplier as documents
// write them: "người", "nghìn người", "triệu đồng".
const UnitWords = `\pL[\pL\pM]*(?:\s+\pL[\pL\pM]*)*`

const (
	dateShape   = `\d{1,4}[./-]\d{1,2}[./-]\d{1,4}`
	numberShape = `-?\d{1,3}(?:[., ]\d{3})+(?:[.,]\d+)?|-?\d+(?:[.,]\d+)?`
)

// dotThousands is a number whose dots are each followed by three digits, 410.250: TOML
// reads a decimal point, but followed by a unit of people or cards, as documents print it,
// it is four hundred and ten thousand.
var dotThousands = regexp.MustCompile(`^-?\d{1,3}(\.\d{3})+$`)

// ambiguousComma is a number whose only comma is followed by three digits: 821,999 is
// 821.999 in a Vietnamese document or 821999 in an English one.
var ambiguousComma = regexp.MustCompile(`^-?\d{1,3},\d{3}$`)

// englishThousands is a number with commas between thousands, and perhaps a decimal point:
// 1,022,552 or 1,022,552.5 — never a Vietnamese decimal, which has one comma.
var englishThousands = regexp.MustCompile(`^-?\d{1,3}(,\d{3}){2,}(\.\d+)?$|^-?\d{1,3}(,\d{3})+\.\d+$`)

// findValueMistake looks for such a value on one line of TOML.
func findValueMistake(line string) (valueMistake, bool) {
	for _, m := range mistakePattern.FindAllStringSubmatchIndex(line, -1) {
		key, token := line[m[2]:m[3]], line[m[4]:m[5]]
		if textKeys[key] {
			continue // text without quotes: reportBareValue says so
		}
		v := valueMistake{key: key, token: token, col: utf8.RuneCountInString(line[:m[4]])}
		if iso, code, ok := dateMistake(token); ok {
			v.code, v.args = code, []any{key, token, iso}
			return v, true
		}
		plain, written, ok := numberMistake(token)
		if !ok {
			continue
		}
		if m[8] >= 0 { // a unit after the number: 1.022.552 người
			unit := line[m[8]:m[9]]
			if word, zeros := multiplied(unit); zeros > 0 { // 12 nghìn người, 1,2 triệu
				v.col = utf8.RuneCountInString(line[:m[8]])
				v.code, v.args = diag.MultiplierInValue, []any{key, strings.TrimSpace(line[m[4]:m[9]]), word,
					Underscored(ShiftPoint(plain, zeros)), unitAfter(strings.TrimSpace(unit[len(word):]))}
				return v, true
			}
			if unit != "%" && dotThousands.MatchString(token) {
				plain, written = strings.ReplaceAll(token, ".", ""), token // 410.250 người: a count, dots between thousands
			}
			v.col = utf8.RuneCountInString(line[:m[8]])
			v.code, v.args = diag.UnitInValue, []any{key, strings.TrimSpace(line[m[4]:m[9]]), unit, Underscored(plain), separatorsToo(written)}
			return v, true
		}
		if written == "" {
			continue // a valid TOML number: the error is elsewhere on the line
		}
		v.code, v.args = numberCode(key, token, plain)
		return v, true
	}
	return valueMistake{}, false
}

// multiplierZeros are the words documents write after a number for its thousands or
// millions ("12 nghìn", "1,2 triệu"), folded, with the power of ten each stands for.
var multiplierZeros = map[string]int{"nghin": 3, "ngan": 3, "trieu": 6, "ty": 9, "ti": 9, "thousand": 3, "million": 6, "billion": 9}

// MultiplierZeros is the power of ten a multiplier word stands for, accents and case aside:
// 3 for "nghìn", 6 for "Triệu"; 0 for any other word. The check and the importer (a column
// "(nghìn người)", "Đơn vị tính: nghìn người") read them alike.
func MultiplierZeros(word string) int { return multiplierZeros[textutil.Fold(word)] }

// multiplied is the first of the words after a number, as written ("nghìn" of "nghìn
// người"), and the power of ten it stands for: 0 when it is no multiplier.
func multiplied(unit string) (word string, zeros int) {
	word, _, _ = strings.Cut(strings.TrimSpace(unit), " ")
	return word, MultiplierZeros(word)
}

// inFullPattern is a cell or value that is a number and its multiplier word, perhaps with a
// unit after: "12 nghìn", "1,2 triệu người".
var inFullPattern = regexp.MustCompile(`^(` + numberShape + `)\s*(` + UnitWords + `)$`)

// InFull reads text written as documents print round figures, a number and its multiplier
// word ("1,2 triệu người"), as the plain number in full ("1200000") and the word ("triệu").
// ok is false for any other text.
func InFull(text string) (plain, word string, ok bool) {
	m := inFullPattern.FindStringSubmatch(strings.TrimSpace(text))
	if m == nil {
		return "", "", false
	}
	word, zeros := multiplied(m[2])
	if zeros == 0 {
		return "", "", false
	}
	p, _, ok := numberMistake(m[1])
	if !ok {
		return "", "", false
	}
	return ShiftPoint(p, zeros), word, true
}

// unitAfter says which unit follows a multiplier word (12 nghìn người), if any.
func unitAfter(unit string) diag.Words {
	if unit == "" {
		return diag.W("", "")
	}
	return diag.W(fmt.Sprintf(" hay đơn vị %q (đơn vị của chỉ số đã có trong data/indicators.toml)", unit),
		fmt.Sprintf(" or the unit %q (the indicator's unit is in data/indicators.toml)", unit))
}

// WholeCounts returns diags with each comma that could be a decimal comma or a thousands
// separator (bhxh-tu-nguyen = 5,055) explained as a thousands separator when the key's
// figure is a whole number (whole(key): a count of people, of events): 5_055, not 5.055.
// A file that does not parse is explained from its raw line, before the indicators' units
// are known; the check knows them.
func WholeCounts(diags *diag.List, whole func(key string) bool) *diag.List {
	return diags.Map(func(d diag.Diagnostic) diag.Diagnostic {
		if d.Code != diag.AmbiguousComma || len(d.Args) < 6 {
			return d
		}
		key, _ := d.Args[4].(string)
		if !whole(key) {
			return d
		}
		d.Code, d.Args = diag.CountComma, []any{key, d.Args[0], d.Args[5], d.Args[1]}
		return d
	})
}

// separatorsToo says, after a unit, what else TOML does not take in the number written:
// its thousands separators or its decimal comma; nothing when it is a plain TOML number.
func separatorsToo(written string) diag.Words {
	switch {
	case written == "":
		return diag.W("", "")
	case !strings.ContainsAny(written, ". ") && !englishThousands.MatchString(written) && !ambiguousComma.MatchString(written):
		return diag.W("; TOML cũng không hiểu dấu phẩy thập phân của "+written, "; nor does TOML accept the decimal comma of "+written)
	}
	return diag.W("; TOML cũng không hiểu dấu ngăn cách hàng nghìn của "+written, "; nor does TOML accept the thousands separators of "+written)
}

// numberMistake reads a number as a Vietnamese or English document writes it. plain is it
// as TOML wants it; written is token when TOML does not take it as it is, "" when it does.
func numberMistake(token string) (plain, written string, ok bool) {
	if _, err := strconv.ParseFloat(token, 64); err == nil && !strings.ContainsAny(token, " ") {
		return token, "", true
	}
	if englishThousands.MatchString(token) {
		return strings.ReplaceAll(token, ",", ""), token, true
	}
	if p, ok := VietnameseNumber(token); ok {
		return p, token, true
	}
	return "", "", false
}

// numberCode explains a number TOML does not take: thousands separators, a decimal comma,
// or a comma that could be either (821,999).
func numberCode(key, token, plain string) (diag.Code, []any) {
	switch {
	case ambiguousComma.MatchString(token): // 821,999: 821999 or 821.999?
		whole := strings.ReplaceAll(token, ",", "")
		return diag.AmbiguousComma, []any{token, whole, plain, strings.ReplaceAll(token, ",", "."), key, Underscored(whole)}
	case englishThousands.MatchString(token) || strings.ContainsAny(token, ". "):
		return diag.VietnameseNumber, []any{token, plain, Underscored(plain)}
	}
	return diag.VietnameseDecimal, []any{token, plain}
}

// dayFirst is a date written day, month, year: 30/6/2019, 30.6.2019, 30-06-2019.
var dayFirst = regexp.MustCompile(`^(\d{1,2})([./-])(\d{1,2})([./-])(\d{4})$`)

// yearFirst is a date written year, month, day, but not as TOML wants it: 2019/06/30,
// 2019.06.30, 2019-6-30.
var yearFirst = regexp.MustCompile(`^(\d{4})([./-])(\d{1,2})([./-])(\d{1,2})$`)

// dateMistake reads a day written otherwise than YYYY-MM-DD, and returns it so written
// with the code that explains the difference.
func dateMistake(token string) (iso string, code diag.Code, ok bool) {
	if m := dayFirst.FindStringSubmatch(token); m != nil && m[2] == m[4] {
		iso, ok := isoDate(m[5], m[3], m[1])
		return iso, diag.DateOrder, ok
	}
	if m := yearFirst.FindStringSubmatch(token); m != nil && m[2] == m[4] && !looksLikeISODate(token) {
		iso, ok := isoDate(m[1], m[3], m[5])
		return iso, diag.DateShape, ok
	}
	return "", "", false
}

// AsISODate is a date written as documents write it (31/3/2026, 2026/3/31) as TOML wants
// it, 2026-03-31; ok is false for any other text, or a day that does not exist.
func AsISODate(text string) (iso string, ok bool) {
	iso, _, ok = dateMistake(strings.TrimSpace(text))
	return iso, ok
}

// isoDate writes year, month and day as YYYY-MM-DD when that day exists.
func isoDate(year, month, day string) (string, bool) {
	d, err1 := strconv.Atoi(day)
	m, err2 := strconv.Atoi(month)
	if err1 != nil || err2 != nil || d < 1 || d > 31 || m < 1 || m > 12 {
		return "", false
	}
	iso := year + "-" + pad2(m) + "-" + pad2(d)
	if _, err := date.Parse(iso); err != nil {
		return "", false
	}
	return iso, true
}

// dayMonthYear converts a day written otherwise ("30/6/2023", "30.6.2023", "2023/06/30")
// to "2023-06-30" when that day exists.
func dayMonthYear(s string) (string, bool) {
	iso, _, ok := dateMistake(strings.TrimSpace(s))
	return iso, ok
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// lineText returns line n (1-based) of src, without its line end.
func lineText(src []byte, n int) string {
	lines := strings.Split(string(src), "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	return strings.TrimSuffix(lines[n-1], "\r")
}

// runeCol converts a byte offset into a 1-based column counted in characters.
func runeCol(src []byte, off int) int {
	if off < 0 || off > len(src) {
		return 0
	}
	for off > 0 && off < len(src) && !utf8.RuneStart(src[off]) {
		off-- // the parser may point into a multi-byte character
	}
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	return utf8.RuneCount(src[start:off]) + 1
}
