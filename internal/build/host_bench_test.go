package build

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/routes"
)

// hostFigures are what issue 13 measures of a built site, both languages.
type hostFigures struct {
	Bytes, TarBytes        int64 // the files; the tar archive the Pages workflow uploads
	Files, SitemapFiles    int
	Largest, LargestHTML   string
	LargestN, LargestHTMLN int64
	MedianWard             int64 // raw bytes of the median ward page (Vietnamese)
	SearchFirst            int   // gzipped bytes of a manifest and the largest search shard
}

// measureHost walks a built site. TarBytes is the size of the archive
// actions/upload-pages-artifact makes (`tar --dereference --hard-dereference -cf`): a
// 512-byte header per entry, each file padded to 512 bytes, two zero blocks, the whole
// padded to GNU tar's 10,240-byte records. Hard links count in full.
func measureHost(tb testing.TB, dir string) hostFigures {
	tb.Helper()
	var h hostFigures
	var wards []int64
	manifest, shard := 0, 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		h.TarBytes += 512
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		n := info.Size()
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		h.Files++
		h.Bytes += n
		h.TarBytes += (n + 511) / 512 * 512
		if n > h.LargestN {
			h.Largest, h.LargestN = rel, n
		}
		if strings.HasSuffix(rel, ".html") && n > h.LargestHTMLN {
			h.LargestHTML, h.LargestHTMLN = rel, n
		}
		if strings.HasPrefix(rel, "sitemap") {
			h.SitemapFiles++
		}
		if kind, _ := routes.Parse(rel); kind == routes.LocalityKind && strings.HasSuffix(rel, "index.html") && !strings.HasPrefix(rel, "en/") {
			wards = append(wards, n) // every locality; wards are nine in ten
		}
		if strings.HasPrefix(rel, routes.SearchShards) || strings.HasSuffix(rel, routes.SearchIndex) {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			w, _ := gzip.NewWriterLevel(&buf, 6)
			if _, err := w.Write(b); err != nil {
				return err
			}
			if err := w.Close(); err != nil {
				return err
			}
			if strings.HasPrefix(rel, routes.SearchShards) {
				shard = max(shard, buf.Len())
			} else {
				manifest = max(manifest, buf.Len())
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	h.TarBytes = (h.TarBytes + 1024 + 10239) / 10240 * 10240
	h.SearchFirst = manifest + shard
	if len(wards) > 0 {
		slices.Sort(wards)
		h.MedianWard = wards[len(wards)/2]
	}
	return h
}

// logHostTargets says, for a two-language build, which of issue 13's targets were met,
// the figures at scale 1 beside them (at another scale, the figures only).
func logHostTargets(b *testing.B, h hostFigures, scale float64) {
	verdict := func(ok bool) string {
		switch {
		case scale != 1:
			return fmt.Sprintf("not judged at scale %g", scale)
		case ok:
			return "met"
		}
		return "NOT met"
	}
	b.Logf("target: whole site ≤ 1 GB: %s (%.1f MB of files, %d files; the Pages artifact, a tar, %.1f MB)",
		verdict(h.TarBytes <= siteBudget), float64(h.Bytes)/1e6, h.Files, float64(h.TarBytes)/1e6)
	b.Logf("target: no file over 25 MiB: %s (largest %s, %.1f MB)", verdict(h.LargestN <= fileBudget), h.Largest, float64(h.LargestN)/1e6)
	b.Logf("target: no HTML page over 200 KB: %s (largest %s, %.1f KB)", verdict(h.LargestHTMLN <= htmlBudget), h.LargestHTML, float64(h.LargestHTMLN)/1e3)
	b.Logf("target: median locality page ≤ 15 KB: %s (%.1f KB)", verdict(h.MedianWard <= 15_000), float64(h.MedianWard)/1e3)
	b.Logf("target: search ≤ 100 KB gzipped on the first keystroke: %s (%.1f KB)", verdict(h.SearchFirst <= searchBudget), float64(h.SearchFirst)/1e3)
	b.Logf("target: sitemap index, ≤ 50,000 URLs a file: %d sitemap files", h.SitemapFiles)
}

// TestMeasureHost measures a built site named by COVSITE_MEASURE_DIR (for the figures of
// docs/performance.md without building again): skipped without it.
func TestMeasureHost(t *testing.T) {
	dir := os.Getenv("COVSITE_MEASURE_DIR")
	if dir == "" {
		t.Skip("set COVSITE_MEASURE_DIR to a built site")
	}
	h := measureHost(t, dir)
	t.Logf("%+v", h)
}
