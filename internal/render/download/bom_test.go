package download

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"io"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/routes"
)

// Every CSV download starts with the UTF-8 byte-order mark, once, before the header — Excel
// on Windows reads a CSV without it in the computer's code page ("PhÆ°á»ng") — and reads,
// past the mark, as the header and rows every other reader expects: the whole site's file
// (plain and gzipped), each province's and each locality's.
func TestEveryCSVStartsWithTheByteOrderMark(t *testing.T) {
	site := exampleSite(t)
	d := NewData(site)
	checked := 0
	files := d.Files()
	for _, l := range site.Localities {
		files = append(files, d.LocalityFiles(l)...)
	}
	for _, f := range files {
		b, err := f.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case strings.HasSuffix(f.Path, ".csv.gz"):
			zr, err := gzip.NewReader(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			if b, err = io.ReadAll(zr); err != nil {
				t.Fatal(err)
			}
		case !strings.HasSuffix(f.Path, ".csv"):
			continue
		}
		checked++
		rest, ok := bytes.CutPrefix(b, []byte(ByteOrderMark))
		if !ok || bytes.Contains(rest, []byte(ByteOrderMark)) {
			t.Errorf("%s: starts with %q, holds the mark %d times; want it once, first", f.Path, b[:min(len(b), 8)], bytes.Count(b, []byte(ByteOrderMark)))
			continue
		}
		records, err := csv.NewReader(bytes.NewReader(rest)).ReadAll()
		header := CSVHeader
		if path.Base(f.Path) == routes.SourcesFile {
			header = SourcesHeader
		}
		if err != nil || len(records) < 2 || !slices.Equal(records[0], header) {
			t.Errorf("%s: past the mark, %d records, header %q, %v", f.Path, len(records), records[0], err)
		}
	}
	if checked < len(site.Localities) {
		t.Errorf("%d CSV files checked, want the site's, its gzip, each province's and each locality's", checked)
	}
}
