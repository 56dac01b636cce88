package view

import (
	"cmp"
	"slices"
	"strings"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/lang"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/routes"
)

// LocalityPage is everything a locality's page shows.
type LocalityPage struct {
	Name        string
	Title       string // the page's <title>: "Phường 7 — Phường"
	Eyebrow     string // "Phường · Thành phố Trà Vinh"
	Summary     string // the one-line status for the meta description and Open Graph
	Breadcrumb  []Link
	Ended       *EndedNotice
	Lede        string
	FormedFrom  Line // "Thành lập từ A, B."; nil for none
	Cards       []Card
	Deck        Deck // what the cards share, said once under them
	Comparisons []Line
	Charts      []Chart
	// ChartCredit is the credit of the charts whose island names none (shareCredit).
	ChartCredit string
	// ChartCreditVI are the names in ChartCredit that are Vietnamese on an English page.
	ChartCreditVI []string
	Plans         []PlanBlock // the plans that run beside the newest one, in full
	Earlier       *EarlierPlans
	Rollups       []RollupRow // the locality's targets beside the sum of its children's
	Results       []RollupRow // its results beside the sum of its children's
	Children      []ChildLink
	Rankings      []ChildRanking // the children ranked by share of target, an indicator each
	// RankingPages links the pages ranking every child on each indicator (ChildRankingPage).
	RankingPages RankingLinks
	ChildTable   *ChildTable
	Updates      []Dated
	Sources      []Line
	Downloads    Line   // "Tải số liệu: CSV · JSON" of the locality's own figures; nil for none
	Updated      string // "Cập nhật lần cuối: …", "" when unknown

	// RollupsAgree says in one line that every rollup agrees, in place of Rollups and
	// Results (then nil); "" otherwise.
	RollupsAgree string
}

// EndedNotice says a locality no longer exists and what it became.
type EndedNotice struct {
	Text      string
	Successor *Link
	Note      string
}

// PlanBlock is one plan's targets for the locality.
type PlanBlock struct {
	Anchor   string // "ke-hoach-<id>"
	Name     string
	NameLang string // Name's language when not the page's: a plan's title without English
	URL      string
	Meta     Line // "title — issuer, date"
	Rows     []PlanRow
	Notes    []string // what each implied target was implied from; the first carries NoteID
	NoteID   string
	// OnCards is set, and Rows left empty, when the cards above show every target of the
	// plan with all the table would say of it (a plan of one period, mostly): the block
	// then only says so and explains the targets it implies (Notes); without those there
	// is no block, and the figures are printed once.
	OnCards bool
}

// EarlierPlans are the plans that ended before the newest one started, a row each: the
// share of every target reached, with the result and the target. Their plan pages hold the
// rest, so a commune's page stays small when its district sets targets every year.
type EarlierPlans struct {
	Columns []string
	Rows    []EarlierPlan
	Note    string // how to read a cell
	Notes   []Line
}

// EarlierPlan is one earlier plan's targets for the locality, by indicator.
type EarlierPlan struct {
	Link
	Lang   string // the link's language when not the page's: a plan's title without English
	Period string
	Cells  []EarlierCell // one per column; Empty when the plan set no target for it
}

// EarlierCell is a target of an earlier plan: "91,67 %" of "2.965", with "2.718" reached.
type EarlierCell struct {
	Share  string
	Result string       // "—" without a result; "" when the charts' tables above show every result
	Target TargetFigure // where the target stands in its document is on its plan's page
	asOf   date.Date    // the result's date, a number until a chart's table is looked in
	Empty  bool
}

// PlanRow is one target of a plan in a table.
type PlanRow struct {
	Locality  *Link  // the unit, on a plan page; nil on a locality page
	Indicator string // short name
	Note      string // the target's own note, on a plan page
	Derived   bool   // the value is the sum of the indicator's parts
	Period    string
	Deadline  string // "hạn 30/11/2025" when the deadline is not the period's end
	Cells     Cells
}

// RollupRow is a parent's figure beside the sum of its children's.
type RollupRow struct {
	Unit       string // the parent's name, on a plan page
	Indicator  string
	AsOf       string // for results
	Parent     string
	Sum        string
	Incomplete string // "(3/10 đơn vị)" when not every child has a figure
	Difference string // "0" when they agree
	Differs    bool
}

// ChildLink is a child locality in the list of a parent's page.
type ChildLink struct {
	Link
	Kind  string
	Ended string // " · đến 30/6/2025", ""
}

// namedWithKind reports whether a name starts or ends with its kind's label, case aside:
// "Phường 1" is a Phường and "An Xuyen Ward" a ward, and a list need not say so again. It
// allocates nothing: a province's page asks it of each of its communes (folding each name
// cost 3 % of a locality page's bytes).
func namedWithKind(name, kind string) bool {
	if kind == "" || len(name) <= len(kind) {
		return false
	}
	if name[len(kind)] == ' ' && strings.EqualFold(name[:len(kind)], kind) {
		return true // "Phường 1", "Ward 5"
	}
	tail := len(name) - len(kind)
	return name[tail-1] == ' ' && strings.EqualFold(name[tail:], kind) // "An Xuyen Ward"
}

