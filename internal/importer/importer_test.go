package importer

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/xuri/excelize/v2"

	"github.com/covsite/covsite/internal/build"
	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/sitetest"
)

const (
	repoRoot = "../.."
	seedCSV  = "testdata/ke-hoach-49-phuong-xa.csv" // seed 000's ward table, as offices send it
	planID   = "tp-tra-vinh-49-kh-bcd-2023"
)

// seedRows is seed 000's table: ward, BHXH bắt buộc, BHXH tự nguyện, BHTN, BHYT.
var seedRows = [][]any{
	{"Phường 1", 1888, 165, 1613, 10324}, {"Phường 2", 483, 55, 374, 3444},
	{"Phường 3", 406, 55, 305, 3426}, {"Phường 4", 1749, 159, 1403, 9534},
	{"Phường 5", 1159, 184, 882, 10306}, {"Phường 6", 1259, 190, 974, 10632},
	{"Phường 7", 2236, 263, 1842, 14690}, {"Phường 8", 1249, 152, 971, 8470},
	{"Phường 9", 1616, 214, 1224, 11958}, {"Long Đức", 3259, 319, 2780, 19936},
}

// seedTotal is the table's "Tổng cộng" row, which does not equal the sum of the wards.
var seedTotal = []any{15647, 1757, 12369, 108441}

func readTable(t *testing.T, name string) *Table {
	t.Helper()
	tab, err := ReadFile(name, "")
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

func opts(site string) Options {
	return Options{Source: site, Parent: "tp-tra-vinh", Lang: "en", FileName: "table", Now: time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)}
}

// checkClean fails the test if the site has errors.
func checkClean(t *testing.T, site string) {
	t.Helper()
	if _, diags := build.Check(site); diags.Count(diag.Error) > 0 {
		t.Fatalf("covsite check finds errors after the import:\n%v", diags.Err("en"))
	}
}

