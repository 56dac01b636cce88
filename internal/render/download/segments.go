package download

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"sync"
	"time"

	"github.com/covsite/covsite/internal/model"
)

// A province's CSV rows are compressed once, into a raw deflate stream of their own (a
// segment), and that stream serves twice: behind the compressed header line in the
// province's pack (a deflate stream may go on after a sync flush with another stream's
// blocks, as pigz joins its pieces) and as the province's member of the whole site's
// gzipped CSV (a gzip file may be several members one after another, RFC 1952 §2.2; gzip,
// zcat, Python, R and Go read them as one). The whole site's file is the roots' rows,
// then each province's, as the packs hold them. A rebuild takes the segment of a province
// whose pack it keeps out of that pack, unread and uncompressed.

// segment is rows of CSV deflated on their own, ending with a final block.
type segment struct {
	deflated []byte
	crc      uint32 // CRC-32 (IEEE) of the rows
	size     int64  // length of the rows
}

// segSlot is a province's segment, made when first asked for and kept until each file
// made of it (its pack, the whole site's csv.gz) has taken it.
type segSlot struct {
	mu    sync.Mutex
	seg   *segment
	err   error
	taken int // by how many files since it was made
}

// flaters are deflate writers at packLevel, reused: each is about 1 MB, and a national
// build deflates two hundred streams (segments, the packs' JSON). A writer reset is one
// made new: the same bytes. A free list rather than a sync.Pool, which every collection
// empties (~25 while a national site's pages render).
var flaters = make(chan *flate.Writer, 8)

// drainFlaters lets the free deflate writers go.
func drainFlaters() {
	for {
		select {
		case <-flaters:
		default:
			return
		}
	}
}

// flater is a reused deflate writer; Close ends its stream and gives it back.
type flater struct{ *flate.Writer }

func newFlater(w io.Writer) flater {
	select {
	case fw := <-flaters:
		fw.Reset(w)
		return flater{fw}
	default:
	}
	fw, _ := flate.NewWriter(w, packLevel) // a valid level: no error
	return flater{fw}
}

func (f flater) Close() error {
	err := f.Writer.Close()
	f.Writer.Reset(io.Discard) // no reference to the file's writer is kept
	select {
	case flaters <- f.Writer:
	default:
	}
	return err
}

// deflateSegment compresses what write writes into a segment, in a buffer made for about
// sizeHint compressed bytes.
func deflateSegment(sizeHint int, write func(io.Writer) error) (segment, error) {
	buf := bytes.NewBuffer(make([]byte, 0, sizeHint))
	fw := newFlater(buf)
	h := crc32.NewIEEE()
	var n counter
	if err := write(io.MultiWriter(fw, h, &n)); err != nil {
		return segment{}, err
	}
	if err := fw.Close(); err != nil {
		return segment{}, err
	}
	return segment{deflated: buf.Bytes(), crc: h.Sum32(), size: int64(n)}, nil
}

// header is the CSV header line, compressed and flushed (not final): the start of every
// pack's CSV, which its province's segment ends.
var header = sync.OnceValue(func() segment {
	line := csvHeaderLine()
	var buf bytes.Buffer
	fw, _ := flate.NewWriter(&buf, packLevel) // a valid level: no error
	_, _ = fw.Write(line)
	_ = fw.Flush()
	return segment{deflated: buf.Bytes(), crc: crc32.ChecksumIEEE(line), size: int64(len(line))}
})

// csvHeaderLine is CSVHeader as the first line of a CSV file, made once: every locality's
// file starts with it. Writers must not change it (io.Writer's rule). It starts with the
// UTF-8 byte-order mark, as every CSV file of the site does: without it Excel on Windows —
// what the offices and most readers open a CSV with — reads the file in the computer's
// own code page and shows "PhÆ°á»ng 1" for "Phường 1"; pandas, readr and Google Sheets
// skip it (Python's csv module needs encoding="utf-8-sig").
var csvHeaderLine = sync.OnceValue(func() []byte {
	b := []byte(ByteOrderMark)
	for i, h := range CSVHeader {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, h...)
	}
	return append(b, '\n')
})

// writeGzipMember writes seg as one gzip member: no name, no time, so two builds of the
// same data give the same bytes.
func writeGzipMember(w io.Writer, seg segment) error {
	head := []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255} // deflate, no flags, no time, unknown OS
	if _, err := w.Write(head); err != nil {
		return err
	}
	if _, err := w.Write(seg.deflated); err != nil {
		return err
	}
	tail := binary.LittleEndian.AppendUint32(make([]byte, 0, 8), seg.crc)
	_, err := w.Write(binary.LittleEndian.AppendUint32(tail, uint32(seg.size))) // ISIZE is the size mod 2^32
	return err
}

