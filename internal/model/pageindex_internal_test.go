package model

import (
	"slices"
	"testing"

	"github.com/covsite/covsite/internal/date"
)

// A locality's targets of an indicator come oldest period first, in their given order
// when two periods start and end together, whatever order the plans gave them in.
func TestLocalTargetsByPeriod(t *testing.T) {
	bhxh, bhyt := &Indicator{ID: "bhxh", Order: 0}, &Indicator{ID: "bhyt", Order: 2}
	period := func(s string) date.Period {
		p, err := date.ParsePeriod(s)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := &Target{Indicator: bhyt, Period: period("2025")}
	b := &Target{Indicator: bhxh, Period: period("2021/2025")}
	c := &Target{Indicator: bhyt, Period: period("2023")}
	d := &Target{Indicator: bhyt, Period: period("2023-Q1")}
	e := &Target{Indicator: bhyt, Period: period("2023")}
	f := &Target{Indicator: bhxh, Period: period("2021")}
	all := []*Target{a, b, c, d, e, f}
	var lt localIndex
	lt.indexTargets(all, make([]*Target, len(all)))
	for _, tt := range []struct {
		ind  *Indicator
		want []*Target
	}{
		{bhxh, []*Target{f, b}},
		{bhyt, []*Target{d, c, e, a}},
		{&Indicator{ID: "bhtn", Order: 1}, nil},
		{&Indicator{ID: "hai-long", Order: 9}, nil},
	} {
		if got := lt.targetsFor(tt.ind); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %d targets out of order: %v", tt.ind.ID, len(got), got)
		}
	}
}
