package i18n

import (
	"bytes"
	"math"
	"strconv"
	"strings"

	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// symbols are the signs a language writes numbers with, as golang.org/x/text's CLDR data
// has them: vi "1.234.567,5" (group ".", decimal ","), en "1,234,567.5". They are read
// once from the language's printer, and numbers are then written by hand: through the
// printer each number cost about a microsecond, a few seconds of a national build. The
// output is the printer's, byte for byte (TestNumbersAreXText, FuzzNumbers).
type symbols struct {
	minus, group, decimal string
}

// zeros are the fraction of a whole number, up to 16 decimals.
const zeros = "0000000000000000"

// symbolsOf reads p's symbols from how it prints -1234567.5.
func symbolsOf(p *message.Printer) symbols {
	s := p.Sprint(number.Decimal(-1234567.5, number.MaxFractionDigits(1)))
	minus, rest, _ := strings.Cut(s, "1")
	group, rest, _ := strings.Cut(rest, "234")
	_, decimal, _ := strings.Cut(rest, "567")
	return symbols{minus: minus, group: group, decimal: strings.TrimSuffix(decimal, "5")}
}

// format writes v rounded to decimals places (half to even, as strconv and x/text do),
// with trailing zeros of the fraction dropped unless fixed, then suffix: one allocation, the
// string returned (pages format numbers by the million).
func (s symbols) format(v float64, decimals int, fixed bool, suffix string) string {
	var outBuf [64]byte
	return string(s.appendFormat(outBuf[:0], v, decimals, fixed, suffix))
}

// appendFormat appends what format writes to b.
func (s symbols) appendFormat(b []byte, v float64, decimals int, fixed bool, suffix string) []byte {
	var digitBuf [32]byte
	var whole, frac []byte
	if a := math.Abs(v); a == math.Trunc(a) && a < 1e15 && decimals <= 16 {
		// a whole number (people, counts): its digits as strconv writes them, without
		// strconv's float path, and a fraction of zeros
		whole = strconv.AppendUint(digitBuf[:0], uint64(a), 10)
		frac = append(whole[len(whole):], zeros[:max(decimals, 0)]...)
	} else {
		digits := strconv.AppendFloat(digitBuf[:0], a, 'f', max(decimals, 0), 64)
		whole, frac = digits, digits[len(digits):]
		if i := bytes.IndexByte(digits, '.'); i >= 0 {
			whole, frac = digits[:i], digits[i+1:]
		}
	}
	if !fixed {
		frac = bytes.TrimRight(frac, "0")
	}
	if v < 0 { // even when it rounds to zero ("-0"), as x/text writes it
		b = append(b, s.minus...)
	}
	for i := range len(whole) {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b = append(b, s.group...)
		}
		b = append(b, whole[i])
	}
	if len(frac) > 0 {
		b = append(b, s.decimal...)
		b = append(b, frac...)
	}
	return append(b, suffix...)
}
