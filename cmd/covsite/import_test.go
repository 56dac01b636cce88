package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

const seedTable = "../../internal/importer/testdata/ke-hoach-49-phuong-xa.csv"

func TestImportCommand(t *testing.T) {
	t.Setenv("COVSITE_LANG", "vi")
	site := exampleCopy(t)
	var out, errOut bytes.Buffer
	args := []string{"import", seedTable, "--site", site, "--parent", "tp-tra-vinh",
		"--result", "2023-06-30", "--source", "Báo cáo thử", "--publisher", "BHXH thành phố Trà Vinh"}
	if code := run(args, &out, &errOut); code != 0 {
		t.Fatalf("exit %d:\n%s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "đã tạo data/results/tp-tra-vinh-2023-06-30.toml: 11 dòng") {
		t.Errorf("summary: %q", out.String())
	}
	if !strings.Contains(errOut.String(), `cảnh báo: cột "BHXH bắt buộc" (bhxh-bat-buoc): dòng tổng ghi 15.647 nhưng cộng các dòng được 15.304`) {
		t.Errorf("no total warning:\n%s", errOut.String())
	}
	out.Reset()
	if code := run([]string{"check", "--source", site}, &out, &errOut); code != 0 {
		t.Fatalf("check after import exited %d:\n%s", code, out.String())
	}
	errOut.Reset()
	if code := run(args, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "--force") {
		t.Errorf("second import: exit %d, %q", code, errOut.String())
	}
}

func TestImportCommandPrintsAndRefuses(t *testing.T) {
	t.Setenv("COVSITE_LANG", "en")
	site := exampleCopy(t)
	var out, errOut bytes.Buffer
	code := run([]string{"import", seedTable, "--site", site, "--plan", "tp-tra-vinh-moi-2024", "--parent", "tp-tra-vinh", "--out", "-"}, &out, &errOut)
	if code != 0 || !strings.Contains(out.String(), "[[target]]\nlocality = \"tra-vinh-phuong-1\"\nwhere = \"dòng 2\"\nwhere_en = \"row 2\"\nbhxh-bat-buoc = 1_888") {
		t.Errorf("--out -: exit %d, %q, %s", code, out.String(), errOut.String())
	}
	if _, err := os.Stat(filepath.Join(site, "data/plans/tp-tra-vinh-moi-2024.toml")); err == nil {
		t.Error("--out - wrote a file")
	}
	for _, bad := range [][]string{
		{"import", seedTable, "--site", site},
		{"import", seedTable, "--site", site, "--plan", "x-2023", "--result", "2023-06-30"},
		{"import", seedTable, "--site", site, "--parent", "tp-tra-vinh", "--result", "30/6/2023", "--source", "x"},
	} {
		if code := run(bad, &out, &errOut); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
	errOut.Reset()
	if code := run([]string{"import", "missing.xls", "--site", site, "--plan", "x-2023"}, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), ".xlsx") {
		t.Errorf(".xls: exit %d, %q", code, errOut.String())
	}
}

// TestImportRefusesXLSInTheUsersLanguage: a file import cannot read is explained in
// Vietnamese by default, in English when asked.
func TestImportRefusesXLSInTheUsersLanguage(t *testing.T) {
	site := exampleCopy(t)
	for _, c := range []struct {
		covsiteLang, lang string
		want, notWant     string
	}{
		{"", "", "chỉ nhập được tệp .csv và .xlsx", "only .csv"},
		{"vi", "en_US.UTF-8", "chỉ nhập được tệp .csv và .xlsx", "only .csv"},
		{"en", "", "only .csv and .xlsx files can be imported", "chỉ nhập"},
	} {
		t.Setenv("COVSITE_LANG", c.covsiteLang)
		t.Setenv("LANG", c.lang)
		var out, errOut bytes.Buffer
		code := run([]string{"import", "/tmp/bang.xls", "--site", site, "--plan", "x-2023", "--parent", "tp-tra-vinh"}, &out, &errOut)
		msg := errOut.String()
		if code != 1 || !strings.Contains(msg, c.want) || strings.Contains(msg, c.notWant) || !strings.Contains(msg, "/tmp/bang.xls: ") || !strings.Contains(msg, ".xlsx") {
			t.Errorf("COVSITE_LANG=%q LANG=%q: exit %d, %q", c.covsiteLang, c.lang, code, msg)
		}
	}
}

// TestImportReadErrorsInTheUsersLanguage: a sheet that is not in the workbook is explained in Vietnamese by default and in English when asked.
func TestImportReadErrorsInTheUsersLanguage(t *testing.T) {
	site := exampleCopy(t)
	dir := t.TempDir()
	book := filepath.Join(dir, "bang.xlsx")
	f := excelize.NewFile()
	if err := f.SaveAs(book); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		lang string
		args []string
		want string
	}{
		{"vi", []string{book, "--sheet", "Tháng 6"}, `bang.xlsx: không có trang tính "Tháng 6"; các trang tính là: Sheet1 (chọn bằng --sheet)`},
		{"en", []string{book, "--sheet", "Tháng 6"}, `bang.xlsx: no sheet "Tháng 6"; the sheets are: Sheet1 (choose one with --sheet)`},
	} {
		t.Setenv("COVSITE_LANG", c.lang)
		var out, errOut bytes.Buffer
		args := append([]string{"import", "--site", site, "--plan", "x-2023", "--parent", "tp-tra-vinh"}, c.args...)
		if code := run(args, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), c.want) {
			t.Errorf("%s %v: exit %d, %q; want %q", c.lang, c.args, code, errOut.String(), c.want)
		}
	}
}

