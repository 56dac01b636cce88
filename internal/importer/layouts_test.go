package importer

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/covsite/covsite/internal/build"
	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/sitetest"
)

// officeNames are the seed wards as offices write them: abbreviated, zero-padded, in
// capitals, without accents, with a prefix (issue 15).
var officeNames = []string{"P.1", "Phường 02", "phuong 3", "P4", "Phường 5", "Phường 6", "TT Phường 7", "Phường 8", "Phường 9", "XÃ LONG ĐỨC"}

// seedIDs are the localities of seedRows, in order.
var seedIDs = []string{"tra-vinh-phuong-1", "tra-vinh-phuong-2", "tra-vinh-phuong-3", "tra-vinh-phuong-4", "tra-vinh-phuong-5",
	"tra-vinh-phuong-6", "tra-vinh-phuong-7", "tra-vinh-phuong-8", "tra-vinh-phuong-9", "long-duc"}

// sheet builds an XLSX fixture cell by cell.
type sheet struct {
	t    *testing.T
	f    *excelize.File
	name string // the sheet's name
}

const sh = "Sheet1"

func newSheet(t *testing.T) *sheet { return &sheet{t, excelize.NewFile(), sh} }

// rename names the sheet as the office does: "BC T10".
func (s *sheet) rename(name string) {
	s.t.Helper()
	if err := s.f.SetSheetName(s.name, name); err != nil {
		s.t.Fatal(err)
	}
	s.name = name
}

func (s *sheet) set(cell string, v any) {
	s.t.Helper()
	if err := s.f.SetCellValue(s.name, cell, v); err != nil {
		s.t.Fatal(err)
	}
}

func (s *sheet) merge(from, to string) {
	s.t.Helper()
	if err := s.f.MergeCell(s.name, from, to); err != nil {
		s.t.Fatal(err)
	}
}

func (s *sheet) formula(cell, f string) {
	s.t.Helper()
	if err := s.f.SetCellFormula(s.name, cell, f); err != nil {
		s.t.Fatal(err)
	}
}

