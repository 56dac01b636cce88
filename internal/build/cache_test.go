package build

import (
	"bytes"
	"crypto/sha256"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/gen/gentest"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/render"
	"github.com/covsite/covsite/internal/render/download"
	"github.com/covsite/covsite/internal/routes"
	"github.com/covsite/covsite/internal/sitetest"
)

// sameTrees fails unless the directories a and b hold the same files with the same bytes.
// It reads the files one pair at a time: a national output is hundreds of megabytes.
func sameTrees(t *testing.T, a, b string) {
	t.Helper()
	list := func(root string) []string {
		var out []string
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(root, p)
				out = append(out, rel)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	la, lb := list(a), list(b)
	if !slices.Equal(la, lb) {
		t.Fatalf("the trees list different files: %d and %d, first differences %v", len(la), len(lb), firstDiffs(la, lb))
	}
	var differ []string
	for _, rel := range la {
		x, err := os.ReadFile(filepath.Join(a, rel))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			differ = append(differ, rel)
		}
	}
	if len(differ) > 0 {
		t.Fatalf("%d of %d files differ: %v", len(differ), len(la), differ[:min(len(differ), 10)])
	}
}

func firstDiffs(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) && len(out) < 5 {
			out = append(out, "-"+x)
		}
	}
	for _, x := range b {
		if !slices.Contains(a, x) && len(out) < 10 {
			out = append(out, "+"+x)
		}
	}
	return out
}

// TestCacheGivesTheSameBytes builds the national dataset at scale 0.1 with a cache, changes
// figures of one results file (a ward's and its province's) and builds again with the
// cache — which renders only the pages the change can reach and takes the rest from the
// previous output — and once more without a cache into another directory: every file is
// the same, byte for byte.
func TestCacheGivesTheSameBytes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the scale-0.1 dataset three times")
	}
	site := gentest.Site(t, 0.1)
	cache, out, ref := t.TempDir(), filepath.Join(t.TempDir(), "public"), filepath.Join(t.TempDir(), "public")
	first := mustRun(t, Options{Source: site, Dest: out, CacheDir: cache})
	if first.FromStore != 0 || first.Kept != 0 || len(first.Notices) != 0 {
		t.Fatalf("a first build with an empty cache: %d from the store, %d kept, notices %v", first.FromStore, first.Kept, first.Notices)
	}
	figs := gentest.ResultsFigures(t, site)
	figs[0].Set(t, site, figs[0].Value+1_234)
	figs[len(figs)-1].Set(t, site, figs[len(figs)-1].Value+7)
	again := mustRun(t, Options{Source: site, Dest: out, CacheDir: cache})
	mustRun(t, Options{Source: site, Dest: ref})
	t.Logf("rebuild: %d files, %d kept without rendering, %d unchanged, %d decoded from the store", again.Files, again.Kept, again.Unchanged, again.FromStore)
	if again.Kept < again.Files/2 || again.FromStore == 0 || len(again.Notices) != 0 {
		t.Errorf("the rebuild rendered %d of %d files, decoded %d files from the store, notices %v: the cache was not used",
			again.Files-again.Kept, again.Files, again.FromStore, again.Notices)
	}
	sameTrees(t, out, ref)

	// and once more, updating the output in place (write.Update), as CI does
	figs[1].Set(t, site, figs[1].Value+99)
	inPlace := mustRun(t, Options{Source: site, Dest: out, CacheDir: cache, InPlace: true})
	ref2 := filepath.Join(t.TempDir(), "public")
	mustRun(t, Options{Source: site, Dest: ref2})
	if inPlace.Kept < inPlace.Files/2 {
		t.Errorf("the in-place rebuild rendered %d of %d files", inPlace.Files-inPlace.Kept, inPlace.Files)
	}
	sameTrees(t, out, ref2)
	assertOnly(t, filepath.Dir(out), "public")
}

// assertOnly fails when dir holds anything but the names given.
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !slices.Contains(names, e.Name()) {
			t.Errorf("left beside the output: %s", e.Name())
		}
	}
}

