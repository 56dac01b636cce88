package load_test

import (
	"io/fs"
	"os"
	"testing"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/gen/gentest"
	"github.com/covsite/covsite/internal/load"
)

// BenchmarkLoad reads and decodes the synthetic national dataset of `covsite gen` (scale
// from COVSITE_BENCH_SCALE, default 1): every TOML file under data/ and every Markdown file
// under content/. `make bench` runs it; the numbers are in docs/performance.md.
func BenchmarkLoad(b *testing.B) {
	fsys := os.DirFS(gentest.Site(b, gentest.Scale(b, 1)))
	files, size := 0, int64(0)
	err := fs.WalkDir(fsys, ".", func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			files, size = files+1, size+info.Size()
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	var (
		site  *load.Site
		diags *diag.List
	)
	for b.Loop() {
		site, diags = load.Load(fsys)
	}
	if diags.HasErrors() {
		b.Fatalf("the national dataset has errors: %v", diags.Err("en"))
	}
	rows := 0
	for _, p := range site.Plans {
		rows += len(p.Targets)
	}
	for _, r := range site.Reports {
		rows += len(r.Results)
	}
	b.ReportMetric(float64(files), "files")
	b.ReportMetric(float64(size)/1e6, "MB")
	b.ReportMetric(float64(rows), "rows")
	b.ReportMetric(msPerOp(b), "total-ms")
}

// msPerOp is the mean wall time of one iteration in milliseconds.
func msPerOp(b *testing.B) float64 {
	return float64(b.Elapsed().Microseconds()) / 1000 / float64(b.N)
}