func (s *sheet) row(r int, from int, values ...any) {
	s.t.Helper()
	for i, v := range values {
		if v == nil {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(from+i, r)
		s.set(cell, v)
	}
}

func (s *sheet) save() string {
	s.t.Helper()
	name := filepath.Join(s.t.TempDir(), "bang.xlsx")
	if err := s.f.SaveAs(name); err != nil {
		s.t.Fatal(err)
	}
	s.f.Close()
	return name
}

// vn writes n as text the Vietnamese way: 10324 → "10.324".
func vn(n int) string { return human(float64(n), "vi") }

// officeSheet is the table as a district office sends it (issue 15, point 2): a title
// block, a two-row merged header with "BHXH" over "Bắt buộc | Tự nguyện", a row numbering
// the columns, the wards under the names offices give them, numbers typed as text with
// Vietnamese separators beside real numbers, "Tổng cộng" in the STT column merged over the
// Đơn vị column with formulas, a blank row and a signature block with a date.
func officeSheet(t *testing.T) (name string, total []float64) {
	s := newSheet(t)
	s.set("A1", "BẢO HIỂM XÃ HỘI TỈNH TRÀ VINH")
	s.merge("A1", "C1")
	s.set("E1", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
	s.merge("E1", "G1")
	s.set("A2", "BẢO HIỂM XÃ HỘI THÀNH PHỐ TRÀ VINH")
	s.merge("A2", "C2")
	s.set("E2", "Độc lập - Tự do - Hạnh phúc")
	s.merge("E2", "G2")
	s.set("A3", "BÁO CÁO KẾT QUẢ PHÁT TRIỂN NGƯỜI THAM GIA BHXH, BHYT, BHTN ĐẾN NGÀY 30/6/2023")
	s.merge("A3", "G3")
	s.set("F4", "Đơn vị tính: người")
	s.row(5, 1, "STT", "Đơn vị", "BHXH", nil, "Bảo hiểm thất nghiệp", "BHYT", "Ghi chú")
	for _, m := range [][2]string{{"A5", "A6"}, {"B5", "B6"}, {"C5", "D5"}, {"E5", "E6"}, {"F5", "F6"}, {"G5", "G6"}} {
		s.merge(m[0], m[1])
	}
	s.row(6, 3, "Bắt buộc", "Tự nguyện")
	s.row(7, 1, "A", "B", 1, 2, 3, 4, 5)
	for i, r := range seedRows {
		n := 8 + i
		s.set("A"+strconv.Itoa(n), i+1)
		s.set("B"+strconv.Itoa(n), officeNames[i])
		bb, tn, bhtn, bhyt := r[1].(int), r[2].(int), r[3].(int), r[4].(int)
		if i%2 == 0 { // typed as text, the Vietnamese way, beside real numbers
			s.row(n, 3, vn(bb), tn, vn(bhtn), vn(bhyt))
		} else {
			s.row(n, 3, bb, tn, bhtn, bhyt)
		}
	}
	s.set("G9", "Số liệu sơ bộ")
	s.set("A18", "Tổng cộng")
	s.merge("A18", "B18")
	s.set("C18", seedTotal[0])
	s.formula("D18", "SUM(D8:D17)") // a formula without a saved value: calculated
	s.set("E18", vn(seedTotal[2].(int)))
	s.set("F18", seedTotal[3])
	// row 19 blank; then the signature block
	s.set("E20", "Trà Vinh, ngày 05 tháng 7 năm 2023")
	s.set("B21", "NGƯỜI LẬP BIỂU")
	s.set("E21", "GIÁM ĐỐC")
	s.set("B25", "Trần Thị B")
	s.set("E25", "Nguyễn Văn A")
	dateStyle, err := s.f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	s.set("C26", date.New(2023, 7, 5).Time())
	if err := s.f.SetCellStyle(sh, "C26", "C26", dateStyle); err != nil {
		t.Fatal(err)
	}
	sumTN := 0
	for _, r := range seedRows {
		sumTN += r[2].(int)
	}
	return s.save(), []float64{float64(seedTotal[0].(int)), float64(sumTN), float64(seedTotal[2].(int)), float64(seedTotal[3].(int))}
}

// unitColumnSheet has "Tổng cộng" in the Đơn vị column, first, with no STT; a one-row
// header above a row numbering the columns "(1)", "(2)", "3=1+2"; and a rate column.
func unitColumnSheet(t *testing.T) (name string, total []float64) {
	s := newSheet(t)
	s.set("A1", "TỔNG HỢP SỐ NGƯỜI THAM GIA THEO PHƯỜNG, XÃ")
	s.merge("A1", "F1")
	s.row(3, 1, "STT", "Tên đơn vị", "BHXH bắt buộc", "BHXH tự nguyện", "BHTN", "Số người tham gia BHYT")
	s.row(4, 1, "(A)", "(B)", "(1)", "(2)", "(3)", "(4)")
	s.row(5, 2, "Tổng cộng", seedTotal[0], seedTotal[1], seedTotal[2], vn(seedTotal[3].(int)))
	for i := range seedRows { // in reverse order: Long Đức first
		j := len(seedRows) - 1 - i
		r := seedRows[j]
		s.row(6+i, 1, strconv.Itoa(i+1), officeNames[j], r[1], r[2], r[3], r[4])
	}
	s.set("B18", "Ghi chú: số liệu lấy từ phần mềm thu")
	return s.save(), []float64{15647, 1757, 12369, 108441}
}

// TestImportOfficeLayouts: each layout offices really send imports unedited into the right
// wards with the right figures, and `check` passes.
func TestImportOfficeLayouts(t *testing.T) {
	for _, c := range []struct {
		name  string
		build func(*testing.T) (string, []float64)
	}{
		{"two-row merged header", officeSheet},
		{"total in the unit column", unitColumnSheet},
	} {
		t.Run(c.name, func(t *testing.T) {
			site := sitetest.CopyExample(t, repoRoot)
			xlsx, total := c.build(t)
			o := opts(site)
			o.Result, o.Report, o.Publisher = date.New(2023, 6, 30), "Báo cáo 6 tháng", "BHXH thành phố Trà Vinh"
			o.Published = date.New(2023, 7, 5)
			rep, err := Import(readTable(t, xlsx), o)
			if err != nil {
				t.Fatalf("the office's sheet did not import unedited:\n%v", err)
			}
			checkClean(t, site)
			rows := rowsByLocality(decode(t, filepath.Join(site, rep.Path)), "result")
			keys := []string{"bhxh-bat-buoc", "bhxh-tu-nguyen", "bhtn", "bhyt"}
			for i, id := range seedIDs {
				for k, key := range keys {
					if got, want := rows[id][key], int64(seedRows[i][k+1].(int)); got != want {
						t.Errorf("%s (%q) %s = %v, want %d", id, officeNames[i], key, got, want)
					}
				}
			}
			for k, key := range keys {
				if got := rows["tp-tra-vinh"][key]; got != int64(total[k]) {
					t.Errorf("total row %s = %v, want %v", key, got, total[k])
				}
			}
			if len(rows) != 11 {
				t.Errorf("%d rows written, want the 10 wards and the city: %v", len(rows), rows)
			}
			for _, w := range rep.Warnings {
				if strings.Contains(w.Message, "not a") || strings.Contains(w.Message, "no name") {
					t.Errorf("warning about a row that is not the table's: %s", w.Text())
				}
			}
			if len(rep.Matches) != 11 {
				t.Errorf("%d matches shown, want 11", len(rep.Matches))
			}
		})
	}
}

// TestOfficeNamesMatchTheirWard: the names offices give wards match the existing ward, and
// never lead to a suggestion to create one.
func TestOfficeNamesMatchTheirWard(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	s, _ := build.Check(site)
	m := newLocalityMatcher(s.Locality("tp-tra-vinh"), date.New(2023, 6, 30))
	for i, name := range officeNames {
		l, tied := m.matchAll(name)
		if l == nil || l.ID != seedIDs[i] || len(tied) > 0 {
			t.Errorf("%q → %v (tied %v), want %s", name, l, tied, seedIDs[i])
		}
	}
	for _, name := range []string{"Phường 10", "P.12", "Xã 1", "TT 7"} {
		if l := m.match(name); l != nil {
			t.Errorf("%q matched %s", name, l.ID)
		}
	}
}

// TestImportAmbiguousRowSaysWhatToDo: a name two wards share is refused with one sentence
// saying what to write instead.
func TestImportAmbiguousRowSaysWhatToDo(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	f := filepath.Join(site, "data/localities/tra-vinh.toml")
	extra := "\n[[locality]]\nid = \"tra-vinh-phuong-1-b\"\nname = \"Phường 1\"\nkind = \"phuong\"\nparent = \"tp-tra-vinh\"\n"
	if err := os.WriteFile(f, append(mustRead(t, f), extra...), 0o644); err != nil {
		t.Fatal(err)
	}
	o := opts(site)
	o.Result, o.Report, o.Publisher = date.New(2023, 6, 30), "Báo cáo", "BHXH"
	_, err := Import(readTable(t, seedCSV), o)
	want := `ke-hoach-49-phuong-xa.csv:2:2: "Phường 1" could be any of: Phường 1 (tra-vinh-phuong-1-b, Thành phố Trà Vinh); Phường 1 (tra-vinh-phuong-1, Thành phố Trà Vinh) — replace "Phường 1" in the table with the id of the right one: tra-vinh-phuong-1-b or tra-vinh-phuong-1`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("ambiguous name: %v\nwant %s", err, want)
	}
	if strings.Contains(err.Error(), "data/localities") || strings.Contains(err.Error(), "--skip-unknown") {
		t.Errorf("the message suggests creating a locality or skipping the row:\n%v", err)
	}
}

// TestImportRefusesGrandchildren: the wards of the city imported with --parent set to the
// province (issue 15, point 1) are refused, the error names the city, nothing is written,
// and the match shows each ward with its chain of parents.
func TestImportRefusesGrandchildren(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	for _, lang := range []string{"en", "vi"} {
		o := opts(site)
		o.Parent, o.Lang = "tra-vinh", lang
		o.Result, o.Report, o.Publisher = date.New(2023, 6, 30), "Báo cáo", "BHXH"
		o.SkipUnknown = true // it must not let these rows through either
		rep, err := Import(readTable(t, seedCSV), o)
		var probs Problems
		if !errors.As(err, &probs) {
			t.Fatalf("%s: wards of the city imported below the province: %v", lang, err)
		}
		want := map[string]string{
			"en": `10 rows ("Phường 1", "Phường 2", "Phường 3", …) are localities of Thành phố Trà Vinh (tp-tra-vinh), not directly of Trà Vinh (tra-vinh); the total row would be written as the whole of Trà Vinh — if the table is about Thành phố Trà Vinh, import it again with --parent tp-tra-vinh`,
			"vi": `nếu bảng là số liệu của Thành phố Trà Vinh, hãy nhập lại với --parent tp-tra-vinh`,
		}[lang]
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error does not name the parent:\n%v", lang, err)
		}
		if _, err := os.Stat(filepath.Join(site, "data/results/tra-vinh-2023-06-30.toml")); err == nil {
			t.Fatal("a file was written")
		}
		if rep == nil || len(rep.Matches) != 11 {
			t.Fatalf("%s: no match shown: %+v", lang, rep)
		}
		m := rep.Matches[0]
		if m.Label != "Phường 1" || m.Locality.ID != "tra-vinh-phuong-1" || !m.Deeper ||
			Chain(m.Locality) != "Việt Nam › Trà Vinh › Thành phố Trà Vinh › Phường 1" || len(m.Figures) != 4 || m.Figures[3].Value != 10324 {
			t.Errorf("%s: first match %+v", lang, m)
		}
	}
}

