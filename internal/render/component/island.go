package component

import (
	"context"
	"io"
	"strconv"
	"strings"

	"github.com/covsite/covsite/internal/i18n"
	"github.com/covsite/covsite/internal/view"
)

// sectionHead is a section's heading, a link to the section itself: its permalink, which
// the style sheet marks with a # after it.
func sectionHead(id, title string) sectionHeadOf { return sectionHeadOf{id, title, ""} }

// sectionHeadAsOf is a section's heading with the date its figures share, "" for none:
// "Số liệu chính đến 30/6/2025", the date small.
func sectionHeadAsOf(id, title, asOf string) sectionHeadOf { return sectionHeadOf{id, title, asOf} }

type sectionHeadOf struct{ id, title, asOf string }

// Render writes the heading to w.
func (h sectionHeadOf) Render(_ context.Context, w io.Writer) error {
	err := writeTag(w, `<h2 id="`, h.id, `-h"><a href="#`, h.id, `">`)
	if err == nil {
		err = writeTag(w, "", "", "", h.title, `</a>`)
	}
	if err == nil && h.asOf != "" {
		err = writeTag(w, ` <small>`, "", "", h.asOf, `</small>`)
	}
	if err == nil {
		err = writeStrings(w, `</h2>`)
	}
	return err
}

type figureKeysKey struct{}

// WithFigureKeys is ctx asking the components to mark every printed figure with the key of
// its row in the data (data-fig, data-credit…), for tests and audits of the built site
// (render.Options.FigureKeys). Without it a page prints the very same bytes less those
// attributes.
func WithFigureKeys(ctx context.Context) context.Context {
	return context.WithValue(ctx, figureKeysKey{}, true)
}

// figureKeys reports whether ctx asks for the figures' keys.
func figureKeys(ctx context.Context) bool {
	on, _ := ctx.Value(figureKeysKey{}).(bool)
	return on
}

// hasFigAttrs reports whether a printed figure has data attributes: data-calc, always,
// says how the site computed it (a semantic mark, beside the ∑ sign); data-fig, when ctx
// asks for keys, names the model figure it is, for the test of the built site that checks
// every figure's source, mark and credit.
func hasFigAttrs(ctx context.Context, f view.Fig) bool {
	return f.Set && (f.Calc != "" || figureKeys(ctx))
}

// writeFigAttrs writes hasFigAttrs' attributes to w, each ` name="value"`, in the order
// of their names, as templ wrote them.
func writeFigAttrs(ctx context.Context, w io.Writer, f view.Fig) error {
	if !f.Set {
		return nil
	}
	var err error
	if f.Calc != "" {
		err = writeTag(w, ` data-calc="`, f.Calc, `"`, "", "")
	}
	if err == nil && figureKeys(ctx) {
		err = writeTag(w, ` data-fig="`, f.Key, `"`, "", "")
	}
	return err
}

// hasCardNotes reports whether a card has anything for the notes under the cards.
func hasCardNotes(c view.Card) bool { return c.HasNotes() }

func anyCardNotes(cs []view.Card) bool {
	for _, c := range cs {
		if hasCardNotes(c) {
			return true
		}
	}
	return false
}

// cardNoteID is the anchor of a card's notes: "ghi-chu-chi-so-bhyt", or by position on a
// plan page, whose cards have no id.
func cardNoteID(c view.Card, i int) string {
	switch {
	case c.ID != "":
		return "ghi-chu-" + c.ID
	case i < len(numberedNotes):
		return numberedNotes[i][len("#"):]
	}
	return "ghi-chu-" + strconv.Itoa(i+1)
}

// cardNoteHref is the link to a card's notes, "" when it has none.
func cardNoteHref(c view.Card, i int) string {
	switch {
	case !hasCardNotes(c):
		return ""
	case c.ID == "" && i < len(numberedNotes):
		return numberedNotes[i]
	}
	return "#" + cardNoteID(c, i)
}

// numberedNotes are the links to the notes of a plan page's first cards, made once:
// "#ghi-chu-1" … (a plan page has a dozen cards, each asking twice).
var numberedNotes = func() (links [32]string) {
	for i := range links {
		links[i] = "#ghi-chu-" + strconv.Itoa(i+1)
	}
	return links
}()

