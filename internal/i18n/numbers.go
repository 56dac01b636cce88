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
	} else if d, ok := appendScaled(digitBuf[:0], a, decimals); ok {
		// a figure of a few decimals (rates, shares): rounded in integers
		whole, frac = d[:len(d)-decimals], d[len(d)-decimals:]
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

// pow10 are the scales of appendScaled's decimals.
var pow10 = [...]float64{1, 10, 100, 1000, 10000}

// appendScaled appends the digits of a ≥ 0 rounded to decimals places, the decimal point
// left out (at least decimals+1 digits: 0.5 to two places is "050"), and reports whether
// it did: for up to four decimals and a under 2³³ it rounds a·10^decimals to an integer
// unless that product is within its rounding error of a half, where the exact value could
// round the other way (strconv, whose digits these are, rounds the exact value half to
// even). About twice as fast as strconv's fixed precision (16 against 35 ns a figure of
// two decimals), which a page of figures calls some fifty times.
func appendScaled(b []byte, a float64, decimals int) ([]byte, bool) {
	if decimals < 1 || decimals >= len(pow10) || !(a < 1<<33) {
		return b, false
	}
	// a < 2³³ and 10⁴ < 2¹⁴: p < 2⁴⁷, so p's fraction is exact, and p is within half an
	// ulp of the exact product (10^decimals is exact)
	p := a * pow10[decimals]
	whole := math.Floor(p)
	frac := p - whole
	if math.Abs(frac-0.5) <= math.Nextafter(p, math.Inf(1))-p {
		return b, false
	}
	m := uint64(whole)
	if frac > 0.5 {
		m++
	}
	start := len(b)
	b = strconv.AppendUint(b, m, 10)
	if pad := decimals + 1 - (len(b) - start); pad > 0 { // 0.05 → "5" → "005"
		b = append(b, zeros[:pad]...)
		copy(b[start+pad:], b[start:len(b)-pad])
		copy(b[start:start+pad], zeros[:pad])
	}
	return b, true
}
