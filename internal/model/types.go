// Package model is covsite's domain: localities in a changing hierarchy, indicators defined
// in data, plans with their targets and milestones, results with their sources. Build
// validates what the load stage read and links it; the rest of the package computes
// coverage rates, shares of target, remaining gaps, pace, status, roll-ups and comparisons.
// It does no I/O: every function is a pure computation over values.
package model

import (
	"github.com/covsite/covsite/internal/lang"
	"math"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/diag"
)

// Num is a number that may be unknown. Decimals is how many decimals the source wrote
// (85 → 0, 78.07 → 2), which bounds how far a computed figure may differ from it.
//
// It takes 16 bytes: a national site holds millions of them, a few per target and result.
type Num struct {
	V        float64
	Known    bool
	Decimals int8
}

// Known returns a known number with the given decimals. Sources write a handful; more
// than 127 are kept as 127.
func Known(v float64, decimals int) Num {
	return Num{V: v, Known: true, Decimals: int8(min(max(decimals, math.MinInt8), math.MaxInt8))}
}

// Unknown is the number nobody reported.
var Unknown = Num{}

// Unit is what an indicator is counted in.
type Unit string

// Units.
const (
	People     Unit = "people"
	Percent    Unit = "percent"
	MillionVND Unit = "million_vnd"
	Count      Unit = "count"
)

// Whole reports whether values of the unit are whole numbers.
func (u Unit) Whole() bool { return u == People || u == Count }

// Direction says whether more is better.
type Direction string

// Directions.
const (
	HigherIsBetter Direction = "higher"
	LowerIsBetter  Direction = "lower"
)

// Base is the denominator of a coverage rate. It takes a byte, not a string: each of a
// national site's ~370,000 targets has one (a Target is 112 bytes, not 128).
type Base uint8

// Denominators; String gives each as data names it.
const (
	NoBase Base = iota
	Population
	LabourForce
	Eligible
	Retired
)

// baseNames are the bases as data names them, by Base.
var baseNames = [...]string{NoBase: "", Population: "population", LabourForce: "labour_force", Eligible: "eligible", Retired: "retired"}

// String is the base as data names it ("labour_force"; "" for NoBase): the key of its
// words among the UI strings ("base.<base>") and in the downloads.
func (b Base) String() string {
	if int(b) < len(baseNames) {
		return baseNames[b]
	}
	return ""
}

// unknownBase is what an indicator whose denominator data names none of the bases has
// (an error): not NoBase, and no denominator's.
const unknownBase Base = 255

// baseOf is the base data names s: unknownBase when it names none.
func baseOf(s string) Base {
	if b, ok := ParseBase(s); ok {
		return b
	}
	return unknownBase
}

// ParseBase returns the base data names s, and whether s names one ("" names NoBase).
func ParseBase(s string) (Base, bool) {
	for i, name := range baseNames {
		if name == s {
			return Base(i), true
		}
	}
	return NoBase, false
}

// Kind is a level of the administrative hierarchy; display names are UI strings.
type Kind string

// Kinds of locality, as written in data.
var Kinds = []Kind{"quoc-gia", "tinh", "thanh-pho-tw", "thanh-pho", "quan", "huyen", "thi-xa", "phuong", "xa", "thi-tran", "dac-khu"}

// Config is the site's own settings.
type Config struct {
	Title       lang.Text
	Description lang.Text
	BaseURL     string
	Publisher   lang.Text // who publishes the site; its English falls back to the Vietnamese (In)
	Footer      lang.Text // a line the footer of every page adds (data/site.toml's footer)
	Languages   []string  // the languages built (data/site.toml's languages), in lang.Codes' order; nil for every one
}

// Indicator is a measure the plans target, defined in data.
type Indicator struct {
	ID          string
	Order       int
	Name        lang.Text
	Short       lang.Text
	Unit        Unit
	Noun        lang.Text
	Direction   Direction
	Base        Base
	SumOf       []*Indicator
	Description lang.Text
	Pos         diag.Pos
}

// Locality is a territory at one level of the hierarchy, for the time it existed.
type Locality struct {
	ID           string
	Name         lang.Text
	Kind         Kind
	Parent       *Locality
	Children     []*Locality
	Since, Until date.Date // zero when unknown or still current
	Successor    *Locality
	Predecessors []*Locality
	Note         lang.Text
	Depth        int
	Pos          diag.Pos
}

// Ancestors returns the chain from the root down to l's parent.
func (l *Locality) Ancestors() []*Locality {
	var chain []*Locality
	for p := l.Parent; p != nil; p = p.Parent {
		chain = append([]*Locality{p}, chain...)
	}
	return chain
}

// Ended reports whether the locality no longer exists as a territory.
func (l *Locality) Ended() bool { return !l.Until.IsZero() }

