package build

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/sitetest"
)

// An update's links to the site's own pages are checked once the pages are known: a link
// to a page or file that exists passes — with or without its last slash, relative to the
// update's own address, in either language — and one that leads nowhere is a warning at
// its position, naming the nearest page when one is close (check, build and serve).
func TestLinksToMissingPages(t *testing.T) {
	site := sitetest.CopyExample(t, "../..")
	body := strings.Join([]string{
		"+++",
		`title = "Liên kết"`,
		"date = 2026-11-30",
		`summary = "Các liên kết."`,
		"+++",
		"",
		"[có](/dia-phuong/tra-vinh/) [không gạch](/dia-phuong/tra-vinh) [anh](/en/dia-phuong/tra-vinh/#chi-so-bhyt)",
		"[tương đối](../tra-vinh-ket-qua-6-thang-dau-nam-2023/) [dữ liệu](/dia-phuong/tra-vinh/du-lieu.csv) [ngoài](https://example.gov.vn/) [mục](#muc)",
		"",
		"[gõ nhầm](/dia-phuong/tra-vinhh/) và [không có](/khong-co-trang-nay/) và ![ảnh](/img/khong-co.png)",
		"",
	}, "\n")
	if err := os.WriteFile(filepath.Join(site, "content", "updates", "2026-11-30-lien-ket.md"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	_, diags := Check(site)
	var got []string
	for _, d := range diags.Items() {
		if d.Code == diag.BrokenLink || d.Code == diag.BrokenLinkNear {
			got = append(got, d.Pos.String()+" "+d.Message("en")+" — "+d.Hint("en"))
		}
	}
	file := "content/updates/2026-11-30-lien-ket.md"
	want := []string{
		file + `:10:1 the link "/dia-phuong/tra-vinhh/" leads to no page or file of the site: a reader who follows it gets "not found" — did you mean /dia-phuong/tra-vinh/?`,
		file + `:10:38 the link "/khong-co-trang-nay/" leads to no page or file of the site: a reader who follows it gets "not found" — write the path as the page's address (for example /dia-phuong/tra-vinh/), or remove the link`,
		file + `:10:74 the link "/img/khong-co.png" leads to no page or file of the site: a reader who follows it gets "not found" — write the path as the page's address (for example /dia-phuong/tra-vinh/), or remove the link`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("broken links:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
