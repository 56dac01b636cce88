package importer

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
)

var (
	fuzzSiteOnce sync.Once
	fuzzSite     *model.Site
)

// declarations is the example site's indicators and localities only, linked without the
// theme: each fuzz worker builds it in milliseconds.
func declarations(t *testing.T) *model.Site {
	fsys := fstest.MapFS{}
	for _, name := range []string{"data/site.toml", "data/indicators.toml", "data/localities/viet-nam.toml", "data/localities/tra-vinh.toml"} {
		b, err := os.ReadFile(filepath.Join(repoRoot, name))
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: b}
	}
	raw, _ := load.Load(fsys)
	site, diags := model.Build(raw)
	if diags.HasErrors() {
		t.Fatalf("the example's declarations have errors: %v", diags.Err("en"))
	}
	return site
}

// FuzzImportTable reads any CSV text as a table of the example site: finding the header
// rows, the column numbers, the total and the names never panics, and every row it matches
// is a child of the parent.
func FuzzImportTable(f *testing.F) {
	for _, seed := range []string{
		"STT,Đơn vị,BHXH bắt buộc,BHYT\n1,Phường 1,1.888,10.324\nTổng cộng,,1.888,10.324\n",
		"BÁO CÁO\n\nSTT,Đơn vị,BHXH,,BHYT\n,,Bắt buộc,Tự nguyện,\nA,B,1,2,3\n1,P4,1,2,3\n,Tổng cộng,1,2,3\n\n,GIÁM ĐỐC\n",
		"Tên đơn vị;Số người tham gia BHYT;Tỷ lệ BHYT (%)\nTT Phường 7;14.690;\"95,5\"\nXÃ LONG ĐỨC;19.936;x\n",
		",,,\n(A),(B),(1),(2)\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		fuzzSiteOnce.Do(func() { fuzzSite = declarations(t) })
		tab, err := ReadCSV(strings.NewReader(text), "f.csv")
		if err != nil {
			return
		}
		parent := fuzzSite.Locality("tp-tra-vinh")
		x := extract(tab, fuzzSite, newLocalityMatcher(parent, date.New(2023, 6, 30)), reading{Lang: "vi"})
		for _, r := range x.Rows {
			if r.Locality == nil || r.Locality.Parent != parent {
				t.Fatalf("row %d %q matched %v, not a child of the parent", r.Index+1, r.Label, r.Locality)
			}
		}
		_ = x.matches(parent, "vi")
	})
}

// FuzzNameKey: folding a name is stable — folding it again changes nothing.
func FuzzNameKey(f *testing.F) {
	for _, s := range []string{"P4", "Phường 02", "TT Phường 7", "P.1", "XÃ LONG ĐỨC", "0", "p0a00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := nameKey(s)
		if again := nameKey(k); again != k {
			t.Fatalf("nameKey(%q) = %q, but nameKey of that is %q", s, k, again)
		}
		_ = bareName(k)
		_ = lastKindWord(k)
	})
}
