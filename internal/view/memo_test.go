package view

import (
	"reflect"
	"testing"

	"github.com/covsite/covsite/internal/routes"
)

// A locality's or plan's pages in both languages, one after another on one Memo, are the
// pages made each alone, whichever language comes first; a page of another locality or
// plan given that Memo makes its own and leaves the Memo's part as it was; Release empties
// the Memo for the next locality.
func TestMemoSharedByEveryLanguage(t *testing.T) {
	site := exampleSite(t)
	tr := langs(t)
	context := func(code string, m *Memo) *Context {
		c := NewContext(site, tr[code], routes.NewBase("/"))
		c.Data, c.Keys, c.Memo = ownFiles{}, true, m
		return c
	}
	pages := map[string]func(c *Context) any{}
	for _, l := range site.Localities {
		pages["locality "+l.ID] = func(c *Context) any { return c.Locality(l) }
	}
	for _, p := range site.Plans {
		pages["plan "+p.ID] = func(c *Context) any { return c.Plan(p) }
		pages["plan table "+p.ID] = func(c *Context) any { return c.PlanTablePart(p, 1) }
	}
	other := site.Locality("tra-vinh")
	if other == nil || len(site.Plans) == 0 {
		t.Fatal("the example site has no tra-vinh or no plan: pick others")
	}
	for name, page := range pages {
		alone := map[string]any{"vi": page(context("vi", nil)), "en": page(context("en", nil))}
		for _, order := range [][]string{{"vi", "en"}, {"en", "vi"}} {
			m := &Memo{}
			for _, code := range order {
				if got := page(context(code, m)); !reflect.DeepEqual(got, alone[code]) {
					t.Errorf("%s in %s after %v on one memo differs from the page alone", name, code, order)
				}
			}
			held := m.locality
			if got, want := context("vi", m).Locality(other), context("vi", nil).Locality(other); !reflect.DeepEqual(got, want) {
				t.Errorf("%s's memo: another locality's page differs", name)
			}
			if m.locality != held {
				t.Errorf("%s's memo: another locality's page changed it", name)
			}
			m.Release()
			if !m.empty() || m.assessed != nil {
				t.Errorf("%s's memo: not empty after Release", name)
			}
		}
	}
}

// A Memo's part is made once: the second language's page assesses no target the first did
// not.
func TestMemoAssessesOnce(t *testing.T) {
	site := exampleSite(t)
	tr := langs(t)
	l := site.Locality("tra-vinh")
	m := &Memo{}
	vi := NewContext(site, tr["vi"], routes.NewBase("/"))
	vi.Memo = m
	vi.Locality(l)
	made := len(m.assessed.store)
	if made == 0 {
		t.Fatal("the page assessed no target")
	}
	first := m.locality
	en := NewContext(site, tr["en"], routes.NewBase("/"))
	en.Memo = m
	en.Locality(l)
	if len(m.assessed.store) != made || m.locality != first {
		t.Errorf("the English page assessed %d targets more, or made the part again", len(m.assessed.store)-made)
	}
}
