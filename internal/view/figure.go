package view

import (
	"math"
	"strconv"

	"github.com/covsite/covsite/internal/model"
)

// The figures of a card stay numbers until the page is written: the view decides their
// words and figures, and the component appends them, formatted, into the page's buffer
// (Append) instead of printing a string made for each — a locality page made some
// twenty. String is the same text, for a site's own layouts (html/template prints a
// Stringer) and the tests. The zero value of each says nothing.

// CardFigure is a card's figure in its indicator's unit, as Format.Value writes it: "1.022.552".
type CardFigure struct {
	f   Format
	ind *model.Indicator
	n   model.Num
}

// Append appends the figure to b.
func (x CardFigure) Append(b []byte) []byte {
	if x.ind == nil {
		return b
	}
	return x.f.appendValue(b, x.ind, x.n)
}

// String is the figure.
func (x CardFigure) String() string { return stringOf(x.Append) }

// CardShare is how far a card's target is reached, " · đạt 85 % chỉ tiêu (theo báo cáo:
// 85 %)" — the source's share said when it agrees —, and the same share drawn by the
// card's meter.
type CardShare struct {
	f        Format
	share    model.Num
	reported model.Num // unknown unless the source gives it and it agrees
}

// IsZero reports whether there is no share to say.
func (s CardShare) IsZero() bool { return !s.share.Known }

// Append appends the text to b.
func (s CardShare) Append(b []byte) []byte {
	if !s.share.Known {
		return b
	}
	var scratch [64]byte
	b = s.f.AppendTB(append(b, " · "...), "share_achieved", s.f.appendPct(scratch[:0], s.share))
	if s.reported.Known {
		b = append(s.f.AppendTB(append(b, " ("...), "as_reported", s.f.appendPctAsGiven(scratch[:0], s.reported)), ')')
	}
	return b
}

// String is the text.
func (s CardShare) String() string { return stringOf(s.Append) }

// AppendMeter appends the share as a <meter>'s value with the default range 0 to 1:
// 85.31 → "0.853", 100 and over → "1", under 0 → "0". It only draws the bar under the
// share the card writes, so three places are more than a phone's pixels show.
func (s CardShare) AppendMeter(b []byte) []byte {
	if !s.share.Known {
		return b
	}
	return strconv.AppendFloat(b, math.Round(min(max(s.share.V, 0), 100)*10)/1000, 'f', -1, 64)
}

// Meter is AppendMeter's value, "" without a share.
func (s CardShare) Meter() string { return stringOf(s.AppendMeter) }

// CardNeeded is what a card's target still needs: "còn phải vận động 1.234 · cần 123
// người/tháng" — the gap when some is left, the pace a month when known.
type CardNeeded struct {
	f      Format
	ind    *model.Indicator
	gap    model.Num // said when known and above zero
	byRate bool      // the gap is in percentage points
	pace   model.Num
}

// IsZero reports whether there is nothing to say.
func (n CardNeeded) IsZero() bool { return n.ind == nil || !n.gapShown() && !n.pace.Known }

func (n CardNeeded) gapShown() bool { return n.gap.Known && n.gap.V > 0 }

// Append appends the text to b.
func (n CardNeeded) Append(b []byte) []byte {
	if n.IsZero() {
		return b
	}
	var scratch [64]byte
	f, start := n.f, len(b)
	if n.gapShown() {
		b = append(append(b, f.GapWords(n.ind)...), ' ')
		if n.byRate {
			b = f.appendPoints(b, scratch[:], n.gap)
		} else {
			b = f.appendValue(b, n.ind, n.gap)
		}
	}
	if n.pace.Known {
		if len(b) > start {
			b = append(b, " · "...)
		}
		b = f.AppendTB(b, "pace_needed", f.appendWithUnit(scratch[:0], n.ind, n.pace))
	}
	return b
}

// String is the text.
func (n CardNeeded) String() string { return stringOf(n.Append) }

// stringOf is what appendTo appends, as a string.
func stringOf(appendTo func([]byte) []byte) string {
	var buf [128]byte
	return string(appendTo(buf[:0]))
}

// Number is a number as its source wrote it, as Format.Num writes it: "1.234", "—" when
// unknown — a cell of a children's table.
type Number struct {
	f Format
	n model.Num
}

// Append appends the number to b.
func (x Number) Append(b []byte) []byte {
	if x.f.Lang == nil {
		return b
	}
	return x.f.appendNum(b, x.n)
}

// String is the number.
func (x Number) String() string { return stringOf(x.Append) }
