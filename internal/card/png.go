package card

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/adler32"
	"hash/crc32"
	"hash/maphash"
	"image"
	"io"
	"sync"
)

// A card is mostly rows equal to the row above (the margins, the gaps between lines of
// text, the empty parts of the figures' panels), and cards share much of their rows (the
// site's name, a kicker, the figures' labels, the note); image/png compressed and summed
// (Adler-32) all 756,000 bytes of every card, half of a card's time. encodePNG writes the
// same pixels as image/png (8-bit paletted, no filtering) as a series of segments, each
// compressed on its own and flushed to a byte (a deflate stream may be cut so, RFC 1951):
// a run of equal rows, or the rows between two runs. A segment's compressed bytes depend
// only on its rows, so a segment met a second time is kept, and the next card with the
// same rows copies them instead of compressing them; checksums are combined
// arithmetically, a run's from one row's.
//
// The rows between runs — the text, anti-aliased — are most of a card's bytes, and
// compress/flate's fastest level leaves them large. textLevel 3 (issue 12, session 10: a
// deliberate trade of bytes for CPU) makes the 916 cards of the scale-0.1 site 25.3 MB,
// against 27.4 at level 1 and 22.5 at level 5, in 1.06 s of a build's CPU against 0.77 and
// 1.54 (docs/performance.md); every card stays within 15 % of image/png's default level
// (TestEncodePNGKeepsEveryPixel), which level 1 and 2 do not. The segments that no other
// card has (a title, a plan's number, the figures, a note) are what it compresses: the
// rest is copied. A run of equal rows is one row and copies of it, which the fastest level
// finds as well as any, where a slower one searches at length (its hash chains are full of
// equal bytes).
const textLevel = 3

// minRun is the shortest run of equal rows made a segment of its own: shorter runs stay
// with the rows around them.
const minRun = 4

// The segments kept are bounded by their compressed bytes: a national site's cards (about
// 1,200) share a few hundred segments of a few rows to a hundred.
const maxKept = 32 << 20

var (
	pngMagic = []byte("\x89PNG\r\n\x1a\n")
	// encoders are the idat writers of the cards being encoded, reused: each holds two
	// deflate writers (~2 MB) and its rows (up to a card's 756 KB). A free list rather
	// than a sync.Pool, which every collection empties (~25 while a national site's pages
	// render) and then the next cards made them again.
	encoders = make(chan *idat, 8)
	segments = newSegmentCache()
)

func newSegmentCache() *segmentCache {
	return &segmentCache{kept: map[rowsKey]*keptRows{}, seen: map[segmentKey]bool{}, recent: map[segmentKey]recentSegment{},
		seeds: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}}
}

// rowsKey names a segment's rows (each after its filter byte) without keeping them: their
// length and two 64-bit hashes of independent seeds. Keyed by the rows themselves, the
// segments kept held ~20 MB of rows through a national build; two sets of rows of the same
// length with the same 128 bits of hash are not to be met (about n²/2¹²⁹ for n segments).
type rowsKey struct {
	len    int
	h1, h2 uint64
}

// segmentKey is a segment: its rows, repeated n times.
type segmentKey struct {
	rows rowsKey
	n    int
}

// segmentCache keeps the compressed bytes of the segments met twice, and of the segments
// of the last cards compressed.
type segmentCache struct {
	mu    sync.Mutex
	kept  map[rowsKey]*keptRows
	seen  map[segmentKey]bool // the segments met once
	size  int
	seeds [2]maphash.Seed
	full  bool

	// recent are the segments compressed last, up to maxRecent bytes, oldest first in
	// order: the cards of a page in each language are drawn one after the other (its
	// batch, render.Batches) and share their title's rows, which no other card has — kept
	// until met twice, they were compressed twice (14 % of the rows the national site's
	// cards compress), and then kept for nothing.
	recent     map[segmentKey]recentSegment
	order      []segmentKey // from head on
	head       int
	recentSize int
}

// recentSegment is a segment compressed lately: its rows' Adler-32 and its bytes.
type recentSegment struct {
	sum        uint32
	compressed []byte
}

