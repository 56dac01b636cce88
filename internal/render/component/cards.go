package component

import (
	"context"
	"io"
	"strings"

	"github.com/covsite/covsite/internal/i18n"
	"github.com/covsite/covsite/internal/view"
)

// The pieces of a card and of a table's row of progress that every locality and plan page
// prints a dozen times or more, written in Go for the same reason as line (island.go): in
// templ each is a call, a context and its attribute values. The bytes are what their templ
// components wrote (the golden files).

// cardResult is a card's figure, then its meta line with the link to its notes; or that
// the indicator has no result yet.
func cardResult(tr *i18n.Lang, r *view.CardResult, notes string) cardResultOf {
	return cardResultOf{tr, r, notes}
}

type cardResultOf struct {
	tr    *i18n.Lang
	r     *view.CardResult
	notes string
}

// Render writes the figure and its meta line to w.
func (c cardResultOf) Render(ctx context.Context, w io.Writer) error {
	o, r := newOut(ctx, w), c.r
	if r == nil {
		o.tag(`<p class="card__figure card__figure--none">`, "", "", c.tr.T("no_result"), `</p>`)
		return o.err
	}
	o.s(`<p class="card__figure"`)
	o.do(writeFigAttrs(ctx, o.w, r.Fig))
	o.s(`><span class="big">`)
	o.appended(r.Figure.Append)
	o.s(`</span>`)
	o.do(unitAndSign(c.tr, r.Unit, r.Computed != "").Render(ctx, o.w))
	o.s(`</p>`)
	switch {
	case c.notes != "" && r.Meta != "":
		o.tag(`<p class="card__meta">`, "", "", r.Meta, ` · <a href="`)
		o.tag("", c.notes, `">`, c.tr.T("card.more"), `</a></p>`)
	case c.notes != "":
		o.tag(`<p class="card__meta">`, "", "", c.tr.T("card.see"), ` <a href="`)
		o.tag("", c.notes, `">`, c.tr.T("card.more"), `</a></p>`)
	case r.Meta != "":
		o.tag(`<p class="card__meta">`, "", "", r.Meta, `</p>`)
	}
	return o.err
}

// unitAndSign is a card figure's unit, then its ∑ when the site computed it, with no space
// after them.
func unitAndSign(tr *i18n.Lang, unit string, computed bool) figureAndSignOf {
	return figureAndSignOf{tr, unit, computed}
}

// resultText is a result in a table's cell, marked when the site computed it.
func resultText(tr *i18n.Lang, c view.Cells) figureAndSignOf {
	return figureAndSignOf{tr, c.Result, c.ResultComputed != ""}
}

// figureAndSignOf is a text, then a space and the ∑ when the site computed the figure.
type figureAndSignOf struct {
	tr       *i18n.Lang
	text     string
	computed bool
}

// Render writes the text and its sign to w.
func (f figureAndSignOf) Render(ctx context.Context, w io.Writer) error {
	if !f.computed {
		return writeEscaped(w, f.text)
	}
	err := writeTag(w, "", "", "", f.text, " ")
	if err == nil {
		err = calcSign(f.tr).Render(ctx, w)
	}
	return err
}

// resultDate follows a result in a table's cell: its date and its notes.
func resultDate(c view.Cells) resultDateOf {
	return resultDateOf{c.ResultDate, c.ResultComputed, c.ResultWhere, c.ResultWhereVI}
}

type resultDateOf struct{ date, computed, where, whereVI string }

// Render writes the date and the notes to w.
func (r resultDateOf) Render(ctx context.Context, w io.Writer) error {
	err := writeTag(w, `<br><small>`, "", "", r.date, `</small>`)
	if err == nil {
		err = figureNotes(r.computed, r.where, r.whereVI).Render(ctx, w)
	}
	return err
}

// figureNotes are the notes under a figure: how the site computed it, where it stands in
// its document (whereVI: its Vietnamese words, see whereText).
func figureNotes(computed, where, whereVI string) figureNotesOf {
	return figureNotesOf{computed, where, whereVI}
}

type figureNotesOf struct{ computed, where, whereVI string }

// Render writes the notes to w.
func (n figureNotesOf) Render(ctx context.Context, w io.Writer) error {
	var err error
	if n.computed != "" {
		err = writeTag(w, `<br><small class="calc-note">`, "", "", view.CalcMark+" "+n.computed, `</small> `)
	}
	if err == nil && n.where != "" {
		_, err = io.WriteString(w, `<br><small class="where">`)
		if err == nil {
			err = whereText(n.where, n.whereVI).Render(ctx, w)
		}
		if err == nil {
			_, err = io.WriteString(w, `</small>`)
		}
	}
	return err
}

// whereText is where a figure stands in its document (view.Context.Where), its words vi —
// the Vietnamese an English page cannot say in English — in a span lang="vi".
func whereText(where, vi string) whereTextOf { return whereTextOf{where, vi} }

