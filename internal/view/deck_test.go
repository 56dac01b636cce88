package view

import (
	"reflect"
	"strconv"
	"testing"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/routes"
)

// A deck says once under the cards what they share: the plan that set every target, each
// status note (numbered, each target pointing to its own), the report of every result, and
// the notes of cards whose notes are the same.
func TestDeck(t *testing.T) {
	tr := langs(t)
	c := NewContext(&model.Site{}, tr["vi"], routes.NewBase("/"))
	setBy := func(number, url string) Line { return Line{text("theo "), link(number, url)} }
	plan := setBy("376/KH-UBND", "/ke-hoach/kh-2025/")
	credit := &model.Credit{Authority: "UBND", Decision: "376/KH-UBND"}
	target := func(key string, by Line, inferred bool, notes ...string) CardTarget {
		return CardTarget{Label: "Chỉ tiêu 2025", SetBy: by, Notes: notes,
			Credit: CreditMark{Set: true, Key: key, Inferred: inferred, credit: credit}}
	}
	report := func(title string) Line { return Line{text("theo "), citeIn(title, "")} }
	result := func(computed string) *CardResult {
		return &CardResult{Computed: computed, Source: report("Báo cáo 6 tháng")}
	}
	resultOf := func(title string) *CardResult { return &CardResult{Source: report(title)} }
	card := func(id string, r *CardResult, ts ...CardTarget) Card {
		return Card{ID: "chi-so-" + id, Title: id, Result: r, Targets: ts}
	}
	const line, computed = "đường thẳng", "số tính"
	tests := []struct {
		name      string
		cards     []Card
		credit    string // the shared credit's text, "" for none
		keys      string
		kept      int // targets that keep their own credit
		footnotes []Footnote
		refs      [][]string // by card, the marks of its first target
		notes     []DeckNote
		notesID   []string
	}{
		{"one plan, one report",
			[]Card{card("bhxh", result("∑ 1 + 2"), target("t/a", plan, false, line, computed)), card("bhtn", result(""), target("t/b", plan, false, line)), card("bhyt", result(""), target("t/c", plan, false, line))},
			"Chỉ tiêu ở các thẻ trên: theo 376/KH-UBND", "t/a t/b t/c", 0,
			[]Footnote{{ID: "tt-1", Mark: "1", Text: line}, {ID: "tt-2", Mark: "2", Text: computed}},
			[][]string{{"1", "2"}, {"1"}, {"1"}},
			[]DeckNote{{ID: "ghi-chu-chi-so-bhxh", Titles: "bhxh", Card: 0}}, // the report is said once (Deck.Source)
			[]string{"ghi-chu-chi-so-bhxh", "", ""}},
		{"two reports",
			[]Card{card("bhxh", resultOf("Báo cáo năm"), target("t/a", plan, false)), card("bhtn", resultOf("Báo cáo 6 tháng"), target("t/b", plan, false)), card("bhyt", resultOf("Báo cáo 6 tháng"), target("t/c", plan, false))},
			"Chỉ tiêu ở các thẻ trên: theo 376/KH-UBND", "t/a t/b t/c", 0, nil, [][]string{nil, nil, nil},
			[]DeckNote{{ID: "ghi-chu-chi-so-bhxh", Titles: "bhxh", Card: 0}, {ID: "ghi-chu-chi-so-bhtn", Titles: "bhtn, bhyt", Card: 1}},
			[]string{"ghi-chu-chi-so-bhxh", "ghi-chu-chi-so-bhtn", "ghi-chu-chi-so-bhtn"}},
		{"a page without figure keys",
			[]Card{card("bhtn", resultOf("Báo cáo năm"), target("", plan, false)), card("bhyt", resultOf("Báo cáo năm"), target("", plan, false))},
			"Chỉ tiêu ở các thẻ trên: theo 376/KH-UBND", "", 0, nil, [][]string{nil, nil}, nil, []string{"", ""}},
		{"two plans",
			[]Card{card("bhtn", result(""), target("t/b", plan, false)), card("bhyt", result(""), target("t/c", setBy("95/KH-UBND", "/ke-hoach/kh-2024/"), false))},
			"", "", 2, nil, [][]string{nil, nil}, nil, []string{"", ""}},
		{"an inferred credit stays on its card",
			[]Card{card("bhtn", nil, target("t/b", plan, false)), card("bhyt", nil, target("t/c", plan, true))},
			"", "", 2, nil, [][]string{nil, nil},
			[]DeckNote{{ID: "ghi-chu-chi-so-bhyt", Titles: "bhyt", Card: 1}}, []string{"", "ghi-chu-chi-so-bhyt"}},
		{"one target alone keeps its credit",
			[]Card{card("bhyt", nil, target("t/c", plan, false))},
			"", "", 1, nil, [][]string{nil}, nil, []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := c.deck(tt.cards)
			if got := lineText(d.Credit); got != tt.credit || d.CreditMark.Key != tt.keys {
				t.Errorf("credit %q naming %q, want %q naming %q", got, d.CreditMark.Key, tt.credit, tt.keys)
			}
			kept := 0
			for i, cd := range tt.cards {
				for _, tg := range cd.Targets {
					if tg.SetBy != nil {
						kept++
					}
					if len(tg.Notes) != 0 {
						t.Errorf("card %d keeps its notes %q", i, tg.Notes)
					}
				}
				var marks []string
				for _, r := range cd.Targets[0].Refs {
					marks = append(marks, r.Mark)
				}
				if !reflect.DeepEqual(marks, tt.refs[i]) {
					t.Errorf("card %d points to notes %q, want %q", i, marks, tt.refs[i])
				}
				if cd.NotesID != tt.notesID[i] {
					t.Errorf("card %d's notes are at %q, want %q", i, cd.NotesID, tt.notesID[i])
				}
			}
			if kept != tt.kept {
				t.Errorf("%d targets keep their own credit, want %d", kept, tt.kept)
			}
			if !reflect.DeepEqual(d.Footnotes, tt.footnotes) {
				t.Errorf("footnotes %+v\nwant %+v", d.Footnotes, tt.footnotes)
			}
			if !reflect.DeepEqual(d.Notes, tt.notes) {
				t.Errorf("notes %+v\nwant %+v", d.Notes, tt.notes)
			}
		})
	}
}

