package importer

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/sitetest"
)

// A new user, a press officer of BHXH tỉnh Cà Mau, imports the office's own report "BC
// T10" unedited: a letterhead and a title, "(Số liệu đến ngày 31/10/2026)", "Đơn vị tính:
// người" in F6, merged headers "Bảo hiểm y tế" over "Số người tham gia | Tỷ lệ bao phủ dân
// số (%)" and "BHXH tự nguyện" over "Kế hoạch giao năm 2026 | Thực hiện | Tỷ lệ % so KH", a
// row numbering the columns "A | B | 1 | 2 | 3 | 4 | 5=4/3", twelve communes with numbers
// typed as text beside real numbers, "Tổng cộng" and a signature.

// caMauUnit is one row of the report: the commune as the office writes it, its id, BHYT
// participants and coverage rate, and BHXH tự nguyện's target (plan 12/KH-BCĐ) and result.
type caMauUnit struct {
	name, id     string
	bhyt         int
	rate         float64
	target, done int
}

var caMauUnits = []caMauUnit{
	{"Phường An Xuyên", "an-xuyen", 98765, 95.12, 1500, 1623},
	{"P. Lý Văn Lâm", "ly-van-lam", 45321, 93.40, 800, 812},
	{"Phường Tân Thành", "tan-thanh-ca-mau", 39876, 94.05, 700, 655},
	{"Phường Hoà Thành", "hoa-thanh", 28765, 92.80, 600, 640},
	{"Phường Bạc Liêu", "phuong-bac-lieu", 61234, 96.01, 1100, 1187},
	{"Phường Vĩnh Trạch", "vinh-trach", 33456, 91.77, 650, 601},
	{"Phường Hiệp Thành", "hiep-thanh", 30123, 92.10, 500, 533},
	{"Phường Giá Rai", "gia-rai", 41234, 93.90, 900, 950},
	{"Phường Láng Tròn", "lang-tron", 27654, 90.50, 450, 402},
	{"Xã Đất Mũi", "dat-mui", 18765, 89.30, 300, 245},
	{"Xã U Minh", "u-minh", 36543, 91.20, 700, 688},
	{"Xã Trần Văn Thời", "tran-van-thoi", 52345, 92.60, 1000, 1034},
}

// caMauTotal is the report's "Tổng cộng" row.
var caMauTotal = caMauUnit{"Tổng cộng", "ca-mau", 514081, 93.10, 9200, 9370}

// share is the row's "Tỷ lệ % so KH", as the sheet's formula 5=4/3 gives it, to 2 decimals.
func (u caMauUnit) share() float64 {
	return math.Round(float64(u.done)/float64(u.target)*10000) / 100
}

// vnDecimal writes v with a decimal comma: 95.12 → "95,12".
func vnDecimal(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', 2, 64), ".", ",", 1)
}