// ChildTable compares a locality's children on the targets of its newest plan.
type ChildTable struct {
	Caption  string
	Columns  []string
	Rows     []ChildTableRow
	Sum      []Number
	Declared []Number
	// Notes say once under the table how the site computed a column whose cells are the
	// sum of other columns of their row; those cells are then marked ∑ only (Marked).
	Notes []string
}

// ChildTableRow is one child's targets.
type ChildTableRow struct {
	Link
	Values   []Number
	Computed []string // how the site computed each value (view.CalcText), "" when the plan gives it or the table's note says it
	Marked   []bool   // the value is marked ∑ only: the table's note says how (ChildTable.Notes)
	Figs     []Fig
}

// Locality computes the page of l.
func (c *Context) Locality(l *model.Locality) LocalityPage {
	core, done := c.enterLocality(l)
	defer done()
	f := c.F
	s := c.Site
	v := LocalityPage{Name: f.Name(l), Title: f.Name(l), Eyebrow: f.Kind(l), Breadcrumb: c.breadcrumb(l)}
	if l.Kind != "" || l.Parent != nil {
		// "Phường 7 — Phường" and "Phường · Thành phố Trà Vinh", cut from one string
		var buf [256]byte
		b := append(buf[:0], v.Title...)
		if l.Kind != "" {
			b = append(append(b, " — "...), f.Kind(l)...)
		}
		title := len(b)
		b = append(b, v.Eyebrow...)
		if l.Parent != nil {
			b = append(append(b, " · "...), f.Name(l.Parent)...)
		}
		both := string(b)
		v.Title, v.Eyebrow = both[:title], both[title:]
	}
	note := l.Note.In(f.Code)
	if l.Ended() {
		v.Ended = &EndedNotice{Text: f.TS("locality.ended", f.Date(l.Until)), Note: note}
		if l.Successor != nil {
			succ := c.localityLink(l.Successor)
			v.Ended.Successor = &succ
		}
	} else {
		v.Lede = note
	}
	if len(l.Predecessors) > 0 {
		v.FormedFrom = Line{text(f.TS("locality.formed_from") + " ")}
		for i, p := range l.Predecessors {
			if i > 0 {
				v.FormedFrom = append(v.FormedFrom, text(", "))
			}
			v.FormedFrom = append(v.FormedFrom, c.localityLink(p).inline())
		}
		v.FormedFrom = append(v.FormedFrom, text("."))
	}
	facts := core.facts
	if len(facts.headlines) > 0 {
		// the cards' results, and their targets, each in one array
		v.Cards = make([]Card, len(facts.headlines))
		results, n := make([]CardResult, len(facts.headlines)), 0
		for _, h := range facts.headlines {
			n += len(h.Progress)
		}
		targets := make([]CardTarget, n)
		// the results' source lines: "Theo " and the document, and that its title is the
		// original on a page in another language (cardResult); a line that says more makes
		// its own
		pieces := 0
		for _, h := range facts.headlines {
			if h.Result != nil {
				pieces += 2
				if untranslated(h.Result.Source, c.Lang()) {
					pieces++
				}
			}
		}
		sources := make(Line, 0, pieces)
		for i, h := range facts.headlines {
			v.Cards[i] = c.card(h, &results[i], &sources, targets[:len(h.Progress):len(h.Progress)])
			targets = targets[len(h.Progress):]
		}
	}
	v.Deck = c.deck(v.Cards)
	v.Summary = c.localitySummary(l, facts.headlines)
	v.Comparisons = c.comparisons(l, facts.standings)
	v.Charts = c.localityCharts(core)
	v.ChartCredit, v.ChartCreditVI = shareCredit(v.Charts)
	v.Plans, v.Earlier = c.planBlocks(l, facts.plans, onCards(facts.headlines))
	v.Earlier.leaveResultsTo(v.Charts, f)
	v.Rollups = c.localityRollups(l, facts.plans)
	v.Results = c.resultRollups(l)
	if v.RollupsAgree = rollupsAgree(f, v.Rollups, v.Results); v.RollupsAgree != "" {
		v.Rollups, v.Results = nil, nil
	}
	if len(l.Children) > 0 {
		v.Children = make([]ChildLink, 0, len(l.Children))
	}
	for _, ch := range l.Children {
		cl := ChildLink{Link: c.localityLink(ch)}
		if kind := f.Kind(ch); !namedWithKind(cl.Text, kind) {
			cl.Kind = kind // not "Phường 1 Phường"
		}
		if ch.Ended() {
			var buf [64]byte
			cl.Ended = string(f.AppendT(append(buf[:0], " · "...), "ended_short", f.Date(ch.Until)))
		}
		v.Children = append(v.Children, cl)
	}
	v.ChildTable = c.childTableView(core.table)
	if len(l.Children) > 1 {
		// One ranking, of the first indicator that ranks the children: a province has
		// hundreds of communes and a dozen indicators, which would make a page of a megabyte.
		// Each indicator's whole ranking has a page of its own, linked under it.
		v.RankingPages = c.rankingLinks(l, nil, "childrank.all")
		if rk := core.ranking; rk.ind != nil {
			r := rankChildren(f, rk.ind, rk.rows, rk.known, c.URL)
			v.Rankings = append(v.Rankings, c.ends(*r).WithEmbed(f, routes.Locality(l.ID), c.absURL))
		}
	}
	updates := DocumentsIn(s.DocumentsAbout(l), f.Code)
	v.Updates = c.datedDocuments(updates)
	v.Sources = c.localitySources(facts)
	v.Downloads = c.downloads(l, core.offers, core.offerURLs)
	switch {
	case !facts.updated.IsZero():
		v.Updated = f.TS("updated", f.Date(facts.updated))
	case len(updates) > 0:
		v.Updated = f.TS("updated.note", f.Date(updates[0].Date))
	}
	return v
}

