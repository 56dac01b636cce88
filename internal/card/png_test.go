package card

import (
	"bytes"
	"compress/zlib"
	"hash/adler32"
	"image"
	"image/png"
	"io"
	"math/rand/v2"
	"sync"
	"testing"
)

// TestEncodePNGKeepsEveryPixel: encodePNG's PNG decodes (image/png, which checks every
// CRC and the Adler-32) to exactly the pixels and palette drawn — for cards and for
// images of other widths with runs of equal rows — the same bytes when encoded again
// (from the segments kept), no larger than image/png's at its fastest level (but for a
// byte or two of segments' ends) and at most 15 % larger than at its default level (the
// segments are compressed apart).
func TestEncodePNGKeepsEveryPixel(t *testing.T) {
	d := drawer(t)
	var imgs []*image.Paletted
	for _, c := range []Card{
		{Site: "Bao phủ BHXH, BHYT, BHTN", Kicker: "Tỉnh", Title: "Thành phố Hồ Chí Minh",
			Figures: []Figure{{"96,11 %", "BHYT"}, {"45,20 %", "BHXH"}, {"38,00 %", "BHTN"}}, Note: "Số liệu đến 30/6/2025"},
		{Title: "Kế hoạch phát triển người tham gia bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp giai đoạn 2021–2025"},
		{},
	} {
		img, err := d.Image(c)
		if err != nil {
			t.Fatal(err)
		}
		imgs = append(imgs, clone(img))
		images.Put(img)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, w := range []int{1, 2, 85, 257, 258, 259, 300, 1200} {
		img := image.NewPaletted(image.Rect(0, 0, w, 40), palette)
		for y := range 40 {
			if y%7 < 4 && y > 0 { // runs of 4 equal rows, then 3 different ones
				copy(img.Pix[y*w:(y+1)*w], img.Pix[(y-1)*w:y*w])
				continue
			}
			for x := range w {
				img.Pix[y*w+x] = uint8(rng.IntN(len(palette)))
			}
		}
		imgs = append(imgs, img)
	}
	for i, img := range imgs {
		var buf bytes.Buffer
		if err := encodePNG(&buf, img); err != nil {
			t.Fatal(err)
		}
		for range 2 { // the second time keeps its segments, the third copies them
			var again bytes.Buffer
			if err := encodePNG(&again, img); err != nil || !bytes.Equal(again.Bytes(), buf.Bytes()) {
				t.Fatalf("image %d: encoded again, it differs (%v)", i, err)
			}
		}
		got, err := png.Decode(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("image %d (%v): %v", i, img.Rect, err)
		}
		p, ok := got.(*image.Paletted)
		if !ok || p.Rect != img.Rect || len(p.Palette) != len(img.Palette) {
			t.Fatalf("image %d: decoded %T %v", i, got, got.Bounds())
		}
		for j := range img.Palette {
			r1, g1, b1, a1 := p.Palette[j].RGBA()
			r2, g2, b2, a2 := img.Palette[j].RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				t.Fatalf("image %d: palette entry %d differs", i, j)
			}
		}
		for y := range img.Rect.Dy() {
			if !bytes.Equal(p.Pix[y*p.Stride:][:img.Rect.Dx()], img.Pix[y*img.Stride:][:img.Rect.Dx()]) {
				t.Fatalf("image %d: row %d differs", i, y)
			}
		}
		if img.Rect.Dx() == Width {
			fast, std := pngSize(t, img, png.BestSpeed), pngSize(t, img, png.DefaultCompression)
			if buf.Len() > fast*101/100 || buf.Len() > std*115/100 {
				t.Errorf("card %d: %d bytes, image/png's %d at its fastest, %d at its default level", i, buf.Len(), fast, std)
			}
			t.Logf("card %d: %d bytes, image/png's %d at its fastest, %d at its default level", i, buf.Len(), fast, std)
		}
	}
}

// pngSize is the size of img as image/png encodes it at level.
func pngSize(t *testing.T, img image.Image, level png.CompressionLevel) int {
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: level}).Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Len()
}

func clone(img *image.Paletted) *image.Paletted {
	c := *img
	c.Pix = bytes.Clone(img.Pix)
	return &c
}

// TestAdlerCombine: the checksum of two parts combined is the checksum of the whole.
func TestAdlerCombine(t *testing.T) {
	data := bytes.Repeat([]byte("Cần Thơ \xff\x00"), 20000)
	for _, cut := range []int{0, 1, 5552, 65521, 100000, len(data)} {
		a, b := data[:cut], data[cut:]
		if got, want := adlerCombine(adler32.Checksum(a), adler32.Checksum(b), len(b)), adler32.Checksum(data); got != want {
			t.Errorf("cut at %d: %08x, want %08x", cut, got, want)
		}
	}
}