// caMauSheet builds "BC T10" as the office sent it; first is the row of the first commune.
func caMauSheet(t *testing.T) (name string, first int) {
	s := newSheet(t)
	s.rename("BC T10")
	s.set("A1", "BẢO HIỂM XÃ HỘI VIỆT NAM")
	s.merge("A1", "C1")
	s.set("E1", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
	s.merge("E1", "G1")
	s.set("A2", "BẢO HIỂM XÃ HỘI TỈNH CÀ MAU")
	s.merge("A2", "C2")
	s.set("E2", "Độc lập - Tự do - Hạnh phúc")
	s.merge("E2", "G2")
	s.set("A4", "BÁO CÁO KẾT QUẢ PHÁT TRIỂN NGƯỜI THAM GIA BHYT, BHXH TỰ NGUYỆN")
	s.merge("A4", "G4")
	s.set("A5", "(Số liệu đến ngày 31/10/2026)")
	s.merge("A5", "G5")
	s.set("F6", "Đơn vị tính: người")
	s.row(7, 1, "STT", "Đơn vị", "Bảo hiểm y tế", nil, "BHXH tự nguyện")
	for _, m := range [][2]string{{"A7", "A8"}, {"B7", "B8"}, {"C7", "D7"}, {"E7", "G7"}} {
		s.merge(m[0], m[1])
	}
	s.row(8, 3, "Số người tham gia", "Tỷ lệ bao phủ dân số (%)", "Kế hoạch giao năm 2026", "Thực hiện", "Tỷ lệ % so KH")
	s.row(9, 1, "A", "B", 1, 2, 3, 4, "5=4/3")
	first = 10
	for i, u := range caMauUnits {
		r := first + i
		s.set("A"+strconv.Itoa(r), i+1)
		s.set("B"+strconv.Itoa(r), u.name)
		if i%2 == 0 { // typed as text, the Vietnamese way, beside real numbers
			s.row(r, 3, vn(u.bhyt), vnDecimal(u.rate), vn(u.target), vn(u.done), vnDecimal(u.share()))
		} else {
			s.row(r, 3, u.bhyt, u.rate, u.target, u.done, u.share())
		}
	}
	tot := first + len(caMauUnits)
	s.set("A"+strconv.Itoa(tot), "Tổng cộng")
	s.merge("A"+strconv.Itoa(tot), "B"+strconv.Itoa(tot))
	u := caMauTotal
	s.row(tot, 3, u.bhyt, u.rate, u.target, u.done, u.share())
	s.set("E"+strconv.Itoa(tot+2), "Cà Mau, ngày 05 tháng 11 năm 2026")
	s.set("E"+strconv.Itoa(tot+3), "GIÁM ĐỐC")
	s.set("E"+strconv.Itoa(tot+7), "Nguyễn Văn A")
	return s.save(), first
}

// caMauSite is the example site with the new user's localities (Cà Mau before and after
// 1/7/2025) and their plan 12/KH-BCĐ for 2026.
func caMauSite(t *testing.T) string {
	site := sitetest.CopyExample(t, repoRoot)
	if err := os.CopyFS(site, os.DirFS("testdata/ca-mau")); err != nil {
		t.Fatal(err)
	}
	return site
}

func caMauOpts(site string) Options {
	o := opts(site)
	o.Parent, o.Result = "ca-mau", date.New(2026, 10, 31)
	o.Report, o.Publisher = "Báo cáo số 456/BC-BHXH ngày 5/11/2026", "BHXH tỉnh Cà Mau"
	return o
}

// TestImportCaMauReportUnedited: the office's report imports unedited — every commune's
// BHYT participants and coverage rate, BHXH tự nguyện's result and share of plan, read as
// the sheet says; the column numbers are no row of figures; the target the sheet states is
// not imported, checked against the plan; nothing is an error.
func TestImportCaMauReportUnedited(t *testing.T) {
	for _, lang := range []string{"vi", "en"} {
		t.Run(lang, func(t *testing.T) {
			site := caMauSite(t)
			name, first := caMauSheet(t)
			o := caMauOpts(site)
			o.DryRun, o.Lang = true, lang
			rep, err := Import(readTable(t, name), o)
			if err != nil {
				t.Fatalf("the office's report did not import unedited:\n%v", err)
			}
			var b strings.Builder
			WriteMatches(&b, rep, "bao-cao.xlsx", lang)
			out := b.String()
			rowWord, bhyt, rate, done, share := "dòng", "Bảo hiểm y tế Số người tham gia", "Bảo hiểm y tế Tỷ lệ bao phủ dân số (%)", "BHXH tự nguyện Thực hiện", "BHXH tự nguyện Tỷ lệ % so KH"
			if lang == "en" {
				rowWord = "row"
			}
			for i, u := range append(withTotal(caMauUnits), caMauTotal) {
				line := fmt.Sprintf("%s %s · %s %s · %s %s · %s %s", bhyt, human(float64(u.bhyt), lang), rate, human(u.rate, lang),
					done, human(float64(u.done), lang), share, human(u.share(), lang))
				if !strings.Contains(out, fmt.Sprintf("  %s %d  %q → %s", rowWord, first+i, u.name, u.id)) || !strings.Contains(out, line) {
					t.Errorf("row %d %q: no %q in:\n%s", first+i, u.name, line, out)
				}
			}
			if len(rep.Matches) != 13 {
				t.Errorf("%d rows of figures, want the 12 communes and the total", len(rep.Matches))
			}
			var warnings []string
			for _, w := range rep.Warnings {
				warnings = append(warnings, w.Text())
			}
			all := strings.Join(warnings, "\n")
			want := map[string][]string{
				"vi": {`cột "BHXH tự nguyện Kế hoạch giao năm 2026" là chỉ tiêu (bhxh-tu-nguyen) mà bảng ghi bên cạnh kết quả; tệp kết quả không có chỗ ghi chỉ tiêu nên cột này không được nhập — khớp với chỉ tiêu của kế hoạch ca-mau-12-kh-bcd-2026 ở 13 dòng`,
					`tỷ lệ so kế hoạch (share.…) được ghi là so với kế hoạch ca-mau-12-kh-bcd-2026 (kỳ 2026)`},
				"en": {`column "BHXH tự nguyện Kế hoạch giao năm 2026" is the target (bhxh-tu-nguyen) the table states beside the results; a results file has no place for targets, so this column is not imported — it agrees with the targets of plan ca-mau-12-kh-bcd-2026 in 13 rows`,
					`the shares of plan (share.…) are written as shares of plan ca-mau-12-kh-bcd-2026 (period 2026)`},
			}[lang]
			for _, w := range want {
				if !strings.Contains(all, w) {
					t.Errorf("no %q in the warnings:\n%s", w, all)
				}
			}
			if strings.Contains(all, "rate.bhxh-tu-nguyen") || strings.Contains(all, "no name") || strings.Contains(all, "không có tên") {
				t.Errorf("a warning misreads the sheet:\n%s", all)
			}
		})
	}
}

// withTotal copies units, so appending the total leaves caMauUnits as it is.
func withTotal(units []caMauUnit) []caMauUnit { return append([]caMauUnit(nil), units...) }

// TestImportCaMauWritesWhereAndShares: the file written passes check; each row says where
// it stands in the document (the sheet and row, or the table --where names) in both
// languages, and its share of plan with the plan it is a share of.
func TestImportCaMauWritesWhereAndShares(t *testing.T) {
	for _, c := range []struct {
		where        string
		wantVI, want string
	}{
		{"", `Bảng "BC T10", dòng 10`, `Sheet "BC T10", row 10`},
		{"Phụ lục 2", `Phụ lục 2, dòng 10`, `Phụ lục 2, row 10`},
	} {
		site := caMauSite(t)
		name, _ := caMauSheet(t)
		o := caMauOpts(site)
		o.Where = c.where
		rep, err := Import(readTable(t, name), o)
		if err != nil {
			t.Fatalf("--where %q: %v", c.where, err)
		}
		checkClean(t, site)
		rows := rowsByLocality(decode(t, filepath.Join(site, rep.Path)), "result")
		r := rows["an-xuyen"]
		if r["where"] != c.wantVI || r["where_en"] != c.want || r["plan"] != "ca-mau-12-kh-bcd-2026" {
			t.Errorf("--where %q: an-xuyen's row %v", c.where, r)
		}
		rate, _ := r["rate"].(map[string]any)
		share, _ := r["share"].(map[string]any)
		if r["bhyt"] != int64(98765) || rate["bhyt"] != 95.12 || r["bhxh-tu-nguyen"] != int64(1623) || share["bhxh-tu-nguyen"] != 108.2 {
			t.Errorf("an-xuyen's figures: %v", r)
		}
		if _, ok := r["target"]; ok || len(rows) != 13 {
			t.Errorf("%d rows; an-xuyen %v", len(rows), r)
		}
		if tot := rows["ca-mau"]; tot["where"] != strings.Replace(c.wantVI, "dòng 10", "dòng 22", 1) {
			t.Errorf("the total row's where: %v", tot["where"])
		}
	}
}

// TestImportEndedParentSaidFirst: a table dated after its --parent ended is refused before
// any row is read, naming the locality that took over; nothing is written.
func TestImportEndedParentSaidFirst(t *testing.T) {
	site := caMauSite(t)
	name, _ := caMauSheet(t)
	for lang, want := range map[string]string{
		"vi": "nhập lại với --parent ca-mau",
		"en": "import it again with --parent ca-mau",
	} {
		o := caMauOpts(site)
		o.Parent, o.Lang, o.SkipUnknown = "ca-mau-1997-2025", lang, true
		rep, err := Import(readTable(t, name), o)
		var probs Problems
		if !errors.As(err, &probs) || len(probs) != 2 || !strings.Contains(err.Error(), "--parent ca-mau-1997-2025: ") ||
			!strings.Contains(err.Error(), "2025") || !strings.Contains(err.Error(), want) {
			t.Fatalf("%s: %v", lang, err)
		}
		if rep != nil || strings.Contains(err.Error(), "U Minh") {
			t.Errorf("%s: rows were read: %v", lang, err)
		}
		if _, err := os.Stat(filepath.Join(site, "data/results/ca-mau-1997-2025-2026-10-31.toml")); err == nil {
			t.Fatal("a file was written")
		}
	}
}

// TestImportSkipColumn: --skip-column leaves a column out by its letter or its header, the
// report lists it, and a name that is no column is an error.
func TestImportSkipColumn(t *testing.T) {
	site := caMauSite(t)
	name, _ := caMauSheet(t)
	for _, c := range []struct {
		skip    []string
		skipped []string
		keys    []string
	}{
		{[]string{"G"}, []string{`G "BHXH tự nguyện Tỷ lệ % so KH"`}, []string{"bhyt", "rate.bhyt", "bhxh-tu-nguyen"}},
		{[]string{"Tỷ lệ bao phủ dân số (%)", "e"}, []string{`D "Bảo hiểm y tế Tỷ lệ bao phủ dân số (%)"`, `E "BHXH tự nguyện Kế hoạch giao năm 2026"`},
			[]string{"bhyt", "bhxh-tu-nguyen", "share.bhxh-tu-nguyen"}},
		{[]string{"Bảo hiểm y tế"}, []string{`C "Bảo hiểm y tế Số người tham gia"`, `D "Bảo hiểm y tế Tỷ lệ bao phủ dân số (%)"`},
			[]string{"bhxh-tu-nguyen", "share.bhxh-tu-nguyen"}},
	} {
		o := caMauOpts(site)
		o.DryRun, o.SkipColumns = true, c.skip
		rep, err := Import(readTable(t, name), o)
		if err != nil {
			t.Fatalf("%q: %v", c.skip, err)
		}
		if strings.Join(rep.Skipped, "|") != strings.Join(c.skipped, "|") {
			t.Errorf("%q: skipped %q, want %q", c.skip, rep.Skipped, c.skipped)
		}
		var keys []string
		for _, f := range rep.Matches[0].Figures {
			keys = append(keys, f.Key)
		}
		if strings.Join(keys, " ") != strings.Join(c.keys, " ") {
			t.Errorf("%q: figures %q, want %q", c.skip, keys, c.keys)
		}
	}
	o := caMauOpts(site)
	o.DryRun, o.SkipColumns = true, []string{"Số thẻ"}
	if _, err := Import(readTable(t, name), o); err == nil || !strings.Contains(err.Error(), `--skip-column "Số thẻ": the table has no such column`) {
		t.Errorf("a name that is no column: %v", err)
	}
}

// TestImportShareRenamedAsRate: the share of plan renamed "Tỷ lệ (%)", as an earlier hint
// invited, is not read as a coverage rate silently: its 108,2 stops the import.
func TestImportShareRenamedAsRate(t *testing.T) {
	site := caMauSite(t)
	name, _ := caMauSheet(t)
	tab := readTable(t, name)
	tab.Rows[7][6].Text = "Tỷ lệ (%)"
	o := caMauOpts(site)
	o.DryRun = true
	_, err := Import(tab, o)
	want := `column "BHXH tự nguyện Tỷ lệ (%)" is read as a coverage rate (rate.bhxh-tu-nguyen), but 8 rows are above 100 (row 10: 108.2; row 11: 101.5`
	if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "--skip-column G") {
		t.Errorf("a share read as a rate: %v", err)
	}
}

