package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/covsite/covsite/internal/diag"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	unorm "golang.org/x/text/unicode/norm"
)

// Table is a spreadsheet as read from a CSV or XLSX file: rows of cells.
type Table struct {
	Name  string // the file name, as messages show it
	Sheet string // the XLSX sheet, "" for CSV
	Rows  [][]Cell
	Notes []string // what reading it noticed (an encoding guessed, a sheet chosen)
}

// Cell is one cell. Numeric cells of an XLSX file hold their raw value ("1888", "29.72");
// every other cell holds text as written ("1.888", "29,72").
type Cell struct {
	Text    string
	Numeric bool // an XLSX number: Text is a plain decimal, never Vietnamese-formatted
	Percent bool // an XLSX number formatted as a percentage (0.2972 shows as 29.72 %)
	// Merged is a copy of the value of a merged range's first cell, in one of the range's
	// other cells: it names a header or a row, it is never read as a figure.
	Merged bool
	// Formula is the formula of an XLSX cell ("SUM(F8:F17)"), "" for a plain value.
	Formula string
}

// Where names a cell for messages: file:row:col, plus the cell reference for XLSX.
func (t *Table) Where(row, col int) string {
	pos := fmt.Sprintf("%s:%d:%d", t.Name, row+1, col+1)
	if t.Sheet != "" {
		ref, err := excelize.CoordinatesToCellName(col+1, row+1)
		if err == nil {
			pos += " (" + t.Sheet + "!" + ref + ")"
		}
	}
	return pos
}

// ReadFile reads a .csv or .xlsx file; sheet picks an XLSX sheet ("" for the first).
func ReadFile(name, sheet string) (*Table, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".tsv", ".txt":
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return ReadCSV(f, filepath.Base(name))
	case ".xlsx", ".xlsm":
		return ReadXLSX(name, sheet)
	}
	return nil, fmt.Errorf("%s: %w (an .xls file: open it and save it as .xlsx)", name, ErrFileType)
}

// ErrFileType is why ReadFile refuses a file that is neither CSV nor XLSX; ReadErrorText
// says it in the user's language.
var ErrFileType = errors.New("only .csv and .xlsx files can be imported")

// SheetError is an XLSX sheet asked for that the workbook does not have.
type SheetError struct {
	Sheet  string
	Sheets []string // the sheets it has
}

func (e *SheetError) Error() string {
	return fmt.Sprintf("no sheet %q; the sheets are: %s", e.Sheet, strings.Join(e.Sheets, ", "))
}

// ReadErrorText is an error of ReadFile for people, in lang ("vi" or "en").
func ReadErrorText(file string, err error, lang string) string {
	var sheet *SheetError
	var limit *LimitError
	switch {
	case errors.As(err, &limit):
		return file + ": " + diag.W(limit.VI, limit.EN).In(lang)
	case errors.Is(err, ErrFileType):
		return file + ": " + diag.W(
			"chỉ nhập được tệp .csv và .xlsx (tệp .xls: mở bằng Excel hoặc LibreOffice rồi lưu lại dạng .xlsx)",
			"only .csv and .xlsx files can be imported (an .xls file: open it and save it as .xlsx)").In(lang)
	case errors.As(err, &sheet):
		return file + ": " + fmt.Sprintf(diag.W(
			"không có trang tính %q; các trang tính là: %s (chọn bằng --sheet)",
			"no sheet %q; the sheets are: %s (choose one with --sheet)").In(lang),
			sheet.Sheet, strings.Join(sheet.Sheets, ", "))
	case errors.Is(err, fs.ErrNotExist):
		return file + ": " + diag.W(
			"không có tệp này — kiểm tra tên tệp và thư mục (tên tệp tính từ thư mục đang đứng)",
			"there is no such file — check its name and folder (relative to the current folder)").In(lang)
	}
	return diag.Text(err, lang)
}

// ReadCSV reads CSV text. The separator (comma, semicolon or tab) is the one that splits the
// rows most consistently; text that is not UTF-8 is read as Windows-1258, the Vietnamese
// Windows code page.
func ReadCSV(r io.Reader, name string) (*Table, error) {
	src, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(src) > MaxFileSize {
		return nil, fmt.Errorf("%s: %w", name, limitf("tệp CSV lớn hơn %s; chia bảng thành nhiều tệp nhỏ hơn",
			"the CSV file is larger than %s; split the table into smaller files", mb(MaxFileSize)))
	}
	t := &Table{Name: name}
	if src, err = fromUTF16(src); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	if !utf8.Valid(src) {
		if src, err = charmap.Windows1258.NewDecoder().Bytes(src); err != nil {
			return nil, fmt.Errorf("%s: neither UTF-8 nor Windows-1258: %w", name, err)
		}
		t.Notes = append(t.Notes, "not-utf8")
	}
	text := unorm.NFC.String(string(src))
	var best [][]string
	bestScore := -1
	for _, sep := range []rune{',', ';', '\t'} {
		rows, err := parseCSV(text, sep)
		if err != nil {
			continue
		}
		if s := consistency(rows); s > bestScore {
			best, bestScore = rows, s
		}
	}
	if best == nil {
		return nil, fmt.Errorf("%s: %w", name, limitf("tệp không đọc được như một bảng CSV (các ô ngăn cách bằng dấu phẩy, chấm phẩy hoặc tab)",
			"not a CSV file that can be read (cells separated by commas, semicolons or tabs)"))
	}
	if err := checkTable(best); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	for _, row := range best {
		cells := make([]Cell, len(row))
		for i, s := range row {
			cells[i] = Cell{Text: strings.TrimSpace(s)}
		}
		t.Rows = append(t.Rows, cells)
	}
	return t, nil
}

