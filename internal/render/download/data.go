package download

import (
	"archive/zip"
	"cmp"
	"compress/flate"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/routes"
	"github.com/covsite/covsite/internal/view"
)

// PlainLimit is the most figures (targets and results) a site may have for its whole
// dataset to be published plain, as covsite.csv and covsite.json, beside the gzipped CSV:
// a national dataset's plain files are hundreds of megabytes, over what hosts take in one
// file (Cloudflare Pages: 25 MiB), and no reader opens them whole. 20,000 figures make a
// JSON file of about 6 MB.
var PlainLimit = 20_000 // a variable so a test can pack a small site

// Data writes the downloads of one site. It is safe for concurrent use. The whole site's
// and the provinces' files are streamed to their writer, never held whole; each one's size,
// which the data page shows, is counted as it is written (Size).
//
// A site over PlainLimit figures is packed: each province's CSV and JSON come in one zip
// file, and a locality's page offers its own CSV and its province's pack, not a JSON of
// its own. The national dataset's plain province files are 430 MB and its localities' JSON
// files 350 MB, which with the pages would not fit a static host's 1 GB (GitHub Pages);
// packed, the provinces' files are ~25 MB and every figure is still there, as CSV and JSON.
type Data struct {
	site       *model.Site
	provinces  []Province
	provinceOf map[*model.Locality]place // a locality's province, and its place among its localities
	packed     bool

	// groups are the provinces whose pack and localities' CSV files share their rows in a
	// batch (shared.go), on a packed site.
	groups   []*Group
	chunks   *chunkList   // of the rows' stores
	released atomic.Int32 // how many groups' batches are done

	segments []segSlot // the provinces' CSV rows compressed (segments.go), in the order of provinces
	// known gives the size of a file the build keeps from its previous output unwritten
	// (a province's pack whose figures did not change), which Size then need not make;
	// previous gives such a file's bytes, out of which its province's segment is taken.
	known    func(path string) (int64, bool)
	previous func(path string) ([]byte, bool)

	// sizes are those of the whole site's and the provinces' files (SiteFiles), by path.
	sizes map[string]*sizeSlot
}

// sizeSlot is a file's size: unknown, being counted as the file is written, or known.
type sizeSlot struct {
	mu       sync.Mutex
	counting chan struct{} // closed when the count is done; nil before it starts
	n        int64
	err      error
}

// claim starts counting the file's size unless it is counted or being counted; the
// caller that claims it must call done.
func (s *sizeSlot) claim() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.counting != nil {
		return false
	}
	s.counting = make(chan struct{})
	return true
}

func (s *sizeSlot) done(n int64, err error) {
	s.n, s.err = n, err
	close(s.counting)
}

// wait returns the size once counted, when it is being or was counted.
func (s *sizeSlot) wait() (int64, error, bool) {
	s.mu.Lock()
	c := s.counting
	s.mu.Unlock()
	if c == nil {
		return 0, nil, false
	}
	<-c
	return s.n, s.err, true
}

// place is a locality's province and its place in the province's Locs.
type place struct {
	p   *Province
	pos int
}

// Province is a locality right below a root (a province, or a city under the central
// government) and every locality below it: the unit the national data is split by.
type Province struct {
	Loc   *model.Locality
	Locs  []*model.Locality // Loc first, then its descendants, depth first in the model's order
	index int               // its place among the site's provinces with figures (packs, segments)
}

// NewData prepares the downloads of site.
func NewData(site *model.Site) *Data {
	d := &Data{site: site, provinceOf: map[*model.Locality]place{}}
	d.packed = figureCount(site) > PlainLimit
	for _, root := range site.Roots {
		for _, c := range root.Children {
			p := Province{Loc: c, Locs: subtree(c, nil)}
			if slices.ContainsFunc(p.Locs, d.Has) {
				d.provinces = append(d.provinces, p)
			}
		}
	}
	for i := range d.provinces {
		d.provinces[i].index = i
		for k, l := range d.provinces[i].Locs {
			d.provinceOf[l] = place{&d.provinces[i], k}
		}
	}
	if d.packed {
		d.groups = make([]*Group, len(d.provinces))
		for i, p := range d.provinces {
			d.groups[i] = &Group{d: d, i: i, lead: packPath(p)}
		}
		d.chunks = newChunkList()
	}
	d.segments = make([]segSlot, len(d.provinces))
	d.sizes = map[string]*sizeSlot{}
	for _, f := range d.SiteFiles() {
		d.sizes[f.Path] = &sizeSlot{}
	}
	return d
}