// TestColumnNumberRows: the rows numbering the columns under a header, with the formula
// of a computed column, are recognised; a row of figures is not.
func TestColumnNumberRows(t *testing.T) {
	for _, c := range []struct {
		cells []string
		want  bool
	}{
		{[]string{"A", "B", "1", "2", "3", "4", "5=4/3"}, true},
		{[]string{"(1)", "(2)", "(3)=(2)/(1)"}, true},
		{[]string{"1", "2", "3=2/1*100"}, true},
		{[]string{"A", "B", "1", "2", "3=1+2", "4 = 3 - 2"}, true},
		{[]string{"(A)", "(B)", "(1)", "(2)", "(6)=(5)/(4)x100%"}, true},
		{[]string{"1", "Phường An Xuyên", "98.765", "95,12"}, false},
		{[]string{"", "Tổng cộng", "5=4/3"}, false},
		{[]string{"5=4/3"}, false},
	} {
		cells := make([]Cell, len(c.cells))
		for i, s := range c.cells {
			cells[i] = Cell{Text: s}
		}
		if got := isColumnNumberRow(cells); got != c.want {
			t.Errorf("%q: %v, want %v", c.cells, got, c.want)
		}
	}
}

// TestImportDashInTheFirstRow: a "-" (or "—", "x", nothing) in the first row of figures
// leaves it a row of figures, not a second row of the header; so does a column-number row
// with a formula under a one-row header.
func TestImportDashInTheFirstRow(t *testing.T) {
	site := caMauSite(t)
	for _, c := range []struct {
		name, table string
	}{
		{"gach.csv", "STT,Đơn vị,BHYT,BHXH tự nguyện\n1,Phường An Xuyên,\"98.765\",-\n2,Lý Văn Lâm,\"45.321\",812\n"},
		{"gach-dai.csv", "STT,Đơn vị,BHYT,BHXH tự nguyện\n1,Phường An Xuyên,\"98.765\",—\n2,Lý Văn Lâm,\"45.321\",812\n"},
		{"x.csv", "STT;Đơn vị;BHYT;BHXH tự nguyện\n1;Phường An Xuyên;98.765;x\n2;Lý Văn Lâm;45.321;812\n"},
		{"trong.csv", "STT,Đơn vị,BHYT,BHXH tự nguyện\n1,Phường An Xuyên,\"98.765\",\n2,Lý Văn Lâm,\"45.321\",812\n"},
		{"so-cot.csv", "STT,Đơn vị,BHYT,Tỷ lệ BHYT (%),Tỷ lệ đạt KH BHYT (%)\n(1),(2),(3),(4),(5)=(3)/(4)\n1,Phường An Xuyên,\"98.765\",\"95,12\",-\n2,Lý Văn Lâm,\"45.321\",\"93,4\",-\n"},
		// a row of dashes only has no figure to import, and is still no header
		{"ca-hai.csv", "STT,Đơn vị,BHYT,BHXH tự nguyện\n1,Phường An Xuyên,-,-\n1,Phường An Xuyên,\"98.765\",-\n2,Lý Văn Lâm,\"45.321\",812\n"},
	} {
		csv := filepath.Join(t.TempDir(), c.name)
		if err := os.WriteFile(csv, []byte(c.table), 0o644); err != nil {
			t.Fatal(err)
		}
		o := caMauOpts(site)
		o.DryRun = true
		rep, err := Import(readTable(t, csv), o)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if len(rep.Matches) != 2 || rep.Matches[0].Locality == nil || rep.Matches[0].Locality.ID != "an-xuyen" || rep.Matches[1].Locality.ID != "ly-van-lam" {
			t.Fatalf("%s: rows %+v", c.name, rep.Matches)
		}
		if f := rep.Matches[1].Figures; f[0].Key != "bhyt" || f[0].Value != 45321 || f[0].Header != "BHYT" {
			t.Errorf("%s: Lý Văn Lâm's figures %+v", c.name, f)
		}
	}
}