// TestImportDryRunWritesNothing: --dry-run reports the match of every row and writes no file.
func TestImportDryRunWritesNothing(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	o := opts(site)
	o.Result, o.Report, o.Publisher, o.DryRun = date.New(2023, 6, 30), "Báo cáo", "BHXH", true
	rep, err := Import(readTable(t, seedCSV), o)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Path != "" || len(rep.Matches) != 11 {
		t.Errorf("dry run: %+v", rep)
	}
	if _, err := os.Stat(filepath.Join(site, "data/results/tp-tra-vinh-2023-06-30.toml")); err == nil {
		t.Error("--dry-run wrote the file")
	}
	var b strings.Builder
	WriteMatches(&b, rep, "bang.csv", "vi")
	for _, want := range []string{
		`dòng 12  "Tổng cộng" → tp-tra-vinh, dòng tổng: Việt Nam › Trà Vinh › Thành phố Trà Vinh`,
		`dòng 11  "Long Đức" → long-duc: Việt Nam › Trà Vinh › Thành phố Trà Vinh › Long Đức`,
		`BHXH bắt buộc 3.259 · BHXH tự nguyện 319 · Bảo hiểm thất nghiệp 2.780 · BHYT 19.936`,
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("no %q in:\n%s", want, b.String())
		}
	}
}

