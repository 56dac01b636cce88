package model_test

import (
	"cmp"
	"os"
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
// periods.
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
		for _, ind := range s.Indicators {
			if len(want(l, ind)) > 1 {
				some++
			}
		}
	}
	if some == 0 {
		t.Fatal("the site has no locality with two targets of an indicator: the test shows nothing")
	}
}