// TestImportShareAgainstItsColumns: a share of plan that is not the row's result ÷ its
// target in the same table is imported as written, with a warning at its cell.
func TestImportShareAgainstItsColumns(t *testing.T) {
	site := caMauSite(t)
	name, _ := caMauSheet(t)
	tab := readTable(t, name)
	tab.Rows[9][6] = Cell{Text: "18,20"} // An Xuyên: 1.623 ÷ 1.500 is 108,20
	o := caMauOpts(site)
	o.DryRun = true
	rep, err := Import(tab, o)
	if err != nil {
		t.Fatal(err)
	}
	want := `bang.xlsx:10:7 (BC T10!G10): column "BHXH tự nguyện Tỷ lệ % so KH": the share of plan is not column "BHXH tự nguyện Thực hiện" ÷ column "BHXH tự nguyện Kế hoạch giao năm 2026" in 1 rows (row 10: 18.2, while 1,623 ÷ 1,500 = 108.2)`
	var all []string
	for _, w := range rep.Warnings {
		all = append(all, w.Text())
	}
	if !strings.Contains(strings.Join(all, "\n"), want) {
		t.Errorf("no %q in:\n%s", want, strings.Join(all, "\n"))
	}
	if f := rep.Matches[0].Figures; f[len(f)-1].Key != "share.bhxh-tu-nguyen" || f[len(f)-1].Value != 18.2 {
		t.Errorf("the share is not imported as written: %+v", f)
	}
}

