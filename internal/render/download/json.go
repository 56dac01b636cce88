package download

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/model"
)

// The JSON downloads are written one object per line — readable in an editor, a change
// to one figure is a one-line diff — and streamed: the national dataset's file is
// hundreds of megabytes and is never held in memory whole. The figures, most of the
// bytes, are encoded by hand (appendRecord); encoding/json would spend most of a
// national build's JSON time on reflection. The output is what encoding/json would
// write for the same values (tested).

type jsonIndicator struct {
	ID, Name, NameEN, Unit, Direction, Denominator string
}

type jsonSource struct {
	ID, Title, Kind, Published, Publisher, URL string
}

type jsonPlan struct {
	ID, Number, Title, Issued, Issuer, Signer, Locality, Period string
}

type jsonLocality struct {
	ID, Name, Kind, Parent, Since, Until, Successor string
}

// flushAt is how many encoded bytes are gathered before they are written (a variable so
// a test can make every file cross it).
var flushAt = 64 << 10

// chunkWriter gathers encoded JSON or CSV and writes it in large pieces, keeping the first
// error.
// Into a bytes.Buffer (a build worker's reused page buffer) it encodes in the buffer's
// spare room, so a locality's small file allocates nothing.
type chunkWriter struct {
	w   io.Writer
	buf []byte
	err error
}

func newChunkWriter(w io.Writer) *chunkWriter {
	j := &chunkWriter{w: w}
	j.buf = j.room()
	return j
}

// room returns an empty slice to encode into: the spare room of w when it is a
// bytes.Buffer, else the writer's own buffer, emptied.
func (j *chunkWriter) room() []byte {
	if b, ok := j.w.(*bytes.Buffer); ok {
		return b.AvailableBuffer()
	}
	if j.buf == nil {
		return make([]byte, 0, flushAt+4096)
	}
	return j.buf[:0]
}

func (j *chunkWriter) flush() {
	if j.err == nil && len(j.buf) > 0 {
		_, j.err = j.w.Write(j.buf)
	}
	j.buf = j.room()
}

func (j *chunkWriter) maybeFlush() {
	if len(j.buf) >= flushAt {
		j.flush()
	}
}

// array writes `,"key":[` then each of n elements on its own line, then `]`.
func (j *chunkWriter) array(key string, n int, each func(i int, b []byte) ([]byte, error)) {
	j.buf = append(j.buf, ",\n"...)
	j.buf = appendJSONString(j.buf, key)
	j.buf = append(j.buf, ":["...)
	for i := range n {
		if j.err != nil {
			return
		}
		j.buf = append(j.buf, '\n')
		var err error
		if j.buf, err = each(i, j.buf); err != nil {
			j.err = err
			return
		}
		if i < n-1 {
			j.buf = append(j.buf, ',')
		}
		j.maybeFlush()
	}
	if n > 0 {
		j.buf = append(j.buf, '\n')
	}
	j.buf = append(j.buf, ']')
}

// marshalOnto appends v as encoding/json writes it.
func marshalOnto(b []byte, v any) ([]byte, error) {
	out, err := json.Marshal(v)
	return append(b, out...), err
}

// json writes the dataset of the scope: the site's title, the indicators, every figure,
// the sources and plans the figures cite and, for the whole site and a province, the
// localities.
func (d *Data) json(w io.Writer, s scope) error {
	j := newChunkWriter(w)
	j.buf = append(j.buf, `{"title":`...)
	j.buf = appendJSONString(j.buf, d.site.Config.Title.VI)
	if s.head != nil {
		j.buf = append(j.buf, `,"locality":`...)
		j.buf = appendJSONString(j.buf, s.head.ID)
	}
	inds := d.site.Indicators
	j.array("indicators", len(inds), func(i int, b []byte) ([]byte, error) {
		ind := inds[i]
		return marshalOnto(b, jsonIndicator{ind.ID, ind.Name.VI, ind.Name.EN, string(ind.Unit), string(ind.Direction), ind.Base.String()})
	})
	j.figures(d, s)
	sources, plans := d.site.Sources, d.site.Plans
	if s.head != nil {
		sources, plans = d.citedBy(s.locs)
	}
	j.array("sources", len(sources), func(i int, b []byte) ([]byte, error) {
		src := sources[i]
		return marshalOnto(b, jsonSource{src.ID, src.Title.VI, src.Kind, src.Published.String(), src.Publisher, src.URL})
	})
	j.array("plans", len(plans), func(i int, b []byte) ([]byte, error) {
		p := plans[i]
		return marshalOnto(b, jsonPlan{p.ID, p.Number, p.Title.VI, p.Issued.String(), p.Issuer.VI, p.Signer, p.Locality.ID, p.Period.Text})
	})
	if s.head == nil || s.list {
		locs := d.site.Localities
		if s.head != nil {
			locs = s.locs
		}
		j.array("localities", len(locs), func(i int, b []byte) ([]byte, error) {
			loc := locs[i]
			return marshalOnto(b, jsonLocality{loc.ID, loc.Name.VI, string(loc.Kind), idOf(loc.Parent), loc.Since.String(), loc.Until.String(), idOf(loc.Successor)})
		})
	}
	j.buf = append(j.buf, "}\n"...)
	j.flush()
	return j.err
}

