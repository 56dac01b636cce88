package view

import (
	"slices"
	"strings"

	"github.com/covsite/covsite/internal/lang"
	"github.com/covsite/covsite/internal/model"
)

// localitySources are the page's sources: the plans, a line per issuer ("Kế hoạch — UBND
// thành phố Long An: 376/KH-UBND (23/1/2025; người ký …); 95/KH-UBND (…)"), then the
// results documents. The documents of one kind and publisher whose titles differ only in
// their middle — a province's half-yearly reports — share a line that gives their title
// once and what tells each apart, with its date; the others get a line each.
func (c *Context) localitySources(facts localityFacts) []Line {
	var plans []*model.Plan
	for _, pp := range facts.plans {
		plans = append(plans, pp.Plan)
	}
	out := c.planSources(plans)
	for _, g := range groupSources(facts.sources, c.Lang()) {
		out = append(out, c.sourceLines(g)...)
	}
	return out
}

// planSources is a line per issuer, its plans in the order given.
func (c *Context) planSources(plans []*model.Plan) []Line {
	if len(plans) == 0 {
		return nil
	}
	// each issuer's line counted first, then every line cut from one array: a line grown
	// piece by piece was copied a few times over on a page of many plans
	var room [16]string
	issuers := room[:0] // of the lines, in order
	sizes := make([]int, 0, len(plans))
	for _, p := range plans {
		ps := c.planSource(p)
		i := slices.Index(issuers, ps.issuer)
		if i < 0 {
			i = len(issuers)
			issuers, sizes = append(issuers, ps.issuer), append(sizes, len(ps.lead)) // the lead
		} else {
			sizes[i]++ // "; "
		}
		sizes[i] += len(ps.pieces) // the plan's pieces
	}
	total := 0
	for _, n := range sizes {
		total += n
	}
	all, at := make(Line, total), 0
	out := make([]Line, len(issuers))
	for i, n := range sizes {
		out[i], at = all[at:at:at+n], at+n
	}
	for _, p := range plans {
		ps := c.planSource(p)
		i := slices.Index(issuers, ps.issuer)
		if len(out[i]) == 0 {
			out[i] = append(out[i], ps.lead...)
		} else {
			out[i] = append(out[i], text("; "))
		}
		out[i] = append(out[i], ps.pieces...)
	}
	return out
}

// planSource is what a plan's line of sources says of it: its issuer, the start of the
// issuer's line, and the plan's link with its date and signer.
type planSource struct {
	issuer string
	lead   Line // "Kế hoạch — <issuer>: ", the issuer marked Vietnamese on an English page without English
	pieces Line
}

func (c *Context) makePlanSource(p *model.Plan) planSource {
	f := c.F
	issuer := f.Issuer(p)
	ps := planSource{issuer: issuer, lead: Line{text(f.TS("source.plan") + " — "), c.issuer(p), text(": ")}}
	ps.pieces = Line{c.planLink(p)}
	var about []string
	if !p.Issued.IsZero() {
		about = append(about, f.Date(p.Issued))
	}
	if p.Signer != "" {
		about = append(about, f.TS("signer")+" "+p.Signer)
	}
	if len(about) > 0 {
		ps.pieces = append(ps.pieces, text(" ("+strings.Join(about, "; ")+")"))
	}
	ps.pieces = ps.pieces[:len(ps.pieces):len(ps.pieces)]
	return ps
}

