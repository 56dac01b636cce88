package load

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/diag"
)

// The store (store.go) keeps what each file decoded to in a compact binary form written by
// hand: varints, strings with their length, and positions that name their file only when
// it is not the file being decoded (it always is, in practice), so a position costs two or
// three bytes. encoding/gob, measured on the scale-1 national dataset, writes every
// position's file name out and decodes by reflection: see BenchmarkStoreCodec.

// Kinds of values a file decodes to; the first byte of an encoded entry.
const (
	kindConfig byte = 1 + iota
	kindIndicator
	kindLocality
	kindDenominator
	kindPlan
	kindReport
	kindDocument
	kindGrid
)

// errBadEntry is the error of an encoded entry that does not decode: the file is decoded
// from its source instead.
var errBadEntry = errors.New("cache entry does not decode")

// encodeValues encodes the values of one file (a []T of a storeDecoder); ok is false for a type
// the store does not know.
func encodeValues(values any, file string) (out []byte, ok bool) {
	e := &storeEncoder{file: file}
	switch v := values.(type) {
	case []Config:
		e.kind(kindConfig, v == nil, len(v))
		for _, x := range v {
			e.config(x)
		}
	case []Indicator:
		e.kind(kindIndicator, v == nil, len(v))
		for _, x := range v {
			e.indicator(x)
		}
	case []Locality:
		e.kind(kindLocality, v == nil, len(v))
		for _, x := range v {
			e.locality(x)
		}
	case []Denominator:
		e.kind(kindDenominator, v == nil, len(v))
		for _, x := range v {
			e.denominator(x)
		}
	case []Plan:
		e.kind(kindPlan, v == nil, len(v))
		for _, x := range v {
			e.plan(x)
		}
	case []Report:
		e.kind(kindReport, v == nil, len(v))
		for _, x := range v {
			e.report(x)
		}
	case []Document:
		e.kind(kindDocument, v == nil, len(v))
		for _, x := range v {
			e.document(x)
		}
	case []Grid:
		e.kind(kindGrid, v == nil, len(v))
		for _, x := range v {
			e.grid(x)
		}
	default:
		return nil, false
	}
	return e.buf, true
}

// decodeValues decodes what encodeValues wrote for file; the rows, figures and lists of
// strings it holds are taken from sc when it is not nil (see scratch).
func decodeValues(b []byte, file string, sc *scratch) (any, error) {
	d := &storeDecoder{buf: b, file: file, sc: sc}
	if len(b) == 0 {
		return nil, errBadEntry
	}
	kind := b[0]
	d.off = 1
	n, isNil := d.count()
	var out any
	switch kind {
	case kindConfig:
		out = decodeSlice(d, n, isNil, (*storeDecoder).config)
	case kindIndicator:
		out = decodeSlice(d, n, isNil, (*storeDecoder).indicator)
	case kindLocality:
		out = decodeSlice(d, n, isNil, (*storeDecoder).locality)
	case kindDenominator:
		out = decodeSlice(d, n, isNil, (*storeDecoder).denominator)
	case kindPlan:
		out = decodeSlice(d, n, isNil, (*storeDecoder).plan)
	case kindReport:
		out = decodeSlice(d, n, isNil, (*storeDecoder).report)
	case kindDocument:
		out = decodeSlice(d, n, isNil, (*storeDecoder).document)
	case kindGrid:
		out = decodeSlice(d, n, isNil, (*storeDecoder).grid)
	default:
		return nil, fmt.Errorf("%w: unknown kind %d", errBadEntry, kind)
	}
	if d.err == nil && d.off != len(d.buf) {
		d.err = fmt.Errorf("%w: %d bytes left over", errBadEntry, len(d.buf)-d.off)
	}
	if d.err != nil {
		return nil, d.err
	}
	return out, nil
}

func decodeSlice[T any](d *storeDecoder, n int, isNil bool, one func(*storeDecoder) T) []T {
	if isNil || d.err != nil {
		return nil
	}
	out := make([]T, n)
	for i := range out {
		out[i] = one(d)
	}
	return out
}

// storeEncoder appends values to buf; file is the file they were decoded from.
type storeEncoder struct {
	buf   []byte
	file  string
	noPos bool // leave positions out (ReportDigest)
}

func (e *storeEncoder) kind(k byte, isNil bool, n int) {
	e.buf = append(e.buf, k)
	e.count(isNil, n)
}

