package view

import (
	"cmp"
	"slices"
	"strings"

	"github.com/covsite/covsite/internal/lang"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/routes"
)

// PlanPage is everything a plan's page shows.
type PlanPage struct {
	Title      string // "49/KH-BCĐ: Kế hoạch …"
	Heading    Line   // Title, its plan's title marked Vietnamese on an English page without one
	Summary    string
	Breadcrumb []Link
	// Cards are the key figures, right under the title so a phone shows them first: the
	// targets for the plan's territory over the plan's whole period or, for a plan of
	// yearly targets, those of its last year.
	CardsTitle string
	Cards      []Card
	Facts      []Fact
	BasedOn    []BasedOn
	URL        string // the plan's own address, "" for none
	// Table is the plan's allocation in the document's shape; nil when it allocates
	// nothing among localities.
	Table *PlanTable
	// ResultsFrom names the documents the results on the page come from; NoResults says
	// there are none.
	ResultsFrom []Line
	NoResults   string
	// TargetsTitle heads Rows, the targets neither the cards nor the table show;
	// NoTargets says the plan has no target at all.
	TargetsTitle string
	Rows         []PlanRow
	NoTargets    string
	Notes        []Line
	NoteID       string
	Milestones   []string
	Rollups      []RollupRow
	Updates      []Dated
}

// BasedOn is a document a plan rests on, named as the plan names it (in Vietnamese), with
// an English gloss on English pages.
type BasedOn struct {
	Name  string
	Gloss string
}

// Fact is a term and its description in the plan's facts.
type Fact struct {
	Term string
	Text string
	Lang string // Text's language when not the page's: an issuer without English
	Link *Link  // the description is a link instead of Text
}

// Plan computes the page of p.
func (c *Context) Plan(p *model.Plan) PlanPage {
	core, done := c.enterPlan(p)
	defer done()
	f := c.F
	v := PlanPage{Title: c.planHeading(p), Heading: c.planHeadingLine(p), Summary: p.Summary.In(f.Code), URL: p.URL, NoteID: impliedNoteID(p)}
	for i, b := range p.BasedOn {
		item := BasedOn{Name: b}
		if c.Lang() == lang.EN && i < len(p.BasedOnEN) {
			item.Gloss = p.BasedOnEN[i]
		}
		v.BasedOn = append(v.BasedOn, item)
	}
	v.Breadcrumb = []Link{{Text: f.TS("nav.home"), URL: c.URL(routes.Home)}, {Text: f.TS("nav.plans"), URL: c.URL(routes.Plans)}}
	rows := c.planRows(core)
	v.CardsTitle = f.TS("plan.headlines", f.Name(p.Locality))
	carded := make(map[*model.Target]bool, len(core.territory))
	if len(core.territory) > 0 { // a card a row; the cards' targets, and results, each in one array
		targets, results := make([]CardTarget, len(core.territory)), make([]CardResult, len(core.territory))
		v.Cards = make([]Card, len(core.territory))
		for i, row := range core.territory {
			v.Cards[i] = Card{Title: f.Short(row.Target.Indicator), Result: c.cardResult(row.Result, &results[i], nil), Targets: targets[i : i+1 : i+1]}
			targets[i] = c.cardTarget(*row, false)
			carded[row.Target] = true
		}
	}
	v.Facts = c.planFacts(p)
	v.Table = c.coreTable(core, 1)
	// The list of targets holds only what neither the cards nor the table show: each figure
	// once on the page.
	for _, row := range rows {
		t := row.Target
		if v.Table != nil && v.Table.holds(t) {
			continue
		}
		if !carded[t] || !cardSaysAll(*row) {
			v.Rows = append(v.Rows, c.planRow(*row, true))
		}
		if t.Implied { // its mark, in a card or a row, links to the note
			note := Line{text("≈ " + f.Name(t.Locality) + ", " + f.Short(t.Indicator) + ": " + c.impliedNote(t) + " ")}
			v.Notes = append(v.Notes, langsOnly(append(note, c.Credit(t)...)))
		}
	}
	v.TargetsTitle = f.TS("plan.targets")
	if len(v.Cards) > 0 || v.Table != nil {
		v.TargetsTitle = f.TS("plan.other_targets")
	} else if len(v.Rows) == 0 {
		v.NoTargets = f.TS("plan.no_targets")
	}
	seen := map[*model.Source]bool{}
	for _, row := range rows {
		if r := row.Result; r != nil && !seen[r.Source] {
			seen[r.Source] = true
			v.ResultsFrom = append(v.ResultsFrom, c.sourceLine(r.Source))
		}
	}
	if len(v.ResultsFrom) == 0 {
		v.NoResults = f.TS("plan.no_results")
	}
	if v.Table != nil {
		v.Table.ResultsFrom = nil // the page names them all above, ResultsFrom
	}
	for _, m := range p.Milestones {
		v.Milestones = append(v.Milestones, c.milestone(m))
	}
	for _, ru := range c.Site.PlanRollups(p) {
		if v.Table != nil && v.Table.checks(p, ru) {
			continue // the table's total row says it when the rows do not add up
		}
		row := c.rollupRow(ru.Indicator, ru.Parent.Value, ru.ChildrenSum, ru.Differs(), ru.Difference())
		row.Unit = f.Name(ru.Parent.Locality)
		v.Rollups = append(v.Rollups, row)
	}
	v.Updates = c.datedDocuments(DocumentsIn(c.Site.DocumentsAboutPlan(p), f.Code))
	return v
}