// figureCount is how many rows the whole site's CSV has.
func figureCount(site *model.Site) int {
	n := len(site.Targets)
	for _, res := range site.Results {
		n += max(1, len(res.Shares))
	}
	return n
}

// ProvinceOf is the province l is in (the locality right below a root, whose files hold
// l's figures), or l itself; nil for a root.
func ProvinceOf(l *model.Locality) *model.Locality {
	for ; l != nil && l.Parent != nil; l = l.Parent {
		if l.Parent.Parent == nil {
			return l
		}
	}
	return nil
}

func subtree(l *model.Locality, into []*model.Locality) []*model.Locality {
	into = append(into, l)
	for _, c := range l.Children {
		into = subtree(c, into)
	}
	return into
}

// UsePrevious tells d the sizes and the bytes of the files a build keeps from its previous
// output without making them again; call it before anything is written or sized.
func (d *Data) UsePrevious(size func(path string) (int64, bool), read func(path string) ([]byte, bool)) {
	d.known, d.previous = size, read
}

// Has reports whether l has figures of its own, and so its own data files.
func (d *Data) Has(l *model.Locality) bool {
	return len(d.site.TargetsOf(l)) > 0 || len(d.site.ResultsOf(l)) > 0
}

// Provinces are the provinces with figures, each with its own data files.
func (d *Data) Provinces() []Province { return d.provinces }

// Plain reports whether the whole dataset is also published plain, and every province's
// and locality's files as CSV and JSON (see PlainLimit); else the site is packed (see Data).
func (d *Data) Plain() bool { return !d.packed }

// Files lists every download: the whole site's, each province's, each locality's.
func (d *Data) Files() []File {
	files := d.SiteFiles()
	for _, l := range d.site.Localities {
		files = append(files, d.LocalityFiles(l)...)
	}
	return files
}

// SiteFiles are the whole site's files and each province's. Each counts its size as it is
// written, for Size.
func (d *Data) SiteFiles() []File {
	files := []File{
		{Path: routes.SiteDownload("csv.gz"), Large: true, Write: d.writeGzip},
		{Path: routes.SourcesDownload(), Write: func(w io.Writer) error { return d.sourcesCSV(w, nil) }},
	}
	if d.Plain() {
		files = append(files,
			File{Path: routes.SiteDownload("csv"), Large: true, Write: func(w io.Writer) error { return d.csv(w, scope{}) }},
			File{Path: routes.SiteDownload("json"), Large: true, Write: func(w io.Writer) error { return d.json(w, scope{}) }})
	}
	for _, p := range d.provinces {
		files = append(files, d.provinceFiles(p)...)
	}
	for i, f := range files {
		files[i].Write = d.measured(f.Path, f.Write)
	}
	return files
}

// ProvinceFiles are the files of a province and every locality in it: its CSV and JSON,
// or on a packed site one zip file holding both.
func (d *Data) ProvinceFiles(p Province) []File {
	files := d.provinceFiles(p)
	for i, f := range files {
		files[i].Write = d.measured(f.Path, f.Write)
	}
	return files
}

func (d *Data) provinceFiles(p Province) []File {
	if d.packed {
		return []File{{Path: packPath(p), Large: true, Group: d.groups[p.index], Write: func(w io.Writer) error { return d.writePack(w, p.index) }}}
	}
	s := p.scope()
	return []File{
		{Path: routes.ProvinceDownload(p.Loc.ID, "csv"), Large: true, Write: func(w io.Writer) error { return d.csv(w, s) }},
		{Path: routes.ProvinceDownload(p.Loc.ID, "json"), Large: true, Write: func(w io.Writer) error { return d.json(w, s) }},
	}
}

// measured is write counting the size of the file at path, the first time it is written
// (or counted by Size).
func (d *Data) measured(path string, write func(io.Writer) error) func(io.Writer) error {
	return func(w io.Writer) error {
		slot := d.sizes[path]
		if slot == nil || !slot.claim() {
			return write(w)
		}
		c := countingWriter{w: w}
		err := write(&c)
		slot.done(c.n, err)
		return err
	}
}

func (p Province) scope() scope { return scope{head: p.Loc, locs: p.Locs, list: true} }

func packPath(p Province) string { return routes.ProvinceDownload(p.Loc.ID, "zip") }

