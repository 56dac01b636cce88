package browsertest

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/sitetest"
)

// longPlanSite writes sitetest.LongPlan into a new folder.
func longPlanSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range sitetest.LongPlan() {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestLongPlanTableInParts: a plan whose allocation table is split (issue 13: no page over
// 200 KB) reads on a phone in both languages: its page and its second part are clean for
// axe and the Nu Html Checker, neither scrolls sideways, the links to the parts lead from
// one to the other, and the second part starts at the 81st ward.
func TestLongPlanTableInParts(t *testing.T) {
	axe(t)
	s, stop, err := serve("long plan", longPlanSite(t), filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	tb := openTab(t, s, phoneWidth, phoneHeight)
	for _, prefix := range []string{"", "/en"} {
		tb.visit(t, prefix+"/ke-hoach/kh/")
		var next string
		tb.eval(t, `(() => { const a = [...document.querySelectorAll('nav.table-parts a')].find((a) => a.textContent.endsWith(' 81–90')); return a ? a.getAttribute('href') : ''; })()`, &next)
		if next != prefix+"/ke-hoach/kh/phan-2/" {
			t.Fatalf("%s: the link to part 2 is %q", prefix, next)
		}
		for _, page := range []string{prefix + "/ke-hoach/kh/", next} {
			tb.visit(t, page)
			var got struct {
				Wide       bool
				First      string
				Rows       int
				Current    string
				TotalShown bool
			}
			tb.eval(t, `(() => ({
			  Wide: document.documentElement.scrollWidth > window.innerWidth + 1,
			  First: document.querySelector('#bang tbody th').textContent,
			  Rows: document.querySelectorAll('#bang tbody tr').length,
			  Current: (document.querySelector('nav.table-parts [aria-current="page"]') || {}).textContent || '',
			  TotalShown: !!document.querySelector('#bang tfoot th'),
			}))()`, &got)
			want := struct {
				first string
				rows  int
				cur   string
			}{" 1", 80, " 1–80"} // "Phường 1", "Phuong 1" in English; "dòng 1–80", "rows 1–80"
			if page == next {
				want.first, want.rows, want.cur = " 81", 10, " 81–90"
			}
			if got.Wide || !strings.HasSuffix(got.First, want.first) || got.Rows != want.rows || !strings.HasSuffix(got.Current, want.cur) || !got.TotalShown {
				t.Errorf("%s: %+v; want rows from ward%s, %d of them, the part of rows%s current, the total row, no sideways scroll", page, got, want.first, want.rows, want.cur)
			}
			tb.expectClean(t, page)
		}
	}
	checkValidHTML(t, filepath.Join(s.dir, "ke-hoach", "kh"), filepath.Join(s.dir, "en", "ke-hoach", "kh"))
}

// checkValidHTML runs the Nu Html Checker over the HTML files of dirs, when Java and vnu
// are installed (`make test` installs both; CI requires them).
func checkValidHTML(t *testing.T, dirs ...string) {
	t.Helper()
	java, err := exec.LookPath("java")
	if _, jarErr := os.Stat(vnuJar); err != nil || jarErr != nil {
		if ciMode() {
			t.Fatalf("vnu needs java (%v) and %s (%v)", err, vnuJar, jarErr)
		}
		t.Logf("vnu not run: java (%v), %s (%v)", err, vnuJar, jarErr)
		return
	}
	args := append([]string{"-jar", vnuJar, "--errors-only", "--format", "json", "--skip-non-html"}, dirs...)
	out, err := exec.Command(java, args...).CombinedOutput()
	var report struct {
		Messages []struct{ URL, Message, Extract string }
	}
	if jerr := json.Unmarshal(out, &report); jerr != nil {
		t.Fatalf("vnu: %v (%v)\n%s", err, jerr, out)
	}
	for _, m := range report.Messages {
		t.Errorf("%s: %s\n\t%s", m.URL, m.Message, m.Extract)
	}
}
