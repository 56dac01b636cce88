// Package textutil holds the small text functions shared by every stage: Vietnamese
// accent folding for search and slugs, safe ids, nearest-name suggestions and Vietnamese
// alphabetical order, and quoting for the TOML files the commands write.
package textutil

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// NFC returns s in composed Unicode and whether it changed.
func NFC(s string) (string, bool) {
	if norm.NFC.IsNormalString(s) {
		return s, false
	}
	return norm.NFC.String(s), true
}

// Fold lowercases s and removes Vietnamese diacritics: "Trà Vinh" → "tra vinh",
// "Đà Nẵng" → "da nang". Search and slugs use it so "TRA VINH" finds "Trà Vinh".
func Fold(s string) string {
	return strings.ToLower(Unaccent(s))
}

// Slug turns a title into a URL segment: "Trà Vinh: kết quả 6 tháng" →
// "tra-vinh-ket-qua-6-thang". It returns "" when nothing usable is left; what it returns
// always passes CheckID (it is cut to MaxIDLength).
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range Fold(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	out := b.String()
	if len(out) > MaxIDLength {
		out = strings.TrimRight(out[:MaxIDLength], "-")
	}
	if WindowsReserved(out) {
		out += "-1" // "con" cannot be a folder on Windows
	}
	return out
}

// MaxIDLength bounds ids so they stay usable as file names.
const MaxIDLength = 100

// CheckID reports why id cannot be used as a stable id and URL segment, or "" if it can:
// lowercase ASCII letters, digits and single hyphens, nothing that could leave the output
// directory ("..", "/", "\", NUL).
func CheckID(id string) string {
	switch {
	case id == "":
		return "empty"
	case len(id) > MaxIDLength:
		return "longer than 100 characters"
	case strings.Contains(id, ".."), strings.ContainsAny(id, "/\\\x00"):
		return "contains a path separator, '..' or NUL"
	case id[0] == '-' || id[len(id)-1] == '-':
		return "starts or ends with a hyphen"
	case strings.Contains(id, "--"):
		return "has two hyphens in a row"
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return "has characters other than a-z, 0-9 and '-'"
		}
	}
	if WindowsReserved(id) {
		return "is a name Windows reserves"
	}
	return ""
}

// WindowsReserved reports whether Windows cannot hold a file or folder named name: con,
// prn, aux, nul, com1–com9, lpt1–lpt9, in any case and with any extension (nul.txt). A site
// edited on Windows must not break.
func WindowsReserved(name string) bool {
	stem, _, _ := strings.Cut(strings.ToLower(name), ".")
	switch stem {
	case "con", "prn", "aux", "nul":
		return true
	}
	return len(stem) == 4 && (strings.HasPrefix(stem, "com") || strings.HasPrefix(stem, "lpt")) && stem[3] >= '1' && stem[3] <= '9'
}

// Distance is the edit distance between a and b, in runes: insertions, deletions,
// substitutions and transpositions of two neighbours ("bhty" → "bhyt") each count one.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1) // the row before prev, for transpositions
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// Nearest returns the candidate closest to s if it is close enough to be a likely typo
// (a transposition such as "bhty" for "bhyt" counts as close), else "". Between equally
// close candidates it prefers one with the same letters as s — "bhty" is "bhyt" with two
// letters swapped rather than "bhtn" with one changed — then the first alphabetically.
func Nearest(s string, candidates []string) string {
	ranked := Ranked(s, candidates, 1)
	if len(ranked) == 0 {
		return ""
	}
	limit := max(2, len([]rune(s))/3)
	if Distance(Fold(s), Fold(ranked[0])) > limit {
		return ""
	}
	return ranked[0]
}

// NearestID is Nearest for ids and addresses made of words joined by hyphens
// ("phuong-ninh-kieu", "/dia-phuong/phong-dien"): the one candidate in the same folder whose
// words hold every word of s but a kind's (KindAbbreviations: "phuong", "xa", "tp" …) —
// "ninh-kieu" for "phuong-ninh-kieu", "/dia-phuong/phong-dien-can-tho" for
// "/dia-phuong/phong-dien" — else Nearest's, which looks at letters only and offered
// "/dia-phuong/long-duc" for the latter.
func NearestID(s string, candidates []string) string {
	folder, last := splitLast(s)
	want := nonKindWords(last)
	if len(want) == 1 && len([]rune(want[0])) < 4 {
		return Nearest(s, candidates) // "tinh-b": one short word tells too little
	}
	found := ""
	for _, c := range candidates {
		cf, cl := splitLast(c)
		if cf != folder || len(want) == 0 || !holdsAll(strings.Split(Fold(cl), "-"), want) {
			continue
		}
		if found != "" {
			found = "" // two or more: words alone do not tell
			break
		}
		found = c
	}
	if found != "" && found != s {
		return found
	}
	return Nearest(s, candidates)
}

// splitLast cuts an address at its last slash: "/dia-phuong/x" → "/dia-phuong/", "x".
func splitLast(s string) (folder, last string) {
	i := strings.LastIndexByte(s, '/')
	return s[:i+1], s[i+1:]
}

// nonKindWords are the hyphen-joined words of an id, folded, but a kind's.
func nonKindWords(id string) []string {
	var out []string
	for _, w := range strings.Split(Fold(id), "-") {
		if w != "" && !isKindWord(w) {
			out = append(out, w)
		}
	}
	return out
}

