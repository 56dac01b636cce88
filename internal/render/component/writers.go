package component

import (
	"bytes"
	"context"
	"io"

	templruntime "github.com/a-h/templ/runtime"

	"github.com/covsite/covsite/internal/i18n"
	"github.com/covsite/covsite/internal/view"
)

// The parts of a locality's page that carry attributes — a chart, the deck, a plan's
// block, the tables of earlier plans, children and roll-ups, a list of updates — written
// in Go, as the table's cells are (plantable.go): in templ each was a call, a context
// (templ.ClearChildren) and, for every attribute, its value boxed in an interface and
// resolved, ~35 allocations a locality page. templ keeps the page's structure
// (locality.templ, plan.templ); the bytes are what the templ components wrote (the golden
// files).

// out writes a Go component's pieces, keeping the first error: a component then reads as
// the templ it replaces, without an error check after each piece. Given templ's buffer
// over the page's bytes.Buffer (render.Renderer.framed), it flushes templ's buffer and
// writes into the page's directly — a copy less, no interface call a piece —, and so do
// the components it renders (w).
type out struct {
	ctx context.Context
	w   io.Writer
	sw  io.StringWriter
	bb  *bytes.Buffer // the page's buffer, written directly; nil for another writer
	err error
}

func newOut(ctx context.Context, w io.Writer) out {
	if tb, ok := w.(*templruntime.Buffer); ok {
		if bb, ok := tb.Underlying.(*bytes.Buffer); ok {
			return out{ctx: ctx, w: bb, sw: bb, bb: bb, err: tb.Flush()}
		}
	}
	bb, _ := w.(*bytes.Buffer)
	return out{ctx: ctx, w: w, sw: stringWriter(w), bb: bb}
}

// s writes the strings as they are.
func (o *out) s(ss ...string) {
	for _, s := range ss {
		switch {
		case o.err != nil:
			return
		case o.bb != nil:
			o.bb.WriteString(s)
		default:
			_, o.err = o.sw.WriteString(s)
		}
	}
}

// e writes s escaped (txt).
func (o *out) e(s string) {
	switch {
	case o.err != nil:
	case o.bb != nil:
		o.bb.Write(appendEscaped(o.bb.AvailableBuffer(), s))
	default:
		o.err = escapeTo(o.sw, s)
	}
}

// tag writes open, attr escaped, mid, text escaped and end (writeTag).
func (o *out) tag(open, attr, mid, text, end string) {
	o.s(open)
	o.e(attr)
	o.s(mid)
	o.e(text)
	o.s(end)
}

// appended writes, escaped, what appendTo appends: a figure of the view (view.CardShare,
// …) written without making its string when o writes into the page's buffer — appended to
// the buffer's free room, then written in place unless it holds a byte escapes has an
// entity for (a figure's words come from the strings files).
func (o *out) appended(appendTo func([]byte) []byte) {
	switch {
	case o.err != nil:
	case o.bb == nil:
		o.e(string(appendTo(nil)))
	default:
		b := appendTo(o.bb.AvailableBuffer())
		if nextSpecial(b, 0) < len(b) {
			o.e(string(b))
			return
		}
		o.bb.Write(b)
	}
}

// do keeps err, a Go component's that was rendered to o.w, when it is the first.
func (o *out) do(err error) {
	if o.err == nil {
		o.err = err
	}
}

// tableLabelled opens a table's scrolling region, labelled "Bảng: <title>" (table.label).
func (o *out) tableLabelled(tr *i18n.Lang, title string) {
	o.s(`<div class="table-scroll" tabindex="0" role="region" aria-label="`)
	o.appended(func(b []byte) []byte { return tr.AppendT(b, "table.label", title) })
	o.s(`">`)
}

// columnHeads writes a table's head cells after its first, one per column, then closes
// the head and opens the body.
func (o *out) columnHeads(cols []string) {
	for _, col := range cols {
		o.tag(`<th scope="col">`, "", "", col, `</th>`)
	}
	o.s(`</tr></thead><tbody>`)
}

