package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/lang"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/render"
	"github.com/covsite/covsite/internal/render/download"
	"github.com/covsite/covsite/internal/routes"
	"github.com/covsite/covsite/internal/sitefs"
	"github.com/covsite/covsite/internal/view"
	"github.com/covsite/covsite/internal/write"
)

// The build cache (Options.CacheDir, `.covsite-cache/` at the site root by default) holds
// two files:
//
//   - load.bin, a load.Store: what every data and content file decoded to, by the hash of
//     its path and contents, so that only changed files are decoded;
//   - build.bin, the state of the previous build: its output directory, options and the
//     hash of every input file, what each results file links to (model.FileRefs) and the
//     manifest of the output (write.Manifest: size, time and SHA-256 of every file).
//
// With build.bin, a build writes no file whose bytes are already in the output without
// reading the old file (the manifest has its hash), and, when only results files changed,
// renders only the pages those files can change (affectedPages) and links every other
// file from the previous output. Anything else that changed — a locality, plan, indicator,
// document, the theme, the options, covsite itself — renders every page. A cache file
// that is damaged, of another version of covsite, or describes an output that is no longer
// on disk as it was is ignored with a one-line notice (Result.Notices); the output is the
// same, byte for byte, with the cache or without it.

// DefaultCacheDir is the cache directory of a site, relative to its source directory.
const DefaultCacheDir = ".covsite-cache"

const (
	storeFile = "load.bin"
	stateFile = "build.bin"
	// stateFormat is the version of build.bin's format; change it with buildState.
	stateFormat = 4
	stateMagic  = "covsite-build\n"
)

// Version names the running covsite for the cache: its module version, VCS revision and Go
// version, and the SHA-256 of the executable, so that any change to the program (even
// uncommitted) makes a new cache. Builds of the same source are reproducible, and `go run`
// stamps no VCS information (golang/go#52338), so `go run ./cmd/covsite` — what make and
// the workflow run — gives the same executable, and the same version, for every data
// commit. A binary rebuilt for each commit by `go build` in a checkout is stamped with the
// commit: each is a new version, and its first build renders every page.
var Version = sync.OnceValue(func() string {
	var b strings.Builder
	b.WriteString("covsite")
	if bi, ok := debug.ReadBuildInfo(); ok {
		fmt.Fprintf(&b, " %s %s", bi.Main.Version, bi.GoVersion)
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" || s.Key == "vcs.modified" {
				fmt.Fprintf(&b, " %s=%s", s.Key, s.Value)
			}
		}
	}
	if exe, err := os.Executable(); err == nil {
		if f, err := os.Open(exe); err == nil {
			h := sha256.New()
			if _, err := io.Copy(h, f); err == nil {
				fmt.Fprintf(&b, " exe=%s", hex.EncodeToString(h.Sum(nil)[:12]))
			}
			f.Close()
		}
	}
	return b.String()
})

// cacheVersion is the version the cache files are marked with; tests change it.
var cacheVersion = Version

// buildState is what build.bin keeps of a build.
type buildState struct {
	Dest    string                    // the output directory, absolute
	Options string                    // what of Options changes the output
	Inputs  map[string][32]byte       // every input file: load.Cache.Sums and the site's theme files
	Refs    map[string]model.FileRefs // by results file
	Files   write.Manifest            // the output
}

// digest is a results file's load.ReportDigest: what an edit of it changed.
type digest struct {
	Rest [32]byte            // the source's fields and comparisons
	Rows map[string][32]byte // by locality and indicator (load.DigestKey)
}

// digestOf is the digest of a results file's report.
func digestOf(r load.Report) digest {
	var d digest
	d.Rest, d.Rows = load.ReportDigest(r)
	return d
}