// TestCacheProblemsAreNotices damages the cache files, marks them as another version's,
// edits the output behind the build's back and moves the output: each build succeeds, says
// in one line (in Vietnamese, or English) what it ignored, and gives the bytes of a build
// without a cache.
func TestCacheProblemsAreNotices(t *testing.T) {
	site := sitetest.CopyExample(t, "../..")
	ref := filepath.Join(t.TempDir(), "public")
	mustRun(t, Options{Source: site, Dest: ref})
	cache, out := filepath.Join(t.TempDir(), "cache"), filepath.Join(t.TempDir(), "public")
	mustRun(t, Options{Source: site, Dest: out, CacheDir: cache})
	flip := func(name string) func(t *testing.T) {
		return func(t *testing.T) { flipAByte(t, filepath.Join(cache, name)) }
	}
	page := filepath.Join(out, "dia-phuong", "tra-vinh", "index.html")
	for _, tc := range []struct {
		name   string
		before func(t *testing.T)
		vi, en []string // in the notices, in order
	}{
		{"nothing wrong", func(*testing.T) {}, nil, nil},
		{"damaged store", flip(storeFile), []string{"load.bin bị hỏng"}, []string{"load.bin is damaged"}},
		{"damaged state", flip(stateFile), []string{"build.bin bị hỏng"}, []string{"build.bin is damaged"}},
		{"output edited", func(t *testing.T) {
			if err := os.WriteFile(page, []byte("sửa tay"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, []string{"1 tệp trong"}, []string{": 1 file(s) are not as the previous build"}},
		{"a truncated store", func(t *testing.T) {
			if err := os.Truncate(filepath.Join(cache, storeFile), 10); err != nil {
				t.Fatal(err)
			}
		}, []string{"load.bin bị hỏng"}, []string{"load.bin is damaged"}},
		{"another covsite", func(t *testing.T) {
			cacheVersion = func() string { return "covsite of another day" }
			t.Cleanup(func() { cacheVersion = Version })
		}, []string{"build.bin do một phiên bản covsite khác ghi", "load.bin do một phiên bản covsite khác ghi"},
			[]string{"build.bin was written by another version of covsite", "load.bin was written by another version of covsite"}},
		{"this covsite again", func(*testing.T) {}, []string{"build.bin do một phiên bản covsite khác ghi", "load.bin do một phiên bản covsite khác ghi"},
			[]string{"build.bin was written by another version of covsite", "load.bin was written by another version of covsite"}},
		// the store is written while the pages render: its failure is still a notice, in
		// its place, and the build is complete
		{"a store that can be neither read nor written", func(t *testing.T) {
			store := filepath.Join(cache, storeFile)
			if err := os.Remove(store); err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Join(store, "x"), 0o755); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.RemoveAll(store) })
		}, []string{"không dùng được bộ nhớ đệm", "không dùng được bộ nhớ đệm"},
			[]string{"every file is decoded again", "the build goes on"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.before(t)
			res := mustRun(t, Options{Source: site, Dest: out, CacheDir: cache})
			if len(res.Notices) != len(tc.vi) {
				t.Fatalf("notices %q, want %d", res.Notices, len(tc.vi))
			}
			for i, n := range res.Notices {
				vi, en := n.In("vi"), n.In("en")
				if !strings.Contains(vi, tc.vi[i]) || !strings.Contains(en, tc.en[i]) || strings.Contains(vi, "\n") {
					t.Errorf("notice %d: %q / %q; want %q / %q on one line", i, vi, en, tc.vi[i], tc.en[i])
				}
			}
			sameTrees(t, out, ref)
		})
	}
	// Another output directory: the previous output is not there, every page is rendered.
	other := filepath.Join(t.TempDir(), "public")
	if res := mustRun(t, Options{Source: site, Dest: other, CacheDir: cache}); res.Kept != 0 || len(res.Notices) != 0 {
		t.Errorf("a build into another directory kept %d files, notices %v", res.Kept, res.Notices)
	}
	sameTrees(t, other, ref)
}