// maxRecent bounds the bytes of the recent segments: the last two dozen cards' own (a
// card compresses ~20 KB of segments no other card has), where the cards of a page are
// drawn one after the other by one of a few workers.
const maxRecent = 512 << 10

// keptRows are what is kept of the rows of segments met twice: their Adler-32 (a card
// copying a segment needs it for its checksum, and summing the rows again was a tenth of a
// card's time) and their compressed bytes by number of times they repeat.
type keptRows struct {
	sum        uint32
	compressed map[int][]byte
}

// keyOf is the key of rows.
func (c *segmentCache) keyOf(rows []byte) rowsKey {
	return rowsKey{len(rows), maphash.Bytes(c.seeds[0], rows), maphash.Bytes(c.seeds[1], rows)}
}

// get returns the compressed bytes of rows k repeated n times, and the Adler-32 of rows.
func (c *segmentCache) get(k rowsKey, n int) ([]byte, uint32, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if kr := c.kept[k]; kr != nil {
		if b, ok := kr.compressed[n]; ok {
			return b, kr.sum, true
		}
	}
	r, ok := c.recent[segmentKey{k, n}]
	return r.compressed, r.sum, ok
}

// offer keeps a segment's compressed bytes if it was met before, else among the recent
// ones; sum is the Adler-32 of its rows.
func (c *segmentCache) offer(k rowsKey, n int, sum uint32, compressed []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	sk := segmentKey{k, n}
	if c.full || !c.seen[sk] {
		if !c.full {
			c.seen[sk] = true
			c.full = len(c.seen) > maxKept>>6 // a bound on the segments met once too
		}
		c.remember(sk, sum, compressed)
		return
	}
	kr := c.kept[k]
	if kr == nil {
		kr = &keptRows{sum: sum, compressed: map[int][]byte{}}
		c.kept[k] = kr
	}
	kr.compressed[n] = bytes.Clone(compressed)
	c.size += len(compressed)
	c.full = c.size > maxKept
}

// remember keeps a segment among the recent ones, forgetting the oldest beyond maxRecent.
func (c *segmentCache) remember(sk segmentKey, sum uint32, compressed []byte) {
	if _, ok := c.recent[sk]; ok || len(compressed) > maxRecent/4 {
		return
	}
	c.recent[sk] = recentSegment{sum, bytes.Clone(compressed)}
	c.order = append(c.order, sk)
	c.recentSize += len(compressed)
	for ; c.recentSize > maxRecent; c.head++ {
		c.recentSize -= len(c.recent[c.order[c.head]].compressed)
		delete(c.recent, c.order[c.head])
	}
	if c.head > len(c.order)/2 {
		c.order = append(c.order[:0], c.order[c.head:]...)
		c.head = 0
	}
}

// encodePNG writes img, whose palette has at most 256 colours, as a PNG to buf.
func encodePNG(buf *bytes.Buffer, img *image.Paletted) error {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	buf.Write(pngMagic)
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 3 // 8 bits a pixel, paletted; compression, filter, interlace 0
	chunk(buf, "IHDR", ihdr[:])
	plte := make([]byte, 0, 3*len(img.Palette))
	for _, c := range img.Palette {
		r, g, b, _ := c.RGBA()
		plte = append(plte, byte(r>>8), byte(g>>8), byte(b>>8))
	}
	chunk(buf, "PLTE", plte)

	// The IDAT chunk: length, type, zlib stream, CRC; its length is filled in at the end.
	start := buf.Len()
	buf.Write([]byte{0, 0, 0, 0, 'I', 'D', 'A', 'T', 0x78, 0x01})
	z := newIdat()
	defer z.release()
	z.out, z.sum, z.rows = buf, 1, z.rows[:0]
	row := func(y int) []byte { return img.Pix[y*img.Stride:][:w] }
	for y := 0; y < h; {
		n := 1
		for y+n < h && bytes.Equal(row(y+n), row(y)) {
			n++
		}
		if n < minRun {
			for i := range n {
				z.rows = append(append(z.rows, 0), row(y+i)...) // filter byte 0: none
			}
			y += n
			continue
		}
		if err := z.flush(); err != nil {
			return err
		}
		z.rows = append(append(z.rows, 0), row(y)...)
		if err := z.segment(n); err != nil {
			return err
		}
		y += n
	}
	if err := z.flush(); err != nil {
		return err
	}
	buf.Write([]byte{0x03, 0x00}) // an empty final block (fixed Huffman codes, end of block)
	buf.Write(binary.BigEndian.AppendUint32(nil, z.sum))
	data := buf.Bytes()[start:]
	binary.BigEndian.PutUint32(data, uint32(len(data)-8))
	buf.Write(binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(data[4:])))
	chunk(buf, "IEND", nil)
	return nil
}

