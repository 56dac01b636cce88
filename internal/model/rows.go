package model

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/covsite/covsite/internal/lang"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/textutil"
)

// plans links the plans: each file's header in file order (ids, locality, period), and
// each file's targets and milestones on their own, on a few goroutines — a plan's builder
// writes only its plan, its diagnostics and its targets, added to the site in file order.
func (b *builder) plans(raw files[load.Plan]) {
	builders := make([]*builder, raw.Len())
	plans := make([]*Plan, raw.Len()) // nil: the file is skipped
	var parents []parentRef
	raw.Each(func(i int, r load.Plan) {
		builders[i] = &builder{site: b.site, diags: &diag.List{}, broken: b.broken}
		plans[i] = builders[i].planHeader(r)
		if plans[i] != nil && r.Parent.Set() {
			parents = append(parents, parentRef{plans[i], r.Parent, r.Period.Pos})
		}
	}, func(i int, r load.Plan) {
		if plans[i] != nil {
			builders[i].planRows(plans[i], r)
		}
	})
	n := len(b.site.Targets)
	for _, pb := range builders {
		if pb != nil {
			n += len(pb.targets)
		}
	}
	b.site.Targets = slices.Grow(b.site.Targets, n-len(b.site.Targets))
	for i, pb := range builders {
		if pb != nil {
			b.diags.Merge(pb.diags)
			b.site.Targets = append(b.site.Targets, pb.targets...)
		}
		if plans[i] != nil {
			// the plan's targets are its builder's, in the same order: it keeps them as a
			// part of the site's instead of a slice of its own (a national site's plans
			// held ~5 MB so, grown one target at a time); an implied target appended to
			// them later copies them (the part's capacity is its length)
			end := len(b.site.Targets)
			plans[i].Targets = b.site.Targets[end-len(pb.targets) : end : end]
		}
	}
	b.parentPlans(parents)
}

// parentRef is a plan's parent = …, linked once every plan's header is read.
type parentRef struct {
	plan   *Plan
	id     load.Str
	period diag.Pos // the plan's period = …, where a period outside its parent's is reported
}

// parentPlans links each plan to the plan it carries out. A plan whose period does not
// meet its parent's — it starts after the parent ended, or ends before it started — is an
// error at its period: one of the two periods, or the parent, is wrong.
func (b *builder) parentPlans(refs []parentRef) {
	for _, ref := range refs {
		p, parent := ref.plan, b.resolvePlan(ref.id)
		if parent == nil {
			continue
		}
		p.Parent = parent
		var how diag.Words
		switch {
		case p.Period.Start.After(parent.Period.End):
			how = diag.W("bắt đầu sau khi kết thúc", "starts after the end of")
		case p.Period.End.Before(parent.Period.Start):
			how = diag.W("kết thúc trước khi bắt đầu", "ends before the start of")
		default:
			continue
		}
		b.diags.Errorf(ref.period, diag.OutsideParentPlan, p.Period.Text, how, parent.ID, parent.Period.Text)
	}
	b.parentCycles(refs)
}

// parentCycles reports each plan whose parents lead back to it — a plan naming itself, or
// two naming each other — at its parent = …, with the chain, and unlinks it: which plan it
// carries out is then unknown, not circular, for whatever walks the parents after.
func (b *builder) parentCycles(refs []parentRef) {
	var cut []*Plan
	for _, ref := range refs {
		if chain := leadsBack(ref.plan, len(refs)); chain != nil {
			b.diags.Errorf(ref.id.Pos, diag.PlanCycle, strings.Join(chain, " → "))
			cut = append(cut, ref.plan)
		}
	}
	for _, p := range cut {
		p.Parent = nil
	}
}

// leadsBack returns the ids from p through its parents back to p when they lead back to it
// within steps parents, else nil.
func leadsBack(p *Plan, steps int) []string {
	chain := []string{p.ID}
	for q := p.Parent; q != nil && len(chain) <= steps; q = q.Parent {
		chain = append(chain, q.ID)
		if q == p {
			return chain
		}
	}
	return nil
}

// files is where Build takes the plans or the results files from: load.Site's values
// (loaded) or files decoded while they are linked (load.Files, from load.Lazy). Each calls
// inOrder for every file in file order, then after, on a few goroutines at once.
type files[T any] interface {
	Len() int
	Each(inOrder, after func(i int, v T))
}

// loaded is files over values decoded before: every inOrder first, then the afters on a
// few goroutines; with release, each value is emptied once after has it (ReleaseRows).
type loaded[T any] struct {
	values  []T
	release bool
}

func (l loaded[T]) Len() int { return len(l.values) }

