package model

import (
	"math"
	"testing"

	"github.com/covsite/covsite/internal/date"
)

func d(s string) date.Date {
	v, err := date.Parse(s)
	if err != nil {
		panic(err)
	}
	return v
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// The figures below are the seeds' own (Trà Vinh conference 26/7/2023, Cần Thơ 11/7/2019).
func TestImpliedTarget(t *testing.T) {
	tests := []struct {
		name          string
		result, share float64
		unit          Unit
		want          float64
	}{
		{"Trà Vinh BHXH tự nguyện: 16.238 at 78,07 %", 16238, 78.07, People, 20799},
		{"Trà Vinh BHYT: 821.563 at 85 %", 821563, 85, People, 966545},
		{"Trà Vinh BHXH: 84.268 at 74,62 %", 84268, 74.62, People, 112930},
		{"Cần Thơ BHXH bắt buộc: 123.784 at 95,10 %", 123784, 95.10, People, 130162},
		{"Cần Thơ BHXH tự nguyện: 5.055 at 86,72 %", 5055, 86.72, People, 5829},
		{"Cần Thơ revenue: 1.395.647 million at 45,20 %, in the document's whole millions", 1395647, 45.20, MillionVND, 3087715},
		{"money written with one decimal keeps one", 1395647.5, 45.20, MillionVND, 3087715.7},
		{"zero share implies nothing", 100, 0, People, math.NaN()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ImpliedTarget(Known(tt.result, decimalsOf(tt.result)), tt.share, tt.unit)
			if math.IsNaN(tt.want) {
				if got.Known {
					t.Fatalf("got %v, want unknown", got)
				}
				return
			}
			if !got.Known || got.V != tt.want {
				t.Fatalf("ImpliedTarget(%v, %v) = %v, want %v", tt.result, tt.share, got, tt.want)
			}
		})
	}
}

func TestShareGapAndAgreement(t *testing.T) {
	tests := []struct {
		name           string
		result, target float64
		reported       Num
		wantShare      float64
		wantGap        float64
		wantAgree      bool
	}{
		// 821.563 + 144.957 still needed = 966.520; the source says 85 %.
		{"BHYT province", 821563, 821563 + 144957, Known(85, 0), 85.0, 144957, true},
		// 84.268 + 28.668 = 112.936; the source says 74,62 %.
		{"BHXH province", 84268, 84268 + 28668, Known(74.62, 2), 74.62, 28668, true},
		// 16.238 + 4.516 = 20.754 gives 78,24 %; the source says 78,07 %: flagged.
		{"BHXH tự nguyện province", 16238, 16238 + 4516, Known(78.07, 2), 78.24, 4516, false},
		{"met and beyond: gap never below 0", 120, 100, Unknown, 120, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			share := ShareOfTarget(Known(tt.result, 0), Known(tt.target, 0))
			if !near(share.V, tt.wantShare, 0.005) {
				t.Errorf("share = %.4f, want %.2f", share.V, tt.wantShare)
			}
			if gap := RemainingGap(Known(tt.result, 0), Known(tt.target, 0), HigherIsBetter); gap.V != tt.wantGap {
				t.Errorf("gap = %v, want %v", gap.V, tt.wantGap)
			}
			if got := SharesAgree(tt.reported, share); got != tt.wantAgree {
				t.Errorf("SharesAgree(%v, %.4f) = %v, want %v", tt.reported.V, share.V, got, tt.wantAgree)
			}
		})
	}
}

func TestCoverageRate(t *testing.T) {
	tests := []struct {
		name         string
		participants Num
		denominator  Num
		want         Num
	}{
		{"known", Known(821563, 0), Known(1019562, 0), Known(80.58, 2)},
		{"missing denominator is unknown, never 0 %", Known(821563, 0), Unknown, Unknown},
		{"zero denominator is unknown, never NaN", Known(5, 0), Known(0, 0), Unknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CoverageRate(tt.participants, tt.denominator)
			if got.Known != tt.want.Known || (got.Known && !near(got.V, tt.want.V, 0.005)) {
				t.Fatalf("CoverageRate = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestRemainingGapLowerIsBetter(t *testing.T) {
	// Arrears ceiling 1,92 % in Q1 2023 (plan 49/KH-BCĐ); a ratio of 1,71 % is within it.
	if g := RemainingGap(Known(1.71, 2), Known(1.92, 2), LowerIsBetter); g.V != 0 {
		t.Fatalf("within the ceiling, excess = %v, want 0", g.V)
	}
	if g := RemainingGap(Known(2.10, 2), Known(1.92, 2), LowerIsBetter); !near(g.V, 0.18, 1e-9) {
		t.Fatalf("over the ceiling, excess = %v, want 0,18", g.V)
	}
}

func TestPacePerMonth(t *testing.T) {
	tests := []struct {
		name           string
		gap            float64
		asOf, deadline string
		want           float64
		known          bool
	}{
		// 144.957 still needed from 30/6 to 31/12/2023: six months.
		{"Trà Vinh BHYT second half", 144957, "2023-06-30", "2023-12-31", 24159.5, true},
		{"Trà Vinh BHXH", 28668, "2023-06-30", "2023-12-31", 4778, true},
		{"Cần Thơ 2025 to 20/12", 3000, "2025-08-31", "2025-12-20", 3000 / (3 + 20.0/31), true},
		{"deadline passed", 100, "2024-01-31", "2023-12-31", 0, false},
		{"nothing left", 0, "2023-06-30", "2023-12-31", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := PacePerMonth(Known(tt.gap, 0), d(tt.asOf), d(tt.deadline))
			if got.Known != tt.known || (tt.known && !near(got.V, tt.want, 0.01)) {
				t.Fatalf("PacePerMonth = %+v, want %v (known %v)", got, tt.want, tt.known)
			}
		})
	}
}

func TestExpectedValueAndElapsed(t *testing.T) {
	// Cần Thơ compulsory BHXH: 122.981 at 31/12/2018 (123.784 − 803), target ≈130.162 for 2019.
	start, asOf, end := d("2019-01-01"), d("2019-06-30"), d("2019-12-31")
	e := ElapsedShare(start, asOf, end)
	if !near(e, 180.0/364, 1e-9) {
		t.Fatalf("elapsed = %v", e)
	}
	got := ExpectedValue(Known(122981, 0), Known(130162, 0), start, asOf, end)
	if !near(got.V, 122981+7181*180.0/364, 0.001) {
		t.Fatalf("expected = %v", got.V)
	}
	if ExpectedValue(Unknown, Known(1, 0), start, asOf, end).Known {
		t.Fatal("no baseline must give no expectation")
	}
}

// decimalsOf is how many decimals a test figure is written with (at most 2).
func decimalsOf(v float64) int {
	for d := 0; d < 2; d++ {
		if v*math.Pow(10, float64(d)) == math.Trunc(v*math.Pow(10, float64(d))) {
			return d
		}
	}
	return 2
}

// decimals counts the digits after the point as written, underscores left out.
func TestDecimals(t *testing.T) {
	for _, tc := range []struct {
		raw  string
		want int
	}{
		{"494_734", 0}, {"85", 0}, {"78.07", 2}, {"1_000.5", 1}, {"0.123_4", 4}, {"1.5e3", 1}, {"2.25E-1", 2}, {"1_2.3_4_5e1_0", 3}, {"-3.0", 1},
	} {
		if got := WrittenDecimals(tc.raw); got != tc.want {
			t.Errorf("WrittenDecimals(%q) = %d, want %d", tc.raw, got, tc.want)
		}
	}
}