// planRows are the plan's targets assessed (and core.territory those its cards show), from
// the territory down, then by period and indicator, each level in the plan's order: made
// once for the plan's pages in every language (planCore), each row the memo's assessment
// (a Progress is ~300 bytes: a copy of each was most of what a plan's rows cost).
func (c *Context) planRows(core *planCore) []*model.Progress {
	if core.rows != nil || len(core.p.Targets) == 0 {
		return core.rows
	}
	p := core.p
	// sorted as indices, since a Progress is large to move
	order := make([]int, len(p.Targets))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		a, b := p.Targets[i], p.Targets[j]
		return cmp.Or(a.Locality.Depth-b.Locality.Depth, a.Period.Start.Compare(b.Period.Start), cmp.Compare(a.Indicator.Order, b.Indicator.Order))
	})
	core.rows = make([]*model.Progress, len(order))
	for k, i := range order {
		core.rows[k] = c.progressOf(p.Targets[i])
	}
	core.territory = territoryTargets(p, core.rows)
	return core.rows
}

// coreTable is part n of the plan's table, of the shape its core found; nil when the plan
// has no table.
func (c *Context) coreTable(core *planCore, n int) *PlanTable {
	if !core.tabled {
		return nil
	}
	if core.results == nil {
		tr := c.tableResultsOf(core.p, core.shape)
		core.results = &tr
	}
	return c.planTableOf(core.p, core.shape, *core.results, n)
}

// planHeading is a plan's title, after its number when it has one.
func (c *Context) planHeading(p *model.Plan) string {
	if p.Number != "" {
		return p.Number + ": " + c.F.PlanTitle(p)
	}
	return c.F.PlanTitle(p)
}

// planHeadingLine is planHeading as a line, the title marked Vietnamese on an English page
// that has no English title.
func (c *Context) planHeadingLine(p *model.Plan) Line {
	if p.Number != "" {
		return Line{text(p.Number + ": "), c.planTitle(p)}
	}
	return Line{c.planTitle(p)}
}

// PlanTablePage is a part (from 2) of a long plan's allocation table, on a page of its
// own: the plan's page holds the first part.
type PlanTablePage struct {
	Title      string // "49/KH-BCĐ: Kế hoạch … — bảng phân bổ chỉ tiêu (Phần 2/3: dòng 81–160)"
	Heading    Line   // Title, its plan's title marked Vietnamese on an English page without one
	Summary    string
	Breadcrumb []Link // up to the plan's page
	Table      *PlanTable
}

