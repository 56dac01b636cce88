package view

import (
	"reflect"
	"strconv"
	"strings"
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

// A keep gives every page the first value made for a key, on any number of goroutines, and
// its lock-free read map comes to hold every value asked for often enough.
func TestKeepGivesTheFirstValue(t *testing.T) {
	var k keep[int, string]
	var wg sync.WaitGroup
	got := make([][]string, 4)
	for g := range 4 {
		wg.Go(func() {
			for range 3 {
				for key := range 1000 {
					got[g] = append(got[g], k.get(key, func() string { return strconv.Itoa(key) + "/" + strconv.Itoa(g) }))
				}
			}
		})
	}
	wg.Wait()
	for g := range got {
		for i, v := range got[g] {
			if first := got[0][i%1000]; v != first || !strings.HasPrefix(v, strconv.Itoa(i%1000)+"/") {
				t.Fatalf("goroutine %d, key %d: %q, another page got %q", g, i%1000, v, first)
			}
		}
	}
	// Every key asked again: a key only in dirty counts a miss each time, and dirty is
	// copied into read once the misses reach a quarter of read's values — at most 250
	// rounds when a single key was left out of the last copy.
	for range 251 {
		if read := k.read.Load(); read != nil && len(*read) == 1000 {
			return
		}
		for key := range 1000 {
			k.get(key, func() string { t.Fatalf("key %d made again", key); return "" })
		}
	}
	if read := k.read.Load(); read == nil || len(*read) != 1000 {
		t.Errorf("the read map holds %d values after every key was asked 251 times more, want 1000", len(*k.read.Load()))
	}
}
