package build

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
)

// A build reports when each of its phases ended, in the order they ran, each after the
// one before, and the CPU time used by then where the system tells it.
func TestRunReportsItsPhases(t *testing.T) {
	src := writeSite(t, minimalSite)
	for _, cache := range []string{"", filepath.Join(t.TempDir(), "cache")} {
		res, err := Run(context.Background(), Options{Source: src, Dest: filepath.Join(t.TempDir(), "public"), CacheDir: cache})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for i, p := range res.Phases {
			names = append(names, p.Name)
			if i > 0 && p.End < res.Phases[i-1].End {
				t.Errorf("cache %q: phase %q ended at %v, before %q (%v)", cache, p.Name, p.End, res.Phases[i-1].Name, res.Phases[i-1].End)
			}
			if p.End > res.Duration {
				t.Errorf("cache %q: phase %q ended at %v, after the build (%v)", cache, p.Name, p.End, res.Duration)
			}
		}
		want := []string{"data loaded", "model built", "data checked", "renderer set up", "theme checked",
			"pages listed", "paths checked", "links checked", "output opened", "pages rendered", "committed"}
		var got []string
		for _, n := range names {
			if slices.Contains(want, n) {
				got = append(got, n)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("cache %q: phases %v, want %v in that order", cache, names, want)
		}
		if last := res.Phases[len(res.Phases)-1]; processCPU() > 0 && last.CPU <= 0 {
			t.Errorf("cache %q: the last phase has no CPU time: %+v", cache, last)
		}
	}
}
