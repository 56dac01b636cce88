package download

import (
	"hash/crc32"
	"io"
	"sync"

	"github.com/covsite/covsite/internal/model"
)

// Each figure's CSV row is in two files: its locality's CSV and its province's (the pack's
// CSV, whose compressed rows are also the province's part of the whole site's csv.gz). A
// build lists a province's pack and then its localities' CSV files as one batch, which one
// worker renders one after another (File.Group, render.Batches): while the batch holds the
// province (Group.Hold), the pack formats the province's rows once into memory, compressing
// them as they come, and each locality's file copies its own rows out of them — before, a
// national build formatted 780,000 rows twice. In the same pass over the figures the pack
// makes its JSON, deflated into memory and written into the pack as it is (writeDeflated):
// the figures are gone through once, not three times. Release lets the rows go: the batch
// is done. A file written outside a batch (a preview; a rebuild that keeps the pack and
// writes a locality's file) formats its own rows: the same bytes either way.

// Group is a province whose pack and localities' CSV files share their rows while a
// batch holds it. Safe for concurrent use.
type Group struct {
	d    *Data
	i    int    // the province's index
	lead string // its pack's path

	mu    sync.Mutex
	held  int       // how many batches hold it (one, in a build)
	rows  *rowStore // the province's rows (no header), when its pack made them while held
	spans []rowSpans
}

// rowSpans are where a locality's targets and results are in its province's rows.
type rowSpans struct{ targets, results span }

type span struct{ from, to int }

// Lead is the path of the group's first file: its province's pack, which makes the rows
// the other files copy.
func (g *Group) Lead() string { return g.lead }

// Hold keeps the rows the pack makes until Release, for the files written after it.
func (g *Group) Hold() {
	g.mu.Lock()
	g.held++
	g.mu.Unlock()
}

// Release lets the rows go once no batch holds the group.
func (g *Group) Release() {
	g.mu.Lock()
	if g.held--; g.held > 0 {
		g.mu.Unlock()
		return
	}
	rows := g.rows
	g.rows, g.spans = nil, nil
	g.mu.Unlock()
	rows.release()
	if g.d.released.Add(1) == int32(len(g.d.provinces)) { // every province's batch is done
		g.d.chunks.drain()
		drainFlaters() // a pack holds two at once (its rows' and its JSON's); what deflates after needs fewer
	}
}

// holding reports whether a batch holds the group.
func (g *Group) holding() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.held > 0
}

// keep keeps rows made while the group is held; false when no batch holds it any more.
func (g *Group) keep(rows *rowStore, spans []rowSpans) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.held == 0 {
		return false
	}
	g.rows, g.spans = rows, spans
	return true
}

// writeCSV writes the CSV of the k-th locality of the province out of the rows kept; false
// when none are (the file then formats its own).
func (g *Group) writeCSV(w io.Writer, k int) (bool, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.rows == nil {
		return false, nil
	}
	sp := g.spans[k]
	if _, err := w.Write(csvHeaderLine()); err != nil {
		return true, err
	}
	if err := g.rows.writeSpan(w, sp.targets); err != nil {
		return true, err
	}
	return true, g.rows.writeSpan(w, sp.results)
}

// formatRows writes the CSV rows of the province p, as d.rows writes them, to to, which
// writes them into rows (and compresses them as they come), and notes in spans (one a
// locality of p.Locs) where each locality's are; into json, when not nil, it writes the
// figures' JSON lines, as figures writes them, in the same pass.
func (d *Data) formatRows(p Province, rows *rowStore, to io.Writer, spans []rowSpans, json *chunkWriter) error {
	c := newChunkWriter(to)
	defer c.release()
	at := func() int { return rows.n + len(c.buf) }
	sink := recordSink{csv: c, json: json, runs: lineCaches.get()}
	defer lineCaches.put(sink.runs)
	if json != nil {
		json.figuresStart()
	}
	for k, l := range p.Locs {
		from := at()
		if err := d.putTargets(d.site.TargetsOf(l), &sink); err != nil {
			return err
		}
		spans[k].targets = span{from, at()}
	}
	for k, l := range p.Locs {
		from := at()
		if err := d.putResults(d.site.ResultsOf(l), &sink); err != nil {
			return err
		}
		spans[k].results = span{from, at()}
	}
	if json != nil {
		json.figuresEnd(sink.n)
	}
	c.flush()
	return c.err
}

// sharedSegment compresses the held province's rows as it formats them into memory, kept
// for the group's other files, and when js is given, the JSON of the scope js (the pack's:
// the province's figures) deflated in the same pass; false when no batch holds the group.
func (d *Data) sharedSegment(p Province, js *scope) (seg segment, json *deflated, shared bool, err error) {
	if d.groups == nil || !d.groups[p.index].holding() {
		return segment{}, nil, false, nil
	}
	g := d.groups[p.index]
	figures := d.figuresOf(p.Locs)
	spans := make([]rowSpans, len(p.Locs))
	var jd *jsonDeflater
	var jc *chunkWriter
	if js != nil {
		jd = newJSONDeflater(d.chunks)
		jc = newChunkWriter(jd)
		defer jc.release()
		d.jsonHead(jc, *js)
	}
	rows := &rowStore{free: d.chunks}
	seg, err = deflateSegment(segmentBytesPerFigure*figures, func(w io.Writer) error { // compressed as they are formatted
		return d.formatRows(p, rows, io.MultiWriter(rows, w), spans, jc)
	})
	if err != nil {
		rows.release()
		return segment{}, nil, true, err
	}
	if jc != nil {
		d.jsonTail(jc, *js)
		if jc.flush(); jc.err != nil {
			rows.release()
			return segment{}, nil, true, jc.err
		}
		j, err := jd.close()
		if err != nil {
			rows.release()
			j.out.release()
			return segment{}, nil, true, err
		}
		json = &j
	}
	if !g.keep(rows, spans) {
		rows.release()
	}
	return seg, json, true, nil
}