// TestIDATIsOneZlibStream: the stream of a card is one valid zlib stream (a reader that
// checks the checksum reads it to the end) holding every row behind its filter byte.
func TestIDATIsOneZlibStream(t *testing.T) {
	img := image.NewPaletted(image.Rect(0, 0, 10, 9), palette)
	for y := range 9 {
		img.Pix[y*10+y] = 3
	}
	copy(img.Pix[50:], img.Pix[40:50]) // rows 4…8 equal: a run of copies
	for y := 6; y < 9; y++ {
		copy(img.Pix[y*10:], img.Pix[40:50])
	}
	var buf bytes.Buffer
	if err := encodePNG(&buf, img); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	at := bytes.Index(b, []byte("IDAT")) + 4
	r, err := zlib.NewReader(bytes.NewReader(b[at:]))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if len(raw) != 9*11 {
		t.Fatalf("%d bytes of rows, want %d", len(raw), 9*11)
	}
	for y := range 9 {
		if raw[y*11] != 0 || !bytes.Equal(raw[y*11+1:(y+1)*11], img.Pix[y*10:(y+1)*10]) {
			t.Errorf("row %d: % x", y, raw[y*11:(y+1)*11])
		}
	}
}

// TestCardsDrawnConcurrently: cards drawn at once by several workers, as a build draws
// them (sharing the glyphs, metrics and segments kept), are the bytes each makes alone.
func TestCardsDrawnConcurrently(t *testing.T) {
	d := drawer(t)
	cards := make([]Card, 24)
	for i := range cards {
		cards[i] = Card{Site: "Bao phủ BHXH, BHYT, BHTN", Kicker: "Tỉnh", Title: "Tỉnh số " + string(rune('A'+i)),
			Figures: []Figure{{"9" + string(rune('0'+i%10)) + ",1 %", "BHYT, dân số"}}, Note: "Số liệu đến 30/6/2025"}
	}
	want := make([][]byte, len(cards))
	for i, c := range cards {
		b, err := d.PNG(c)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = b
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range cards {
				i := (i + w*5) % len(cards)
				got, err := d.PNG(cards[i])
				if err != nil || !bytes.Equal(got, want[i]) {
					t.Errorf("card %d drawn by worker %d differs (%v)", i, w, err)
				}
			}
		})
	}
	wg.Wait()
}

// TestWritePNGAppends: a card written into a buffer that holds something already (a build
// worker's, reused) is appended after it, the bytes PNG makes, and leaves it intact.
func TestWritePNGAppends(t *testing.T) {
	d := drawer(t)
	c := Card{Site: "Bao phủ BHXH, BHYT, BHTN", Kicker: "Tỉnh", Title: "Cần Thơ", Figures: []Figure{{"96,11 %", "BHYT"}}, Note: "Số liệu đến 30/6/2025"}
	want, err := d.PNG(c)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	buf.WriteString("the page before")
	if err := d.WritePNG(&buf, c); err != nil {
		t.Fatal(err)
	}
	if got := buf.Bytes(); !bytes.HasPrefix(got, []byte("the page before")) || !bytes.Equal(got[len("the page before"):], want) {
		t.Errorf("%d bytes after the page before, want the card's %d", buf.Len()-len("the page before"), len(want))
	}
}

// TestRecentSegmentsAreCopied: a segment compressed once is copied by the next card that
// has it while it is among the recent ones (the cards of a page in each language share
// their title's rows), without being kept for the whole build; forgotten past maxRecent
// bytes of later segments, it is compressed again, and then kept, as a segment met twice.
func TestRecentSegmentsAreCopied(t *testing.T) {
	c := newSegmentCache()
	title := c.keyOf([]byte("the rows of a title"))
	if _, _, ok := c.get(title, 1); ok {
		t.Fatal("a segment never compressed is found")
	}
	c.offer(title, 1, 7, []byte("compressed title"))
	b, sum, ok := c.get(title, 1)
	if !ok || sum != 7 || string(b) != "compressed title" {
		t.Fatalf("the recent segment: %q, %d, %t", b, sum, ok)
	}
	if _, _, ok := c.get(title, 2); ok {
		t.Error("the rows repeated twice found as the rows once")
	}
	if len(c.kept) != 0 {
		t.Error("a segment met once is kept")
	}
	other := bytes.Repeat([]byte{1}, 64<<10)
	for i := range maxRecent / len(other) {
		c.offer(c.keyOf([]byte{byte(i), byte(i >> 8)}), 1, 0, other)
	}
	if _, _, ok := c.get(title, 1); ok {
		t.Error("the segment is still recent after maxRecent bytes of others")
	}
	if c.recentSize > maxRecent || len(c.recent) != len(c.order)-c.head {
		t.Errorf("%d bytes in %d recent segments, %d in order", c.recentSize, len(c.recent), len(c.order)-c.head)
	}
	c.offer(title, 1, 7, []byte("compressed title"))
	if b, _, ok := c.get(title, 1); !ok || string(b) != "compressed title" || c.kept[title] == nil {
		t.Errorf("met again once forgotten, the segment is not kept: %q, %t", b, ok)
	}
}
