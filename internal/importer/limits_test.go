package importer

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/unicode"
)

// The parts of a minimal workbook besides its sheet and shared strings.
var workbookParts = map[string]string{
	"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
		`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
	"_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
	"xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		`<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
	"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
}

const (
	sheetHead = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	sheetTail = `</sheetData></worksheet>`
	sstHead   = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>`
	sstTail   = `</t></si></sst>`
)

// writeWorkbook writes an XLSX file whose sheet and shared strings are head, repeat
// chunk n times, tail: compressed chunk by chunk, so a gigabyte costs no memory and
// little time. The zip's sizes and checksums are true.
func writeWorkbook(t *testing.T, name string, parts map[string][3]string, n map[string]int) {
	t.Helper()
	out, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	zw := zip.NewWriter(out)
	for part, body := range workbookParts {
		w, err := zw.Create(part)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.WriteString(w, body)
	}
	for part, p := range parts {
		head, chunk, tail := p[0], p[1], p[2]
		// Each piece is compressed on its own and ends byte-aligned (a sync flush), so
		// the repeated chunk's compressed bytes can simply be repeated too.
		compress := func(s string) []byte {
			var b bytes.Buffer
			fw, _ := flate.NewWriter(&b, flate.BestCompression)
			_, _ = io.WriteString(fw, s)
			_ = fw.Flush()
			return b.Bytes()
		}
		ch, ct := compress(head), compress(chunk)
		var last bytes.Buffer
		fw, _ := flate.NewWriter(&last, flate.BestCompression)
		_, _ = io.WriteString(fw, tail)
		_ = fw.Close()
		crc := crc32.Update(0, crc32.IEEETable, []byte(head))
		for range n[part] {
			crc = crc32.Update(crc, crc32.IEEETable, []byte(chunk))
		}
		crc = crc32.Update(crc, crc32.IEEETable, []byte(tail))
		size := uint64(len(head)) + uint64(len(chunk))*uint64(n[part]) + uint64(len(tail))
		w, err := zw.CreateRaw(&zip.FileHeader{Name: part, Method: zip.Deflate, CRC32: crc,
			CompressedSize64: uint64(len(ch)) + uint64(len(ct))*uint64(n[part]) + uint64(last.Len()), UncompressedSize64: size})
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write(ch)
		for range n[part] {
			_, _ = w.Write(ct)
		}
		_, _ = w.Write(last.Bytes())
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

// Hostile spreadsheets end fast, in little memory, with a message saying what is wrong,
// and leave no temporary file behind.
func TestHostileSpreadsheets(t *testing.T) {
	gib := strings.Repeat("A", 1<<20)
	row := `<row><c><v>1</v></c></row>`
	rows1000 := strings.Repeat(row, 1000)
	tests := []struct {
		name  string
		parts map[string][3]string
		n     map[string]int
		want  []string // in the Vietnamese message
	}{
		{"a 1 MB file holding a 1 GiB string", map[string][3]string{
			"xl/worksheets/sheet1.xml": {sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`, "", sheetTail},
			"xl/sharedStrings.xml":     {sstHead, gib, sstTail},
		}, map[string]int{"xl/sharedStrings.xml": 1024}, []string{"xl/sharedStrings.xml", "1024.0 MB", "giới hạn"}},
		{"a sheet of 1,000,000 rows", map[string][3]string{
			"xl/worksheets/sheet1.xml": {sheetHead, rows1000, sheetTail},
			"xl/sharedStrings.xml":     {sstHead, "", sstTail},
		}, map[string]int{"xl/worksheets/sheet1.xml": 1000}, []string{"xl/worksheets/sheet1.xml", "giới hạn 16.0 MB"}},
		{"a sheet of 1,000,000 empty rows", map[string][3]string{
			"xl/worksheets/sheet1.xml": {sheetHead, strings.Repeat("<row/>", 1000), sheetTail},
			"xl/sharedStrings.xml":     {sstHead, "", sstTail},
		}, map[string]int{"xl/worksheets/sheet1.xml": 1000}, []string{"hơn 50000 dòng"}},
		{"a sheet one row over the limit", map[string][3]string{
			"xl/worksheets/sheet1.xml": {sheetHead, row, sheetTail},
			"xl/sharedStrings.xml":     {sstHead, "", sstTail},
		}, map[string]int{"xl/worksheets/sheet1.xml": MaxRows + 1}, []string{"hơn 50000 dòng"}},
		{"a cell of 40,000 characters", map[string][3]string{
			"xl/worksheets/sheet1.xml": {sheetHead + `<row r="1"><c r="B1" t="s"><v>0</v></c></row>`, "", sheetTail},
			"xl/sharedStrings.xml":     {sstHead, "Ă", sstTail},
		}, map[string]int{"xl/sharedStrings.xml": 40_000}, []string{"ô B1", "32767"}},
		{"a row of 2,000 columns", map[string][3]string{
			"xl/worksheets/sheet1.xml": {sheetHead + `<row r="1"><c r="BXX1"><v>1</v></c></row>`, "", sheetTail},
			"xl/sharedStrings.xml":     {sstHead, "", sstTail},
		}, nil, []string{"dòng 1", "2000 cột"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tmp := t.TempDir()
			t.Setenv("TMPDIR", tmp)
			name := filepath.Join(t.TempDir(), "bang.xlsx")
			writeWorkbook(t, name, tt.parts, tt.n)
			info, _ := os.Stat(name)
			elapsed, peakKB := readInChild(t, name)
			t.Logf("%.1f MB file: read in %v, peak memory of the reading process %.1f MB", float64(info.Size())/(1<<20), elapsed, float64(peakKB)/1024)
			if elapsed > 2*time.Second {
				t.Errorf("took %v, want under 2 s", elapsed)
			}
			if peakKB > 200<<10 {
				t.Errorf("peak memory %d MB, want under 200 MB", peakKB>>10)
			}
			_, err := ReadFile(name, "")
			var limit *LimitError
			if !errors.As(err, &limit) {
				t.Fatalf("err = %v, want a LimitError", err)
			}
			msg := ReadErrorText("bang.xlsx", err, "vi")
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q lacks %q", msg, w)
				}
			}
			if left, _ := os.ReadDir(tmp); len(left) > 0 {
				t.Errorf("left in the temporary folder: %v", left)
			}
		})
	}
}