// TestImportSharesWithoutAPlan: with no plan of the parent for the date, the shares of plan
// are left out, the column named in a warning at its header, and the rest imports.
func TestImportSharesWithoutAPlan(t *testing.T) {
	site := caMauSite(t)
	if err := os.Remove(filepath.Join(site, "data/plans/ca-mau-12-kh-bcd-2026.toml")); err != nil {
		t.Fatal(err)
	}
	name, _ := caMauSheet(t)
	o := caMauOpts(site)
	o.DryRun = true
	rep, err := Import(readTable(t, name), o)
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, w := range rep.Warnings {
		all = append(all, w.Text())
	}
	for _, want := range []string{
		`bang.xlsx:8:7 (BC T10!G8): column "BHXH tự nguyện Tỷ lệ % so KH" (share.bhxh-tu-nguyen) is not imported: a share of plan needs the plan it is a share of (plan = …), and no plan of ca-mau has a period holding 2026-10-31`,
		`bang.xlsx:8:5 (BC T10!E8): column "BHXH tự nguyện Kế hoạch giao năm 2026" is the target (bhxh-tu-nguyen) the table states beside the results`,
	} {
		if !strings.Contains(strings.Join(all, "\n"), want) {
			t.Errorf("no %q in:\n%s", want, strings.Join(all, "\n"))
		}
	}
	if n := len(rep.Matches[0].Figures); n != 3 {
		t.Errorf("%d figures, want BHYT, its rate and BHXH tự nguyện", n)
	}
}