func (l loaded[T]) Each(inOrder, after func(i int, v T)) {
	for i, v := range l.values {
		inOrder(i, v)
	}
	inParallel(len(l.values), func(i int) {
		v := l.values[i]
		if l.release {
			var zero T
			l.values[i] = zero // v holds it; once linked its rows can be freed (a national site's are ~250 MB)
		}
		after(i, v)
	})
}

// inParallel calls work(i) for every i in [0, n), each once, on as many goroutines as
// there are processors, and returns when all are done.
func inParallel(n int, work func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				work(i)
			}
		})
	}
	wg.Wait()
}

// planHeader checks a plan file's id, locality and period and adds its plan to the site;
// nil when the file is skipped.
func (b *builder) planHeader(r load.Plan) *Plan {
	if !b.checkFileID(r.ID, r.Pos) {
		return nil
	}
	if prev := b.site.planByID[r.ID]; prev != nil {
		b.diags.Errorf(r.Pos, diag.DuplicateID, wordPlan, r.ID, prev.Pos.String())
		return nil
	}
	p := &Plan{
		ID: r.ID, Number: r.Number.V, Title: lang.T(r.Title.V, or(r.TitleEN.V, r.Title.V)),
		Issued: r.Issued.V, Issuer: lang.T(r.Issuer.V, or(r.IssuerEN.V, r.Issuer.V)),
		Signer: r.Signer.V, URL: r.URL.V, Summary: lang.T(r.Summary.V, or(r.SummaryEN.V, r.Summary.V)), Pos: r.Pos,
	}
	for _, s := range r.BasedOn {
		p.BasedOn = append(p.BasedOn, s.V)
	}
	p.BasedOnEN = make([]string, len(p.BasedOn))
	for i, s := range r.BasedOnEN {
		if i < len(p.BasedOnEN) {
			p.BasedOnEN[i] = s.V
		}
	}
	if len(r.BasedOnEN) > len(r.BasedOn) {
		b.diags.Errorf(r.BasedOnEN[len(r.BasedOn)].Pos, diag.GlossCount, len(r.BasedOnEN), len(r.BasedOn))
	}
	p.Locality = b.resolveLocality(r.Locality)
	period, ok := b.period(r.Period)
	if !ok || p.Locality == nil {
		return nil
	}
	p.Period = period
	b.site.Plans = append(b.site.Plans, p)
	b.site.planByID[p.ID] = p
	return p
}

// planRows links the targets and milestones of the plan file r into p.
func (b *builder) planRows(p *Plan, r load.Plan) {
	where := whereOf{r.Where.V, r.WhereEN.V}
	credit := planCredit(p)
	for _, row := range r.Targets {
		b.targetRow(p, credit, row, where)
	}
	for _, m := range r.Milestones {
		b.milestone(p, m, where)
	}
}

// whereOf is where a figure stands in its document, in both languages: a row's own, else
// its file's default.
type whereOf struct{ vi, en string }

// text is the where in both languages; the English is "" when the data gives none (the
// view says the Vietnamese in English when it can, else marks it as Vietnamese).
func (w whereOf) text() lang.Text { return lang.T(w.vi, w.en) }

func (w whereOf) or(vi, en load.Str) whereOf {
	if vi.V == "" {
		return w
	}
	return whereOf{vi.V, en.V}
}

// targetRow turns one [[target]] row into a Target per indicator, credited to credit.
func (b *builder) targetRow(p *Plan, credit *Credit, row load.Row, fileWhere whereOf) {
	where := fileWhere.or(row.Where, row.WhereEN)
	loc, period, deadline := p.Locality, p.Period, p.Period.End
	if row.Locality.Set() {
		if loc = b.resolveLocality(row.Locality); loc == nil {
			return
		}
	}
	if row.Period.Set() {
		var ok bool
		if period, ok = b.period(row.Period); !ok {
			return
		}
		deadline = period.End
	}
	if row.Deadline.Set() {
		deadline = row.Deadline.V
	}
	if row.Per.Set() && !b.choice("per", row.Per, []string{"month", "quarter"}) {
		return
	}
	if len(row.Values) == 0 && len(row.Rates) == 0 {
		if !row.Invalid {
			b.diags.Errorf(row.Pos, diag.NoValue, "[[target]]")
		}
		return
	}
	byInd, order := b.targetSlots(), b.order[:0]
	note := b.internText(lang.T(row.Note.V, or(row.NoteEN.V, row.Note.V)))
	detail := b.targetDetail(targetShared{where: b.internText(where.text()), note: note, per: b.intern(row.Per.V)})
	get := func(ind *Indicator, pos diag.Pos) *Target {
		if t := byInd[ind.Order]; t != nil {
			return t
		}
		t := &Target{Plan: p, Locality: loc, Indicator: ind, Period: period, Deadline: deadline,
			Credit: credit, DeadlineGiven: true, line: pos.Line, col: pos.Col, TargetDetail: detail}
		byInd[ind.Order] = t
		order = append(order, ind)
		return t
	}
	for _, f := range row.Values {
		if ind := b.figureIndicator(f, targetKeysHint, "[[target]]"); ind != nil && b.value(ind, f) {
			get(ind, f.Value.Pos).Value = num(f.Value)
		}
	}
	for _, f := range row.Rates {
		if ind := b.figureIndicator(f, nil, "[[target]] rate"); ind != nil && b.rate(ind, f) {
			get(ind, f.Value.Pos).Rate = num(f.Value)
		}
	}
	b.targetBases(row.Bases, byInd)
	totals := b.deriveTotals(func(ind *Indicator) (Num, diag.Pos, bool) {
		if t := byInd[ind.Order]; t != nil {
			return t.Value, t.Pos(), true
		}
		return Unknown, diag.Pos{}, false
	}, row.Pos)
	for _, d := range totals {
		t := get(d.ind, row.Pos)
		t.Value, t.Derived, t.own().Calc = d.value, true, d.calc
	}
	for _, ind := range order {
		t := byInd[ind.Order]
		byInd[ind.Order] = nil // for the next row
		if t.Base == NoBase {
			t.Base = ind.Base
		}
		b.addTarget(t)
	}
	b.order = order
}

