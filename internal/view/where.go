package view

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/covsite/covsite/internal/lang"
)

// Where a figure stands in its document ("Mục II.2", "Phụ lục 1, Bảng 3, trang 5") is
// written in Vietnamese, and in English when the data gives where_en. Without it an
// English page says it in English when its shape is one the site knows — parts each a
// word of the table below and a number ("Section II.2", "Annex 1, Table 3, page 5") —,
// else shows the Vietnamese, marked as such (lang="vi" where the page can say it; in an
// attribute, in words).

// whereWords are the words of a place in a document, in Vietnamese (lower case) and in
// English; "tr." is "trang" abbreviated.
var whereWords = []struct{ vi, en string }{
	{"phụ lục", "annex"}, {"mục", "section"}, {"bảng", "table"}, {"biểu", "form"},
	{"trang", "page"}, {"tr.", "page"}, {"phần", "part"}, {"chương", "chapter"},
	{"điều", "article"}, {"khoản", "clause"}, {"điểm", "point"}, {"đoạn", "paragraph"},
	{"dòng", "row"}, {"hàng", "row"}, {"cột", "column"}, {"hình", "figure"},
}

// whereInEnglish says a place in a document in English when every part of it is a word
// of whereWords and a number — "Mục II.2" → "Section II.2", "Phụ lục 1, Bảng số 3, tr. 5"
// → "Annex 1, Table 3, page 5" —, keeping the separators and the capital of each word;
// ok is false for anything else ("Bảng chi tiết, dòng Phường 1").
func whereInEnglish(vi string) (en string, ok bool) {
	var b strings.Builder
	rest := strings.TrimSpace(vi)
	if rest == "" {
		return "", false
	}
	for rest != "" {
		sep := len(rest) - len(strings.TrimLeft(rest, " ,;–—-"))
		b.WriteString(rest[:sep])
		rest = rest[sep:]
		word, n := whereWord(rest)
		if n == 0 {
			return "", false
		}
		rest = strings.TrimLeft(rest[n:], " ")
		if low := strings.ToLower(rest); strings.HasPrefix(low, "số ") || strings.HasPrefix(low, "số.") {
			rest = strings.TrimLeft(rest[len("số")+1:], " ") // "Bảng số 3": "số" is "No.", said by the number
		}
		end := strings.IndexAny(rest, " ,;")
		if end < 0 {
			end = len(rest)
		}
		if !whereNumber(rest[:end]) {
			return "", false
		}
		b.WriteString(word + " " + rest[:end])
		rest = rest[end:]
	}
	return b.String(), true
}

// whereWord is the English of the word of whereWords s starts with, capitalised as it is,
// and its length in s; 0 when s starts with none followed by a space (or, for "tr.", a
// number).
func whereWord(s string) (string, int) {
	low := strings.ToLower(s)
	for _, w := range whereWords {
		if !strings.HasPrefix(low, w.vi) {
			continue
		}
		n := len(w.vi)
		if after := low[n:]; after != "" && after[0] != ' ' && !strings.HasSuffix(w.vi, ".") {
			continue // "mục" of "mục tiêu"…, "bảng" of "bảngx"
		}
		en := w.en
		if r, _ := utf8.DecodeRuneInString(s); unicode.IsUpper(r) {
			en = strings.ToUpper(en[:1]) + en[1:]
		}
		return en, n
	}
	return "", 0
}

// whereNumber reports whether s numbers a place: numbers, Roman numerals or a letter,
// joined by dots, hyphens or dashes — "2", "II.2", "II.2.đ", "3a", "2–5", "a".
func whereNumber(s string) bool {
	for {
		i := strings.IndexAny(s, ".-–/")
		if i < 0 {
			return numberPart(s)
		}
		if !numberPart(s[:i]) {
			return false
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		s = s[i+n:]
	}
}

// numberPart is one part of a place's number: digits with at most a letter after them, a
// Roman numeral in capitals, or one lower-case letter.
func numberPart(p string) bool {
	digits := len(p) - len(strings.TrimLeft(p, "0123456789"))
	switch rest := p[digits:]; {
	case p == "":
		return false
	case digits > 0:
		r, n := utf8.DecodeRuneInString(rest)
		return rest == "" || n == len(rest) && unicode.IsLower(r)
	case strings.Trim(p, "IVXLCDM") == "":
		return true
	default:
		r, n := utf8.DecodeRuneInString(p)
		return n == len(p) && unicode.IsLower(r)
	}
}

// whereIn is where in the page's language: the text and, when it is the Vietnamese
// because English has no words for it, the same text as vi (to be printed with
// lang="vi").
func (c *Context) whereIn(w lang.Text) (text, vi string) {
	if c.F.Code != lang.EN || w.EN != "" || w.VI == "" {
		return w.In(c.F.Code), ""
	}
	if en, ok := whereInEnglish(w.VI); ok {
		return en, ""
	}
	return w.VI, w.VI
}

// whereAttr is where in the page's language for an attribute (a title), where no
// lang can mark the Vietnamese: it says so in words ("Mục lục (in Vietnamese)").
func (c *Context) whereAttr(w lang.Text) string {
	text, vi := c.whereIn(w)
	if vi != "" {
		return c.F.TS("where.vietnamese", vi)
	}
	return text
}

// whereVI is the Vietnamese words of where an English page cannot say in English (whereIn),
// "" otherwise.
func (c *Context) whereVI(w lang.Text) string {
	_, vi := c.whereIn(w)
	return vi
}

// whereLine is the text where (Context.Where) as a line, its Vietnamese words vi, when
// not "", in their own part marked lang="vi".
func whereLine(where, vi string) Line {
	before, after, ok := cutLast(where, vi)
	if vi == "" || !ok {
		return Line{text(where)}
	}
	l := Line{}
	if before != "" {
		l = append(l, text(before))
	}
	l = append(l, Inline{Text: vi, Lang: lang.VI})
	if after != "" {
		l = append(l, text(after))
	}
	return l
}

// cutLast is strings.Cut at the last sep.
func cutLast(s, sep string) (before, after string, ok bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}
