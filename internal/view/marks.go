package view

import (
	"strconv"
	"strings"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/keep"
	"github.com/covsite/covsite/internal/lang"
	"github.com/covsite/covsite/internal/model"
)

// CalcMark is the sign that stands beside every figure the site computed.
const CalcMark = "∑"

// CalcText says how the site computed a figure, with the figures it computed it from:
// "Số do trang tính: tổng các thành phần, 1.888 + 165". It is "" for a figure a document
// gives.
func (c *Context) CalcText(ind *model.Indicator, calc model.Calc) string {
	if !calc.Computed() {
		return ""
	}
	var buf [192]byte
	var formula [128]byte
	return string(c.F.AppendTB(buf[:0], "calc."+string(calc.How), c.appendFormula(formula[:0], ind, calc)))
}

// calcWords is how the site computed a figure, whole (Text, as CalcText) and in its two
// parts: what it did (How: "Số do trang tính: tổng các thành phần") and with which figures
// (Formula: "1.888 + 165"), so a table's notes can say what it did once for a column.
type calcWords struct {
	Text, How, Formula string
	Calc               model.Calc
}

func (c *Context) calcWords(ind *model.Indicator, calc model.Calc) calcWords {
	if !calc.Computed() {
		return calcWords{}
	}
	formula := c.calcFormula(ind, calc)
	// The strings end with the formula ("…, %s", "…: %s"): what comes before it, less
	// its punctuation, is what the site did (calcHow).
	return calcWords{Text: c.F.TS("calc."+string(calc.How), formula), How: c.calcHow(calc), Formula: formula, Calc: calc}
}

// calcFormula is the figures a computed figure comes from, written as the site computed
// it: "1.888 + 165".
func (c *Context) calcFormula(ind *model.Indicator, calc model.Calc) string {
	var buf [128]byte
	return string(c.appendFormula(buf[:0], ind, calc))
}

// appendFormula appends calcFormula(ind, calc) to b.
func (c *Context) appendFormula(b []byte, ind *model.Indicator, calc model.Calc) []byte {
	f := c.F
	sep := " + "
	switch calc.How {
	case model.SumOfParts, model.ImpliedByGap:
	case model.Difference:
		sep = " − "
	case model.ImpliedByShare, model.ImpliedDenominator:
		if len(calc.Inputs) == 2 {
			b = append(f.appendValue(b, ind, calc.Inputs[0]), " ÷ "...)
			b = f.appendPctAsGiven(b, calc.Inputs[1])
		}
		return b
	case model.RateFromDenominator:
		if len(calc.Inputs) == 2 {
			b = append(f.appendNum(b, calc.Inputs[0]), " ÷ "...)
			b = f.appendNum(b, calc.Inputs[1])
		}
		return b
	default:
		return b
	}
	for i, n := range calc.Inputs { // written in one go: a page has dozens
		if i > 0 {
			b = append(b, sep...)
		}
		b = f.appendValue(b, ind, n)
	}
	return b
}

// calcHow is calcWords(…, calc).How without the formula: what the site did, "" when
// nothing.
func (c *Context) calcHow(calc model.Calc) string {
	if !calc.Computed() {
		return ""
	}
	return kept(shared(c, func(s *Shared) *keep.Map[model.Computation, string] { return &s.calcHow }), calc.How, func() string {
		return strings.TrimRight(c.F.TS("calc."+string(calc.How), ""), ",: ")
	})
}

// Where is where a figure stands in its document, as a sentence; "" when the data does
// not say. On an English page without where_en it is said in English when it can be, else
// in Vietnamese (whereIn; whereVI gives those words, to be marked).
func (c *Context) Where(where lang.Text) string {
	w, _ := c.whereIn(where)
	if w == "" {
		return ""
	}
	return c.F.TS("where", w)
}