func parseCSV(text string, sep rune) ([][]string, error) {
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma, cr.FieldsPerRecord, cr.LazyQuotes = sep, -1, true
	return cr.ReadAll()
}

// consistency scores a parse: how many rows share the most common number of fields (above
// one), times that number.
func consistency(rows [][]string) int {
	count := map[int]int{}
	for _, r := range rows {
		if len(r) > 1 {
			count[len(r)]++
		}
	}
	best := 0
	for fields, n := range count {
		best = max(best, fields*n)
	}
	return best
}

// ReadXLSX reads one sheet of an XLSX workbook with raw cell values, so a number formatted
// as "1,888" or "1.888" by the spreadsheet's locale still reads as 1888. Formula cells
// without a saved value are calculated.
func ReadXLSX(name, sheet string) (*Table, error) {
	f, closeFile, err := openXLSX(name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	defer closeFile()
	sheets := f.GetSheetList()
	if sheet == "" && len(sheets) > 0 {
		sheet = sheets[0]
	}
	idx, err := f.GetSheetIndex(sheet)
	if err != nil || idx < 0 {
		return nil, fmt.Errorf("%s: %w", name, &SheetError{Sheet: sheet, Sheets: sheets})
	}
	raw, err := readRows(f, sheet)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	t := &Table{Name: filepath.Base(name), Sheet: sheet}
	if len(sheets) > 1 {
		t.Notes = append(t.Notes, "sheet:"+sheet)
	}
	for r, row := range raw {
		cells := make([]Cell, len(row))
		for c, v := range row {
			cells[c] = xlsxCell(f, sheet, r, c, v)
		}
		t.Rows = append(t.Rows, cells)
	}
	if merged, err := f.GetMergeCells(sheet); err == nil {
		fillMerged(t, merged)
	}
	return t, nil
}

// fillMerged copies the value of each merged range into the range's other cells, marked
// Merged, so a header such as "BHXH" spanning "Bắt buộc" and "Tự nguyện" names both.
func fillMerged(t *Table, merged []excelize.MergeCell) {
	for _, m := range merged {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || r1 > len(t.Rows) || c1 > len(t.Rows[r1-1]) {
			continue
		}
		first := t.Rows[r1-1][c1-1]
		r2 = min(r2, len(t.Rows)) // a range past the last row holds nothing to copy into
		for r := r1; r <= r2; r++ {
			for c := c1; c <= c2; c++ {
				if r == r1 && c == c1 {
					continue
				}
				for len(t.Rows[r-1]) < c {
					t.Rows[r-1] = append(t.Rows[r-1], Cell{})
				}
				t.Rows[r-1][c-1] = Cell{Text: first.Text, Merged: true}
			}
		}
	}
}

// xlsxCell reads one cell's value and whether it is a number, calculating a formula that
// has no saved value.
func xlsxCell(f *excelize.File, sheet string, r, c int, v string) Cell {
	ref, err := excelize.CoordinatesToCellName(c+1, r+1)
	if err != nil {
		return Cell{Text: strings.TrimSpace(v)}
	}
	formula := ""
	if v == "" {
		if formula, _ = f.GetCellFormula(sheet, ref); formula != "" {
			v, _ = f.CalcCellValue(sheet, ref, excelize.Options{RawCellValue: true})
		}
	}
	v = unorm.NFC.String(strings.TrimSpace(v))
	typ, _ := f.GetCellType(sheet, ref)
	numeric := typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset || typ == excelize.CellTypeFormula
	if _, err := strconv.ParseFloat(v, 64); err != nil {
		numeric = false
	}
	if numeric && dateFormat(f, sheet, ref) {
		// A date, such as the one under a signature: its text as shown, never a figure.
		shown, _ := f.GetCellValue(sheet, ref)
		return Cell{Text: strings.TrimSpace(shown)}
	}
	if numeric && formula == "" {
		formula, _ = f.GetCellFormula(sheet, ref) // one with a saved value
	}
	return Cell{Text: v, Numeric: numeric, Percent: numeric && percentFormat(f, sheet, ref), Formula: formula}
}

// dateFormat reports whether a cell is formatted as a date or a time.
func dateFormat(f *excelize.File, sheet, ref string) bool {
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil || id == 0 {
		return false
	}
	st, err := f.GetStyle(id)
	if err != nil || st == nil {
		return false
	}
	if n := st.NumFmt; n >= 14 && n <= 22 || n >= 27 && n <= 36 || n >= 45 && n <= 47 || n >= 50 && n <= 58 {
		return true
	}
	if st.CustomNumFmt == nil {
		return false
	}
	format := strings.ToLower(*st.CustomNumFmt)
	return strings.Contains(format, "yy") || strings.Contains(format, "dd") || strings.Contains(format, "mm/") || strings.Contains(format, "/mm")
}

// percentFormat reports whether a cell is formatted as a percentage.
func percentFormat(f *excelize.File, sheet, ref string) bool {
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil || id == 0 {
		return false
	}
	st, err := f.GetStyle(id)
	if err != nil || st == nil {
		return false
	}
	if st.NumFmt == 9 || st.NumFmt == 10 {
		return true
	}
	return st.CustomNumFmt != nil && strings.Contains(*st.CustomNumFmt, "%")
}
