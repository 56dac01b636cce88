package download

import (
	"bytes"
	"compress/gzip"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/covsite/covsite/internal/gen/gentest"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
)

// The CRC-32 of two pieces joined is computed from theirs, and one piece's from the
// joined one's and the other's, as zlib's crc32_combine does.
func TestCRC32Combine(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range [][2]int{{0, 0}, {1, 0}, {0, 1}, {3, 5}, {100, 1}, {1, 100_000}, {4096, 70_000}} {
		a, b := make([]byte, n[0]), make([]byte, n[1])
		for i := range a {
			a[i] = byte(rng.Uint32())
		}
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		ca, cb, cab := crc32.ChecksumIEEE(a), crc32.ChecksumIEEE(b), crc32.ChecksumIEEE(append(append([]byte{}, a...), b...))
		if got := crc32Combine(ca, cb, int64(len(b))); got != cab {
			t.Errorf("%v: combine = %08x, want %08x", n, got, cab)
		}
		if got := crc32Suffix(cab, ca, int64(len(b))); got != cb {
			t.Errorf("%v: suffix = %08x, want %08x", n, got, cb)
		}
	}
}

func packedSite(t *testing.T) *model.Site {
	t.Helper()
	raw, diags := load.Load(os.DirFS(gentest.Site(t, 0.1)))
	site, more := model.Build(raw)
	diags.Merge(more)
	if err := diags.Err("en"); err != nil {
		t.Fatal(err)
	}
	return site
}

// The whole site's gzipped CSV is its members joined: it reads back (with Go's reader
// and with gzip itself) as the roots' rows then each province's, the header once; a
// rebuild that takes the provinces' rows out of the packs it keeps writes the same bytes.
func TestNationalCSVIsTheProvincesJoined(t *testing.T) {
	site := packedSite(t)
	d := NewData(site)
	var gz bytes.Buffer
	if err := d.writeGzip(&gz); err != nil {
		t.Fatal(err)
	}
	var plain bytes.Buffer
	if err := d.csv(&plain, scope{}); err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(got, plain.Bytes()) {
		t.Fatalf("the gzipped CSV reads as %d bytes (%v), the CSV is %d", len(got), err, plain.Len())
	}
	if bytes.Count(got, csvHeaderLine()) != 1 {
		t.Error("the header is not once in the whole site's CSV")
	}
	if gzipCmd, err := exec.LookPath("gzip"); err == nil {
		f := filepath.Join(t.TempDir(), "covsite.csv.gz")
		if err := os.WriteFile(f, gz.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(gzipCmd, "-dc", f).Output()
		if err != nil || !bytes.Equal(out, plain.Bytes()) {
			t.Errorf("gzip -dc reads %d bytes (%v), the CSV is %d", len(out), err, plain.Len())
		}
	}

	packs := map[string][]byte{}
	for _, p := range d.Provinces() {
		b, err := d.ProvinceFiles(p)[0].Bytes()
		if err != nil {
			t.Fatal(err)
		}
		packs[packPath(p)] = b
	}
	again := NewData(site)
	taken := 0
	again.UsePrevious(func(path string) (int64, bool) {
		b, ok := packs[path]
		return int64(len(b)), ok
	}, func(path string) ([]byte, bool) {
		b, ok := packs[path]
		taken++
		return b, ok
	})
	var rebuilt bytes.Buffer
	if err := again.writeGzip(&rebuilt); err != nil {
		t.Fatal(err)
	}
	if taken != len(packs) || !bytes.Equal(rebuilt.Bytes(), gz.Bytes()) {
		t.Errorf("from the %d kept packs (%d read): %d bytes, fresh %d", len(packs), taken, rebuilt.Len(), gz.Len())
	}
	for i, p := range d.Provinces() {
		seg, err := segmentFromPack(packs[packPath(p)], p.Loc.ID+".csv")
		fresh, _ := d.segmentOf(i)
		if err != nil || seg.crc != fresh.crc || seg.size != fresh.size || !bytes.Equal(seg.deflated, fresh.deflated) {
			t.Errorf("%s: the segment taken out of the pack is not the one put in (%v)", p.Loc.ID, err)
		}
	}
	if _, err := segmentFromPack([]byte("not a zip"), "x.csv"); err == nil {
		t.Error("a damaged pack gave a segment")
	}
}