// chart is a chart's figure: its caption, its canvas, its ECharts option as a JSON data
// island (view.Chart.Option, from encoding/json, which escapes <, > and &: nothing in it
// can close the script element), the table of its figures and the notes on how the site
// computed the marked cells.
func chart(tr *i18n.Lang, c view.Chart) chartOf { return chartOf{tr, c} }

type chartOf struct {
	tr *i18n.Lang
	c  view.Chart
}

// Render writes the figure to w.
func (x chartOf) Render(ctx context.Context, w io.Writer) error {
	o, c := newOut(ctx, w), &x.c
	o.tag(`<figure class="chart" id="`, c.ID, `-figure"><figcaption><span class="chart__title">`, c.Title, `</span>`)
	if c.Note != "" {
		o.tag(` <span class="chart__note">`, "", "", c.Note, `</span>`)
	}
	o.tag(`</figcaption><div class="chart__canvas" id="`, c.ID, `" data-chart="`, c.ID, `-data"><p class="chart__fallback">`)
	o.tag("", "", "", x.tr.T("chart.fallback"), `</p></div><script type="application/json" id="`)
	o.tag("", c.ID, `-data">`, "", "")
	o.s(c.Option, `</script><div class="table-scroll" tabindex="0" role="region" aria-label="`)
	o.tag("", x.tr.T("chart.table"), ": ", "", "")
	o.tag("", c.Title, `"><table class="data-table figures"><thead><tr><th scope="col">`, c.Category, `</th>`)
	o.columnHeads(c.Columns)
	for r, row := range c.Rows {
		o.s(`<tr>`)
		for i, cell := range row {
			switch {
			case i == 0:
				o.tag(`<th scope="row">`, "", "", cell, `</th>`)
			case c.Marked(r, i-1):
				o.tag(`<td class="calc-cell">`, "", "", cell, `</td>`)
			default:
				o.tag(`<td>`, "", "", cell, `</td>`)
			}
		}
		o.s(`</tr>`)
	}
	o.s(`</tbody></table></div>`)
	for _, n := range c.Notes {
		if n.Shared {
			o.tag(`<p class="note calc-note">`, "", "", n.Lead, `<span>`)
			o.tag("", "", "", n.Words, `</span></p>`)
		} else {
			o.tag(`<p class="note calc-note">`, "", "", n.Lead, "")
			o.tag("", "", "", n.Words, `</p>`)
		}
	}
	o.s(`</figure>`)
	return o.err
}

// deck is a locality's cards, with what they share said once under them (view.Deck).
func deck(tr *i18n.Lang, cs []view.Card, d view.Deck) deckOf { return deckOf{tr, cs, d} }

type deckOf struct {
	tr *i18n.Lang
	cs []view.Card
	d  view.Deck
}

// Render writes the cards and their notes to w.
func (x deckOf) Render(ctx context.Context, w io.Writer) error {
	o, d := newOut(ctx, w), &x.d
	o.s(`<ul class="cards">`)
	for i := range x.cs {
		o.do(deckCardOf{x.tr, x.cs[i]}.Render(ctx, o.w))
	}
	o.s(`</ul>`)
	if d.Source != nil {
		o.s(`<p class="card__plan">`)
		o.do(line(d.Source).Render(ctx, o.w))
		o.s(`</p>`)
	}
	if d.NotesLink != "" {
		o.tag(`<p class="cards__meta">`, "", "", x.tr.T("card.see"), ` <a href="`)
		o.tag("", d.NotesLink, `">`, x.tr.T("card.more"), `</a></p>`)
	}
	if d.Credit != nil {
		o.s(`<p class="card__plan"`)
		o.do(writeCreditAttrs(ctx, o.w, d.CreditMark))
		o.s(`>`)
		o.do(line(d.Credit).Render(ctx, o.w))
		o.s(`</p>`)
	}
	if len(d.Notes) == 0 && len(d.Footnotes) == 0 {
		return o.err
	}
	o.s(`<ul class="plain card-notes">`)
	for _, n := range d.Notes {
		o.tag(`<li id="`, n.ID, `"><strong>`, n.Titles, `: </strong>`)
		cardNoteBody(x.tr, &x.cs[n.Card]).write(&o)
		o.s(`</li>`)
	}
	for _, n := range d.Footnotes {
		o.tag(`<li id="`, n.ID, `"><sup>`, n.Mark, `</sup> `)
		o.tag("", "", "", n.Text, `</li>`)
	}
	o.s(`</ul>`)
	return o.err
}

