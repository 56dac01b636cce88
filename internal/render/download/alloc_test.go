package download

import (
	"bytes"
	"testing"
)

// TestRecordsAllocateNothing: a locality's CSV written into a buffer with room allocates
// nothing, and a province's records no more than their scope's lists, however many they
// are: the record eachRecord fills for each figure stays on its stack (recordSink) — given
// to a func value it was moved to the heap, and every figure written into it paid the
// collector's write barriers while it marked (one allocation a file before).
func TestRecordsAllocateNothing(t *testing.T) {
	site := exampleSite(t)
	d := NewData(site)
	var buf bytes.Buffer
	buf.Grow(1 << 20)
	for _, l := range site.Localities {
		files := d.LocalityFiles(l)
		if len(files) == 0 {
			continue
		}
		csv := files[0]
		write := func() {
			buf.Reset()
			if err := csv.Write(&buf); err != nil {
				t.Fatal(err)
			}
		}
		if allocs := testing.AllocsPerRun(5, write); allocs != 0 {
			t.Errorf("%s: %v allocations for %d bytes of CSV; want none", csv.Path, allocs, buf.Len())
		}
	}
	for _, p := range d.Provinces() {
		var c counter
		records := func() {
			if err := d.eachRecord(p.scope(), &recordSink{csv: newChunkWriter(&c)}); err != nil {
				t.Fatal(err)
			}
		}
		// the chunk writer's buffer and the scope's lists of targets and results: not one
		// a record
		if allocs := testing.AllocsPerRun(3, records); allocs > 4 {
			t.Errorf("province %s: %v allocations to write its records", p.Loc.ID, allocs)
		}
	}
}
