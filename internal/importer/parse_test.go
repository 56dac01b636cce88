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
		// the coverage rate, its words before or after the indicator (issue: a new user's findings, 1)
		"Bảo hiểm y tế Tỷ lệ bao phủ dân số (%)": "rate.bhyt", "Tỷ lệ bao phủ dân số (%) Bảo hiểm y tế": "rate.bhyt",
		"BHYT Tỷ lệ bao phủ (%)": "rate.bhyt", "BHYT Tỷ lệ tham gia/dân số (%)": "rate.bhyt", "Bảo hiểm y tế Tỷ lệ (%)": "rate.bhyt",
		"Tỷ lệ tham gia BHYT so với dân số": "rate.bhyt", "Tỷ lệ BHXH tự nguyện so với lực lượng lao động (%)": "rate.bhxh-tu-nguyen",
		"BHYT Dân số": "", "Số thẻ BHYT": "bhyt", "Số thẻ": "",
		// the result, the target the sheet states, the share of plan (2)
		"BHXH tự nguyện Thực hiện": "bhxh-tu-nguyen", "BHXH tự nguyện Kết quả": "bhxh-tu-nguyen",
		"BHXH tự nguyện Số thực hiện": "bhxh-tu-nguyen", "BHXH tự nguyện Lũy kế": "bhxh-tu-nguyen",
		"BHXH tự nguyện Kế hoạch giao năm 2026": "target:bhxh-tu-nguyen", "BHXH tự nguyện Chỉ tiêu": "target:bhxh-tu-nguyen",
		"Kế hoạch BHYT": "target:bhyt", "Chỉ tiêu BHYT": "target:bhyt", "BHYT KH giao": "target:bhyt",
		"BHXH tự nguyện Tỷ lệ % so KH": "share.bhxh-tu-nguyen", "BHXH tự nguyện % so kế hoạch": "share.bhxh-tu-nguyen",
		"BHXH tự nguyện Tỷ lệ đạt": "share.bhxh-tu-nguyen", "Tỷ lệ đạt KH BHYT (%)": "share.bhyt",
		"BHYT So với KH (%)": "share.bhyt", "BHYT Tỷ lệ hoàn thành kế hoạch": "share.bhyt",
		// a percentage of an indicator without a denominator is its value
		"Tỷ lệ giao dịch điện tử (%)": "giao-dich-dien-tu", "Tỷ lệ nợ (%)": "ty-le-no", "Số thu": "tong-thu",
	} {
		ind, r := matchHeader(site, header)
		got := ""
		if ind != nil {
			got = column{Ind: ind, Measure: r.measure, Side: r.side, Aside: r.side == targetSide}.Key()
		}
		if got != want {
			t.Errorf("header %q → %q, want %q", header, got, want)
		}
	}
}

// TestRoleOfRows: the rows of a merged header say together which figure a column holds:
// a share in any row makes a share, the lowest row naming a side decides it.
func TestRoleOfRows(t *testing.T) {
	site, _ := build.Check(repoRoot)
	bhyt := site.Indicator("bhyt")
	for _, c := range []struct {
		texts []string
		want  role
	}{
		{[]string{"Bảo hiểm y tế", "Số người tham gia"}, role{valueOf, eitherSide}},
		{[]string{"Bảo hiểm y tế", "Tỷ lệ bao phủ dân số (%)"}, role{rateOf, eitherSide}},
		{[]string{"BHXH tự nguyện", "Kế hoạch giao năm 2026"}, role{valueOf, targetSide}},
		{[]string{"BHXH tự nguyện", "Thực hiện"}, role{valueOf, resultSide}},
		{[]string{"BHXH tự nguyện", "Tỷ lệ % so KH"}, role{shareOf, eitherSide}},
		{[]string{"Kế hoạch giao năm 2026", "Tỷ lệ BHYT (%)"}, role{rateOf, targetSide}},
		{[]string{"Kết quả thực hiện", "BHYT"}, role{valueOf, resultSide}},
	} {
		if got := roleOf(bhyt, c.texts...); got != c.want {
			t.Errorf("%q → %+v, want %+v", c.texts, got, c.want)
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
