// Package card draws share cards: the 1200×630 PNG images that Facebook, Zalo and
// Twitter/X show when a page is shared (og:image). A card names the place, plan or update,
// its headline figures and their date, in the theme's embedded font (Noto Sans, which
// covers every Vietnamese letter), so it looks the same on every machine that builds it.
package card

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"io/fs"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Size of a card: what Open Graph and Twitter's summary_large_image show uncropped.
const (
	Width  = 1200
	Height = 630
)

// Fonts in the theme, under fonts/, with their licence (fonts/OFL.txt).
const (
	RegularFont = "fonts/NotoSans-Regular.ttf"
	BoldFont    = "fonts/NotoSans-Bold.ttf"
)

// Card is what a card shows; every text is already in the page's language.
type Card struct {
	Site    string   // the site's title, at the top
	Kicker  string   // what the card is about: "Tỉnh", "Kế hoạch 53/KH-UBND"
	Title   string   // the place, plan or update: at most two lines
	Figures []Figure // at most three are drawn
	Note    string   // the figures' date and source, at the bottom
}

// Figure is a headline figure: "96,11 %" over "BHYT, dân số".
type Figure struct {
	Value string
	Label string
}

// Colours: the theme's ink, muted text and accent on white.
var (
	paper  = color.RGBA{0xff, 0xff, 0xff, 0xff}
	ink    = color.RGBA{0x1b, 0x24, 0x30, 0xff}
	muted  = color.RGBA{0x52, 0x60, 0x6d, 0xff}
	accent = color.RGBA{0x0b, 0x5c, 0xad, 0xff}
	panel  = color.RGBA{0xe6, 0xed, 0xf5, 0xff}
)

// Layout, in pixels.
const (
	margin     = 80
	barWidth   = 24
	textWidth  = Width - 2*margin
	siteY      = 86
	kickerY    = 156
	titleY     = 236 // baseline of the title's first line
	titleLead  = 76
	titleSize  = 64
	titleLines = 2
	figuresTop = 360
	figureH    = 170
	noteY      = 590
)

// Drawer draws cards with the theme's fonts. It is safe for concurrent use.
type Drawer struct {
	regular, bold *opentype.Font
	fc            faces
}

// New reads the fonts from the theme.
func New(theme fs.FS) (*Drawer, error) {
	regular, err := readFont(theme, RegularFont)
	if err != nil {
		return nil, err
	}
	bold, err := readFont(theme, BoldFont)
	if err != nil {
		return nil, err
	}
	d := &Drawer{regular: regular, bold: bold}
	if d.fc, err = d.makeFaces(); err != nil {
		return nil, fmt.Errorf("share card: %w", err)
	}
	return d, nil
}

func readFont(theme fs.FS, name string) (*opentype.Font, error) {
	b, err := fs.ReadFile(theme, name)
	if err != nil {
		return nil, fmt.Errorf("share card font: %w", err)
	}
	f, err := opentype.Parse(b)
	if err != nil {
		return nil, fmt.Errorf("share card font %s: %w", name, err)
	}
	return f, nil
}