// TestAffectedPagesCoverEveryChange edits results files of a small national dataset in the
// ways a data commit does — a ward's figure, a province's, a row removed, a file removed —
// renders every page before and after, and checks that every page whose bytes changed is
// one the incremental build renders (affectedPages does not let it be kept).
func TestAffectedPagesCoverEveryChange(t *testing.T) {
	if testing.Short() {
		t.Skip("renders a national dataset five times")
	}
	site := gentest.Site(t, 0.01)
	// packed, as a national site is: each province's pack is kept when its figures are
	limit := download.PlainLimit
	download.PlainLimit = 100
	t.Cleanup(func() { download.PlainLimit = limit })
	hashes := func() (map[string][32]byte, checked) {
		c := check(os.DirFS(site), render.Options{}, false)
		if c.renderer == nil {
			t.Fatalf("the dataset does not check: %v", c.diags.Err("en"))
		}
		out := map[string][32]byte{}
		var buf bytes.Buffer
		for _, p := range c.pages {
			buf.Reset()
			if err := p.Render(&buf); err != nil {
				t.Fatal(err)
			}
			out[p.Path] = sha256.Sum256(buf.Bytes())
		}
		return out, c
	}
	figs := gentest.ResultsFigures(t, site)
	results, _ := filepath.Glob(filepath.Join(site, "data", "results", "*.toml"))
	slices.Sort(results)
	// family: what an edit of one locality's figure does to the pages of its siblings or
	// children — their standings stay as they were, so they are kept, or some change
	// and are rendered; none for edits of other kinds
	var (
		siblingsKept     = family{want: allKept}
		siblingsRendered = family{want: someRendered}
		childrenKept     = family{children: true, want: someKept}
	)
	ward := figs[len(figs)-1]
	// the province's latest results file: its figures are on the maps and rankings
	dated := strings.TrimSuffix(figs[0].File, ".toml")
	newest, _ := filepath.Glob(filepath.Join(site, filepath.FromSlash(dated[:len(dated)-len("2024-12-31")])+"*.toml"))
	slices.Sort(newest)
	edits := []struct {
		name      string
		do        func(t *testing.T)
		oneFigure bool
		family    family
		mapped    bool // the maps' figures change: some indicators' pages are rendered, not all
	}{
		{"a ward's figure", func(t *testing.T) { ward.Set(t, site, ward.Value+11) }, true, siblingsKept, false},
		{"a ward's figure falls below its siblings'", func(t *testing.T) { ward.Set(t, site, 1) }, true, siblingsRendered, false},
		{"a province's figure", func(t *testing.T) { figs[0].Set(t, site, figs[0].Value*2) }, true, childrenKept, false},
		{"a province's latest figure", func(t *testing.T) {
			p := newest[len(newest)-1]
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(string(src), "\n")
			i := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "bhxh-bat-buoc = ") })
			if i < 0 {
				t.Fatalf("%s has no bhxh-bat-buoc", p)
			}
			v, err := strconv.Atoi(strings.ReplaceAll(strings.TrimPrefix(lines[i], "bhxh-bat-buoc = "), "_", ""))
			if err != nil {
				t.Fatal(err)
			}
			lines[i] = "bhxh-bat-buoc = " + strconv.Itoa(v*2)
			if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
				t.Fatal(err)
			}
		}, true, family{}, true},
		{"a row removed", func(t *testing.T) {
			p := results[len(results)/2]
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			i := bytes.LastIndex(src, []byte("[[result]]"))
			if err := os.WriteFile(p, src[:i], 0o644); err != nil {
				t.Fatal(err)
			}
		}, false, family{}, false},
		{"a source's title", func(t *testing.T) {
			p := results[len(results)/4]
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			src = bytes.Replace(src, []byte("title = \""), []byte("title = \"Đã sửa: "), 1)
			if err := os.WriteFile(p, src, 0o644); err != nil {
				t.Fatal(err)
			}
		}, false, family{}, false},
		{"a file removed", func(t *testing.T) {
			if err := os.Remove(results[len(results)/3]); err != nil {
				t.Fatal(err)
			}
		}, false, family{}, false},
	}
	before, prev := hashes()
	sums0, digests0, reports0 := sums(t, site), fileDigests(t, site), byFile(fileReports(t, site))
	for _, e := range edits {
		t.Run(e.name, func(t *testing.T) {
			e.do(t)
			after, c := hashes()
			now := sums(t, site)
			var changed []string
			for p, sum := range now {
				if old, ok := sums0[p]; !ok || old != sum {
					changed = append(changed, p)
				}
			}
			for p := range sums0 {
				if _, ok := now[p]; !ok {
					changed = append(changed, p)
				}
			}
			now1 := fileDigests(t, site)
			r, ok := reach(changed, prev.site.ResultsFileRefs(), c.site.ResultsFileRefs(), digests0, now1)
			if !ok {
				t.Fatalf("the edit of %v would render every page: the test edits nothing that should", changed)
			}
			// the site before the edit, as a rebuild makes it: this site with the previous
			// version of each changed file relinked (previousSite)
			now2 := fileReports(t, site)
			var files []string
			for _, r := range now2 {
				files = append(files, r.Pos.File)
			}
			cc := &buildCache{reports: skeletons(files), old: map[string]load.Report{}}
			for _, p := range changed {
				if r, ok := reports0[p]; ok {
					cc.old[p] = r
				}
			}
			// the refs a rebuild works out from the previous build's are those of every file
			if got, want := cc.refsAfter(c.site, prev.site.ResultsFileRefs(), changed), c.site.ResultsFileRefs(); !reflect.DeepEqual(got, want) {
				t.Error("the refs worked out from the previous build's are not the site's")
			}
			r.before = cc.previousSite(c.site, changed)
			if e.oneFigure && r.before == nil {
				t.Error("the site before an edit of one figure was not relinked")
			}
			keep := affectedPages(c, r)
			if e.family.want != "" {
				assertFamily(t, c, r, keep, e.family)
			}
			differ, rendered := 0, 0
			for path, h := range after {
				if !keep(path) {
					rendered++
				}
				if before[path] == h {
					continue
				}
				differ++
				if keep(path) {
					t.Errorf("%s changed, but the incremental build would keep it", path)
				}
			}
			if differ == 0 {
				t.Fatal("the edit changed no page")
			}
			if packs, kept := keptPacks(after, keep); kept == 0 || kept == packs {
				t.Errorf("%d of %d provinces' packs kept: the edit should keep some and make some", kept, packs)
			}
			// an edit of one figure reaches its indicator's pages (and its total's), not
			// the others'
			// an edit of one figure reaches the pages of its indicator (and its total's) only
			// when a map's figure changes
			pages, kept := keptIndicators(after, keep)
			if e.oneFigure && e.mapped && (kept == 0 || kept == pages) {
				t.Errorf("%d of %d indicators' pages kept: the edit of a figure on the maps should keep some and make some", kept, pages)
			}
			if e.oneFigure && !e.mapped && kept != pages {
				t.Errorf("%d of %d indicators' pages kept: the edit of a figure not on the maps should keep them all", kept, pages)
			}
			if e.oneFigure {
				assertCards(t, c, r, keep, after)
				assertPlansKept(t, c, r, keep)
			}
			t.Logf("%d of %d files changed; %d are rendered again", differ, len(after), rendered)
			t.Logf("localities touched: %d, indicators: %v", len(r.localities), slices.Sorted(maps.Keys(r.indicators)))
			before, prev, sums0, digests0 = after, c, now, now1
			reports0 = byFile(now2)
		})
	}
}

