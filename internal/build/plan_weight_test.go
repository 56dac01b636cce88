package build

import (
	"bytes"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/gen/gentest"
	"github.com/covsite/covsite/internal/routes"
	"github.com/covsite/covsite/internal/view"
)

// planWeight is what a plan's page weighs: in all, in its allocation table, and the rows
// and columns that table shows.
type planWeight struct {
	size, table, rows, cols int
	parts                   int // the plan's pages: 1, or more when its table is split
}

// planWeights renders every plan page of the national dataset at scale, in both
// languages, with the parts of split tables, and measures each. Every page, part or not,
// must be at most htmlBudget at the scale itself.
func planWeights(t *testing.T, scale float64) map[string]planWeight {
	t.Helper()
	p, err := Prepare(Options{Source: gentest.Site(t, scale)}, nil)
	if err != nil {
		t.Fatal(err, p.Diagnostics.Err("en"))
	}
	out := map[string]planWeight{}
	for _, pg := range p.Pages() {
		kind, id := routes.Parse(pg.Path)
		if kind != routes.PlanKind || !strings.HasSuffix(pg.Path, "index.html") {
			continue
		}
		b, err := pg.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		if len(b) > htmlBudget {
			t.Errorf("scale %g: %s is %d bytes, over %d", scale, pg.Path, len(b), htmlBudget)
		}
		if pg.Path != routes.File(routes.LangOf(pg.Path), routes.Plan(id)) {
			continue // a part of a split table: counted with its plan
		}
		w := planWeight{size: len(b), parts: max(1, view.PlanTableParts(p.Site, p.Site.Plan(id)))}
		if table := section(b, "bang"); table != nil {
			w.table = len(table)
			w.rows = bytes.Count(table, []byte(`<tr><th scope="row">`)) - bytes.Count(table, []byte(`<tfoot>`))
			w.cols = bytes.Count(table, []byte(`<th scope="col">`)) - 1 // the unit's column is no indicator
		}
		out[pg.Path] = w
	}
	return out
}

// section is the bytes of the element <section id="id"> of a page, nil when it has none.
func section(page []byte, id string) []byte {
	i := bytes.Index(page, []byte(`<section id="`+id+`"`))
	if i < 0 {
		return nil
	}
	j := bytes.Index(page[i:], []byte(`</section>`))
	if j < 0 {
		return page[i:]
	}
	return page[i : i+j]
}

// TestNationalPlanPagesStayLight (issue 13): no plan page over 200 KB at scale 1, checked
// on the national dataset at scales 0.1 and 0.2. A plan's table grows with its localities
// (a province of 168 communes after the 2025 merger, 17 at scale 0.1), so each plan page
// is projected to scale 1 as the lists are (linearly, from how much it grew), its table
// by its average row and its number of rows, as many as one part of a split table holds;
// the rest of the page by how much it grew. Every page, and every part of a split table,
// is also at most 200 KB at the scales measured.
func TestNationalPlanPagesStayLight(t *testing.T) {
	const a, b = nationalScale, 2 * nationalScale
	grow := func(va, vb int) float64 { return float64(vb) + float64(vb-va)*(1-b)/(b-a) }
	at, bt := planWeights(t, a), planWeights(t, b)
	heaviest, compared, best := "", 0, 0.0
	for page, wb := range bt {
		wa, ok := at[page]
		if !ok || wb.rows < wa.rows {
			continue // a district's plan of another sample of districts
		}
		compared++
		rest := grow(wa.size-wa.table, wb.size-wb.table)
		table := float64(wb.table)
		if rows := grow(wa.rows, wb.rows); rows > float64(wb.rows) && wb.rows > 0 {
			shown := min(rows, float64(view.PlanTableRowsPerPart(wb.cols)))
			table = float64(wb.table) / float64(wb.rows) * max(shown, float64(wb.rows))
		}
		if projected := rest + table; projected > best {
			heaviest, best = page, projected
		}
	}
	if compared < 100 {
		t.Fatalf("only %d plan pages at both scales", compared)
	}
	w := bt[heaviest]
	t.Logf("%d plan pages compared; heaviest projected at scale 1: %s, %.0f bytes (%d at %g with %d rows × %d columns, %d parts; limit %d)", compared, heaviest, best, w.size, b, w.rows, w.cols, w.parts, htmlBudget)
	if best > htmlBudget {
		t.Errorf("%s: %.0f bytes projected at scale 1, over %d", heaviest, best, htmlBudget)
	}
}