// cardNoteBody is what the notes under the cards say of one card's figures.
func cardNoteBody(tr *i18n.Lang, c *view.Card) cardNoteBodyOf { return cardNoteBodyOf{tr, c} }

type cardNoteBodyOf struct {
	tr *i18n.Lang
	c  *view.Card
}

// Render writes the notes to w.
func (x cardNoteBodyOf) Render(ctx context.Context, w io.Writer) error {
	o := newOut(ctx, w)
	x.write(&o)
	return o.err
}

func (x cardNoteBodyOf) write(o *out) {
	if r := x.c.Result; r != nil {
		if r.Computed != "" {
			o.tag(`<span class="card__calc">`, "", "", view.CalcMark+" ", "")
			o.tag("", "", "", r.Computed, `. </span>`)
		}
		o.s(" ")
		if len(r.Source) > 0 {
			o.s(`<span class="card__source">`)
			o.do(line(r.Source).Render(o.ctx, o.w))
			o.s(`</span> `)
		}
	}
	for i := range x.c.Targets {
		t := &x.c.Targets[i]
		if !t.HasNotes() {
			continue
		}
		o.tag(`<br>`, "", "", t.Label, ":  ")
		if t.Value.Computed != "" {
			o.tag(`<span class="card__calc">`, "", "", view.CalcMark+" ", "")
			o.tag("", "", "", t.Value.Computed, `. </span>`)
		}
		o.s(" ")
		if t.Value.Where != "" {
			o.s(`<span class="card__where">`)
			o.do(whereText(t.Value.Where, t.Value.WhereVI).Render(o.ctx, o.w))
			o.s(`. </span>`)
		}
		o.s(" ")
		if t.NoDeadline != "" {
			o.tag(`<span class="card__note">`, "", "", t.NoDeadline, ` </span>`)
		}
		o.s(" ")
		if t.SetBy != nil && t.Credit.Inferred {
			o.s(`<span class="card__plan"`)
			o.do(writeCreditAttrs(o.ctx, o.w, t.Credit))
			o.s(`>`)
			o.do(line(t.SetBy).Render(o.ctx, o.w))
			o.s(`</span>`)
		}
	}
}

// planBlock is a plan's block on a locality's page: its heading, what it is, and its
// targets for the locality with how far each is reached — or that the cards show them —
// then the notes on its implied targets.
func planBlock(tr *i18n.Lang, p view.PlanBlock) planBlockOf { return planBlockOf{tr, p} }

type planBlockOf struct {
	tr *i18n.Lang
	p  view.PlanBlock
}

