package model

import (
	"strings"

	"github.com/covsite/covsite/internal/textutil"
)

// localityWords are the words a Vietnamese locality's name may start with, and how English
// says the same kind of place: "Phường An Xuyên" is "An Xuyen Ward", "Phường 5" is
// "Ward 5". Longer words first: "Thị xã" before "Thị".
var localityWords = []struct{ vi, en string }{
	{"Thành phố ", "City"},
	{"Thị trấn ", "Township"},
	{"Thị xã ", "Town"},
	{"Đặc khu ", "Special Zone"},
	{"Phường ", "Ward"},
	{"Huyện ", "District"},
	{"Quận ", "District"},
	{"Tỉnh ", "Province"},
	{"Xã ", "Commune"},
}

// EnglishName is the English name of a locality whose data gives none: its name without
// diacritics, with a leading kind word said in English — after a proper name ("An Xuyen
// Ward", "Ca Mau City"), before a number ("Ward 5", "District 1"), as English-language
// publications in Viet Nam write them. A name without a kind word only loses its
// diacritics ("Cầu Kè" → "Cau Ke").
func EnglishName(name string) string {
	for _, w := range localityWords {
		rest, ok := cutPrefixFold(name, w.vi)
		if !ok || strings.TrimSpace(rest) == "" {
			continue
		}
		rest = textutil.Unaccent(strings.TrimSpace(rest))
		if isNumber(rest) {
			return w.en + " " + rest
		}
		return rest + " " + w.en
	}
	return textutil.Unaccent(name)
}

// cutPrefixFold is strings.CutPrefix with the prefix's first letter in either case
// ("Phường" or "phường"), the rest as written.
func cutPrefixFold(s, prefix string) (string, bool) {
	if rest, ok := strings.CutPrefix(s, prefix); ok {
		return rest, true
	}
	lower := strings.ToLower(prefix[:1]) + prefix[1:]
	if prefix[0] >= 0x80 { // Đ: a two-byte letter
		lower = strings.ToLower(prefix[:2]) + prefix[2:]
	}
	return strings.CutPrefix(s, lower)
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