// rootScope holds the roots' own figures: the whole site's, less its provinces'.
func (d *Data) rootScope() scope {
	var roots []*model.Locality
	for _, r := range d.site.Roots {
		if d.Has(r) {
			roots = append(roots, r)
		}
	}
	return scope{locs: roots, roots: true}
}

// parts are the whole site's figures in the order its files list them: the roots' own,
// then each province's.
func (d *Data) parts() []scope {
	out := []scope{d.rootScope()}
	for _, p := range d.provinces {
		out = append(out, p.scope())
	}
	return out
}

// LocalityFiles are l's own figures as CSV and, on a site that is not packed, JSON, when
// it has any: its rows only, not those of the localities below it.
func (d *Data) LocalityFiles(l *model.Locality) []File {
	if !d.Has(l) {
		return nil
	}
	s := scope{head: l, locs: []*model.Locality{l}}
	g, k := d.groupOf(l)
	files := []File{{Path: routes.LocalityDownload(l.ID, "csv"), Group: g, Write: func(w io.Writer) error {
		if g != nil {
			if done, err := g.writeCSV(w, k); done {
				return err
			}
		}
		return d.csv(w, s)
	}}}
	if !d.packed {
		files = append(files, File{Path: routes.LocalityDownload(l.ID, "json"), Write: func(w io.Writer) error { return d.json(w, s) }})
	}
	return files
}

// Offers are the data files l's page links to: its own files and, on a packed site, the
// pack of its province (with every locality in it, as CSV and JSON); none when l has no
// figures.
func (d *Data) Offers(l *model.Locality) []view.Offer {
	if !d.Has(l) {
		return nil
	}
	// LocalityFiles' files, without making them (every locality page asks, in each language)
	out := make([]view.Offer, 1, 2)
	out[0] = view.Offer{Route: routes.LocalityDownload(l.ID, "csv"), Format: "CSV", Of: l}
	if !d.packed {
		return append(out, view.Offer{Route: routes.LocalityDownload(l.ID, "json"), Format: "JSON", Of: l})
	}
	if p := d.provinceOf[l].p; p != nil {
		out = append(out, view.Offer{Route: packPath(*p), Format: "ZIP", Of: p.Loc})
	}
	return out
}

// packLevel is the compression of the provinces' packs and the whole site's gzipped CSV:
// deflate's fastest level, which makes them about a twelfth of their contents (the
// national CSV: 161 MB → 13.0 MB; the default level: 10.8 MB, for twice the time, 1.5 s
// more of every national build).
const packLevel = flate.BestSpeed

// writePack writes the zip file of the i-th province: its CSV and JSON, "<id>.csv" and
// "<id>.json", and the table of the documents they cite, "nguon.csv", dated by the newest document its figures cite, so two builds of the same
// data give the same bytes.
func (d *Data) writePack(w io.Writer, i int) error {
	p := d.provinces[i]
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return newFlater(w), nil })
	s := p.scope()
	s.cited = d.citedBy(p.Locs) // once for its three entries
	modified := newest(s.cited)
	seg, js, err := d.segmentWith(i, &s)
	if err == nil {
		err = writeSegmented(zw, p.Loc.ID+".csv", seg, zip.FileHeader{Modified: modified})
	}
	d.release(i)
	if err != nil {
		return err
	}
	if name := p.Loc.ID + ".json"; js != nil && plainName(name) { // made with the rows, in the same pass over the figures
		err = writeDeflated(zw, name, *js, modified)
	} else {
		err = d.jsonEntry(zw, name, s, modified)
	}
	if js != nil {
		js.out.release()
	}
	if err != nil {
		return err
	}
	sw, err := zw.CreateHeader(&zip.FileHeader{Name: routes.SourcesFile, Method: zip.Deflate, Modified: modified})
	if err != nil {
		return err
	}
	if err := d.writeSources(sw, s.cited); err != nil {
		return err
	}
	return zw.Close()
}

// jsonEntry writes the JSON of the scope s into the pack as the entry name.
func (d *Data) jsonEntry(zw *zip.Writer, name string, s scope, modified time.Time) error {
	jw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified})
	if err != nil {
		return err
	}
	return d.json(jw, s)
}

// newest is the publication date of the newest plan or source cited (its first moment,
// UTC); the first day of 2000 when none has a date.
func newest(c *cited) time.Time {
	sources, plans := c.sources, c.plans
	newest := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, s := range sources {
		if t := s.Published.Time(); t.After(newest) {
			newest = t
		}
	}
	for _, p := range plans {
		if t := p.Issued.Time(); t.After(newest) {
			newest = t
		}
	}
	return newest
}