// goalLabel follows a card target's status: the marks of its notes when the page says
// them once (view.Deck), each a link to its note, then its label — "¹ Chỉ tiêu 2025: ".
// Written here, on one line, so no space comes between the status and its marks.
func goalLabel(t view.CardTarget) goalLabelOf { return goalLabelOf{t.Refs, t.Label} }

type goalLabelOf struct {
	refs  []view.Footnote
	label string
}

// Render writes the marks and the label to w.
func (g goalLabelOf) Render(_ context.Context, w io.Writer) error {
	var err error
	if len(g.refs) > 0 {
		err = writeStrings(w, `<sup>`)
		for i, f := range g.refs {
			if err == nil && i > 0 {
				err = writeStrings(w, ",")
			}
			if err == nil {
				err = writeTag(w, `<a href="#`, f.ID, `">`, f.Mark, `</a>`)
			}
		}
		if err == nil {
			err = writeStrings(w, `</sup>`)
		}
	}
	if err == nil {
		err = writeTag(w, " ", "", "", g.label, ": ")
	}
	return err
}

// status is a target's status: its label, in a span whose class says which.
func status(s view.Status) statusOf { return statusOf(s) }

type statusOf view.Status

// Render writes the status to w.
func (s statusOf) Render(_ context.Context, w io.Writer) error {
	return writeTag(w, `<span class="status status--`, s.Class, `">`, s.Label, `</span>`)
}

// txt is a text the page prints, escaped as templ's { } escapes it (html.EscapeString),
// written straight into the page: { } copies each text twice through fmt
// (templ.JoinStringErrs) — a fifth of a locality page's allocations. A string type, so
// @txt(s) calls Render on the value without boxing it.
type txt string

// Render writes t, escaped, to w.
func (t txt) Render(_ context.Context, w io.Writer) error { return writeEscaped(w, string(t)) }

// writeEscaped writes s to w with <, >, &, ' and " escaped as html.EscapeString escapes
// them, without making the escaped string.
func writeEscaped(w io.Writer, s string) error { return escapeTo(stringWriter(w), s) }

// escapeTo is writeEscaped to a writer of strings.
func escapeTo(w io.StringWriter, s string) error {
	last := 0
	for i := nextSpecial(s, 0); i < len(s); i = nextSpecial(s, i+1) {
		if _, err := w.WriteString(s[last:i]); err != nil {
			return err
		}
		if _, err := w.WriteString(escapes[s[i]]); err != nil {
			return err
		}
		last = i + 1
	}
	_, err := w.WriteString(s[last:])
	return err
}

// appendEscaped appends s to b, escaped as escapeTo writes it.
func appendEscaped(b []byte, s string) []byte {
	last := 0
	for i := nextSpecial(s, 0); i < len(s); i = nextSpecial(s, i+1) {
		b = append(append(b, s[last:i]...), escapes[s[i]]...)
		last = i + 1
	}
	return append(b, s[last:]...)
}

// stringWriter is w as a writer of strings: templ's buffer, which every component writes
// to, is one. Asked once for a component's writes, not by io.WriteString for each of its
// thousand strings a page.
func stringWriter(w io.Writer) io.StringWriter {
	if sw, ok := w.(io.StringWriter); ok {
		return sw
	}
	return bytesWriter{w}
}

// bytesWriter writes strings to a writer of bytes.
type bytesWriter struct{ io.Writer }

func (w bytesWriter) WriteString(s string) (int, error) { return w.Write([]byte(s)) }

// nextSpecial is the index of the first byte of s from i on that escapes has an entity
// for, or len(s): eight bytes at a time while none of them is one (a page's texts mostly
// have none), then byte by byte. Three tests of a zero byte find the five: & (0x26) and
// ' (0x27) differ only in bit 0, < (0x3C) and > (0x3E) only in bit 1, so x with that bit
// masked off has a zero byte where either stands.
func nextSpecial[S ~string | ~[]byte](s S, i int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	zero := func(y uint64) uint64 { return (y - ones) &^ y & highs } // a byte of y is 0
	for ; i+8 <= len(s); i += 8 {
		t := s[i : i+8] // one bounds check, one load
		x := uint64(t[0]) | uint64(t[1])<<8 | uint64(t[2])<<16 | uint64(t[3])<<24 |
			uint64(t[4])<<32 | uint64(t[5])<<40 | uint64(t[6])<<48 | uint64(t[7])<<56
		if zero((x^(ones*'&'))&^ones)|zero((x^(ones*'<'))&^(ones*2))|zero(x^(ones*'"')) != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		if special[s[i]] {
			return i
		}
	}
	return len(s)
}