// PNG draws c as a PNG.
func (d *Drawer) PNG(c Card) ([]byte, error) {
	var buf bytes.Buffer
	if err := d.WritePNG(&buf, c); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WritePNG draws c as a PNG at the end of buf: a build's worker encodes its cards into the
// buffer it reuses for every page, rather than into one of its own a card.
func (d *Drawer) WritePNG(buf *bytes.Buffer, c Card) error {
	img, err := d.Image(c)
	if err != nil {
		return err
	}
	defer images.Put(img)
	buf.Grow(64 << 10)
	if err := encodePNG(buf, img); err != nil {
		return fmt.Errorf("share card: %w", err)
	}
	return nil
}

// A build draws hundreds of cards on a few workers: the images and the compressors (about
// 1 MB a worker, png.go) are reused rather than left to the garbage collector.
var images = sync.Pool{New: func() any { return image.NewPaletted(image.Rect(0, 0, Width, Height), palette) }}

// faces are the sizes a card uses, made once for every card: each reads its glyphs and
// metrics from the caches, and asks its font.Face — not safe for concurrent use — under a
// lock for those not kept yet (a few hundred, the first cards). Made for each card, they
// were 18 MB of a national build's allocations.
type faces struct {
	site, kicker, title, label, note font.Face
	values                           []font.Face // largest first: a long figure gets a smaller size
}

// faces are the faces of every card.
func (d *Drawer) faces() (faces, error) { return d.fc, nil }

func (d *Drawer) makeFaces() (faces, error) {
	var err error
	mk := func(f *opentype.Font, size float64) font.Face {
		if err != nil {
			return nil
		}
		var face font.Face
		face, err = opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
		return cachedFace{face: &lockedFace{face: face}, id: faceID(faceKey{f, size})}
	}
	fs := faces{
		site: mk(d.regular, 30), kicker: mk(d.bold, 30), title: mk(d.bold, titleSize),
		label: mk(d.regular, 24), note: mk(d.regular, 26),
		values: []font.Face{mk(d.bold, 56), mk(d.bold, 44), mk(d.bold, 36)},
	}
	return fs, err
}

// Image draws c. The card is a paletted image (its few colours and 15 shades of
// anti-aliasing between each text colour and its background): a third of the bytes of
// RGB to compress, and PNG does not filter it, so a card costs a few milliseconds.
func (d *Drawer) Image(c Card) (*image.Paletted, error) {
	fc, err := d.faces()
	if err != nil {
		return nil, fmt.Errorf("share card: %w", err)
	}
	img := blank()
	text(img, fc.site, muted, paper, margin, siteY, fit(fc.site, c.Site, textWidth))
	text(img, fc.kicker, accent, paper, margin, kickerY, fit(fc.kicker, c.Kicker, textWidth))
	drawTitle(img, fc.title, c.Title)
	figs := c.Figures
	if len(figs) > 3 {
		figs = figs[:3]
	}
	if n := len(figs); n > 0 {
		gap := 24
		w := (textWidth - gap*(n-1)) / n
		for i, f := range figs {
			x := margin + i*(w+gap)
			fill(img, image.Rect(x, figuresTop, x+w, figuresTop+figureH), panel)
			face := fc.values[0]
			for _, face = range fc.values {
				if font.MeasureString(face, f.Value).Ceil() <= w-48 {
					break
				}
			}
			text(img, face, ink, panel, x+24, figuresTop+78, fit(face, f.Value, w-48))
			for j, line := range wrap(fc.label, f.Label, w-48, 2) {
				text(img, fc.label, muted, panel, x+24, figuresTop+120+j*30, line)
			}
		}
	}
	text(img, fc.note, muted, paper, margin, noteY, fit(fc.note, c.Note, textWidth))
	return img, nil
}

// The palette: the solid colours, then for each pair of text and background colour the
// shades between them.
var (
	solids  = []color.RGBA{paper, ink, muted, accent, panel}
	pairs   = [][2]color.RGBA{{muted, paper}, {accent, paper}, {ink, paper}, {ink, panel}, {muted, panel}}
	shades  = 16 // shade k of 16 is k/16 of the text colour over the background
	palette = makePalette()
)

func makePalette() color.Palette {
	var p color.Palette
	for _, c := range solids {
		p = append(p, c)
	}
	for _, pr := range pairs {
		for k := 1; k < shades; k++ {
			p = append(p, blend(pr[0], pr[1], k))
		}
	}
	return p
}

func blend(fg, bg color.RGBA, k int) color.RGBA {
	mix := func(a, b uint8) uint8 { return uint8((int(a)*k + int(b)*(shades-k) + shades/2) / shades) }
	return color.RGBA{mix(fg.R, bg.R), mix(fg.G, bg.G), mix(fg.B, bg.B), 0xff}
}

// index is the palette index of a solid colour.
func index(c color.RGBA) uint8 {
	for i, s := range solids {
		if s == c {
			return uint8(i)
		}
	}
	panic("card: colour not in the palette")
}

// shadeBase is the palette index before the shades of fg over bg.
func shadeBase(fg, bg color.RGBA) int {
	for i, pr := range pairs {
		if pr[0] == fg && pr[1] == bg {
			return len(solids) + i*(shades-1) - 1
		}
	}
	panic("card: text colour on a background not in the palette")
}

// blank is a card's background: white with the accent bar on the left.
func blank() *image.Paletted {
	img := images.Get().(*image.Paletted)
	fill(img, img.Rect, paper)
	fill(img, image.Rect(0, 0, barWidth, Height), accent)
	return img
}

// fill paints r in c: its first row pixel by pixel, the others copied from it.
func fill(img *image.Paletted, r image.Rectangle, c color.RGBA) {
	if r.Empty() {
		return
	}
	i := index(c)
	first := img.Pix[r.Min.Y*img.Stride+r.Min.X : r.Min.Y*img.Stride+r.Max.X]
	for x := range first {
		first[x] = i
	}
	for y := r.Min.Y + 1; y < r.Max.Y; y++ {
		copy(img.Pix[y*img.Stride+r.Min.X:y*img.Stride+r.Max.X], first)
	}
}

// titleBand is where the title is drawn: the rows of its lines.
func titleBand() image.Rectangle {
	return image.Rect(barWidth, titleY-titleSize, Width, titleY+(titleLines-1)*titleLead+titleSize/3)
}

// drawTitle draws the title in at most two lines, the second ending in "…" when cut.
func drawTitle(img *image.Paletted, face font.Face, title string) {
	for i, line := range wrap(face, title, textWidth, titleLines) {
		text(img, face, ink, paper, margin, titleY+i*titleLead, line)
	}
}

// text draws s with its baseline at (x, y) in fg over bg: each pixel of a glyph takes the
// shade nearest its coverage.
func text(img *image.Paletted, face font.Face, fg, bg color.RGBA, x, y int, s string) {
	base := shadeBase(fg, bg)
	solid, back := index(fg), int(index(bg))
	dot := fixed.P(x, y)
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			dot.X += face.Kern(prev, r)
		}
		dr, mask, mp, advance, ok := face.Glyph(dot, r)
		if ok {
			clipped := dr.Intersect(img.Rect)
			mp = mp.Add(clipped.Min.Sub(dr.Min))
			a := alphaOf(mask)
			for py := clipped.Min.Y; py < clipped.Max.Y; py++ {
				cover := a.Pix[a.PixOffset(mp.X, mp.Y+py-clipped.Min.Y):][:clipped.Dx()]
				pix := img.Pix[py*img.Stride+clipped.Min.X:][:clipped.Dx()]
				for x, c := range cover {
					k := int(shadeOf[c])
					switch {
					case k == 0:
					case k >= shades:
						pix[x] = solid
					case int(pix[x]) == back || int(pix[x]) > base && int(pix[x]) < base+k: // background, or a lighter shade of an overlapping glyph
						pix[x] = uint8(base + k)
					}
				}
			}
		}
		dot.X += advance
		prev = r
	}
}

