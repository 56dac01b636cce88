package load_test

import (
	"fmt"
	"testing"

	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
)

// A site loaded with Lazy (its plans and results files decoded while they are linked, as
// build and check do) links into the same site, with the same problems, as one loaded
// with Load: for the clean site and every case of testdata/bad.
func TestLazyIsLoad(t *testing.T) {
	for _, name := range append([]string{""}, badCases(t)...) {
		t.Run(name, func(t *testing.T) {
			site := caseSite(t, name)
			raw, diags := load.Load(site)
			want, more := model.Build(raw, model.ReleaseRows())
			diags.Merge(more)

			lazy, lazyDiags := load.Lazy(site)
			if len(lazy.Plans) != 0 || len(lazy.Reports) != 0 || lazy.Pending == nil {
				t.Fatalf("Lazy decoded %d plans and %d reports up front", len(lazy.Plans), len(lazy.Reports))
			}
			got, more := model.Build(lazy, model.ReleaseRows())
			lazyDiags.Merge(lazy.Pending.Diags())
			lazyDiags.Merge(more)

			for _, lang := range []string{"vi", "en"} {
				if g, w := checkOutput(t, lazyDiags, lang), checkOutput(t, diags, lang); g != w {
					t.Errorf("%s: diagnostics differ\n--- lazy:\n%s--- load:\n%s", lang, g, w)
				}
			}
			if g, w := shape(got), shape(want); g != w {
				t.Errorf("linked site differs\nlazy: %s\nload: %s", g, w)
			}
		})
	}
}

// shape is what a linked site holds, in order, with every figure's position.
func shape(s *model.Site) string {
	out := fmt.Sprintf("%d plans, %d targets, %d sources, %d results, %d comparisons\n",
		len(s.Plans), len(s.Targets), len(s.Sources), len(s.Results), len(s.Comparisons))
	for _, p := range s.Plans {
		out += p.ID + " "
	}
	for _, t := range s.Targets {
		out += fmt.Sprintf("%s %s %s %v %s\n", t.Plan.ID, t.Locality.ID, t.Indicator.ID, t.Value, t.Pos())
	}
	for _, r := range s.Results {
		out += fmt.Sprintf("%s %s %s %v %s\n", r.Source.ID, r.Locality.ID, r.Indicator.ID, r.Value, r.Pos())
	}
	return out
}
