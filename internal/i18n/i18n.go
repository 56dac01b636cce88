// Package i18n holds a language's UI strings and its formats for numbers and dates:
// vi → 1.022.552 · 80,58 % · 30/6/2023; en → 1,022,552 · 80.58% · 30 Jun 2023.
// Strings come from the theme's i18n/<lang>.toml, never from code.
package i18n

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/covsite/covsite/internal/date"
)

// Languages lists the site's languages; the first is the default, served at "/".
var Languages = []string{"vi", "en"}

// Lang is one language's strings and formats. It is safe for concurrent use.
type Lang struct {
	Code    string
	strings map[string]string
	formats map[string]format // each string's, read once (format.go)
	tag     language.Tag
	printer *message.Printer                                             // read-only once made, so shared by every goroutine
	symbols symbols                                                      // the printer's, for formatting numbers without it
	dates   *[(datesTo - datesFrom + 1) * 12 * 31]atomic.Pointer[string] // Date's, by dateIndex
}

// New returns a language from a map of strings (for tests and tools).
func New(code string, strs map[string]string) *Lang {
	tag := language.Make(code)
	p := message.NewPrinter(tag)
	formats := make(map[string]format, len(strs))
	for k, s := range strs {
		formats[k] = parseFormat(s)
	}
	return &Lang{Code: code, strings: strs, formats: formats, tag: tag, printer: p, symbols: symbolsOf(p),
		dates: new([(datesTo - datesFrom + 1) * 12 * 31]atomic.Pointer[string])}
}

// Keys returns the keys of the language's strings, sorted.
func (l *Lang) Keys() []string {
	keys := make([]string, 0, len(l.strings))
	for k := range l.strings {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// T returns the string for key, filled in with args (fmt verbs). A missing key returns
// the key itself in brackets, so a test can find it on a page.
func (l *Lang) T(key string, args ...any) string {
	s, ok := l.strings[key]
	if !ok {
		return "[" + key + "]"
	}
	if len(args) == 0 {
		return s
	}
	return l.formats[key].fill(s, args)
}

// TS is T with texts for arguments (each one a %s): the same string, without boxing the
// texts in interfaces (T's arguments escape through fmt, an allocation each).
func (l *Lang) TS(key string, args ...string) string {
	s, ok := l.strings[key]
	if !ok {
		return "[" + key + "]"
	}
	if len(args) == 0 {
		return s
	}
	var buf [256]byte
	return string(appendTexts(l.formats[key], buf[:0], s, args))
}

// AppendT appends TS(key, args...) to b: a text built of strings and figures is made in
// one buffer, not concatenated.
//
// AppendT and AppendTB are not inlined: inlined into a caller of another package, their
// call of the generic appendFilled is one that package's escape analysis cannot see into,
// so the caller's buffers and the arguments' array went to the heap — three allocations a
// call, where the caller meant none (TestAppendTAllocatesNothing).
//
//go:noinline
func (l *Lang) AppendT(b []byte, key string, args ...string) []byte {
	return appendFilled(l, b, key, args)
}

// AppendTB is AppendT with texts given as bytes (a figure written into a scratch buffer),
// none of which may be in b's array past len(b). Not inlined: see AppendT.
//
//go:noinline
func (l *Lang) AppendTB(b []byte, key string, args ...[]byte) []byte {
	return appendFilled(l, b, key, args)
}

// appendFilled appends the string of key filled with texts, or [key] when l has none.
func appendFilled[T string | []byte](l *Lang, b []byte, key string, args []T) []byte {
	s, ok := l.strings[key]
	if !ok {
		return append(append(append(b, '['), key...), ']')
	}
	if len(args) == 0 {
		return append(b, s...)
	}
	return appendTexts(l.formats[key], b, s, args)
}

// AppendTN appends T(key, args...) with whole numbers for arguments to b, without boxing
// them.
func (l *Lang) AppendTN(b []byte, key string, args ...int) []byte {
	s, ok := l.strings[key]
	if !ok {
		return append(append(append(b, '['), key...), ']')
	}
	if len(args) == 0 {
		return append(b, s...)
	}
	return l.formats[key].appendInts(b, s, args)
}

// Has reports whether key exists.
func (l *Lang) Has(key string) bool { _, ok := l.strings[key]; return ok }

// Number formats v with at most maxDecimals decimals and grouping: 1.022.552 / 1,022,552.
func (l *Lang) Number(v float64, maxDecimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	return l.symbols.format(v, maxDecimals, false, "")
}

// AppendNumber appends Number(v, maxDecimals) to b, without making the string.
func (l *Lang) AppendNumber(b []byte, v float64, maxDecimals int) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, "—"...)
	}
	return l.symbols.appendFormat(b, v, maxDecimals, false, "")
}