// Size is the size in bytes of a file SiteFiles lists, or of a locality's file, for the
// data page; 0 for a file that is not published. The size of a whole site's or province's
// file is counted as the file is written: Size waits for a file being written, and counts
// one not yet written by writing it to a counter — a build lists the data page after
// these files (render), so it never does; a preview (serve) may.
func (d *Data) Size(path string) (int64, error) {
	if d.known != nil {
		if n, ok := d.known(path); ok {
			return n, nil
		}
	}
	if slot := d.sizes[path]; slot != nil {
		if n, err, ok := slot.wait(); ok {
			return n, err
		}
		for _, f := range d.SiteFiles() {
			if f.Path == path {
				if err := f.Write(io.Discard); err != nil {
					return 0, err
				}
			}
		}
		n, err, _ := slot.wait()
		return n, err
	}
	kind, id := routes.Parse(path)
	if l := d.site.Locality(id); kind == routes.LocalityKind && l != nil {
		for _, f := range d.LocalityFiles(l) {
			if f.Path == path {
				var c counter
				err := f.Write(&c)
				return int64(c), err
			}
		}
	}
	return 0, nil
}

// scope is what a file holds: the whole site (the zero scope), the roots' own figures
// (roots), a province (head and the localities of its subtree, listed in the JSON) or
// one locality.
type scope struct {
	head  *model.Locality
	locs  []*model.Locality
	list  bool // the JSON lists the localities of the scope
	roots bool // the roots' own figures
	// cited are the documents the figures of locs cite (citedBy), when already known
	cited *cited
}

// cited are the sources and plans some figures cite, each in the site's order.
type cited struct {
	sources []*model.Source
	plans   []*model.Plan
}

// citedOf is what the figures of a locality's or province's scope cite; every source and
// plan of the site for the whole site's.
func (d *Data) citedOf(s scope) *cited {
	switch {
	case s.cited != nil:
		return s.cited
	case s.head == nil:
		return &cited{d.site.Sources, d.site.Plans}
	}
	return d.citedBy(s.locs)
}

// figureRecord is one row of the dataset: a target or a result. Unknown numbers are
// empty in CSV and null in JSON; dates and the computation's inputs are formatted as they
// are appended (appendDate, appendCalcInputs), not into strings: a national build writes
// each row three times (its locality's CSV, its province's CSV and JSON).
type figureRecord struct {
	Type          string
	Locality      string
	LocalityName  string
	Indicator     string
	Unit          string
	Plan          string
	PlanNumber    string
	Period        string
	Deadline      date.Date
	AsOf          date.Date
	Value         model.Num
	Rate          model.Num
	ReportedShare model.Num
	ReportedGap   model.Num
	Change        model.Num
	ChangeSince   date.Date
	Source        string
	Published     date.Date
	Implied       bool
	Derived       bool
	// Where the figure stands in its document (in Vietnamese, as the data gives it).
	Where string
	// Calc is how the site computed the value (written as its model.Computation, "" when a
	// document gives it) and the figures it computed it from (written plain, joined by ";").
	Calc model.Calc
	// SetBy and Decision credit a target as its document does; CreditInferred when the
	// document names no decision for it ("theo <source>").
	SetBy          string
	Decision       string
	CreditInferred bool
}

// appendDate appends d as ISO 2006-01-02 (date.Date's String), nothing when it is zero.
func appendDate(b []byte, d date.Date) []byte {
	if d.IsZero() {
		return b
	}
	if d.Year < 0 || d.Year > 9999 || d.Month > 99 || d.Day > 99 {
		return append(b, d.String()...)
	}
	y, m, day := int(d.Year), int(d.Month), int(d.Day)
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-', byte('0'+day/10), byte('0'+day%10))
}

