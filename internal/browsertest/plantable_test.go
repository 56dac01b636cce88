package browsertest

import (
	"strings"
	"testing"
)

// TestPlanTableOnAPhone: a plan's allocation table stays readable at 375 px. The table
// scrolls sideways inside its region (the page itself does not), the unit column stays in
// view while it does, and screen readers get a column header per indicator and a row
// header per unit; the column the site adds up (the wards' BHXH) says so in its header.
func TestPlanTableOnAPhone(t *testing.T) {
	tb := openTab(t, example, 375, 812)
	for _, path := range []string{"/ke-hoach/tp-tra-vinh-49-kh-bcd-2023/", "/en/ke-hoach/tp-tra-vinh-49-kh-bcd-2023/"} {
		tb.visit(t, path)
		var got struct {
			Page, Scrolls                 bool
			ColHeaders, RowHeaders, Cells int
			UnitLeftBefore, UnitLeftAfter float64
			Total, Last                   string
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
		    Last: table.querySelector('thead th:last-child').textContent,
		  };
		})()`, &got)
		if got.Page {
			t.Errorf("%s: the page scrolls sideways at 375 px", path)
		}
		if got.ColHeaders != 6 || got.RowHeaders != 10 || got.Cells != 50 {
			t.Errorf("%s: %d column headers, %d row headers, %d cells; want 6 (unit + 4 indicators + their sum), 10 wards, 50", path, got.ColHeaders, got.RowHeaders, got.Cells)
		}
		if !strings.Contains(got.Last, "\u2211") || !strings.Contains(got.Last, "+") {
			t.Errorf("%s: the sum's header %q does not say the site adds it up", path, got.Last)
		}
		if got.Scrolls && (got.UnitLeftAfter < -0.5 || got.UnitLeftAfter > got.UnitLeftBefore+0.5) {
			t.Errorf("%s: the unit column moved from %.1f to %.1f px when the table scrolled", path, got.UnitLeftBefore, got.UnitLeftAfter)
		}
		if got.Total == "" {
			t.Errorf("%s: no total row header", path)
		}
	}
}

// TestChartTooltipsMarkComputedFigures: a chart's tooltip adds the ∑ sign and how the site
// computed a figure to every figure the chart's table marks as computed (its option's
// "computed" says how), and nothing to a document's figure. The wards' social insurance
// targets are sums of their parts, the columns beside them (the words of the note under
// the table); Cần Thơ's figures are differences (each figure's own words);
// TestNationalWardPage checks a ward's results over time.
func TestChartTooltipsMarkComputedFigures(t *testing.T) {
	tb := openTab(t, example, 1280, 800)
	for _, c := range []struct{ path, how, form string }{
		{"/dia-phuong/tp-tra-vinh/", "Số do trang tính: tổng các thành phần, BHXH bắt buộc + BHXH tự nguyện (cùng hàng)", "note"},
		{"/en/dia-phuong/tp-tra-vinh/", "Computed by the site: the sum of its parts, Compulsory SI + Voluntary SI (same row)", "note"},
		{"/dia-phuong/can-tho-2004-2025/", "Số do trang tính bằng phép trừ: 123.784 − 803", "figures"},
		{"/en/dia-phuong/can-tho-2004-2025/", "Computed by the site by subtraction: 123,784 − 803", "figures"},
	} {
		tb.visit(t, c.path)
		checkTooltipMarks(t, tb, c.path, c.how, c.form)
	}
}

// checkTooltipMarks checks the tooltips of the page's first chart with computed figures:
// a figure its table marks says "∑ " and how (the words how starts), a document's figure
// says nothing of it; form is how the chart's option says how: "figures" (each point's)
// or "note" (the words of a note under the table for each marked cell: sums of the columns
// in the same row).
func checkTooltipMarks(t *testing.T, tb *tab, path, how, form string) {
	t.Helper()
	var got struct{ Computed, Given, Form string }
	tb.eval(t, `new Promise((done) => {
	  const island = (el) => JSON.parse(document.getElementById(el.getAttribute('data-chart')).textContent);
	  const el = [...document.querySelectorAll('[data-chart]')].find((el) => island(el).computed);
	  const read = () => {
	    const chart = el && window.echarts && window.echarts.getInstanceByDom(el);
	    if (!chart) return false;
	    const series = chart.getOption().series;
	    const rows = [...el.closest('figure').querySelector('table').tBodies[0].rows];
	    let computed = '', given = '';
	    series.forEach((s, i) => {
	      const f = s.tooltip && s.tooltip.valueFormatter;
	      rows.forEach((row, j) => {
	        const marked = row.cells[i + 1].classList.contains('calc-cell');
	        const text = f ? f(s.data[j], j) : String(s.data[j]);
	        if (marked && !computed) computed = text;
	        if (!marked && !given) given = text;
	      });
	    });
	    const forms = island(el).computed.filter((c) => c !== null).map((c) => typeof c === 'number' ? 'note' : 'figures');
	    done({ Computed: computed, Given: given, Form: forms.join(' ') });
	    return true;
	  };
	  if (!read()) { const id = setInterval(() => { if (read()) clearInterval(id); }, 50); }
	})`, &got)
	if !strings.Contains(got.Computed, "\u2211 "+how) {
		t.Errorf("%s: a computed figure's tooltip reads %q, want the sign and %q", path, got.Computed, how)
	}
	if strings.Contains(got.Given, "\u2211") {
		t.Errorf("%s: a document's figure's tooltip reads %q, marked as computed", path, got.Given)
	}
	if !strings.Contains(got.Form, form) {
		t.Errorf("%s: the option says how by %q, want %q", path, got.Form, form)
	}
}