// TestImportShareUnder100RenamedAsRate: a share of plan renamed "Tỷ lệ (%)" whose rows are
// all below 100 is still said: in every row it is the result ÷ the target beside it.
func TestImportShareUnder100RenamedAsRate(t *testing.T) {
	site := caMauSite(t)
	name, first := caMauSheet(t)
	tab := readTable(t, name)
	tab.Rows[7][6].Text = "Tỷ lệ (%)"
	for i, u := range append(withTotal(caMauUnits), caMauTotal) { // every commune below its target
		u.done = u.target * 9 / 10
		tab.Rows[first-1+i][5] = Cell{Text: strconv.Itoa(u.done), Numeric: true}
		tab.Rows[first-1+i][6] = Cell{Text: strconv.FormatFloat(u.share(), 'f', -1, 64), Numeric: true}
	}
	o := caMauOpts(site)
	o.DryRun = true
	rep, err := Import(tab, o)
	if err != nil {
		t.Fatal(err)
	}
	want := `bang.xlsx:8:7 (BC T10!G8): column "BHXH tự nguyện Tỷ lệ (%)" is read as a coverage rate (rate.bhxh-tu-nguyen), but in all 13 rows it is column "BHXH tự nguyện Thực hiện" ÷ column "BHXH tự nguyện Kế hoạch giao năm 2026": is it a share of plan? — a header such as "Tỷ lệ % so KH" or "% so kế hoạch" is imported as share.bhxh-tu-nguyen; if the column is not needed, add --skip-column G`
	var all []string
	for _, w := range rep.Warnings {
		all = append(all, w.Text())
	}
	if !strings.Contains(strings.Join(all, "\n"), want) {
		t.Errorf("no %q in:\n%s", want, strings.Join(all, "\n"))
	}
}