// slots returns how many places a slice by Indicator.Order needs.
func (b *builder) slots() int {
	if n := len(b.site.Indicators); n > 0 {
		return b.site.Indicators[n-1].Order + 1
	}
	return 0
}

// targetSlots is the builder's row of targets by Indicator.Order, all nil: a row's targets
// are kept there while it is linked, and the row leaves it as it found it. A map a row
// made a national site's linking slower by a fifth.
func (b *builder) targetSlots() []*Target {
	if b.targetRowBuf == nil {
		b.targetRowBuf = make([]*Target, b.slots())
	}
	return b.targetRowBuf
}

// resultSlots is targetSlots for a row of results.
func (b *builder) resultSlots() []*Result {
	if b.resultRowBuf == nil {
		b.resultRowBuf = make([]*Result, b.slots())
	}
	return b.resultRowBuf
}

// targetBases applies denominator.<indicator> = "<base>" overrides to a row's targets.
func (b *builder) targetBases(overrides []load.KeyStr, byInd []*Target) {
	for _, o := range overrides {
		ind := b.resolveIndicator(o.Key)
		if ind == nil || !b.choice("denominator."+o.Key.V, o.Value, bases) {
			continue
		}
		if t := byInd[ind.Order]; t != nil {
			t.Base = baseOf(o.Value.V)
		}
	}
}

var (
	targetKeysHint = []string{"locality", "period", "deadline", "per", "note", "rate"}
	resultKeysHint = []string{"locality", "as_of", "plan", "change_since", "note", "rate", "share", "gap", "change"}
)

// figureIndicator resolves the indicator id a figure is written under; an unknown key is
// reported with the nearest indicator id or reserved key.
func (b *builder) figureIndicator(f load.Figure, reserved []string, row string) *Indicator {
	if ind := b.site.indicatorByID[f.Key.V]; ind != nil || b.broken.indicators {
		return ind
	}
	candidates := append(mapKeys(b.site.indicatorByID), reserved...)
	if near := textutil.Nearest(f.Key.V, candidates); near != "" {
		b.diags.Errorf(f.Key.Pos, diag.UnknownKeyNear, f.Key.V, row, near)
		return nil
	}
	b.diags.Errorf(f.Key.Pos, diag.UnknownKey, f.Key.V, row, strings.Join(candidates, ", "))
	return nil
}

// value checks a figure against its indicator's unit, and warns when it is larger than
// anything the unit can hold (more people than the country has).
func (b *builder) value(ind *Indicator, f load.Figure) bool {
	switch {
	case ind.Unit.Whole():
		if !b.wholeNonNegative(f.Key.V, f.Value) {
			return false
		}
	case ind.Unit == Percent:
		return b.percent(f.Key.V, f.Value)
	case f.Value.V < 0:
		b.diags.Errorf(f.Value.Pos, diag.Negative, f.Key.V, f.Value.Raw)
		return false
	}
	if limit, why := ceiling(ind.Unit); limit > 0 && f.Value.V > limit {
		b.diags.Warnf(f.Value.Pos, diag.Implausible, f.Key.V, f.Value.Raw, why)
	}
	return true
}

