package model

import (
	"bytes"
	"fmt"
	"github.com/covsite/covsite/internal/lang"
	"github.com/covsite/covsite/internal/routes"
	"maps"
	"math"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/textutil"
)

// Option changes how Build works.
type Option func(*options)

type options struct {
	release bool
}

// ReleaseRows lets Build empty each plan and report of raw once it has linked it, so a
// caller that drops raw afterwards lets the rows be freed during the build: a national
// site's are ~250 MB, freed before the site is complete.
func ReleaseRows() Option { return func(o *options) { o.release = true } }

// Site is the validated, linked domain of one site.
type Site struct {
	Config       Config
	Indicators   []*Indicator
	Localities   []*Locality // in tree order: each parent before its children
	Roots        []*Locality
	Plans        []*Plan
	Sources      []*Source
	Targets      []*Target
	Results      []*Result
	Comparisons  []*Comparison
	Denominators []*Denominators
	Documents    []*Document
	Grids        []*Grid

	indicatorByID map[string]*Indicator
	localityByID  map[string]*Locality
	planByID      map[string]*Plan
	index         *index
	memo          *memo

	// What Rebuild needs to link results files again: the problems found outside results
	// files, what each results file added (in file order), and which declarations are
	// missing because their file could not be read.
	base    *diag.List
	links   []*sourceLinks
	broken  broken
	rollups map[*sourceLinks]*diag.List // by file: its results that differ from their children's sum
	// sumsUnsure: the indicators or the locality tree have errors, so parents and children
	// are not compared (checkRollups, resultRollupWarnings).
	sumsUnsure bool
	// conflictsOf: by locality, its figures that two files give otherwise (precedence.go)
	conflictsOf map[*Locality]*diag.List
}

// Indicator returns the indicator with id, or nil.
func (s *Site) Indicator(id string) *Indicator { return s.indicatorByID[id] }

// Locality returns the locality with id, or nil.
func (s *Site) Locality(id string) *Locality { return s.localityByID[id] }

// Plan returns the plan with id, or nil.
func (s *Site) Plan(id string) *Plan { return s.planByID[id] }

// Build validates raw input and links it into a Site. It reports every problem it finds;
// the Site is usable for rendering only when the list has no errors. Build does not change
// raw unless told to with ReleaseRows.
func Build(raw *load.Site, opts ...Option) (*Site, *diag.List) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	b := &builder{
		release: o.release,
		diags:   &diag.List{},
		broken:  brokenFiles(raw.Unreadable),
		site: &Site{
			indicatorByID: map[string]*Indicator{},
			localityByID:  map[string]*Locality{},
			planByID:      map[string]*Plan{},
			memo:          &memo{},
		},
	}
	// raw is not read past the denominators: a caller that dropped it (ReleaseRows) lets
	// its localities' and denominators' raw values (~30 MB at national scale) be freed
	// while the plans and results are linked (the denominators' once linked)
	pending, plans, reports, documents := raw.Pending, raw.Plans, raw.Reports, raw.Documents
	b.config(raw.Config)
	before := b.diags.Count(diag.Error)
	b.indicators(raw.Indicators)
	b.localities(raw.Localities)
	// With an error in the indicators or the localities, a sum of children may miss a
	// child or a part only because of that error: comparing sums would report it again
	// as a mystery elsewhere.
	b.site.sumsUnsure = b.diags.Count(diag.Error) > before || b.broken.indicators || b.broken.localities
	b.grids(raw.Grids, raw.DefaultGrids)
	// the denominators are linked while the plans and results are, on a goroutine of their
	// own (nothing of those reads them; the index does): their problems, in a list of their
	// own, go between the grids' and the plans' (head, then dens, then the rest)
	dens := &builder{site: b.site, diags: &diag.List{}, broken: b.broken}
	var densLinked sync.WaitGroup
	densLinked.Go(func() { dens.denominators(raw.Denominators) })
	head := b.diags
	b.diags = &diag.List{}
	if p := pending; p != nil { // load.Lazy: the files are decoded as they are linked
		b.plans(p.Plans)
		// a plan file that could not be read: references to its plan are not reported
		maps.Copy(b.broken.plans, brokenFiles(p.Plans.Unreadable()).plans)
		b.reports(p.Reports)
	} else {
		b.plans(loaded[load.Plan]{plans, b.release})
		b.reports(loaded[load.Report]{reports, b.release})
	}
	b.impliedTargets()
	b.documents(documents)
	densLinked.Wait()
	head.Merge(dens.diags)
	head.Merge(b.diags)
	b.diags = head
	b.site.index = newIndex(b.site)
	// three checks of the linked site, at once: each reads it and reports into a list of
	// its own (the results files' links, the builder's, the rollups')
	var wg sync.WaitGroup
	wg.Go(func() { b.checkResults(b.site.links) })
	wg.Go(func() { b.site.rollups = resultRollupWarnings(b.site) })
	wg.Go(func() { b.site.conflictsOf = b.site.findConflicts() })
	b.checkRollups()
	wg.Wait()
	b.site.base, b.site.broken = b.diags, b.broken
	return b.site, b.site.diagnostics()
}