func (c *Context) makeLocalityLink(l *model.Locality) Link {
	return Link{Text: c.F.Name(l), URL: c.URL(routes.Locality(l.ID))}
}

func (c *Context) breadcrumb(l *model.Locality) []Link {
	n := 1 // home, then l's ancestors from the root down (Locality.Ancestors), in one slice
	for a := l.Parent; a != nil; a = a.Parent {
		n++
	}
	crumbs := make([]Link, n)
	crumbs[0] = Link{Text: c.F.TS("nav.home"), URL: c.URL(routes.Home)}
	for a := l.Parent; a != nil; a = a.Parent {
		n--
		crumbs[n] = c.localityLink(a)
	}
	return crumbs
}

// localityFacts are what a locality page is computed from.
type localityFacts struct {
	headlines []headline
	standings []model.Standing
	plans     []planProgress
	sources   []*model.Source
	updated   date.Date // the newest result's source or plan
}

// headline is one indicator's latest result beside the targets that cover its date.
type headline struct {
	Indicator *model.Indicator
	Result    *model.Result
	Progress  []*model.Progress // the page's assessments (Context.progressOf)
}

type planProgress struct {
	Plan *model.Plan
	Rows []*model.Progress // the page's assessments (Context.progressOf)
}

func (c *Context) localityFacts(l *model.Locality) localityFacts {
	s := c.Site
	local := c.localOf(l)
	var facts localityFacts
	// room for every indicator: a page has a headline of most, a standing of many
	facts.headlines = make([]headline, 0, len(s.Indicators))
	facts.standings = make([]model.Standing, 0, len(s.Indicators))
	var sourceRoom [16]*model.Source // the sources gathered on the stack, kept at their number
	sources := sourceRoom[:0]
	for _, ind := range s.Indicators {
		if h, ok := c.headline(local, ind); ok {
			facts.headlines = append(facts.headlines, h)
		}
		for _, res := range local.ResultsFor(ind) {
			if !slices.Contains(sources, res.Source) { // a locality cites a few
				sources = append(sources, res.Source)
			}
			if res.Source.Published.After(facts.updated) {
				facts.updated = res.Source.Published
			}
		}
		if st, ok := local.StandingOf(ind); ok {
			facts.standings = append(facts.standings, st)
		}
	}
	if len(sources) > 0 {
		facts.sources = make([]*model.Source, len(sources))
		copy(facts.sources, sources)
	}
	facts.plans = c.planProgress(l)
	for _, p := range facts.plans {
		if p.Plan.Issued.After(facts.updated) {
			facts.updated = p.Plan.Issued
		}
	}
	slices.SortFunc(facts.sources, func(a, b *model.Source) int {
		return cmp.Or(b.Published.Compare(a.Published), cmp.Compare(a.ID, b.ID))
	})
	return facts
}

// headline picks the latest result of ind for l and assesses it against every target whose
// period covers it; with no result, against the latest targets.
func (c *Context) headline(local model.Local, ind *model.Indicator) (headline, bool) {
	h := headline{Indicator: ind, Result: local.LatestResult(ind)}
	targets := local.TargetsFor(ind)
	if h.Result == nil && len(targets) == 0 {
		return h, false
	}
	h.Progress = make([]*model.Progress, 0, min(len(targets), 2)) // a date falls in one period or two
	if h.Result != nil {
		for _, t := range targets {
			if !h.Result.AsOf.Before(t.Period.Start) && !h.Result.AsOf.After(t.Deadline) {
				h.Progress = append(h.Progress, c.progressOf(t))
			}
		}
		return h, true
	}
	latest := targets[len(targets)-1].Period
	for _, t := range targets {
		if t.Period == latest {
			h.Progress = append(h.Progress, c.progressOf(t))
		}
	}
	return h, true
}