// ceiling is the largest figure plausible in unit u, and why; 0 means none.
func ceiling(u Unit) (float64, diag.Words) {
	switch u {
	case People, Count:
		return 110e6, diag.W("nhiều hơn dân số cả nước (khoảng 101 triệu người năm 2024)", "more than the whole country's population (about 101 million in 2024)")
	case MillionVND:
		return 1e9, diag.W("hơn ngân sách của bất kỳ tỉnh nào (1 triệu tỷ đồng)", "beyond any province's budget (1,000,000 billion VND)")
	case Percent:
		return 100, diag.W("thay đổi hơn 100 điểm phần trăm", "a change of more than 100 percentage points")
	}
	return 0, diag.Words{}
}

// change checks a change since an earlier date: it may be negative, but no larger than
// the largest figure the unit can hold.
func (b *builder) change(ind *Indicator, f load.Figure) bool {
	if limit, why := ceiling(ind.Unit); limit > 0 && math.Abs(f.Value.V) > limit {
		b.diags.Errorf(f.Value.Pos, diag.Implausible, "change."+f.Key.V, f.Value.Raw, why)
		return false
	}
	return true
}

// rate checks a coverage rate: the indicator needs a denominator, the rate 0–100.
func (b *builder) rate(ind *Indicator, f load.Figure) bool {
	if ind.Base == NoBase {
		b.diags.Errorf(f.Key.Pos, diag.NoDenominator, ind.ID)
		return false
	}
	return b.percent("rate."+f.Key.V, f.Value)
}

// derivedTotal is a total deriveTotals filled in: its value and how it was summed.
type derivedTotal struct {
	ind   *Indicator
	value Num
	calc  Calc
}

// deriveTotals fills in totals (bhxh = bắt buộc + tự nguyện) whose parts are all known and
// checks totals that were written against their parts, reporting a mismatch where the
// total is written (else at the row). figure gives a row's figure of an indicator and
// where it is written (ok: the row has one). It returns the totals it filled, in the
// indicators' order; a total filled counts as known for the totals after it.
func (b *builder) deriveTotals(figure func(*Indicator) (v Num, at diag.Pos, ok bool), row diag.Pos) []derivedTotal {
	var filled []derivedTotal
	value := func(ind *Indicator) Num {
		for _, d := range filled {
			if d.ind == ind {
				return d.value
			}
		}
		v, _, _ := figure(ind)
		return v
	}
	for _, ind := range b.site.Indicators {
		if len(ind.SumOf) == 0 {
			continue
		}
		sum, complete := 0.0, true
		for _, part := range ind.SumOf {
			v := value(part)
			if !v.Known {
				complete = false
				break
			}
			sum += v.V
		}
		if !complete {
			continue
		}
		total, at, ok := figure(ind)
		if !total.Known {
			c := Calc{How: SumOfParts, Inputs: make([]Num, 0, len(ind.SumOf))}
			for _, part := range ind.SumOf {
				c.Inputs = append(c.Inputs, value(part))
			}
			filled = append(filled, derivedTotal{ind, Known(sum, 0), c})
			continue
		}
		if total.V != sum {
			if !ok {
				at = row
			}
			names := make([]string, len(ind.SumOf))
			for i, part := range ind.SumOf {
				names[i] = part.ID
			}
			b.diags.Errorf(at, diag.TotalMismatch, ind.ID, formatPlain(total.V), strings.Join(names, " + "), formatPlain(sum))
		}
	}
	return filled
}

func formatPlain(v float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.4f", v), "0"), ".")
}

// addTarget records t unless the plan already targets the same thing.
func (b *builder) addTarget(t *Target) {
	for _, o := range t.Plan.Targets {
		if o.Locality == t.Locality && o.Indicator == t.Indicator && o.Period.Start == t.Period.Start && o.Period.End == t.Period.End {
			b.diags.Errorf(t.Pos(), diag.DuplicateFigure, t.Indicator.ID, t.Locality.ID, t.Period.Text, o.Pos().String())
			return
		}
	}
	t.Plan.Targets = append(t.Plan.Targets, t)
	b.targets = append(b.targets, t) // plans adds them to the site
}

func (b *builder) milestone(p *Plan, r load.Milestone, fileWhere whereOf) {
	where := fileWhere.or(r.Where, r.WhereEN)
	m := &Milestone{Plan: p, By: r.By.V, Share: r.Share.V, HasShare: r.Share.Set(), Note: lang.T(r.Note.V, or(r.NoteEN.V, r.Note.V)),
		Where: where.text(), Pos: r.Pos}
	for _, id := range r.Indicators {
		if ind := b.resolveIndicator(id); ind != nil {
			m.Indicators = append(m.Indicators, ind)
		}
	}
	if len(r.Indicators) == 0 {
		b.diags.Errorf(r.Pos, diag.MissingKey, "indicator", "[[milestone]]")
		return
	}
	if r.Share.Set() && (r.Share.V <= 0 || r.Share.V > 100) {
		b.diags.Errorf(r.Share.Pos, diag.RateOutOfRange, "share", r.Share.Raw)
		return
	}
	if r.By.Set() && !p.Period.Contains(r.By.V) {
		b.diags.Warnf(r.By.Pos, diag.MilestoneOutside, r.By.V.String(), p.Period.Text)
	}
	p.Milestones = append(p.Milestones, m)
}

