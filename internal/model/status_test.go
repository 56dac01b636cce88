package model_test

import (
	"testing"
	"testing/fstest"

	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
)

// fixture is a small site: a city with two wards, a plan with a milestone and an arrears
// ceiling, and results at several dates.
var fixture = fstest.MapFS{
	"data/site.toml": {Data: []byte(`title = "T"`)},
	"data/indicators.toml": {Data: []byte(`
[[indicator]]
id = "bhyt"
name = "BHYT"
unit = "people"
denominator = "population"
[[indicator]]
id = "no"
name = "Tỷ lệ nợ"
unit = "percent"
direction = "lower"
`)},
	"data/localities/a.toml": {Data: []byte(`
[[locality]]
id = "city"
name = "City"
kind = "thanh-pho"
[[locality]]
id = "w1"
name = "Phường 1"
kind = "phuong"
parent = "city"
[[locality]]
id = "w2"
name = "Phường 2"
kind = "phuong"
parent = "city"
`)},
	"data/denominators/a.toml": {Data: []byte(`
[[denominator]]
locality = "city"
year = 2023
population = 1000
[[denominator]]
locality = "w1"
year = 2023
population = 400
[[denominator]]
locality = "w2"
year = 2023
population = 600
`)},
	"data/plans/p.toml": {Data: []byte(`
title = "P"
issuer = "UBND"
locality = "city"
period = "2023"
[[target]]
bhyt = 900
[[target]]
locality = "w1"
bhyt = 380
[[target]]
locality = "w2"
bhyt = 520
[[target]]
period = "2023-Q1"
no = 1.92
[[target]]
period = "2023-Q2"
no = 1.75
[[milestone]]
indicator = "bhyt"
by = 2023-06-30
share = 93
`)},
	"data/results/r.toml": {Data: []byte(`
[source]
title = "R"
kind = "report"
published = 2023-07-10
publisher = "BHXH"
[[result]]
locality = "city"
as_of = 2023-06-30
bhyt = 800
no = 1.80
[[result]]
locality = "w1"
as_of = 2023-06-30
bhyt = 372
[[result]]
locality = "w2"
as_of = 2023-06-30
bhyt = 430
[[result]]
locality = "city"
as_of = 2023-03-31
no = 1.71
`)},
}