// AppendPercent appends Percent(v, decimals) to b, without making the string.
func (l *Lang) AppendPercent(b []byte, v float64, decimals int) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, "—"...)
	}
	return l.symbols.appendFormat(b, v, decimals, true, l.percentSign())
}

// AppendFixed appends Fixed(v, decimals) to b, without making the string.
func (l *Lang) AppendFixed(b []byte, v float64, decimals int) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, "—"...)
	}
	return l.symbols.appendFormat(b, v, decimals, true, "")
}

// Fixed formats v with exactly decimals decimals: 95,10 / 95.10.
func (l *Lang) Fixed(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	return l.symbols.format(v, decimals, true, "")
}

// Percent formats a percentage: "80,58 %" in Vietnamese, "80.58%" in English.
func (l *Lang) Percent(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	return l.symbols.format(v, decimals, true, l.percentSign())
}

// PercentUpTo formats v as a percentage with at most maxDecimals decimals, trailing zeros
// dropped: "80 %", "86,5 %"; "80%", "86.5%".
func (l *Lang) PercentUpTo(v float64, maxDecimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	return l.symbols.format(v, maxDecimals, false, l.percentSign())
}

// percentSign follows a number the language's way: "80 %" (no-break space), "80%".
func (l *Lang) percentSign() string {
	if l.Code == "en" {
		return "%"
	}
	return "\u00a0%"
}

var monthsEN = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// Date formats d: "30/6/2023" or "30 Jun 2023"; "" for the zero date. A date from
// datesFrom to datesTo is formatted once and kept (pages print the same few hundred
// dates by the million).
func (l *Lang) Date(d date.Date) string {
	if d.IsZero() {
		return ""
	}
	i := dateIndex(d)
	if i < 0 {
		return l.formatDate(d)
	}
	if s := l.dates[i].Load(); s != nil {
		return *s
	}
	s := l.formatDate(d)
	l.dates[i].Store(&s)
	return s
}

// The years whose dates Date keeps.
const datesFrom, datesTo = 1990, 2069

// dateIndex is d's place in Lang.dates, or -1.
func dateIndex(d date.Date) int {
	if int(d.Year) < datesFrom || int(d.Year) > datesTo || d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > 31 {
		return -1
	}
	return ((int(d.Year)-datesFrom)*12+int(d.Month)-1)*31 + int(d.Day) - 1
}

func (l *Lang) formatDate(d date.Date) string {
	var buf [16]byte
	b := strconv.AppendInt(buf[:0], int64(d.Day), 10)
	if l.Code == "en" {
		b = append(append(append(b, ' '), monthsEN[d.Month-1]...), ' ')
	} else {
		b = append(strconv.AppendInt(append(b, '/'), int64(d.Month), 10), '/')
	}
	return string(strconv.AppendInt(b, int64(d.Year), 10))
}

// Period formats a period: "2023", "quý II/2023", "Q2 2023", "3/2023–12/2023" ("Mar 2023–Dec
// 2023" in English), "2021–2025".
func (l *Lang) Period(p date.Period) string {
	text := p.Text
	if from, to, ok := strings.Cut(text, "/"); ok {
		return l.Period(date.Period{Start: p.Start, Text: from}) + "–" + l.Period(date.Period{Start: p.End, Text: to})
	}
	switch {
	case len(text) == 4:
		return text
	case len(text) == 7 && text[5] == 'Q':
		return l.T("period.quarter", text[6:], text[:4])
	case len(text) == 7 && l.Code == "en":
		return fmt.Sprintf("%s %d", monthsEN[p.Start.Month-1], p.Start.Year)
	case len(text) == 7:
		return l.T("period.month", int(p.Start.Month), p.Start.Year)
	}
	return l.Date(p.Start)
}