// Credit says who set a target and in which document, exactly as the document that gives
// the figure says: "theo 49/KH-BCĐ" for a plan's own target; "Do UBND tỉnh giao, theo
// <the news item> — suy luận: … trang xếp vào <plan>" for a target a report implies.
func (c *Context) Credit(t *model.Target) Line {
	cr := t.Credit
	if cr.Plan == nil {
		return nil
	}
	f := c.F
	switch {
	case !cr.Inferred && cr.Decision == "":
		return c.setBy(cr.Plan)
	case !cr.Inferred:
		return c.decidedBy(cr.Plan, cr.Decision)
	}
	var line Line
	if cr.Authority != "" {
		line = Line{{Text: f.TS("credit.by", cr.Authority)}}
		if c.Lang() == lang.EN {
			line = Line{text(f.TS("credit.by", "")), c.vietnamese(cr.Authority)}
		}
	} else {
		line = Line{text(f.TS("credit.unnamed"))}
	}
	line = append(line, text(", "+f.TS("credit.according")+" "))
	if cr.Source != nil {
		line = append(line, c.cite(cr.Source))
	}
	line = append(line, text(" — "+f.TS("credit.inferred")+" "), c.planLink(cr.Plan), text("."))
	return line
}

// sourceLine names a results document: its kind, title, publisher and date — or that it
// gives none.
func (c *Context) sourceLine(src *model.Source) Line {
	f := c.F
	line := append(make(Line, 0, 6), text(f.TS("source."+src.Kind)+": "), c.cite(src))
	return append(c.originalTitle(line, src), text(" — "), c.vietnamese(src.Publisher), text(", "+c.published(src)))
}

// statusNotes are what a card says about how its status was reached: a straight line or a
// computed figure. (That a target's document gives no deadline is said in the card's notes
// and in its table row: the status "Đang thực hiện" then draws no judgement.)
func (c *Context) statusNotes(p model.Progress) []string {
	straight, computed := p.StraightLine, p.FromComputed && p.Status != model.StatusNoData && !p.NoDeadline
	if !straight && !computed {
		return nil
	}
	// the three lists a target can have, made once per language: never written to
	which := 0
	if straight {
		which |= 1
	}
	if computed {
		which |= 2
	}
	return kept(shared(c, func(s *Shared) *keep.Map[int, []string] { return &s.statusNotes }), which, func() []string {
		var out []string
		if straight {
			out = append(out, c.F.TS("status.straight_line"))
		}
		if computed {
			out = append(out, c.F.TS("status.from_computed"))
		}
		return out[:len(out):len(out)]
	})
}

// TargetKey names a target in the page's markup (data-fig), so a test of the built site can
// find the model's figure behind every printed one: "t/<plan>/<locality>/<indicator>/<period>".
func TargetKey(t *model.Target) string {
	if t.Plan == nil || t.Locality == nil || t.Indicator == nil {
		return ""
	}
	return "t/" + t.Plan.ID + "/" + t.Locality.ID + "/" + t.Indicator.ID + "/" + t.Period.Text
}

// ResultKey names a result in the page's markup: "r/<source>/<locality>/<indicator>/<as of>".
func ResultKey(r *model.Result) string {
	if r.Source == nil || r.Locality == nil || r.Indicator == nil {
		return ""
	}
	return "r/" + r.Source.ID + "/" + r.Locality.ID + "/" + r.Indicator.ID + "/" + r.AsOf.String()
}

// Fig is what the markup says of a printed figure: that a model figure stands there, how
// the site computed it (model.Computation) and, when the page prints them, its key. The
// zero Fig is no figure.
type Fig struct {
	Set  bool   // a model figure stands here
	Key  string // which one (TargetKey, ResultKey, as the page prints it); "" unless Context.Keys
	Calc string
}

func (c *Context) targetFig(t *model.Target) Fig {
	if !keyed(t) {
		return Fig{}
	}
	f := Fig{Set: true, Calc: string(t.Calc.How)}
	if c.Keys {
		f.Key = c.targetKey(t)
	}
	return f
}

func (c *Context) resultFig(r *model.Result, calc model.Calc) Fig {
	if r.Source == nil || r.Locality == nil || r.Indicator == nil {
		return Fig{}
	}
	f := Fig{Set: true, Calc: string(calc.How)}
	if c.Keys {
		f.Key = c.resultKey(r)
	}
	return f
}

// keyed reports whether t has what its key names: a plan, a locality and an indicator
// (every target of a linked site).
func keyed(t *model.Target) bool { return t.Plan != nil && t.Locality != nil && t.Indicator != nil }

// targetKey is pageKey(TargetKey(t)), made in one go: a page has hundreds.
func (c *Context) targetKey(t *model.Target) string {
	if !keyed(t) {
		return ""
	}
	return "t/" + t.Plan.ID + "/" + c.keyLocality(t.Locality) + "/" + t.Indicator.ID + "/" + t.Period.Text
}

