package importer

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"sync"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
)

// Limits on a table read by import. A spreadsheet may come from anyone, and an XLSX file is
// a zip archive: 1 MB of it can unpack to a 1 GiB string. Every part's unpacked size is
// checked before the workbook is opened, and no part is large enough for excelize to spill
// it into a temporary file. Real tables of localities are far below these limits (a
// national table of communes has about 10,000 rows).
const (
	MaxPartSize   = 16 << 20 // unpacked bytes of one part of an XLSX file (a sheet, the shared strings)
	MaxUnpacked   = 64 << 20 // unpacked bytes of all parts together
	MaxParts      = 10_000   // parts of an XLSX file
	MaxFileSize   = 32 << 20 // bytes of a CSV file
	MaxRows       = 50_000   // rows of a table, empty ones included
	MaxColumns    = 1_000    // columns of a row
	MaxCellLength = 32_767   // characters of a cell: Excel's own limit
)

// LimitError is a table over one of the limits, or a file that is not what its name says,
// in both languages; ReadErrorText picks one.
type LimitError struct {
	VI, EN string
}

func (e *LimitError) Error() string { return e.EN }

func limitf(vi, en string, args ...any) *LimitError {
	return &LimitError{VI: fmt.Sprintf(vi, args...), EN: fmt.Sprintf(en, args...)}
}

func mb(n uint64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

// checkXLSX reads the directory of the zip archive name, without unpacking anything, and
// refuses it when a part, or all of them, would unpack to more than the limits.
func checkXLSX(name string) error {
	z, err := zip.OpenReader(name)
	if errors.Is(err, zip.ErrFormat) {
		return limitf("tệp không phải là bảng tính .xlsx (không đọc được dạng nén zip của nó); mở bằng Excel hoặc LibreOffice rồi lưu lại dạng .xlsx",
			"the file is not an .xlsx workbook (it is not a valid zip archive); open it in Excel or LibreOffice and save it as .xlsx")
	}
	if err != nil {
		return err
	}
	defer z.Close()
	if len(z.File) > MaxParts {
		return limitf("tệp .xlsx có %d phần, quá giới hạn %d", "the .xlsx file has %d parts, over the limit of %d", len(z.File), MaxParts)
	}
	var total uint64
	for _, f := range z.File {
		if f.UncompressedSize64 > MaxPartSize {
			return limitf("phần %s của tệp .xlsx giải nén ra %s, quá giới hạn %s cho một phần; chia bảng thành nhiều tệp nhỏ hơn",
				"the part %s of the .xlsx file unpacks to %s, over the limit of %s for one part; split the table into smaller files",
				f.Name, mb(f.UncompressedSize64), mb(MaxPartSize))
		}
		total += f.UncompressedSize64
	}
	if total > MaxUnpacked {
		return limitf("tệp .xlsx giải nén ra %s, quá giới hạn %s; chia bảng thành nhiều tệp nhỏ hơn",
			"the .xlsx file unpacks to %s, over the limit of %s; split the table into smaller files", mb(total), mb(MaxUnpacked))
	}
	return nil
}

// openXLSX opens a workbook checked by checkXLSX, with excelize's own limits set so that it
// keeps every part in memory (no temporary file) and refuses what checkXLSX let through
// only if the archive lied about its sizes. Temporary files, should excelize make any, go
// to a folder of this process that close removes, and RemoveTemp removes on a signal.
func openXLSX(name string) (*excelize.File, func(), error) {
	if err := checkXLSX(name); err != nil {
		return nil, nil, err
	}
	tmp, err := os.MkdirTemp("", "covsite-import-")
	if err != nil {
		return nil, nil, err
	}
	temps.add(tmp)
	f, err := excelize.OpenFile(name, excelize.Options{UnzipSizeLimit: MaxUnpacked, UnzipXMLSizeLimit: MaxPartSize + 1, TmpDir: tmp})
	if err != nil {
		temps.remove(tmp)
		return nil, nil, err
	}
	return f, func() { _ = f.Close(); temps.remove(tmp) }, nil
}

// tempDirs are the temporary folders of imports under way.
type tempDirs struct {
	mu   sync.Mutex
	dirs map[string]bool
}

var temps tempDirs

func (t *tempDirs) add(dir string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.dirs == nil {
		t.dirs = map[string]bool{}
	}
	t.dirs[dir] = true
}

func (t *tempDirs) remove(dir string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	_ = os.RemoveAll(dir)
	delete(t.dirs, dir)
}

// RemoveTemp removes the temporary files of every import under way: `covsite import`
// calls it when interrupted, before it exits.
func RemoveTemp() {
	temps.mu.Lock()
	defer temps.mu.Unlock()
	for dir := range temps.dirs {
		_ = os.RemoveAll(dir)
		delete(temps.dirs, dir)
	}
}

// readRows reads the rows of sheet as GetRows does (raw values, trailing empty rows
// left out), one at a time, refusing a sheet over MaxRows, a row over MaxColumns and a
// cell over MaxCellLength as soon as it meets one.
func readRows(f *excelize.File, sheet string) ([][]string, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]string
	cur, last := 0, 0
	for rows.Next() {
		cur++
		if cur > MaxRows {
			return nil, limitf("trang tính có hơn %d dòng; chia bảng thành nhiều tệp nhỏ hơn", "the sheet has more than %d rows; split the table into smaller files", MaxRows)
		}
		row, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		if err := checkRow(row, cur); err != nil {
			return nil, err
		}
		if len(row) == 0 {
			continue
		}
		for len(out) < cur-1 {
			out = append(out, nil)
		}
		out = append(out, row)
		last = cur
	}
	if err := rows.Error(); err != nil {
		return nil, err
	}
	return out[:last], nil
}

