package download

import (
	"archive/zip"
	"bytes"
	"io"
	"strconv"
	"testing"
	"time"

	"github.com/covsite/covsite/internal/model"
)

// TestGroupSharesItsRows: while a batch holds a province (Group.Hold), its pack formats
// the province's rows once and each of its localities' CSV files copies its own out of
// them — the same bytes as each file written alone, allocating nothing into a page buffer
// with room —; Release lets them go, and a file written after it formats its own again.
func TestGroupSharesItsRows(t *testing.T) {
	site := packedSite(t)
	alone := NewData(site)
	d := NewData(site)
	var buf bytes.Buffer
	buf.Grow(1 << 20)
	shared := 0
	for _, p := range d.Provinces() {
		pack := d.ProvinceFiles(p)[0]
		g := pack.Group
		if g == nil || g.Lead() != pack.Path {
			t.Fatalf("%s: group %v, lead %q", pack.Path, g, g.Lead())
		}
		g.Hold()
		got, err := pack.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		if want, _ := alone.ProvinceFiles(p)[0].Bytes(); !bytes.Equal(got, want) {
			t.Errorf("%s: %d bytes in its batch, %d alone", pack.Path, len(got), len(want))
		}
		if g.rows == nil {
			t.Fatalf("%s kept no rows while held", pack.Path)
		}
		for _, l := range p.Locs {
			files := d.LocalityFiles(l)
			if len(files) == 0 {
				continue
			}
			if files[0].Group != g {
				t.Errorf("%s is not in the group of %s", files[0].Path, pack.Path)
			}
			write := func() {
				buf.Reset()
				if err := files[0].Write(&buf); err != nil {
					t.Fatal(err)
				}
			}
			if allocs := testing.AllocsPerRun(3, write); allocs != 0 {
				t.Errorf("%s: %v allocations out of its province's rows", files[0].Path, allocs)
			}
			if want, _ := alone.LocalityFiles(l)[0].Bytes(); !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s: %d bytes out of its province's rows, %d alone", files[0].Path, buf.Len(), len(want))
			}
			shared++
		}
		g.Release()
		if g.rows != nil {
			t.Errorf("%s: rows kept after Release", pack.Path)
		}
	}
	if shared == 0 {
		t.Fatal("no locality's file in a province")
	}
	// after every batch: each file formats its own, the same bytes
	p := d.Provinces()[0]
	l := p.Locs[len(p.Locs)-1]
	got, err := d.LocalityFiles(l)[0].Bytes()
	if want, _ := alone.LocalityFiles(l)[0].Bytes(); err != nil || !bytes.Equal(got, want) {
		t.Errorf("%s after its batch: %d bytes (%v), %d alone", l.ID, len(got), err, len(want))
	}
	if len(d.chunks.free) != 0 {
		t.Errorf("%d chunks of rows kept after every province's batch", len(d.chunks.free))
	}
}

// TestWriteDeflatedIsCreateHeader: an entry written out of its bytes deflated beforehand
// (a pack's JSON, made in the pass over the figures that makes its CSV rows) is the zip
// CreateHeader makes of the same contents, byte for byte; a name CreateHeader would flag
// as UTF-8 is refused.
func TestWriteDeflatedIsCreateHeader(t *testing.T) {
	modified := time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
	contents := bytes.Repeat([]byte(`{"type":"target","locality":"ha-noi","value":12345}`+"\n"), 5000)
	for _, size := range []int{0, 1, 100, len(contents)} {
		var want bytes.Buffer
		zw := zip.NewWriter(&want)
		zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return newFlater(w), nil })
		w, err := zw.CreateHeader(&zip.FileHeader{Name: "ha-noi.json", Method: zip.Deflate, Modified: modified})
		if err == nil {
			_, err = w.Write(contents[:size])
		}
		if err != nil || zw.Close() != nil {
			t.Fatal(err)
		}

		jd := newJSONDeflater(newChunkList())
		if _, err := jd.Write(contents[:size]); err != nil {
			t.Fatal(err)
		}
		e, err := jd.close()
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		zw = zip.NewWriter(&got)
		if err := writeDeflated(zw, "ha-noi.json", e, modified); err != nil || zw.Close() != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%d bytes: the raw entry's zip is %d bytes, CreateHeader's %d", size, got.Len(), want.Len())
		}
	}
	for name, plain := range map[string]bool{"ha-noi.json": true, "hà-nội.json": false, `a\b`: false, "a~b": false, "a b": true} {
		if plainName(name) != plain {
			t.Errorf("plainName(%q) = %t", name, !plain)
		}
		if !plain && writeDeflated(zip.NewWriter(io.Discard), name, deflated{out: &rowStore{}}, modified) == nil {
			t.Errorf("%q written raw", name)
		}
	}
}

