package load

import (
	"regexp"
	"strings"
)

// vietnameseNumber matches numbers written the Vietnamese way: dots between thousands
// (1.888, 1.022.552) and an optional decimal comma (80,58); or a plain decimal comma (29,72).
var vietnameseNumber = regexp.MustCompile(`^-?(\d{1,3}(\.\d{3})+(,\d+)?|\d+,\d+)$`)

// VietnameseNumber reports whether s is a number written the Vietnamese way, and returns it
// as TOML wants it: "1.022.552" → "1022552", "29,72" → "29.72".
func VietnameseNumber(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if !vietnameseNumber.MatchString(s) {
		return "", false
	}
	plain := strings.ReplaceAll(s, ".", "")
	return strings.ReplaceAll(plain, ",", "."), true
}

// Underscored groups the integer part of a plain number with underscores, as TOML allows:
// "1022552" → "1_022_552".
func Underscored(plain string) string {
	intPart, frac, hasFrac := strings.Cut(plain, ".")
	sign := ""
	if strings.HasPrefix(intPart, "-") {
		sign, intPart = "-", intPart[1:]
	}
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte('_')
		}
		b.WriteRune(r)
	}
	out := sign + b.String()
	if hasFrac {
		out += "." + frac
	}
	return out
}

// inlineVietnameseNumber finds a Vietnamese-style number in a line of TOML after "=".
var inlineVietnameseNumber = regexp.MustCompile(`-?\d{1,3}(\.\d{3}){2,}(,\d+)?|-?\d+(\.\d{3})*,\d+`)

// findVietnameseNumber returns the first Vietnamese-style number in line that TOML cannot
// parse (1.022.552, 80,58) and its 0-based rune column, or ok=false.
func findVietnameseNumber(line string) (token string, col int, ok bool) {
	eq := strings.Index(line, "=")
	if eq < 0 {
		return "", 0, false
	}
	loc := inlineVietnameseNumber.FindStringIndex(line[eq:])
	if loc == nil {
		return "", 0, false
	}
	start := eq + loc[0]
	return line[start : eq+loc[1]], len([]rune(line[:start])), true
}