// jsonDeflater deflates what is written to it into a rowStore (its chunks reused, as the
// rows'), keeping its CRC-32 and length.
type jsonDeflater struct {
	out *rowStore
	fw  flater
	crc uint32
	n   int64
}

func newJSONDeflater(free *chunkList) *jsonDeflater {
	out := &rowStore{free: free}
	return &jsonDeflater{out: out, fw: newFlater(out)}
}

func (j *jsonDeflater) Write(p []byte) (int, error) {
	j.crc = crc32.Update(j.crc, crc32.IEEETable, p)
	j.n += int64(len(p))
	return j.fw.Write(p)
}

// close ends the stream: its deflated bytes, their CRC-32 and length.
func (j *jsonDeflater) close() (deflated, error) {
	err := j.fw.Close()
	return deflated{j.out, j.crc, j.n}, err
}

// deflated is a deflate stream held in a rowStore, with the CRC-32 and length of what it
// holds.
type deflated struct {
	out  *rowStore
	crc  uint32
	size int64
}

// rowStore holds a province's rows in chunks of chunkSize bytes, taken from a free list
// and given back by release: the rows of the provinces being written (a few megabytes
// each, 7.9 MB the largest) are held at their size, and each province's reuses the
// chunks of those before it rather than a buffer made for it (162 MB a national build).
type rowStore struct {
	free   *chunkList
	chunks [][]byte // each full but the last
	n      int      // bytes written
}

// chunkSize is the size of a rowStore's chunks.
const chunkSize = 256 << 10

func (s *rowStore) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		last := len(s.chunks) - 1
		if last < 0 || len(s.chunks[last]) == cap(s.chunks[last]) {
			s.chunks = append(s.chunks, s.free.get())
			last++
		}
		c := s.chunks[last]
		k := copy(c[len(c):cap(c)], p)
		s.chunks[last] = c[:len(c)+k]
		p = p[k:]
	}
	s.n += n
	return n, nil
}

// writeTo writes every row to w.
func (s *rowStore) writeTo(w io.Writer) error {
	for _, c := range s.chunks {
		if _, err := w.Write(c); err != nil {
			return err
		}
	}
	return nil
}

// writeSpan writes the bytes of sp to w.
func (s *rowStore) writeSpan(w io.Writer, sp span) error {
	for i := sp.from / chunkSize; sp.from < sp.to; i++ {
		c := s.chunks[i][sp.from-i*chunkSize:]
		c = c[:min(len(c), sp.to-sp.from)]
		if _, err := w.Write(c); err != nil {
			return err
		}
		sp.from += len(c)
	}
	return nil
}

// release gives the chunks back to the free list.
func (s *rowStore) release() {
	if s == nil {
		return
	}
	for _, c := range s.chunks {
		s.free.put(c)
	}
	s.chunks, s.n = nil, 0
}

// lineCaches are the lineCaches of the passes over provinces' figures, reused: each
// holds a few dozen small buffers.
var lineCaches = freeList[lineCache]{free: make(chan *lineCache, 8)}

// freeList is a free list of Ts.
type freeList[T any] struct{ free chan *T }

func (l freeList[T]) get() *T {
	select {
	case v := <-l.free:
		return v
	default:
	}
	return new(T)
}

func (l freeList[T]) put(v *T) {
	select {
	case l.free <- v:
	default:
	}
}

// chunkList is a free list of rowStore chunks, emptied once every province's batch is
// done.
type chunkList struct {
	free chan []byte
}

// maxFreeChunks bounds the chunks kept free: the rows of the provinces the workers format
// at once (two megabytes each on average).
const maxFreeChunks = 32

func newChunkList() *chunkList { return &chunkList{free: make(chan []byte, maxFreeChunks)} }

func (l *chunkList) get() []byte {
	select {
	case c := <-l.free:
		return c[:0]
	default:
	}
	return make([]byte, 0, chunkSize)
}

func (l *chunkList) put(c []byte) {
	select {
	case l.free <- c:
	default:
	}
}

func (l *chunkList) drain() {
	for {
		select {
		case <-l.free:
		default:
			return
		}
	}
}

// groupOf is the group of l's province and l's place among its localities; nil when l is
// not in a province or the site is not packed.
func (d *Data) groupOf(l *model.Locality) (*Group, int) {
	pl := d.provinceOf[l]
	if pl.p == nil || d.groups == nil {
		return nil, 0
	}
	return d.groups[pl.p.index], pl.pos
}
