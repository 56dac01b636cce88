package model_test

import (
	"os"
	"slices"
	"testing"

	"github.com/covsite/covsite/internal/gen/gentest"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
)

// BenchmarkModel validates and links the synthetic national dataset of `covsite gen`
// (scale from COVSITE_BENCH_SCALE, default 1), loaded once: every check, the indexes and
// the roll-ups. `make bench` runs it; the numbers are in docs/performance.md.
func BenchmarkModel(b *testing.B) {
	raw, diags := load.Load(os.DirFS(gentest.Site(b, gentest.Scale(b, 1))))
	if diags.HasErrors() {
		b.Fatalf("the national dataset has errors: %v", diags.Err("en"))
	}
	var site *model.Site
	for b.Loop() {
		// Build empties the plans and reports it is given; each run gets its own slices.
		in := *raw
		in.Plans, in.Reports = slices.Clone(raw.Plans), slices.Clone(raw.Reports)
		site, diags = model.Build(&in)
	}
	if diags.HasErrors() {
		b.Fatalf("the national dataset has errors: %v", diags.Err("en"))
	}
	b.ReportMetric(float64(len(site.Localities)), "localities")
	b.ReportMetric(float64(len(site.Targets)), "targets")
	b.ReportMetric(float64(len(site.Results)), "results")
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "total-ms")
}
