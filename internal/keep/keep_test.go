package keep

import (
	"strconv"
	"strings"
	"sync"
	"testing"
)

// A Map gives every page the first value made for a key, on any number of goroutines, and
// its lock-free read map comes to hold every value asked for often enough (run
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
	// Every key asked again: a key only in dirty counts a miss each time, and dirty is
	// copied into read once the misses reach read's values — at most 999 rounds when a
	// single key was left out of the last copy (asking twice failed when the last copy
	// left out a few keys: 997 of 1000).
	for range 1000 {
		if read := m.read.Load(); read != nil && len(*read) == 1000 {
			return
		}
		for key := range 1000 {
			m.Get(key, func() string { t.Fatalf("key %d made again", key); return "" })
		}
	}
	if read := m.read.Load(); read == nil || len(*read) != 1000 {
		t.Errorf("the read map holds %d values after every key was asked 1000 times more, want 1000", len(*m.read.Load()))
	}
}