// digests returns the digests of the results files (names, as linked) whose contents
// changed since the previous build, as they are now (is) and as they were (was): the
// current contents' report is decoded again from the load's cache (c), the previous
// contents' from the previous store, old, by the previous hash of the file. A file that
// is not there has no digest in was, and every locality and indicator of it counts as
// changed (reach). Nothing is kept for the next build: a national site's 611 results
// files have 600,000 localities' indicators, 30 MB of hashes.
func (cc *buildCache) digests(c *load.Cache, old *load.Store, names []string) (was, is map[string]digest) {
	prev := cc.prev()
	if prev == nil {
		return nil, nil
	}
	was, is = map[string]digest{}, map[string]digest{}
	cc.old = map[string]load.Report{}
	for _, f := range names {
		sum, had := prev.Inputs[f]
		if had && sum == cc.inputs[f] {
			continue
		}
		if r, ok := reportOf(c.Values(f)); ok {
			is[f] = digestOf(r)
		}
		if r, ok := reportOf(old.Values(sum, f)); had && ok {
			was[f] = digestOf(r)
			cc.old[f] = r
		}
	}
	return was, is
}

// reportOf is the report of a results file's values.
func reportOf(values any, ok bool) (load.Report, bool) {
	reports, _ := values.([]load.Report)
	if !ok || len(reports) != 1 {
		return load.Report{}, false
	}
	return reports[0], true
}

// skeletons is the reports of the results files names, each only by its id and file: all
// that model.Relink reads of a report that did not change.
func skeletons(names []string) []load.Report {
	out := make([]load.Report, len(names))
	for i, f := range names {
		out[i] = load.Report{ID: load.FileID(f), Pos: diag.Pos{File: f}}
	}
	return out
}

// previousSite is the site the previous build linked, made by relinking into site the
// previous version of each changed results file, as the previous build's store holds it;
// nil when a changed file is new or gone, its previous version is not in the store
// (it did not decode cleanly), or model.Relink cannot link the change on its own.
func (cc *buildCache) previousSite(site *model.Site, changed []string) *model.Site {
	raw := &load.Site{Reports: slices.Clone(cc.reports)}
	found := 0
	for i, r := range raw.Reports {
		if !slices.Contains(changed, r.Pos.File) {
			continue
		}
		old, ok := cc.old[r.Pos.File]
		if !ok {
			return nil
		}
		raw.Reports[i] = old
		found++
	}
	if found != len(changed) {
		return nil // a file gone
	}
	prev, _ := model.Relink(site, raw, changed)
	return prev
}

// buildCache is a build's use of its cache directory.
type buildCache struct {
	dir string
	// state is the previous build's state, read on its own goroutine while the site loads
	// (build.bin takes 0.2 s to decode at national scale); nil: none, or not usable.
	state   func() *buildState
	notices []lang.Text
	// stateNotice says why build.bin is not used; it goes before notices (allNotices)
	stateNotice []lang.Text
	inputs      map[string][32]byte // of this build
	// was and is: the digests of the results files changed since the previous build
	was, is map[string]digest
	// reports: this build's results files, in order, each only by its id and file; old:
	// the previous version of each changed one, from the store (previousSite)
	reports []load.Report
	old     map[string]load.Report
	refs    map[string]model.FileRefs // of this build (refsOf)
	loading *loading                  // while the site loads and is linked (loader)
	// store is the previous build's store, once read (openStore)
	store func() (*load.Store, error)
	// writing: the store being written while the pages render (linked); writeErr its
	// error, a notice at writeAt among notices
	writing  sync.WaitGroup
	writeErr error
	writeAt  int
}

// openCache starts reading the cache directory's state and its store, each on its own
// goroutine while the site's links are checked and it loads; problems become notices.
// sealed tells, once it is known, whether the state file is this covsite's and sound (its
// checksum), before the rest of it is decoded.
func openCache(dir string) (cc *buildCache, sealed <-chan bool) {
	cc = &buildCache{dir: dir}
	done, checked := make(chan *buildState, 1), make(chan bool, 1)
	go func() { done <- cc.readState(checked) }()
	cc.state = sync.OnceValue(func() *buildState { return <-done })
	cc.openStore()
	return cc, checked
}

// openStore starts reading the store file on its own goroutine (the national site's is
// 50 MB); the loader takes it (store).
func (cc *buildCache) openStore() {
	type opened struct {
		st  *load.Store
		err error
	}
	done := make(chan opened, 1)
	go func() {
		st, err := load.OpenStore(filepath.Join(cc.dir, storeFile), cacheVersion())
		done <- opened{st, err}
	}()
	cc.store = sync.OnceValues(func() (*load.Store, error) {
		o := <-done
		return o.st, o.err
	})
}

