package download

import (
	"bytes"
	"encoding/csv"
	"testing"
)

// TestSourcesNameEveryCitedDocument: every plan and source id the figures' CSV names is a
// row of the table of sources, with its title, and the table is safe to open in a
// spreadsheet.
func TestSourcesNameEveryCitedDocument(t *testing.T) {
	site := exampleSite(t)
	d := NewData(site)
	var figures, sources bytes.Buffer
	if err := d.csv(&figures, scope{}); err != nil {
		t.Fatal(err)
	}
	if err := d.sourcesCSV(&sources, nil); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, figures.Bytes())
	table := readCSV(t, sources.Bytes())
	titles := map[string]string{}
	for _, r := range table[1:] {
		if r[3] == "" {
			t.Errorf("source %s has no title", r[0])
		}
		if len(r[3]) > 0 && formulaStart[r[3][0]] {
			t.Errorf("source %s: title %q would be read as a formula", r[0], r[3])
		}
		titles[r[0]] = r[3]
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	cited := 0
	for _, r := range rows[1:] {
		for _, c := range []string{"plan", "source"} {
			if id := r[col[c]]; id != "" {
				cited++
				if titles[id] == "" {
					t.Errorf("%s %q of a %s row is not in the table of sources", c, id, r[0])
				}
			}
		}
	}
	if cited == 0 {
		t.Fatal("no row of the example names a plan or a source")
	}
}

func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte(ByteOrderMark)))).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
	return rows
}