type whereTextOf struct{ where, vi string }

// Render writes the text to w.
func (t whereTextOf) Render(_ context.Context, w io.Writer) error {
	i := -1
	if t.vi != "" {
		i = strings.LastIndex(t.where, t.vi)
	}
	if i < 0 {
		return writeEscaped(w, t.where)
	}
	err := writeTag(w, "", "", "", t.where[:i], `<span lang="vi">`)
	if err == nil {
		err = writeTag(w, "", "", "", t.vi, `</span>`)
	}
	if err == nil {
		err = writeEscaped(w, t.where[i+len(t.vi):])
	}
	return err
}

// cardTargetOf is a target on a card: its status, label and value with the share reached,
// the meter, what is still needed, a share the source states otherwise, and the notes on
// its status when the page does not say them once.
type cardTargetOf struct {
	tr *i18n.Lang
	t  *view.CardTarget
}

// Render writes the target to w.
func (c cardTargetOf) Render(ctx context.Context, w io.Writer) error {
	o, t := newOut(ctx, w), c.t
	o.s(`<p class="card__goal">`)
	o.do(status(t.Status).Render(ctx, o.w))
	o.do(goalLabel(*t).Render(ctx, o.w))
	o.s(`<strong>`)
	o.do(targetValue(c.tr, t.Value.TargetFigure).Render(ctx, o.w))
	o.s(`</strong>`)
	o.appended(t.Share.Append)
	o.s(`</p>`)
	if !t.Share.IsZero() {
		o.s(`<meter value="`)
		o.appended(t.Share.AppendMeter)
		o.s(`" aria-hidden="true"></meter>`)
	}
	if !t.Needed.IsZero() {
		o.s(`<p>`)
		o.appended(t.Needed.Append)
		o.s(`</p>`)
	}
	if t.Differs != "" {
		o.tag(`<p class="flag flag--warn">`, "", "", t.Differs, `</p>`)
	}
	for _, n := range t.Notes {
		o.tag(`<p class="card__note">`, "", "", n, `</p>`)
	}
	return o.err
}

// deckCardOf is a card of a locality's deck (view.Deck): its title, its figure, each
// target with its credit when the deck does not say it once, and the link to its notes
// when it has no figure to end with it.
type deckCardOf struct {
	tr *i18n.Lang
	c  view.Card
}

// Render writes the card, an item of the deck's list, to w.
func (d deckCardOf) Render(ctx context.Context, w io.Writer) error {
	c := &d.c
	err := writeStrings(w, `<li class="card"`)
	if err == nil && c.ID != "" {
		err = writeTag(w, ` id="`, c.ID, `"`, "", "")
	}
	if err == nil {
		err = writeTag(w, `><h3>`, "", "", c.Title, `</h3>`)
	}
	if err == nil {
		err = cardResult(d.tr, c.Result, resultNotes(*c)).Render(ctx, w)
	}
	for i := range c.Targets {
		t := &c.Targets[i]
		if err == nil {
			err = writeStrings(w, `<div>`)
		}
		if err == nil {
			err = cardTargetOf{d.tr, t}.Render(ctx, w)
		}
		if err == nil && t.SetBy != nil && !t.Credit.Inferred {
			err = writeStrings(w, `<p class="card__plan"`)
			if err == nil {
				err = writeCreditAttrs(ctx, w, t.Credit)
			}
			if err == nil {
				err = writeStrings(w, `>`)
			}
			if err == nil {
				err = line(t.SetBy).Render(ctx, w)
			}
			if err == nil {
				err = writeStrings(w, `</p>`)
			}
		}
		if err == nil {
			err = writeStrings(w, `</div>`)
		}
	}
	if err == nil && c.NotesID != "" && c.Result == nil {
		err = writeTag(w, `<p class="card__more">`, "", "", d.tr.T("card.see")+" ", `<a href="#`)
		if err == nil {
			err = writeTag(w, "", c.NotesID, `">`, d.tr.T("card.more"), `</a></p>`)
		}
	}
	if err == nil {
		err = writeStrings(w, `</li>`)
	}
	return err
}

// writeCreditAttrs writes creditAttrs' attributes to w, in the order of their names, as
// templ writes them, without making them.
func writeCreditAttrs(ctx context.Context, w io.Writer, c view.CreditMark) error {
	if !c.Set || !figureKeys(ctx) {
		return nil
	}
	err := writeTag(w, ` data-credit="`, c.Key, `" data-decision="`, c.Decision(), `"`)
	if err == nil && c.Inferred {
		err = writeStrings(w, ` data-inferred="true"`)
	}
	if err == nil {
		err = writeTag(w, ` data-set-by="`, c.Authority(), `"`, "", "")
	}
	return err
}
