package download

import (
	"bytes"
	"os"
	"slices"
	"testing"

	"github.com/covsite/covsite/internal/gen/gentest"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/routes"
)

// benchSite is the synthetic national dataset at COVSITE_BENCH_SCALE (default 0.1).
func benchSite(b *testing.B) *model.Site {
	b.Helper()
	raw, diags := load.Load(os.DirFS(gentest.Site(b, gentest.Scale(b, 0.1))))
	site, more := model.Build(raw)
	diags.Merge(more)
	if err := diags.Err("en"); err != nil {
		b.Fatal(err)
	}
	return site
}

// BenchmarkDownloads writes every download of the national dataset, as a cold build
// does — the whole site's and the provinces' files, each province's pack followed by its
// localities' files in one batch (Group), then the other localities' — and the sizes the
// data page shows; b.SetBytes is what they hold.
func BenchmarkDownloads(b *testing.B) {
	site := benchSite(b)
	b.ReportAllocs()
	var total int64
	var buf bytes.Buffer
	for b.Loop() {
		d := NewData(site)
		var c counter
		files := d.Files() // the whole site's csv.gz after the packs, as render lists it
		gz := slices.IndexFunc(files, func(f File) bool { return f.Path == routes.SiteDownload("csv.gz") })
		files = append(slices.Delete(files, gz, gz+1), files[gz])
		if err := writeInBatches(&c, &buf, files); err != nil {
			b.Fatal(err)
		}
		for _, f := range d.SiteFiles() {
			if _, err := d.Size(f.Path); err != nil {
				b.Fatal(err)
			}
		}
		total = int64(c)
	}
	b.SetBytes(total)
}

// BenchmarkLocalityCSV writes each locality's own CSV.
func BenchmarkLocalityCSV(b *testing.B) {
	site := benchSite(b)
	d := NewData(site)
	b.ReportAllocs()
	var total int64
	var buf bytes.Buffer
	for b.Loop() {
		var c counter
		for _, l := range site.Localities {
			for _, f := range d.LocalityFiles(l) {
				if err := writeAsBuilt(&c, &buf, f); err != nil {
					b.Fatal(err)
				}
			}
		}
		total = int64(c)
	}
	b.SetBytes(total)
}

// BenchmarkProvinceJSON writes each province's JSON, unpacked.
func BenchmarkProvinceJSON(b *testing.B) {
	site := benchSite(b)
	d := NewData(site)
	b.ReportAllocs()
	var total int64
	for b.Loop() {
		var c counter
		for _, p := range d.Provinces() {
			if err := d.json(&c, p.scope()); err != nil {
				b.Fatal(err)
			}
		}
		total = int64(c)
	}
	b.SetBytes(total)
}

// writeInBatches writes files as a build's batches do: each group's files one after the
// other, its lead first, while it is held; the others in their order.
func writeInBatches(c *counter, buf *bytes.Buffer, files []File) error {
	followers := map[*Group][]File{}
	for _, f := range files {
		if f.Group != nil && f.Path != f.Group.Lead() {
			followers[f.Group] = append(followers[f.Group], f)
		}
	}
	for _, f := range files {
		g := f.Group
		if g != nil && f.Path != g.Lead() {
			continue
		}
		if g != nil {
			g.Hold()
		}
		for _, f := range append([]File{f}, followers[g]...) {
			if err := writeAsBuilt(c, buf, f); err != nil {
				return err
			}
		}
		if g != nil {
			g.Release()
		}
	}
	return nil
}

// writeAsBuilt writes f to c as a build does: a large file streamed, a small one into a
// reused buffer first.
func writeAsBuilt(c *counter, buf *bytes.Buffer, f File) error {
	if f.Large {
		return f.Write(c)
	}
	buf.Reset()
	if err := f.Write(buf); err != nil {
		return err
	}
	_, err := c.Write(buf.Bytes())
	return err
}
