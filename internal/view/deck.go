package view

import (
	"slices"
	"strconv"
	"strings"
)

// Deck is what a locality's cards share, said once: the date of their results (in the
// section's heading), and under them the report the results come from, the plan that set
// every target on them, the notes on how statuses were reached (numbered, each card's
// status pointing to its notes), and the notes on their figures — one item for the cards
// whose notes are the same.
type Deck struct {
	// Credit is "Chỉ tiêu ở các thẻ trên: theo 376/KH-UBND" when one plan set every target on
	// the cards, and no card then says it; nil otherwise.
	Credit     Line
	CreditMark CreditMark // what Credit names; its Key lists every target's, space-separated
	Footnotes  []Footnote // the status notes, once each
	Notes      []DeckNote // the figures' notes, in the order of the cards
	// Source is "Kết quả ở các thẻ trên: theo <the report>" when every card's result comes
	// from that report, and no card's notes then say it; nil otherwise.
	Source Line
	// AsOf is "đến 30/6/2025" when every card's result has that date: the section's heading
	// says it, and no card; "" otherwise.
	AsOf string
	// NotesLink is the notes most cards share, "#ghi-chu-chi-so-bhxh-bat-buoc", linked once
	// under the cards; the cards whose notes they are link to them no more, the others
	// still link to their own. "" when AsOf is.
	NotesLink string
}

// Footnote is a note the page says once and marks where it applies: "1", at "#tt-1".
type Footnote struct {
	ID   string
	Mark string
	Text string
}

// DeckNote is the notes of one card, or of the cards whose notes are the same: their
// titles ("BHXH bắt buộc, BHTN, BHYT") and the card whose notes they print.
type DeckNote struct {
	ID     string
	Titles string
	Card   int
}

// deck is what the cards share, taken out of them: a card then says it no more (its
// credit, its report, its date), points to it (its status notes, Refs) or to the notes it
// shares (NotesID).
func (c *Context) deck(cards []Card) Deck {
	var d Deck
	d.Credit, d.CreditMark = c.sharedCredit(cards)
	if d.Credit != nil {
		for i := range cards {
			for j := range cards[i].Targets {
				cards[i].Targets[j].SetBy = nil
			}
		}
	}
	d.Footnotes = footnotes(cards)
	d.Source = c.sharedSource(cards)
	d.Notes = deckNotes(cards)
	d.AsOf, d.NotesLink = sharedMeta(cards)
	return d
}

// sharedSource is the source of every card's result — the document and where in it — when
// there are at least two and it is the same: the deck says it once, no card's notes.
func (c *Context) sharedSource(cards []Card) Line {
	var first Line
	n := 0
	for i := range cards {
		r := cards[i].Result
		if r == nil {
			continue
		}
		if len(r.Source) == 0 || (n > 0 && !slices.Equal(r.Source, first)) {
			return nil
		}
		first = r.Source
		n++
	}
	if n < 2 {
		return nil
	}
	for i := range cards {
		if r := cards[i].Result; r != nil {
			r.Source = nil
		}
	}
	return append(append(make(Line, 0, 1+len(first)), text(c.spaced("cards.results"))), first...)
}

// sharedMeta says once for the cards the date of their results, when there are at least
// two and it is the same, and links once to the notes most of them share (two at least):
// those cards' meta lines then say neither, the other cards' link to their own notes. It
// sets every card's link to its notes (CardResult.Notes).
func sharedMeta(cards []Card) (asOf, notes string) {
	var results []*CardResult
	count := map[string]int{}
	same := true
	for i := range cards {
		r := cards[i].Result
		if r == nil {
			continue
		}
		r.Notes = anchorOf(cards[i].NotesID)
		same = same && (len(results) == 0 || r.AsOf == results[0].AsOf)
		results = append(results, r)
		if r.Notes != "" {
			count[r.Notes]++
		}
	}
	if len(results) < 2 || !same {
		return "", ""
	}
	for _, r := range results { // the first of the most shared, in the order of the cards
		if count[r.Notes] >= 2 && (notes == "" || count[r.Notes] > count[notes]) {
			notes = r.Notes
		}
	}
	for _, r := range results {
		r.Meta = strings.TrimPrefix(strings.TrimPrefix(r.Meta, r.AsOf), " · ")
		if r.Notes == notes {
			r.Notes = ""
		}
	}
	return results[0].AsOf, notes
}

// anchorOf is the link to an element of the page, "" for none.
func anchorOf(id string) string {
	if id == "" {
		return ""
	}
	return "#" + id
}