func fixtureSite(t *testing.T) *model.Site {
	t.Helper()
	raw, diags := load.Load(fixture)
	s, more := model.Build(raw)
	diags.Merge(more)
	if err := diags.Err("en"); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestStatusRules(t *testing.T) {
	s := fixtureSite(t)
	tests := []struct {
		loc, ind, period string
		want             model.Status
	}{
		{"w1", "bhyt", "2023", model.StatusOnTrack},   // 372/380 = 97,9 % ≥ milestone 93 %
		{"w2", "bhyt", "2023", model.StatusBehind},    // 430/520 = 82,7 % < 93 %
		{"city", "bhyt", "2023", model.StatusBehind},  // 800/900 = 88,9 %
		{"city", "no", "2023-Q1", model.StatusMet},    // 1,71 ≤ 1,92
		{"city", "no", "2023-Q2", model.StatusMissed}, // 1,80 > 1,75 at the deadline
	}
	for _, tt := range tests {
		var got model.Status = "none"
		for _, tg := range s.TargetsFor(s.Locality(tt.loc), s.Indicator(tt.ind)) {
			if tg.Period.Text == tt.period {
				got = s.Assess(tg).Status
			}
		}
		if got != tt.want {
			t.Errorf("%s %s %s: status %s, want %s", tt.loc, tt.ind, tt.period, got, tt.want)
		}
	}
}

func TestStandingAmongSiblings(t *testing.T) {
	s := fixtureSite(t)
	// w1: 372/400 = 93 %; city: 800/1000 = 80 %; w2: 430/600 = 71,67 %.
	st, ok := s.StandingOf(s.Locality("w1"), s.Indicator("bhyt"))
	if !ok || st.Rank != 1 || st.Of != 2 || st.Difference.V < 12.99 || st.Difference.V > 13.01 {
		t.Fatalf("w1 standing = %+v", st)
	}
	st, _ = s.StandingOf(s.Locality("w2"), s.Indicator("bhyt"))
	if st.Rank != 2 || st.Difference.V > -8.33 || st.Difference.V < -8.34 {
		t.Fatalf("w2 standing = %+v", st)
	}
}

func TestCoverageRateFromDenominators(t *testing.T) {
	s := fixtureSite(t)
	r := s.LatestResult(s.Locality("city"), s.Indicator("bhyt"))
	rate, calc := s.RateWithCalc(r)
	if !rate.Known || rate.V != 80 || calc.How != model.RateFromDenominator || calc.Inputs[1].V != 1000 {
		t.Fatalf("rate = %+v (%+v), want 80 = 800 ÷ 1000, marked computed", rate, calc)
	}
}

// A status from a straight line says so, and says when the line starts from a figure the
// site derived by subtraction; an implied target (no deadline in its document) gives none.
func TestStatusBasis(t *testing.T) {
	site := fstest.MapFS{}
	for k, v := range fixture {
		site[k] = v
	}
	site["data/plans/q.toml"] = &fstest.MapFile{Data: []byte(`
title = "Q"
issuer = "UBND"
locality = "w1"
period = "2024"
[[target]]
bhyt = 400
`)}
	site["data/results/s.toml"] = &fstest.MapFile{Data: []byte(`
[source]
title = "S"
kind = "news"
publisher = "Báo"
[[result]]
locality = "w1"
as_of = 2024-06-30
change_since = 2023-12-31
bhyt = 390
change.bhyt = 20
[[result]]
locality = "w2"
as_of = 2024-06-30
plan = "q"
bhyt = 500
share.bhyt = 80
`)}
	raw, diags := load.Load(site)
	s, more := model.Build(raw)
	diags.Merge(more)
	if err := diags.Err("en"); err != nil {
		t.Fatal(err)
	}
	var line, implied model.Progress
	for _, tg := range s.Plan("q").Targets {
		switch tg.Locality.ID {
		case "w1":
			line = s.Assess(tg)
		case "w2":
			implied = s.Assess(tg)
		}
	}
	// 370 at the start of 2024 (390 − 20), halfway to 400 by 30/6 is ≈ 385: 390 is on track.
	if line.Status != model.StatusOnTrack || !line.StraightLine || !line.FromComputed || line.BaselineCalc.How != model.Difference {
		t.Errorf("straight line: %s, straight %v, computed %v, baseline %+v", line.Status, line.StraightLine, line.FromComputed, line.BaselineCalc)
	}
	if implied.Status != model.StatusInProgress || !implied.NoDeadline || !implied.FromComputed || implied.Goal.V != 625 {
		t.Errorf("implied: %s, no deadline %v, computed %v, goal %v", implied.Status, implied.NoDeadline, implied.FromComputed, implied.Goal)
	}
	if c := implied.Target.Credit; !c.Inferred || c.Authority != "" || c.Source == nil || c.Source.ID != "s" {
		t.Errorf("implied credit = %+v, want inferred, no authority, theo s", c)
	}
}

func TestResultRollup(t *testing.T) {
	s := fixtureSite(t)
	rus := s.ResultRollups(s.Locality("city"))
	if len(rus) != 1 {
		t.Fatalf("roll-ups = %+v, want one (bhyt; the arrears ratio is not additive)", rus)
	}
	ru := rus[0]
	if ru.ChildrenSum != 802 || ru.Parent.Value.V != 800 || !ru.Complete() || !ru.Differs() || ru.Difference() != -2 {
		t.Fatalf("roll-up = %+v", ru)
	}
}

// A results row that names the decision of the target it measures against credits that
// decision, not inferred; set_by.<plan> credits each plan's target to its own authority.
func TestCreditFromANamedDecision(t *testing.T) {
	site := fstest.MapFS{}
	for k, v := range fixture {
		site[k] = v
	}
	site["data/plans/q.toml"] = &fstest.MapFile{Data: []byte(`
title = "Q"
issuer = "UBND"
locality = "city"
period = "2023"
`)}
	site["data/results/r.toml"] = &fstest.MapFile{Data: []byte(`
[source]
title = "R"
kind = "report"
publisher = "BHXH"
[[result]]
locality = "city"
as_of = 2023-06-30
plan = ["p", "q"]
set_by.p = "UBND tỉnh"
set_by.q = "Tỉnh ủy"
decision = "12/QĐ-UBND"
bhyt = 800
share.bhyt = 80
`)}
	raw, diags := load.Load(site)
	s, more := model.Build(raw)
	diags.Merge(more)
	if err := diags.Err("en"); err != nil {
		t.Fatal(err)
	}
	var c, cp *model.Credit
	for _, tg := range s.Plan("q").Targets {
		c = tg.Credit
	}
	for _, tg := range s.Plan("p").Targets {
		if tg.Implied {
			cp = tg.Credit
		}
	}
	if cp != nil {
		t.Errorf("plan p publishes its own city target, so nothing is implied for it: %+v", cp)
	}
	if c.Authority != "Tỉnh ủy" || c.Decision != "12/QĐ-UBND" || c.Inferred || c.Source == nil || c.Source.ID != "r" {
		t.Errorf("credit = %+v, want Tỉnh ủy, 12/QĐ-UBND, not inferred, reported by r", c)
	}
}

// RateOf is RateWithCalc's rate, for every result of the example site and of the fixture,
// and makes nothing: a page asks for rates alone, and RateWithCalc's Calc of a rate from a
// denominator is an allocation.
func TestRateOfIsRateWithCalcs(t *testing.T) {
	example, _ := exampleSite(t)
	n := 0
	for _, s := range []*model.Site{example, fixtureSite(t)} {
		for _, r := range s.Results {
			rate, _ := s.RateWithCalc(r)
			if got := s.RateOf(r); got != rate {
				t.Errorf("%s %s %s: RateOf %+v, RateWithCalc %+v", r.Locality.ID, r.Indicator.ID, r.AsOf, got, rate)
			}
			if allocs := testing.AllocsPerRun(10, func() { s.RateOf(r) }); allocs != 0 {
				t.Errorf("%s %s %s: RateOf makes %v allocations", r.Locality.ID, r.Indicator.ID, r.AsOf, allocs)
			}
			n++
		}
	}
	if n == 0 {
		t.Fatal("no result to rate")
	}
}