// decode reads a data file written by an import.
func decode(t *testing.T, name string) map[string]any {
	t.Helper()
	var m map[string]any
	if _, err := toml.DecodeFile(name, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// rowsByLocality indexes the [[target]] or [[result]] tables of a decoded file.
func rowsByLocality(m map[string]any, kind string) map[string]map[string]any {
	out := map[string]map[string]any{}
	rows, _ := m[kind].([]map[string]any)
	for _, r := range rows {
		if id, ok := r["locality"].(string); ok {
			out[id] = r
		}
	}
	return out
}

func TestImportSeedCSVAsNewPlan(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	o := opts(site)
	o.Plan, o.Issuer = "tp-tra-vinh-thu-2023", "Ban Chỉ đạo thành phố Trà Vinh"
	rep, err := Import(readTable(t, seedCSV), o)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Path != "data/plans/tp-tra-vinh-thu-2023.toml" || !rep.Created || rep.Rows != 11 || rep.Added != 44 {
		t.Errorf("report %+v", rep)
	}
	checkClean(t, site)
	m := decode(t, filepath.Join(site, rep.Path))
	if m["period"] != "2023" || m["locality"] != "tp-tra-vinh" || m["issuer"] != o.Issuer {
		t.Errorf("plan header: %v", m)
	}
	rows := rowsByLocality(m, "target")
	if got := rows["tra-vinh-phuong-1"]; got["bhxh-bat-buoc"] != int64(1888) || got["bhyt"] != int64(10324) {
		t.Errorf("Phường 1: %v", got)
	}
	if got := rows["long-duc"]; got["bhtn"] != int64(2780) {
		t.Errorf("Long Đức: %v", got)
	}
	if got := rows["tp-tra-vinh"]; got["bhxh-bat-buoc"] != int64(15647) || got["bhyt"] != int64(108441) {
		t.Errorf("the total row is not the parent's row: %v", got)
	}
	// each target says where it stands in the table, as a row of results does: Long Đức is
	// the file's 11th line
	if got := rows["long-duc"]; got["where"] != "dòng 11" || got["where_en"] != "row 11" {
		t.Errorf("Long Đức's where: %q / %q", got["where"], got["where_en"])
	}
	assertTotalWarnings(t, rep.Warnings)
}

// assertTotalWarnings: the seed table's total row does not add up in four columns, and each
// is named.
func assertTotalWarnings(t *testing.T, ws []Problem) {
	t.Helper()
	var text []string
	for _, w := range ws {
		text = append(text, w.Text())
	}
	all := strings.Join(text, "\n")
	for _, want := range []string{
		`column "BHXH bắt buộc" (bhxh-bat-buoc): the total row says 15,647 but the rows add up to 15,304 (difference 343)`,
		`column "BHXH tự nguyện" (bhxh-tu-nguyen): the total row says 1,757 but the rows add up to 1,756`,
		`column "Bảo hiểm thất nghiệp" (bhtn)`,
		`column "BHYT" (bhyt): the total row says 108,441 but the rows add up to 102,720`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no warning %q in:\n%s", want, all)
		}
	}
}

func TestImportSeedCSVIntoItsPlan(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	planFile := filepath.Join(site, "data/plans", planID+".toml")
	original, _ := os.ReadFile(planFile)
	o := opts(site)
	o.Plan = planID
	rep, err := Import(readTable(t, seedCSV), o)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Unchanged != 44 || rep.Added != 0 || len(rep.Changed) != 0 {
		t.Errorf("the plan already holds the table, yet: %+v", rep)
	}
	if now, _ := os.ReadFile(planFile); string(now) != string(original) {
		t.Error("importing figures the plan already has changed the file")
	}

	edited := strings.Replace(string(original), "bhyt = 10_324", "bhyt = 10_000", 1)
	if err := os.WriteFile(planFile, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Import(readTable(t, seedCSV), o)
	var probs Problems
	if !errors.As(err, &probs) || !strings.Contains(err.Error(), "other values for 1 figure of the table; nothing was written — add --force to replace them:\n    tra-vinh-phuong-1 bhyt: 10_000 → 10_324 (line 40)") || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("a different figure was not refused: %v", err)
	}
	if now, _ := os.ReadFile(planFile); string(now) != edited {
		t.Fatal("refused import changed the file")
	}
	o.Force = true
	if _, err := Import(readTable(t, seedCSV), o); err != nil {
		t.Fatal(err)
	}
	if now, _ := os.ReadFile(planFile); string(now) != string(original) {
		t.Errorf("--force did not put back exactly the table's figure:\n%s", now)
	}
	checkClean(t, site)
}

func TestImportAddsRowsToAPlan(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	planFile := filepath.Join(site, "data/plans", planID+".toml")
	src, _ := os.ReadFile(planFile)
	// Without the Phường 9 table and the city's BHYT line, the import must add them back.
	text := strings.Replace(string(src), "[[target]]\nlocality = \"tra-vinh-phuong-9\"\nwhere = \"Mục II.1, bảng chi tiết từng phường, xã, dòng 9 (Phường 9)\"\nwhere_en = \"Section II.1, ward table, row 9 (Phường 9)\"\nbhxh-bat-buoc = 1_616\nbhxh-tu-nguyen = 214\nbhtn = 1_224\nbhyt = 11_958\n\n", "", 1)
	text = strings.Replace(text, "bhyt = 108_441\n", "", 1)
	if text == string(src) {
		t.Fatal("test set-up: plan text changed")
	}
	if err := os.WriteFile(planFile, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	o := opts(site)
	o.Plan = planID
	rep, err := Import(readTable(t, seedCSV), o)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 5 || rep.Unchanged != 39 {
		t.Errorf("report %+v", rep)
	}
	checkClean(t, site)
	site2, _ := build.Check(site)
	p := site2.Plan(planID)
	found := map[string]float64{}
	for _, tg := range p.Targets {
		if tg.Per == "" && !tg.Derived {
			found[tg.Locality.ID+" "+tg.Indicator.ID] = tg.Value.V
		}
	}
	if found["tra-vinh-phuong-9 bhyt"] != 11958 || found["tp-tra-vinh bhyt"] != 108441 {
		t.Errorf("rows not added back: %v", found)
	}
}

// writeSeedXLSX makes the seed table as an office would send it: a title row, numbers as
// numbers (one typed as text the Vietnamese way), a total row, and a rate column formatted
// as a percentage.
func writeSeedXLSX(t *testing.T, name string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sh := "Sheet1"
	set := func(cell string, v any) {
		if err := f.SetCellValue(sh, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set("A1", "CHI TIẾT SỐ LIỆU TỪNG PHƯỜNG, XÃ NĂM 2023")
	for i, h := range []string{"STT", "Đơn vị", "BHXH bắt buộc", "BHXH tự nguyện", "Bảo hiểm thất nghiệp", "BHYT", "Tỷ lệ BHYT (%)"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 3)
		set(cell, h)
	}
	for r, row := range seedRows {
		set("A"+strconv.Itoa(r+4), r+1)
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+2, r+4)
			set(cell, v)
		}
	}
	set("C4", "1.888") // typed as text, the Vietnamese way
	total := strconv.Itoa(len(seedRows) + 4)
	set("A"+total, "Tổng cộng")
	for c, v := range seedTotal {
		cell, _ := excelize.CoordinatesToCellName(c+3, len(seedRows)+4)
		set(cell, v)
	}
	set("G"+total, 0.9444)
	pct, err := f.NewStyle(&excelize.Style{NumFmt: 10})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStyle(sh, "G"+total, "G"+total, pct); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(name); err != nil {
		t.Fatal(err)
	}
}

func TestImportSeedXLSXAsResults(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	xlsx := filepath.Join(t.TempDir(), "ket-qua.xlsx")
	writeSeedXLSX(t, xlsx)
	o := opts(site)
	o.Result, o.Report, o.Publisher = date.New(2023, 6, 30), "Báo cáo thử nghiệm", "BHXH thành phố Trà Vinh"
	o.Published = date.New(2023, 7, 5)
	rep, err := Import(readTable(t, xlsx), o)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Path != "data/results/tp-tra-vinh-2023-06-30.toml" || rep.Rows != 11 {
		t.Errorf("report %+v", rep)
	}
	checkClean(t, site)
	m := decode(t, filepath.Join(site, rep.Path))
	src, _ := m["source"].(map[string]any)
	if src["title"] != o.Report || src["publisher"] != o.Publisher || src["kind"] != "report" {
		t.Errorf("[source] %v", src)
	}
	rows := rowsByLocality(m, "result")
	if got := rows["tra-vinh-phuong-1"]; got["bhxh-bat-buoc"] != int64(1888) || got["bhyt"] != int64(10324) {
		t.Errorf("Phường 1: %v", got)
	}
	city := rows["tp-tra-vinh"]
	rate, _ := city["rate"].(map[string]any)
	if city["bhyt"] != int64(108441) || rate["bhyt"] != 94.44 {
		t.Errorf("total row: %v", city)
	}
	assertTotalWarnings(t, rep.Warnings)
}

func TestImportUnknownWard(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	csv := filepath.Join(t.TempDir(), "sai-ten.csv")
	body, _ := os.ReadFile(seedCSV)
	text := strings.Replace(string(body), "Phường 2,", "Phường 22,", 1)
	text = strings.Replace(text, "Long Đức,", "Long Hòa,", 1)
	if err := os.WriteFile(csv, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	o := opts(site)
	o.Result, o.Report, o.Publisher = date.New(2023, 6, 30), "Báo cáo thử", "BHXH"
	_, err := Import(readTable(t, csv), o)
	var probs Problems
	if !errors.As(err, &probs) {
		t.Fatalf("unknown names did not stop the import: %v", err)
	}
	msg := err.Error()
	for _, want := range []string{
		`sai-ten.csv:3:2: "Phường 22" is not a locality below tp-tra-vinh — closest: Phường 2 (tra-vinh-phuong-2)`,
		`sai-ten.csv:11:2: "Long Hòa" is not a locality below tp-tra-vinh — closest: Long Đức (long-duc)`,
		"nothing was written", "--skip-unknown",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("no %q in:\n%s", want, msg)
		}
	}
	if _, err := os.Stat(filepath.Join(site, "data/results/tp-tra-vinh-2023-06-30.toml")); err == nil {
		t.Error("a file was written although names did not match")
	}
	o.SkipUnknown = true
	rep, err := Import(readTable(t, csv), o)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rows != 9 || len(rep.Warnings) < 2 {
		t.Errorf("with --skip-unknown: %+v", rep)
	}
	checkClean(t, site)
}

func TestImportNeverOverwritesResults(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	o := opts(site)
	o.Result, o.Report, o.Publisher = date.New(2023, 6, 30), "Báo cáo thử", "BHXH"
	if _, err := Import(readTable(t, seedCSV), o); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(site, "data/results/tp-tra-vinh-2023-06-30.toml")
	if err := os.WriteFile(name, append(mustRead(t, name), "# edited by hand\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Import(readTable(t, seedCSV), o); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("second import: %v", err)
	}
	if !strings.Contains(string(mustRead(t, name)), "edited by hand") {
		t.Fatal("file overwritten without --force")
	}
	o.Force = true
	if _, err := Import(readTable(t, seedCSV), o); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(mustRead(t, name)), "edited by hand") {
		t.Error("--force did not replace the file")
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestImportTakesBackWhatCheckRejects: a figure the model refuses (a negative count) is
// reported and the file is not left behind.
func TestImportTakesBackWhatCheckRejects(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	csv := filepath.Join(t.TempDir(), "am.csv")
	if err := os.WriteFile(csv, []byte("Đơn vị;BHYT\nPhường 1;-5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	o := opts(site)
	o.Result, o.Report, o.Publisher = date.New(2023, 6, 30), "Báo cáo thử", "BHXH"
	_, err := Import(readTable(t, csv), o)
	if err == nil || !strings.Contains(err.Error(), "taken back") || !strings.Contains(err.Error(), "-5") {
		t.Fatalf("a negative count: %v", err)
	}
	if _, err := os.Stat(filepath.Join(site, "data/results/tp-tra-vinh-2023-06-30.toml")); err == nil {
		t.Error("the rejected file was left behind")
	}
}

// TestImportRefusesARateOver100: a coverage rate above 100 % — most often a share of plan
// under a header that reads as a rate — stops the import before anything is written, and
// the hint says how a share of plan is headed, never to rename it into a rate.
func TestImportRefusesARateOver100(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	csv := filepath.Join(t.TempDir(), "ty-le.csv")
	if err := os.WriteFile(csv, []byte("Đơn vị;Tỷ lệ BHYT (%)\nPhường 1;\"129,5\"\nPhường 2;\"95,5\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, dry := range []bool{true, false} {
		o := opts(site)
		o.Result, o.Report, o.Publisher, o.DryRun = date.New(2023, 6, 30), "Báo cáo thử", "BHXH", dry
		_, err := Import(readTable(t, csv), o)
		want := `ty-le.csv:2:2: column "Tỷ lệ BHYT (%)" is read as a coverage rate (rate.bhyt), but 1 rows are above 100 (row 2: 129.5)`
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), `"Tỷ lệ % so KH"`) ||
			!strings.Contains(err.Error(), "--skip-column B") || strings.Contains(err.Error(), "taken back") {
			t.Fatalf("dry run %v: %v", dry, err)
		}
		if _, err := os.Stat(filepath.Join(site, "data/results/tp-tra-vinh-2023-06-30.toml")); err == nil {
			t.Error("a file was written")
		}
	}
}

func TestImportUnknownColumnAndBadNumbers(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	csv := filepath.Join(t.TempDir(), "cot.csv")
	table := "STT,Đơn vị,BHXH bat buoc,BH that nghiep,BHYT\n1,Phường 1,1.888,1.613,10.324,5\n2,Phường 2,483,374,nhiều\n3,Phường 3,\"1,2 nghìn\",374,1\n4,Phường 4,1.901 người,374,1\n"
	if err := os.WriteFile(csv, []byte(table), 0o644); err != nil {
		t.Fatal(err)
	}
	o := opts(site)
	o.Plan = "tp-tra-vinh-thu-2023"
	_, err := Import(readTable(t, csv), o)
	if err == nil {
		t.Fatal("bad table imported")
	}
	for _, want := range []string{
		`cot.csv:1:4: column "BH that nghiep" names no indicator — closest: Bảo hiểm thất nghiệp`,
		`cot.csv:3:5: "nhiều" in column "BHYT" is not a number`,
		`cot.csv:4:3: "1,2 nghìn" in column "BHXH bat buoc": write the number in full — write 1.200`,
		`cot.csv:5:3: "1.901 người" in column "BHXH bat buoc": write the number alone, without its unit — write 1.901`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("no %q in:\n%v", want, err)
		}
	}
}

func TestImportRequests(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	o := opts(site)
	o.Parent, o.Plan = "tp-tra-vinh-x", "thu-2023"
	if _, err := Import(readTable(t, seedCSV), o); err == nil || !strings.Contains(err.Error(), "closest: tp-tra-vinh") {
		t.Errorf("unknown parent: %v", err)
	}
	o.Parent, o.Plan = "tp-tra-vinh", "thu-ke-hoach"
	if _, err := Import(readTable(t, seedCSV), o); err == nil || !strings.Contains(err.Error(), "--period") {
		t.Errorf("new plan without period: %v", err)
	}
	o.Plan, o.Result = "", date.New(2023, 6, 30)
	if _, err := Import(readTable(t, seedCSV), o); err == nil || !strings.Contains(err.Error(), "--source") {
		t.Errorf("results without --source: %v", err)
	}
}

// An office's table in thousands ("BHYT (nghìn người)", 10,324, or "Đơn vị tính: nghìn
// người" above the table) is read as the number in full (10324), exactly — read as written,
// 10,324 was refused as 10.324 people and a whole 12 taken as 12 people; a column that
// states its own unit keeps it; a sum of money in "(triệu đồng)" is its indicator's own unit and is
// not scaled.
func TestImportColumnInThousands(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	csv := filepath.Join(t.TempDir(), "nghin.csv")
	table := "STT,Đơn vị,BHXH bắt buộc (nghìn người),BHYT (nghìn người)\n1,Phường 1,\"1,888\",\"10,324\"\n2,Phường 2,\"0,483\",\"3,444\"\n"
	if err := os.WriteFile(csv, []byte(table), 0o644); err != nil {
		t.Fatal(err)
	}
	o := opts(site)
	o.Plan, o.Issuer = "tp-tra-vinh-thu-2023", "Ban Chỉ đạo thành phố Trà Vinh"
	rep, err := Import(readTable(t, csv), o)
	if err != nil {
		t.Fatal(err)
	}
	rows := rowsByLocality(decode(t, filepath.Join(site, rep.Path)), "target")
	if got := rows["tra-vinh-phuong-1"]; got["bhxh-bat-buoc"] != int64(1888) || got["bhyt"] != int64(10324) {
		t.Errorf("Phường 1: %v", got)
	}
	if got := rows["tra-vinh-phuong-2"]; got["bhxh-bat-buoc"] != int64(483) || got["bhyt"] != int64(3444) {
		t.Errorf("Phường 2: %v", got)
	}
	// The same table with its unit said once above it, as reports do (a plan's title: a
	// report of results is no plan, TestResultsEvidence).
	csv = filepath.Join(t.TempDir(), "dvt.csv")
	table = "CHỈ TIÊU GIAO NĂM 2024,,,\n,,,Đơn vị tính: nghìn người\nSTT,Đơn vị,BHXH bắt buộc,BHYT (người)\n1,Phường 1,\"1,888\",10324\n"
	if err := os.WriteFile(csv, []byte(table), 0o644); err != nil {
		t.Fatal(err)
	}
	o.Plan = "tp-tra-vinh-thu-2024"
	if rep, err = Import(readTable(t, csv), o); err != nil {
		t.Fatal(err)
	}
	rows = rowsByLocality(decode(t, filepath.Join(site, rep.Path)), "target")
	if got := rows["tra-vinh-phuong-1"]; got["bhxh-bat-buoc"] != int64(1888) || got["bhyt"] != int64(10324) {
		t.Errorf("Phường 1 under \"Đơn vị tính: nghìn người\" (BHYT in its own unit): %v", got)
	}
	for header, zeros := range map[string]int{"BHYT (nghìn người)": 3, "BHYT (Triệu người)": 6, "BHYT (ngàn thẻ)": 3,
		"Tổng thu (triệu đồng)": 0, "BHYT (người)": 0, "BHYT": 0} {
		if got := headerZeros(header); got != zeros {
			t.Errorf("headerZeros(%q) = %d, want %d", header, got, zeros)
		}
	}
}