// appendPlain appends f as strconv.AppendFloat(b, f, 'f', -1, 64) does — the shortest
// decimal that reads back as f, without an exponent — several times faster for the
// numbers of the data: people and targets (whole numbers) and rates (a few decimals); any
// other number, and negative zero ("-0"), goes through strconv.
//
// Below 10^9, a number that is i/10^k (k ≤ 4 decimals, the fewest) as a float — float64(i)
// / 10^k == f, a division rounded as parsing the decimal is — is written as i with k
// decimals: that decimal reads back as f, and every other decimal of at most as many
// digits is at least 10^-4 away, where floats there are 2^-23 apart, so it is the
// shortest. (A whole number is k = 0.)
func appendPlain(b []byte, f float64) []byte {
	if f <= -1e9 || f >= 1e9 || f == 0 || f != f {
		return strconv.AppendFloat(b, f, 'f', -1, 64)
	}
	scale := 1.0
	for k := 0; k <= 4; k++ {
		if i := int64(math.Round(f * scale)); float64(i)/scale == f {
			return appendDecimal(b, i, k)
		}
		scale *= 10
	}
	return strconv.AppendFloat(b, f, 'f', -1, 64)
}

// appendDecimal appends i / 10^k with k decimals: "-0.05" for -5 and 2.
func appendDecimal(b []byte, i int64, k int) []byte {
	if i < 0 {
		b = append(b, '-')
		i = -i
	}
	start := len(b)
	b = strconv.AppendInt(b, i, 10)
	if k == 0 {
		return b
	}
	for len(b)-start <= k { // "5" → "005": a digit before the point
		b = append(b, 0)
		copy(b[start+1:], b[start:])
		b[start] = '0'
	}
	b = append(b, 0)
	point := len(b) - 1 - k
	copy(b[point+1:], b[point:])
	b[point] = '.'
	return b
}

// calcHow is how the site computed a figure, "" when a document gives it.
func calcHow(c model.Calc) string {
	if !c.Computed() {
		return ""
	}
	return string(c.How)
}

// appendCalcInputs appends the figures a computed figure comes from, plain (as plain
// writes them: digits, ".", "-", or NaN and ±Inf), joined by ";"; nothing when a document
// gives the figure.
func appendCalcInputs(b []byte, c model.Calc) []byte {
	if !c.Computed() {
		return b
	}
	for i, n := range c.Inputs {
		if i > 0 {
			b = append(b, ';')
		}
		if n.Known {
			b = appendPlain(b, n.V)
		}
	}
	return b
}

// targets and results of a scope, in the site's order for the whole site, else locality
// by locality, each in the site's order.
func (d *Data) targets(s scope) [][]*model.Target {
	out := make([][]*model.Target, 0, len(s.locs))
	for _, l := range s.locs {
		out = append(out, d.site.TargetsOf(l))
	}
	return out
}

func (d *Data) results(s scope) [][]*model.Result {
	out := make([][]*model.Result, 0, len(s.locs))
	for _, l := range s.locs {
		out = append(out, d.site.ResultsOf(l))
	}
	return out
}

// eachRecord gives sink each target, then each result, of the scope in a stable order;
// for the whole site, part after part (see parts). The record is a variable of
// putTargets and putResults, reused between records: sink is a concrete type whose put
// reads it and keeps nothing, so it stays on the stack — passed to a func value it was
// moved to the heap, and every record written into it (millions a national build) paid
// the collector's write barriers.
func (d *Data) eachRecord(s scope, sink *recordSink) error {
	if s.head == nil && !s.roots {
		for _, part := range d.parts() {
			if err := d.eachRecord(part, sink); err != nil {
				return err
			}
		}
		return nil
	}
	for _, targets := range d.targets(s) {
		if err := d.putTargets(targets, sink); err != nil {
			return err
		}
	}
	for _, results := range d.results(s) {
		if err := d.putResults(results, sink); err != nil {
			return err
		}
	}
	return nil
}

// putTargets gives sink the record of each target (see eachRecord).
func (d *Data) putTargets(targets []*model.Target, sink *recordSink) error {
	var rec figureRecord
	for _, t := range targets {
		rec = figureRecord{
			Type: "target", Locality: t.Locality.ID, LocalityName: t.Locality.Name.VI, Indicator: t.Indicator.ID,
			Unit: string(t.Indicator.Unit), Plan: t.Plan.ID, PlanNumber: t.Plan.Number, Period: t.Period.Text,
			Deadline: t.Deadline, Value: t.Value, Rate: t.Rate, Implied: t.Implied, Derived: t.Derived,
			Where: t.Where.VI, Calc: t.Calc, SetBy: t.Credit.Authority, Decision: t.Credit.Decision, CreditInferred: t.Credit.Inferred,
		}
		if err := sink.put(&rec); err != nil {
			return err
		}
	}
	return nil
}