// Plan is a document that sets targets.
type Plan struct {
	ID         string
	Number     string
	Title      lang.Text
	Issued     date.Date
	Issuer     lang.Text
	Signer     string
	URL        string
	BasedOn    []string
	BasedOnEN  []string // English glosses of BasedOn, item by item ("" when none)
	Parent     *Plan    // the plan this one carries out (parent = …), or nil
	Locality   *Locality
	Period     date.Period
	Summary    lang.Text
	Targets    []*Target
	Milestones []*Milestone
	Pos        diag.Pos
}

// Target is what a plan asks of one locality for one indicator over one period: a value in
// the indicator's unit, a rate of its denominator, or both. A national site holds ~370,000:
// what only some carry is in TargetDetail (see TestCompactSizes).
type Target struct {
	// The fields that hold pointers come first: the collector scans an object up to its
	// last pointer, and a national site has ~370,000 targets.
	Plan      *Plan
	Locality  *Locality
	Indicator *Indicator
	// Credit is who set the target and which decision it belongs to, as its document says;
	// the targets a plan publishes share their plan's.
	Credit *Credit
	// *TargetDetail is never nil: the targets of a plan whose detail is only what their row
	// or file gives them all (where, note, per) share one that nothing writes to, those
	// without any the empty one (the builder gives a target its own before writing, see
	// detail.go).
	*TargetDetail
	Period   date.Period
	Deadline date.Date
	// line and col are the target's position in its file (Pos): its plan's, or for an
	// implied target the file of the source implying it
	line, col int32
	Derived   bool // Value is the sum of the indicator's parts, not written in the plan
	Implied   bool // not published: computed from a result and its share or gap
	// DeadlineGiven: the deadline is the document's (its period or an explicit deadline);
	// false for implied targets, whose year-end deadline is the site's assumption.
	DeadlineGiven bool
	Base          Base // the rate's denominator: the indicator's unless the plan says otherwise
	Value         Num
	Rate          Num
}

// TargetDetail is what only some targets carry, or what many share: how the site computed
// the value (a national site computes ~64,000 sums), and what the document states beside it.
type TargetDetail struct {
	// *TargetStated is never nil: a computed target shares its row's (or the empty one)
	// unless something of its own is written to it (see detail.go).
	// (the fields that hold pointers first, as in Target)
	*TargetStated
	// Calc says how the site computed Value when no document gives it (Derived, Implied).
	Calc Calc
	// shared: kept by several targets, never written to (own copies it)
	shared bool
}

// TargetStated is what a target's document states beside its value, or what implied it.
type TargetStated struct {
	// Where is where the figure stands in its document: "Bảng chi tiết, dòng Phường 1".
	Where        lang.Text
	Note         lang.Text
	Per          string // "", "month" or "quarter"
	ImpliedShare Num    // the share that implied it, when Implied and no gap was given
	// shared: kept by several details, never written to (ownStated copies it)
	shared bool
}

// Milestone asks that by a date a share of the yearly target is reached. A milestone the
// document gives only in words ("cơ bản hoàn thành chỉ tiêu") has no share: it is shown
// with its words and never computed with.
type Milestone struct {
	Plan       *Plan
	Indicators []*Indicator
	By         date.Date
	Share      float64
	HasShare   bool
	Note       lang.Text
	Where      lang.Text
	Pos        diag.Pos
}

// Applies reports whether the milestone concerns ind.
func (m *Milestone) Applies(ind *Indicator) bool {
	for _, i := range m.Indicators {
		if i == ind {
			return true
		}
	}
	return false
}

// Source is the document a set of results comes from.
type Source struct {
	ID        string
	Title     lang.Text
	Kind      string    // report, news, conference, decision
	Published date.Date // zero when the document gives no date of publication
	Publisher string
	URL       string
	Note      lang.Text
	Pos       diag.Pos
}

// ReportedShare is a share of a plan's target as the source states it, with who the source
// says set that target and the decision it names for it ("" when it names none).
type ReportedShare struct {
	Plan     *Plan
	Share    Num
	SetBy    string
	Decision string
}

// Result is a figure as of a date for one locality and indicator, with its source. A
// national site holds ~600,000: what only some carry is in ResultDetail (see
// TestCompactSizes).
type Result struct {
	// The fields that hold pointers come first: the collector scans an object up to its
	// last pointer, and a national site has ~600,000 results.
	Source    *Source
	Locality  *Locality
	Indicator *Indicator
	// *ResultDetail is never nil: the results of a file whose detail is only what their
	// row or file gives them all (where, note, change_since) share one that nothing writes
	// to, those without any the empty one (the builder gives a result its own before
	// writing, see detail.go).
	*ResultDetail
	AsOf date.Date
	// line and col are the result's position in its source's file (Pos)
	line, col int32
	Derived   bool
	Value     Num
}

