package render

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/gen/gentest"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/render/download"
	"github.com/covsite/covsite/internal/routes"
)

// TestBatchesGroupEachLocalityAndPlan: Batches gives every page once, in its batch's order;
// a batch holds the pages of one locality (its page in each language) or of one plan (its
// page and its table's parts in each language), or a page of its own, and its first page
// comes before the first page of every later batch. (A site of split tables: only listed.)
func TestBatchesGroupEachLocalityAndPlan(t *testing.T) {
	r := rendererWith(t, os.DirFS(gentest.Site(t, 0.1)), Options{BaseURL: "/"})
	pages := r.Pages()
	batches := Batches(pages)
	position := map[string]int{}
	for i, p := range pages {
		position[p.Path] = i
	}
	seen := map[string]bool{}
	shared := map[any]bool{}
	last := -1
	parts := 0
	for _, b := range batches {
		if len(b.Pages) == 0 {
			t.Fatal("an empty batch")
		}
		if first := position[b.Pages[0].Path]; first <= last {
			t.Errorf("batch of %s listed after a later page's batch", b.Pages[0].Path)
		} else {
			last = first
		}
		of := b.Pages[0].of
		if of == nil && len(b.Pages) > 1 {
			t.Errorf("pages of nothing in one batch: %s, %s", b.Pages[0].Path, b.Pages[1].Path)
		}
		if of != nil {
			if shared[of] {
				t.Errorf("two batches of %v", of)
			}
			shared[of] = true
		}
		for i, p := range b.Pages {
			if seen[p.Path] {
				t.Errorf("%s given twice", p.Path)
			}
			seen[p.Path] = true
			if p.of != of {
				t.Errorf("%s in the batch of %s", p.Path, b.Pages[0].Path)
			}
			if i > 0 && position[p.Path] < position[b.Pages[i-1].Path] {
				t.Errorf("%s before %s in its batch, after it in the list", b.Pages[i-1].Path, p.Path)
			}
			if plan, ok := p.of.(*model.Plan); ok && strings.Contains(p.Path, routes.PartSegment) {
				parts++
				if want := routes.File(p.Lang, routes.PlanPart(plan.ID, 1)); !slices.ContainsFunc(b.Pages, func(q Page) bool { return q.Path == want }) {
					t.Errorf("%s not in the batch of its plan's page %s", p.Path, want)
				}
			}
		}
	}
	if len(seen) != len(pages) {
		t.Errorf("batches give %d pages of %d", len(seen), len(pages))
	}
	groups := 0
	for of := range shared {
		if _, ok := of.(*download.Group); ok {
			groups++
		}
	}
	if len(shared)-groups != len(r.site.Localities)+len(r.site.Plans) {
		t.Errorf("%d batches of a locality or plan, want %d", len(shared)-groups, len(r.site.Localities)+len(r.site.Plans))
	}
	if groups != len(r.data.Provinces()) {
		t.Errorf("%d batches of a province's files, want %d", groups, len(r.data.Provinces()))
	}
	if parts == 0 {
		t.Error("no plan's table in parts: pick a larger site")
	}
}

// TestBatchRendersEveryPageAsAlone: a page rendered in its batch, after the other pages of
// its locality or plan, in the batch's order or the reverse, is the page rendered alone,
// byte for byte, on the example site (with and without figure keys) and a generated one;
// so is each file of a province's batch (its pack, then its localities' CSV files, which
// copy their rows out of the pack's: the generated site is packed).
func TestBatchRendersEveryPageAsAlone(t *testing.T) {
	sites := []struct {
		name string
		r    *Renderer
	}{
		{"example", exampleRenderer(t)},
		{"example with keys", rendererWith(t, os.DirFS("../.."), Options{BaseURL: "/", FigureKeys: true})},
		{"generated", rendererWith(t, os.DirFS(gentest.Site(t, 0.01)), Options{BaseURL: "https://example.org/covsite/"})},
	}
	for _, site := range sites {
		shared := 0
		for _, b := range Batches(site.r.Pages()) {
			if b.Pages[0].of == nil {
				continue
			}
			shared++
			alone := make(map[string][]byte, len(b.Pages))
			for _, p := range b.Pages {
				body, err := p.Bytes()
				if err != nil {
					t.Fatal(err)
				}
				alone[p.Path] = body
			}
			for _, reversed := range []bool{false, true} {
				batch := Batch{Pages: slices.Clone(b.Pages)}
				if reversed {
					slices.Reverse(batch.Pages)
				}
				batch.Each(func(p Page) {
					if _, files := p.of.(*download.Group); p.memo == nil && len(batch.Pages) > 1 && !files {
						t.Errorf("%s: %s rendered without its batch's memo", site.name, p.Path)
					}
					var buf bytes.Buffer
					if err := p.Render(&buf); err != nil {
						t.Fatal(err)
					}
					if !bytes.Equal(buf.Bytes(), alone[p.Path]) {
						t.Errorf("%s: %s (reversed %t) differs in its batch: %s", site.name, p.Path, reversed, firstDifference(buf.Bytes(), alone[p.Path]))
					}
				})
			}
		}
		if shared == 0 {
			t.Errorf("%s: no batch of a locality or plan", site.name)
		}
	}
}
