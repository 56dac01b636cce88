package browsertest

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/sitetest"
)

// TestChartsFitAPhone: at 390 px, every chart of a page with many categories (the ten
// wards of a city, the years of a province) keeps its plot and its axis labels inside its
// box, and no two labels of its category axis overlap — a new user saw bars cut off and
// "PhườngPhường" on a phone. Labels are read from what ECharts drew (its display list).
func TestChartsFitAPhone(t *testing.T) {
	tb := openTab(t, example, phoneWidth, phoneHeight)
	for _, path := range []string{"/dia-phuong/tp-tra-vinh/", "/en/dia-phuong/tp-tra-vinh/", "/dia-phuong/can-tho-2004-2025/", "/en/dia-phuong/can-tho-2004-2025/"} {
		tb.visit(t, path)
		for _, p := range chartsProblems(t, tb) {
			t.Errorf("%s %s: %s", path, p.Chart, p.Problem)
		}
	}
}

// chartProblem is what chartsProblems finds wrong with one chart.
type chartProblem struct {
	Chart, Problem string
}

// chartsProblems reads every chart of the page in tb, as ECharts drew it: a plot or a
// label outside its box, two labels overlapping.
func chartsProblems(t *testing.T, tb *tab) []chartProblem {
	t.Helper()
	var got []chartProblem
	tb.eval(t, `new Promise((done) => {
		  // a chart in a closed <details> has no size and is drawn when opened
		  const els = [...document.querySelectorAll('[data-chart]')].filter((el) => el.clientWidth > 0);
		  els.forEach((el) => el.scrollIntoView());
		  const read = () => {
		    const charts = els.map((el) => window.echarts && window.echarts.getInstanceByDom(el));
		    if (!els.length) { done([{ Chart: '', Problem: 'no chart on the page' }]); return true; }
		    if (charts.some((c) => !c)) return false;
		    const problems = [];
		    charts.forEach((chart, i) => {
		      const name = els[i].getAttribute('data-chart');
		      const width = chart.getWidth();
		      const grid = chart.getModel().getComponent('grid');
		      if (grid && grid.coordinateSystem) {
		        const r = grid.coordinateSystem.getRect();
		        if (r.x < -0.5 || r.x + r.width > width + 0.5) problems.push({ Chart: name, Problem: 'plot from ' + r.x.toFixed(0) + ' to ' + (r.x + r.width).toFixed(0) + ' px in a box of ' + width });
		      }
		      // a text is drawn as spans (a wrapped label has two): its box is theirs together
		      const texts = new Map();
		      chart.getZr().storage.getDisplayList(true).forEach((el) => {
		        if (el.type !== 'tspan' || el.invisible || el.ignore || !el.style || !el.style.text || !el.parent) return;
		        const box = el.getBoundingRect().clone();
		        box.applyTransform(el.getComputedTransform());
		        const t = texts.get(el.parent.id);
		        if (t) { t.text += el.style.text; t.box.union(box); } else texts.set(el.parent.id, { text: el.style.text, box: box });
		      });
		      const all = [...texts.values()];
		      all.forEach((t) => {
		        if (t.box.x < -1 || t.box.x + t.box.width > width + 1) problems.push({ Chart: name, Problem: 'text ' + JSON.stringify(t.text) + ' from ' + t.box.x.toFixed(0) + ' to ' + (t.box.x + t.box.width).toFixed(0) + ' px in a box of ' + width });
		      });
		      for (let a = 0; a < all.length; a++) for (let b = a + 1; b < all.length; b++) {
		        const p = all[a].box, q = all[b].box;
		        const w = Math.min(p.x + p.width, q.x + q.width) - Math.max(p.x, q.x);
		        const h = Math.min(p.y + p.height, q.y + q.height) - Math.max(p.y, q.y);
		        if (w > 1 && h > 1) problems.push({ Chart: name, Problem: 'texts ' + JSON.stringify(all[a].text) + ' and ' + JSON.stringify(all[b].text) + ' overlap' });
		      }
		    });
		    done(problems);
		    return true;
		  };
		  if (!read()) { const id = setInterval(() => { if (read()) clearInterval(id); }, 50); }
		})`, &got)
	return got
}

