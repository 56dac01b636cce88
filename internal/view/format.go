// Package view decides what each kind of page shows. For a page it computes a typed value
// — a LocalityPage, a PlanPage, a Frame — that holds every figure already formatted in the
// page's language, every label chosen and every URL built (by internal/routes). The
// components and templates of internal/render only print these values; everything a page
// decides is here, and unit-tested in Go.
package view

import (
	"math"

	"github.com/covsite/covsite/internal/i18n"
	"github.com/covsite/covsite/internal/model"
)

// Format writes the model's values in one language: 1.022.552 · 80,58 % · 30/6/2023.
type Format struct {
	*i18n.Lang
}

// Num is a number as the source wrote it, or "—" when unknown.
func (f Format) Num(n model.Num) string {
	if !n.Known || math.IsNaN(n.V) {
		return "—"
	}
	return f.Number(n.V, int(n.Decimals))
}

// Int is a whole number.
func (f Format) Int(v int) string { return f.Number(float64(v), 0) }

// Pct is a share with at most two decimals, or "—".
func (f Format) Pct(n model.Num) string { return f.percent(n, 2) }

// PctAsGiven is a rate with the decimals its source wrote.
func (f Format) PctAsGiven(n model.Num) string { return f.percent(n, int(n.Decimals)) }

func (f Format) percent(n model.Num, decimals int) string {
	if !n.Known || math.IsNaN(n.V) {
		return "—"
	}
	return f.Percent(n.V, decimals)
}

// Points is a difference in percentage points with two decimals: "3,20 điểm %".
func (f Format) Points(n model.Num) string {
	if !n.Known {
		return "—"
	}
	return f.TS("points", f.Fixed(math.Abs(n.V), 2))
}

// PointsPlain is a difference in percentage points for a sentence, without trailing zeros:
// "3,2 điểm phần trăm", "3.2 percentage points".
func (f Format) PointsPlain(n model.Num) string {
	if !n.Known {
		return "—"
	}
	return f.TS("points", f.Number(math.Abs(n.V), 2))
}

// Value is a figure in its indicator's unit: 1.022.552 · 80,58 % · 1.395.647.
func (f Format) Value(ind *model.Indicator, n model.Num) string {
	if !n.Known {
		return "—"
	}
	if ind.Unit == model.Percent {
		return f.Percent(n.V, int(n.Decimals))
	}
	if ind.Unit.Whole() {
		return f.Number(math.Round(n.V), 0)
	}
	return f.Number(n.V, max(int(n.Decimals), 0))
}

// appendNum appends Num(n) to b.
func (f Format) appendNum(b []byte, n model.Num) []byte {
	if !n.Known || math.IsNaN(n.V) {
		return append(b, "—"...)
	}
	return f.AppendNumber(b, n.V, int(n.Decimals))
}

// appendPct appends Pct(n) to b.
func (f Format) appendPct(b []byte, n model.Num) []byte {
	if !n.Known || math.IsNaN(n.V) {
		return append(b, "—"...)
	}
	return f.AppendPercent(b, n.V, 2)
}

// appendPoints appends Points(n) to b, scratch holding the figure while the string is
// filled.
func (f Format) appendPoints(b, scratch []byte, n model.Num) []byte {
	if !n.Known {
		return append(b, "—"...)
	}
	return f.AppendTB(b, "points", f.AppendFixed(scratch[:0], math.Abs(n.V), 2))
}

// appendPointsPlain appends PointsPlain(n) to b, as appendPoints.
func (f Format) appendPointsPlain(b, scratch []byte, n model.Num) []byte {
	if !n.Known {
		return append(b, "—"...)
	}
	return f.AppendTB(b, "points", f.AppendNumber(scratch[:0], math.Abs(n.V), 2))
}

// appendWithUnit appends WithUnit(ind, n) to b.
func (f Format) appendWithUnit(b []byte, ind *model.Indicator, n model.Num) []byte {
	b = f.appendValue(b, ind, n)
	if ind.Unit == model.Percent {
		return b
	}
	return append(append(b, ' '), f.Unit(ind)...)
}

// appendPctAsGiven appends PctAsGiven(n) to b.
func (f Format) appendPctAsGiven(b []byte, n model.Num) []byte {
	if !n.Known || math.IsNaN(n.V) {
		return append(b, "—"...)
	}
	return f.AppendPercent(b, n.V, int(n.Decimals))
}

// appendValue appends Value(ind, n) to b.
func (f Format) appendValue(b []byte, ind *model.Indicator, n model.Num) []byte {
	switch {
	case !n.Known:
		return append(b, "—"...)
	case ind.Unit == model.Percent:
		return f.AppendPercent(b, n.V, int(n.Decimals))
	case ind.Unit.Whole():
		return f.AppendNumber(b, math.Round(n.V), 0)
	}
	return f.AppendNumber(b, n.V, max(int(n.Decimals), 0))
}

// WithUnit is a figure with its unit: "84.268 người", "80,58 %".
func (f Format) WithUnit(ind *model.Indicator, n model.Num) string {
	if ind.Unit == model.Percent {
		return f.Value(ind, n)
	}
	return f.Value(ind, n) + " " + f.Unit(ind)
}

// GapWords introduces a remaining gap: people are "still to enrol", other figures are
// "still missing".
func (f Format) GapWords(ind *model.Indicator) string {
	if ind.Unit == model.People {
		return f.TS("gap_remaining")
	}
	return f.TS("gap_remaining.other")
}

// Unit is the indicator's noun, or its unit's name.
func (f Format) Unit(ind *model.Indicator) string {
	if noun := ind.Noun.In(f.Code); noun != "" {
		return noun
	}
	return f.TS("unit." + string(ind.Unit))
}

// Base names a rate's denominator, or "" for none.
func (f Format) Base(b model.Base) string {
	if b == model.NoBase {
		return ""
	}
	return f.TS("base." + b.String())
}

// Name is a locality's name in the language.
func (f Format) Name(l *model.Locality) string { return l.Name.In(f.Code) }

// Label is a name that tells same-named territories apart: a former locality gets its end
// date, "Cần Thơ (đến 30/6/2025)".
func (f Format) Label(l *model.Locality) string {
	if !l.Ended() {
		return f.Name(l)
	}
	return f.Name(l) + " (" + f.TS("ended_short", f.Date(l.Until)) + ")"
}

// Kind is the name of a locality's level: "Phường", "Tỉnh".
func (f Format) Kind(l *model.Locality) string { return f.TS("kind." + string(l.Kind)) }

// Short is an indicator's short name: "BHYT".
func (f Format) Short(ind *model.Indicator) string { return ind.Short.In(f.Code) }

// IndicatorName is an indicator's full name.
func (f Format) IndicatorName(ind *model.Indicator) string { return ind.Name.In(f.Code) }

// PlanTitle is a plan's title.
func (f Format) PlanTitle(p *model.Plan) string { return p.Title.In(f.Code) }

// PlanName is how a plan is cited in a line: its number, or its title when it has none.
func (f Format) PlanName(p *model.Plan) string {
	if p.Number != "" {
		return p.Number
	}
	return f.PlanTitle(p)
}

// Issuer is who issued a plan.
func (f Format) Issuer(p *model.Plan) string { return p.Issuer.In(f.Code) }

// Status is a status's label.
func (f Format) Status(s model.Status) string { return f.TS("status." + string(s)) }
