package download

import (
	"bytes"
	"testing"
)

// TestSizeIsCountedAsWritten: the size of each whole-site and province file is the one
// its writing counted — taken without writing it again (no allocation) — on a plain and
// on a packed site; asked for before the file is written (a preview), it is the size of
// the file then written.
func TestSizeIsCountedAsWritten(t *testing.T) {
	site := exampleSite(t)
	defer func(n int) { PlainLimit = n }(PlainLimit)
	for _, limit := range []int{PlainLimit, 0} {
		PlainLimit = limit
		written, asked := NewData(site), NewData(site)
		if written.Plain() != (limit > 0) {
			t.Fatalf("PlainLimit %d: plain %t", limit, written.Plain())
		}
		for _, f := range written.SiteFiles() {
			early, err := asked.Size(f.Path)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := f.Write(&buf); err != nil {
				t.Fatal(err)
			}
			n, err := written.Size(f.Path)
			if err != nil || n != int64(buf.Len()) || early != n {
				t.Errorf("%s: %d bytes; Size %d (%v) once written, %d before", f.Path, buf.Len(), n, err, early)
			}
			if allocs := testing.AllocsPerRun(3, func() { _, _ = written.Size(f.Path) }); allocs != 0 {
				t.Errorf("%s: Size allocates %v times once the file is written: it writes it again", f.Path, allocs)
			}
		}
	}
}

// TestSizeWaitsForItsCount: a size being counted is claimed once, and read when counted.
func TestSizeWaitsForItsCount(t *testing.T) {
	var s sizeSlot
	if _, _, ok := s.wait(); ok {
		t.Fatal("a size never counted is known")
	}
	if !s.claim() {
		t.Fatal("a fresh size cannot be claimed")
	}
	if s.claim() {
		t.Error("a size being counted was claimed again")
	}
	got := make(chan int64)
	go func() {
		n, _, _ := s.wait()
		got <- n
	}()
	s.done(42, nil)
	if n := <-got; n != 42 {
		t.Errorf("waited for %d, counted 42", n)
	}
}