// Render writes the block, a section, to w.
func (x planBlockOf) Render(ctx context.Context, w io.Writer) error {
	o, p, tr := newOut(ctx, w), &x.p, x.tr
	o.tag(`<section class="plan-block" id="`, p.Anchor, `" aria-labelledby="`, "", "")
	o.tag("", p.Anchor, `-h"><div class="section-head"><h2 id="`, "", "")
	o.tag("", p.Anchor, `-h"><a href="`, "", "")
	o.tag("", p.URL, endHref(p.NameLang), p.Name, `</a></h2><a class="anchor" href="#`)
	o.tag("", p.Anchor, `" aria-label="`, "", "")
	o.appended(func(b []byte) []byte { return tr.AppendT(b, "anchor.link", p.Name) })
	o.s(`">#</a></div><p class="meta">`)
	o.do(line(p.Meta).Render(ctx, o.w))
	o.s(`</p>`)
	if p.OnCards {
		o.tag(`<p class="note">`, "", "", tr.T("locality.plan_on_cards"), ` <a href="#so-lieu">`)
		o.tag("", "", "", tr.T("locality.headlines"), `</a>.</p>`)
	} else {
		o.tag(`<div class="table-scroll" tabindex="0" role="region" aria-label="`, tr.T("locality.targets"), " ", "", "")
		o.tag("", p.Name, `">`, "", "")
		o.tag(`<table class="data-table"><thead><tr><th scope="col">`, "", "", tr.T("col.indicator"), `</th><th scope="col">`)
		o.tag("", "", "", tr.T("col.period"), `</th>`)
		o.do(progressHead(tr).Render(ctx, o.w))
		o.s(`</tr></thead><tbody>`)
		for i := range p.Rows {
			r := &p.Rows[i]
			o.tag(`<tr><th scope="row">`, "", "", r.Indicator, "")
			if r.Derived {
				o.tag(`<br><small>`, "", "", tr.T("flag.derived"), `</small>`)
			}
			o.s(`</th>`)
			o.do(period(*r).Render(ctx, o.w))
			o.do(progressCellsOf{tr, &r.Cells}.Render(ctx, o.w))
			o.s(`</tr>`)
		}
		o.s(`</tbody></table></div>`)
	}
	o.do(notes(p.Notes, p.NoteID).Render(ctx, o.w))
	o.s(`</section>`)
	return o.err
}

// notes explain implied targets; the first carries the anchor the ≈ marks lead to.
func notes(ns []string, id string) notesOf { return notesOf{ns, id} }

type notesOf struct {
	ns []string
	id string
}

// Render writes the notes to w.
func (x notesOf) Render(ctx context.Context, w io.Writer) error {
	o := newOut(ctx, w)
	for i, n := range x.ns {
		if i == 0 {
			o.tag(`<p class="note" id="`, x.id, `">`, n, `</p>`)
		} else {
			o.tag(`<p class="note">`, "", "", n, `</p>`)
		}
	}
	return o.err
}

// lineNotes are notes of lines (a plan's, naming who set its implied targets); the first
// carries the anchor the ≈ marks lead to.
func lineNotes(ns []view.Line, id string) lineNotesOf { return lineNotesOf{ns, id} }

type lineNotesOf struct {
	ns []view.Line
	id string
}

// Render writes the notes to w.
func (x lineNotesOf) Render(ctx context.Context, w io.Writer) error {
	o := newOut(ctx, w)
	for i, n := range x.ns {
		if i == 0 {
			o.tag(`<p class="note" id="`, x.id, `">`, "", "")
		} else {
			o.s(`<p class="note">`)
		}
		o.do(line(n).Render(ctx, o.w))
		o.s(`</p>`)
	}
	return o.err
}

// progressHead is the head of a target's cells after its period.
func progressHead(tr *i18n.Lang) progressHeadOf { return progressHeadOf{tr} }

type progressHeadOf struct{ tr *i18n.Lang }

// Render writes the head's cells to w.
func (x progressHeadOf) Render(ctx context.Context, w io.Writer) error {
	o := newOut(ctx, w)
	for _, key := range [...]string{"col.target", "col.result", "col.share", "col.gap", "col.pace", "col.status"} {
		o.tag(`<th scope="col">`, "", "", x.tr.T(key), `</th>`)
	}
	return o.err
}

// progressCellsOf are a target's cells after its period (which carries class "p"): the
// style sheet aligns the figures after it, so no cell needs a class of its own.
type progressCellsOf struct {
	tr *i18n.Lang
	c  *view.Cells
}

