package render

import (
	"bytes"
	"html"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/view"
)

// TestChildRankingPartial: partials/childranking.html prints a locality's children ranked
// (view.ChildRanking) as valid pieces: an SVG bar per child with a figure, the table (a
// cell for each column in every row) and the credit.
// No page includes it yet: the compiled locality page would, after its headlines.
func TestChildRankingPartial(t *testing.T) {
	r := exampleRenderer(t)
	found := 0
	for _, l := range r.site.Localities {
		for _, ind := range r.site.Indicators {
			cr := view.NewChildRanking(r.format("vi"), r.site, l, ind, r.urls("vi"))
			if cr == nil {
				continue
			}
			found++
			var buf bytes.Buffer
			if err := r.layouts["vi"][frameLayout].ExecuteTemplate(&buf, "childranking", cr); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if got := strings.Count(out, "<rect "); got != len(cr.Bars) {
				t.Errorf("%s %s: %d bars drawn, want %d", l.ID, ind.ID, got, len(cr.Bars))
			}
			if strings.Count(out, "<tr") != len(cr.Table.Rows)+1 || strings.Contains(out, "style=") {
				t.Errorf("%s %s: table rows or an inline style:\n%s", l.ID, ind.ID, out)
			}
			if cells := strings.Count(out, "<td"); cells != len(cr.Table.Rows)*(len(cr.Table.Head)-1) {
				t.Errorf("%s %s: %d cells in %d rows, want %d a row beside its header cell", l.ID, ind.ID, cells, len(cr.Table.Rows), len(cr.Table.Head)-1)
			}
			if credit := html.EscapeString(cr.Credit.String()); !strings.Contains(out, credit) || credit == "" {
				t.Errorf("%s %s: no credit %q", l.ID, ind.ID, cr.Credit.String())
			}
		}
	}
	t.Logf("%d rankings of children in the example site", found)
	if found == 0 {
		t.Fatal("the example site has no locality with two children measured against targets: the partial is not tested")
	}
}