// count writes a length, 0 standing for nil: nil and empty slices stay what they were.
func (e *storeEncoder) count(isNil bool, n int) {
	if isNil {
		e.uint(0)
		return
	}
	e.uint(uint64(n) + 1)
}

func (e *storeEncoder) uint(v uint64) { e.buf = binary.AppendUvarint(e.buf, v) }
func (e *storeEncoder) int(v int)     { e.buf = binary.AppendVarint(e.buf, int64(v)) }

func (e *storeEncoder) bool(v bool) {
	if v {
		e.buf = append(e.buf, 1)
	} else {
		e.buf = append(e.buf, 0)
	}
}

func (e *storeEncoder) str(s string) {
	e.uint(uint64(len(s)))
	e.buf = append(e.buf, s...)
}

func (e *storeEncoder) bytes(b []byte) {
	e.count(b == nil, len(b))
	e.buf = append(e.buf, b...)
}

func (e *storeEncoder) float(v float64) {
	e.buf = binary.LittleEndian.AppendUint64(e.buf, math.Float64bits(v))
}

// pos writes 0 for no position, 1 for a position in the file being encoded, 2 for another.
func (e *storeEncoder) pos(p diag.Pos) {
	switch {
	case e.noPos:
		return
	case p == diag.Pos{}:
		e.buf = append(e.buf, 0)
		return
	case p.File == e.file:
		e.buf = append(e.buf, 1)
	default:
		e.buf = append(e.buf, 2)
		e.str(p.File)
	}
	e.int(int(p.Line))
	e.int(int(p.Col))
}

func (e *storeEncoder) s(v Str) { e.str(v.V); e.pos(v.Pos) }

func (e *storeEncoder) strs(v []Str) {
	e.count(v == nil, len(v))
	for _, x := range v {
		e.s(x)
	}
}

func (e *storeEncoder) keyStrs(v []KeyStr) {
	e.count(v == nil, len(v))
	for _, x := range v {
		e.s(x.Key)
		e.s(x.Value)
	}
}

func (e *storeEncoder) num(v Num) { e.float(v.V); e.str(v.Raw); e.bool(v.Int); e.pos(v.Pos) }

func (e *storeEncoder) day(v Day) {
	e.int(int(v.V.Year))
	e.int(int(v.V.Month))
	e.int(int(v.V.Day))
	e.pos(v.Pos)
}

func (e *storeEncoder) figures(v []Figure) {
	e.count(v == nil, len(v))
	for _, f := range v {
		e.s(f.Key)
		e.num(f.Value)
	}
}

func (e *storeEncoder) config(c Config) {
	e.strs(c.Languages)
	e.s(c.Footer)
	e.s(c.FooterEN)
	for _, s := range []Str{c.Title, c.TitleEN, c.Description, c.DescriptionEN, c.BaseURL, c.Publisher, c.PublisherEN} {
		e.s(s)
	}
}

func (e *storeEncoder) indicator(x Indicator) {
	e.pos(x.Pos)
	for _, s := range []Str{x.ID, x.Name, x.NameEN, x.Short, x.ShortEN, x.Unit, x.Noun, x.NounEN, x.Direction, x.Denominator} {
		e.s(s)
	}
	e.strs(x.SumOf)
	e.s(x.Description)
	e.s(x.DescriptionEN)
}

func (e *storeEncoder) locality(x Locality) {
	e.pos(x.Pos)
	for _, s := range []Str{x.ID, x.Name, x.NameEN, x.Kind, x.Parent} {
		e.s(s)
	}
	e.day(x.Since)
	e.day(x.Until)
	e.s(x.Successor)
	e.s(x.Note)
	e.s(x.NoteEN)
}

func (e *storeEncoder) denominator(x Denominator) {
	e.pos(x.Pos)
	e.s(x.Locality)
	e.num(x.Year)
	e.s(x.Source)
	for _, n := range []Num{x.Population, x.LabourForce, x.Eligible, x.Retired} {
		e.num(n)
	}
}

func (e *storeEncoder) plan(x Plan) {
	e.pos(x.Pos)
	e.str(x.ID)
	e.s(x.Number)
	e.s(x.Title)
	e.s(x.TitleEN)
	e.day(x.Issued)
	for _, s := range []Str{x.Issuer, x.IssuerEN, x.Signer, x.URL} {
		e.s(s)
	}
	e.strs(x.BasedOn)
	for _, s := range []Str{x.Locality, x.Period, x.Summary, x.SummaryEN, x.Where, x.WhereEN} {
		e.s(s)
	}
	e.strs(x.BasedOnEN)
	e.s(x.Parent)
	e.rows(x.Targets)
	e.count(x.Milestones == nil, len(x.Milestones))
	for _, m := range x.Milestones {
		e.pos(m.Pos)
		e.strs(m.Indicators)
		e.day(m.By)
		e.num(m.Share)
		e.s(m.Note)
		e.s(m.NoteEN)
		e.s(m.Where)
		e.s(m.WhereEN)
	}
}