// readState reads build.bin, telling checked whether it is sealed by this covsite before
// decoding it; a problem becomes stateNotice.
func (cc *buildCache) readState(checked chan<- bool) *buildState {
	data, err := readSealed(filepath.Join(cc.dir, stateFile), stateMagic, stateFormat, cacheVersion())
	checked <- err == nil
	if err == nil {
		st := &buildState{}
		if err = gob.NewDecoder(bytes.NewReader(data)).Decode(st); err == nil {
			return st
		}
		err = errCorrupt
	}
	if !errors.Is(err, fs.ErrNotExist) {
		cc.stateNotice = []lang.Text{cc.noticeOf(err, stateFile, "mọi trang được dựng lại", "every page is rendered again")}
	}
	return nil
}

// allNotices says why a cache file was not used, and what the build found, once the
// previous build's state is read.
func (cc *buildCache) allNotices() []lang.Text {
	cc.prev()
	cc.writing.Wait()
	notices := cc.notices
	if cc.writeErr != nil { // in the order it happened: before what the build found later
		notices = slices.Insert(slices.Clone(notices), cc.writeAt,
			cc.noticeOf(cc.writeErr, storeFile, "bản dựng vẫn tiếp tục", "the build goes on"))
	}
	return slices.Concat(cc.stateNotice, notices)
}

// prev is the previous build's state, once read; nil: none, or not usable.
func (cc *buildCache) prev() *buildState {
	if cc.state == nil {
		return nil
	}
	return cc.state()
}

// rebuilds reports whether the cache holds the state of a previous build into opts.Dest
// with the same options: whether this build may keep most of that output.
func (cc *buildCache) rebuilds(opts Options) bool {
	dest, err := filepath.Abs(opts.Dest)
	prev := cc.prev()
	return err == nil && prev != nil && prev.Dest == dest && prev.Options == optionsKey(opts)
}

// CheckCached is Check decoding through the store in cacheDir (see cache.go), which it
// fills for the next check or build; the notices say why a cache file was not used. The
// diagnostics are Check's.
func CheckCached(source, cacheDir string) (*model.Site, *diag.List, []lang.Text) {
	fsys, err := sitefs.Open(source)
	if err != nil { // as Check says it
		_, diags := Check(source)
		return nil, diags, nil
	}
	cc := &buildCache{dir: cacheDir}
	c := checkWith(fsys, render.Options{}, false, cc.loader(), nil, nil)
	cc.linked(source)
	return c.site, c.diags, cc.allNotices()
}

// notice records why a cache file is not used.
func (cc *buildCache) notice(err error, file, thenVI, thenEN string) {
	cc.notices = append(cc.notices, cc.noticeOf(err, file, thenVI, thenEN))
}

// noticeOf says why a cache file is not used.
func (cc *buildCache) noticeOf(err error, file, thenVI, thenEN string) lang.Text {
	path := filepath.Join(cc.dir, file)
	switch {
	case errors.Is(err, errVersion) || errors.Is(err, load.ErrStoreVersion):
		return lang.T(
			fmt.Sprintf("bộ nhớ đệm %s do một phiên bản covsite khác ghi nên được bỏ qua; %s", path, thenVI),
			fmt.Sprintf("the cache %s was written by another version of covsite and is ignored; %s", path, thenEN))
	case errors.Is(err, errCorrupt) || errors.Is(err, load.ErrStoreCorrupt):
		return lang.T(
			fmt.Sprintf("bộ nhớ đệm %s bị hỏng nên được bỏ qua; %s", path, thenVI),
			fmt.Sprintf("the cache %s is damaged and is ignored; %s", path, thenEN))
	}
	return lang.T(
		fmt.Sprintf("không dùng được bộ nhớ đệm %s (%v); %s", path, err, thenVI),
		fmt.Sprintf("cannot use the cache %s (%v); %s", path, err, thenEN))
}

// stale notes that n files of the previous output had been changed since the previous
// build with this cache (by hand, or by a build without it): they were rendered again.
func (cc *buildCache) stale(n int, dest string) {
	if n == 0 {
		return
	}
	cc.notices = append(cc.notices, lang.T(
		fmt.Sprintf("%d tệp trong %s không còn như lần dựng trước với bộ nhớ đệm này để lại; chúng được dựng lại", n, dest),
		fmt.Sprintf("%s: %d file(s) are not as the previous build with this cache left them; they are rendered again", dest, n)))
}

