package card

import (
	"bytes"
	"image"
	"image/png"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"

	"github.com/covsite/covsite/themes"
)

// vietnameseLetters are the 134 precomposed letters of Vietnamese: ă â đ ê ô ơ ư and the
// twelve vowels with each of the five tone marks, in lower and upper case.
func vietnameseLetters(t *testing.T) []rune {
	t.Helper()
	var out []rune
	lower := []string{"ă", "â", "đ", "ê", "ô", "ơ", "ư"}
	for _, v := range []string{"a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"} {
		for _, tone := range []string{"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"} { // huyền sắc ngã hỏi nặng
			lower = append(lower, norm.NFC.String(v+tone))
		}
	}
	for _, s := range lower {
		r, size := utf8.DecodeRuneInString(s)
		if size != len(s) {
			t.Fatalf("%q does not compose to one letter", s)
		}
		out = append(out, r, []rune(norm.NFC.String(string(upper(r))))[0])
	}
	seen := map[rune]bool{}
	for _, r := range out {
		seen[r] = true
	}
	if len(seen) != 134 {
		t.Fatalf("%d distinct letters, want 134", len(seen))
	}
	return out
}

func upper(r rune) rune { return []rune(string(bytes.ToUpper([]byte(string(r)))))[0] }

// TestFontsCoverVietnamese: every Vietnamese letter has its own glyph in both fonts; none
// falls back to the missing glyph (index 0, drawn as a box).
func TestFontsCoverVietnamese(t *testing.T) {
	letters := vietnameseLetters(t)
	for _, name := range []string{RegularFont, BoldFont} {
		b, err := themesFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := sfnt.Parse(b)
		if err != nil {
			t.Fatal(err)
		}
		var buf sfnt.Buffer
		for _, r := range letters {
			i, err := f.GlyphIndex(&buf, r)
			if err != nil || i == 0 {
				t.Errorf("%s: no glyph for %q (U+%04X)", name, r, r)
			}
		}
	}
}

func themesFile(name string) ([]byte, error) {
	d := themes.Default()
	f, err := d.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var buf bytes.Buffer
	_, err = buf.ReadFrom(f)
	return buf.Bytes(), err
}

func drawer(t testing.TB) *Drawer {
	t.Helper()
	d, err := New(themes.Default())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestCardIsA1200x630PNGWithTheName: the card decodes as a 1200×630 PNG, and its title band
// is exactly the place's name drawn alone, and not a name differing by one tone mark.
func TestCardIsA1200x630PNGWithTheName(t *testing.T) {
	d := drawer(t)
	c := Card{Site: "Bao phủ BHXH, BHYT, BHTN", Kicker: "Thành phố trực thuộc trung ương", Title: "Cần Thơ",
		Figures: []Figure{{"96,11 %", "BHYT, dân số"}, {"45,20 %", "BHXH, lực lượng lao động"}}, Note: "Số liệu đến 30/6/2025"}
	b, err := d.PNG(c)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds(); got.Dx() != Width || got.Dy() != Height || Width != 1200 || Height != 630 {
		t.Fatalf("card is %v, want 1200×630", got)
	}
	if !sameBand(t, d, img, "Cần Thơ") {
		t.Error("the card's title band is not the name \"Cần Thơ\" drawn alone")
	}
	if sameBand(t, d, img, "Cần Thờ") {
		t.Error("the card's title band also matches \"Cần Thờ\": the comparison cannot tell names apart")
	}
	if !inked(img, titleBand()) {
		t.Error("nothing drawn in the title band")
	}
}

// sameBand reports whether img's title band equals name drawn alone on a blank card.
func sameBand(t *testing.T, d *Drawer, img image.Image, name string) bool {
	t.Helper()
	fc, err := d.faces()
	if err != nil {
		t.Fatal(err)
	}
	want := blank()
	drawTitle(want, fc.title, name)
	band := titleBand()
	for y := band.Min.Y; y < band.Max.Y; y++ {
		for x := band.Min.X; x < band.Max.X; x++ {
			r1, g1, b1, _ := img.At(x, y).RGBA()
			r2, g2, b2, _ := want.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 {
				return false
			}
		}
	}
	return true
}

func inked(img image.Image, r image.Rectangle) bool {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if r, _, _, _ := img.At(x, y).RGBA(); r < 0x8000 && x > barWidth {
				return true
			}
		}
	}
	return false
}

