package view

import (
	"github.com/covsite/covsite/internal/keep"
	"github.com/covsite/covsite/internal/model"
)

// TargetValue is a target as a plan sets it: a value, a rate of a base, or both, per month
// or quarter, and a mark when the site implied it from a result.
type TargetValue struct {
	TargetFigure
	Where   string // where the figure stands in its document, "" when the data does not say
	WhereVI string // Where's Vietnamese words an English page cannot say in English (whereIn), "" else
}

// TargetFigure is what a target's value prints where it stands: its value, how the site
// computed it, its details; an earlier plans' cell prints it alone (TargetValue's where is
// said in a card's or a row's notes).
type TargetFigure struct {
	Text     string // "1.842", "80 %", "1.842 · 80 %"
	Computed string // how the site computed the value (view.CalcText), "" when a document gives it
	Fig      Fig
	// Details are what few targets say besides (Base, Per, ImpliedNote); nil when none
	// does: a national site's pages make some 900,000 targets' values, and three empty
	// strings in each were a quarter of its bytes. Shared by the targets that say the same:
	// never written to.
	Details *TargetDetails
}

// TargetDetails are what a TargetValue says of a rate, a pace or an implied target.
type TargetDetails struct {
	Base        string // the rate's denominator, "" for none
	Per         string // " mỗi tháng", "" for the whole period
	ImpliedNote string // "#note-implied-<plan>" when the target is implied
}

// Base is the rate's denominator, "" for none.
func (v TargetFigure) Base() string { return v.details().Base }

// Per is how often the target is due, " mỗi tháng"; "" for the whole period.
func (v TargetFigure) Per() string { return v.details().Per }

// ImpliedNote links to the note of an implied target, "#note-implied-<plan>"; "" else.
func (v TargetFigure) ImpliedNote() string { return v.details().ImpliedNote }

// noDetails are the details of a target that has none.
var noDetails TargetDetails

func (v TargetFigure) details() *TargetDetails {
	if v.Details == nil {
		return &noDetails
	}
	return v.Details
}

func (c *Context) targetValue(t *model.Target) TargetValue {
	v := c.targetValueBut(t)
	var buf [64]byte
	v.Text = string(c.F.appendTargetText(buf[:0], t))
	return v
}

// appendTargetText appends a target's TargetValue.Text to b: its value, its rate, or both.
func (f Format) appendTargetText(b []byte, t *model.Target) []byte {
	switch {
	case t.Value.Known && t.Rate.Known:
		return f.appendPctAsGiven(append(f.appendValue(b, t.Indicator, t.Value), " · "...), t.Rate)
	case t.Value.Known:
		return f.appendValue(b, t.Indicator, t.Value)
	case t.Rate.Known:
		return f.appendPctAsGiven(b, t.Rate)
	}
	return b
}

// targetValueBut is targetValue but its Text, which a table writes with its other figures
// into one string (texts).
func (c *Context) targetValueBut(t *model.Target) TargetValue {
	return c.targetValueSaying(t, c.CalcText(t.Indicator, t.Calc))
}

// targetValueSaying is targetValueBut with computed as the words of how the site computed
// the value.
func (c *Context) targetValueSaying(t *model.Target, computed string) TargetValue {
	return TargetValue{TargetFigure: c.targetFigure(t, computed), Where: c.Where(t.Where), WhereVI: c.whereVI(t.Where)}
}

// targetFigure is t's TargetFigure but its Text, with computed as the words of how the
// site computed the value.
func (c *Context) targetFigure(t *model.Target, computed string) TargetFigure {
	return TargetFigure{Computed: computed, Fig: c.targetFig(t), Details: c.targetDetails(t)}
}

// detailsKey is what a target's details say (TargetDetails): the same for every target of
// a rate's base, a pace and an implying plan.
type detailsKey struct {
	base    model.Base
	rate    bool
	per     string
	implied *model.Plan
}

// targetDetails are t's value's details, made once per language for every target that
// says the same (a rate of the population, …), and shared; nil when t says none.
func (c *Context) targetDetails(t *model.Target) *TargetDetails {
	key := detailsKey{per: t.Per}
	if t.Rate.Known {
		key.base, key.rate = t.Base, true
	}
	if t.Implied {
		key.implied = t.Plan
	}
	if key == (detailsKey{}) {
		return nil
	}
	return kept(shared(c, func(s *Shared) *keep.Map[detailsKey, *TargetDetails] { return &s.details }), key, func() *TargetDetails {
		return c.makeTargetDetails(key)
	})
}

// makeTargetDetails are the details key says; nil when they say nothing.
func (c *Context) makeTargetDetails(key detailsKey) *TargetDetails {
	f := c.F
	var d TargetDetails
	if key.rate {
		d.Base = f.Base(key.base)
	}
	if key.per != "" {
		d.Per = " " + f.TS("per."+key.per)
	}
	if key.implied != nil {
		d.ImpliedNote = "#" + impliedNoteID(key.implied)
	}
	if d == noDetails {
		return nil
	}
	return &d
}

// impliedNoteID is the anchor of the first note that explains a plan's implied targets.
func impliedNoteID(p *model.Plan) string { return "note-implied-" + p.ID }