// loader returns how the build loads the site: through a load.Cache filled from the
// store, the plans and results files decoded while they are linked (load.Cache.Lazy), so
// their rows are never all live at once. Once the site is linked, linked writes the store
// back and lets the cache and the store go.
func (cc *buildCache) loader() func(fs.FS) (*load.Site, *diag.List) {
	return func(fsys fs.FS) (*load.Site, *diag.List) {
		if cc.store == nil {
			cc.openStore()
		}
		st, err := cc.store()
		if err != nil {
			cc.notice(err, storeFile, "mọi tệp được đọc lại", "every file is decoded again")
		}
		c := &load.Cache{}
		c.UseStore(st)
		raw, diags := c.Lazy(fsys)
		cc.loading = &loading{cache: c, store: st, rewrite: err != nil, raw: raw}
		return raw, diags
	}
}

// loading is a build's load through its cache, until the site is linked.
type loading struct {
	cache   *load.Cache
	store   *load.Store // the previous build's
	rewrite bool        // the store file was not usable: write it anew
	raw     *load.Site
}

// linked finishes the load once the site of source is linked: it keeps the hash of every
// input and the digests of the changed results files, starts writing the store when it
// changed (allNotices waits for it: 56 MB at national scale, written while the pages
// render), and returns how many files were taken from it.
func (cc *buildCache) linked(source string) (fromStore int) {
	l := cc.loading
	if l == nil {
		return 0
	}
	cc.loading = nil
	inputs := l.cache.Sums()
	themeSums(source, inputs)
	cc.inputs = inputs
	var names []string
	if p := l.raw.Pending; p != nil {
		names = p.Reports.Valued()
	} else {
		for _, r := range l.raw.Reports {
			names = append(names, r.Pos.File)
		}
	}
	cc.reports = skeletons(names)
	cc.was, cc.is = cc.digests(l.cache, l.store, names)
	if l.cache.StoreChanged() || l.rewrite {
		cc.writeAt = len(cc.notices)
		cc.writing.Go(func() { cc.writeErr = l.cache.WriteStore(filepath.Join(cc.dir, storeFile), cacheVersion()) })
	}
	return l.cache.FromStore()
}

// themeSums adds the site's own theme files (layouts/, static/, i18n/) to sums, each by
// the hash of its path and contents.
func themeSums(source string, sums map[string][32]byte) {
	fsys := SourceFS(source)
	for _, dir := range []string{"layouts", "static", "i18n"} {
		_ = fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				sums[p] = [32]byte{} // unreadable: never the same as before
				return nil
			}
			h := sha256.New()
			h.Write([]byte(p + "\x00"))
			h.Write(data)
			var sum [32]byte
			h.Sum(sum[:0])
			sums[p] = sum
			return nil
		})
	}
}

// optionsKey is what of opts changes the bytes of the output.
func optionsKey(opts Options) string {
	return fmt.Sprintf("base=%q languages=%q drafts=%t keys=%t", opts.BaseURL, opts.Languages, opts.Drafts, opts.FigureKeys)
}

// previous returns the manifest of the previous output when it was built into dest.
func (cc *buildCache) previous(dest string) write.Manifest {
	prev := cc.prev()
	if prev == nil || prev.Dest != dest {
		return nil
	}
	return prev.Files
}

// keepable returns which pages the build may take from the previous output instead of
// rendering them: none (nil) unless the previous build went to dest with the same options
// and program, and the inputs that changed since are all results files.
func (cc *buildCache) keepable(c checked, dest string, opts Options) func(string) bool {
	prev := cc.prev()
	if prev == nil || prev.Dest != dest || prev.Options != optionsKey(opts) {
		return nil
	}
	var changed []string
	for p, sum := range cc.inputs {
		if old, ok := prev.Inputs[p]; !ok || old != sum {
			changed = append(changed, p)
		}
	}
	for p := range prev.Inputs {
		if _, ok := cc.inputs[p]; !ok {
			changed = append(changed, p)
		}
	}
	refs := cc.refsAfter(c.site, prev.Refs, changed)
	for _, p := range changed {
		_, hadOld := prev.Refs[p]
		_, hasNow := refs[p]
		_, wasInput := prev.Inputs[p]
		_, isInput := cc.inputs[p]
		if hadOld != wasInput || hasNow != isInput {
			return nil // a file not linked: its results are not in the site
		}
	}
	r, ok := reach(changed, prev.Refs, refs, cc.was, cc.is)
	if !ok {
		return nil
	}
	r.before = cc.previousSite(c.site, changed)
	return affectedPages(c, r)
}

