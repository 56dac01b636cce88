package write

import (
	"fmt"
	"path/filepath"
	"testing"
)

// BenchmarkTreeWrite writes a tree shaped like a national site's — most pages alone in a
// folder of their own, three levels deep, 14 KB each — into a fresh tree and commits it,
// as a cold build does. It reports the time per file: the system calls of making folders
// and files, which a cold national build makes 38,000 and 54,000 of.
func BenchmarkTreeWrite(b *testing.B) {
	const provinces, districts, wards = 4, 10, 25 // 1,000 pages, 1,044 folders
	page := make([]byte, 14<<10)
	for i := range page {
		page[i] = byte('a' + i%26)
	}
	files := 0
	for b.Loop() {
		b.StopTimer()
		dest := filepath.Join(b.TempDir(), "public")
		b.StartTimer()
		tree, err := Begin(dest)
		if err != nil {
			b.Fatal(err)
		}
		for p := range provinces {
			for d := range districts {
				for w := range wards {
					rel := fmt.Sprintf("dia-phuong/p%d/d%d/w%d/index.html", p, d, w)
					if err := tree.Write(rel, page); err != nil {
						b.Fatal(err)
					}
					files++
				}
			}
		}
		if err := tree.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(files), "µs/file")
}