// special marks the bytes escapes has an entity for.
var special = [256]bool{'<': true, '>': true, '&': true, '\'': true, '"': true}

// escapes are html.EscapeString's entities.
var escapes = [256]string{'<': "&lt;", '>': "&gt;", '&': "&amp;", '\'': "&#39;", '"': "&#34;"}

// line prints a line of text (view.Line): each piece a link, a cited title, a text in
// another language or plain text. Written here rather than as a templ component because a
// page prints some sixty lines, and templ's call, context and attribute values cost three
// allocations a piece; the bytes are what the templ component wrote (the golden files).
func line(l view.Line) lineOf { return lineOf(l) }

// WriteLine writes l as the compiled pages print it: for the pages made with html/template
// (render's "line" function), so a line is printed one way.
func WriteLine(w io.Writer, l view.Line) error { return lineOf(l).Render(context.Background(), w) }

type lineOf view.Line

// endHref ends a link's href and its opening tag, saying the language of the link's text
// when it is not the page's (lang "vi" on an English page), else nothing.
func endHref(lang string) string {
	if lang == "" {
		return `">`
	}
	return `" lang="` + lang + `">`
}

// Render writes the line to w.
func (l lineOf) Render(_ context.Context, w io.Writer) error {
	for _, p := range l {
		var err error
		switch {
		case p.URL != "":
			err = writeTag(w, `<a href="`, p.URL, endHref(p.Lang), p.Text, `</a>`)
		case p.Cite && p.Lang != "":
			err = writeTag(w, `<cite lang="`, p.Lang, `">`, p.Text, `</cite>`)
		case p.Cite:
			err = writeTag(w, `<cite`, "", `>`, p.Text, `</cite>`)
		case p.Lang != "":
			err = writeTag(w, `<span lang="`, p.Lang, `">`, p.Text, `</span>`)
		default:
			err = writeEscaped(w, p.Text)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// writeTag writes open, attr escaped, mid, text escaped and end.
func writeTag(w io.Writer, open, attr, mid, text, end string) error {
	sw := stringWriter(w)
	if _, err := sw.WriteString(open); err != nil {
		return err
	}
	if err := escapeTo(sw, attr); err != nil {
		return err
	}
	if _, err := sw.WriteString(mid); err != nil {
		return err
	}
	if err := escapeTo(sw, text); err != nil {
		return err
	}
	_, err := sw.WriteString(end)
	return err
}

// targetValue prints a target as its plan sets it, on one line: its figure and base, what
// it is per, the mark of an implied target (a link to the note that explains it) and the ∑
// of a computed one — in a span only for the span's data attributes (figAttrs). Written
// here, not in templ, for the same reason as line: every card, plan row and earlier plan
// prints targets, each three nested components in templ.
func targetValue(tr *i18n.Lang, v view.TargetFigure) targetOf { return targetOf{tr, v} }

type targetOf struct {
	tr *i18n.Lang
	v  view.TargetFigure
}

// Render writes the target to w.
func (t targetOf) Render(ctx context.Context, w io.Writer) error {
	v := &t.v
	span := hasFigAttrs(ctx, v.Fig)
	var err error
	if span {
		err = writeStrings(w, "<span")
		if err == nil {
			err = writeFigAttrs(ctx, w, v.Fig)
		}
		if err == nil {
			err = writeStrings(w, ">")
		}
	}
	if base := v.Base(); err == nil && base != "" {
		err = writeTag(w, "", v.Text+" ", `<span class="base">`, base, `</span>`)
	} else if err == nil {
		err = writeEscaped(w, v.Text)
	}
	if err == nil {
		err = writeEscaped(w, v.Per())
	}
	if note := v.ImpliedNote(); err == nil && note != "" {
		err = writeTag(w, `<sup><a href="`, note, `" class="flag" aria-label="`, t.tr.T("flag.implied"), `">≈</a></sup>`)
	}
	if err == nil && v.Computed != "" {
		err = calcSign(t.tr).Render(ctx, w)
	}
	if err == nil && span {
		err = writeStrings(w, "</span>")
	}
	return err
}

// calcSign is the sign alone, titled only "Số do trang tính": the figure's note on the
// same page says how in words, with the figures (the cards' notes, the note in the cell,
// the note under the earlier plans' table).
func calcSign(tr *i18n.Lang) calcSignOf { return calcSignOf{tr} }

type calcSignOf struct{ tr *i18n.Lang }

// Render writes the sign to w.
func (c calcSignOf) Render(_ context.Context, w io.Writer) error {
	return writeTag(w, `<abbr class="calc" title="`, c.tr.T("calc.short"), `">`, view.CalcMark, `</abbr>`)
}

func writeStrings(w io.Writer, ss ...string) error {
	sw := stringWriter(w)
	for _, s := range ss {
		if _, err := sw.WriteString(s); err != nil {
			return err
		}
	}
	return nil
}

// resultNotes is the link to a card's notes its result's meta line ends with, in a deck.
func resultNotes(c view.Card) string {
	if c.Result == nil {
		return ""
	}
	return c.Result.Notes
}

// barClass is the class of a ranking's bar: targets reached are drawn darker.
func barClass(b view.Bar) string {
	if b.Met {
		return "barchart__bar barchart__bar--met"
	}
	return "barchart__bar"
}

// bars are a ranking's bars (view.ChildRanking), sized by attributes and coloured by
// class: each child's name, its bar and its value. A Go value for the same reason as
// line: a province's ranking has twenty bars of six attributes.
func bars(bs []view.Bar) barsOf { return barsOf(bs) }

type barsOf []view.Bar

// Render writes the bars to w: a space between a bar's elements, as templ wrote them from
// their lines.
func (bs barsOf) Render(_ context.Context, w io.Writer) error {
	for _, b := range bs {
		textY := strconv.Itoa(b.TextY)
		err := barName(w, b, textY)
		if err == nil {
			err = writeStrings(w, `<rect class="`, barClass(b), `" x="`, strconv.FormatFloat(b.X, 'f', -1, 64), `%" y="`, strconv.Itoa(b.Y),
				`" width="`, strconv.FormatFloat(b.Width, 'f', -1, 64), `%" height="20"></rect> `)
		}
		if err == nil {
			err = writeStrings(w, `<text class="barchart__value" x="`, strconv.FormatFloat(b.ValueX, 'f', -1, 64), `%" y="`, textY, `">`)
		}
		if err == nil {
			err = writeTag(w, "", "", "", b.Value, `</text>`)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// barName writes a bar's name: on one line at textY, or a long one on its lines.
func barName(w io.Writer, b view.Bar, textY string) error {
	if b.Lines == nil {
		return writeTag(w, `<text class="barchart__name" x="0" y="`, textY, `">`, b.Name, `</text> `)
	}
	err := writeStrings(w, `<text class="barchart__name" x="0" y="`, textY, `">`)
	for _, l := range b.Lines {
		if err == nil {
			err = writeTag(w, `<tspan x="0" y="`, strconv.Itoa(l.Y), `">`, l.Text, `</tspan>`)
		}
	}
	if err == nil {
		err = writeStrings(w, `</text> `)
	}
	return err
}

// childLinks are the list of a locality's children: each one's link, then its kind (and
// end).
func childLinks(cs []view.ChildLink) childLinksOf { return childLinksOf(cs) }

type childLinksOf []view.ChildLink

// Render writes the list's items to w.
func (cs childLinksOf) Render(_ context.Context, w io.Writer) error {
	for _, c := range cs {
		err := writeTag(w, `<li><a href="`, c.URL, `">`, c.Text, `</a>`)
		switch {
		case err != nil:
		case c.Kind == "" && c.Ended == "": // the name says its kind: "Phường 1"
			_, err = io.WriteString(w, `</li>`)
		case c.Kind == "":
			err = writeTag(w, ` <span class="muted">`, "", "", strings.TrimPrefix(c.Ended, " · "), `</span></li>`)
		default:
			err = writeTag(w, ` <span class="muted">`, c.Kind, "", c.Ended, `</span></li>`)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