// checkRow refuses a row (numbered from 1) with too many columns or too long a cell.
func checkRow(row []string, n int) error {
	if len(row) > MaxColumns {
		return limitf("dòng %d có %d cột, quá giới hạn %d", "row %d has %d columns, over the limit of %d", n, len(row), MaxColumns)
	}
	for c, v := range row {
		if len(v) > MaxCellLength && utf8.RuneCountInString(v) > MaxCellLength {
			ref, _ := excelize.CoordinatesToCellName(c+1, n)
			return limitf("ô %s có hơn %d ký tự, quá giới hạn của một ô", "the cell %s holds more than %d characters, over the limit of one cell", ref, MaxCellLength)
		}
	}
	return nil
}

// checkTable applies the limits of rows, columns and cells to a table read from CSV.
func checkTable(rows [][]string) error {
	if len(rows) > MaxRows {
		return limitf("bảng có hơn %d dòng; chia bảng thành nhiều tệp nhỏ hơn", "the table has more than %d rows; split the table into smaller files", MaxRows)
	}
	for i, row := range rows {
		if err := checkRow(row, i+1); err != nil {
			return err
		}
	}
	return nil
}

// fromUTF16 decodes a file that starts with a UTF-16 byte order mark (Excel's "Unicode
// text" saves so) to UTF-8; other files are returned as they are.
func fromUTF16(src []byte) ([]byte, error) {
	var enc encoding.Encoding
	switch {
	case bytes.HasPrefix(src, []byte{0xFF, 0xFE}):
		enc = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
	case bytes.HasPrefix(src, []byte{0xFE, 0xFF}):
		enc = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
	default:
		return src, nil
	}
	out, err := enc.NewDecoder().Bytes(src)
	if err != nil || len(src)%2 != 0 || bytes.ContainsRune(out, utf8.RuneError) {
		return nil, limitf("tệp bắt đầu bằng dấu BOM của UTF-16 nhưng nội dung không phải UTF-16 hợp lệ; lưu lại dạng CSV UTF-8",
			"the file starts with a UTF-16 byte order mark but is not valid UTF-16; save it again as CSV UTF-8")
	}
	return out, nil
}