// card is h's card, its result written into res (its source's line cut from sources'
// room, cardResult) and its targets into targets (as long as h.Progress).
func (c *Context) card(h headline, res *CardResult, sources *Line, targets []CardTarget) Card {
	card := Card{ID: c.cardID(h.Indicator), Title: c.F.Short(h.Indicator), Result: c.cardResult(h.Result, res, sources)}
	if len(h.Progress) > 0 {
		card.Targets = targets
		for i, p := range h.Progress {
			card.Targets[i] = c.cardTarget(*p, true)
		}
	}
	c.namePlansOfTwins(card.Targets, h.Progress)
	return card
}

// namePlansOfTwins adds its plan's number (or issuer) to the label of each target of a
// card whose label another plan's target on the card has: the province's plan and the
// Prime Minister's decision both asking for 2023 would otherwise read as one target said
// twice ("Chỉ tiêu 2023 (QĐ 546/QĐ-TTg)"). ts and ps are in the same order.
func (c *Context) namePlansOfTwins(ts []CardTarget, ps []*model.Progress) {
	twin := make([]bool, len(ts))
	for i := range ts {
		for j := range ts {
			twin[i] = twin[i] || i != j && ts[i].Label == ts[j].Label && ps[i].Target.Plan != ps[j].Target.Plan
		}
	}
	for i, p := range ps {
		if !twin[i] {
			continue
		}
		name := p.Target.Plan.Number
		if name == "" { // the issuer's first name: "UBND tỉnh Trà Vinh (BHXH); Tỉnh ủy, …" → "UBND tỉnh Trà Vinh"
			name = c.F.Issuer(p.Target.Plan)
			if i := strings.IndexAny(name, "(;—"); i > 0 {
				name = strings.TrimSpace(name[:i])
			}
		}
		ts[i].Label += " (" + name + ")"
	}
}

func (c *Context) planProgress(l *model.Locality) []planProgress {
	var out []planProgress
	targets := c.Site.TargetsOf(l) // within a plan, in the plan's order
	// a locality has a few plans: found by scanning, the last one first (a plan's
	// targets come together)
	at := func(p *model.Plan) int {
		for i := len(out) - 1; i >= 0; i-- {
			if out[i].Plan == p {
				return i
			}
		}
		return -1
	}
	var count []int
	for _, t := range targets {
		i := at(t.Plan)
		if i < 0 {
			i = len(out)
			out = append(out, planProgress{Plan: t.Plan})
			count = append(count, 0)
		}
		count[i]++
	}
	// every plan's rows in one array, each plan's part as long as it has targets
	rows, start := make([]*model.Progress, len(targets)), 0
	for i, n := range count {
		out[i].Rows, start = rows[start:start:start+n], start+n
	}
	for _, t := range targets {
		i := at(t.Plan)
		out[i].Rows = append(out[i].Rows, c.progressOf(t))
	}
	slices.SortFunc(out, func(a, b planProgress) int { return cmp.Compare(c.Site.PlanOrder(a.Plan), c.Site.PlanOrder(b.Plan)) })
	for _, pp := range out {
		sortProgress(pp.Rows)
	}
	slices.SortStableFunc(out, func(a, b planProgress) int { return b.Plan.Period.End.Compare(a.Plan.Period.End) })
	return out
}

func sortProgress(rows []*model.Progress) {
	slices.SortStableFunc(rows, func(a, b *model.Progress) int {
		return cmp.Or(a.Target.Period.Start.Compare(b.Target.Period.Start), cmp.Compare(a.Target.Indicator.Order, b.Target.Indicator.Order))
	})
}

// onCards are the targets the cards show, each with the result it is measured by there.
func onCards(hs []headline) map[*model.Target]*model.Result {
	out := map[*model.Target]*model.Result{}
	for _, h := range hs {
		for _, p := range h.Progress {
			out[p.Target] = h.Result
		}
	}
	return out
}

// planBlocks shows in full the plans that run beside the newest one, and the earlier ones
// in one compact table. A plan whose every target is on the cards, measured by the same
// result and with nothing more to say (milestones, a deadline, a differing gap), has no
// table — the cards already show it — and no block at all unless it implies targets,
// which its block explains.
func (c *Context) planBlocks(l *model.Locality, plans []planProgress, cards map[*model.Target]*model.Result) ([]PlanBlock, *EarlierPlans) {
	f := c.F
	var full []PlanBlock
	earlier := make([]planProgress, 0, len(plans)) // most of a commune's plans
	// newest first
	for i, pp := range plans {
		p := pp.Plan
		if i > 0 && p.Period.End.Before(plans[0].Plan.Period.Start) {
			earlier = append(earlier, pp)
			continue
		}
		b := PlanBlock{OnCards: true}
		for _, row := range pp.Rows {
			b.OnCards = b.OnCards && shownOnCard(row, cards)
			if row.Target.Implied {
				b.Notes = append(b.Notes, "≈ "+c.impliedNote(row.Target))
			}
		}
		if b.OnCards && len(b.Notes) == 0 {
			continue // the cards name the plan, and the sources say who issued it when
		}
		b.Anchor, b.Name, b.URL, b.Meta, b.NoteID = "ke-hoach-"+p.ID, f.PlanName(p), c.planURL(p), c.planMeta(p), impliedNoteID(p)
		b.NameLang = c.planNameLang(p)
		if !b.OnCards {
			b.Rows = make([]PlanRow, len(pp.Rows))
			for i, row := range pp.Rows {
				b.Rows[i] = c.planRow(*row, false)
			}
		}
		full = append(full, b)
	}
	return full, c.earlierPlans(earlier)
}

