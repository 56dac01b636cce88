package model

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/covsite/covsite/internal/textutil"
)

// EnglishName is the English name of a locality whose data gives none: its name without
// diacritics, with a leading kind word (textutil.KindWords, as written) said in English —
// after a proper name ("An Xuyen Ward", "Ca Mau City"), before a number ("Ward 5",
// "District 1"), as English-language publications in Viet Nam write them. A name without
// a kind word only loses its diacritics ("Cầu Kè" → "Cau Ke").
func EnglishName(name string) string {
	for _, w := range textutil.KindWords {
		rest, ok := cutWord(name, w.Written)
		if !ok || strings.TrimSpace(rest) == "" {
			continue
		}
		rest = textutil.Unaccent(strings.TrimSpace(rest))
		if isNumber(rest) {
			return w.English + " " + rest
		}
		return rest + " " + w.English
	}
	return textutil.Unaccent(name)
}

// cutWord cuts word and the space after it from the start of s, the word's first letter
// in either case ("Phường" or "phường"), the rest as written.
func cutWord(s, word string) (string, bool) {
	first, size := utf8.DecodeRuneInString(word)
	r, n := utf8.DecodeRuneInString(s)
	if r != first && r != unicode.ToLower(first) || !strings.HasPrefix(s[n:], word[size:]) {
		return "", false
	}
	return strings.CutPrefix(s[n+len(word)-size:], " ")
}

// isNumber says whether s is a ward's or district's number ("5", "10").
func isNumber(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// englishOf is a locality's English name: the data's, else EnglishName's (made only then:
// a national site gives every one of its 15,000 localities one).
func englishOf(given, name string) string {
	if given != "" {
		return given
	}
	return EnglishName(name)
}