// TestLongTextIsCut: a title longer than two lines and a figure too wide for its box end
// in "…" and stay inside the card.
func TestLongTextIsCut(t *testing.T) {
	d := drawer(t)
	fc, err := d.faces()
	if err != nil {
		t.Fatal(err)
	}
	long := "Kế hoạch phát triển người tham gia bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp trên địa bàn thành phố giai đoạn 2021–2025 và những năm tiếp theo"
	lines := wrap(fc.title, long, textWidth, titleLines)
	if len(lines) != 2 || !bytes.HasSuffix([]byte(lines[1]), []byte("…")) {
		t.Errorf("lines %q: want two, the second cut with …", lines)
	}
	if _, err := d.PNG(Card{Title: long, Figures: []Figure{{long, long}, {"1", "2"}, {"3", "4"}, {"5", "6"}}}); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkCard draws and encodes cards as a build does: every card its own (the place,
// its figures), on the same layout, sharing the site's name, kickers, labels and notes.
func BenchmarkCard(b *testing.B) {
	d := drawer(b)
	names := []string{"Thành phố Hồ Chí Minh", "Cần Thơ", "Hà Nội", "Bà Rịa – Vũng Tàu", "Thừa Thiên Huế", "Đắk Lắk", "Quảng Ninh", "Kế hoạch phát triển người tham gia BHXH, BHYT giai đoạn 2021–2025 của tỉnh Trà Vinh"}
	labels := []string{"BHYT, dân số", "BHXH, lực lượng lao động", "BHTN"}
	kickers := []string{"Tỉnh", "Thành phố trực thuộc trung ương", "Kế hoạch 53/KH-UBND"}
	i := 0
	for b.Loop() {
		c := Card{Site: "Bao phủ BHXH, BHYT, BHTN", Kicker: kickers[i%3], Title: names[i%len(names)] + " " + strconv.Itoa(i),
			Note: "Số liệu đến 30/6/2025 · Nguồn: Bảo hiểm xã hội Việt Nam"}
		for j := range i % 4 {
			c.Figures = append(c.Figures, Figure{strconv.Itoa(60+(i*7+j)%40) + "," + strconv.Itoa(10+i%90) + " %", labels[j]})
		}
		if _, err := d.PNG(c); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// TestFitMeasuresAsMeasureString: fit cuts a text where cutting it rune by rune and
// measuring each start with font.MeasureString would.
func TestFitMeasuresAsMeasureString(t *testing.T) {
	d := drawer(t)
	fc, err := d.faces()
	if err != nil {
		t.Fatal(err)
	}
	slow := func(face font.Face, s string, width int) string {
		if font.MeasureString(face, s).Ceil() <= width {
			return s
		}
		r := []rune(s)
		for len(r) > 0 && font.MeasureString(face, string(r)+"…").Ceil() > width {
			r = r[:len(r)-1]
		}
		return strings.TrimSpace(string(r)) + "…"
	}
	texts := []string{"", "A", "Số liệu đến 30/6/2025 · Nguồn: Bảo hiểm xã hội Việt Nam, Tổng cục Thống kê", "AVAVAVA WAWA Tỷ lệ ĐẮK LẮK", "Kế hoạch 53/KH-UBND ngày 27/8/2025"}
	for _, face := range []font.Face{fc.note, fc.title, fc.values[0]} {
		for _, s := range texts {
			for width := 0; width <= 1100; width += 37 {
				if got, want := fit(face, s, width), slow(face, s, width); got != want {
					t.Errorf("fit(%q, %d) = %q, want %q", s, width, got, want)
				}
			}
		}
	}
}

// BenchmarkImage draws cards without encoding them: the glyphs stamped, the text measured.
func BenchmarkImage(b *testing.B) {
	d := drawer(b)
	c := Card{Site: "Bao phủ BHXH, BHYT, BHTN", Kicker: "Thành phố trực thuộc trung ương",
		Title:   "Kế hoạch phát triển người tham gia BHXH, BHYT giai đoạn 2021–2025 của tỉnh Trà Vinh",
		Figures: []Figure{{"96,11 %", "BHYT, dân số"}, {"45,20 %", "BHXH, lực lượng lao động"}, {"38,00 %", "BHTN"}},
		Note:    "Số liệu đến 30/6/2025 · Nguồn: Bảo hiểm xã hội Việt Nam"}
	for b.Loop() {
		img, err := d.Image(c)
		if err != nil {
			b.Fatal(err)
		}
		images.Put(img)
	}
}