// Rasterising glyphs was half of a card's time; cards draw the same few hundred glyphs
// at six sizes, so each is drawn once, at a whole-pixel position, and kept.
type faceKey struct {
	font *opentype.Font
	size float64
}

// faceIDs number the faces (a font at a size), so the caches' keys are small and hash fast.
var faceIDs = struct {
	sync.Mutex
	m map[faceKey]uint32
}{m: map[faceKey]uint32{}}

func faceID(k faceKey) uint32 {
	faceIDs.Lock()
	defer faceIDs.Unlock()
	id, ok := faceIDs.m[k]
	if !ok {
		id = uint32(len(faceIDs.m))
		faceIDs.m[k] = id
	}
	return id
}

type glyphKey struct {
	face uint32
	r    rune
}

type glyph struct {
	bounds  image.Rectangle // relative to the dot
	mask    *image.Alpha    // its own copy, origin at bounds.Min
	advance fixed.Int26_6
	ok      bool
}

var glyphs = struct {
	sync.RWMutex
	m map[glyphKey]*glyph
}{m: map[glyphKey]*glyph{}}

// cachedFace is a face whose glyphs come from the cache, placed at the dot rounded to
// whole pixels. Safe for concurrent use.
type cachedFace struct {
	face *lockedFace
	id   uint32 // faceID
}

// lockedFace is a font.Face used under its lock.
type lockedFace struct {
	sync.Mutex
	face font.Face
}

func (c cachedFace) Close() error { return nil }

func (c cachedFace) Metrics() font.Metrics {
	c.face.Lock()
	defer c.face.Unlock()
	return c.face.face.Metrics()
}

func (c cachedFace) GlyphBounds(r rune) (fixed.Rectangle26_6, fixed.Int26_6, bool) {
	c.face.Lock()
	defer c.face.Unlock()
	return c.face.face.GlyphBounds(r)
}

func (c cachedFace) Glyph(dot fixed.Point26_6, r rune) (image.Rectangle, image.Image, image.Point, fixed.Int26_6, bool) {
	k := glyphKey{c.id, r}
	glyphs.RLock()
	g, ok := glyphs.m[k]
	glyphs.RUnlock()
	if !ok {
		c.face.Lock()
		dr, mask, mp, advance, found := c.face.face.Glyph(fixed.Point26_6{}, r)
		g = &glyph{bounds: dr, advance: advance, ok: found, mask: image.NewAlpha(image.Rect(0, 0, dr.Dx(), dr.Dy()))}
		for y := 0; y < dr.Dy(); y++ {
			for x := 0; x < dr.Dx(); x++ {
				g.mask.Pix[y*g.mask.Stride+x] = uint8(coverage(mask, mp.X+x, mp.Y+y))
			}
		}
		c.face.Unlock() // mask is the face's own until its next glyph
		glyphs.Lock()
		glyphs.m[k] = g
		glyphs.Unlock()
	}
	at := image.Pt(dot.X.Round(), dot.Y.Round())
	return g.bounds.Add(at), g.mask, image.Point{}, g.advance, g.ok
}

