package load

import (
	"regexp"
	"strings"
)

// vietnameseNumber matches numbers written the Vietnamese way: dots between thousands
// or spaces between thousands (1.888, 1.022.552, 10 324) and an optional decimal comma
// (80,58); or a plain decimal comma (29,72).
var vietnameseNumber = regexp.MustCompile(`^-?(\d{1,3}([. ]\d{3})+(,\d+)?|\d+,\d+)$`)

// VietnameseNumber reports whether s is a number written the Vietnamese way, and returns it
// as TOML wants it: "1.022.552" → "1022552", "29,72" → "29.72".
func VietnameseNumber(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if !vietnameseNumber.MatchString(s) {
		return "", false
	}
	plain := strings.NewReplacer(".", "", " ", "").Replace(s)
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

// ShiftPoint multiplies a plain decimal number ("1.2", "-12") by 10^zeros, exactly, as
// digits: ShiftPoint("1.2", 6) is "1200000". A figure written in thousands ("12 nghìn",
// a column "(nghìn người)") becomes the number in full with it.
func ShiftPoint(plain string, zeros int) string {
	sign := ""
	if strings.HasPrefix(plain, "-") {
		sign, plain = "-", plain[1:]
	}
	whole, frac, _ := strings.Cut(plain, ".")
	moved := min(zeros, len(frac))
	whole += frac[:moved] + strings.Repeat("0", zeros-moved)
	frac = frac[moved:]
	whole = strings.TrimLeft(whole, "0")
	if whole == "" {
		whole = "0"
	}
	if frac != "" {
		return sign + whole + "." + frac
	}
	return sign + whole
}