// family is what an edit of one locality's figure should do to the pages of its siblings
// (children: of its children) that nothing else reaches.
type family struct {
	children bool
	want     string // allKept, someKept or someRendered; "": nothing to check
}

const (
	allKept      = "every one kept"
	someKept     = "some kept"
	someRendered = "some rendered again"
)

// assertFamily checks the pages of the siblings or children of the locality edited, which
// are rendered again only when their standing changed.
func assertFamily(t *testing.T, c checked, r reached, keep func(string) bool, f family) {
	t.Helper()
	if len(r.localities) != 1 {
		t.Fatalf("the edit touched %d localities, not one", len(r.localities))
	}
	var edited *model.Locality
	for id := range r.localities {
		edited = c.site.Locality(id)
	}
	who, members := "siblings", []*model.Locality(nil)
	if f.children {
		who, members = "children", edited.Children
	} else if edited.Parent != nil {
		members = edited.Parent.Children
	}
	rendered, n := 0, 0
	for _, o := range members {
		if o == edited || o == edited.Successor || slices.Contains(edited.Predecessors, o) {
			continue // reached otherwise
		}
		n++
		if !keep(routes.File("vi", routes.Locality(o.ID))) {
			rendered++
		}
	}
	if n < 2 {
		t.Fatalf("%s has %d %s to look at", edited.ID, n, who)
	}
	if ok := map[string]bool{allKept: rendered == 0, someKept: rendered < n, someRendered: rendered > 0}[f.want]; !ok {
		t.Errorf("%d of %d %s of %s rendered again; want %s", rendered, n, who, edited.ID, f.want)
	}
	t.Logf("%s of %s: %d of %d rendered again", who, edited.ID, rendered, n)
}

