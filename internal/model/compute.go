package model

import (
	"math"

	"github.com/covsite/covsite/internal/date"
)

// CoverageRate is participants ÷ denominator × 100, unknown when the denominator is not
// known or not positive (the page shows "—", never 0 % or NaN).
func CoverageRate(participants, denominator Num) Num {
	if !participants.Known || !denominator.Known || denominator.V <= 0 {
		return Unknown
	}
	return Known(participants.V/denominator.V*100, 2)
}

// ShareOfTarget is result ÷ target × 100: how much of the target is achieved.
func ShareOfTarget(result, target Num) Num {
	if !result.Known || !target.Known || target.V <= 0 {
		return Unknown
	}
	return Known(result.V/target.V*100, 2)
}

// RemainingGap is what is still needed to reach the target ("còn phải phát triển thêm"),
// never below zero. For lower-is-better measures it is the excess over the ceiling.
func RemainingGap(result, target Num, dir Direction) Num {
	if !result.Known || !target.Known {
		return Unknown
	}
	gap := target.V - result.V
	if dir == LowerIsBetter {
		gap = result.V - target.V
	}
	return Known(math.Max(0, gap), int(max(result.Decimals, target.Decimals)))
}

// ImpliedTarget is the target a result and its share imply: result ÷ share × 100, rounded
// as the document would write it — whole persons for people and counts, else the decimals
// the document wrote the result with (money in its own unit: 1.395.647 triệu đồng ÷ 45,20 %
// is 3.087.715 triệu đồng, not 3.087.714,6).
func ImpliedTarget(result Num, sharePercent float64, unit Unit) Num {
	if !result.Known || sharePercent <= 0 {
		return Unknown
	}
	v := result.V / sharePercent * 100
	if unit.Whole() {
		return Known(round(v), 0)
	}
	scale := math.Pow(10, float64(result.Decimals))
	return Known(math.Round(v*scale)/scale, int(result.Decimals))
}

// PacePerMonth is the gap divided by the months left from asOf to the deadline; unknown
// when the deadline has passed or there is no gap.
func PacePerMonth(gap Num, asOf, deadline date.Date) Num {
	months := asOf.MonthsUntil(deadline)
	if !gap.Known || gap.V <= 0 || months <= 0 {
		return Unknown
	}
	return Known(gap.V/months, 0)
}

// SharesAgree reports whether a share as the source wrote it matches the share computed
// from the figures, allowing for the rounding of the digits the source gave (85 allows
// ±0,5; 78,07 allows ±0,005) plus a hundredth for the source's own rounding of inputs.
func SharesAgree(reported, computed Num) bool {
	if !reported.Known || !computed.Known {
		return true
	}
	tolerance := 0.5*math.Pow(10, -float64(reported.Decimals)) + 0.01
	return math.Abs(reported.V-computed.V) <= tolerance
}

// ElapsedShare is the part of a period that has passed at asOf, from 0 to 1.
func ElapsedShare(start, asOf, deadline date.Date) float64 {
	total := start.HoursUntil(deadline)
	if total <= 0 {
		return 1
	}
	done := start.HoursUntil(asOf)
	return math.Min(1, math.Max(0, done/total))
}

// ExpectedValue is where a straight line from the baseline to the target stands at asOf.
func ExpectedValue(baseline, target Num, start, asOf, deadline date.Date) Num {
	if !baseline.Known || !target.Known {
		return Unknown
	}
	return Known(baseline.V+(target.V-baseline.V)*ElapsedShare(start, asOf, deadline), 0)
}

// PointDifference is a − b in percentage points.
func PointDifference(a, b Num) Num {
	if !a.Known || !b.Known {
		return Unknown
	}
	return Known(a.V-b.V, 2)
}
