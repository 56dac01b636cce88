package model_test

import (
	"os"
	"testing"

	"github.com/covsite/covsite/internal/gen/gentest"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
)

// BenchmarkModel validates and links the synthetic national dataset of `covsite gen`
// (scale from COVSITE_BENCH_SCALE, default 1), loaded once: every check, the indexes and
// the roll-ups ("build"); then, as `covsite serve` does after a save, links one results
// file again into the built site ("relink-one-file", the largest file of the dataset).
// `make bench` runs it; the numbers are in docs/performance.md.
func BenchmarkModel(b *testing.B) {
	raw, diags := load.Load(os.DirFS(gentest.Site(b, gentest.Scale(b, 1))))
	if diags.HasErrors() {
		b.Fatalf("the national dataset has errors: %v", diags.Err("en"))
	}
	var site *model.Site
	b.Run("build", func(b *testing.B) {
		for b.Loop() {
			site, diags = model.Build(raw)
		}
		if diags.HasErrors() {
			b.Fatalf("the national dataset has errors: %v", diags.Err("en"))
		}
		b.ReportMetric(float64(len(site.Localities)), "localities")
		b.ReportMetric(float64(len(site.Targets)), "targets")
		b.ReportMetric(float64(len(site.Results)), "results")
		b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "total-ms")
	})
	b.Run("relink-one-file", func(b *testing.B) {
		if site == nil {
			site, _ = model.Build(clone(raw))
		}
		largest := 0
		for i, r := range raw.Reports {
			if len(r.Results) > len(raw.Reports[largest].Results) {
				largest = i
			}
		}
		changed := []string{raw.Reports[largest].Pos.File}
		for b.Loop() {
			_, diags, relinked := model.Rebuild(site, clone(raw), changed)
			if !relinked || diags.HasErrors() {
				b.Fatalf("relinked %t, errors %v", relinked, diags.Err("en"))
			}
		}
		b.ReportMetric(float64(len(raw.Reports[largest].Results)), "rows")
		b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "total-ms")
	})
}