// readInChild reads the table name in a new process running TestHelperReadTable and
// returns how long ReadFile took and the process's peak resident memory (VmHWM).
func readInChild(t *testing.T, name string) (time.Duration, int64) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperReadTable$")
	cmd.Env = append(os.Environ(), "COVSITE_READ_TABLE="+name)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	var ns, kb int64
	if _, err := fmt.Sscanf(string(out[bytes.Index(out, []byte("took ")):]), "took %d ns, peak %d kB", &ns, &kb); err != nil {
		t.Fatalf("child said %q: %v", out, err)
	}
	return time.Duration(ns), kb
}

// TestHelperReadTable is the child of readInChild.
func TestHelperReadTable(t *testing.T) {
	name := os.Getenv("COVSITE_READ_TABLE")
	if name == "" {
		t.Skip("run by readInChild")
	}
	start := time.Now()
	_, err := ReadFile(name, "")
	elapsed := time.Since(start)
	status, _ := os.ReadFile("/proc/self/status")
	var kb int64
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), &kb)
		}
	}
	fmt.Printf("err %v\ntook %d ns, peak %d kB\n", err, elapsed.Nanoseconds(), kb)
}

// A workbook over no limit is still read, through the same path.
func TestWorkbookWithinLimitsIsRead(t *testing.T) {
	name := filepath.Join(t.TempDir(), "bang.xlsx")
	writeWorkbook(t, name, map[string][3]string{
		"xl/worksheets/sheet1.xml": {sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1888</v></c></row>`, `<row><c><v>7</v></c></row>`, sheetTail},
		"xl/sharedStrings.xml":     {sstHead + "Xã Long Đức", "", sstTail},
	}, map[string]int{"xl/worksheets/sheet1.xml": 3})
	tab, err := ReadFile(name, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Rows) != 4 || tab.Rows[0][0].Text != "Xã Long Đức" || tab.Rows[0][1].Text != "1888" || tab.Rows[3][0].Text != "7" {
		t.Errorf("rows = %+v", tab.Rows)
	}
}

// A file that is not a zip, a CSV over the limits, and CSV saved as UTF-16 (with its byte
// order mark, as Excel's "Unicode text" does) each get a message in Vietnamese; UTF-16 is
// read.
func TestTableFilesInEveryShape(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tt := range []struct {
		name string
		data []byte
		want string
	}{
		{"bang.xlsx", []byte("this is not a zip"), "không phải là bảng tính .xlsx"},
		{"rong.csv", []byte("a,b\n" + strings.Repeat(",", MaxColumns+1) + "\n"), "cột, quá giới hạn"},
		{"dai.csv", []byte(strings.Repeat("1,2\n", MaxRows+1)), "hơn 50000 dòng"},
		{"o.csv", []byte("a,\"" + strings.Repeat("x", MaxCellLength+1) + "\"\n"), "ô B1"},
	} {
		_, err := ReadFile(write(tt.name, tt.data), "")
		if msg := ReadErrorText(tt.name, err, "vi"); err == nil || !strings.Contains(msg, tt.want) {
			t.Errorf("%s: %v → %q, want %q", tt.name, err, msg, tt.want)
		}
	}
	for i, order := range []unicode.Endianness{unicode.LittleEndian, unicode.BigEndian} {
		text := "Đơn vị;BHYT\nXã Long Đức;1.888\n"
		b, err := unicode.UTF16(order, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		tab, err := ReadFile(write(fmt.Sprintf("utf16-%d.csv", i), b), "")
		if err != nil {
			t.Fatal(err)
		}
		if len(tab.Rows) != 2 || tab.Rows[1][0].Text != "Xã Long Đức" || tab.Rows[1][1].Text != "1.888" {
			t.Errorf("UTF-16 #%d: rows = %+v", i, tab.Rows)
		}
	}
	_, err := ReadFile(write("hong.csv", []byte{0xFF, 0xFE, 'a', 0, 0x00, 0xD8}), "")
	if msg := ReadErrorText("hong.csv", err, "vi"); !strings.Contains(msg, "UTF-16") {
		t.Errorf("broken UTF-16: %q", msg)
	}
}