// reports links the results files: each file's id in file order, and each file's rows on
// their own (see sourceLinks), on a few goroutines — they are most of linking a national
// site's 600 results files.
func (b *builder) reports(raw files[load.Report]) {
	seen := map[string]diag.Pos{}
	links := make([]*sourceLinks, raw.Len())
	builders := make([]*builder, raw.Len()) // nil: the file is skipped
	raw.Each(func(i int, r load.Report) {
		links[i], builders[i] = b.startReport(r, seen)
	}, func(i int, r load.Report) {
		if builders[i] != nil {
			builders[i].linkRows(r)
		}
	})
	for _, sl := range links {
		if sl != nil { // nil: a file that could not be read
			b.site.links = append(b.site.links, sl)
		}
	}
	b.site.collectSources()
	// each file's results are a part of the site's: a slice of their own was grown one
	// result at a time past the figures counted (the sums filled in), ~5 MB at scale 1
	off := 0
	for _, sl := range b.site.links {
		n := len(sl.results)
		sl.results = b.site.Results[off : off+n : off+n]
		off += n
	}
}

// sourceLinks is what one results file adds to a site — its source, results and
// comparisons — with the problems found in them: those of linking and, once the site is
// indexed, checkResults' about its results. Nothing in it depends on another results
// file, so Rebuild links a changed file again and keeps the others' links.
type sourceLinks struct {
	file, id    string
	src         *Source // nil when the file was skipped: a bad or duplicate id
	results     []*Result
	comparisons []*Comparison
	diags       diag.List
	// implies is set when a result states a share of a plan that publishes no target for
	// it, so impliedTargets adds one to the plan: then the file is not independent.
	implies bool
}

// linkReport links one results file, reporting its problems in its own links; seen holds
// the ids of the files linked before it.
func (b *builder) linkReport(r load.Report, seen map[string]diag.Pos) *sourceLinks {
	sl, lb := b.startReport(r, seen)
	if lb != nil {
		lb.linkRows(r)
	}
	return sl
}

// startReport checks a results file's id (seen holds the ids of the files linked before
// it) and returns its links, with the builder that links its rows (linkRows), or nil when
// the file is skipped. The builder reads the site and writes only the file's links.
func (b *builder) startReport(r load.Report, seen map[string]diag.Pos) (*sourceLinks, *builder) {
	sl := &sourceLinks{file: r.Pos.File, id: r.ID}
	lb := &builder{site: b.site, diags: &sl.diags, broken: b.broken, links: sl}
	if !lb.checkFileID(r.ID, r.Pos) {
		return sl, nil
	}
	if at, dup := seen[r.ID]; dup {
		lb.diags.Errorf(r.Pos, diag.DuplicateID, wordSource, r.ID, at.String())
		return sl, nil
	}
	seen[r.ID] = r.Pos
	sl.src = &Source{
		ID: r.ID, Title: lang.T(r.Title.V, or(r.TitleEN.V, r.Title.V)), Kind: r.Kind.V,
		Published: r.Published.V, Publisher: r.Publisher.V, URL: r.URL.V,
		Note: lang.T(r.Note.V, or(r.NoteEN.V, r.Note.V)), Pos: r.Pos,
	}
	lb.requiredText("title", "[source]", r.Title, `title = "Báo cáo số 123/BC-BHXH"`)
	lb.requiredText("publisher", "[source]", r.Publisher, `publisher = "BHXH tỉnh Trà Vinh"`)
	return sl, lb
}

// linkRows links the rows and comparisons of the results file r into b's links.
func (b *builder) linkRows(r load.Report) {
	sl, lb := b.links, b
	if r.Kind.Set() {
		lb.choice("kind", r.Kind, []string{"report", "news", "conference", "decision"})
	}
	where := whereOf{r.Where.V, r.WhereEN.V}
	figures := 0
	for _, row := range r.Results {
		figures += len(row.Values)
	}
	// sized at once: grown one figure at a time, the map was a fifth of linking a file
	lb.valued = make(map[resultKey]*Result, figures)
	sl.results = make([]*Result, 0, figures)
	for _, row := range r.Results {
		lb.resultRow(sl.src, row, where)
	}
	for _, c := range r.Comparisons {
		lb.comparison(sl.src, c)
	}
	for _, res := range sl.results {
		for _, s := range res.Shares {
			if impliedTarget(res, s, false) != nil {
				sl.implies = true
			}
		}
	}
}

