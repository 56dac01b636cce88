package render

import (
	"testing"

	"github.com/covsite/covsite/internal/render/download"
	"github.com/covsite/covsite/internal/routes"
)

// TestDataPageAfterItsFiles: Pages lists the whole site's gzipped CSV after the provinces'
// files (it is made of their rows) and each language's data page after both (it shows
// their sizes, counted as they are written), on a plain and on a packed site; on a
// packed site, each locality's CSV file right after its province's pack (which formats
// the rows it copies) or the localities' files after it; every other page stays in the
// order of paths.
func TestDataPageAfterItsFiles(t *testing.T) {
	defer func(n int) { download.PlainLimit = n }(download.PlainLimit)
	for _, limit := range []int{download.PlainLimit, 0} {
		download.PlainLimit = limit
		r := exampleRenderer(t)
		at := map[string]int{}
		var others []string
		gz := routes.SiteDownload("csv.gz")
		pages := r.Pages()
		followers := 0
		for i, p := range pages {
			at[p.Path] = i
			if g, ok := p.of.(*download.Group); ok && p.Path != g.Lead() {
				followers++
				if i == 0 || pages[i-1].of != p.of {
					t.Errorf("PlainLimit %d: %s is not listed after its province's pack %s or its other localities' files", limit, p.Path, g.Lead())
				}
				continue
			}
			if p.Path != gz && p.Path != routes.File("vi", routes.Data) && p.Path != routes.File("en", routes.Data) {
				others = append(others, p.Path)
			}
		}
		if (limit == 0) != (followers > 0) {
			t.Errorf("PlainLimit %d: %d localities' files listed after their province's pack", limit, followers)
		}
		files := r.data.SiteFiles()
		if len(files) < 3 {
			t.Fatalf("%d whole-site and province files", len(files))
		}
		for _, f := range files {
			i, ok := at[f.Path]
			if !ok {
				t.Fatalf("PlainLimit %d: %s is not listed", limit, f.Path)
			}
			for _, lang := range []string{"vi", "en"} {
				if page := routes.File(lang, routes.Data); at[page] < i {
					t.Errorf("PlainLimit %d: %s is listed before %s", limit, page, f.Path)
				}
			}
			if f.Path != gz && at[gz] < i {
				t.Errorf("PlainLimit %d: %s is listed before %s", limit, gz, f.Path)
			}
		}
		for i := 1; i < len(others); i++ {
			if others[i-1] >= others[i] {
				t.Errorf("PlainLimit %d: %s is listed before %s", limit, others[i-1], others[i])
			}
		}
	}
}
