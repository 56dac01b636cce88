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
// rows, the column numbers, the total and the names never panics, every row it matches
// is a child of the parent, and no coverage rate above 100 % goes through unsaid.
func FuzzImportTable(f *testing.F) {
	for _, seed := range []string{
		"STT,Đơn vị,BHXH bắt buộc,BHYT\n1,Phường 1,1.888,10.324\nTổng cộng,,1.888,10.324\n",
		"BÁO CÁO\n\nSTT,Đơn vị,BHXH,,BHYT\n,,Bắt buộc,Tự nguyện,\nA,B,1,2,3\n1,P4,1,2,3\n,Tổng cộng,1,2,3\n\n,GIÁM ĐỐC\n",
		"Tên đơn vị;Số người tham gia BHYT;Tỷ lệ BHYT (%)\nTT Phường 7;14.690;\"95,5\"\nXÃ LONG ĐỨC;19.936;x\n",
		",,,\n(A),(B),(1),(2)\n",
		"STT,Đơn vị,BHYT,BHXH tự nguyện\n1,Phường 1,\"98.765\",-\n2,P4,\"45.321\",812\n",
		"STT,Đơn vị,Bảo hiểm y tế,,BHXH tự nguyện,,\n,,Số người tham gia,Tỷ lệ bao phủ dân số (%),Kế hoạch giao năm 2026,Thực hiện,Tỷ lệ % so KH\nA,B,1,2,3,4,5=4/3\n1,Phường 1,98.765,\"95,12\",1.500,1.623,\"108,20\"\n,Tổng cộng,98.765,\"95,12\",1.500,1.623,\"108,20\"\n",
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
		for _, c := range x.Columns {
			if c.Ind == nil || c.Measure != rateOf || c.Aside {
				continue
			}
			for _, r := range x.Rows {
				if v, ok := r.Values[c.Key()]; ok && v.V > 100 && len(x.Problems) == 0 {
					t.Fatalf("row %d: a coverage rate of %v in column %q, and no problem said", r.Index+1, v.V, c.Header)
				}
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
