package build

import (
	"slices"
	"testing"

	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/routes"
)

// The locality pages' weight at scale 0.1 (issue 13), raw HTML of both languages. The
// issue's targets, at scale 1: a median commune or ward page of at most 15 KB and an
// average locality page of at most 16 KB, so that the national site fits in 1 GB. These
// budgets hold what the lean markup and the lean chart islands reached together (measured at
// scale 0.1: ward median 13,813 bytes, locality average 16,868; at scale 1: see
// docs/performance.md), with a little room: a page that grows past them fails.
const (
	wardMedianBudget      = 14_300
	localityAverageBudget = 17_300
)

// checkLocalityPages: the median ward page and the average locality page of the rendered
// national dataset (sizes by path) fit their budgets.
func checkLocalityPages(t *testing.T, site *model.Site, sizes map[string]int) {
	t.Helper()
	var wards []int
	all, n := 0, 0
	for p, size := range sizes {
		kind, id := routes.Parse(p)
		if kind != routes.LocalityKind || !isItemPage(p) || routes.IsEmbed(p) {
			continue
		}
		all += size
		n++
		if l := site.Locality(id); l != nil && isWard(l) {
			wards = append(wards, size)
		}
	}
	if len(wards) < 100 || n < len(wards) {
		t.Fatalf("%d ward pages among %d locality pages: the dataset lacks them", len(wards), n)
	}
	slices.Sort(wards)
	median, average := wards[len(wards)/2], all/n
	t.Logf("locality pages: %d, average %d bytes (budget %d); ward pages: %d, median %d bytes (budget %d)", n, average, localityAverageBudget, len(wards), median, wardMedianBudget)
	for _, c := range []struct {
		what         string
		size, budget int
	}{{"the median ward page", median, wardMedianBudget}, {"the average locality page", average, localityAverageBudget}} {
		if c.size > c.budget {
			t.Errorf("%s is %d bytes, over its budget of %d", c.what, c.size, c.budget)
		}
	}
}