// segmentOf returns the i-th province's segment: out of the previous build's pack when
// the build keeps it, else compressed from its rows. A file that takes it calls release
// once done with it.
func (d *Data) segmentOf(i int) (segment, error) {
	seg, _, err := d.segmentWith(i, nil)
	return seg, err
}

// segmentWith is segmentOf, and when it formats the province's rows for its batch
// (shared.go) and js is given, the JSON of the scope js deflated in the same pass over the
// figures; nil when it does not.
func (d *Data) segmentWith(i int, js *scope) (segment, *deflated, error) {
	sg := &d.segments[i]
	sg.mu.Lock()
	defer sg.mu.Unlock()
	var json *deflated
	if sg.seg == nil {
		var seg segment
		var err error
		seg, json, err = d.makeSegment(d.provinces[i], js)
		sg.seg, sg.err, sg.taken = &seg, err, 0
	}
	return *sg.seg, json, sg.err
}

// release tells that a file made of the i-th province's segment is done with it: once
// every file has taken it (the pack and the csv.gz; the csv.gz alone on a plain site), it
// is let go, and made again if asked for again (by a preview).
func (d *Data) release(i int) {
	users := 1
	if d.packed {
		users = 2
	}
	sg := &d.segments[i]
	sg.mu.Lock()
	defer sg.mu.Unlock()
	if sg.taken++; sg.taken >= users {
		sg.seg, sg.err = nil, nil
	}
}

func (d *Data) makeSegment(p Province, js *scope) (segment, *deflated, error) {
	if d.previous != nil {
		if old, ok := d.previous(packPath(p)); ok {
			if seg, err := segmentFromPack(old, p.Loc.ID+".csv"); err == nil {
				return seg, nil, nil
			}
		}
	}
	if seg, json, shared, err := d.sharedSegment(p, js); shared {
		return seg, json, err
	}
	seg, err := deflateSegment(segmentBytesPerFigure*d.figuresOf(p.Locs), func(w io.Writer) error { return d.rows(w, p.scope()) })
	return seg, nil, err
}

// segmentBytesPerFigure is about what a figure's CSV row takes deflated (the national
// dataset: 13 MB for 800,000 rows, ~16 bytes a row), a little more: a segment's buffer made
// at its size is not grown from nothing by doubling (46 MB allocated in a national build).
const segmentBytesPerFigure = 20

// figuresOf is how many targets and results locs have.
func (d *Data) figuresOf(locs []*model.Locality) int {
	n := 0
	for _, l := range locs {
		n += len(d.site.TargetsOf(l)) + len(d.site.ResultsOf(l))
	}
	return n
}

// segmentFromPack takes the segment back out of a pack's CSV entry: its compressed bytes
// after the header's, its CRC-32 and length from the entry's less the header's.
func segmentFromPack(pack []byte, name string) (segment, error) {
	zr, err := zip.NewReader(bytes.NewReader(pack), int64(len(pack)))
	if err != nil {
		return segment{}, err
	}
	h := header()
	for _, f := range zr.File {
		if f.Name != name || f.Method != zip.Deflate || int64(f.UncompressedSize64) < h.size {
			continue
		}
		r, err := f.OpenRaw()
		if err != nil {
			return segment{}, err
		}
		raw, err := io.ReadAll(r)
		if err != nil {
			return segment{}, err
		}
		rest, ok := bytes.CutPrefix(raw, h.deflated)
		if !ok {
			return segment{}, errors.New("the pack's CSV does not start with the header's segment")
		}
		size := int64(f.UncompressedSize64) - h.size
		return segment{deflated: rest, crc: crc32Suffix(f.CRC32, h.crc, size), size: size}, nil
	}
	return segment{}, errors.New("no CSV of its province in the pack")
}

// writeSegmented writes the pack's CSV entry: the header's segment, then the province's.
func writeSegmented(zw *zip.Writer, name string, seg segment, fh zip.FileHeader) error {
	h := header()
	fh.Name, fh.Method = name, zip.Deflate
	fh.CRC32 = crc32Combine(h.crc, seg.crc, seg.size)
	fh.CompressedSize64 = uint64(len(h.deflated) + len(seg.deflated))
	fh.UncompressedSize64 = uint64(h.size + seg.size)
	stampModified(&fh)
	w, err := zw.CreateRaw(&fh)
	if err != nil {
		return err
	}
	if _, err := w.Write(h.deflated); err != nil {
		return err
	}
	_, err = w.Write(seg.deflated)
	return err
}