// reached is what changed results files reach.
type reached struct {
	localities, plans map[string]bool // by id
	indicators        map[string]bool // by id; nil: every indicator
	// before is the site as the previous build linked it, when known (previousSite): a
	// touched locality's children and siblings are then rendered only when their standing
	// changed, a plan only when its targets' progress did, and an indicator's pages only
	// when a map's figure did
	before *model.Site
}

// reach returns the localities, plans and indicators that the changed input files name,
// before and after the change: every locality and indicator of a file added or removed, or
// whose source or comparisons changed, else only the localities and indicators whose rows
// changed (by the digests); and every plan the file's shares name. ok is false unless the
// files are all results files none of which implies targets in plans.
func reach(changed []string, before, after map[string]model.FileRefs, was, is map[string]digest) (r reached, ok bool) {
	r = reached{localities: map[string]bool{}, plans: map[string]bool{}, indicators: map[string]bool{}}
	every := false // every indicator is reached
	rows := func(dk string) {
		loc, key := load.SplitDigestKey(dk)
		r.localities[loc] = true
		r.indicators[key] = true
		every = every || key == "" // a row without figures: its date or plan
	}
	for _, p := range changed {
		if !strings.HasPrefix(p, "data/results/") {
			return reached{}, false
		}
		old, now := before[p], after[p]
		if old.Implies || now.Implies {
			return reached{}, false
		}
		for _, id := range slices.Concat(old.Plans, now.Plans) {
			r.plans[id] = true
		}
		d0, ok0 := was[p]
		d1, ok1 := is[p]
		if ok0 && ok1 && d0.Rest == d1.Rest {
			for dk, h := range d0.Rows {
				if d1.Rows[dk] != h {
					rows(dk)
				}
			}
			for dk := range d1.Rows {
				if _, ok := d0.Rows[dk]; !ok {
					rows(dk)
				}
			}
			continue
		}
		every = true
		for _, id := range slices.Concat(old.Localities, now.Localities) {
			r.localities[id] = true
		}
	}
	if every {
		r.indicators = nil
	}
	return r, true
}

// withTotals is the indicators reached and every indicator summing one of them (bhxh,
// the sum of bhxh-bat-buoc and bhxh-tu-nguyen); nil (every indicator) stays nil.
func withTotals(site *model.Site, reached map[string]bool) map[string]bool {
	if reached == nil {
		return nil
	}
	out := maps.Clone(reached)
	for grew := true; grew; {
		grew = false
		for _, ind := range site.Indicators {
			if !out[ind.ID] && slices.ContainsFunc(ind.SumOf, func(part *model.Indicator) bool { return out[part.ID] }) {
				out[ind.ID], grew = true, true
			}
		}
	}
	return out
}