// PlanTablePart computes the page of part n of p's allocation table.
func (c *Context) PlanTablePart(p *model.Plan, n int) PlanTablePage {
	core, done := c.enterPlan(p)
	defer done()
	f := c.F
	heading := c.planHeading(p)
	v := PlanTablePage{Table: c.coreTable(core, n), Summary: p.Summary.In(f.Code)}
	v.Title, v.Heading = heading, c.planHeadingLine(p)
	if v.Table != nil && v.Table.PartLabel != "" {
		v.Title = f.TS("plantable.part_title", heading, v.Table.PartLabel)
		if rest, ok := strings.CutPrefix(v.Title, heading); ok {
			v.Heading = append(v.Heading, text(rest))
		} else { // a site's strings put the plan's heading elsewhere
			v.Heading = Line{text(v.Title)}
		}
	}
	v.Breadcrumb = []Link{{Text: f.TS("nav.home"), URL: c.URL(routes.Home)}, {Text: f.TS("nav.plans"), URL: c.URL(routes.Plans)}, {Text: heading, URL: c.URL(routes.Plan(p.ID))}}
	return v
}

// cardSaysAll reports whether a target's card shows all that its row in the list of
// targets would: a row adds the target's own note, a deadline before the period's end, the
// milestones reached and next, and the gap its source reports when it is not the site's.
func cardSaysAll(p model.Progress) bool {
	t := p.Target
	gapDiffers := p.ReportedGap.Known && p.ReportedGap.V != p.Gap.V
	return t.Note.IsZero() && t.Deadline == t.Period.End && p.Milestone == nil && p.NextMilestone == nil && !gapDiffers
}

// territoryTargets are the targets a plan's cards show: those for its territory over its
// whole period, or else those of its last period.
func territoryTargets(p *model.Plan, rows []*model.Progress) []*model.Progress {
	var whole, last []*model.Progress
	for i := range rows {
		t := rows[i].Target
		if t.Locality != p.Locality {
			continue
		}
		if t.Period == p.Period {
			whole = append(whole, rows[i])
		}
		if t.Period.End == p.Period.End {
			last = append(last, rows[i])
		}
	}
	if len(whole) > 0 {
		return whole
	}
	return last
}

func (c *Context) planFacts(p *model.Plan) []Fact {
	f := c.F
	var out []Fact
	if p.Number != "" {
		out = append(out, Fact{Term: f.TS("plan.number"), Text: p.Number})
	}
	out = append(out, Fact{Term: f.TS("plan.issuer"), Text: f.Issuer(p), Lang: langOf(p.Issuer, f.Code)})
	issued := f.TS("plan.issued_unknown")
	if !p.Issued.IsZero() {
		issued = f.Date(p.Issued)
	}
	out = append(out, Fact{Term: f.TS("plan.issued"), Text: issued})
	if p.Signer != "" {
		out = append(out, Fact{Term: f.TS("signer"), Text: p.Signer})
	}
	territory := c.localityLink(p.Locality)
	out = append(out, Fact{Term: f.TS("plan.territory"), Link: &territory})
	out = append(out, Fact{Term: f.TS("col.period"), Text: f.Period(p.Period)})
	return out
}

func (c *Context) milestone(m *model.Milestone) string {
	f := c.F
	s := f.TS("milestone.words", f.Date(m.By)) + " "
	if m.HasShare {
		s = f.TS("milestone.line", f.Date(m.By), f.PercentUpTo(m.Share, 2)) + " "
	}
	for i, ind := range m.Indicators {
		if i > 0 {
			s += ", "
		}
		s += f.Short(ind)
	}
	s += "."
	if note := m.Note.In(f.Code); note != "" {
		s += " " + note
	}
	return s
}