// putResults gives sink the record of each result, one a plan it reports a share of
// (see eachRecord).
func (d *Data) putResults(results []*model.Result, sink *recordSink) error {
	var rec figureRecord
	for _, res := range results {
		rec = figureRecord{
			Type: "result", Locality: res.Locality.ID, LocalityName: res.Locality.Name.VI, Indicator: res.Indicator.ID,
			Unit: string(res.Indicator.Unit), AsOf: res.AsOf, Value: res.Value, Rate: res.Rate,
			ReportedGap: res.Gap, Change: res.Change, ChangeSince: res.ChangeSince,
			Source: res.Source.ID, Published: res.Source.Published, Derived: res.Derived,
			Where: res.Where.VI, Calc: res.Calc,
		}
		if len(res.Shares) == 0 {
			if err := sink.put(&rec); err != nil {
				return err
			}
		}
		for _, sh := range res.Shares {
			rec.Plan, rec.PlanNumber, rec.ReportedShare = sh.Plan.ID, sh.Plan.Number, sh.Share
			if err := sink.put(&rec); err != nil {
				return err
			}
		}
	}
	return nil
}

// recordSink encodes the records eachRecord gives it: as lines of CSV into csv, as the
// JSON figures' lines (one object a line, a comma before each but the first) into json, or
// both at once (a province's rows and its pack's JSON, shared.go).
type recordSink struct {
	csv  *chunkWriter // nil for no CSV
	json *chunkWriter // nil for no JSON
	n    int          // records put so far
	runs *lineCache   // the fields records share, encoded; nil to encode every field
}

// put encodes rec; it keeps no reference to it.
func (k *recordSink) put(rec *figureRecord) error {
	if c := k.csv; c != nil {
		if k.runs != nil {
			c.buf = k.runs.appendCSV(c.buf, rec)
		} else {
			c.buf = appendCSVRecord(c.buf, rec)
		}
		if c.maybeFlush(); c.err != nil {
			return c.err
		}
	}
	if j := k.json; j != nil {
		if k.n > 0 {
			j.buf = append(j.buf, ',')
		}
		if k.runs != nil {
			j.buf = k.runs.appendJSON(append(j.buf, '\n'), rec)
		} else {
			j.buf = appendRecord(append(j.buf, '\n'), rec)
		}
		if j.maybeFlush(); j.err != nil {
			return j.err
		}
	}
	k.n++
	return nil
}

// lineCache keeps the runs of fields that records share, encoded as CSV and as JSON:
// their type and locality, their indicator and unit, their plan, their credit. In a pass
// over a province's figures most records have the record before's locality, plan and
// credit, and one of a dozen indicators; each run is encoded once for all of them.
type lineCache struct {
	loc, plan, credit fieldRun
	inds              [16]fieldRun
	next              int // the indicators' entry to make next
}

// fieldRun is a run of fields encoded, and the values it was encoded from.
type fieldRun struct {
	key       [3]string
	ok        bool
	csv, json []byte
}

// of is f, made again from rec when key is not what it was made from.
func (f *fieldRun) of(key [3]string, rec *figureRecord, csv, json func([]byte, *figureRecord) []byte) *fieldRun {
	if !f.ok || f.key != key {
		f.key, f.ok = key, true
		f.csv = csv(f.csv[:0], rec)
		f.json = json(f.json[:0], rec)
	}
	return f
}

func (lc *lineCache) locality(rec *figureRecord) *fieldRun {
	return lc.loc.of([3]string{rec.Type, rec.Locality, rec.LocalityName}, rec, appendCSVLocality, appendJSONLocality)
}

func (lc *lineCache) planOf(rec *figureRecord) *fieldRun {
	return lc.plan.of([3]string{rec.Plan, rec.PlanNumber, rec.Period}, rec, appendCSVPlan, appendJSONPlan)
}

func (lc *lineCache) creditOf(rec *figureRecord) *fieldRun {
	return lc.credit.of([3]string{rec.SetBy, rec.Decision}, rec, appendCSVCredit, appendJSONCredit)
}

func (lc *lineCache) indicator(rec *figureRecord) *fieldRun {
	key := [3]string{rec.Indicator, rec.Unit}
	for i := range lc.inds {
		if f := &lc.inds[i]; f.ok && f.key == key {
			return f
		}
	}
	f := &lc.inds[lc.next]
	lc.next = (lc.next + 1) % len(lc.inds)
	f.ok = false
	return f.of(key, rec, appendCSVIndicator, appendJSONIndicator)
}