// Render writes the cells to w.
func (x progressCellsOf) Render(ctx context.Context, w io.Writer) error {
	o, c := newOut(ctx, w), x.c
	o.s(`<td>`)
	o.do(targetValue(x.tr, c.Target.TargetFigure).Render(ctx, o.w))
	o.do(figureNotes(c.Target.Computed, c.Target.Where, c.Target.WhereVI).Render(ctx, o.w))
	o.s(`</td><td>`)
	switch {
	case c.Result == "":
		o.s("—")
	case hasFigAttrs(ctx, c.ResultFig):
		o.s(`<span`)
		o.do(writeFigAttrs(ctx, o.w, c.ResultFig))
		o.s(`>`)
		o.do(resultText(x.tr, *c).Render(ctx, o.w))
		o.s(`</span>`)
		o.do(resultDate(*c).Render(ctx, o.w))
	default:
		o.do(resultText(x.tr, *c).Render(ctx, o.w))
		o.do(resultDate(*c).Render(ctx, o.w))
	}
	o.tag(`</td><td>`, "", "", c.Share, "")
	if c.ShareFlag != "" {
		o.tag(`<br><small class="flag flag--warn">`, "", "", c.ShareFlag, `</small>`)
	}
	o.tag(`</td><td>`, "", "", c.Gap, "")
	if c.GapFlag != "" {
		o.tag(`<br><small class="flag flag--warn">`, "", "", c.GapFlag, `</small>`)
	}
	o.tag(`</td><td>`, "", "", c.Pace, `</td><td>`)
	o.do(status(c.Status).Render(ctx, o.w))
	for _, m := range c.Milestones {
		o.tag(`<br><small>`, "", "", m, `</small> `)
	}
	for _, n := range c.StatusNotes {
		o.tag(`<br><small class="status-note">`, "", "", n, `</small>`)
	}
	o.s(`</td>`)
	return o.err
}

// earlierPlans is the table of the plans before the current ones: a row per plan, a
// column per indicator, each cell the share reached with the result and target under it.
func earlierPlans(tr *i18n.Lang, e *view.EarlierPlans) earlierPlansOf { return earlierPlansOf{tr, e} }

type earlierPlansOf struct {
	tr *i18n.Lang
	e  *view.EarlierPlans
}

// Render writes the table and its notes to w.
func (x earlierPlansOf) Render(ctx context.Context, w io.Writer) error {
	o, e, tr := newOut(ctx, w), x.e, x.tr
	o.tableLabelled(tr, tr.T("locality.earlier_plans"))
	o.tag(`<table class="data-table earlier"><thead><tr><th scope="col">`, "", "", tr.T("col.plan"), `</th>`)
	o.columnHeads(e.Columns)
	for i := range e.Rows {
		r := &e.Rows[i]
		o.tag(`<tr><th scope="row"><a href="`, r.URL, endHref(r.Lang), r.Text, `</a><small>`)
		o.tag("", "", "", r.Period, `</small></th>`)
		for j := range r.Cells {
			c := &r.Cells[j]
			if c.Empty {
				o.s(`<td></td>`)
				continue
			}
			o.tag(`<td>`, "", "", c.Share, `<small>`)
			if c.Result != "" {
				o.tag("", "", "", c.Result, " / ")
			}
			o.do(targetValue(tr, c.Target).Render(ctx, o.w))
			o.s(`</small></td>`)
		}
		o.s(`</tr>`)
	}
	o.tag(`</tbody></table></div><p class="note">`, "", "", e.Note, `</p>`)
	for _, n := range e.Notes {
		o.s(`<p class="note">`)
		o.do(line(n).Render(ctx, o.w))
		o.s(`</p>`)
	}
	return o.err
}

// childTable is the table of a locality's children's latest figures, with their sum and
// the figure the locality declares.
func childTable(tr *i18n.Lang, t *view.ChildTable) childTableOf { return childTableOf{tr, t} }

type childTableOf struct {
	tr *i18n.Lang
	t  *view.ChildTable
}