// resultKey is pageKey(ResultKey(r)), made in one go.
func (c *Context) resultKey(r *model.Result) string {
	if r.Source == nil || r.Locality == nil || r.Indicator == nil {
		return ""
	}
	var buf [128]byte
	b := append(buf[:0], "r/"...)
	b = append(append(b, r.Source.ID...), '/')
	b = append(append(b, c.keyLocality(r.Locality)...), '/')
	b = append(append(b, r.Indicator.ID...), '/')
	b = appendISODate(b, r.AsOf)
	return string(b)
}

// keyLocality is a locality's id in a key on the page: "" for the page's own (pageKey).
func (c *Context) keyLocality(l *model.Locality) string {
	if c.page != nil && l.ID == c.page.ID {
		return ""
	}
	return l.ID
}

// appendISODate appends d as date.Date.String writes it, "2023-06-30"; nothing for the
// zero date.
func appendISODate(b []byte, d date.Date) []byte {
	if d.IsZero() {
		return b
	}
	b = appendPadded(b, int(d.Year), 4)
	b = appendPadded(append(b, '-'), int(d.Month), 2)
	return appendPadded(append(b, '-'), int(d.Day), 2)
}

// appendPadded appends n with leading zeros to width digits, as %0*d does.
func appendPadded(b []byte, n, width int) []byte {
	if n < 0 {
		return strconv.AppendInt(b, int64(n), 10) // as Sprintf would not pad it: never a date's
	}
	for p, w := 10, 1; w < width; p, w = p*10, w+1 {
		if n < p {
			b = append(b, '0')
		}
	}
	return strconv.AppendInt(b, int64(n), 10)
}

// pageKey is a figure's key as the page prints it: on a locality's page, without the
// locality when it is the page's own ("t/<plan>//<indicator>/<period>"), which most of its
// figures are; ResolveKey makes it whole again.
func (c *Context) pageKey(key string) string {
	if c.page == nil {
		return key
	}
	kind, doc, loc, rest, ok := splitKey(key)
	if !ok || loc != c.page.ID {
		return key
	}
	return kind + "/" + doc + "//" + rest
}

// ResolveKey is the whole key (TargetKey, ResultKey) of a key printed on the page of the
// locality id: a key without its locality is that locality's figure.
func ResolveKey(key, id string) string {
	kind, doc, loc, rest, ok := splitKey(key)
	if !ok || loc != "" {
		return key
	}
	return kind + "/" + doc + "/" + id + "/" + rest
}

// splitKey splits "t/<plan>/<locality>/<rest>" (or "r/<source>/…"); plan, source and
// locality ids hold no slash, the rest may (a period "2023-03/2023-12").
func splitKey(key string) (kind, doc, loc, rest string, ok bool) {
	kind, rest, ok1 := strings.Cut(key, "/")
	doc, rest, ok2 := strings.Cut(rest, "/")
	loc, rest, ok3 := strings.Cut(rest, "/")
	return kind, doc, loc, rest, ok1 && ok2 && ok3
}

// CreditMark is what the markup says of a credit: the authority and decision it names, and
// whether it is inferred, for the test that checks them against the data. The zero
// CreditMark credits no target. It points to the model's credit for the authority and
// decision, which every target of a plan shares (two strings in every card's target were
// a tenth of its bytes).
type CreditMark struct {
	Set      bool   // it credits a target
	Inferred bool   // the document does not name the decision (model.Credit.Inferred)
	Key      string // the target's key, as the page prints it (Fig.Key); "" unless Context.Keys
	credit   *model.Credit
}

// Authority is who set the figure, in the document's words; "" when it does not say.
func (m CreditMark) Authority() string {
	if m.credit == nil {
		return ""
	}
	return m.credit.Authority
}

// Decision is the number of the decision the document names, "49/KH-BCĐ"; "" for none.
func (m CreditMark) Decision() string {
	if m.credit == nil {
		return ""
	}
	return m.credit.Decision
}

func (c *Context) creditMark(t *model.Target) CreditMark {
	if !keyed(t) {
		return CreditMark{}
	}
	m := CreditMark{Set: true, Inferred: t.Credit.Inferred, credit: t.Credit}
	if c.Keys {
		m.Key = c.targetKey(t)
	}
	return m
}

// plainLine is a line's text without its links.
func plainLine(l Line) string {
	var b strings.Builder
	for _, p := range l {
		b.WriteString(p.Text)
	}
	return b.String()
}