// figures writes `,"figures":[…]`, one record per line.
func (j *chunkWriter) figures(d *Data, s scope) {
	j.buf = append(j.buf, ",\n\"figures\":["...)
	sink := recordSink{c: j, json: true}
	err := d.eachRecord(s, &sink)
	if j.err == nil {
		j.err = err
	}
	if sink.n > 0 {
		j.buf = append(j.buf, '\n')
	}
	j.buf = append(j.buf, ']')
}

// appendRecord appends rec as a JSON object. Empty optional fields are left out;
// "value" and "rate" are always there, null when unknown.
func appendRecord(b []byte, rec *figureRecord) []byte {
	b = appendField(b, `{"type":`, rec.Type)
	b = appendField(b, `,"locality":`, rec.Locality)
	b = appendField(b, `,"locality_name":`, rec.LocalityName)
	b = appendField(b, `,"indicator":`, rec.Indicator)
	b = appendField(b, `,"unit":`, rec.Unit)
	b = appendOptional(b, `,"plan":`, rec.Plan)
	b = appendOptional(b, `,"plan_number":`, rec.PlanNumber)
	b = appendOptional(b, `,"period":`, rec.Period)
	b = appendDateField(b, `,"deadline":`, rec.Deadline)
	b = appendDateField(b, `,"as_of":`, rec.AsOf)
	b = appendNumber(b, `,"value":`, rec.Value)
	b = appendNumber(b, `,"rate":`, rec.Rate)
	if rec.ReportedShare.Known {
		b = appendNumber(b, `,"reported_share":`, rec.ReportedShare)
	}
	if rec.ReportedGap.Known {
		b = appendNumber(b, `,"reported_gap":`, rec.ReportedGap)
	}
	if rec.Change.Known {
		b = appendNumber(b, `,"change":`, rec.Change)
	}
	b = appendDateField(b, `,"change_since":`, rec.ChangeSince)
	b = appendOptional(b, `,"source":`, rec.Source)
	b = appendDateField(b, `,"published":`, rec.Published)
	if rec.Implied {
		b = append(b, `,"implied":true`...)
	}
	if rec.Derived {
		b = append(b, `,"derived":true`...)
	}
	b = appendOptional(b, `,"where":`, rec.Where)
	b = appendOptional(b, `,"calc":`, calcHow(rec.Calc))
	b = appendCalcInputsField(b, rec.Calc)
	b = appendOptional(b, `,"set_by":`, rec.SetBy)
	b = appendOptional(b, `,"decision":`, rec.Decision)
	if rec.CreditInferred {
		b = append(b, `,"credit_inferred":true`...)
	}
	return append(b, '}')
}

func appendField(b []byte, key, s string) []byte {
	return appendJSONString(append(b, key...), s)
}

func appendOptional(b []byte, key, s string) []byte {
	if s == "" {
		return b
	}
	return appendField(b, key, s)
}

// appendCalcInputsField appends the inputs of a computed figure, quoted, as
// appendOptional would their text: they are digits, ".", "-", ";", NaN or ±Inf, nothing to
// escape; nothing when there is no text (no input, or one unknown).
func appendCalcInputsField(b []byte, c model.Calc) []byte {
	start := len(b)
	b = append(b, `,"calc_inputs":"`...)
	mark := len(b)
	if b = appendCalcInputs(b, c); len(b) == mark {
		return b[:start]
	}
	return append(b, '"')
}

// appendDateField appends key and d, quoted; nothing when d is zero. A date is digits
// and "-": nothing to escape.
func appendDateField(b []byte, key string, d date.Date) []byte {
	if d.IsZero() {
		return b
	}
	b = append(append(b, key...), '"')
	return append(appendDate(b, d), '"')
}

func appendNumber(b []byte, key string, n model.Num) []byte {
	b = append(b, key...)
	if !n.Known || math.IsNaN(n.V) || math.IsInf(n.V, 0) {
		return append(b, "null"...)
	}
	return appendJSONFloat(b, n.V)
}

// appendJSONFloat appends f as encoding/json writes a float64: the shortest decimal
// that reads back as f, in exponent form only below 1e-6 or from 1e21 on.
func appendJSONFloat(b []byte, f float64) []byte {
	abs := math.Abs(f)
	if abs == 0 || (abs >= 1e-6 && abs < 1e21) {
		return appendPlain(b, f)
	}
	b = strconv.AppendFloat(b, f, 'e', -1, 64)
	// "1e-07" → "1e-7", as encoding/json writes it
	if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1]
		b = b[:n-1]
	}
	return b
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s quoted as encoding/json quotes it: <, > and & escaped for
// HTML, U+2028 and U+2029 escaped for JavaScript, invalid UTF-8 replaced by U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	return append(append(b, s[start:]...), '"')
}