// Render writes the table and its notes to w.
func (x childTableOf) Render(ctx context.Context, w io.Writer) error {
	o, t, tr := newOut(ctx, w), x.t, x.tr
	o.tableLabelled(tr, tr.T("locality.children"))
	o.tag(`<table class="data-table"><caption>`, "", "", t.Caption, `</caption> <thead><tr><th scope="col">`)
	o.tag("", "", "", tr.T("col.unit"), `</th>`)
	o.columnHeads(t.Columns)
	for i := range t.Rows {
		r := &t.Rows[i]
		o.tag(`<tr><th scope="row"><a href="`, r.URL, `">`, r.Text, `</a></th>`)
		for j, val := range r.Values {
			o.s(`<td class="num"`)
			if j < len(r.Figs) {
				o.do(writeFigAttrs(ctx, o.w, r.Figs[j]))
			}
			o.s(`>`)
			o.appended(val.Append)
			switch {
			case j < len(r.Computed) && r.Computed[j] != "":
				o.do(calcMark(r.Computed[j]).Render(ctx, o.w))
			case j < len(r.Marked) && r.Marked[j]:
				o.s(`<span class="calc">`, view.CalcMark, `</span>`)
			}
			o.s(`</td>`)
		}
		o.s(`</tr>`)
	}
	o.tag(`</tbody><tfoot><tr><th scope="row">`, "", "", tr.T("children.sum"), `</th>`)
	for _, val := range t.Sum {
		o.s(`<td class="num">`)
		o.appended(val.Append)
		o.s(`</td>`)
	}
	o.tag(`</tr><tr><th scope="row">`, "", "", tr.T("children.declared"), `</th>`)
	for _, val := range t.Declared {
		o.s(`<td class="num">`)
		o.appended(val.Append)
		o.s(`</td>`)
	}
	o.s(`</tr></tfoot></table></div>`)
	for _, n := range t.Notes {
		o.tag(`<p class="note calc-note">`, "", "", n, `</p>`)
	}
	return o.err
}

// rollupTable compares a locality's (or a plan's) figures with the sum of its children's.
func rollupTable(tr *i18n.Lang, title string, rows []view.RollupRow, withUnit, withDate bool) rollupTableOf {
	return rollupTableOf{tr, title, rows, withUnit, withDate}
}

type rollupTableOf struct {
	tr                 *i18n.Lang
	title              string
	rows               []view.RollupRow
	withUnit, withDate bool
}

// Render writes the table to w.
func (x rollupTableOf) Render(ctx context.Context, w io.Writer) error {
	o, tr := newOut(ctx, w), x.tr
	o.tableLabelled(tr, x.title)
	o.s(`<table class="data-table"><thead><tr>`)
	if x.withUnit {
		o.tag(`<th scope="col">`, "", "", tr.T("col.unit"), `</th>`)
	}
	o.tag(`<th scope="col">`, "", "", tr.T("col.indicator"), `</th>`)
	if x.withDate {
		o.tag(`<th scope="col">`, "", "", tr.T("col.asof"), `</th>`)
	}
	o.tag(`<th scope="col">`, "", "", tr.T("rollup.parent"), `</th><th scope="col">`)
	o.tag("", "", "", tr.T("rollup.sum"), `</th><th scope="col">`)
	o.tag("", "", "", tr.T("rollup.difference"), `</th></tr></thead><tbody>`)
	for i := range x.rows {
		r := &x.rows[i]
		if x.withUnit {
			o.tag(`<tr><th scope="row">`, "", "", r.Unit, `</th><td>`)
			o.tag("", "", "", r.Indicator, `</td>`)
		} else {
			o.tag(`<tr><th scope="row">`, "", "", r.Indicator, `</th>`)
		}
		if x.withDate {
			o.tag(`<td>`, "", "", r.AsOf, `</td>`)
		}
		o.tag(`<td class="num">`, "", "", r.Parent, `</td><td class="num">`)
		if r.Incomplete != "" {
			o.tag("", "", "", r.Sum, ` <small>`)
			o.tag("", "", "", r.Incomplete, `</small>`)
		} else {
			o.e(r.Sum)
		}
		if r.Differs {
			o.tag(`</td><td class="num"><span class="flag flag--warn">`, "", "", r.Difference, `</span></td></tr>`)
		} else {
			o.tag(`</td><td class="num">`, "", "", r.Difference, `</td></tr>`)
		}
	}
	o.s(`</tbody></table></div>`)
	return o.err
}