// diagnostics lists every problem found in the site's input.
func (s *Site) diagnostics() *diag.List {
	all := &diag.List{}
	all.Merge(s.base)
	for _, sl := range s.links {
		all.Merge(&sl.diags)
	}
	for _, sl := range s.links {
		all.Merge(s.rollups[sl])
	}
	all.Merge(s.conflicts())
	return all
}

type builder struct {
	site    *Site
	release bool // empty raw's plans and reports once linked (ReleaseRows)
	diags   *diag.List
	broken  broken
	links   *sourceLinks          // the results file being linked
	valued  map[resultKey]*Result // the first result with a value per key, for addResult
	strs    map[string]string     // one copy of each text many rows repeat (intern)
	// the details the builder's results and targets share (resultDetail, targetDetail)
	resultDetails map[resultShared]*ResultDetail
	targetDetails map[targetShared]*TargetDetail
	targets       []*Target // of a plan's builder: linked, for plans to add to the site
	// a row's figures by Indicator.Order while it is linked, and their indicators in the
	// order the row gives them: kept from row to row (targetSlots, resultSlots)
	targetRowBuf []*Target
	resultRowBuf []*Result
	order        []*Indicator
}

// intern returns the one copy of s the site keeps: periods, per and notes repeat over
// hundreds of thousands of targets and results.
func (b *builder) intern(s string) string {
	if s == "" {
		return ""
	}
	if v, ok := b.strs[s]; ok {
		return v
	}
	if b.strs == nil {
		b.strs = map[string]string{}
	}
	b.strs[s] = s
	return s
}

// internText is intern for both languages of t.
func (b *builder) internText(t lang.Text) lang.Text { return lang.T(b.intern(t.VI), b.intern(t.EN)) }

// broken says which declarations may be missing because their file could not be read: a
// reference to them is then not reported again, the file's own error says it all.
type broken struct {
	indicators, localities bool
	plans                  map[string]bool
}

func brokenFiles(files []string) broken {
	br := broken{plans: map[string]bool{}}
	for _, f := range files {
		switch dir := path.Dir(f); {
		case f == "data/indicators.toml":
			br.indicators = true
		case strings.HasPrefix(dir, "data/localities"):
			br.localities = true
		case strings.HasPrefix(dir, "data/plans"):
			br.plans[strings.TrimSuffix(path.Base(f), path.Ext(f))] = true
		}
	}
	return br
}

func (b *builder) config(c load.Config) {
	b.site.Config = Config{
		Title:       lang.T(c.Title.V, or(c.TitleEN.V, c.Title.V)),
		Description: lang.T(c.Description.V, or(c.DescriptionEN.V, c.Description.V)),
		BaseURL:     or(c.BaseURL.V, "/"), Publisher: lang.T(c.Publisher.V, c.PublisherEN.V),
	}
	b.site.Config.Languages = b.languages(c.Languages)
	b.site.Config.Footer = lang.T(c.Footer.V, or(c.FooterEN.V, c.Footer.V))
}