// On a locality's page a figure's key leaves out the page's own locality, and ResolveKey
// makes it whole again; other localities' figures, and every figure of another page, keep
// their whole key.
func TestPageKeys(t *testing.T) {
	ward := &model.Locality{ID: "nam-nghia"}
	tests := []struct {
		name       string
		page       *model.Locality
		key, print string
	}{
		{"the page's own target", ward, "t/kh-2025/nam-nghia/bhxh/2025", "t/kh-2025//bhxh/2025"},
		{"a period with a slash", ward, "t/kh-2023/nam-nghia/hoi-nghi/2023-03/2023-12", "t/kh-2023//hoi-nghi/2023-03/2023-12"},
		{"the page's own result", ward, "r/bc-2025-06-30/nam-nghia/bhyt/2025-06-30", "r/bc-2025-06-30//bhyt/2025-06-30"},
		{"a child's target", ward, "t/kh-2025/phuong-1/bhxh/2025", "t/kh-2025/phuong-1/bhxh/2025"},
		{"a plan's page", nil, "t/kh-2025/nam-nghia/bhxh/2025", "t/kh-2025/nam-nghia/bhxh/2025"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Context{page: tt.page}
			got := c.pageKey(tt.key)
			if got != tt.print {
				t.Errorf("printed %q, want %q", got, tt.print)
			}
			id := ""
			if tt.page != nil {
				id = tt.page.ID
			}
			if back := ResolveKey(got, id); back != tt.key {
				t.Errorf("resolved %q, want %q", back, tt.key)
			}
		})
	}
}

