package importer

import (
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	unorm "golang.org/x/text/unicode/norm"

	"github.com/covsite/covsite/internal/build"
	"github.com/covsite/covsite/internal/date"
)

func TestParseCell(t *testing.T) {
	for _, c := range []struct {
		cell  Cell
		rate  bool
		plain string
		ok    bool
		bad   bool
	}{
		{Cell{Text: "1.888"}, false, "1888", true, false},
		{Cell{Text: "1.022.552"}, false, "1022552", true, false},
		{Cell{Text: "29,72"}, true, "29.72", true, false},
		{Cell{Text: "29,72%"}, true, "29.72", true, false},
		{Cell{Text: "1 022 552"}, false, "1022552", true, false},
		{Cell{Text: "1\u00a0888"}, false, "1888", true, false},
		{Cell{Text: "15647"}, false, "15647", true, false},
		{Cell{Text: "29.72"}, true, "29.72", true, false},
		{Cell{Text: "-"}, false, "", false, false},
		{Cell{Text: ""}, false, "", false, false},
		{Cell{Text: "nhiều"}, false, "", false, true},
		{Cell{Text: "1.88"}, false, "1.88", true, false},
		{Cell{Text: "1888", Numeric: true}, false, "1888", true, false},
		{Cell{Text: "0.9444", Numeric: true, Percent: true}, true, "94.44", true, false},
		{Cell{Text: "1.888", Numeric: true}, false, "1.888", true, false}, // a real decimal in XLSX
	} {
		n, ok, err := parseCell(c.cell, c.rate)
		if ok != c.ok || (err != nil) != c.bad || ok && n.Plain != c.plain {
			t.Errorf("parseCell(%+v) = %q, %v, %v; want %q, %v, bad=%v", c.cell, n.Plain, ok, err, c.plain, c.ok, c.bad)
		}
	}
	if got := tomlNumber(number{Plain: "108441"}); got != "108_441" {
		t.Errorf("tomlNumber: %q", got)
	}
}

func TestMatchHeaders(t *testing.T) {
	site, _ := build.Check(repoRoot)
	for header, want := range map[string]string{
		"BHXH bắt buộc": "bhxh-bat-buoc", "BHXH TỰ NGUYỆN": "bhxh-tu-nguyen", "bhxh tu nguyen": "bhxh-tu-nguyen",
		"Bảo hiểm thất nghiệp": "bhtn", "BHYT": "bhyt", "Số người tham gia BHYT": "bhyt", "BHYT (người)": "bhyt",
		"Tỷ lệ BHYT (%)": "rate.bhyt", "Tỷ lệ bao phủ BHYT": "rate.bhyt", "BHXH": "bhxh", "bhtn": "bhtn",
		"Ghi chú": "", "STT": "", "Đơn vị": "", "BH thất nghiệp": "",
	} {
		ind, rate := matchHeader(site, header)
		got := ""
		if ind != nil {
			got = column{Ind: ind, Rate: rate}.Key()
		}
		if got != want {
			t.Errorf("header %q → %q, want %q", header, got, want)
		}
	}
}

func TestMatchLocalities(t *testing.T) {
	site, _ := build.Check(repoRoot)
	m := newLocalityMatcher(site.Locality("tp-tra-vinh"), date.New(2023, 1, 1))
	for name, want := range map[string]string{
		"Phường 1": "tra-vinh-phuong-1", "PHƯỜNG 1": "tra-vinh-phuong-1", "phuong 1": "tra-vinh-phuong-1",
		"P.1": "tra-vinh-phuong-1", "P. 9": "tra-vinh-phuong-9", "Long Đức": "long-duc", "Xã Long Đức": "long-duc",
		"long duc": "long-duc", "long-duc": "long-duc", "Xã Long \u00d0ức": "long-duc", "X. Long \u00f0ức": "long-duc", "Phường 10": "", "Xã 1": "", "Trà Vinh": "",
	} {
		got := ""
		if l := m.match(name); l != nil {
			got = l.ID
		}
		if got != want {
			t.Errorf("%q → %q, want %q", name, got, want)
		}
	}
	prov := newLocalityMatcher(site.Locality("tra-vinh"), date.New(2023, 1, 1))
	for name, want := range map[string]string{"Càng Long": "cang-long", "TP Trà Vinh": "tp-tra-vinh", "Thị xã Duyên Hải": "tx-duyen-hai", "Duyên Hải": "duyen-hai", "Phường 3": "tra-vinh-phuong-3"} {
		if l := prov.match(name); l == nil || l.ID != want {
			t.Errorf("under tra-vinh: %q → %v, want %s", name, l, want)
		}
	}
}

func TestReadCSVSeparatorsAndEncodings(t *testing.T) {
	utf8Text, err := os.ReadFile(seedCSV)
	if err != nil {
		t.Fatal(err)
	}
	semicolon := strings.ReplaceAll(string(utf8Text), ",", ";")
	tab := strings.ReplaceAll(string(utf8Text), ",", "\t")
	cp1258, err := charmap.Windows1258.NewEncoder().String(windows1258Form(string(utf8Text)))
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"comma": string(utf8Text), "semicolon": semicolon, "tab": tab,
		"bom": "\ufeff" + string(utf8Text), "windows-1258": cp1258} {
		tab, err := ReadCSV(strings.NewReader(text), name+".csv")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(tab.Rows) != 12 || len(tab.Rows[0]) != 6 || tab.Rows[0][1].Text != "Đơn vị" || tab.Rows[1][1].Text != "Phường 1" || tab.Rows[1][2].Text != "1.888" {
			t.Errorf("%s: rows %d, header %v, first %v", name, len(tab.Rows), tab.Rows[0], tab.Rows[1])
		}
	}
}

// windows1258Form writes Vietnamese as Windows-1258 does: the tone mark as a separate
// combining character after a precomposed base letter (ư, ơ, â … are single characters).
func windows1258Form(s string) string {
	var b strings.Builder
	for _, r := range s {
		var base []rune
		var tone rune
		for _, c := range unorm.NFD.String(string(r)) {
			if strings.ContainsRune("\u0300\u0301\u0303\u0309\u0323", c) {
				tone = c
			} else {
				base = append(base, c)
			}
		}
		b.WriteString(unorm.NFC.String(string(base)))
		if tone != 0 {
			b.WriteRune(tone)
		}
	}
	return b.String()
}