// groupSources puts together, in the order given, the documents of one kind and publisher
// that have no note and whose titles are in the page's language alike (translated or not).
func groupSources(srcs []*model.Source, code string) [][]*model.Source {
	if len(srcs) == 0 {
		return nil
	}
	alone := func(s *model.Source) bool { return s.Note.In(code) != "" || s.Publisher == "" }
	// each document's group, found by scanning the groups' first documents (a page cites a
	// few), and each group's size; then the groups cut from one array
	var groupRoom, firstRoom, sizeRoom [16]int
	group, firsts, sizes := groupRoom[:0], firstRoom[:0], sizeRoom[:0]
	for j, s := range srcs {
		i := -1
		for k, f := range firsts {
			if first := srcs[f]; !alone(s) && !alone(first) && first.Kind == s.Kind && first.Publisher == s.Publisher &&
				untranslated(first, code) == untranslated(s, code) {
				i = k
				break
			}
		}
		if i < 0 {
			i = len(firsts)
			firsts, sizes = append(firsts, j), append(sizes, 0)
		}
		group, sizes[i] = append(group, i), sizes[i]+1
	}
	all, at := make([]*model.Source, len(srcs)), 0
	out := make([][]*model.Source, len(firsts))
	for i, n := range sizes {
		out[i], at = all[at:at:at+n], at+n
	}
	for j, s := range srcs {
		out[group[j]] = append(out[group[j]], s)
	}
	return out
}

// minSharedWords is how many words of their titles, at the start, documents share to be
// named on one line.
const minSharedWords = 4

// makeSourceLines names a group of documents: on one line when their titles share their
// start (and maybe their end), else a line each.
func (c *Context) makeSourceLines(g []*model.Source) []Line {
	titles := make([][]string, len(g))
	for i, s := range g {
		titles[i] = strings.Split(c.titleOf(s), " ")
	}
	pre, suf := sharedWords(titles)
	if len(g) < 2 || pre < minSharedWords {
		var out []Line
		for _, s := range g {
			line := c.sourceLine(s)
			if note := s.Note.In(c.F.Code); note != "" {
				line = append(line, text(". "+note))
			}
			out = append(out, line)
		}
		return out
	}
	f := c.F
	first := titles[0]
	shared := strings.Join(first[:pre], " ") + " …"
	if suf > 0 {
		shared += " " + strings.Join(first[len(first)-suf:], " ")
	}
	cite := c.cite(g[0])
	cite.Text = shared
	line := c.originalTitle(Line{text(f.TS("source."+g[0].Kind) + " — "), c.vietnamese(g[0].Publisher), text(": "), cite}, g[0])
	line = append(line, text(" — "))
	for i, s := range g {
		if i > 0 {
			line = append(line, text("; "))
		}
		words := titles[i]
		line = append(line, text(strings.Join(words[pre:len(words)-suf], " ")+" ("+c.published(s)+")"))
	}
	return []Line{line}
}

// originalTitle appends to line, which ends with src's title cited (cite), that the title
// is the original, Vietnamese one when the page's language has none of its own: the cite
// is marked lang="vi" for screen readers, and a reader learns it is not a translation.
func (c *Context) originalTitle(line Line, src *model.Source) Line {
	if !untranslated(src, c.Lang()) {
		return line
	}
	return append(line, text(" "+c.F.TS("source.original_title")))
}

// untranslated reports whether src's title, on a page in code, is its Vietnamese one:
// the data gives no title_en (the model then gives the Vietnamese title in English too).
func untranslated(src *model.Source, code string) bool {
	return code != lang.VI && (src.Title.EN == "" || src.Title.EN == src.Title.VI)
}

// titleOf is a document's title as the page cites it.
func (c *Context) titleOf(s *model.Source) string { return c.cite(s).Text }

// sharedWords counts the words every title starts with and, after those, ends with,
// leaving each title at least one word of its own.
func sharedWords(titles [][]string) (pre, suf int) {
	if len(titles) == 0 {
		return 0, 0
	}
	shortest := len(titles[0])
	for _, t := range titles {
		shortest = min(shortest, len(t))
	}
	for pre < shortest-1 && allEqual(titles, func(t []string) string { return t[pre] }) {
		pre++
	}
	for pre+suf < shortest-1 && allEqual(titles, func(t []string) string { return t[len(t)-1-suf] }) {
		suf++
	}
	return pre, suf
}

func allEqual(titles [][]string, word func([]string) string) bool {
	for _, t := range titles[1:] {
		if word(t) != word(titles[0]) {
			return false
		}
	}
	return true
}