// shownOnCard reports whether a card shows all a plan's row says of its target: the same
// target measured by the same result, and no milestone, deadline or differing gap, which
// only the table prints (its Cells.Milestones, Deadline and Cells.GapFlag, decided here
// as planRow decides them, without making the row).
func shownOnCard(p *model.Progress, cards map[*model.Target]*model.Result) bool {
	res, ok := cards[p.Target]
	milestones := p.Milestone != nil || p.NextMilestone != nil
	deadline := p.Target.Deadline != p.Target.Period.End
	gapFlag := p.ReportedGap.Known && p.ReportedGap.V != p.Gap.V
	return ok && res == p.Result && !milestones && !deadline && !gapFlag
}

func (c *Context) earlierPlans(plans []planProgress) *EarlierPlans {
	if len(plans) == 0 {
		return nil
	}
	f := c.F
	// the columns' indicators (a dozen at most: found by scanning), each plan's last row of
	// each column and how the site computed each column's cells: scratch, on the stack for
	// a commune's few plans
	var (
		indRoom  [16]*model.Indicator
		lastRoom [128]*model.Progress
		howRoom  [16][]string
	)
	inds := indRoom[:0]
	for _, pp := range plans {
		for _, row := range pp.Rows {
			if !slices.Contains(inds, row.Target.Indicator) {
				inds = append(inds, row.Target.Indicator)
			}
		}
	}
	slices.SortFunc(inds, func(a, b *model.Indicator) int { return cmp.Compare(a.Order, b.Order) })
	v := &EarlierPlans{Note: f.TS("locality.earlier_note"), Columns: make([]string, 0, len(inds)), Rows: make([]EarlierPlan, 0, len(plans))}
	for _, ind := range inds {
		v.Columns = append(v.Columns, f.Short(ind))
	}
	hows := howRoom[:0]
	if len(inds) > len(howRoom) {
		hows = make([][]string, len(inds))
	}
	hows = hows[:len(inds)] // by column, how the site computed its cells
	// each plan's last row of each column, found in one pass over its rows
	lasts := lastRoom[:0]
	if len(plans)*len(inds) > len(lastRoom) {
		lasts = make([]*model.Progress, len(plans)*len(inds))
	}
	lasts = lasts[:len(plans)*len(inds)]
	n := 0 // the cells' texts: share and target, and result
	for k, pp := range plans {
		last := lasts[k*len(inds) : (k+1)*len(inds)]
		for _, r := range pp.Rows {
			last[slices.Index(inds, r.Target.Indicator)] = r
		}
		for _, r := range last {
			if r != nil {
				n += 3
			}
		}
	}
	// every cell's share, result and target written into one string (texts), each row's
	// cells in one array
	var figures texts
	figures.grow(n, 8*n) // "91,67 %", "2.965"
	cells := make([]EarlierCell, len(plans)*len(inds))
	for k, pp := range plans {
		p := pp.Plan
		row := EarlierPlan{Link: Link{Text: f.PlanName(p), URL: c.planURL(p)}, Lang: c.planNameLang(p), Period: f.Period(p.Period), Cells: cells[k*len(inds) : (k+1)*len(inds) : (k+1)*len(inds)]}
		for i := range inds {
			how := c.earlierCell(&row.Cells[i], lasts[k*len(inds)+i], &figures)
			if how != "" && !slices.Contains(hows[i], how) {
				hows[i] = append(hows[i], how)
			}
		}
		for _, r := range pp.Rows {
			if r.Target.Implied {
				v.Notes = append(v.Notes, Line{text("≈ "), Inline{Text: f.PlanName(p), Lang: c.planNameLang(p)}, text(": " + c.impliedNote(r.Target))})
			}
		}
		v.Rows = append(v.Rows, row)
	}
	figures.done()
	for i := range cells { // in the order earlierCell wrote their texts
		if cell := &cells[i]; !cell.Empty {
			cell.Share, cell.Target.Text = figures.next(), figures.next()
			if cell.Result == "" {
				cell.Result = figures.next()
			}
		}
	}
	v.Notes = append(earlierCalcNotes(v.Columns, hows), v.Notes...)
	return v
}