// languages checks data/site.toml's languages: each one of lang.Codes, in lang.Codes'
// order; nil (every language) when none is given or none is valid.
func (b *builder) languages(list []load.Str) []string {
	var out []string
	for _, code := range lang.Codes {
		for _, s := range list {
			if s.V == code && !slices.Contains(out, code) {
				out = append(out, code)
			}
		}
	}
	for _, s := range list {
		b.choice("languages", s, lang.Codes)
	}
	return out
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// checkID reports an id that cannot become a URL segment. A missing id was reported when
// it was read.
func (b *builder) checkID(id load.Str) bool {
	if !id.Set() {
		return false
	}
	if why, bad := load.IDProblem(id.V); bad {
		b.diags.Errorf(id.Pos, diag.BadID, id.V, why, or(textutil.Slug(id.V), "phuong-1"))
		return false
	}
	return true
}

// checkFileID reports the id of a plan or source, which is its file name, when it cannot
// become a URL segment.
func (b *builder) checkFileID(id string, file diag.Pos) bool {
	if why, bad := load.IDProblem(id); bad {
		b.diags.Errorf(file, diag.BadFileName, path.Base(file.File), why, or(textutil.Slug(id), "ke-hoach")+".toml")
		return false
	}
	return true
}

// Kinds of things, as messages name them.
var (
	wordIndicator = diag.W("chỉ số", "indicator")
	wordLocality  = diag.W("địa phương", "locality")
	wordPlan      = diag.W("kế hoạch", "plan")
	wordSource    = diag.W("nguồn (tệp kết quả)", "source (results file)")
	wordDocument  = diag.W("bài viết", "page")
)

// choice checks that s is one of the allowed values.
func (b *builder) choice(key string, s load.Str, allowed []string) bool {
	if slices.Contains(allowed, s.V) {
		return true
	}
	if !s.Set() {
		return false // missing or of the wrong type: reported when it was read
	}
	b.diags.Errorf(s.Pos, diag.BadChoice, key, s.V, strings.Join(allowed, ", "))
	return false
}

var (
	units      = []string{string(People), string(Percent), string(MillionVND), string(Count)}
	directions = []string{string(HigherIsBetter), string(LowerIsBetter)}
	bases      = []string{Population.String(), LabourForce.String(), Eligible.String(), Retired.String()}
)

func (b *builder) indicators(raw []load.Indicator) {
	seen := map[string]diag.Pos{}
	for i, r := range raw {
		if !b.checkID(r.ID) {
			continue
		}
		if at, dup := seen[r.ID.V]; dup {
			b.diags.Errorf(r.ID.Pos, diag.DuplicateID, wordIndicator, r.ID.V, at.String())
			continue
		}
		seen[r.ID.V] = r.ID.Pos
		ind := &Indicator{
			ID: r.ID.V, Order: i, Name: lang.T(r.Name.V, or(r.NameEN.V, r.Name.V)),
			Short: lang.T(or(r.Short.V, r.Name.V), or(r.ShortEN.V, or(r.NameEN.V, r.Short.V))),
			Unit:  Unit(r.Unit.V), Noun: lang.T(r.Noun.V, r.NounEN.V),
			Direction: HigherIsBetter, Base: baseOf(r.Denominator.V),
			Description: lang.T(r.Description.V, r.DescriptionEN.V), Pos: r.Pos,
		}
		b.choice("unit", r.Unit, units)
		if r.Direction.Set() && b.choice("direction", r.Direction, directions) {
			ind.Direction = Direction(r.Direction.V)
		}
		if r.Denominator.Set() {
			b.choice("denominator", r.Denominator, bases)
		}
		b.site.Indicators = append(b.site.Indicators, ind)
		b.site.indicatorByID[ind.ID] = ind
	}
	for i, r := range raw {
		ind := b.site.indicatorByID[r.ID.V]
		if ind == nil || ind.Order != i {
			continue
		}
		for _, part := range r.SumOf {
			p := b.resolveIndicator(part)
			if p == nil {
				continue
			}
			if p.Unit != ind.Unit {
				b.diags.Errorf(part.Pos, diag.ComponentMismatch, ind.ID, p.ID)
				continue
			}
			ind.SumOf = append(ind.SumOf, p)
		}
	}
}

// resolveIndicator finds an indicator by id, reporting an unknown id with the nearest one.
func (b *builder) resolveIndicator(id load.Str) *Indicator {
	if ind := b.site.indicatorByID[id.V]; ind != nil || b.broken.indicators {
		return ind
	}
	b.unknownRef(wordIndicator, id, mapKeys(b.site.indicatorByID))
	return nil
}

func (b *builder) resolveLocality(id load.Str) *Locality {
	if l := b.site.localityByID[id.V]; l != nil || b.broken.localities {
		return l
	}
	b.unknownRef(wordLocality, id, mapKeys(b.site.localityByID))
	return nil
}

func (b *builder) resolvePlan(id load.Str) *Plan {
	if p := b.site.planByID[id.V]; p != nil || b.broken.plans[id.V] {
		return p
	}
	b.unknownRef(wordPlan, id, mapKeys(b.site.planByID))
	return nil
}

func (b *builder) unknownRef(what diag.Words, id load.Str, candidates []string) {
	if !id.Set() {
		return // missing or of the wrong type: reported when it was read
	}
	if near := textutil.NearestID(id.V, candidates); near != "" {
		b.diags.Errorf(id.Pos, diag.UnknownRefNear, what, id.V, near)
		return
	}
	b.diags.Errorf(id.Pos, diag.UnknownRef, what, id.V)
}

func mapKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func (b *builder) localities(raw []load.Locality) {
	declared := map[string]load.Locality{}
	var order []string
	for _, r := range raw {
		if !b.checkID(r.ID) {
			continue
		}
		if prev, dup := declared[r.ID.V]; dup {
			if prev.Parent.V != r.Parent.V {
				b.diags.Errorf(r.ID.Pos, diag.TwoParents, r.ID.V, prev.Parent.V, r.Parent.V)
			} else {
				b.diags.Errorf(r.ID.Pos, diag.DuplicateID, wordLocality, r.ID.V, prev.ID.Pos.String())
			}
			continue
		}
		kinds := make([]string, len(Kinds))
		for i, k := range Kinds {
			kinds[i] = string(k)
		}
		b.choice("kind", r.Kind, kinds)
		declared[r.ID.V] = r
		order = append(order, r.ID.V)
		b.site.localityByID[r.ID.V] = &Locality{
			ID: r.ID.V, Name: lang.T(r.Name.V, englishOf(r.NameEN.V, r.Name.V)), Kind: Kind(r.Kind.V),
			Since: r.Since.V, Until: r.Until.V, Note: lang.T(r.Note.V, r.NoteEN.V), Pos: r.Pos,
		}
		if !r.Since.V.IsZero() && !r.Until.V.IsZero() && r.Until.V.Before(r.Since.V) {
			b.diags.Errorf(r.Until.Pos, diag.EndsBeforeStart, r.ID.V, r.Until.V.String(), r.Since.V.String())
		}
	}
	for _, id := range order {
		r, l := declared[id], b.site.localityByID[id]
		if r.Parent.Set() {
			l.Parent = b.resolveLocality(r.Parent)
		}
		if r.Successor.Set() {
			l.Successor = b.resolveLocality(r.Successor)
			b.checkSuccessor(r, l)
		}
	}
	b.breakCycles(order, declared)
	for _, id := range order {
		l := b.site.localityByID[id]
		if l.Parent != nil {
			l.Parent.Children = append(l.Parent.Children, l)
		} else {
			b.site.Roots = append(b.site.Roots, l)
		}
		if l.Successor != nil {
			l.Successor.Predecessors = append(l.Successor.Predecessors, l)
		}
	}
	for _, root := range b.site.Roots {
		b.walk(root, 0)
	}
}

func (b *builder) checkSuccessor(r load.Locality, l *Locality) {
	s := l.Successor
	if s == nil {
		return
	}
	if s == l {
		b.diags.Errorf(r.Successor.Pos, diag.Cycle, l.ID+" → "+l.ID)
		l.Successor = nil
		return
	}
	if !s.Until.IsZero() && !l.Until.IsZero() && s.Until.Before(l.Until) {
		b.diags.Errorf(r.Successor.Pos, diag.SuccessorEarly, s.ID, s.Until.String(), l.ID, l.Until.String())
	}
}

// breakCycles finds parent chains that loop, reports each once and cuts it so the tree can
// still be walked.
func (b *builder) breakCycles(order []string, declared map[string]load.Locality) {
	state := map[*Locality]int{} // 0 unvisited, 1 on the current chain, 2 done
	for _, id := range order {
		var chain []*Locality
		for l := b.site.localityByID[id]; l != nil && state[l] != 2; l = l.Parent {
			if state[l] == 1 {
				names := []string{}
				start := slices.Index(chain, l)
				for _, c := range chain[start:] {
					names = append(names, c.ID)
				}
				names = append(names, l.ID)
				b.diags.Errorf(declared[l.ID].Parent.Pos, diag.Cycle, strings.Join(names, " → "))
				l.Parent = nil
				break
			}
			state[l] = 1
			chain = append(chain, l)
		}
		for _, c := range chain {
			state[c] = 2
		}
	}
}

// walk records tree order and depth; children are sorted in Vietnamese order.
func (b *builder) walk(l *Locality, depth int) {
	l.Depth = depth
	b.site.Localities = append(b.site.Localities, l)
	slices.SortStableFunc(l.Children, CompareLocalities)
	for _, c := range l.Children {
		b.walk(c, depth+1)
	}
}

// CompareLocalities orders current localities before former ones, then by Vietnamese name.
func CompareLocalities(a, c *Locality) int {
	if a.Ended() != c.Ended() {
		if a.Ended() {
			return 1
		}
		return -1
	}
	if n := textutil.CompareVietnamese(a.Name.VI, c.Name.VI); n != 0 {
		return n
	}
	return strings.Compare(a.ID, c.ID)
}

func (b *builder) denominators(raw []load.Denominator) {
	seen := map[string]diag.Pos{}
	// in one array (60,000 at national scale), never grown: b.site.Denominators points into it
	all := make([]Denominators, 0, len(raw))
	b.site.Denominators = make([]*Denominators, 0, len(raw))
	for _, r := range raw {
		l := b.resolveLocality(r.Locality)
		if l == nil || !b.year(r.Year) {
			continue
		}
		key := fmt.Sprintf("%s/%d", l.ID, int(r.Year.V))
		if at, dup := seen[key]; dup {
			b.diags.Errorf(r.Year.Pos, diag.DuplicateFigure, diag.W("mẫu số", "denominators"), l.ID, fmt.Sprint(int(r.Year.V)), at.String())
			continue
		}
		seen[key] = r.Year.Pos
		// a national site's 60,000 name a few sources: a string each was 2.7 MB kept
		all = append(all, Denominators{Locality: l, Year: int(r.Year.V), Source: b.intern(r.Source.V), Pos: r.Pos})
		d := &all[len(all)-1]
		for base, n := range map[Base]load.Num{Population: r.Population, LabourForce: r.LabourForce, Eligible: r.Eligible, Retired: r.Retired} {
			if n.Set() && b.wholeNonNegative(base.String(), n) {
				d.Values.Set(base, n.V)
			}
		}
		b.site.Denominators = append(b.site.Denominators, d)
	}
}

// year checks a denominator's year.
func (b *builder) year(n load.Num) bool {
	if !n.Set() {
		return false
	}
	if !n.Int || n.V < 1900 || n.V > 2200 {
		b.diags.Errorf(n.Pos, diag.BadYear, n.Raw)
		return false
	}
	return true
}

// wholeNonNegative checks a count of people: 1.888 (a float to TOML, a thousand eight
// hundred and eighty-eight to whoever typed it) gets a hint to write 1888.
func (b *builder) wholeNonNegative(key string, n load.Num) bool {
	if n.V < 0 {
		b.diags.Errorf(n.Pos, diag.Negative, key, n.Raw)
		return false
	}
	if n.Int {
		return true
	}
	if plain, ok := load.VietnameseNumber(strings.ReplaceAll(n.Raw, "_", "")); ok && !strings.Contains(plain, ".") {
		b.diags.Errorf(n.Pos, diag.NotWholeNumber, key, n.Raw, plain, load.Underscored(plain))
		return false
	}
	b.diags.Errorf(n.Pos, diag.FractionalCount, key, n.Raw, formatPlain(math.Round(n.V)))
	return false
}

// percent checks a percentage between 0 and 100.
func (b *builder) percent(key string, n load.Num) bool {
	if n.V < 0 || n.V > 100 {
		b.diags.Errorf(n.Pos, diag.RateOutOfRange, key, n.Raw)
		return false
	}
	return true
}

func (b *builder) period(s load.Str) (date.Period, bool) {
	if !s.Set() {
		return date.Period{}, false // missing: reported when it was read
	}
	p, err := date.ParsePeriod(s.V)
	if err != nil {
		b.diags.Errorf(s.Pos, diag.BadPeriod, s.V)
		return date.Period{}, false
	}
	p.Text = b.intern(p.Text)
	return p, true
}

func num(n load.Num) Num { return Known(n.V, WrittenDecimals(n.Raw)) }

// WrittenDecimals counts the digits after the decimal point of a number as written
// ("108.20" → 2; underscores between digits left out, an exponent too), without copying
// raw: it is asked of every figure of a site, and of every share an import reads.
func WrittenDecimals(raw string) int {
	_, frac, ok := strings.Cut(raw, ".")
	if !ok {
		return 0
	}
	if i := strings.IndexAny(frac, "eE"); i >= 0 {
		frac = frac[:i]
	}
	return len(frac) - strings.Count(frac, "_")
}

// documentKey is where a document is published: updates under tin-tuc/, every other page
// at the root, whatever folder of content/ it is in.
func documentKey(r load.Document) string {
	if r.Section == "updates" {
		return "updates/" + r.Slug + "/" + r.Lang
	}
	return r.Slug + "/" + r.Lang
}

// checkReady reports an update that is not a draft but still has the skeleton's body or no
// summary: it would be published as it is.
func (b *builder) checkReady(r load.Document) {
	if strings.TrimSpace(r.Summary.V) == "" {
		pos := r.Summary.Pos
		if pos.File == "" {
			pos = r.Pos
		}
		b.diags.Errorf(pos, diag.EmptySummary)
	}
	for _, skeleton := range UpdateSkeleton {
		if i := bytes.Index(r.Body, []byte(skeleton)); i >= 0 {
			line := r.BodyLine + bytes.Count(r.Body[:i], []byte("\n"))
			b.diags.Errorf(diag.At(r.Pos.File, line, 1), diag.SkeletonBody)
			break
		}
	}
}

func (b *builder) documents(raw []load.Document) {
	seen := map[string]diag.Pos{}
	for _, r := range raw {
		if what, taken := routes.Reserved[r.Slug]; taken && r.Section != "updates" {
			b.diags.Errorf(r.Pos, diag.ReservedID, r.Slug, what, "content/"+r.Slug+"-1.md")
			continue
		}
		key := documentKey(r)
		if at, dup := seen[key]; dup {
			b.diags.Errorf(r.Pos, diag.DuplicateID, wordDocument, r.Slug, at.String())
			continue
		}
		seen[key] = r.Pos
		if !r.Draft && r.Section == "updates" {
			b.checkReady(r)
		}
		doc := &Document{
			Section: r.Section, Slug: r.Slug, Lang: r.Lang, Title: r.Title.V, Date: r.Date.V,
			Summary: r.Summary.V, Body: r.Body, BodyLine: r.BodyLine, Path: r.Path, Pos: r.Pos, Draft: r.Draft,
		}
		for _, id := range r.Localities {
			if l := b.resolveLocality(id); l != nil {
				doc.Localities = append(doc.Localities, l)
			}
		}
		for _, id := range r.Plans {
			if p := b.resolvePlan(id); p != nil {
				doc.Plans = append(doc.Plans, p)
			}
		}
		b.site.Documents = append(b.site.Documents, doc)
	}
}