// Cells are a target's row in a table: the target, the result, the share achieved, the gap,
// the pace still needed and the status with its milestones.
type Cells struct {
	Target     TargetValue
	Result     string // "" when there is no result: the cell shows "—"
	ResultDate string
	Share      string
	ShareFlag  string // the source's share when it differs from the computed one
	Gap        string
	GapFlag    string // the source's gap when it differs from the computed one
	Pace       string
	Status     Status
	Milestones []string // the milestone reached and the next one: "mốc 30/6/2023: 80 % chỉ tiêu"
	// ResultComputed says how the site computed the result, "" when its source gives it.
	ResultComputed string
	ResultWhere    string // where the result stands in its source
	ResultWhereVI  string // its Vietnamese words an English page cannot say in English, "" else
	ResultFig      Fig
	StatusNotes    []string
}

func (c *Context) cells(p model.Progress) Cells {
	f := c.F
	ind := p.Target.Indicator
	out := Cells{Target: c.targetValue(p.Target), Share: f.Pct(p.Share), Gap: "—", Pace: f.Num(p.PacePerMonth), Status: c.status(p.Status)}
	if p.Result != nil {
		out.Result = c.resultFigure(p)
		out.ResultDate = f.Date(p.Result.AsOf)
		calc := c.resultCalcOf(p) // a rate's calc is made: once
		out.ResultComputed = c.CalcText(p.Result.Indicator, calc)
		out.ResultFig = c.resultFig(p.Result, calc)
		out.ResultWhere, out.ResultWhereVI = c.Where(p.Result.Where), c.whereVI(p.Result.Where)
	}
	out.StatusNotes = c.statusNotes(p)
	if p.NoDeadline {
		out.StatusNotes = append(out.StatusNotes, c.F.TS("status.no_deadline"))
	}
	if p.ReportedShare.Known && p.ShareDiffers {
		out.ShareFlag = f.TS("flag.share_differs", f.PctAsGiven(p.ReportedShare))
	}
	if p.Gap.Known {
		out.Gap = f.Value(ind, p.Gap)
		if p.ByRate {
			out.Gap = f.Points(p.Gap)
		}
	}
	if p.ReportedGap.Known && p.ReportedGap.V != p.Gap.V {
		out.GapFlag = f.TS("flag.gap_differs", f.Num(p.ReportedGap))
	}
	if m := p.Milestone; m != nil {
		out.Milestones = append(out.Milestones, f.TS("milestone.by", f.Date(m.By), f.PercentUpTo(m.Share, 2)))
	}
	if m := p.NextMilestone; m != nil {
		out.Milestones = append(out.Milestones, f.TS("milestone.next", f.Date(m.By), f.PercentUpTo(m.Share, 2)))
	}
	return out
}

// resultFigure is the result a progress compares, as a table's cell prints it.
func (c *Context) resultFigure(p model.Progress) string {
	if p.ByRate {
		return c.F.Pct(p.Value)
	}
	return c.F.Value(p.Target.Indicator, p.Value)
}

// appendResultFigure appends resultFigure(p) to b.
func (c *Context) appendResultFigure(b []byte, p model.Progress) []byte {
	if p.ByRate {
		return c.F.appendPct(b, p.Value)
	}
	return c.F.appendValue(b, p.Target.Indicator, p.Value)
}

// resultCalcOf is how the site computed the result a progress compares, if it did.
func (c *Context) resultCalcOf(p model.Progress) model.Calc {
	if p.ByRate {
		_, calc := c.Site.RateWithCalc(p.Result)
		return calc
	}
	return p.Result.Calc
}

func (c *Context) status(s model.Status) Status {
	return Status{Class: string(s), Label: c.F.Status(s)}
}

// Card is an indicator at a glance: its newest result and the targets it is measured against.
type Card struct {
	ID      string // the card's anchor, "chi-so-bhyt"; "" on a plan page
	Title   string
	Result  *CardResult // nil: no result yet
	Targets []CardTarget
	NotesID string // the anchor of its notes under the cards, in a Deck; "" for none
}

// CardResult is a card's figure: "1.022.552 người", as of a date, with rate and change.
type CardResult struct {
	Figure CardFigure
	Unit   string // " người"; " " for percentages and unknown figures
	Meta   string // "đến 30/6/2023 · tỷ lệ 80,58 % · tăng 1.234 so với 31/12/2022"; "" when a Deck says its date
	AsOf   string // the date Meta starts with, "đến 30/6/2023"
	// Notes is the link to the card's notes its Meta ends with on a locality's page,
	// "#ghi-chu-chi-so-bhyt"; "" when the Deck links to them for the cards.
	Notes string
	// Computed says how the site computed the figure, "" when its source gives it.
	Computed string
	// Source names the document the figure comes from and where it stands in it.
	Source Line
	Fig    Fig
}