// sharedCredit is the credit of every target on the cards when they have one and it is the
// same — a plan's own targets, not inferred ones — and there are at least two.
func (c *Context) sharedCredit(cards []Card) (Line, CreditMark) {
	var first *CardTarget
	var keys []string
	n := 0
	for i := range cards {
		for j := range cards[i].Targets {
			t := &cards[i].Targets[j]
			if t.SetBy == nil || t.Credit.Inferred || !t.Credit.Set {
				return nil, CreditMark{}
			}
			if first == nil {
				first = t
			}
			if !slices.Equal(t.SetBy, first.SetBy) || t.Credit.Authority() != first.Credit.Authority() || t.Credit.Decision() != first.Credit.Decision() {
				return nil, CreditMark{}
			}
			if t.Credit.Key != "" {
				keys = append(keys, t.Credit.Key)
			}
			n++
		}
	}
	if n < 2 {
		return nil, CreditMark{}
	}
	mark := first.Credit
	mark.Key = strings.Join(keys, " ")
	return append(append(make(Line, 0, 1+len(first.SetBy)), text(c.spaced("cards.targets"))), first.SetBy...), mark
}

// footnotes numbers the cards' status notes, each once, and points every target to its
// own; a target keeps no note of its own.
func footnotes(cards []Card) []Footnote {
	n := 0 // the targets' notes: their references are cut from one array
	for i := range cards {
		for j := range cards[i].Targets {
			n += len(cards[i].Targets[j].Notes)
		}
	}
	if n == 0 {
		return nil
	}
	refs := make([]Footnote, n)
	var out []Footnote // a few: each found by scanning
	for i := range cards {
		for j := range cards[i].Targets {
			t := &cards[i].Targets[j]
			if k := len(t.Notes); k > 0 {
				t.Refs, refs = refs[:0:k], refs[k:]
			}
			for _, n := range t.Notes {
				k := slices.IndexFunc(out, func(f Footnote) bool { return f.Text == n })
				if k < 0 {
					k = len(out)
					out = append(out, Footnote{ID: footnoteID(k), Mark: strconv.Itoa(k + 1), Text: n})
				}
				t.Refs = append(t.Refs, Footnote{ID: out[k].ID, Mark: out[k].Mark})
			}
			t.Notes = nil
		}
	}
	return out
}

// footnoteID is the anchor of the k-th note (from 0) under a page's cards, "tt-1".
func footnoteID(k int) string {
	if k < len(footnoteIDs) {
		return footnoteIDs[k]
	}
	return "tt-" + strconv.Itoa(k+1)
}

// footnoteIDs are the first notes' anchors, made once.
var footnoteIDs = func() (ids [16]string) {
	for i := range ids {
		ids[i] = "tt-" + strconv.Itoa(i+1)
	}
	return ids
}()

// deckNotes groups the cards whose notes are the same into one item, and points each card
// to its item (Card.NotesID).
func deckNotes(cards []Card) []DeckNote {
	var out []DeckNote
	at := map[string]int{}
	var room [512]byte // a card's signature, looked up without a string of its own
	for i := range cards {
		if !cards[i].HasNotes() {
			continue
		}
		sig := cards[i].appendNotesSignature(room[:0])
		k, ok := at[string(sig)]
		if !ok {
			k = len(out)
			at[string(sig)] = k
			id := "ghi-chu-" + cards[i].ID
			if cards[i].ID == "" {
				id = "ghi-chu-" + strconv.Itoa(i+1)
			}
			out = append(out, DeckNote{ID: id, Titles: cards[i].Title, Card: i})
		} else {
			out[k].Titles += ", " + cards[i].Title
		}
		cards[i].NotesID = out[k].ID
	}
	return out
}

// HasNotes reports whether a card has anything for the notes under the cards.
func (c Card) HasNotes() bool {
	if r := c.Result; r != nil && (r.Computed != "" || len(r.Source) > 0) {
		return true
	}
	for _, t := range c.Targets {
		if t.HasNotes() {
			return true
		}
	}
	return false
}

// HasNotes reports whether a target has anything for the notes under the cards: how the
// site computed it, where it stands, that its document gives no deadline, an inferred
// credit.
func (t CardTarget) HasNotes() bool {
	return t.Value.Computed != "" || t.Value.Where != "" || t.NoDeadline != "" || (t.SetBy != nil && t.Credit.Inferred)
}

// appendNotesSignature appends what a card's notes say, less its title, to b: two cards
// with the same signature print the same notes.
func (c Card) appendNotesSignature(b []byte) []byte {
	line := func(b []byte, l Line) []byte {
		for _, p := range l {
			b = append(append(append(append(append(append(b, p.Text...), '\x01'), p.URL...), '\x01'), p.Lang...), '\x01')
			b = append(strconv.AppendBool(b, p.Cite), '\x00')
		}
		return b
	}
	if r := c.Result; r != nil {
		b = line(append(append(b, r.Computed...), '\x00'), r.Source)
	}
	for i := range c.Targets {
		t := &c.Targets[i]
		if !t.HasNotes() {
			continue
		}
		b = append(b, '\x02')
		for _, s := range [...]string{t.Label, t.Value.Computed, t.Value.Where, t.NoDeadline} {
			b = append(append(b, s...), '\x00')
		}
		if t.Credit.Inferred {
			b = line(b, t.SetBy)
		}
	}
	return b
}