// writeDeflated writes a pack's entry out of its bytes deflated: the bytes
// zip.Writer.CreateHeader writes for the same contents and header (a data descriptor after
// the bytes, version 2.0, the time as stampModified writes it), for a name it would not
// flag as UTF-8 (plainName).
func writeDeflated(zw *zip.Writer, name string, e deflated, modified time.Time) error {
	if !plainName(name) {
		return fmt.Errorf("%s: a pack's entry written raw with a name CreateHeader flags as UTF-8", name)
	}
	fh := zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified, Flags: 0x8, CreatorVersion: zipVersion20, ReaderVersion: zipVersion20,
		CRC32: e.crc, CompressedSize64: uint64(e.out.n), UncompressedSize64: uint64(e.size)}
	stampModified(&fh)
	w, err := zw.CreateRaw(&fh)
	if err != nil {
		return err
	}
	return e.out.writeTo(w)
}

// plainName reports whether zip.Writer.CreateHeader leaves name unflagged as UTF-8:
// printable ASCII but for \\, ~ and DEL.
func plainName(name string) bool {
	for _, c := range []byte(name) {
		if c < 0x20 || c > 0x7d || c == '\\' {
			return false
		}
	}
	return true
}

// zipVersion20 is the version archive/zip writes as made by and needed to read: 2.0.
const zipVersion20 = 20

// writeGzip writes the whole site's CSV, gzipped: the header and the roots' own rows in
// one member, then a member per province.
func (d *Data) writeGzip(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, packLevel)
	if err != nil {
		return err
	}
	if _, err := zw.Write(csvHeaderLine()); err != nil {
		return err
	}
	if err := d.rows(zw, d.rootScope()); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	for i := range d.provinces {
		seg, err := d.segmentOf(i)
		if err == nil {
			err = writeGzipMember(w, seg)
		}
		d.release(i)
		if err != nil {
			return err
		}
	}
	return nil
}

// crc32Combine is the CRC-32 of a then b from the CRCs of each and the length of b
// (zlib's crc32_combine).
func crc32Combine(crcA, crcB uint32, lenB int64) uint32 {
	return shiftCRC(crcA, lenB) ^ crcB
}

// crc32Suffix is the CRC-32 of b from the CRC of a then b, the CRC of a and the length of
// b: crc32Combine solved for b's.
func crc32Suffix(crcAB, crcA uint32, lenB int64) uint32 {
	return crcAB ^ shiftCRC(crcA, lenB)
}

// shiftCRC is what the CRC-32 crc of some bytes contributes to the CRC of those bytes
// followed by n more: crc times x^(8n) modulo the polynomial (reflected, IEEE).
func shiftCRC(crc uint32, n int64) uint32 {
	p := uint32(1) << 31 // x^0
	for k, x := 3, n; x > 0; x, k = x>>1, k+1 {
		if x&1 != 0 {
			p = multModP(x2nModP[k&31], p)
		}
	}
	return multModP(p, crc)
}

// multModP multiplies a and b modulo the CRC-32 polynomial, both reflected.
func multModP(a, b uint32) uint32 {
	m := uint32(1) << 31
	var p uint32
	for {
		if a&m != 0 {
			p ^= b
			if a&(m-1) == 0 {
				break
			}
		}
		m >>= 1
		if b&1 != 0 {
			b = b>>1 ^ crc32.IEEE
		} else {
			b >>= 1
		}
	}
	return p
}

// x2nModP[k] is x^(2^k) modulo the polynomial.
var x2nModP = func() [32]uint32 {
	var t [32]uint32
	p := uint32(1) << 30 // x^1
	t[0] = p
	for k := 1; k < 32; k++ {
		p = multModP(p, p)
		t[k] = p
	}
	return t
}()

// stampModified writes fh.Modified into the header as CreateHeader does and CreateRaw
// does not: the MS-DOS date and time, and the extended timestamp Info-ZIP reads.
func stampModified(fh *zip.FileHeader) {
	t := fh.Modified
	if t.IsZero() {
		return
	}
	//lint:ignore SA1019 CreateRaw leaves the MS-DOS fields to the caller; old readers need them
	fh.ModifiedDate = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	//lint:ignore SA1019 as above
	fh.ModifiedTime = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	ext := []byte{0x55, 0x54, 5, 0, 1} // extended timestamp: 5 bytes, the modification time
	fh.Extra = binary.LittleEndian.AppendUint32(append(fh.Extra, ext...), uint32(t.Unix()))
}