// ResultDetail is what only some results carry, or what many share: how the site computed
// the value (a national site computes ~106,000 sums), and what the source states beside it.
type ResultDetail struct {
	// *ResultStated is never nil: a computed result shares its row's (or the empty one)
	// unless something of its own is written to it (see detail.go).
	// (the fields that hold pointers first, as in Result)
	*ResultStated
	Calc Calc // how the site computed Value when the source does not give it (Derived)
	// shared: kept by several results, never written to (own copies it)
	shared bool
}

// ResultStated is what a result's source states beside its value.
type ResultStated struct {
	Where  lang.Text // where the figure stands in its document: "đoạn 3"
	Note   lang.Text
	Shares []ReportedShare
	Rate   Num // coverage rate as reported
	Gap    Num // remaining to reach the target, as reported
	Change Num // change since ChangeSince, as reported
	// ChangeSince is the date Change counts from.
	ChangeSince date.Date
	// shared: kept by several details, never written to (ownStated copies it)
	shared bool
}

// Pos is where the figure stands in its file: its source's file, at its line and column.
// (A result keeps only the line and column: the file's name in every result was 16
// bytes of a national site's 600,000.)
func (r *Result) Pos() diag.Pos {
	var file string
	if r.Source != nil {
		file = r.Source.Pos.File
	}
	return diag.Pos{File: file, Line: r.line, Col: r.col}
}

// Pos is where the target stands in its file: its plan's, or for an implied target that
// of the source implying it, at its line and column (a target keeps only those, as a
// result does).
func (t *Target) Pos() diag.Pos {
	var file string
	switch {
	case t.Implied && t.Credit != nil && t.Credit.Source != nil:
		file = t.Credit.Source.Pos.File
	case t.Plan != nil:
		file = t.Plan.Pos.File
	}
	return diag.Pos{File: file, Line: t.line, Col: t.col}
}

// Comparison is a reported statement that localities were below their parent's average.
type Comparison struct {
	Source    *Source
	Parent    *Locality
	Indicator *Indicator
	AsOf      date.Date
	Below     []*Locality
	Note      string
	Pos       diag.Pos
}

// Denominators are a locality's population and labour force in a year. A national site
// has 60,000: the builder makes them in one array, the fields that hold pointers first.
type Denominators struct {
	Locality *Locality
	Source   string
	Pos      diag.Pos
	Year     int
	Values   BaseValues
}

// BaseValues holds a value for some of the denominators: a national site has tens of
// thousands, where a map each took ~250 bytes.
type BaseValues struct {
	v     [len(baseNames) - 1]float64 // by Base − 1
	known [len(baseNames) - 1]bool
}

// Get returns the value for base, and whether it is known.
func (bv BaseValues) Get(base Base) (float64, bool) {
	i := int(base) - 1
	if i < 0 || i >= len(bv.v) || !bv.known[i] {
		return 0, false
	}
	return bv.v[i], true
}

// Set records the value for base, one of Population, LabourForce, Eligible or Retired.
func (bv *BaseValues) Set(base Base, v float64) {
	if i := int(base) - 1; i >= 0 && i < len(bv.v) {
		bv.v[i], bv.known[i] = v, true
	}
}

// Grid is a tile map: one equal tile per locality, laid out roughly as the country is.
type Grid struct {
	Name       lang.Text
	Tiles      []Tile // in reading order: by row, then column
	Rows, Cols int
}

// Tile places a locality on a grid; rows and columns count from 1.
type Tile struct {
	Locality *Locality
	Row, Col int
}

// Document is an update or a stand-alone page written in Markdown.
type Document struct {
	Section    string // "updates" or ""
	Slug       string
	Lang       string
	Title      string
	Date       date.Date
	Localities []*Locality
	Plans      []*Plan
	Summary    string
	Body       []byte
	BodyLine   int // line of the file where Body starts, for positions in it
	Path       string
	Pos        diag.Pos
	Draft      bool // draft = true: shown by serve, marked; built only with --drafts
}

// UpdateSkeleton is the body `covsite new update` writes, per language: an update that
// still holds it is not ready to publish.
var UpdateSkeleton = map[string]string{
	"vi": "Viết nội dung bài ở đây, bằng Markdown. Liên kết tới địa phương như [Trà Vinh](/dia-phuong/tra-vinh/).",
	"en": "Write the update here, in Markdown. Link to a locality as [Trà Vinh](/en/dia-phuong/tra-vinh/).",
}

// round rounds to the nearest whole number, halves away from zero.
func round(v float64) float64 { return math.Round(v) }