// TestImportShowsTheMatchFirst: import prints how every row matched — the name as written,
// the locality and its parents, the figures — before saying what it wrote; --dry-run prints
// only that, and writes nothing; wards imported under the province are refused (issue 15).
func TestImportShowsTheMatchFirst(t *testing.T) {
	t.Setenv("COVSITE_LANG", "vi")
	site := exampleCopy(t)
	file := filepath.Join(site, "data/results/tp-tra-vinh-2023-06-30.toml")
	base := []string{"import", seedTable, "--site", site, "--result", "2023-06-30", "--source", "Báo cáo thử", "--publisher", "BHXH"}
	match := `dòng 2  "Phường 1" → tra-vinh-phuong-1: Việt Nam › Trà Vinh › Thành phố Trà Vinh › Phường 1
      BHXH bắt buộc 1.888 · BHXH tự nguyện 165 · Bảo hiểm thất nghiệp 1.613 · BHYT 10.324`

	var out, errOut bytes.Buffer
	if code := run(append(base, "--parent", "tp-tra-vinh", "--dry-run"), &out, &errOut); code != 0 {
		t.Fatalf("--dry-run: exit %d\n%s", code, errOut.String())
	}
	if !strings.Contains(out.String(), match) || !strings.HasSuffix(out.String(), "--dry-run: chưa ghi gì\n") || strings.Contains(out.String(), "đã tạo") {
		t.Errorf("--dry-run printed:\n%s", out.String())
	}
	if _, err := os.Stat(file); err == nil {
		t.Fatal("--dry-run wrote the file")
	}

	out.Reset()
	errOut.Reset()
	if code := run(append(base, "--parent", "tra-vinh"), &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "hãy nhập lại với --parent tp-tra-vinh") {
		t.Errorf("wards under the province: exit %d\n%s", code, errOut.String())
	}
	if _, err := os.Stat(filepath.Join(site, "data/results/tra-vinh-2023-06-30.toml")); err == nil {
		t.Fatal("wards under the province were written")
	}

	out.Reset()
	if code := run(append(base, "--parent", "tp-tra-vinh"), &out, &errOut); code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut.String())
	}
	text := out.String()
	if i, j := strings.Index(text, match), strings.Index(text, "đã tạo"); i < 0 || j < i {
		t.Errorf("the match is not shown before what was written:\n%s", text)
	}
}

// TestImportErrorsComeFirst: an import that stops says why first, then what it warns of;
// and a row it refused (a ward twice) gives no total-versus-rows warning, whose difference
// would be only that row's.
func TestImportErrorsComeFirst(t *testing.T) {
	t.Setenv("COVSITE_LANG", "vi")
	site := exampleCopy(t)
	body, err := os.ReadFile(seedTable)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(body), "2,Phường 2,", "1,Phường 1,1.888,165,1.613,10.324\n2,Phường 22,", 1)
	table := filepath.Join(t.TempDir(), "trung-dong.csv")
	if err := os.WriteFile(table, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := run([]string{"import", table, "--site", site, "--parent", "tp-tra-vinh", "--result", "2023-06-30",
		"--source", "Báo cáo thử", "--publisher", "BHXH", "--skip-unknown"}, &out, &errOut)
	got := errOut.String()
	if code != 1 {
		t.Fatalf("exit %d:\n%s", code, got)
	}
	firstError, firstWarning := strings.Index(got, "lỗi: "), strings.Index(got, "cảnh báo: ")
	if firstError < 0 || firstWarning < 0 || firstWarning < firstError {
		t.Errorf("errors do not come before warnings (the skipped name's):\n%s", got)
	}
	if !strings.Contains(got, `"Phường 1" lại là tra-vinh-phuong-1`) {
		t.Errorf("the ward twice is not told:\n%s", got)
	}
	if strings.Contains(got, "dòng tổng ghi") {
		t.Errorf("a total-versus-rows warning from the refused row:\n%s", got)
	}
}

// TestImportSkipColumnAndWhereFlags: --skip-column (repeatable, by letter or header) leaves
// columns out and the command says which; --where names the table in each row's where;
// --against and --where are refused with --plan.
func TestImportSkipColumnAndWhereFlags(t *testing.T) {
	t.Setenv("COVSITE_LANG", "vi")
	site := exampleCopy(t)
	code, out, errOut := runCmd("import", seedTable, "--site", site, "--parent", "tp-tra-vinh", "--result", "2023-06-30",
		"--source", "Báo cáo thử", "--publisher", "BHXH thành phố Trà Vinh", "--skip-column", "E", "--skip-column", "BHXH tự nguyện",
		"--where", "Phụ lục 2")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, errOut)
	}
	if want := `bỏ qua theo --skip-column: D "BHXH tự nguyện", E "Bảo hiểm thất nghiệp"`; !strings.Contains(out, want) {
		t.Errorf("no %q in:\n%s", want, out)
	}
	if !strings.Contains(out, "các cột bhxh-bat-buoc, bhyt;") {
		t.Errorf("columns written:\n%s", out)
	}
	b, err := os.ReadFile(filepath.Join(site, "data/results/tp-tra-vinh-2023-06-30.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "locality = \"tra-vinh-phuong-1\"\nas_of = 2023-06-30\nwhere = \"Phụ lục 2, dòng 2\"\nwhere_en = \"Phụ lục 2, row 2\"\nbhxh-bat-buoc = 1_888\nbhyt = 10_324\n"; !strings.Contains(string(b), want) {
		t.Errorf("no %q in:\n%s", want, b)
	}
	code, _, errOut = runCmd("import", seedTable, "--site", site, "--parent", "tp-tra-vinh", "--plan", "x-2024", "--where", "Phụ lục 2")
	if code != 2 || !strings.Contains(errOut, "--against và --where chỉ dùng với --result") {
		t.Errorf("--where with --plan: exit %d, %q", code, errOut)
	}
}
