package load_test

import (
	"fmt"
	"path/filepath"
	"reflect"
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

// A site loaded lazily through a cache and its store (Cache.Lazy, as a build with a cache
// loads it: each plans and results file decoded from the store, or from its source, while
// it is linked) links into the same site, with the same problems, as one loaded with Load:
// for the clean site and every case of testdata/bad, with an empty store (which the load
// fills) and with the filled one; Values gives each results file's report as Load does.
func TestCachedLazyIsLoad(t *testing.T) {
	for _, name := range append([]string{""}, badCases(t)...) {
		t.Run(name, func(t *testing.T) {
			site := caseSite(t, name)
			raw, diags := load.Load(site)
			reports := map[string]load.Report{}
			for _, r := range raw.Reports {
				reports[r.Pos.File] = r
			}
			want, more := model.Build(raw, model.ReleaseRows())
			diags.Merge(more)

			path := filepath.Join(t.TempDir(), "load.bin")
			for pass, from := range []string{"an empty store", "the filled store"} {
				st, err := load.OpenStore(path, "v1")
				if err != nil {
					t.Fatal(err)
				}
				c := &load.Cache{}
				c.UseStore(st)
				lazy, lazyDiags := c.Lazy(site)
				if len(lazy.Plans) != 0 || len(lazy.Reports) != 0 || lazy.Pending == nil {
					t.Fatalf("%s: Lazy decoded %d plans and %d reports up front", from, len(lazy.Plans), len(lazy.Reports))
				}
				got, more := model.Build(lazy, model.ReleaseRows())
				lazyDiags.Merge(lazy.Pending.Diags())
				lazyDiags.Merge(more)
				for _, lang := range []string{"vi", "en"} {
					if g, w := checkOutput(t, lazyDiags, lang), checkOutput(t, diags, lang); g != w {
						t.Errorf("%s, %s: diagnostics differ\n--- lazy:\n%s--- load:\n%s", from, lang, g, w)
					}
				}
				if g, w := shape(got), shape(want); g != w {
					t.Errorf("%s: linked site differs\nlazy: %s\nload: %s", from, g, w)
				}
				if pass == 1 && name == "" && c.FromStore() == 0 {
					t.Errorf("%s: no file was taken from the store", from)
				}
				if v := lazy.Pending.Reports.Valued(); len(v) != len(reports) {
					t.Errorf("%s: %d results files gave a report, Load has %d", from, len(v), len(reports))
				}
				for _, f := range lazy.Pending.Reports.Valued() {
					values, ok := c.Values(f)
					if r, isReports := values.([]load.Report); !ok || !isReports || len(r) != 1 || !reflect.DeepEqual(r[0], reports[f]) {
						t.Errorf("%s: Values(%s) is not Load's report", from, f)
					}
				}
				if err := c.WriteStore(path, "v1"); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}