// assertPlansKept checks, for an edit of one locality's figure, that some of the plans of
// that locality or one above it — which show its results only through their targets'
// progress — are kept: those whose targets are not set against the figure edited.
func assertPlansKept(t *testing.T, c checked, r reached, keep func(string) bool) {
	t.Helper()
	family := map[*model.Locality]bool{}
	for id := range r.localities {
		l := c.site.Locality(id)
		family[l] = true
		for _, a := range l.Ancestors() {
			family[a] = true
		}
	}
	plans, kept := 0, 0
	for _, p := range c.site.Plans {
		if !family[p.Locality] || r.plans[p.ID] {
			continue
		}
		plans++
		if keep(routes.File("vi", routes.Plan(p.ID))) {
			kept++
		}
	}
	if kept == 0 {
		t.Errorf("none of the %d plans of the locality edited or above it is kept", plans)
	}
	t.Logf("plans of the locality edited or above: %d of %d kept", kept, plans)
}

// assertCards checks, for an edit of one figure of a locality below a province, that the
// share cards of that locality are drawn again and those of the localities of other
// provinces kept (a province's siblings are the other provinces: its standing among them
// shows on their pages).
func assertCards(t *testing.T, c checked, r reached, keep func(string) bool, paths map[string][32]byte) {
	t.Helper()
	var touched *model.Locality
	for id := range r.localities {
		touched = c.site.Locality(id)
	}
	if touched == nil || download.ProvinceOf(touched) == touched {
		return
	}
	card := func(l *model.Locality, lang string) string {
		return routes.File(lang, routes.ShareCard(routes.Locality(l.ID)))
	}
	kept := 0
	for _, l := range c.site.Localities {
		for _, lang := range []string{"vi", "en"} {
			p := card(l, lang)
			if _, ok := paths[p]; !ok {
				continue
			}
			other := download.ProvinceOf(l) != nil && download.ProvinceOf(l) != download.ProvinceOf(touched) // not the root either
			switch {
			case l == touched && keep(p):
				t.Errorf("the card of the locality edited, %s, would be kept", p)
			case other && keep(p):
				kept++
			case other:
				t.Errorf("the card %s of a locality of another province would be drawn again", p)
			}
		}
	}
	if kept == 0 {
		t.Error("no card of another province's locality is kept")
	}
}

// keptIndicators counts the indicators' pages, rankings and maps' embeds among paths, and
// those keep keeps.
func keptIndicators(paths map[string][32]byte, keep func(string) bool) (pages, kept int) {
	for p := range paths {
		if _, ok := routes.IndicatorOf(p); ok {
			pages++
			if keep(p) {
				kept++
			}
		}
	}
	return pages, kept
}

// keptPacks counts the provinces' packs among paths, and those keep keeps.
func keptPacks(paths map[string][32]byte, keep func(string) bool) (packs, kept int) {
	for p := range paths {
		if _, ok := routes.ProvinceOfDownload(p); ok && strings.HasSuffix(p, ".zip") {
			packs++
			if keep(p) {
				kept++
			}
		}
	}
	return packs, kept
}