func (e *storeEncoder) rows(v []Row) {
	e.count(v == nil, len(v))
	for _, r := range v {
		e.pos(r.Pos)
		e.s(r.Locality)
		e.s(r.Period)
		e.day(r.Deadline)
		e.s(r.Per)
		e.day(r.AsOf)
		e.strs(r.Plans)
		e.day(r.ChangeSince)
		e.s(r.Note)
		e.s(r.NoteEN)
		e.figures(r.Values)
		e.figures(r.Rates)
		e.keyStrs(r.Bases)
		e.figures(r.Shares)
		e.figures(r.Gaps)
		e.figures(r.Changes)
		e.bool(r.Invalid)
		e.s(r.Where)
		e.s(r.WhereEN)
		e.s(r.SetBy)
		e.keyStrs(r.SetByPlan)
		e.s(r.Decision)
	}
}

func (e *storeEncoder) report(x Report) {
	e.pos(x.Pos)
	e.str(x.ID)
	e.s(x.Title)
	e.s(x.TitleEN)
	e.s(x.Kind)
	e.day(x.Published)
	for _, s := range []Str{x.Publisher, x.URL, x.Note, x.NoteEN, x.Where, x.WhereEN} {
		e.s(s)
	}
	e.rows(x.Results)
	e.count(x.Comparisons == nil, len(x.Comparisons))
	for _, c := range x.Comparisons {
		e.pos(c.Pos)
		e.s(c.Parent)
		e.s(c.Indicator)
		e.day(c.AsOf)
		e.strs(c.Below)
		e.s(c.Note)
	}
}

func (e *storeEncoder) document(x Document) {
	e.pos(x.Pos)
	for _, s := range []string{x.Path, x.Section, x.Slug, x.Lang} {
		e.str(s)
	}
	e.s(x.Title)
	e.day(x.Date)
	e.strs(x.Localities)
	e.strs(x.Plans)
	e.s(x.Summary)
	e.bool(x.Draft)
	e.bytes(x.Body)
	e.int(x.BodyLine)
}

// storeDecoder reads what storeEncoder wrote. The first problem stops it: every later read returns
// a zero value, and err says what went wrong.
type storeDecoder struct {
	buf  []byte
	off  int
	file string
	err  error
	sc   *scratch // nil: every slice is made anew
}

// scratch is memory decoders reuse from one file to the next: the rows, figures and
// lists of strings of a file the model has linked and dropped (filesThrough), written over
// by the next file's instead of made anew — the 5,000 plans and results files of a
// national site decode into ~200 MB of them, all garbage a moment later. A value decoded
// with a scratch is good until the scratch is reset.
type scratch struct {
	rows    []Row
	figures []Figure
	strs    []Str
	keyStrs []KeyStr
}

// reset lets the slices handed out since the last reset be written over.
func (sc *scratch) reset() {
	sc.rows, sc.figures, sc.strs, sc.keyStrs = sc.rows[:0], sc.figures[:0], sc.strs[:0], sc.keyStrs[:0]
}

// take hands out n elements of arena, a new one (made larger) when it has too few left;
// with a nil arena (no scratch), a new slice.
func take[T any](arena *[]T, n int) []T {
	if arena == nil || n == 0 {
		return make([]T, n) // not nil, as the value was; without allocating when empty
	}
	a := *arena
	if cap(a)-len(a) < n {
		a = make([]T, 0, max(2*cap(a), n, 64))
	}
	*arena = a[:len(a)+n]
	return a[len(a) : len(a)+n : len(a)+n]
}

// arena returns the decoder's arena of scratch (nil without one).
func arena[T any](d *storeDecoder, of func(*scratch) *[]T) *[]T {
	if d.sc == nil {
		return nil
	}
	return of(d.sc)
}

func (d *storeDecoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: bad %s at byte %d", errBadEntry, what, d.off)
	}
}

func (d *storeDecoder) uint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.buf[d.off:])
	if n <= 0 {
		d.fail("number")
		return 0
	}
	d.off += n
	return v
}