// TestImportExplainsAFormulaThatSkipsText: a total =SUM(…) over cells holding numbers typed
// as text is short by those cells, as in the spreadsheet itself; the warning names them and
// says what to do.
func TestImportExplainsAFormulaThatSkipsText(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	name, _ := officeSheet(t)
	f, err := excelize.OpenFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellFormula(sh, "F18", "SUM(F8:F17)"); err != nil { // BHYT, every other row typed as text
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	o := opts(site)
	o.Result, o.Report, o.Publisher, o.DryRun = date.New(2023, 6, 30), "Báo cáo", "BHXH", true
	rep, err := Import(readTable(t, name), o)
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, w := range rep.Warnings {
		all = append(all, w.Text())
	}
	want := `the total is the formula =SUM(F8:F17), and a spreadsheet does not add numbers typed as text: F8 (10.324), F10 (3.426), F12 (10.306), F14 (14.690), F16 (11.958)`
	if !strings.Contains(strings.Join(all, "\n"), want) {
		t.Errorf("no %q in:\n%s", want, strings.Join(all, "\n"))
	}
}

// layout is one way offices lay a sheet out; sheetWith builds the seed table with it.
type layout struct {
	title, twoRowHeader, numberRow, blankRow, signature, textNumbers, formulas bool
	totalInUnit                                                                bool // "Tổng cộng" in the Đơn vị column rather than STT
}

// sheetWith writes the seed wards (as offices name them) with l's features and returns
// the file and the total row's figures as the table states them.
func sheetWith(t *testing.T, l layout) (string, []int) {
	s := newSheet(t)
	r := 1
	if l.title {
		s.set("A1", "BẢO HIỂM XÃ HỘI THÀNH PHỐ TRÀ VINH")
		s.set("A2", "BÁO CÁO KẾT QUẢ THỰC HIỆN ĐẾN 30/6/2023")
		s.merge("A2", "F2")
		r = 4
	}
	if l.twoRowHeader {
		s.row(r, 1, "STT", "Đơn vị", "BHXH", nil, "BHTN", "BHYT")
		for _, c := range []string{"A", "B", "E", "F"} {
			s.merge(c+strconv.Itoa(r), c+strconv.Itoa(r+1))
		}
		s.merge("C"+strconv.Itoa(r), "D"+strconv.Itoa(r))
		s.row(r+1, 3, "Bắt buộc", "Tự nguyện")
		r += 2
	} else {
		s.row(r, 1, "STT", "Đơn vị", "BHXH bắt buộc", "BHXH tự nguyện", "BHTN", "BHYT")
		r++
	}
	if l.numberRow {
		s.row(r, 1, "A", "B", 1, 2, 3, 4)
		r++
	}
	first := r
	for i, row := range seedRows {
		s.set("A"+strconv.Itoa(r), i+1)
		s.set("B"+strconv.Itoa(r), officeNames[i])
		for c := 1; c <= 4; c++ {
			var v any = row[c]
			if l.textNumbers && i%2 == 1 {
				v = vn(row[c].(int))
			}
			cell, _ := excelize.CoordinatesToCellName(c+2, r)
			s.set(cell, v)
		}
		r++
	}
	total := []int{15647, 1757, 12369, 108441}
	label := "A"
	if l.totalInUnit {
		label = "B"
	}
	s.set(label+strconv.Itoa(r), "Tổng cộng")
	for c := 0; c < 4; c++ {
		cell, _ := excelize.CoordinatesToCellName(c+3, r)
		if l.formulas {
			col := string(rune('C' + c))
			s.formula(cell, fmt.Sprintf("SUM(%s%d:%s%d)", col, first, col, r-1))
			total[c] = 0
			for _, row := range seedRows {
				total[c] += row[c+1].(int)
			}
			continue
		}
		s.set(cell, total[c])
	}
	r++
	if l.blankRow {
		r++
		s.set("B"+strconv.Itoa(r), "Ghi chú: số liệu sơ bộ")
		r++
	}
	if l.signature {
		s.set("E"+strconv.Itoa(r), "Trà Vinh, ngày 05 tháng 7 năm 2023")
		s.set("E"+strconv.Itoa(r+1), "GIÁM ĐỐC")
		s.set("E"+strconv.Itoa(r+4), "Nguyễn Văn A")
	}
	return s.save(), total
}

// TestImportEachOfficeLayout: each feature of the sheets offices send, alone, imports
// unedited into the right wards with the right figures (issue 15, point 2).
func TestImportEachOfficeLayout(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	for _, c := range []struct {
		name string
		l    layout
	}{
		{"plain", layout{}},
		{"title block", layout{title: true}},
		{"two-row merged header, BHXH over Bắt buộc and Tự nguyện", layout{twoRowHeader: true}},
		{"column-number row", layout{numberRow: true}},
		{"Tổng cộng in the STT column", layout{}},
		{"Tổng cộng in the Đơn vị column", layout{totalInUnit: true}},
		{"blank row and a note", layout{blankRow: true}},
		{"signature block", layout{signature: true}},
		{"numbers as text beside numbers", layout{textNumbers: true}},
		{"formulas", layout{formulas: true}},
		// All at once, but numbers as text: a formula would skip them (TestImportExplainsAFormulaThatSkipsText).
		{"everything", layout{title: true, twoRowHeader: true, numberRow: true, blankRow: true, signature: true, formulas: true, totalInUnit: true}},
	} {
		t.Run(c.name, func(t *testing.T) {
			name, total := sheetWith(t, c.l)
			o := opts(site)
			o.Result, o.Report, o.Publisher, o.DryRun = date.New(2023, 6, 30), "Báo cáo", "BHXH", true
			rep, err := Import(readTable(t, name), o)
			if err != nil {
				t.Fatalf("not imported unedited:\n%v", err)
			}
			if len(rep.Matches) != 11 {
				t.Fatalf("%d rows read, want 10 wards and the total", len(rep.Matches))
			}
			for _, m := range rep.Matches {
				if m.Total {
					for k, f := range m.Figures {
						if int(f.Value) != total[k] {
							t.Errorf("total %s = %v, want %d", f.Key, f.Value, total[k])
						}
					}
					continue
				}
				i := slices.Index(seedIDs, m.Locality.ID)
				if i < 0 || m.Label != officeNames[i] || len(m.Figures) != 4 {
					t.Fatalf("row %d %q → %s, figures %v", m.Row, m.Label, m.Locality.ID, m.Figures)
				}
				for k, f := range m.Figures {
					if int(f.Value) != seedRows[i][k+1].(int) {
						t.Errorf("%s %s = %v, want %v", m.Locality.ID, f.Key, f.Value, seedRows[i][k+1])
					}
				}
			}
		})
	}
}

// TestImportOfficeSheetSavedAsCSV: the office's sheet saved as CSV keeps no merges — the
// merged cells are empty — and still imports unedited.
func TestImportOfficeSheetSavedAsCSV(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	var b strings.Builder
	b.WriteString("BẢO HIỂM XÃ HỘI THÀNH PHỐ TRÀ VINH;;;;;\n;;;;;\nBÁO CÁO KẾT QUẢ ĐẾN 30/6/2023;;;;;\n")
	b.WriteString("STT;Đơn vị;BHXH;;BHTN;BHYT\n;;Bắt buộc;Tự nguyện;;\nA;B;1;2;3;4\n")
	for i, r := range seedRows {
		fmt.Fprintf(&b, "%d;%s;%s;%s;%s;%s\n", i+1, officeNames[i], vn(r[1].(int)), vn(r[2].(int)), vn(r[3].(int)), vn(r[4].(int)))
	}
	b.WriteString("Tổng cộng;;15.647;1.757;12.369;108.441\n;;;;;\n;;;;GIÁM ĐỐC;\n;;;;;\n;;;;Nguyễn Văn A;\n")
	name := filepath.Join(t.TempDir(), "bang.csv")
	if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	o := opts(site)
	o.Result, o.Report, o.Publisher, o.DryRun = date.New(2023, 6, 30), "Báo cáo", "BHXH", true
	rep, err := Import(readTable(t, name), o)
	if err != nil {
		t.Fatalf("not imported unedited:\n%v", err)
	}
	if len(rep.Matches) != 11 {
		t.Fatalf("%d rows read, want 11", len(rep.Matches))
	}
	m := rep.Matches[0]
	if m.Locality.ID != "tra-vinh-phuong-1" || len(m.Figures) != 4 || m.Figures[0].Key != "bhxh-bat-buoc" || m.Figures[1].Key != "bhxh-tu-nguyen" ||
		m.Figures[1].Value != 165 || m.Figures[3].Value != 10324 {
		t.Errorf("first row %+v", m)
	}
}