// appendCSV appends rec as appendCSVRecord does.
func (lc *lineCache) appendCSV(b []byte, rec *figureRecord) []byte {
	b = append(b, lc.locality(rec).csv...)
	b = append(append(b, ','), lc.indicator(rec).csv...)
	b = append(append(b, ','), lc.planOf(rec).csv...)
	b = appendCSVMiddle(b, rec)
	b = append(append(b, ','), lc.creditOf(rec).csv...)
	b = strconv.AppendBool(append(b, ','), rec.CreditInferred)
	return append(b, '\n')
}

// appendJSON appends rec as appendRecord does.
func (lc *lineCache) appendJSON(b []byte, rec *figureRecord) []byte {
	b = append(b, lc.locality(rec).json...)
	b = append(b, lc.indicator(rec).json...)
	b = append(b, lc.planOf(rec).json...)
	b = appendJSONMiddle(b, rec)
	b = append(b, lc.creditOf(rec).json...)
	return appendJSONEnd(b, rec)
}

// ByteOrderMark starts every CSV download, before CSVHeader (see csvHeaderLine).
const ByteOrderMark = "\ufeff"

// CSVHeader are the columns of every CSV download.
var CSVHeader = []string{"type", "locality", "locality_name", "indicator", "unit", "plan", "plan_number", "period", "deadline",
	"as_of", "value", "rate", "reported_share", "reported_gap", "change", "change_since", "source", "published", "implied", "derived",
	"where", "calc", "calc_inputs", "set_by", "decision", "credit_inferred"}

// csv writes the figures of the scope as CSV with CSVHeader's columns, as encoding/csv
// would (tested), encoded by hand: a national build writes every row three times (the
// whole site's, its province's and its locality's file), and encoding/csv's writer spent
// most of that time on a call per field.
func (d *Data) csv(w io.Writer, s scope) error {
	if _, err := w.Write(csvHeaderLine()); err != nil {
		return err
	}
	return d.rows(w, s)
}

// rows writes the figures of the scope as lines of CSV, without the header.
func (d *Data) rows(w io.Writer, s scope) error {
	c := newChunkWriter(w)
	defer c.release()
	if err := d.eachRecord(s, &recordSink{csv: c}); err != nil {
		return err
	}
	c.flush()
	return c.err
}

// appendCSVRecord appends rec as one CSV line with CSVHeader's columns.
func appendCSVRecord(b []byte, rec *figureRecord) []byte {
	b = appendCSVLocality(b, rec)
	b = appendCSVIndicator(append(b, ','), rec)
	b = appendCSVPlan(append(b, ','), rec)
	b = appendCSVMiddle(b, rec)
	b = appendCSVCredit(append(b, ','), rec)
	b = strconv.AppendBool(append(b, ','), rec.CreditInferred)
	return append(b, '\n')
}

// The fields of a CSV line in runs, as appendCSVRecord writes them; a lineCache keeps the
// runs records share.

func appendCSVLocality(b []byte, rec *figureRecord) []byte { // type,locality,locality_name
	b = appendCSVField(b, rec.Type)
	b = appendCSVText(append(b, ','), rec.Locality)
	return appendCSVText(append(b, ','), rec.LocalityName)
}

func appendCSVIndicator(b []byte, rec *figureRecord) []byte { // indicator,unit
	return appendCSVText(append(appendCSVText(b, rec.Indicator), ','), rec.Unit)
}

func appendCSVPlan(b []byte, rec *figureRecord) []byte { // plan,plan_number,period
	b = appendCSVText(b, rec.Plan)
	b = appendCSVText(append(b, ','), rec.PlanNumber)
	return appendCSVText(append(b, ','), rec.Period)
}

// appendCSVMiddle appends ",deadline" to ",calc_inputs".
func appendCSVMiddle(b []byte, rec *figureRecord) []byte {
	// dates and numbers never need quotes: digits, "-", "." (and NaN, ±Inf, ";" in the inputs)
	b = appendDate(append(b, ','), rec.Deadline)
	b = appendDate(append(b, ','), rec.AsOf)
	for _, n := range [...]model.Num{rec.Value, rec.Rate, rec.ReportedShare, rec.ReportedGap, rec.Change} {
		b = append(b, ',')
		if n.Known {
			b = appendPlain(b, n.V)
		}
	}
	b = appendDate(append(b, ','), rec.ChangeSince)
	b = appendCSVText(append(b, ','), rec.Source)
	b = appendDate(append(b, ','), rec.Published)
	b = strconv.AppendBool(append(b, ','), rec.Implied)
	b = strconv.AppendBool(append(b, ','), rec.Derived)
	b = appendCSVText(append(b, ','), rec.Where)
	b = appendCSVField(append(b, ','), calcHow(rec.Calc))
	return appendCalcInputs(append(b, ','), rec.Calc)
}

