package view

import (
	"reflect"
	"sync"
	"testing"

	"github.com/covsite/covsite/internal/routes"
)

// A page made with the values its language's Shared keeps is the page made without: every
// locality and plan of the example site, in both languages, each made twice on 4
// goroutines sharing one Shared (run with -race).
func TestSharedGivesTheSamePages(t *testing.T) {
	s, tr := exampleSite(t), langs(t)
	for _, code := range []string{"vi", "en"} {
		alone := NewContext(s, tr[code], routes.NewBase("/"))
		alone.Data = ownFiles{}
		want := map[any]any{}
		for _, l := range s.Localities {
			want[l] = alone.Locality(l)
		}
		for _, p := range s.Plans {
			want[p] = alone.Plan(p)
		}
		shared := &Shared{}
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				for range 2 {
					c := NewContext(s, tr[code], routes.NewBase("/"))
					c.Data, c.Shared = ownFiles{}, shared
					for _, l := range s.Localities {
						if got := c.Locality(l); !reflect.DeepEqual(got, want[l]) {
							t.Errorf("%s %s: the page made with Shared differs", code, l.ID)
						}
					}
					for _, p := range s.Plans {
						if got := c.Plan(p); !reflect.DeepEqual(got, want[p]) {
							t.Errorf("%s %s: the page made with Shared differs", code, p.ID)
						}
					}
				}
			})
		}
		wg.Wait()
	}
}
