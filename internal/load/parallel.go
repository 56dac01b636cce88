package load

import (
	"io/fs"
	"runtime"
	"sync"

	"github.com/covsite/covsite/internal/diag"
)

// readEach reads and decodes the TOML files names on a pool of workers (decoding is most of
// loading a national site) and returns what read makes of each, in the order of names. Each
// file reports into its own list, merged into diags in file order afterwards, so values,
// diagnostics and unreadable files come out exactly as a one-at-a-time read gives them.
func readEach[T any](fsys fs.FS, names []string, diags *diag.List, unreadable *[]string, read func(root *table, name string) []T) []T {
	type done struct {
		diags  diag.List
		values []T
		failed bool
	}
	out := make([]done, len(names))
	work := func(i int) {
		d := &out[i]
		root, ok := readTOML(fsys, names[i], &d.diags)
		d.failed = !ok
		if root != nil {
			d.values = read(root, names[i])
		}
	}
	workers := min(runtime.GOMAXPROCS(0), len(names))
	if workers <= 1 {
		for i := range names {
			work(i)
		}
	} else {
		next := make(chan int)
		var wg sync.WaitGroup
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					work(i)
				}
			}()
		}
		for i := range names {
			next <- i
		}
		close(next)
		wg.Wait()
	}
	var values []T
	for i := range out {
		diags.Merge(&out[i].diags)
		if out[i].failed {
			*unreadable = append(*unreadable, names[i])
		}
		values = append(values, out[i].values...)
	}
	return values
}