// CardTarget is a target on a card: its status, what it asks, how much is done and what is
// still needed.
type CardTarget struct {
	Status  Status
	Label   string // "Chỉ tiêu 2023"
	Value   TargetValue
	Share   CardShare  // " · đạt 85 % chỉ tiêu (theo báo cáo: 85 %)" and its meter; zero without a result
	Needed  CardNeeded // "còn phải vận động 1.234 · cần 123 người/tháng"; zero without a result
	Differs string     // the source's share when it disagrees with the figures, ""
	SetBy   Line       // who set the target and in which document, exactly as the document says
	Credit  CreditMark
	Notes   []string // how the status was reached, when the site assumed or computed something
	// Refs point to the notes on how the status was reached when a Deck says them once
	// (Notes is then empty).
	Refs []Footnote
	// NoDeadline says the target's document gives no deadline or milestone; in the notes
	// under the cards.
	NoDeadline string
}

// cardResult is res on a card, written into out (one of a page's cards' results, made
// together) and returned; nil when res is. Its source's line is cut from room's spare
// capacity when it fits (the page's cards' lines in one array), else made.
func (c *Context) cardResult(res *model.Result, out *CardResult, room *Line) *CardResult {
	if res == nil {
		return nil
	}
	f := c.F
	ind := res.Indicator
	var buf [192]byte
	var scratch [64]byte
	asOf := c.asOf(res.AsOf)
	*out = CardResult{Figure: CardFigure{f, ind, res.Value}, Unit: " ", Meta: asOf, AsOf: asOf}
	if res.Value.Known && ind.Unit != model.Percent {
		out.Unit = c.unitAfter(ind)
	}
	if res.Rate.Known || res.Change.Known {
		b := append(buf[:0], asOf...)
		if res.Rate.Known {
			b = f.appendPctAsGiven(append(f.AppendT(append(b, " · "...), "rate"), ' '), res.Rate)
		}
		if res.Change.Known {
			b = f.AppendTB(append(b, " · "...), "change_since", f.appendNum(scratch[:0], res.Change), []byte(f.Date(res.ChangeSince)))
		}
		out.Meta = string(b)
	}
	out.Computed = c.CalcText(ind, res.Calc)
	out.Fig = c.resultFig(res, res.Calc)
	// the source's line made at its length: "Theo " and the document, maybe that its title
	// is the original, where the figure stands, the other figures reported
	var where Line
	if w := c.Where(res.Where); w != "" {
		where = whereLine(w, c.whereVI(res.Where))
	}
	over := c.overruledLine(res)
	n := 2 + len(over)
	if untranslated(res.Source, c.Lang()) {
		n++ // originalTitle's words
	}
	if where != nil {
		n += 1 + len(where)
	}
	var src Line
	if room != nil && cap(*room)-len(*room) >= n {
		at := len(*room)
		src, *room = (*room)[at:at:at+n], (*room)[:at+n]
	} else {
		src = make(Line, 0, n)
	}
	src = append(src, text(c.spaced("credit.according")), c.cite(res.Source))
	src = c.originalTitle(src, res.Source)
	if where != nil {
		src = append(append(src, text(" · ")), where...)
	}
	out.Source = append(src, over...)
	return out
}

// Meter is the share for the card's <meter> from 0 to 1, to three places: "0.853"; ""
// without a share (CardShare.AppendMeter).
func (t CardTarget) Meter() string { return t.Share.Meter() }

func (c *Context) cardTarget(p model.Progress, setBy bool) CardTarget {
	f := c.F
	t := p.Target
	ind := t.Indicator
	out := CardTarget{Status: c.status(p.Status), Label: c.targetLabel(t.Period), Value: c.targetValue(t)}
	if p.Result != nil && p.Share.Known {
		out.Share = CardShare{f: f, share: p.Share}
		if p.ReportedShare.Known && !p.ShareDiffers {
			out.Share.reported = p.ReportedShare
		}
	}
	if p.Result != nil {
		out.Needed = CardNeeded{f: f, ind: ind, byRate: p.ByRate, pace: p.PacePerMonth}
		if p.Gap.Known && p.Gap.V > 0 {
			out.Needed.gap = p.Gap
		}
	}
	if p.ShareDiffers {
		out.Differs = f.TS("flag.share_differs_long", f.PctAsGiven(p.ReportedShare), f.Pct(p.Share))
	}
	out.Notes = c.statusNotes(p)
	if p.NoDeadline {
		out.NoDeadline = c.F.TS("status.no_deadline")
	}
	out.Credit = c.creditMark(t)
	if setBy {
		out.SetBy = c.Credit(t)
	} else if t.Credit.Inferred {
		out.SetBy = c.Credit(t) // a plan page names the document an inferred target comes from
	}
	return out
}

// makeSetBy credits a target to its plan: "Giao tại 49/KH-BCĐ", or the issuer when the
// plan has no number.
func (c *Context) makeSetBy(p *model.Plan) Line {
	f := c.F
	url := c.planURL(p)
	if p.Number != "" {
		return Line{text(f.TS("card.set_by") + " "), link(p.Number, url)}
	}
	line := Line{text(f.TS("card.issuer_before") + " "), {Text: f.Issuer(p), URL: url, Lang: langOf(p.Issuer, f.Code)}}
	if after := f.TS("card.issuer_after"); after != "" {
		line = append(line, text(" "+after))
	}
	return line
}