func (d *storeDecoder) int() int {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.buf[d.off:])
	if n <= 0 || v != int64(int(v)) {
		d.fail("number")
		return 0
	}
	d.off += n
	return int(v)
}

// count reads a length written by storeEncoder.count. A length longer than the bytes left
// cannot be right (every element takes a byte at least) and is refused before allocating.
func (d *storeDecoder) count() (n int, isNil bool) {
	v := d.uint()
	if v == 0 || d.err != nil {
		return 0, true
	}
	if v-1 > uint64(len(d.buf)-d.off) {
		d.fail("length")
		return 0, true
	}
	return int(v - 1), false
}

func (d *storeDecoder) byte() byte {
	if d.err != nil {
		return 0
	}
	if d.off >= len(d.buf) {
		d.fail("byte")
		return 0
	}
	d.off++
	return d.buf[d.off-1]
}

func (d *storeDecoder) bool() bool {
	switch d.byte() {
	case 0:
		return false
	case 1:
		return true
	}
	d.fail("boolean")
	return false
}

func (d *storeDecoder) raw(n int) []byte {
	if d.err != nil {
		return nil
	}
	if n < 0 || n > len(d.buf)-d.off {
		d.fail("length")
		return nil
	}
	b := d.buf[d.off : d.off+n]
	d.off += n
	return b
}

func (d *storeDecoder) str() string {
	n := d.uint()
	if n > uint64(len(d.buf)) {
		d.fail("string length")
		return ""
	}
	return string(d.raw(int(n)))
}

func (d *storeDecoder) bytes() []byte {
	n, isNil := d.count()
	if isNil {
		return nil
	}
	return append([]byte{}, d.raw(n)...)
}

func (d *storeDecoder) float() float64 {
	b := d.raw(8)
	if b == nil {
		return 0
	}
	return math.Float64frombits(binary.LittleEndian.Uint64(b))
}

func (d *storeDecoder) pos() diag.Pos {
	var p diag.Pos
	switch d.byte() {
	case 0:
		return p
	case 1:
		p.File = d.file
	case 2:
		p.File = d.str()
	default:
		d.fail("position")
		return p
	}
	p.Line, p.Col = int32(d.int()), int32(d.int())
	return p
}

func (d *storeDecoder) s() Str { return Str{V: d.str(), Pos: d.pos()} }

func (d *storeDecoder) strs() []Str {
	n, isNil := d.count()
	if isNil {
		return nil
	}
	out := take(arena(d, func(sc *scratch) *[]Str { return &sc.strs }), n)
	for i := range out {
		out[i] = d.s()
	}
	return out
}

func (d *storeDecoder) keyStrs() []KeyStr {
	n, isNil := d.count()
	if isNil {
		return nil
	}
	out := take(arena(d, func(sc *scratch) *[]KeyStr { return &sc.keyStrs }), n)
	for i := range out {
		out[i] = KeyStr{Key: d.s(), Value: d.s()}
	}
	return out
}

func (d *storeDecoder) num() Num { return Num{V: d.float(), Raw: d.str(), Int: d.bool(), Pos: d.pos()} }

func (d *storeDecoder) day() Day {
	y, m, dd := d.int(), d.int(), d.int()
	return Day{V: date.Date{Year: int16(y), Month: date.Month(m), Day: uint8(dd)}, Pos: d.pos()}
}

func (d *storeDecoder) figures() []Figure {
	n, isNil := d.count()
	if isNil {
		return nil
	}
	out := take(arena(d, func(sc *scratch) *[]Figure { return &sc.figures }), n)
	for i := range out {
		out[i] = Figure{Key: d.s(), Value: d.num()}
	}
	return out
}

func (d *storeDecoder) config() Config {
	languages, footer, footerEN := d.strs(), d.s(), d.s()
	return Config{Languages: languages, Footer: footer, FooterEN: footerEN, Title: d.s(), TitleEN: d.s(), Description: d.s(), DescriptionEN: d.s(), BaseURL: d.s(), Publisher: d.s(), PublisherEN: d.s()}
}

func (d *storeDecoder) indicator() Indicator {
	return Indicator{
		Pos: d.pos(), ID: d.s(), Name: d.s(), NameEN: d.s(), Short: d.s(), ShortEN: d.s(), Unit: d.s(),
		Noun: d.s(), NounEN: d.s(), Direction: d.s(), Denominator: d.s(), SumOf: d.strs(),
		Description: d.s(), DescriptionEN: d.s(),
	}
}