// earlierCalcNotes say once under the earlier plans' table how the site computed the cells
// marked ∑, by column: "∑ BHXH: Số do trang tính: tổng các thành phần." The figures it
// computed them from are on each plan's page.
func earlierCalcNotes(columns []string, hows [][]string) []Line {
	var notes []Line
	for i, hs := range hows {
		for _, h := range hs {
			notes = append(notes, Line{text(CalcMark + " " + columns[i] + ": " + h + ".")})
		}
	}
	return notes
}

// earlierCell fills cell with last, a plan's target for the cell's indicator over the
// plan's last period that has one (Empty when nil), and returns how the site computed it
// ("" when its document gives it). The texts of its share, its target and its result (if
// any; Result is left "" for it) are written to figures, in that order. A computed target's Computed is what the site did (calcHow), without the
// figures it did it with: the cell prints the sign, the table's notes say what each
// column's signs mean, and the plan's page has the figures.
func (c *Context) earlierCell(cell *EarlierCell, last *model.Progress, figures *texts) string {
	if last == nil {
		*cell = EarlierCell{Empty: true}
		return ""
	}
	// what cells gives of these, without the rest of a table's row
	f := c.F
	how := c.calcHow(last.Target.Calc)
	*cell = EarlierCell{Result: "—", Target: c.targetFigure(last.Target, how)}
	var buf [64]byte
	figures.write(f.appendPct(buf[:0], last.Share))
	figures.end()
	figures.write(f.appendTargetText(buf[:0], last.Target))
	figures.end()
	if last.Result != nil {
		figures.write(c.appendResultFigure(buf[:0], *last))
		figures.end()
		cell.Result, cell.asOf = "", last.Result.AsOf
	}
	return how
}

// planMeta is "title — issuer, date".
func (c *Context) planMeta(p *model.Plan) Line {
	meta := Line{c.planTitle(p), text(" — "), c.issuer(p)}
	if !p.Issued.IsZero() {
		meta = append(meta, text(", "+c.F.Date(p.Issued)))
	}
	return meta
}

func (c *Context) planRow(p model.Progress, withUnit bool) PlanRow {
	f := c.F
	t := p.Target
	row := PlanRow{Indicator: f.Short(t.Indicator), Derived: t.Derived, Period: f.Period(t.Period), Cells: c.cells(p)}
	if t.Deadline != t.Period.End {
		row.Deadline = f.TS("deadline", f.Date(t.Deadline))
	}
	if withUnit {
		l := c.localityLink(t.Locality)
		row.Locality = &l
		row.Note = t.Note.In(f.Code)
		row.Derived = false
	}
	return row
}

// impliedNote says what an implied target was computed from.
func (c *Context) impliedNote(t *model.Target) string {
	f := c.F
	if t.ImpliedShare.Known {
		return f.TS("flag.implied_share", f.Short(t.Indicator), f.PctAsGiven(t.ImpliedShare))
	}
	return f.TS("flag.implied_gap", f.Short(t.Indicator))
}

func (c *Context) localityRollups(l *model.Locality, plans []planProgress) []RollupRow {
	if len(l.Children) == 0 {
		return nil // only a parent has a rollup; most localities are communes
	}
	f := c.F
	n := 0 // the rows, counted first
	for _, p := range plans {
		for _, ru := range c.Site.PlanRollups(p.Plan) {
			if ru.Parent.Locality == l {
				n++
			}
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]RollupRow, 0, n)
	for _, p := range plans {
		for _, ru := range c.Site.PlanRollups(p.Plan) {
			if ru.Parent.Locality != l {
				continue
			}
			row := c.rollupRow(ru.Indicator, ru.Parent.Value, ru.ChildrenSum, ru.Differs(), ru.Difference())
			if !ru.Complete {
				row.Incomplete = f.T("rollup.incomplete", len(ru.Children), ru.Expected)
			}
			out = append(out, row)
		}
	}
	return out
}

func (c *Context) rollupRow(ind *model.Indicator, parent model.Num, sum float64, differs bool, difference float64) RollupRow {
	f := c.F
	row := RollupRow{Indicator: f.Short(ind), Parent: f.Value(ind, parent), Sum: f.Number(sum, 2), Difference: "0", Differs: differs}
	if differs {
		row.Difference = f.Number(difference, 2)
	}
	return row
}

func (c *Context) resultRollups(l *model.Locality) []RollupRow {
	f := c.F
	var out []RollupRow
	for _, ru := range c.Site.ResultRollups(l) {
		row := c.rollupRow(ru.Indicator, ru.Parent.Value, ru.ChildrenSum, ru.Differs(), ru.Difference())
		row.AsOf = f.Date(ru.Parent.AsOf)
		if !ru.Complete() {
			row.Incomplete = f.T("rollup.incomplete", ru.Children, ru.Expected)
		}
		out = append(out, row)
	}
	return out
}

