package view

import (
	"testing"

	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/routes"
)

// TestTextsAreOneString: next gives the texts in the order they were ended, empty ones
// included.
func TestTextsAreOneString(t *testing.T) {
	cases := []struct {
		name  string
		parts []string
	}{
		{"none", nil},
		{"one", []string{"91,67 %"}},
		{"figures of a cell", []string{"91,67 %", "2.965", "2.718"}},
		{"an empty text between", []string{"1.842 · 80 %", "", "—"}},
		{"more than the room", []string{"1.022.552.000.000", "80,58 %", "30/6/2023", "Số do trang tính: tổng các thành phần"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var tx texts
			tx.grow(1, 8)
			for _, p := range tc.parts {
				tx.write([]byte(p))
				tx.end()
			}
			tx.done()
			for i := range tc.parts {
				if got := tx.next(); got != tc.parts[i] {
					t.Errorf("text %d = %q, want %q", i, got, tc.parts[i])
				}
			}
		})
	}
}

// TestEarlierCellIsTheTableRow: an earlier plan's cell says what a plan table's row says of
// the same target — share, result and target — though its texts are cut from one string.
func TestEarlierCellIsTheTableRow(t *testing.T) {
	site := exampleSite(t)
	tr := langs(t)
	n := 0
	for _, code := range []string{"vi", "en"} {
		c := NewContext(site, tr[code], routes.NewBase("/"))
		n += earlierCellsChecked(t, c, site)
	}
	if n == 0 {
		t.Fatal("no target in the example site")
	}
}

// earlierCellsChecked checks the earlier cell of every target of the site in c's language,
// and returns how many it checked.
func earlierCellsChecked(t *testing.T, c *Context, site *model.Site) int {
	t.Helper()
	n := 0
	for _, l := range site.Localities {
		for _, tg := range site.TargetsOf(l) {
			p := c.assess(tg)
			cells := c.cells(p)
			var cell EarlierCell
			var tx texts
			tx.grow(3, 24)
			c.earlierCell(&cell, &p, &tx)
			tx.done()
			cell.Share, cell.Target.Text = tx.next(), tx.next()
			if cell.Result == "" {
				cell.Result = tx.next()
			}
			want := EarlierCell{Share: cells.Share, Result: "—", Target: cells.Target.TargetFigure}
			want.Target.Computed = c.calcHow(tg.Calc) // the cell says how, its plan's page with which figures
			if p.Result != nil {
				want.Result, want.asOf = cells.Result, p.Result.AsOf
			}
			if !sameFigure(cell.Target, want.Target) || cell.Empty != want.Empty || cell.Share != want.Share ||
				cell.Result != want.Result || cell.asOf != want.asOf {
				t.Errorf("%s: earlier cell %+v, want %+v", tg.Plan.ID, cell, want)
			}
			n++
		}
	}
	return n
}
