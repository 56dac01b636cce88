package render

import (
	"slices"
	"testing"
	"time"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/model"
)

// latestResults keeps, in one pass, the results a stable sort of all by date (newest
// first) lists first, leaving out derived ones and those without a value.
func TestLatestResults(t *testing.T) {
	day := func(d int) date.Date { return date.New(2025, time.January, d) }
	var all []*model.Result
	for i := range 60 { // dates repeat: ties keep their order
		r := &model.Result{ResultDetail: &model.ResultDetail{ResultStated: &model.ResultStated{}}, AsOf: day(1 + i*7%13), Derived: i%11 == 3}
		r.Value.Known = i%9 != 4
		all = append(all, r)
	}
	stable := func(all []*model.Result, n int) []*model.Result {
		rs := slices.Clone(all)
		slices.SortStableFunc(rs, func(a, b *model.Result) int { return b.AsOf.Compare(a.AsOf) })
		rs = slices.DeleteFunc(rs, func(r *model.Result) bool { return !r.Value.Known || r.Derived })
		return rs[:min(n, len(rs))]
	}
	for _, tc := range []struct {
		name string
		all  []*model.Result
		n    int
	}{{"none", nil, 8}, {"n = 0", all, 0}, {"n = 1", all, 1}, {"the home page's 8", all, 8}, {"more than there are", all, 100}} {
		t.Run(tc.name, func(t *testing.T) {
			got, want := latestResults(tc.all, tc.n), stable(tc.all, tc.n)
			if !slices.Equal(got, want) {
				t.Errorf("got %d results, want %d, or another order", len(got), len(want))
			}
		})
	}
}
