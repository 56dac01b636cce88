// Package textutil holds the small text functions shared by every stage: Vietnamese
// accent folding for search and slugs, safe ids, nearest-name suggestions and Vietnamese
// alphabetical order.
package textutil

import (
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
// "tra-vinh-ket-qua-6-thang". It returns "" when nothing usable is left.
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
	return b.String()
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
	return ""
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
// (a transposition such as "bhty" for "bhyt" counts as close), else "".
func Nearest(s string, candidates []string) string {
	best, bestDist := "", 1<<30
	for _, c := range candidates {
		d := Distance(Fold(s), Fold(c))
		if d < bestDist || d == bestDist && c < best {
			best, bestDist = c, d
		}
	}
	limit := max(2, len([]rune(s))/3)
	if best == "" || bestDist > limit {
		return ""
	}
	return best
}

// Ranked returns up to n candidates ordered by closeness to s (accent- and case-folded).
func Ranked(s string, candidates []string, n int) []string {
	type scored struct {
		name string
		dist int
	}
	fs := Fold(s)
	var all []scored
	for _, c := range candidates {
		all = append(all, scored{c, Distance(fs, Fold(c))})
	}
	for i := 1; i < len(all); i++ { // insertion sort: short lists, stable
		for j := i; j > 0 && (all[j].dist < all[j-1].dist || all[j].dist == all[j-1].dist && all[j].name < all[j-1].name); j-- {
			all[j], all[j-1] = all[j-1], all[j]
		}
	}
	var out []string
	for i := 0; i < len(all) && i < n; i++ {
		out = append(out, all[i].name)
	}
	return out
}

var (
	collatorMu sync.Mutex
	collator   = collate.New(language.Vietnamese, collate.Numeric)
)

// CompareVietnamese orders a and b in Vietnamese alphabetical order (a, ă, â, b, … đ after d).
// It is safe for concurrent use.
func CompareVietnamese(a, b string) int {
	collatorMu.Lock()
	defer collatorMu.Unlock()
	return collator.CompareString(a, b)
}

// Unaccent removes Vietnamese diacritics but keeps case: "Trà Vinh" → "Tra Vinh".
func Unaccent(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return strings.NewReplacer("đ", "d", "Đ", "D").Replace(out)
}