func (d *storeDecoder) locality() Locality {
	return Locality{
		Pos: d.pos(), ID: d.s(), Name: d.s(), NameEN: d.s(), Kind: d.s(), Parent: d.s(),
		Since: d.day(), Until: d.day(), Successor: d.s(), Note: d.s(), NoteEN: d.s(),
	}
}

func (d *storeDecoder) denominator() Denominator {
	return Denominator{
		Pos: d.pos(), Locality: d.s(), Year: d.num(), Source: d.s(),
		Population: d.num(), LabourForce: d.num(), Eligible: d.num(), Retired: d.num(),
	}
}

// Go evaluates the fields of a composite literal in the order they are written, so each
// literal below reads the fields in the order the storeEncoder wrote them.

func (d *storeDecoder) plan() Plan {
	p := Plan{
		Pos: d.pos(), ID: d.str(), Number: d.s(), Title: d.s(), TitleEN: d.s(), Issued: d.day(),
		Issuer: d.s(), IssuerEN: d.s(), Signer: d.s(), URL: d.s(), BasedOn: d.strs(),
		Locality: d.s(), Period: d.s(), Summary: d.s(), SummaryEN: d.s(), Where: d.s(), WhereEN: d.s(),
		BasedOnEN: d.strs(), Parent: d.s(), Targets: d.rows(),
	}
	n, isNil := d.count()
	if !isNil {
		p.Milestones = make([]Milestone, n)
		for i := range p.Milestones {
			p.Milestones[i] = Milestone{Pos: d.pos(), Indicators: d.strs(), By: d.day(), Share: d.num(), Note: d.s(), NoteEN: d.s(), Where: d.s(), WhereEN: d.s()}
		}
	}
	return p
}

func (d *storeDecoder) rows() []Row {
	n, isNil := d.count()
	if isNil {
		return nil
	}
	out := take(arena(d, func(sc *scratch) *[]Row { return &sc.rows }), n)
	for i := range out {
		out[i] = Row{
			Pos: d.pos(), Locality: d.s(), Period: d.s(), Deadline: d.day(), Per: d.s(), AsOf: d.day(),
			Plans: d.strs(), ChangeSince: d.day(), Note: d.s(), NoteEN: d.s(),
			Values: d.figures(), Rates: d.figures(), Bases: d.keyStrs(), Shares: d.figures(),
			Gaps: d.figures(), Changes: d.figures(), Invalid: d.bool(),
			Where: d.s(), WhereEN: d.s(), SetBy: d.s(), SetByPlan: d.keyStrs(), Decision: d.s(),
		}
	}
	return out
}

func (d *storeDecoder) report() Report {
	r := Report{
		Pos: d.pos(), ID: d.str(), Title: d.s(), TitleEN: d.s(), Kind: d.s(), Published: d.day(),
		Publisher: d.s(), URL: d.s(), Note: d.s(), NoteEN: d.s(), Where: d.s(), WhereEN: d.s(), Results: d.rows(),
	}
	n, isNil := d.count()
	if !isNil {
		r.Comparisons = make([]Comparison, n)
		for i := range r.Comparisons {
			r.Comparisons[i] = Comparison{Pos: d.pos(), Parent: d.s(), Indicator: d.s(), AsOf: d.day(), Below: d.strs(), Note: d.s()}
		}
	}
	return r
}

func (d *storeDecoder) document() Document {
	return Document{
		Pos: d.pos(), Path: d.str(), Section: d.str(), Slug: d.str(), Lang: d.str(),
		Title: d.s(), Date: d.day(), Localities: d.strs(), Plans: d.strs(), Summary: d.s(),
		Draft: d.bool(), Body: d.bytes(), BodyLine: d.int(),
	}
}

func (e *storeEncoder) grid(x Grid) {
	e.pos(x.Pos)
	e.s(x.Name)
	e.s(x.NameEN)
	e.count(x.Tiles == nil, len(x.Tiles))
	for _, t := range x.Tiles {
		e.pos(t.Pos)
		e.s(t.Locality)
		e.num(t.Row)
		e.num(t.Col)
	}
}

func (d *storeDecoder) grid() Grid {
	g := Grid{Pos: d.pos(), Name: d.s(), NameEN: d.s()}
	n, isNil := d.count()
	if !isNil {
		g.Tiles = make([]Tile, n)
		for i := range g.Tiles {
			g.Tiles[i] = Tile{Pos: d.pos(), Locality: d.s(), Row: d.num(), Col: d.num()}
		}
	}
	return g
}
