package keep

import (
	"strconv"
	"strings"
	"sync"
	"testing"
)

// A Map gives every page the first value made for a key, on any number of goroutines, and
// its lock-free read map comes to hold every value asked for more than a few times (run
// with -race).
func TestMapGivesTheFirstValue(t *testing.T) {
	var m Map[int, string]
	var wg sync.WaitGroup
	got := make([][]string, 4)
	for g := range 4 {
		wg.Go(func() {
			for range 3 {
				for key := range 1000 {
					got[g] = append(got[g], m.Get(key, func() string { return strconv.Itoa(key) + "/" + strconv.Itoa(g) }))
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
	for range 2 { // every key asked again: from dirty, until the read map is copied
		for key := range 1000 {
			m.Get(key, func() string { t.Fatalf("key %d made again", key); return "" })
		}
	}
	if read := m.read.Load(); read == nil || len(*read) != 1000 {
		t.Errorf("the read map holds %d values, want 1000", len(*m.read.Load()))
	}
}