// shadeOf is the shade (0 to shades) nearest a coverage, 0–255.
var shadeOf = func() (t [256]uint8) {
	for c := range t {
		t[c] = uint8((c*shades + 0x80) / 0xff)
	}
	return t
}()

// alphaOf is a glyph mask as an *image.Alpha: the cached glyphs' own, else a copy.
func alphaOf(mask image.Image) *image.Alpha {
	if a, ok := mask.(*image.Alpha); ok {
		return a
	}
	b := mask.Bounds()
	a := image.NewAlpha(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			a.Pix[a.PixOffset(x, y)] = uint8(coverage(mask, x, y))
		}
	}
	return a
}

// Measuring text (wrap, fit) asks the font for the same advances and kerning pairs
// thousands of times a card, and the font looks each up in its tables: they are kept too.
type pairKey struct {
	face uint32 // faceID
	a, b rune   // b is -1 for a's advance
}

var metrics = struct {
	sync.RWMutex
	m map[pairKey]fixed.Int26_6
}{m: map[pairKey]fixed.Int26_6{}}

func (c cachedFace) Kern(a, b rune) fixed.Int26_6 {
	return c.metric(pairKey{c.id, a, b}, func() fixed.Int26_6 { return c.face.face.Kern(a, b) })
}

func (c cachedFace) GlyphAdvance(r rune) (fixed.Int26_6, bool) {
	adv := c.metric(pairKey{c.id, r, -1}, func() fixed.Int26_6 {
		if a, ok := c.face.face.GlyphAdvance(r); ok {
			return a
		}
		return noGlyph
	})
	return max(adv, 0), adv != noGlyph
}

// noGlyph is kept as the advance of a rune the font lacks.
const noGlyph fixed.Int26_6 = -1 << 30

func (c cachedFace) metric(k pairKey, look func() fixed.Int26_6) fixed.Int26_6 {
	metrics.RLock()
	v, ok := metrics.m[k]
	metrics.RUnlock()
	if ok {
		return v
	}
	c.face.Lock()
	v = look()
	c.face.Unlock()
	metrics.Lock()
	metrics.m[k] = v
	metrics.Unlock()
	return v
}

// coverage is a glyph mask's alpha at (x, y), 0–255.
func coverage(mask image.Image, x, y int) int {
	if a, ok := mask.(*image.Alpha); ok {
		return int(a.Pix[a.PixOffset(x, y)])
	}
	_, _, _, a := mask.At(x, y).RGBA()
	return int(a >> 8)
}

// wrap breaks s into lines of at most width pixels, at most max lines; a cut last line
// ends in "…".
func wrap(face font.Face, s string, width, maxLines int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		next := strings.TrimSpace(line + " " + w)
		if line != "" && font.MeasureString(face, next).Ceil() > width {
			lines = append(lines, line)
			line = w
			continue
		}
		line = next
	}
	if line != "" {
		lines = append(lines, line)
	}
	if len(lines) > maxLines {
		lines = lines[:maxLines]
		lines[maxLines-1] = fit(face, lines[maxLines-1]+" …", width)
	}
	for i := range lines {
		lines[i] = fit(face, lines[i], width)
	}
	return lines
}

// fit cuts s to width pixels, ending it in "…" when cut: the longest start of s that
// fits with "…" after it, measured as font.MeasureString would measure it (advances and
// kerning), from the widths of every start, summed once.
func fit(face font.Face, s string, width int) string {
	if font.MeasureString(face, s).Ceil() <= width {
		return s
	}
	r := []rune(s)
	starts := make([]fixed.Int26_6, len(r)+1) // starts[k]: the width of r[:k]
	for i, c := range r {
		starts[i+1] = starts[i]
		if i > 0 {
			starts[i+1] += face.Kern(r[i-1], c)
		}
		a, _ := face.GlyphAdvance(c)
		starts[i+1] += a
	}
	ellipsis, _ := face.GlyphAdvance('…')
	k := len(r)
	for ; k > 0; k-- {
		if (starts[k] + face.Kern(r[k-1], '…') + ellipsis).Ceil() <= width {
			break
		}
	}
	return strings.TrimSpace(string(r[:k])) + "…"
}