// TestRowWhere: a row's place in the document, as a reader holding it checks it.
func TestRowWhere(t *testing.T) {
	for _, c := range []struct {
		sheet, table string
		vi, en       string
	}{
		{"BC T10", "", `Bảng "BC T10", dòng 12`, `Sheet "BC T10", row 12`},
		{"", "", "dòng 12", "row 12"},
		{"BC T10", "Phụ lục 2", "Phụ lục 2, dòng 12", "Phụ lục 2, row 12"},
		{"", "Biểu 01", "Biểu 01, dòng 12", "Biểu 01, row 12"},
	} {
		w := rowWhere(&Table{Name: "bao-cao", Sheet: c.sheet}, 11, c.table)
		if w.VI != c.vi || w.EN != c.en {
			t.Errorf("sheet %q, --where %q: %q / %q, want %q / %q", c.sheet, c.table, w.VI, w.EN, c.vi, c.en)
		}
	}
}

// TestImportPlanFromAReportOfResults: imported as a plan's targets, the report of results
// is refused: its BHYT columns ("Số người tham gia", "Tỷ lệ bao phủ") do not say they hold
// targets, and the sheet reports results (a column says "Thực hiện"; its title "BÁO CÁO
// KẾT QUẢ"), so each is an error at its header saying how to fix it, in both languages —
// no plan of participants read as targets. Left out with --skip-column, the sheet gives
// BHXH tự nguyện's target from "Kế hoạch giao năm 2026"; its result and its share of plan
// are set aside, each said in a warning at its header.
func TestImportPlanFromAReportOfResults(t *testing.T) {
	site := caMauSite(t)
	name, _ := caMauSheet(t)
	for _, c := range []struct{ lang, col, how string }{
		{"en", `bang.xlsx:8:3 (BC T10!C8): cannot place column "Bảo hiểm y tế Số người tham gia": its header does not say it holds targets, and the sheet reports results (column E "BHXH tự nguyện Kế hoạch giao năm 2026")`,
			`write "Kế hoạch" or "Chỉ tiêu" in its header; if it holds results, import the sheet with --result DATE`},
		{"vi", `bang.xlsx:8:4 (BC T10!D8): không biết đặt cột "Bảo hiểm y tế Tỷ lệ bao phủ dân số (%)" vào đâu: tiêu đề không ghi đó là chỉ tiêu, mà bảng là bảng kết quả`,
			`nếu không cần nhập cột này, thêm --skip-column D`},
	} {
		o := opts(site)
		o.Parent, o.Plan, o.DryRun, o.Lang = "ca-mau", "ca-mau-thu-2026", true, c.lang
		_, err := Import(readTable(t, name), o)
		if err == nil {
			t.Fatalf("%s: a report of results imported as a plan's targets", c.lang)
		}
		for _, want := range []string{c.col, c.how} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s: no %q in:\n%v", c.lang, want, err)
			}
		}
	}

	o := opts(site)
	o.Parent, o.Plan, o.DryRun, o.SkipColumns = "ca-mau", "ca-mau-thu-2026", true, []string{"C", "D"}
	rep, err := Import(readTable(t, name), o)
	if err != nil {
		t.Fatal(err)
	}
	f := rep.Matches[0].Figures
	if len(f) != 1 || f[0].Key != "bhxh-tu-nguyen" || f[0].Value != 1500 || f[0].Header != "BHXH tự nguyện Kế hoạch giao năm 2026" {
		t.Errorf("An Xuyên's figures: %+v", f)
	}
	var all []string
	for _, w := range rep.Warnings {
		all = append(all, w.Text())
	}
	for _, want := range []string{
		`bang.xlsx:8:6 (BC T10!F8): column "BHXH tự nguyện Thực hiện" is a result, not a target: it is not imported into a plan`,
		`bang.xlsx:8:7 (BC T10!G8): column "BHXH tự nguyện Tỷ lệ % so KH" is a share of plan, not a target: it is not imported into a plan`,
	} {
		if !strings.Contains(strings.Join(all, "\n"), want) {
			t.Errorf("no %q in:\n%s", want, strings.Join(all, "\n"))
		}
	}
}

