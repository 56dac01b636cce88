package model_test

import (
	"cmp"
	"os"
	"reflect"
	"slices"
	"sync"
	"testing"

	"github.com/covsite/covsite/internal/gen/gentest"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
)

// TargetsFor is, for every locality and indicator, the site's targets of both in
// Site.Targets order, sorted stably by period — also when pages ask for them at once: on
// the example site, and on a generated one whose plans do not come in the order of their
// periods. ResultsFor is the site's results of both, oldest first; TargetsOf and ResultsOf
// a locality's in the site's order.
func TestTargetsForIsEveryTargetByPeriod(t *testing.T) {
	example, _ := exampleSite(t)
	raw, diags := load.Load(os.DirFS(gentest.Site(t, 0.01)))
	national, more := model.Build(raw)
	if diags.Merge(more); diags.HasErrors() {
		t.Fatal(diags.Err("en"))
	}
	for _, s := range []*model.Site{example, national} {
		checkTargetsFor(t, s)
	}
}

func checkTargetsFor(t *testing.T, s *model.Site) {
	t.Helper()
	want := func(l *model.Locality, ind *model.Indicator) []*model.Target {
		var out []*model.Target
		for _, tg := range s.Targets {
			if tg.Locality == l && tg.Indicator == ind {
				out = append(out, tg)
			}
		}
		slices.SortStableFunc(out, func(a, b *model.Target) int {
			return cmp.Or(a.Period.Start.Compare(b.Period.Start), a.Period.End.Compare(b.Period.End))
		})
		return out
	}
	some := 0
	var wg sync.WaitGroup
	for range 4 { // as pages do, on several goroutines
		wg.Go(func() {
			for _, l := range s.Localities {
				for _, ind := range s.Indicators {
					if got := s.TargetsFor(l, ind); !slices.Equal(got, want(l, ind)) {
						t.Errorf("TargetsFor(%s, %s) = %d targets, want %d in their order", l.ID, ind.ID, len(got), len(want(l, ind)))
					}
				}
			}
		})
	}
	wg.Wait()
	for _, l := range s.Localities {
		var targets []*model.Target
		for _, tg := range s.Targets {
			if tg.Locality == l {
				targets = append(targets, tg)
			}
		}
		var results []*model.Result
		for _, r := range s.Results {
			if r.Locality == l {
				results = append(results, r)
			}
		}
		if !slices.Equal(s.TargetsOf(l), targets) || !slices.Equal(s.ResultsOf(l), results) {
			t.Errorf("TargetsOf(%s), ResultsOf(%s): %d and %d, want %d and %d in the site's order", l.ID, l.ID, len(s.TargetsOf(l)), len(s.ResultsOf(l)), len(targets), len(results))
		}
		for _, ind := range s.Indicators {
			if len(want(l, ind)) > 1 {
				some++
			}
			var of []*model.Result
			for _, r := range results {
				if r.Indicator == ind {
					of = append(of, r)
				}
			}
			got := s.ResultsFor(l, ind)
			sorted := slices.IsSortedFunc(got, func(a, b *model.Result) int { return a.AsOf.Compare(b.AsOf) })
			if len(got) != len(of) || !sorted || slices.ContainsFunc(of, func(r *model.Result) bool { return !slices.Contains(got, r) }) {
				t.Errorf("ResultsFor(%s, %s) = %d results, want the %d of both, oldest first", l.ID, ind.ID, len(got), len(of))
			}
		}
	}
	if some == 0 {
		t.Fatal("the site has no locality with two targets of an indicator: the test shows nothing")
	}
}

// A locality's Local answers as the site does: its targets, results, latest result and
// standing of every indicator, and the assessment of every target (its own and others').
func TestLocalIsTheSites(t *testing.T) {
	example, _ := exampleSite(t)
	raw, diags := load.Load(os.DirFS(gentest.Site(t, 0.01)))
	national, more := model.Build(raw)
	if diags.Merge(more); diags.HasErrors() {
		t.Fatal(diags.Err("en"))
	}
	for _, s := range []*model.Site{example, national} {
		other := s.Targets[len(s.Targets)-1]
		for _, l := range s.Localities {
			x := s.Local(l)
			for _, ind := range s.Indicators {
				if !slices.Equal(x.TargetsFor(ind), s.TargetsFor(l, ind)) || !slices.Equal(x.ResultsFor(ind), s.ResultsFor(l, ind)) ||
					x.LatestResult(ind) != s.LatestResult(l, ind) {
					t.Errorf("Local(%s) of %s: not the site's targets and results", l.ID, ind.ID)
				}
				got, ok := x.StandingOf(ind)
				want, wantOK := s.StandingOf(l, ind)
				if got != want || ok != wantOK {
					t.Errorf("Local(%s).StandingOf(%s) = %+v, %v; site: %+v, %v", l.ID, ind.ID, got, ok, want, wantOK)
				}
			}
			for _, tg := range append(slices.Clone(s.TargetsOf(l)), other) {
				if got, want := x.Assess(tg), s.Assess(tg); !reflect.DeepEqual(got, want) {
					t.Errorf("Local(%s).Assess(%s %s %s) = %+v, site: %+v", l.ID, tg.Plan.ID, tg.Indicator.ID, tg.Period.Text, got, want)
				}
			}
		}
	}
}