// collectSources lists the sources, results and comparisons of s.links, in file order.
func (s *Site) collectSources() {
	n := 0
	for _, sl := range s.links {
		n += len(sl.results)
	}
	s.Sources, s.Results, s.Comparisons = nil, make([]*Result, 0, n), nil
	for _, sl := range s.links {
		if sl.src != nil {
			s.Sources = append(s.Sources, sl.src)
		}
		s.Results = append(s.Results, sl.results...)
		s.Comparisons = append(s.Comparisons, sl.comparisons...)
	}
}

// resultRow turns one [[result]] row into a Result per indicator.
func (b *builder) resultRow(src *Source, row load.Row, fileWhere whereOf) {
	where := fileWhere.or(row.Where, row.WhereEN)
	loc := b.resolveLocality(row.Locality)
	if loc == nil || !row.AsOf.Set() || b.endedBefore(loc, row.AsOf) {
		return
	}
	var plans []*Plan
	for _, id := range row.Plans {
		p := b.resolvePlan(id)
		if p == nil {
			continue
		}
		// Compared with a plan whose period it is not in, a result would invent implied
		// targets for a year the plan never spoke of.
		if !p.Period.Start.IsZero() && !p.Period.Contains(row.AsOf.V) {
			b.diags.Errorf(row.AsOf.Pos, diag.AsOfOutsidePlan, row.AsOf.V.String(), p.ID, p.Period.Text)
			continue
		}
		plans = append(plans, p)
	}
	if !src.Published.IsZero() && row.AsOf.V.After(src.Published) {
		b.diags.Warnf(row.AsOf.Pos, diag.AfterPublished, row.AsOf.V.String(), src.Published.String())
	}
	byInd, order := b.resultSlots(), b.order[:0]
	note := b.internText(lang.T(row.Note.V, or(row.NoteEN.V, row.Note.V)))
	detail := b.resultDetail(resultShared{where: b.internText(where.text()), note: note, since: row.ChangeSince.V})
	get := func(ind *Indicator, pos diag.Pos) *Result {
		if r := byInd[ind.Order]; r != nil {
			return r
		}
		r := &Result{Source: src, Locality: loc, Indicator: ind, AsOf: row.AsOf.V, line: pos.Line, col: pos.Col, ResultDetail: detail}
		byInd[ind.Order] = r
		order = append(order, ind)
		return r
	}
	for _, f := range row.Values {
		if ind := b.figureIndicator(f, resultKeysHint, "[[result]]"); ind != nil && b.value(ind, f) {
			get(ind, f.Value.Pos).Value = num(f.Value)
		}
	}
	for _, f := range row.Rates {
		if ind := b.figureIndicator(f, nil, "[[result]] rate"); ind != nil && b.rate(ind, f) {
			get(ind, f.Value.Pos).ownStated().Rate = num(f.Value)
		}
	}
	for _, f := range row.Shares {
		ind := b.figureIndicator(f, nil, "[[result]] share")
		if ind == nil || !b.nonNegative("share."+f.Key.V, f.Value) {
			continue
		}
		if len(plans) == 0 {
			if len(row.Plans) == 0 { // else the unknown plan was reported
				b.diags.Errorf(f.Key.Pos, diag.MissingKey, "plan", "[[result]]")
			}
			continue
		}
		d := get(ind, f.Value.Pos).ownStated()
		for _, p := range plans {
			d.Shares = append(d.Shares, ReportedShare{Plan: p, Share: num(f.Value), SetBy: b.setBy(row, p), Decision: row.Decision.V})
		}
	}
	for _, f := range row.Gaps {
		if ind := b.figureIndicator(f, nil, "[[result]] gap"); ind != nil && b.nonNegative("gap."+f.Key.V, f.Value) {
			get(ind, f.Value.Pos).ownStated().Gap = num(f.Value)
		}
	}
	for _, f := range row.Changes {
		if ind := b.figureIndicator(f, nil, "[[result]] change"); ind != nil {
			if !row.ChangeSince.Set() {
				b.diags.Errorf(f.Key.Pos, diag.MissingKey, "change_since", "[[result]]")
				continue
			}
			if !b.change(ind, f) {
				continue
			}
			get(ind, f.Value.Pos).ownStated().Change = num(f.Value)
		}
	}
	totals := b.deriveTotals(func(ind *Indicator) (Num, diag.Pos, bool) {
		if r := byInd[ind.Order]; r != nil {
			return r.Value, r.Pos(), true
		}
		return Unknown, diag.Pos{}, false
	}, row.Pos)
	for _, d := range totals {
		r := get(d.ind, row.Pos)
		r.Value, r.Derived, r.own().Calc = d.value, true, d.calc
	}
	for _, ind := range order {
		r := byInd[ind.Order]
		byInd[ind.Order] = nil // for the next row
		b.addResult(r)
	}
	b.order = order
}