func isKindWord(w string) bool {
	for _, k := range KindAbbreviations {
		if w == k[1] || slices.Contains(strings.Fields(k[0]), w) {
			return true
		}
	}
	return false
}

func holdsAll(words, want []string) bool {
	for _, w := range want {
		if !slices.Contains(words, w) {
			return false
		}
	}
	return true
}

// Ranked returns up to n candidates ordered by closeness to s (accent- and case-folded),
// as Nearest orders them.
func Ranked(s string, candidates []string, n int) []string {
	type scored struct {
		name string
		dist int
		same bool // the same letters as s, in another order
	}
	fs := Fold(s)
	var all []scored
	for _, c := range candidates {
		fc := Fold(c)
		all = append(all, scored{c, Distance(fs, fc), sameLetters(fs, fc)})
	}
	less := func(a, b scored) bool {
		if a.dist != b.dist {
			return a.dist < b.dist
		}
		if a.same != b.same {
			return a.same
		}
		return a.name < b.name
	}
	for i := 1; i < len(all); i++ { // insertion sort: short lists, stable
		for j := i; j > 0 && less(all[j], all[j-1]); j-- {
			all[j], all[j-1] = all[j-1], all[j]
		}
	}
	var out []string
	for i := 0; i < len(all) && i < n; i++ {
		out = append(out, all[i].name)
	}
	return out
}

// sameLetters reports whether a and b hold the same runes, in any order.
func sameLetters(a, b string) bool {
	count := map[rune]int{}
	for _, r := range a {
		count[r]++
	}
	for _, r := range b {
		count[r]--
	}
	for _, n := range count {
		if n != 0 {
			return false
		}
	}
	return true
}

var (
	collatorMu sync.Mutex
	collator   = collate.New(language.Vietnamese, collate.Numeric)
)

// CompareVietnamese orders a and b in Vietnamese alphabetical order (a, ă, â, b, … đ after d).
// The look-alikes Ð and ð (see Strokes) sort as Đ and đ: "Long Ðức" beside "Long Đức", not
// after every name in Z. It is safe for concurrent use.
func CompareVietnamese(a, b string) int {
	a, b = lookAlikes.Replace(a), lookAlikes.Replace(b)
	collatorMu.Lock()
	defer collatorMu.Unlock()
	return collator.CompareString(a, b)
}

// Unaccent removes Vietnamese diacritics but keeps case: "Trà Vinh" → "Tra Vinh".
func Unaccent(s string) string {
	if isASCII(s) {
		return s // nothing to remove; most ids and many names
	}
	t := unaccenters.Get().(transform.Transformer)
	defer unaccenters.Put(t)
	t.Reset()
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return stroke.Replace(out)
}

// unaccenters keep the transformers Unaccent uses: making one allocates its normalisers'
// buffers, and a national build unaccents every locality's name and words (700 MB of
// garbage when each call made its own).
var unaccenters = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

// Strokes are the letters whose mark is not a combining one, so that removing the
// combining marks leaves them, with the letter each folds to: Đ and đ, and their
// look-alikes Ð and ð (U+00D0, U+00F0), which text converted from the TCVN3 and VNI fonts
// often holds instead ("Long Ðức" is "Long Đức"). search.js folds with the same table
// (TestSearchJSFoldsAsGo).
var Strokes = [][2]string{{"Đ", "D"}, {"đ", "d"}, {"Ð", "D"}, {"ð", "d"}}

// lookAlikes puts Đ and đ for their look-alikes Ð and ð.
var lookAlikes = strings.NewReplacer("Ð", "Đ", "ð", "đ")

// stroke replaces the Strokes.
var stroke = strings.NewReplacer(flatten(Strokes)...)

func flatten(pairs [][2]string) []string {
	out := make([]string, 0, 2*len(pairs))
	for _, p := range pairs {
		out = append(out, p[0], p[1])
	}
	return out
}

// KindAbbreviations are the kinds of locality that tables and people abbreviate, each
// folded and spelled out, then as abbreviated (folded, the dot left out): "TP Trà Vinh",
// "TX Duyên Hải", "TT Càng Long", "P. 1", "X. Long Đức", "Q. 1", "H. Càng Long". The
// importer matches row names with them and search.js the words typed
// (TestSearchJSFoldsAsGo).
var KindAbbreviations = func() [][2]string {
	out := make([][2]string, len(KindWords))
	for i, k := range KindWords {
		out[i] = [2]string{k.Folded, k.Abbreviated}
	}
	return out
}()

// KindWord is a kind of locality as a name starts with it ("Phường An Xuyên"): as written,
// folded, as tables abbreviate it, and as English says it ("An Xuyen Ward").
type KindWord struct{ Written, Folded, Abbreviated, English string }

// KindWords are the kinds of locality a name may start with, one table for the importer's
// and search's abbreviations (KindAbbreviations) and the English names of localities.
var KindWords = []KindWord{
	{"Thành phố", "thanh pho", "tp", "City"}, {"Thị xã", "thi xa", "tx", "Town"},
	{"Thị trấn", "thi tran", "tt", "Township"}, {"Phường", "phuong", "p", "Ward"},
	{"Xã", "xa", "x", "Commune"}, {"Huyện", "huyen", "h", "District"}, {"Quận", "quan", "q", "District"},
	{"Tỉnh", "tinh", "t", "Province"}, {"Đặc khu", "dac khu", "dk", "Special Zone"},
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// TOMLString quotes s as a TOML basic string: "Phường 1", "a \"b\"\n".
func TOMLString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
