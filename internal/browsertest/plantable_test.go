package browsertest

import (
	"testing"
)

// TestPlanTableOnAPhone: a plan's allocation table stays readable at 375 px. The table
// scrolls sideways inside its region (the page itself does not), the unit column stays in
// view while it does, and screen readers get a column header per indicator and a row
// header per unit.
func TestPlanTableOnAPhone(t *testing.T) {
	tb := openTab(t, example, 375, 812)
	for _, path := range []string{"/ke-hoach/tp-tra-vinh-49-kh-bcd-2023/", "/en/ke-hoach/tp-tra-vinh-49-kh-bcd-2023/"} {
		tb.visit(t, path)
		var got struct {
			Page, Scrolls                 bool
			ColHeaders, RowHeaders, Cells int
			UnitLeftBefore, UnitLeftAfter float64
			Total                         string
		}
		tb.eval(t, `(() => {
		  const region = document.querySelector('#bang .table-scroll');
		  const table = region && region.querySelector('table');
		  if (!table) return {};
		  const unit = table.querySelector('tbody th[scope="row"]');
		  const before = unit.getBoundingClientRect().left - region.getBoundingClientRect().left;
		  region.scrollLeft = region.scrollWidth;
		  const after = unit.getBoundingClientRect().left - region.getBoundingClientRect().left;
		  return {
		    Page: document.documentElement.scrollWidth > window.innerWidth + 1,
		    Scrolls: region.scrollWidth > region.clientWidth,
		    ColHeaders: table.querySelectorAll('thead th[scope="col"]').length,
		    RowHeaders: table.querySelectorAll('tbody th[scope="row"]').length,
		    Cells: table.querySelectorAll('tbody td').length,
		    UnitLeftBefore: before, UnitLeftAfter: after,
		    Total: table.querySelector('tfoot th[scope="row"]').innerText.trim(),
		  };
		})()`, &got)
		if got.Page {
			t.Errorf("%s: the page scrolls sideways at 375 px", path)
		}
		if got.ColHeaders != 5 || got.RowHeaders != 10 || got.Cells != 40 {
			t.Errorf("%s: %d column headers, %d row headers, %d cells; want 5 (unit + 4 indicators), 10 wards, 40", path, got.ColHeaders, got.RowHeaders, got.Cells)
		}
		if got.Scrolls && (got.UnitLeftAfter < -0.5 || got.UnitLeftAfter > got.UnitLeftBefore+0.5) {
			t.Errorf("%s: the unit column moved from %.1f to %.1f px when the table scrolled", path, got.UnitLeftBefore, got.UnitLeftAfter)
		}
		if got.Total == "" {
			t.Errorf("%s: no total row header", path)
		}
	}
}