// datedList is a list of links, each with its date: a page's updates.
func datedList(items []view.Dated) datedListOf { return datedListOf(items) }

type datedListOf []view.Dated

// Render writes the list to w.
func (ds datedListOf) Render(ctx context.Context, w io.Writer) error {
	o := newOut(ctx, w)
	o.s(`<ul class="link-list">`)
	for i := range ds {
		d := &ds[i]
		o.tag(`<li><a href="`, d.URL, `">`, d.Text, `</a> <span class="muted">`)
		o.tag("", "", "", d.Date, `</span></li>`)
	}
	o.s(`</ul>`)
	return o.err
}

// planRows are a plan page's rows of targets: each unit's link, the indicator (and its
// note), the period and the target's cells.
func planRows(tr *i18n.Lang, rows []view.PlanRow) planRowsOf { return planRowsOf{tr, rows} }

type planRowsOf struct {
	tr   *i18n.Lang
	rows []view.PlanRow
}

// Render writes the rows to w.
func (x planRowsOf) Render(ctx context.Context, w io.Writer) error {
	o := newOut(ctx, w)
	for i := range x.rows {
		r := &x.rows[i]
		o.tag(`<tr><th scope="row"><a href="`, r.Locality.URL, `">`, r.Locality.Text, `</a></th><td>`)
		o.e(r.Indicator)
		if r.Note != "" {
			o.tag(`<br><small>`, "", "", r.Note, `</small>`)
		}
		o.s(`</td>`)
		o.do(period(*r).Render(ctx, o.w))
		o.do(progressCellsOf{x.tr, &r.Cells}.Render(ctx, o.w))
		o.s(`</tr>`)
	}
	return o.err
}

// cards are a plan page's cards: each one's title, figure and targets, the link to its
// notes when it has no figure to end with it, then the notes under the cards.
func cards(tr *i18n.Lang, cs []view.Card) cardsOf { return cardsOf{tr, cs} }

type cardsOf struct {
	tr *i18n.Lang
	cs []view.Card
}

// Render writes the cards and their notes to w.
func (x cardsOf) Render(ctx context.Context, w io.Writer) error {
	o, tr := newOut(ctx, w), x.tr
	o.s(`<ul class="cards">`)
	for i := range x.cs {
		c := &x.cs[i]
		o.s(`<li class="card"`)
		if c.ID != "" {
			o.tag(` id="`, c.ID, `"`, "", "")
		}
		o.tag(`><h3>`, "", "", c.Title, `</h3>`)
		o.do(cardResult(tr, c.Result, cardNoteHref(*c, i)).Render(ctx, o.w))
		for j := range c.Targets {
			t := &c.Targets[j]
			o.s(`<div>`)
			o.do(cardTargetOf{tr, t}.Render(ctx, o.w))
			if t.SetBy != nil && !t.Credit.Inferred {
				o.s(`<p class="card__plan"`)
				o.do(writeCreditAttrs(ctx, o.w, t.Credit))
				o.s(`>`)
				o.do(line(t.SetBy).Render(ctx, o.w))
				o.s(`</p>`)
			}
			o.s(`</div>`)
		}
		if hasCardNotes(*c) && c.Result == nil {
			o.tag(`<p class="card__more">`, "", "", tr.T("card.see"), ` <a href="#`)
			o.tag("", cardNoteID(*c, i), `">`, tr.T("card.more"), `</a></p>`)
		}
		o.s(`</li>`)
	}
	o.s(`</ul>`)
	if !anyCardNotes(x.cs) {
		return o.err
	}
	o.s(`<ul class="plain card-notes">`)
	for i := range x.cs {
		if c := &x.cs[i]; hasCardNotes(*c) {
			o.tag(`<li id="`, cardNoteID(*c, i), `"><strong>`, c.Title, `: </strong>`)
			cardNoteBody(tr, c).write(&o)
			o.s(`</li>`)
		}
	}
	o.s(`</ul>`)
	return o.err
}