// TestRankingBarsFitAPhone: on a 360 px and a 390 px phone, every label of a ranking's bars
// — a child's name and its share of target, "108,2 %" — is drawn whole inside the chart,
// and no name runs into its bar ("Tran Van Thoi Commune" in English): a new user saw
// "108,2" cut off. A long name ("Phường Nguyễn Thái Bình (Thành phố Hồ Chí Minh)", as a
// national site names a ward whose name other provinces have too) is written whole, on
// lines of its own, and in the table. The site is the example with the province Cà Mau,
// whose wards reach 108 % of their targets, one of them so named; on its page and on its
// wards' ranking page.
func TestRankingBarsFitAPhone(t *testing.T) {
	const long = "Phường Nguyễn Thái Bình (Thành phố Hồ Chí Minh)"
	src := sitetest.CopyExample(t, "../..")
	sitetest.AddCaMau(t, src)
	locs := filepath.Join(src, "data", "localities", "ca-mau.toml")
	b, err := os.ReadFile(locs)
	if err != nil {
		t.Fatal(err)
	}
	renamed := strings.Replace(string(b), `name = "Phường Hiệp Thành"`, `name = "`+long+`"`, 1)
	if renamed == string(b) {
		t.Fatal("no ward to rename")
	}
	if err := os.WriteFile(locs, []byte(renamed), 0o644); err != nil {
		t.Fatal(err)
	}
	s, stop, err := serve("camau", src, filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	paths := []string{"/dia-phuong/ca-mau/", "/en/dia-phuong/ca-mau/"}
	rankings, _ := filepath.Glob(filepath.Join(s.dir, "dia-phuong", "ca-mau", "xep-hang", "*"))
	if len(rankings) == 0 {
		t.Fatal("Cà Mau has no ranking page")
	}
	paths = append(paths, "/dia-phuong/ca-mau/xep-hang/"+filepath.Base(rankings[0])+"/")
	for _, width := range []int64{360, 390} {
		tb := openTab(t, s, width, phoneHeight)
		for _, path := range paths {
			tb.visit(t, path)
			var got struct {
				Values   int
				Long     int // rankings naming the long name whole, in its bars and its table
				Problems []string
			}
			tb.eval(t, `((long) => {
			  const problems = [];
			  let values = 0, whole = 0;
			  document.querySelectorAll('svg.barchart').forEach((svg) => {
			    const box = svg.getBoundingClientRect();
			    // a name's first glyph may overhang its origin by a pixel ("T"): 1.5 px on the left
			    svg.querySelectorAll('text').forEach((text) => {
			      const r = text.getBoundingClientRect();
			      if (text.classList.contains('barchart__value')) values++;
			      if (r.left < box.left - 1.5 || r.right > box.right + 0.5) problems.push(JSON.stringify(text.textContent) + ' from ' + r.left.toFixed(0) + ' to ' + r.right.toFixed(0) + ' px in a chart from ' + box.left.toFixed(0) + ' to ' + box.right.toFixed(0));
			    });
			    svg.querySelectorAll('rect').forEach((rect) => {
			      const name = rect.previousElementSibling.getBoundingClientRect(), bar = rect.getBoundingClientRect();
			      if (name.right > bar.left + 0.5) problems.push('the name ' + JSON.stringify(rect.previousElementSibling.textContent) + ' runs into its bar');
			      if (Math.abs((name.top + name.bottom) - (bar.top + bar.bottom)) / 2 > 4) problems.push('the name ' + JSON.stringify(rect.previousElementSibling.textContent) + ' is not beside its bar');
			    });
			    const names = [...svg.querySelectorAll('.barchart__name')].map((t) => t.children.length ? [...t.children].map((s) => s.textContent).join(' ') : t.textContent);
			    const table = svg.closest('figure').querySelector('table');
			    if (names.includes(long) && table && table.textContent.includes(long)) whole++;
			  });
			  // two bars' texts never overlap
			  document.querySelectorAll('svg.barchart').forEach((svg) => {
			    const texts = [...svg.querySelectorAll('.barchart__name')].map((t) => t.getBoundingClientRect());
			    for (let i = 1; i < texts.length; i++) if (texts[i].top < texts[i - 1].bottom - 0.5) problems.push('names ' + (i - 1) + ' and ' + i + ' overlap');
			  });
			  return { Values: values, Long: whole, Problems: problems };
			})(`+strconv.Quote(long)+`)`, &got)
			if !strings.Contains(path, "/xep-hang/") { // the province page's charts (ECharts) name the ward too
				for _, p := range chartsProblems(t, tb) {
					t.Errorf("%d px %s %s: %s", width, path, p.Chart, p.Problem)
				}
			}
			if got.Values < 2 {
				t.Errorf("%d px %s: %d values of ranked bars, want the wards'", width, path, got.Values)
			}
			if got.Long == 0 && !strings.HasPrefix(path, "/en/") {
				t.Errorf("%d px %s: no ranking names %q whole, in its bars and its table", width, path, long)
			}
			for _, p := range got.Problems {
				t.Errorf("%d px %s: %s", width, path, p)
			}
		}
	}
}