// affectedPages returns, for results whose files name the localities touched and the
// plans reported on, which pages cannot change: the theme's static files and the
// documents' pages, the data files of every locality but the touched ones, the pages of
// every locality but the touched ones, their ancestors and lineage, and those of their
// children and their parents' other children whose standing (against their parent, among
// their siblings) changed — all of them when the site before the change is not known
// (reached.before) —, the pages of every plan but those reported on and those whose
// targets in a touched locality are set against other results now (model.Site.Assess;
// when the site before the change is not known: every plan with a target in a touched
// locality, of a touched locality or one above), and the pages, rankings and maps' embeds
// of every indicator but those reached and their totals whose figure of a touched tile's
// locality changed (without the site before: those reached and their totals). The lists
// of localities, the home page, downloads, search indexes and sitemap are rendered again.
// TestAffectedPagesCoverEveryChange checks it against full renders.
func affectedPages(c checked, r reached) func(string) bool {
	site, touched, reported := c.site, r.localities, r.plans
	indicators := withTotals(site, r.indicators)
	if r.before != nil {
		indicators = mappedChanged(r.before, site, indicators, touched)
	}
	affected := map[string]bool{}
	above := map[*model.Locality]bool{}
	add := func(l *model.Locality) {
		if l != nil {
			affected[l.ID] = true
		}
	}
	for id := range touched {
		l := site.Locality(id)
		if l == nil {
			return nil // cannot be: localities did not change
		}
		add(l)
		add(l.Successor)
		for _, p := range l.Predecessors {
			add(p)
		}
		for _, a := range l.Ancestors() {
			add(a)
			above[a] = true
		}
		// its children show their standing against it, its siblings theirs among them
		var others []*model.Locality
		if l.Parent != nil {
			others = l.Parent.Children
		}
		for _, o := range slices.Concat(l.Children, others) {
			if r.before == nil || standingChanged(r.before, site, o) {
				add(o)
			}
		}
	}
	plans := map[string]bool{}
	for _, p := range site.Plans {
		var hit bool
		switch {
		case reported[p.ID]:
			hit = true
		case r.before != nil:
			hit = progressChanged(r.before, site, p, touched)
		default:
			hit = p.Locality != nil && (touched[p.Locality.ID] || above[p.Locality]) ||
				slices.ContainsFunc(p.Targets, func(t *model.Target) bool { return touched[t.Locality.ID] })
		}
		if hit {
			plans[p.ID] = true
		}
	}
	free := c.renderer.ResultsFree()
	provinces := map[string]bool{} // provinces with a touched locality: their packs change
	for id := range touched {
		if p := download.ProvinceOf(site.Locality(id)); p != nil {
			provinces[p.ID] = true
		}
	}
	return func(path string) bool {
		if free[path] {
			return true
		}
		if id, ok := routes.ProvinceOfDownload(path); ok {
			return !provinces[id]
		}
		if id, ok := routes.IndicatorOf(path); ok { // its page, ranking and maps' embeds
			return indicators != nil && !indicators[id]
		}
		switch kind, id := routes.Parse(path); kind {
		case routes.LocalityKind:
			if path == routes.LocalityDownload(id, "csv") || path == routes.LocalityDownload(id, "json") {
				return !touched[id] // a locality's own figures only
			}
			return !affected[id]
		case routes.PlanKind:
			return !plans[id]
		}
		return false
	}
}

// standingChanged reports whether what l's page shows of its parent and siblings — its
// standing for each indicator (model.Site.StandingOf: rate, parent's rate, rank) — differs
// between the site before a change and after it. Both sites share their localities and
// indicators (model.Relink).
func standingChanged(before, after *model.Site, l *model.Locality) bool {
	for _, ind := range after.Indicators {
		was, had := before.StandingOf(l, ind)
		is, has := after.StandingOf(l, ind)
		if had != has || was != is {
			return true
		}
	}
	return false
}

// mappedChanged returns, of the indicators (nil: every one), those whose pages, rankings
// and maps' embeds change between the site before a change and after it: they show each
// tile's and ranked province's latest figure (view.FigureOf: its result, rate or share of
// a target), so an indicator's pages change only when the figure of a touched one does.
// A ward's figure changes none; a province's, its indicator's and its totals' at most.
func mappedChanged(before, after *model.Site, indicators, touched map[string]bool) map[string]bool {
	out := map[string]bool{}
	groups := view.RankGroups(after) // the maps' tiles and the ranked provinces
	for _, ind := range after.Indicators {
		if indicators != nil && !indicators[ind.ID] {
			continue
		}
		for _, g := range groups {
			for _, l := range g.Localities {
				if !touched[l.ID] || out[ind.ID] {
					continue
				}
				for _, m := range view.Measures {
					if !reflect.DeepEqual(view.FigureOf(before, l, ind, m), view.FigureOf(after, l, ind, m)) {
						out[ind.ID] = true
					}
				}
			}
		}
	}
	return out
}