// sums hashes every results file of the site at dir, by slash path.
func sums(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	files, err := filepath.Glob(filepath.Join(dir, "data", "results", "*.toml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out["data/results/"+filepath.Base(f)] = sha256.Sum256(b)
	}
	return out
}

// fileReports returns the reports of the site at dir, in order.
func fileReports(t *testing.T, dir string) []load.Report {
	t.Helper()
	raw, _ := load.Load(os.DirFS(dir))
	return raw.Reports
}

// byFile is reports by file.
func byFile(reports []load.Report) map[string]load.Report {
	out := map[string]load.Report{}
	for _, r := range reports {
		out[r.Pos.File] = r
	}
	return out
}

// fileDigests returns the digest of every results file of the site at dir.
func fileDigests(t *testing.T, dir string) map[string]digest {
	t.Helper()
	raw, _ := load.Load(os.DirFS(dir))
	out := map[string]digest{}
	for _, r := range raw.Reports {
		var d digest
		d.Rest, d.Rows = load.ReportDigest(r)
		out[r.Pos.File] = d
	}
	return out
}

// TestCacheInsideTheOutputIsNotUsed: a cache directory inside --dest would be published and
// swapped away by every build; it is not used, with a notice.
func TestCacheInsideTheOutputIsNotUsed(t *testing.T) {
	site := sitetest.CopyExample(t, "../..")
	out := filepath.Join(t.TempDir(), "public")
	for range 2 {
		res := mustRun(t, Options{Source: site, Dest: out, CacheDir: filepath.Join(out, "cache")})
		if len(res.Notices) != 1 || !strings.Contains(res.Notices[0].In("en"), "is inside the output directory") || res.Kept != 0 {
			t.Fatalf("notices %q, kept %d", res.Notices, res.Kept)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "cache")); err == nil {
		t.Error("the cache was written into the output")
	}
}

// TestRebuildPacing: a build whose cache holds the previous build into the same
// destination with the same options is a rebuild, and runs the collector at
// rebuildGCPercent (unless GOGC says otherwise), restored when it ends; any other build
// keeps the default pacing.
func TestRebuildPacing(t *testing.T) {
	site := sitetest.CopyExample(t, "../..")
	cache, out := t.TempDir(), filepath.Join(t.TempDir(), "public")
	opts := Options{Source: site, Dest: out, CacheDir: cache}
	rebuilds := func(opts Options) bool {
		cc, sealed := openCache(cache)
		return <-sealed && cc.rebuilds(opts)
	}
	if rebuilds(opts) {
		t.Fatal("an empty cache counts as a rebuild")
	}
	mustRun(t, opts)
	other, drafts := opts, opts
	other.Dest, drafts.Drafts = filepath.Join(t.TempDir(), "public"), true
	for _, tc := range []struct {
		name string
		opts Options
		want bool
	}{{"same destination", opts, true}, {"another destination", other, false}, {"other options", drafts, false}} {
		if got := rebuilds(tc.opts); got != tc.want {
			t.Errorf("%s: rebuilds = %t, want %t", tc.name, got, tc.want)
		}
	}
	t.Setenv("GOGC", "")
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	restore := paceForRebuild()
	if got := debug.SetGCPercent(rebuildGCPercent); got != rebuildGCPercent {
		t.Errorf("pacing during a rebuild: %d, want %d", got, rebuildGCPercent)
	}
	restore()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("pacing after a rebuild: %d, want 100", got)
	}
	t.Setenv("GOGC", "50")
	restore = paceForRebuild()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GOGC set: the pacing was changed to %d", got)
	}
	restore()
}

// TestStandingsWithoutThePreviousVersion: when the store does not hold the previous version
// of the results file that changed (here it is damaged), the site before the change cannot
// be made, and every sibling and child of the locality edited is rendered again: the output
// is still the same as a build without the cache, with one notice.
func TestStandingsWithoutThePreviousVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a small national dataset four times")
	}
	site := gentest.Site(t, 0.01)
	cache, out := t.TempDir(), filepath.Join(t.TempDir(), "public")
	mustRun(t, Options{Source: site, Dest: out, CacheDir: cache})
	figs := gentest.ResultsFigures(t, site)
	ward := figs[len(figs)-1]
	for _, tc := range []struct {
		name    string
		damage  bool
		notices int
	}{
		{"the previous version in the store", false, 0},
		{"the store damaged", true, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ward.Set(t, site, ward.Value+3)
			ward.Value += 3
			if tc.damage {
				flipAByte(t, filepath.Join(cache, storeFile))
			}
			res := mustRun(t, Options{Source: site, Dest: out, CacheDir: cache})
			if len(res.Notices) != tc.notices || res.Kept < res.Files/2 {
				t.Errorf("notices %v, %d of %d files kept", res.Notices, res.Kept, res.Files)
			}
			ref := filepath.Join(t.TempDir(), "public")
			mustRun(t, Options{Source: site, Dest: ref})
			sameTrees(t, out, ref)
			t.Logf("%d of %d files rendered", res.Files-res.Kept, res.Files)
		})
	}
}

// flipAByte damages the file at path: one bit of its middle byte changed.
func flipAByte(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 1
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
