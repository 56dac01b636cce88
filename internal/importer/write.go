package importer

import (
	"fmt"
	"strings"
	"testing/fstest"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/lang"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/textutil"
)

// outRow is one row to write: a locality and its figures in column order.
type outRow struct {
	Comment  string // the row's name in the table
	Locality string
	Keys     []string
	Values   map[string]number
	Note     string
	Where    lang.Text // where the row stands in the document
	Plan     string    // the plan its shares are of (plan = …), for a row of results with share.…
}

// figureLines writes key = value lines.
func figureLines(r outRow) string {
	var b strings.Builder
	for _, k := range r.Keys {
		if v, ok := r.Values[k]; ok {
			fmt.Fprintf(&b, "%s = %s\n", k, tomlNumber(v))
		}
	}
	return b.String()
}

// block writes one [[target]] or [[result]] table.
func block(kind string, r outRow, extra string) string {
	var b strings.Builder
	if r.Comment != "" {
		fmt.Fprintf(&b, "\n# %s\n", r.Comment)
	} else {
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "[[%s]]\nlocality = %s\n%s", kind, textutil.TOMLString(r.Locality), extra)
	if r.Plan != "" {
		fmt.Fprintf(&b, "plan = %s\n", textutil.TOMLString(r.Plan))
	}
	if r.Where.VI != "" {
		fmt.Fprintf(&b, "where = %s\n", textutil.TOMLString(r.Where.VI))
		if r.Where.EN != r.Where.VI {
			fmt.Fprintf(&b, "where_en = %s\n", textutil.TOMLString(r.Where.EN))
		}
	}
	b.WriteString(figureLines(r))
	if r.Note != "" {
		fmt.Fprintf(&b, "note = %s\n", textutil.TOMLString(r.Note))
	}
	return b.String()
}

// figureAt is where a plan file already sets a figure.
type figureAt struct {
	line  int // 1-based
	value float64
	text  string // the line
}

// planBlock is a [[target]] table of an existing plan file.
type planBlock struct {
	locality, period string
	last             int // line of its last figure
	figures          map[string]figureAt
}

// readPlanBlocks reads the [[target]] tables of a plan file with the loader, so every
// figure's line is known. plan is the plan's id, src its text.
func readPlanBlocks(rel string, src []byte) (planLocality, planPeriod string, blocks []*planBlock, err error) {
	raw, diags := load.Load(fstest.MapFS{rel: {Data: src}})
	for _, d := range diags.Items() {
		if d.Severity == diag.Error && d.Pos.File == rel { // the rest of the site is not here
			return "", "", nil, fmt.Errorf("%s has errors; run covsite check and fix them first", rel)
		}
	}
	if len(raw.Plans) != 1 {
		return "", "", nil, fmt.Errorf("%s could not be read", rel)
	}
	p := raw.Plans[0]
	lines := strings.Split(string(src), "\n")
	for _, row := range p.Targets {
		if row.Per.V != "" {
			continue // per month or quarter: another kind of target
		}
		b := &planBlock{locality: or(row.Locality.V, p.Locality.V), period: or(row.Period.V, p.Period.V), figures: map[string]figureAt{}}
		add := func(prefix string, figs []load.Figure) {
			for _, f := range figs {
				line := int(f.Value.Pos.Line)
				b.figures[prefix+f.Key.V] = figureAt{line: line, value: f.Value.V, text: lines[line-1]}
				b.last = max(b.last, line)
			}
		}
		add("", row.Values)
		add("rate.", row.Rates)
		if b.last > 0 {
			blocks = append(blocks, b)
		}
	}
	return p.Locality.V, p.Period.V, blocks, nil
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// planEdit is how an existing plan file changes.
type planEdit struct {
	replace  map[int]string   // line → new text
	insert   map[int][]string // after line → new lines
	appended []outRow         // rows of localities the plan has no table for yet
	added    int
	changed  []string // "tp-tra-vinh bhyt: 108_441 → 108_442 (line 21)"
	same     int
	inline   []string // figures in inline tables, which cannot be edited line by line
	lang     string
}

// editPlan works out the changes that bring rows into a plan file whose tables are blocks,
// for period.
func editPlan(blocks []*planBlock, rows []outRow, period, lang string) *planEdit {
	e := &planEdit{replace: map[int]string{}, insert: map[int][]string{}, lang: lang}
	for _, r := range rows {
		b := findBlock(blocks, r.Locality, period)
		if b == nil {
			e.appended = append(e.appended, r)
			e.added += len(r.Values)
			continue
		}
		for _, k := range r.Keys {
			v, ok := r.Values[k]
			if ok {
				e.figure(b, r.Locality, k, v)
			}
		}
	}
	return e
}

// figure records one figure of a locality that the plan already has a table for.
func (e *planEdit) figure(b *planBlock, locality, key string, v number) {
	at, exists := b.figures[key]
	switch {
	case !exists:
		e.insert[b.last] = append(e.insert[b.last], fmt.Sprintf("%s = %s", key, tomlNumber(v)))
		e.added++
	case at.value == v.V:
		e.same++
	case strings.Contains(at.text, "{"):
		e.inline = append(e.inline, fmt.Sprintf(diag.W("%s %s (dòng %d)", "%s %s (line %d)").In(e.lang), locality, key, at.line))
	default:
		e.replace[at.line] = replaceValue(at.text, tomlNumber(v))
		e.changed = append(e.changed, fmt.Sprintf(diag.W("%s %s: %s → %s (dòng %d)", "%s %s: %s → %s (line %d)").In(e.lang), locality, key,
			tomlNumber(plain(at.value)), tomlNumber(v), at.line))
	}
}

func findBlock(blocks []*planBlock, locality, period string) *planBlock {
	for _, b := range blocks {
		if b.locality == locality && b.period == period {
			return b
		}
	}
	return nil
}

// replaceValue rewrites "key = old  # comment" as "key = new  # comment".
func replaceValue(line, value string) string {
	eq := strings.Index(line, "=")
	rest := line[eq+1:]
	comment := ""
	if i := strings.Index(rest, "#"); i >= 0 {
		comment = "  " + rest[i:]
	}
	return line[:eq+1] + " " + value + comment
}

// apply returns src with the edit made and the new tables appended after header.
func (e *planEdit) apply(src []byte, header, period, planPeriod string) []byte {
	lines := strings.Split(string(src), "\n")
	var b strings.Builder
	for i, line := range lines {
		n := i + 1
		if r, ok := e.replace[n]; ok {
			line = r
		}
		b.WriteString(line)
		if i < len(lines)-1 {
			b.WriteByte('\n')
		}
		for _, add := range e.insert[n] {
			b.WriteString(add + "\n")
		}
	}
	if len(e.appended) == 0 {
		return []byte(b.String())
	}
	out := strings.TrimRight(b.String(), "\n") + "\n\n" + header
	extra := ""
	if period != planPeriod {
		extra = "period = " + textutil.TOMLString(period) + "\n"
	}
	for _, r := range e.appended {
		out += block("target", r, extra)
	}
	return []byte(out)
}
