package load_test

import (
	"bytes"
	"encoding/gob"
	"io/fs"
	"os"
	"path/filepath"
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

// BenchmarkLoadStored loads the national dataset with a load.Store filled by a first load,
// as a build with its cache directory does when the data did not change: every file is
// read and hashed, none decoded. store-MB is the size of the store's file.
func BenchmarkLoadStored(b *testing.B) {
	fsys := os.DirFS(gentest.Site(b, gentest.Scale(b, 1)))
	path := filepath.Join(b.TempDir(), "load.bin")
	var c load.Cache
	c.UseStore(nil)
	if _, diags, _ := c.Load(fsys); diags.HasErrors() {
		b.Fatal(diags.Err("en"))
	}
	if err := c.WriteStore(path, "bench"); err != nil {
		b.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	stored := 0
	for b.Loop() {
		st, err := load.OpenStore(path, "bench")
		if err != nil {
			b.Fatal(err)
		}
		var c load.Cache
		c.UseStore(st)
		c.Load(fsys)
		stored = c.FromStore()
	}
	b.ReportMetric(float64(stored), "files-from-store")
	b.ReportMetric(float64(info.Size())/1e6, "store-MB")
	b.ReportMetric(msPerOp(b), "total-ms")
}

// BenchmarkStoreGob is the comparison that chose the store's format: the same values
// through encoding/gob (one stream for the whole site, so its type descriptions are written
// once), against BenchmarkLoadStored's hand-written encoding.
func BenchmarkStoreGob(b *testing.B) {
	site, _ := load.Load(os.DirFS(gentest.Site(b, gentest.Scale(b, 1))))
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(site); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		var s load.Site
		if err := gob.NewDecoder(bytes.NewReader(buf.Bytes())).Decode(&s); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len())/1e6, "store-MB")
	b.ReportMetric(msPerOp(b), "decode-ms")
}
