package gen_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/build"
	"github.com/covsite/covsite/internal/gen"
	"github.com/covsite/covsite/internal/gen/gentest"
	"github.com/covsite/covsite/internal/textutil"
)

// readTree returns every file under dir (slash path → bytes).
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// The same seed and scale give the same bytes; another seed gives other figures.
func TestGenerateIsDeterministic(t *testing.T) {
	ind := gentest.Indicators(t)
	gen1 := func(seed uint64) map[string][]byte {
		dir := filepath.Join(t.TempDir(), "site")
		if _, err := gen.Generate(dir, gen.Options{Scale: 0.03, Seed: seed, Indicators: ind}); err != nil {
			t.Fatal(err)
		}
		return readTree(t, dir)
	}
	a, b, c := gen1(7), gen1(7), gen1(8)
	if len(a) != len(b) {
		t.Fatalf("two runs wrote %d and %d files", len(a), len(b))
	}
	for name, body := range a {
		if !bytes.Equal(body, b[name]) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
	}
	differ := 0
	for name, body := range a {
		if !bytes.Equal(body, c[name]) {
			differ++
		}
	}
	if differ == 0 {
		t.Error("seeds 7 and 8 gave the same dataset")
	}
	if !bytes.Equal(a["data/indicators.toml"], ind) {
		t.Error("data/indicators.toml is not a copy of the indicators given")
	}
}

// The dataset passes `covsite check` without a single error or warning, and has the shape
// of the country: 63 provinces before 1/7/2025, 34 since, districts only before.
func TestGeneratedSiteChecksClean(t *testing.T) {
	dir := gentest.Site(t, 0.05)
	site, diags := build.Check(dir)
	for _, d := range diags.Items() {
		t.Errorf("%s", d.Text("en"))
	}
	if diags.Len() > 0 {
		return
	}
	counts := map[string]int{}
	for _, l := range site.Localities {
		if textutil.CheckID(l.ID) != "" {
			t.Errorf("id %q is not a valid id", l.ID)
		}
		switch {
		case l.Depth == 1 && l.Ended():
			counts["old provinces"]++
		case l.Depth == 1 && !l.Since.IsZero():
			counts["new provinces"]++
		case l.Depth == 1:
			counts["continuing provinces"]++
		case l.Depth == 2 && l.Ended():
			counts["districts"]++
			if l.Successor != nil {
				t.Errorf("district %s has a successor", l.ID)
			}
		case l.Depth == 3 && l.Ended():
			counts["old communes"]++
			if l.Successor == nil || l.Successor.Since.IsZero() {
				t.Errorf("commune %s has no successor since 1/7/2025", l.ID)
			}
		case l.Depth == 2:
			counts["new communes"]++
			if len(l.Predecessors) == 0 {
				t.Errorf("new commune %s has no predecessor", l.ID)
			}
		default:
			if l.ID != "vn" {
				t.Errorf("unexpected locality %s at depth %d", l.ID, l.Depth)
			}
		}
	}
	if got := counts["old provinces"] + counts["continuing provinces"]; got != 63 {
		t.Errorf("%d provinces before 1/7/2025, want 63", got)
	}
	if got := counts["new provinces"] + counts["continuing provinces"]; got != 34 {
		t.Errorf("%d provinces since 1/7/2025, want 34", got)
	}
	for _, k := range []string{"districts", "old communes", "new communes"} {
		if counts[k] == 0 {
			t.Errorf("no %s", k)
		}
	}
	// Every locality has targets and results for every indicator it carries, every year.
	for _, l := range site.Localities {
		for _, ind := range site.Indicators {
			if len(site.ResultsFor(l, ind)) > 0 && len(site.TargetsFor(l, ind)) == 0 {
				t.Errorf("%s has results but no target for %s", l.ID, ind.ID)
			}
		}
	}
	vn := site.Locality("vn")
	for _, ind := range site.Indicators {
		if n := len(site.ResultsFor(vn, ind)); n != 10 {
			t.Errorf("vn has %d results for %s, want 10 (30/6 and 31/12 of 2021–2025)", n, ind.ID)
		}
	}
	updates := 0
	for _, d := range site.Documents {
		if d.Section == "updates" {
			updates++
		}
	}
	if updates < 10 {
		t.Errorf("%d updates", updates)
	}
}

// Scale multiplies the counts of districts and communes.
func TestScaleMultipliesCounts(t *testing.T) {
	ind := gentest.Indicators(t)
	sum := func(scale float64) gen.Summary {
		s, err := gen.Generate(filepath.Join(t.TempDir(), "s"), gen.Options{Scale: scale, Seed: 1, Indicators: ind})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	small, big := sum(0.02), sum(0.2)
	if big.OldCommunes < 9*small.OldCommunes || big.NewCommunes < 5*small.NewCommunes {
		t.Errorf("scale 0.02: %v\nscale 0.2: %v", small, big)
	}
	if small.OldProvinces != 63 || small.NewProvinces != 34 {
		t.Errorf("provinces: %d before, %d since", small.OldProvinces, small.NewProvinces)
	}
}

// Generate refuses a directory that already holds files.
func TestGenerateRefusesNonEmptyDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := gen.Generate(dir, gen.Options{Scale: 0.01, Seed: 1, Indicators: gentest.Indicators(t)})
	if err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("err = %v", err)
	}
}