// TestResultsEvidence: what makes a sheet a report of results — a column
// naming a side or a share, else its title — and what does not: a plan's annex with
// indicators' names alone, or a title that sets targets, is read as targets.
func TestResultsEvidence(t *testing.T) {
	site := caMauSite(t)
	for _, c := range []struct {
		name   string
		csv    string
		refuse bool
	}{
		{"names alone", "STT,Đơn vị,BHYT\n1,Phường An Xuyên,98.765\nTổng cộng,,514.081\n", false},
		{"title of results", "BÁO CÁO KẾT QUẢ PHÁT TRIỂN NGƯỜI THAM GIA BHYT\nSTT,Đơn vị,BHYT\n1,Phường An Xuyên,98.765\nTổng cộng,,514.081\n", true},
		{"figures as of a date", "(Số liệu đến ngày 31/10/2026)\nSTT,Đơn vị,BHYT\n1,Phường An Xuyên,98.765\nTổng cộng,,514.081\n", true},
		{"title of a plan", "KẾ HOẠCH THỰC HIỆN CHỈ TIÊU BHYT NĂM 2026 (số liệu đến ngày 31/10/2026)\nSTT,Đơn vị,BHYT\n1,Phường An Xuyên,98.765\nTổng cộng,,514.081\n", false},
		{"targets labelled", "STT,Đơn vị,BHYT kế hoạch,BHYT thực hiện\n1,Phường An Xuyên,98.765,98.000\nTổng cộng,,514.081,510.000\n", false},
		{"a results column beside", "STT,Đơn vị,BHYT,BHYT thực hiện\n1,Phường An Xuyên,98.765,98.000\nTổng cộng,,514.081,510.000\n", true},
	} {
		tab, err := ReadCSV(strings.NewReader(c.csv), "bang.csv")
		if err != nil {
			t.Fatal(err)
		}
		o := opts(site)
		o.Parent, o.Plan, o.DryRun = "ca-mau", "ca-mau-thu-2026", true
		_, err = Import(tab, o)
		refused := err != nil && strings.Contains(err.Error(), "cannot place column")
		if err != nil && !refused {
			t.Errorf("%s: %v", c.name, err)
		}
		if refused != c.refuse {
			t.Errorf("%s: refused %v, want %v (%v)", c.name, refused, c.refuse, err)
		}
	}
}
