package load

import (
	"fmt"
	"path/filepath"
	"reflect"
	"runtime"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/covsite/covsite/internal/diag"
)

// Each hands the files over in file order, each once, and never holds more decoded files
// than it decodes ahead (Lookahead): what keeps a national site's raw rows from being live
// all at once.
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
	if ahead := Lookahead(runtime.GOMAXPROCS(0)); most > ahead {
		t.Errorf("%d files were decoded and not yet used at once, more than the %d decoded ahead", most, ahead)
	}
	if u := files.Unreadable(); fmt.Sprint(u) != "[data/results/r-007.toml]" {
		t.Errorf("Unreadable() = %v, want only the file that does not parse", u)
	}
	if files.diags.Len() != 1 || files.diags.Items()[0].Pos.File != "data/results/r-007.toml" {
		t.Errorf("diagnostics: %v, want the one syntax error of r-007", files.diags.Items())
	}
}

// Files read through a cache with a store (Cache.Lazy) decode each file from the store into
// the memory of a file linked and dropped before (scratch), and every value is still the
// file's own while it is used: 200 results files make one set of rows for each file decoded
// ahead or in use at once (Lookahead and one a worker), not 200.
func TestStoredFilesReuseTheirMemory(t *testing.T) {
	const n = 200
	fsys := fstest.MapFS{}
	var names []string
	for i := range n {
		name := fmt.Sprintf("data/results/r-%03d.toml", i)
		names = append(names, name)
		src := "[source]\ntitle = \"r\"\nkind = \"report\"\npublisher = \"p\"\n"
		for j := range 3 + i%5 {
			src += fmt.Sprintf("[[result]]\nlocality = \"l-%d\"\nas_of = 2023-06-30\nbhyt = %d\nrate.bhyt = %d.5\n", j, i*10+j, j)
		}
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	read := func(root *table, name string) Report { return readReport(root, FileID(name)) }
	want := map[string]Report{}
	filesOf(fsys, names, read).Each(func(i int, r Report) { want[names[i]] = r }, func(int, Report) {})

	path := filepath.Join(t.TempDir(), "load.bin")
	for pass := range 2 { // the first fills the store, the second reads it
		st, err := OpenStore(path, "v1")
		if err != nil {
			t.Fatal(err)
		}
		c := &Cache{files: map[string]*cacheEntry{}, seen: map[string]bool{}}
		c.UseStore(st)
		var (
			mu     sync.Mutex
			arrays = map[*Row]bool{}
		)
		files := filesThrough(c, fsys, names, read)
		files.Each(func(int, Report) {}, func(i int, r Report) {
			mu.Lock()
			arrays[&r.Results[:1][0]] = true
			mu.Unlock()
			if !reflect.DeepEqual(r, want[names[i]]) {
				t.Errorf("pass %d: %s is not what decoding it gives", pass, names[i])
			}
		})
		if workers := runtime.GOMAXPROCS(0); pass == 1 && (c.FromStore() != n || len(arrays) > Lookahead(workers)+workers) {
			t.Errorf("from the store: %d files of %d, their rows in %d arrays", c.FromStore(), n, len(arrays))
		}
		if err := c.WriteStore(path, "v1"); err != nil {
			t.Fatal(err)
		}
	}
}

// A worker of Each with nothing to do decodes the next group's first files (then) rather
// than wait for the file before it: here the plans' first file is read only once the
// results' first file was decoded ahead; the results' Each then hands every file over
// once, in order, none read twice.
func TestIdleWorkersDecodeTheNextGroup(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	ahead := make(chan struct{})
	var once sync.Once
	reads := make([]int, 5)
	var mu sync.Mutex
	results := &Files[int]{names: make([]string, 5), read: func(i int, _ *diag.List) (int, bool, bool) {
		mu.Lock()
		reads[i]++
		mu.Unlock()
		once.Do(func() { close(ahead) })
		return 100 + i, true, false
	}}
	plans := &Files[int]{names: make([]string, 2), then: results, read: func(i int, _ *diag.List) (int, bool, bool) {
		if i == 0 {
			select {
			case <-ahead:
			case <-time.After(30 * time.Second):
				t.Error("no idle worker decoded a results file while the first plan was read")
			}
		}
		return i, true, false
	}}
	var got []int
	plans.Each(func(i, v int) { got = append(got, v) }, func(int, int) {})
	results.Each(func(i, v int) { got = append(got, v) }, func(int, int) {})
	if fmt.Sprint(got) != "[0 1 100 101 102 103 104]" {
		t.Errorf("linked %v, want the plans then the results, in order", got)
	}
	if fmt.Sprint(reads) != "[1 1 1 1 1]" {
		t.Errorf("each results file read %v times, want once", reads)
	}
}

// Prefetch decodes the first plans files before Each starts, and Each links each of them,
// in order, without reading any again (whether Prefetch or Each decoded it).
func TestPrefetchedPlansAreLinkedOnce(t *testing.T) {
	const n = PrefetchFiles + 40
	reads := make([]int, n)
	var mu sync.Mutex
	first := make(chan struct{})
	var once sync.Once
	plans := &Files[Plan]{names: make([]string, n), read: func(i int, _ *diag.List) (Plan, bool, bool) {
		mu.Lock()
		reads[i]++
		mu.Unlock()
		once.Do(func() { close(first) })
		return Plan{ID: fmt.Sprint(i)}, true, false
	}}
	p := &Pending{Plans: plans, Reports: &Files[Report]{}}
	p.Prefetch()
	select { // a file is decoded before Each is called
	case <-first:
	case <-time.After(30 * time.Second):
		t.Fatal("Prefetch decoded no file")
	}
	var got []string
	p.Plans.Each(func(_ int, v Plan) { got = append(got, v.ID) }, func(int, Plan) {})
	var want []string
	for i := range n {
		want = append(want, fmt.Sprint(i))
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("linked %v, want every file once, in order", got)
	}
	for i, r := range reads {
		if r != 1 {
			t.Errorf("file %d read %d times, want once", i, r)
		}
	}
}
