package download

import (
	"bytes"
	"hash/crc32"
	"io"
	"slices"
	"sync"

	"github.com/covsite/covsite/internal/model"
)

// Each figure's CSV row is in two files: its locality's CSV and its province's (the pack's
// CSV, whose compressed rows are also the province's part of the whole site's csv.gz). A
// build lists a province's pack and then its localities' CSV files as one batch, which one
// worker renders one after another (File.Group, render.Batches): while the batch holds the
// province (Group.Hold), the pack formats the province's rows once into memory, compresses
// its segment out of them, and each locality's file copies its own rows out of them —
// before, a national build formatted 780,000 rows twice. In the same pass over the figures
// the pack makes its JSON, deflated into memory and written into the pack as it is
// (writeDeflated): the figures are gone through once, not three times. Release lets the
// rows go: the batch is done. A file written outside a batch (a preview; a rebuild that keeps the pack
// and writes a locality's file) formats its own rows: the same bytes either way.

// Group is a province whose pack and localities' CSV files share their rows while a
// batch holds it. Safe for concurrent use.
type Group struct {
	d *Data
	i int // the province's index

	mu    sync.Mutex
	held  int    // how many batches hold it (one, in a build)
	rows  []byte // the province's rows (no header), when its pack made them while held
	spans []rowSpans
}

// rowSpans are where a locality's targets and results are in its province's rows.
type rowSpans struct{ targets, results span }

type span struct{ from, to int }

// Lead is the path of the group's first file: its province's pack, which makes the rows
// the other files copy.
func (g *Group) Lead() string { return packPath(g.d.provinces[g.i]) }

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
	g.rows = nil
	g.mu.Unlock()
	g.d.rowBuffers.put(rows)
	if g.d.released.Add(1) == int32(len(g.d.provinces)) {
		g.d.rowBuffers.drain() // every province's batch is done: no buffer is needed again
	}
}

// holding reports whether a batch holds the group.
func (g *Group) holding() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.held > 0
}

// keep keeps rows made while the group is held; false when no batch holds it any more.
func (g *Group) keep(rows []byte, spans []rowSpans) bool {
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
	if b, ok := w.(*bytes.Buffer); ok { // a build worker's page buffer: no error to check
		b.Write(csvHeaderLine())
		b.Write(g.rows[sp.targets.from:sp.targets.to])
		b.Write(g.rows[sp.results.from:sp.results.to])
		return true, nil
	}
	for _, part := range [][]byte{csvHeaderLine(), g.rows[sp.targets.from:sp.targets.to], g.rows[sp.results.from:sp.results.to]} {
		if _, err := w.Write(part); err != nil {
			return true, err
		}
	}
	return true, nil
}

// formatRows appends the CSV rows of the province p to buf, as rows writes them, and
// notes in spans (one a locality of p.Locs) where each locality's are; into json, when
// not nil, it writes the figures' JSON lines, as figures writes them, in the same pass.
func (d *Data) formatRows(p Province, buf []byte, spans []rowSpans, json *chunkWriter) ([]byte, error) {
	c := &chunkWriter{buf: buf} // no writer: never flushed, all kept
	sink := recordSink{csv: c, json: json}
	if json != nil {
		json.figuresStart()
	}
	for k, l := range p.Locs {
		from := len(c.buf)
		if err := d.putTargets(d.site.TargetsOf(l), &sink); err != nil {
			return nil, err
		}
		spans[k].targets = span{from, len(c.buf)}
	}
	for k, l := range p.Locs {
		from := len(c.buf)
		if err := d.putResults(d.site.ResultsOf(l), &sink); err != nil {
			return nil, err
		}
		spans[k].results = span{from, len(c.buf)}
	}
	if json != nil {
		json.figuresEnd(sink.n)
	}
	return c.buf, nil
}

