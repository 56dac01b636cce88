package model

import (
	"testing"

	"github.com/covsite/covsite/internal/date"
)

// A target's baseline is the result with a value dated the eve of its period that the
// pages show (the last of that day in ResultsFor's order: precedence.go), of any number of
// results of that day and others before and after it.
func TestBaselineIsTheEvesShownValue(t *testing.T) {
	ind := &Indicator{ID: "bhyt", Unit: People, Direction: HigherIsBetter}
	loc := &Locality{ID: "x"}
	src := &Source{ID: "s"}
	day := func(s string) date.Date {
		d, err := date.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	result := func(asOf string, v Num) *Result {
		return &Result{Source: src, Locality: loc, Indicator: ind, AsOf: day(asOf), Value: v, ResultDetail: &ResultDetail{ResultStated: &ResultStated{}}}
	}
	period, err := date.ParsePeriod("2024")
	if err != nil {
		t.Fatal(err)
	}
	target := &Target{Plan: &Plan{ID: "p"}, Locality: loc, Indicator: ind, Period: period, Deadline: period.End, DeadlineGiven: true,
		Value: Known(1000, 0), TargetDetail: &TargetDetail{TargetStated: &TargetStated{}}}
	for _, tt := range []struct {
		name    string
		results []*Result
		want    Num
	}{
		{"the eve's value shown", []*Result{result("2024-06-30", Known(900, 0)), result("2023-12-31", Unknown), result("2023-06-30", Known(700, 0)),
			result("2023-12-31", Known(800, 0)), result("2023-12-31", Known(810, 0)), result("2024-01-01", Known(805, 0))}, Known(810, 0)},
		{"the eve's value shown, before one without", []*Result{result("2023-12-31", Known(800, 0)), result("2023-12-31", Unknown),
			result("2024-06-30", Known(900, 0))}, Known(800, 0)},
		{"no value on the eve", []*Result{result("2023-12-30", Known(790, 0)), result("2023-12-31", Unknown), result("2024-06-30", Known(900, 0))}, Unknown},
		{"nothing before", []*Result{result("2024-06-30", Known(900, 0))}, Unknown},
	} {
		s := &Site{Indicators: []*Indicator{ind}, Localities: []*Locality{loc}, Sources: []*Source{src}, Targets: []*Target{target}, Results: tt.results}
		s.index = newIndex(s)
		if p := s.Assess(target); p.Result == nil || p.Baseline != tt.want {
			t.Errorf("%s: baseline %+v, want %+v", tt.name, p.Baseline, tt.want)
		}
	}
}