// comparisons are the plain-words statements: the locality against its parent's average,
// and reports that name it, or its children, below an average.
func (c *Context) comparisons(l *model.Locality, standings []model.Standing) []Line {
	f := c.F
	out := c.standingLines(standings)
	for _, cmp := range c.Site.ComparisonsNaming(l) {
		line := Line{text(f.TS("reported.below", f.Short(cmp.Indicator), f.Name(cmp.Parent), f.Date(cmp.AsOf)) + " ")}
		line = append(line, c.cite(cmp.Source), text(", "+c.published(cmp.Source)+"."))
		out = append(out, line)
	}
	for _, cmp := range c.Site.ComparisonsWithin(l) {
		line := Line{text(f.TS("reported.children", f.Short(cmp.Indicator), f.Name(cmp.Parent), f.Date(cmp.AsOf)) + " ")}
		for i, b := range cmp.Below {
			if i > 0 {
				line = append(line, text(", "))
			}
			line = append(line, c.localityLink(b).inline())
		}
		line = append(line, text(" — "+f.TS("reported.according")+" "), c.cite(cmp.Source), text(", "+c.published(cmp.Source)+"."))
		out = append(out, line)
	}
	return out
}

// standingLines are the locality's rates against its parent's average: a sentence for a
// rate alone; one line for the rates of the same date ("Tỷ lệ bao phủ của Phường Nam Nghĩa
// so với bình quân của Thành phố Long An (đến 30/6/2025): BHXH thấp hơn 6,46 điểm phần
// trăm, thứ 15/19; BHYT cao hơn …").
func (c *Context) standingLines(standings []model.Standing) []Line {
	f := c.F
	// the standings with a parent's rate, pointed to: a standing (88 bytes) copied
	// into a slice grown one at a time was most of what the lines cost
	var room [16]*model.Standing
	known := room[:0]
	for i := range standings {
		if standings[i].ParentRate.Known {
			known = append(known, &standings[i])
		}
	}
	var out []Line
	for i := 0; i < len(known); {
		j := i + 1
		for j < len(known) && known[j].AsOf == known[i].AsOf {
			j++
		}
		if j-i == 1 {
			out = append(out, Line{text(c.standingSentence(*known[i]))})
			i = j
			continue
		}
		st := known[i]
		var buf [512]byte
		b := append(f.AppendT(buf[:0], "standing.group", f.Name(st.Locality), f.Name(st.Locality.Parent), f.Date(st.AsOf)), ' ')
		for k, st := range known[i:j] {
			if k > 0 {
				b = append(b, "; "...)
			}
			b = c.appendStanding(b, *st, true)
		}
		out = append(out, Line{text(string(append(b, '.')))})
		i = j
	}
	return out
}

// standingSentence is one rate against the parent's average, as a sentence.
func (c *Context) standingSentence(st model.Standing) string {
	var buf [256]byte
	return string(c.appendStanding(buf[:0], st, false))
}

// appendStanding appends to b, when item is set, one rate of a line of standingLines
// ("BHXH thấp hơn 6,46 điểm phần trăm, thứ 15/19"), else standingSentence(st): written in
// one buffer, its figures in another.
func (c *Context) appendStanding(b []byte, st model.Standing, item bool) []byte {
	f := c.F
	ind, name, parent := f.Short(st.Indicator), f.Name(st.Locality), f.Name(st.Locality.Parent)
	var scratch, points [64]byte
	key := "standing.equal"
	switch {
	case st.Difference.V > 0:
		key = "standing.above"
	case st.Difference.V < 0:
		key = "standing.below"
	}
	switch {
	case item && key == "standing.equal":
		b = f.AppendT(b, "standing.item_equal", ind)
	case item:
		b = f.AppendTB(b, "standing.item_"+key[len("standing."):], []byte(ind), f.appendPointsPlain(points[:0], scratch[:], st.Difference))
	case key == "standing.equal":
		b = f.AppendT(b, key, ind, name, parent)
	default:
		b = f.AppendTB(b, key, []byte(ind), []byte(name), f.appendPointsPlain(points[:0], scratch[:], st.Difference), []byte(parent), []byte(f.Date(st.AsOf)))
	}
	if st.Of > 0 {
		rank := "standing.rank"
		if item {
			b, rank = append(b, ", "...), "standing.item_rank"
		} else {
			b = append(b, ' ')
		}
		b = f.AppendTN(b, rank, st.Rank, st.Of)
	}
	return b
}

// cite is a source's title; marked Vietnamese on an English page that has no English title
// for it.
func (c *Context) cite(src *model.Source) Inline {
	if untranslated(src, c.Lang()) {
		return citeIn(src.Title.VI, lang.VI)
	}
	return citeIn(src.Title.In(c.Lang()), "")
}

// published is a source's date of publication, or that it gives none.
func (c *Context) published(src *model.Source) string {
	if src.Published.IsZero() {
		return c.F.TS("published_unknown")
	}
	return c.F.Date(src.Published)
}