// sharedSegment compresses the held province's rows, formatted into memory and kept for
// the group's other files, and when js is given, the JSON of the scope js (the pack's, the
// province's figures) deflated in the same pass; false when no batch holds the group.
func (d *Data) sharedSegment(p Province, js *scope) (seg segment, json *segment, shared bool, err error) {
	if d.groups == nil || !d.groups[p.index].holding() {
		return segment{}, nil, false, nil
	}
	g := d.groups[p.index]
	figures := d.figuresOf(p.Locs)
	spans := make([]rowSpans, len(p.Locs))
	var jd *jsonDeflater
	var jc *chunkWriter
	if js != nil {
		jd = newJSONDeflater(segmentBytesPerFigure * figures)
		jc = newChunkWriter(jd)
		d.jsonHead(jc, *js)
	}
	rows, err := d.formatRows(p, d.rowBuffers.get(rowBytesPerFigure*figures), spans, jc)
	if err != nil {
		return segment{}, nil, true, err
	}
	if jc != nil {
		d.jsonTail(jc, *js)
		if jc.flush(); jc.err != nil {
			return segment{}, nil, true, jc.err
		}
		j, err := jd.close()
		if err != nil {
			return segment{}, nil, true, err
		}
		json = &j
	}
	seg, err = deflateSegment(segmentBytesPerFigure*figures, func(w io.Writer) error {
		_, err := w.Write(rows)
		return err
	})
	if !g.keep(rows, spans) {
		d.rowBuffers.put(rows)
	}
	return seg, json, true, err
}

// jsonDeflater deflates what is written to it into memory, keeping its CRC-32 and length.
type jsonDeflater struct {
	buf *bytes.Buffer
	fw  flater
	crc uint32
	n   int64
}

func newJSONDeflater(sizeHint int) *jsonDeflater {
	buf := bytes.NewBuffer(make([]byte, 0, sizeHint))
	return &jsonDeflater{buf: buf, fw: newFlater(buf)}
}

func (j *jsonDeflater) Write(p []byte) (int, error) {
	j.crc = crc32.Update(j.crc, crc32.IEEETable, p)
	j.n += int64(len(p))
	return j.fw.Write(p)
}

// close ends the stream: its bytes, CRC-32 and length.
func (j *jsonDeflater) close() (segment, error) {
	err := j.fw.Close()
	return segment{deflated: j.buf.Bytes(), crc: j.crc, size: j.n}, err
}

// rowBytesPerFigure is a little more than a figure's CSV row takes (the national dataset:
// 162 MB for 780,000 rows, ~208 bytes a row), so a province's rows fit the buffer made for
// them.
const rowBytesPerFigure = 240

// bufferList is a free list of the buffers a province's rows are formatted into: a few
// megabytes each (the largest province's, 7.9 MB), reused by the next province's batch
// rather than made again (162 MB a national build); emptied once every province's batch
// is done.
type bufferList struct {
	mu   sync.Mutex
	free [][]byte
}

// maxFree is how many buffers the list keeps: one for each of the workers formatting a
// province's rows at once.
const maxFree = 4

// get returns an empty buffer of at least size bytes of room: the smallest free one that
// has it, else a new one.
func (l *bufferList) get(size int) []byte {
	l.mu.Lock()
	defer l.mu.Unlock()
	best := -1
	for i, b := range l.free {
		if cap(b) >= size && (best < 0 || cap(b) < cap(l.free[best])) {
			best = i
		}
	}
	if best < 0 {
		return make([]byte, 0, size)
	}
	b := l.free[best]
	l.free = slices.Delete(l.free, best, best+1)
	return b[:0]
}

// put gives b back; beyond maxFree buffers, the smallest is let go.
func (l *bufferList) put(b []byte) {
	if b == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.free = append(l.free, b)
	if len(l.free) > maxFree {
		smallest := 0
		for i, f := range l.free {
			if cap(f) < cap(l.free[smallest]) {
				smallest = i
			}
		}
		l.free = slices.Delete(l.free, smallest, smallest+1)
	}
}

func (l *bufferList) drain() {
	l.mu.Lock()
	defer l.mu.Unlock()
	clear(l.free)
	l.free = nil
}

// groupOf is the group of l's province and l's place among its localities; nil when l is
// not in a province or the site is not packed.
func (d *Data) groupOf(l *model.Locality) (*Group, int) {
	p := d.provinceOf[l]
	if p == nil || d.groups == nil {
		return nil, 0
	}
	return d.groups[p.index], d.position[l]
}
