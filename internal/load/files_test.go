package load

import (
	"fmt"
	"runtime"
	"sync"
	"testing"
	"testing/fstest"
)

// Each hands the files over in file order, each once, and never holds more decoded files
// than it has workers: what keeps a national site's raw rows from being live all at once.
func TestEachInOrderAFewAtATime(t *testing.T) {
	const n = 200
	fsys := fstest.MapFS{}
	var names []string
	for i := range n {
		name := fmt.Sprintf("data/results/r-%03d.toml", i)
		names = append(names, name)
		fsys[name] = &fstest.MapFile{Data: fmt.Appendf(nil, "n = %d\n", i)}
	}
	fsys["data/results/r-007.toml"] = &fstest.MapFile{Data: []byte("n = \n")} // does not parse
	delete(fsys, "data/results/r-011.toml")                                   // gone since it was listed
	files := filesOf(fsys, names, func(root *table, _ string) int { return int(root.num("n", true).V) })

	var (
		mu              sync.Mutex
		order           []int
		live, most, got int
	)
	files.Each(func(i int, v int) {
		mu.Lock()
		defer mu.Unlock()
		if v != i {
			t.Errorf("file %d has the value of file %d", i, v)
		}
		order = append(order, i)
		live++
		most = max(most, live)
	}, func(i int, v int) {
		mu.Lock()
		defer mu.Unlock()
		live--
		got++
	})
	want := []int{}
	for i := range n {
		if i != 7 && i != 11 {
			want = append(want, i)
		}
	}
	if fmt.Sprint(order) != fmt.Sprint(want) {
		t.Errorf("inOrder saw the files in the order %v, want %v", order, want)
	}
	if got != len(want) {
		t.Errorf("after was called %d times, want %d", got, len(want))
	}
	if workers := runtime.GOMAXPROCS(0); most > workers {
		t.Errorf("%d files were decoded and not yet used at once, more than the %d workers", most, workers)
	}
	if u := files.Unreadable(); fmt.Sprint(u) != "[data/results/r-007.toml]" {
		t.Errorf("Unreadable() = %v, want only the file that does not parse", u)
	}
	if files.diags.Len() != 1 || files.diags.Items()[0].Pos.File != "data/results/r-007.toml" {
		t.Errorf("diagnostics: %v, want the one syntax error of r-007", files.diags.Items())
	}
}