func appendCSVCredit(b []byte, rec *figureRecord) []byte { // set_by,decision
	return appendCSVText(append(appendCSVText(b, rec.SetBy), ','), rec.Decision)
}

// appendCSVField appends s as encoding/csv's Writer writes a field with a comma between
// fields and "\n" at the end of a line: quoted, with quotes doubled, when it holds a
// comma, a quote or a line break, begins with a space, or is \. alone.
func appendCSVField(b []byte, s string) []byte {
	if !csvNeedsQuotes(s) {
		return append(b, s...)
	}
	return appendQuoted(append(b, '"'), s)
}

// appendQuoted appends s with its quotes doubled, then the closing quote.
func appendQuoted(b []byte, s string) []byte {
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			break
		}
		b = append(append(b, s[:i+1]...), '"')
		s = s[i+1:]
	}
	return append(append(b, s...), '"')
}

// csvSpecial are the bytes that make encoding/csv quote a field wherever they are.
var csvSpecial = [256]bool{',': true, '"': true, '\r': true, '\n': true}

// hasCSVSpecial reports whether s holds a comma, a quote or a line break.
func hasCSVSpecial(s string) bool {
	for i := 0; i < len(s); i++ {
		if csvSpecial[s[i]] {
			return true
		}
	}
	return false
}

// csvNeedsQuotes is encoding/csv's fieldNeedsQuotes for a comma.
func csvNeedsQuotes(s string) bool {
	if s == "" {
		return false
	}
	if s == `\.` || hasCSVSpecial(s) {
		return true
	}
	if c := s[0]; c < utf8.RuneSelf {
		return c == ' ' || c >= '\t' && c <= '\r' // unicode.IsSpace below U+0080
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

// appendCSVText appends a text field of the CSV, made safe to open in a spreadsheet: text
// that begins with = + - @, a tab or a carriage return would be read by Excel and
// LibreOffice as a formula (=HYPERLINK(…) sends the reader's data away), so it gets a
// leading apostrophe, which spreadsheets take as "this is text" (OWASP, CSV injection).
// Numbers are written plain and are never changed. The field is what appendCSVField
// writes of "'" + s, without making that string: it begins with the apostrophe, not a
// space, and is not \. alone, so it is quoted only for a comma, a quote or a line break.
func appendCSVText(b []byte, s string) []byte {
	if s == "" || !formulaStart[s[0]] {
		return appendCSVField(b, s)
	}
	if !hasCSVSpecial(s) {
		return append(append(b, '\''), s...)
	}
	return appendQuoted(append(b, '"', '\''), s)
}

// formulaStart are the first bytes that make a spreadsheet read a cell as a formula.
var formulaStart = [256]bool{'=': true, '+': true, '-': true, '@': true, '\t': true, '\r': true}

// citedBy returns the sources and plans that the figures of locs cite, in the site's
// order: a locality's or a province's download describes its own figures, not the whole
// site's documents.
func (d *Data) citedBy(locs []*model.Locality) *cited {
	var sources []*model.Source
	var plans []*model.Plan
	seenS, seenP := map[*model.Source]bool{}, map[*model.Plan]bool{}
	addPlan := func(p *model.Plan) {
		if !seenP[p] {
			seenP[p] = true
			plans = append(plans, p)
		}
	}
	for _, l := range locs {
		for _, t := range d.site.TargetsOf(l) {
			addPlan(t.Plan)
		}
		for _, res := range d.site.ResultsOf(l) {
			if !seenS[res.Source] {
				seenS[res.Source] = true
				sources = append(sources, res.Source)
			}
			for _, sh := range res.Shares {
				addPlan(sh.Plan)
			}
		}
	}
	slices.SortFunc(sources, func(a, b *model.Source) int { return cmp.Compare(d.site.SourceOrder(a), d.site.SourceOrder(b)) })
	slices.SortFunc(plans, func(a, b *model.Plan) int { return cmp.Compare(d.site.PlanOrder(a), d.site.PlanOrder(b)) })
	return &cited{sources, plans}
}

func idOf(l *model.Locality) string {
	if l == nil {
		return ""
	}
	return l.ID
}
