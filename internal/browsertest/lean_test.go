package browsertest

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/gen/gentest"
)

// TestNationalWardPage: a ward page of the national dataset — what most of a national
// site's pages are, and what the example site has none of (results over five years, the
// cards' shared credit and numbered status notes, earlier plans, grouped sources) — is
// clean for axe-core and the Nu Html Checker in both languages, every link to a note of the
// page finds it, and its chart is drawn from its table, its tooltips marking the sums of
// its columns.
func TestNationalWardPage(t *testing.T) {
	axe(t)
	src := gentest.Site(t, 0.01)
	s, stop, err := serve("national", src, filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	page := wardWithNotes(t, s.dir)
	tb := openTab(t, s, phoneWidth, phoneHeight)
	for _, path := range []string{page, "/en" + page} {
		tb.visit(t, path)
		for _, v := range tb.runAxe(t) {
			t.Errorf("%s: %s [%s, %d nodes]: %s\n    %s", path, v.ID, v.Impact, v.Count, v.Help, strings.Join(v.Nodes, "\n    "))
		}
		var broken []string
		tb.eval(t, `[...document.querySelectorAll('a[href^="#"]')].map((a) => a.getAttribute('href')).filter((h) => h.length > 1 && !document.getElementById(decodeURIComponent(h.slice(1))))`, &broken)
		for _, h := range broken {
			t.Errorf("%s: a link to %s, which the page does not have", path, h)
		}
		r := tb.report(t)
		if len(r.Charts) == 0 {
			t.Errorf("%s: no chart", path)
		}
		checkCharts(t, path, langOf(path), r.Charts)
		how := "Số do trang tính: tổng các thành phần, BHXH bắt buộc + BHXH tự nguyện (cùng hàng)"
		if langOf(path) == "en" {
			how = "Computed by the site: the sum of its parts, Compulsory SI + Voluntary SI (same row)"
		}
		checkTooltipMarks(t, tb, path, how, "note")
		for _, p := range tb.takeProblems() {
			t.Errorf("%s: %s", path, p)
		}
	}
	validWardPages(t, s.dir, page)
	t.Logf("checked %s and its English twin", page)
}

// wardWithNotes is the path of the first ward page whose cards point to numbered notes.
func wardWithNotes(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(dir, "dia-phuong"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, "dia-phuong", e.Name(), "index.html"))
		if err != nil {
			continue
		}
		if strings.Contains(string(b), `<sup><a href="#tt-1">`) && strings.Contains(string(b), `id="ke-hoach-truoc"`) && strings.Contains(string(b), `class="eyebrow">Phường`) {
			return "/dia-phuong/" + e.Name() + "/"
		}
	}
	t.Fatal("no ward page with numbered notes and earlier plans in the national dataset")
	return ""
}

// validWardPages runs the Nu Html Checker on the page in both languages.
func validWardPages(t *testing.T, dir, page string) {
	t.Helper()
	java, err := exec.LookPath("java")
	if _, jarErr := os.Stat(vnuJar); err != nil || jarErr != nil {
		if ciMode() {
			t.Fatalf("vnu needs java and %s", vnuJar)
		}
		t.Logf("vnu skipped: no java or %s", vnuJar)
		return
	}
	files := []string{filepath.Join(dir, page, "index.html"), filepath.Join(dir, "en", page, "index.html")}
	out, _ := exec.Command(java, append([]string{"-jar", vnuJar, "--errors-only", "--format", "json"}, files...)...).CombinedOutput()
	var report struct {
		Messages []struct{ URL, Message, Extract string }
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("vnu: %v\n%s", err, out)
	}
	for _, m := range report.Messages {
		t.Errorf("%s: %s\n\t%s", strings.TrimPrefix(m.URL, "file:"+dir), m.Message, m.Extract)
	}
}
