package render

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/covsite/covsite/internal/sitetest"
)

// longPlanRenderer renders sitetest.LongPlan: a table of 450 cells, in two parts (80 rows,
// then 10), each figure marked with its key (data-fig).
func longPlanRenderer(t *testing.T) *Renderer {
	t.Helper()
	files := fstest.MapFS{}
	for name, text := range sitetest.LongPlan() {
		files[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return rendererWith(t, files, Options{BaseURL: "/", FigureKeys: true})
}

// TestLongPlanTableParts: a plan whose table is split has a page per part after the first,
// in both languages, listed by Pages and found by Page (serve); each part holds its rows,
// the total row and links to every part, and goes back to the plan's page.
func TestLongPlanTableParts(t *testing.T) {
	r := longPlanRenderer(t)
	parts := map[string]bool{}
	for _, p := range r.Pages() {
		if strings.HasPrefix(strings.TrimPrefix(p.Path, "en/"), "ke-hoach/kh/phan-") {
			parts[p.Path] = true
		}
	}
	if want := map[string]bool{"ke-hoach/kh/phan-2/index.html": true, "en/ke-hoach/kh/phan-2/index.html": true}; fmt.Sprint(parts) != fmt.Sprint(want) {
		t.Fatalf("part pages %v, want %v", parts, want)
	}
	plan := pageBytes(t, r, "ke-hoach/kh/index.html")
	part := pageBytes(t, r, "ke-hoach/kh/phan-2/index.html")
	if p, ok := r.Page("ke-hoach/kh/phan-2/index.html"); !ok {
		t.Error("Page does not find the part")
	} else if b, err := p.Bytes(); err != nil || !bytes.Equal(b, part) {
		t.Errorf("Page renders other bytes for the part (%v)", err)
	}
	tests := []struct {
		page       []byte
		name       string
		rows       int
		has, hasNo []string
	}{
		{plan, "plan", 80, []string{`data-fig="t/kh/w80/i0/2025"`, `<a href="/ke-hoach/kh/" aria-current="page">dòng 1–80</a>`, `<a href="/ke-hoach/kh/phan-2/">dòng 81–90</a>`, "Phần 1/2: dòng 1–80"},
			[]string{`data-fig="t/kh/w81/i0/2025"`}},
		{part, "part 2", 10, []string{`data-fig="t/kh/w81/i0/2025"`, `data-fig="t/kh/w90/i4/2025"`, `data-fig="t/kh/city/i0/2025"`, `<a href="/ke-hoach/kh/phan-2/" aria-current="page">dòng 81–90</a>`,
			"Phần 2/2: dòng 81–90", `<a href="/ke-hoach/kh/">9/KH: `},
			[]string{`data-fig="t/kh/w80/i0/2025"`, `id="so-lieu"`}},
	}
	for _, tt := range tests {
		if got := bytes.Count(tt.page, []byte(`<tr><th scope="row"><a href="/dia-phuong/w`)); got != tt.rows {
			t.Errorf("%s: %d rows of wards, want %d", tt.name, got, tt.rows)
		}
		if !bytes.Contains(tt.page, []byte("<tfoot>")) {
			t.Errorf("%s: no total row", tt.name)
		}
		for _, s := range tt.has {
			if !bytes.Contains(tt.page, []byte(s)) {
				t.Errorf("%s lacks %s", tt.name, s)
			}
		}
		for _, s := range tt.hasNo {
			if bytes.Contains(tt.page, []byte(s)) {
				t.Errorf("%s has %s", tt.name, s)
			}
		}
	}
}