// setBy is the authority a results row says set plan p's targets: set_by.<plan id>, else
// set_by, else "" (the source does not say).
func (b *builder) setBy(row load.Row, p *Plan) string {
	for _, s := range row.SetByPlan {
		if s.Key.V == p.ID {
			return s.Value.V
		}
	}
	return row.SetBy.V
}

func (b *builder) nonNegative(key string, n load.Num) bool {
	if n.V < 0 {
		b.diags.Errorf(n.Pos, diag.Negative, key, n.Raw)
		return false
	}
	return true
}

func (b *builder) addResult(r *Result) {
	if r.Value.Known { // a source may not state the same figure twice; the first one stands
		k := resultKey{r.Locality, r.Indicator, r.AsOf, r.Source}
		if o := b.valued[k]; o != nil {
			b.diags.Errorf(r.Pos(), diag.DuplicateFigure, r.Indicator.ID, r.Locality.ID, r.AsOf.String(), o.Pos().String())
			return
		}
		if b.valued == nil {
			b.valued = map[resultKey]*Result{}
		}
		b.valued[k] = r
	}
	b.links.results = append(b.links.results, r)
}

// resultKey is what a source may state only once: a locality's indicator on a date.
type resultKey struct {
	loc  *Locality
	ind  *Indicator
	asOf date.Date
	src  *Source
}

func (b *builder) comparison(src *Source, r load.Comparison) {
	parent, ind := b.resolveLocality(r.Parent), b.resolveIndicator(r.Indicator)
	if parent == nil || ind == nil {
		return
	}
	c := &Comparison{Source: src, Parent: parent, Indicator: ind, AsOf: r.AsOf.V, Note: r.Note.V, Pos: r.Pos}
	for _, id := range r.Below {
		l := b.resolveLocality(id)
		if l == nil {
			continue
		}
		if l.Parent != parent {
			b.diags.Errorf(id.Pos, diag.NotAChild, id.V, parent.ID)
			continue
		}
		c.Below = append(c.Below, l)
	}
	b.links.comparisons = append(b.links.comparisons, c)
}

// impliedTargets creates the targets that sources refer to without publishing them: a result
// with a share of a plan (or a remaining gap) implies the plan's target for that year.
func (b *builder) impliedTargets() {
	for _, r := range b.site.Results {
		for _, s := range r.Shares {
			b.implyTarget(r, s)
		}
	}
}

func (b *builder) implyTarget(r *Result, s ReportedShare) {
	if t := impliedTarget(r, s, true); t != nil {
		s.Plan.Targets = append(s.Plan.Targets, t)
		b.site.Targets = append(b.site.Targets, t)
	}
}

// impliedTarget returns the target that r's share s of a plan implies, or nil when the plan
// already has a target for r — among its published targets, and among those implied so far
// when withImplied is set — or when r does not say enough to work one out.
func impliedTarget(r *Result, s ReportedShare, withImplied bool) *Target {
	for _, t := range s.Plan.Targets {
		if (withImplied || !t.Implied) && t.Locality == r.Locality && t.Indicator == r.Indicator && t.Period.Contains(r.AsOf) {
			return nil // the plan has this target
		}
	}
	year := date.Period{Start: date.New(int(r.AsOf.Year), 1, 1), End: date.New(int(r.AsOf.Year), 12, 31), Text: fmt.Sprint(r.AsOf.Year)}
	t := &Target{Plan: s.Plan, Locality: r.Locality, Indicator: r.Indicator, Base: r.Indicator.Base, Period: year, Deadline: year.End,
		Implied: true, Credit: impliedCredit(r, s), line: r.line, col: r.col, TargetDetail: &TargetDetail{TargetStated: &TargetStated{Where: r.Where}}}
	switch {
	case r.Value.Known && r.Gap.Known:
		t.Value = Known(r.Value.V+r.Gap.V, int(max(r.Value.Decimals, r.Gap.Decimals)))
		t.Calc = Calc{How: ImpliedByGap, Inputs: []Num{r.Value, r.Gap}}
	case r.Value.Known && s.Share.Known && s.Share.V > 0:
		t.Value, t.ImpliedShare = ImpliedTarget(r.Value, s.Share.V, r.Indicator.Unit), s.Share
		t.Calc = Calc{How: ImpliedByShare, Inputs: []Num{r.Value, s.Share}}
	default:
		return nil
	}
	return t
}