// TestRowStoreSpans: rows written into a store in pieces of any size read back whole and
// by any span, across its chunks; released, its chunks go back to the free list.
func TestRowStoreSpans(t *testing.T) {
	data := make([]byte, 3*chunkSize+12345)
	for i := range data {
		data[i] = byte(i * 7 / 5)
	}
	free := newChunkList()
	s := &rowStore{free: free}
	for rest, n := data, 1; len(rest) > 0; n = n*3 + 1 {
		k := min(n, len(rest))
		if _, err := s.Write(rest[:k]); err != nil {
			t.Fatal(err)
		}
		rest = rest[k:]
	}
	var all bytes.Buffer
	if err := s.writeTo(&all); err != nil || !bytes.Equal(all.Bytes(), data) || s.n != len(data) {
		t.Fatalf("the store reads back %d bytes (%v), %d written", all.Len(), err, len(data))
	}
	for _, sp := range []span{{0, 0}, {0, 1}, {chunkSize - 1, chunkSize + 1}, {5, 2*chunkSize + 7}, {chunkSize, 2 * chunkSize}, {100, len(data)}, {len(data), len(data)}} {
		var got bytes.Buffer
		if err := s.writeSpan(&got, sp); err != nil || !bytes.Equal(got.Bytes(), data[sp.from:sp.to]) {
			t.Errorf("span %v: %d bytes (%v)", sp, got.Len(), err)
		}
	}
	chunks := len(s.chunks)
	s.release()
	if len(free.free) != chunks || s.n != 0 {
		t.Errorf("%d chunks back in the free list, %d released", len(free.free), chunks)
	}
}

// TestLineCacheIsAppendRecord: records encoded with the runs of fields they share kept
// (lineCache: a locality, a plan, a credit, one of 16 indicators) are the lines
// appendCSVRecord and appendRecord write, whatever the runs: tricky strings, more
// indicators than it keeps, runs that change at every record or never.
func TestLineCacheIsAppendRecord(t *testing.T) {
	var records []figureRecord
	for i := range 400 {
		s := func(k int) string { return trickyStrings[(i*k/7+k)%len(trickyStrings)] }
		rec := figureRecord{Type: []string{"target", "result"}[i/50%2], Locality: s(1), LocalityName: s(2),
			Indicator: "ind-" + strconv.Itoa(i*7%11), Unit: []string{"people", "percent", ""}[i%3],
			Plan: s(i % 3), PlanNumber: s(3), Period: s(i / 40), Value: model.Known(float64(i)*1.5, 1),
			Where: s(5), SetBy: s(i / 100), Decision: s(i % 2), CreditInferred: i%5 == 0, Derived: i%3 == 0}
		if i%13 == 0 {
			rec.Indicator = "ind-" + strconv.Itoa(11+i%29) // more indicators than are kept
		}
		records = append(records, rec)
	}
	lc := &lineCache{}
	for i := range records {
		rec := &records[i]
		if got, want := lc.appendCSV(nil, rec), appendCSVRecord(nil, rec); !bytes.Equal(got, want) {
			t.Fatalf("record %d as CSV:\n got %q\nwant %q", i, got, want)
		}
		if got, want := lc.appendJSON(nil, rec), appendRecord(nil, rec); !bytes.Equal(got, want) {
			t.Fatalf("record %d as JSON:\n got %s\nwant %s", i, got, want)
		}
	}
}