// chunk writes a PNG chunk.
func chunk(buf *bytes.Buffer, kind string, data []byte) {
	var head [8]byte
	binary.BigEndian.PutUint32(head[:], uint32(len(data)))
	copy(head[4:], kind)
	buf.Write(head[:])
	buf.Write(data)
	crc := crc32.NewIEEE()
	crc.Write(head[4:])
	crc.Write(data)
	buf.Write(crc.Sum(nil))
}

// idat writes a zlib stream's deflate blocks, segment by segment, and keeps the
// Adler-32 checksum of what they hold.
type idat struct {
	out  *bytes.Buffer
	sum  uint32        // Adler-32 of the rows so far
	text *flate.Writer // for the rows between runs
	run  *flate.Writer // for a run of equal rows
	rows []byte        // the rows of the segment being gathered, each after its filter byte
	seg  bytes.Buffer
}

// newIdat returns an idat writer, reused when one is free.
func newIdat() *idat {
	select {
	case z := <-encoders:
		return z
	default:
	}
	text, _ := flate.NewWriter(io.Discard, textLevel) // valid levels: no error
	run, _ := flate.NewWriter(io.Discard, flate.BestSpeed)
	return &idat{text: text, run: run}
}

// release gives z back for the next card, holding no reference to this one's buffer.
func (z *idat) release() {
	z.out = nil
	select {
	case encoders <- z:
	default:
	}
}

// flush writes the rows gathered, if any, as a segment.
func (z *idat) flush() error {
	if len(z.rows) == 0 {
		return nil
	}
	return z.segment(1)
}

// segment writes the rows gathered, n times over, as one segment, and empties them.
func (z *idat) segment(n int) error {
	defer func() { z.rows = z.rows[:0] }()
	k := segments.keyOf(z.rows)
	if b, sum, ok := segments.get(k, n); ok {
		z.add(sum, n)
		z.out.Write(b)
		return nil
	}
	sum := adler32.Checksum(z.rows)
	z.add(sum, n)
	z.seg.Reset()
	fl := z.text
	if n > 1 {
		fl = z.run
	}
	fl.Reset(&z.seg) // no reference to what came before: a segment stands alone
	for range n {
		if _, err := fl.Write(z.rows); err != nil {
			return err
		}
	}
	if err := fl.Flush(); err != nil { // ends on a byte, the stream not final
		return err
	}
	segments.offer(k, n, sum, z.seg.Bytes())
	z.out.Write(z.seg.Bytes())
	return nil
}

// add adds to the stream's checksum the rows gathered, of Adler-32 sum, n times over.
func (z *idat) add(sum uint32, n int) {
	for range n {
		z.sum = adlerCombine(z.sum, sum, len(z.rows))
	}
}

// adlerCombine is the Adler-32 of a stream of checksum a1 followed by len2 bytes of
// checksum a2 (zlib's adler32_combine).
func adlerCombine(a1, a2 uint32, len2 int) uint32 {
	const base = 65521
	rem := uint32(len2 % base)
	sum1 := a1 & 0xffff
	sum2 := rem * sum1 % base
	sum1 += a2&0xffff + base - 1
	sum2 += a1>>16 + a2>>16 + base - rem
	if sum1 >= base {
		sum1 -= base
	}
	if sum1 >= base {
		sum1 -= base
	}
	if sum2 >= base<<1 {
		sum2 -= base << 1
	}
	if sum2 >= base {
		sum2 -= base
	}
	return sum1 | sum2<<16
}