// progressChanged reports whether what p's pages show of the results — each target set
// against them (model.Site.Assess: the result, its source, share, gap, pace, baseline,
// milestone, status) — differs between the site before a change and after it for a target
// in a touched locality: the others' results are the same. Both sites share p and its
// targets (model.Relink).
func progressChanged(before, after *model.Site, p *model.Plan, touched map[string]bool) bool {
	for _, t := range p.Targets {
		if touched[t.Locality.ID] && !reflect.DeepEqual(before.Assess(t), after.Assess(t)) {
			return true
		}
	}
	return false
}

// refsAfter is refsOf when the inputs that changed since the previous build, changed, are
// all results files with ids of their own: then a file that did not change links to what
// it linked to before (prev), and only the changed files' refs are worked out — a national
// site's 611 files' took 0.1 s of a rebuild. Else it is refsOf.
func (cc *buildCache) refsAfter(site *model.Site, prev map[string]model.FileRefs, changed []string) map[string]model.FileRefs {
	if cc.refs != nil || prev == nil {
		return cc.refsOf(site)
	}
	ids := make(map[string]bool, len(cc.reports))
	for _, r := range cc.reports {
		if ids[r.ID] {
			return cc.refsOf(site) // which of two files with one id is linked depends on both
		}
		ids[r.ID] = true
	}
	for _, p := range changed {
		if !strings.HasPrefix(p, "data/results/") {
			return cc.refsOf(site)
		}
	}
	refs := maps.Clone(prev)
	for _, p := range changed {
		delete(refs, p)
	}
	maps.Copy(refs, site.ResultsFileRefsOf(changed))
	cc.refs = refs
	return refs
}

// refsOf is site.ResultsFileRefs, worked out once.
func (cc *buildCache) refsOf(site *model.Site) map[string]model.FileRefs {
	if cc.refs == nil {
		cc.refs = site.ResultsFileRefs()
	}
	return cc.refs
}

// save encodes the state of the build about to be committed, on its own goroutine while
// the output is committed, and returns what writes it once the output is.
func (cc *buildCache) save(c checked, dest string, opts Options, files write.Manifest) (write func()) {
	st := buildState{Dest: dest, Options: optionsKey(opts), Inputs: cc.inputs, Refs: cc.refsOf(c.site), Files: files}
	var (
		buf bytes.Buffer
		err error
	)
	done := make(chan struct{})
	go func() {
		defer close(done)
		err = gob.NewEncoder(&buf).Encode(&st)
	}()
	return func() {
		<-done
		if err == nil {
			err = writeSealed(filepath.Join(cc.dir, stateFile), stateMagic, stateFormat, cacheVersion(), buf.Bytes())
		}
		if err != nil {
			cc.notice(err, stateFile, "bản dựng vẫn hoàn tất", "the build is complete")
		}
	}
}

var (
	errCorrupt = errors.New("damaged cache file")
	errVersion = errors.New("cache file of another version")
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// writeSealed writes payload to path atomically after a header (magic, format, version),
// followed by a CRC-32C of the whole.
func writeSealed(path, magic string, format uint64, version string, payload []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	b := append([]byte(magic), binary.AppendUvarint(nil, format)...)
	b = binary.AppendUvarint(b, uint64(len(version)))
	b = append(b, version...)
	b = append(b, payload...)
	b = binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".new-")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	err = f.Chmod(0o644)
	if err == nil {
		_, err = f.Write(b)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	return err
}

// readSealed returns the payload of a file writeSealed wrote, or errCorrupt, errVersion
// or the error reading it.
func readSealed(path, magic string, format uint64, version string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(b) < len(magic)+4 || string(b[:len(magic)]) != magic {
		return nil, errCorrupt
	}
	body := b[:len(b)-4]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(b[len(b)-4:]) {
		return nil, errCorrupt
	}
	rest := body[len(magic):]
	f, n := binary.Uvarint(rest)
	if n <= 0 {
		return nil, errCorrupt
	}
	rest = rest[n:]
	size, n := binary.Uvarint(rest)
	if n <= 0 || size > uint64(len(rest)-n) {
		return nil, errCorrupt
	}
	if f != format || string(rest[n:n+int(size)]) != version {
		return nil, errVersion
	}
	return rest[n+int(size):], nil
}
