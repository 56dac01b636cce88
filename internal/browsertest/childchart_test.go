package browsertest

import (
	"testing"
)

// TestChildrenComparedOnTheirOwnScale: the chart comparing a locality's children's targets
// shows one indicator at a time (its island's legend selectedMode "single"), and choosing
// another in the legend redraws the value axis on that indicator's own scale: the
// smallest indicator's bars fill the chart instead of vanishing beside the largest's
// (issue 17). Thành phố Trà Vinh's wards: social insurance in hundreds, health insurance in
// thousands.
func TestChildrenComparedOnTheirOwnScale(t *testing.T) {
	tb := openTab(t, example, 390, 800)
	for _, path := range []string{"/dia-phuong/tp-tra-vinh/", "/en/dia-phuong/tp-tra-vinh/"} {
		tb.visit(t, path)
		var got struct {
			Found              bool
			Small, Big         string
			SmallMax, BigMax   float64
			AxisSmall, AxisBig float64
			Shown              []int // how many series are drawn after each choice
		}
		tb.eval(t, `new Promise((done) => {
		  const island = (el) => JSON.parse(document.getElementById(el.getAttribute('data-chart')).textContent);
		  const el = [...document.querySelectorAll('[data-chart]')].find((el) => (island(el).legend || {}).selectedMode === 'single');
		  if (!el) { done({ Found: false }); return; }
		  const read = () => {
		    const chart = window.echarts && window.echarts.getInstanceByDom(el);
		    if (!chart) return false;
		    const series = chart.getOption().series.map((s) => ({
		      name: s.name, max: Math.max(...s.data.map((v) => typeof v === 'number' ? v : (v && typeof v.value === 'number' ? v.value : 0))),
		    }));
		    series.sort((a, b) => a.max - b.max);
		    const small = series[0], big = series[series.length - 1];
		    const axisMax = () => chart.getModel().getComponent('yAxis', 0).axis.scale.getExtent()[1];
		    const shown = () => Object.values(chart.getOption().legend[0].selected || {}).filter(Boolean).length;
		    const shownFirst = shown();
		    chart.dispatchAction({ type: 'legendSelect', name: big.name });
		    const axisBig = axisMax(), shownBig = shown();
		    chart.dispatchAction({ type: 'legendSelect', name: small.name });
		    const axisSmall = axisMax(), shownSmall = shown();
		    done({ Found: true, Small: small.name, Big: big.name, SmallMax: small.max, BigMax: big.max,
		      AxisSmall: axisSmall, AxisBig: axisBig, Shown: [shownFirst, shownBig, shownSmall] });
		    return true;
		  };
		  if (!read()) { const id = setInterval(() => { if (read()) clearInterval(id); }, 50); }
		})`, &got)
		if !got.Found {
			t.Fatalf("%s: no chart showing one indicator at a time", path)
		}
		t.Logf("%s: %s up to %v, axis to %v; %s up to %v, axis to %v", path, got.Big, got.BigMax, got.AxisBig, got.Small, got.SmallMax, got.AxisSmall)
		if got.BigMax < 2*got.SmallMax {
			t.Fatalf("%s: the indicators' figures are alike (%v, %v): the test shows nothing", path, got.SmallMax, got.BigMax)
		}
		if got.AxisBig < got.BigMax || got.AxisSmall < got.SmallMax || got.AxisSmall >= got.BigMax {
			t.Errorf("%s: the value axis does not follow the indicator chosen: %s to %v on an axis to %v, %s to %v on an axis to %v",
				path, got.Big, got.BigMax, got.AxisBig, got.Small, got.SmallMax, got.AxisSmall)
		}
		if len(got.Shown) != 3 || got.Shown[0] != 1 || got.Shown[1] != 1 || got.Shown[2] != 1 {
			t.Errorf("%s: series shown at first and after each choice %v, want one", path, got.Shown)
		}
	}
}