// checkResults warns about results outside every plan period of their indicator and stops
// results larger than their denominator, reporting in the links of each result's file.
func (b *builder) checkResults(links []*sourceLinks) {
	// file by file on every processor: each file's problems go to its own list, in order
	inParallel(len(links), func(i int) {
		sl := links[i]
		for _, r := range sl.results {
			targets := b.site.TargetsFor(r.Locality, r.Indicator)
			if len(targets) > 0 && !slices.ContainsFunc(targets, func(t *Target) bool {
				return !r.AsOf.Before(t.Period.Start) && !r.AsOf.After(t.Deadline)
			}) {
				sl.diags.Warnf(r.Pos(), diag.OutsidePeriod, r.Indicator.ID, r.AsOf.String(), r.Locality.ID)
			}
			if r.Indicator.Base == NoBase || !r.Value.Known || r.Indicator.Unit != People {
				continue
			}
			if d := b.site.Denominator(r.Locality, r.Indicator.Base, int(r.AsOf.Year)); d.Known && r.Value.V > d.V {
				sl.diags.Errorf(r.Pos(), diag.OverDenominator, r.Indicator.ID, formatPlain(r.Value.V), r.Indicator.Base.String(), formatPlain(d.V))
			}
		}
	})
}

// resultRollupWarnings warns where a parent's result differs from the sum of its children's
// results of the same date, file by file (each results file's warnings are its own, so a
// rebuild can keep those of the files it need not look at again: relinkRollups).
func resultRollupWarnings(s *Site) map[*sourceLinks]*diag.List {
	lists := make([]*diag.List, len(s.links))
	inParallel(len(s.links), func(i int) { lists[i] = s.fileRollupWarnings(s.links[i]) })
	out := make(map[*sourceLinks]*diag.List, len(s.links))
	for i, sl := range s.links {
		out[sl] = lists[i]
	}
	return out
}

// fileRollupWarnings are the rollup warnings of the results of one file.
func (s *Site) fileRollupWarnings(sl *sourceLinks) *diag.List {
	out := &diag.List{}
	if s.sumsUnsure {
		return out
	}
	for _, r := range sl.results {
		if len(r.Locality.Children) == 0 || r.Derived || r.Indicator.Unit == Percent {
			continue
		}
		ru, ok := s.resultRollup(r.Locality, r)
		if ok && ru.Complete() && ru.Differs() {
			out.Warnf(r.Pos(), diag.ResultRollupMismatch, r.Indicator.ID, r.Locality.ID, r.AsOf.String(),
				diag.Figure(r.Value.V), diag.Figure(ru.ChildrenSum), diag.Figure(ru.Difference()), diag.Figure(ru.Children))
		}
	}
	return out
}

// relinkRollups are the rollup warnings of s, relinked from prev with the files gone and
// added: a file's warnings are worked out again when it is new or holds a result of a
// locality whose children's results changed (a parent of a locality of a result gone or
// added); every other file's are prev's.
func relinkRollups(prev, s *Site, gone, added []*sourceLinks) map[*sourceLinks]*diag.List {
	changed := map[*Locality]bool{}
	for _, sl := range slices.Concat(gone, added) {
		for _, r := range sl.results {
			changed[r.Locality] = true
		}
	}
	parents := map[*Locality]bool{}
	for _, l := range s.Localities {
		if slices.ContainsFunc(l.Children, func(c *Locality) bool { return changed[c] }) {
			parents[l] = true
		}
	}
	out := make(map[*sourceLinks]*diag.List, len(s.links))
	for _, sl := range s.links {
		old, kept := prev.rollups[sl]
		if kept && !slices.ContainsFunc(sl.results, func(r *Result) bool { return parents[r.Locality] }) {
			out[sl] = old
			continue
		}
		out[sl] = s.fileRollupWarnings(sl)
	}
	return out
}

// checkRollups warns where a parent's target differs from the sum of its children's in the
// same plan; the pages show the difference too. The rollups are the site's memo's, which
// the pages read: made once, not once to check and again to show (27 MB allocated twice
// at national scale).
func (b *builder) checkRollups() {
	if b.site.sumsUnsure {
		return
	}
	for _, p := range b.site.Plans {
		for _, ru := range b.site.PlanRollups(p) {
			if ru.Complete && ru.Differs() {
				b.diags.Warnf(ru.Parent.Pos(), diag.RollupMismatch, ru.Indicator.ID, ru.Parent.Locality.ID, diag.Figure(ru.Parent.Value.V), diag.Figure(ru.ChildrenSum))
			}
		}
	}
}