func (c *Context) datedDocuments(docs []*model.Document) []Dated {
	var out []Dated
	for _, d := range docs {
		out = append(out, Dated{Link: Link{Text: d.Title, URL: c.URL(routes.Document(d.Section, d.Slug))}, Date: c.F.Date(d.Date)})
	}
	return out
}

// DocumentsIn keeps the documents in lang, newest first.
func DocumentsIn(docs []*model.Document, code string) []*model.Document {
	var out []*model.Document
	for _, d := range docs {
		if d.Lang == code {
			out = append(out, d)
		}
	}
	slices.SortStableFunc(out, func(a, b *model.Document) int { return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(a.Slug, b.Slug)) })
	return out
}

// vietnamese is a text that exists only in Vietnamese, marked so on an English page.
func (c *Context) vietnamese(s string) Inline {
	if c.Lang() == lang.VI {
		return text(s)
	}
	return Inline{Text: s, Lang: lang.VI}
}

// maxComparedChildren is how many children a page compares in a table and a chart of
// their targets; a province of hundreds of communes lists them, ranks the ends, and leaves
// each commune's targets to its page and its plan's (a page stays under 200 KB).
const maxComparedChildren = 60

// rankingEnds is how many children a long ranking shows at each end.
const rankingEnds = 10

// ends keeps the first and last rankingEnds children of a long ranking, said so in its
// note; the page's list of children still names them all.
func (c *Context) ends(r ChildRanking) ChildRanking {
	n := len(r.Bars)
	if n <= 2*rankingEnds {
		return r
	}
	keep := func(i int) bool { return i < rankingEnds || i >= n-rankingEnds }
	var bars []Bar
	for i, b := range r.Bars {
		if keep(i) {
			b.Lines = slices.Clone(b.Lines) // placed again: the ranking's own are the whole ranking's
			bars = append(bars, b)
		}
	}
	var rows []TableRow
	ranked := 0
	for _, row := range r.Table.Rows {
		if row.Rank == "" {
			continue // no share of target: not ranked
		}
		if keep(ranked) {
			rows = append(rows, row)
		}
		ranked++
	}
	r.Bars, r.Table.Rows = bars, rows
	r.Height = layBars(bars)
	r.Note += " " + c.F.T("children.ends", rankingEnds, n)
	r.Caption = r.Title + " " + r.Note
	return r
}

// downloads is the line that links l's data files (published once, under the default
// language): "Tải số liệu: CSV · JSON", or on a packed site "Tải số liệu: CSV · cả tỉnh
// Khánh Hòa (CSV và JSON, tệp ZIP)"; nil when l has none. offers are l's (offersOf).
// downloads is the line of l's page linking to offers, at urls (offerURLs).
func (c *Context) downloads(l *model.Locality, offers []Offer, urls []string) Line {
	if len(offers) == 0 {
		return nil
	}
	out := make(Line, 1, 2*len(offers))
	out[0] = text(c.labelled("download"))
	for i, o := range offers {
		if i > 0 {
			out = append(out, text(" · "))
		}
		name := o.Format
		if o.Of != l {
			name = c.F.TS("download.pack", o.Of.Name.In(c.Lang()))
		}
		out = append(out, link(name, urls[i]))
	}
	return out
}

// offerURLs are the addresses of offers, the same in every language.
func (c *Context) offerURLs(offers []Offer) []string {
	if len(offers) == 0 {
		return nil
	}
	urls := make([]string, len(offers))
	for i, o := range offers {
		urls[i] = c.Base.URL(lang.Default, o.Route)
	}
	return urls
}

// offersOf are the data files l's page links to; none without Context.Data.
func (c *Context) offersOf(l *model.Locality) []Offer {
	if c.Data == nil {
		return nil
	}
	return c.Data.Offers(l)
}

// leaveResultsTo leaves the earlier plans' results to the charts' tables when they show
// every one of them, on its date and in its column: a cell then says the share and the
// target, and the note says where the results are. e may be nil.
func (e *EarlierPlans) leaveResultsTo(charts []Chart, f Format) {
	if e == nil {
		return
	}
	for _, r := range e.Rows {
		for i, c := range r.Cells {
			if !c.Empty && c.Result != "—" && !shownIn(charts, e.Columns[i], f.Date(c.asOf), c.Result) {
				return
			}
		}
	}
	for _, r := range e.Rows {
		for i := range r.Cells {
			r.Cells[i].Result = ""
		}
	}
	e.Note = f.TS("locality.earlier_note_above")
}

// shownIn reports whether a chart's table has value in the column of the series col and
// the row of the category date (a row's first cell is its category, Chart.Rows).
func shownIn(charts []Chart, col, date, value string) bool {
	for _, ch := range charts {
		k := slices.Index(ch.Columns, col) + 1
		if k == 0 {
			continue
		}
		for _, row := range ch.Rows {
			if len(row) > k && row[0] == date && row[k] == value {
				return true
			}
		}
	}
	return false
}