// A deck says the date of the cards' results once when they share it, and links once to
// the notes most cards share; a card keeps what it does not share: its rate, its link to
// notes of its own, its date when the dates differ.
func TestDeckSaysTheDateOnce(t *testing.T) {
	tr := langs(t)
	c := NewContext(&model.Site{}, tr["vi"], routes.NewBase("/"))
	result := func(asOf, rest, computed, report string) *CardResult {
		meta := asOf
		if rest != "" {
			meta += " · " + rest
		}
		return &CardResult{Meta: meta, AsOf: asOf, Computed: computed, Source: Line{text("theo "), citeIn(report, "")}}
	}
	card := func(id string, r *CardResult) Card { return Card{ID: "chi-so-" + id, Title: id, Result: r} }
	const june, dec, a, b = "đến 30/6/2025", "đến 31/12/2024", "Báo cáo A", "Báo cáo B"
	tests := []struct {
		name                string
		cards               []Card
		asOf, notes, source string
		metas               []string // by card: its meta line, then its link to notes
	}{
		{"one date, most notes shared",
			[]Card{card("bhxh", result(june, "", "∑ 1 + 2", a)), card("bhtn", result(june, "", "", a)), card("bhyt", result(june, "tỷ lệ 80 %", "", a)), card("x", result(june, "", "", b))},
			june, "#ghi-chu-chi-so-bhtn", "",
			[]string{"", "#ghi-chu-chi-so-bhxh", "", "", "tỷ lệ 80 %", "", "", "#ghi-chu-chi-so-x"}},
		{"one date, one report: said once, the computed figure keeps its note",
			[]Card{card("bhxh", result(june, "", "∑ 1 + 2", a)), card("bhtn", result(june, "", "", a)), card("bhyt", result(june, "", "", a))},
			june, "", "Kết quả ở các thẻ trên: theo Báo cáo A",
			[]string{"", "#ghi-chu-chi-so-bhxh", "", "", "", ""}},
		{"one date, no notes shared",
			[]Card{card("bhxh", result(june, "", "∑ 1 + 2", a)), card("bhtn", result(june, "", "", b))},
			june, "", "",
			[]string{"", "#ghi-chu-chi-so-bhxh", "", "#ghi-chu-chi-so-bhtn"}},
		{"a card without a result",
			[]Card{card("bhxh", nil), card("bhtn", result(june, "", "", a)), card("bhyt", result(june, "", "", a)), card("x", result(june, "", "", b))},
			june, "#ghi-chu-chi-so-bhtn", "",
			[]string{"", "", "", "", "", "#ghi-chu-chi-so-x"}},
		{"two dates",
			[]Card{card("bhtn", result(june, "", "", a)), card("bhyt", result(dec, "", "", b))},
			"", "", "",
			[]string{june, "#ghi-chu-chi-so-bhtn", dec, "#ghi-chu-chi-so-bhyt"}},
		{"one card",
			[]Card{card("bhyt", result(june, "", "", a))},
			"", "", "",
			[]string{june, "#ghi-chu-chi-so-bhyt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := c.deck(tt.cards)
			if d.AsOf != tt.asOf || d.NotesLink != tt.notes || lineText(d.Source) != tt.source {
				t.Errorf("deck says %q, links %q, source %q; want %q, %q, %q", d.AsOf, d.NotesLink, lineText(d.Source), tt.asOf, tt.notes, tt.source)
			}
			var metas []string
			for _, cd := range tt.cards {
				if cd.Result != nil {
					metas = append(metas, cd.Result.Meta, cd.Result.Notes)
				}
			}
			if !reflect.DeepEqual(metas, tt.metas) {
				t.Errorf("cards say %q, want %q", metas, tt.metas)
			}
		})
	}
}

// targetKey and resultKey make in one go what pageKey makes of TargetKey and ResultKey,
// for every figure of the example site, on its own locality's page and on another's.
func TestKeysMadeInOneGo(t *testing.T) {
	s := exampleSite(t)
	other := &model.Locality{ID: "elsewhere"}
	for _, l := range append(s.Localities, other) {
		c := &Context{page: l}
		for _, tg := range s.TargetsOf(l) {
			if got, want := c.targetKey(tg), c.pageKey(TargetKey(tg)); got != want {
				t.Errorf("targetKey = %q, want %q", got, want)
			}
		}
		for _, r := range s.ResultsOf(l) {
			if got, want := c.resultKey(r), c.pageKey(ResultKey(r)); got != want {
				t.Errorf("resultKey = %q, want %q", got, want)
			}
		}
	}
	if got := appendISODate(nil, date.Date{Year: 987, Month: 3, Day: 4}); string(got) != "0987-03-04" {
		t.Errorf("appendISODate = %q", got)
	}
}

// TestFootnoteID: a note's anchor is "tt-" and its number, the first ones' made once.
func TestFootnoteID(t *testing.T) {
	for k := range len(footnoteIDs) + 3 {
		if got, want := footnoteID(k), "tt-"+strconv.Itoa(k+1); got != want {
			t.Errorf("footnoteID(%d) = %q, want %q", k, got, want)
		}
	}
}
