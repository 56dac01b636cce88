package download

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"testing"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/model"
)

// taggedRecord is figureRecord as encoding/json would write it: what appendRecord
// must produce byte for byte.
type taggedRecord struct {
	Type          string   `json:"type"`
	Locality      string   `json:"locality"`
	LocalityName  string   `json:"locality_name"`
	Indicator     string   `json:"indicator"`
	Unit          string   `json:"unit"`
	Plan          string   `json:"plan,omitempty"`
	PlanNumber    string   `json:"plan_number,omitempty"`
	Period        string   `json:"period,omitempty"`
	Deadline      string   `json:"deadline,omitempty"`
	AsOf          string   `json:"as_of,omitempty"`
	Value         *float64 `json:"value"`
	Rate          *float64 `json:"rate"`
	ReportedShare *float64 `json:"reported_share,omitempty"`
	ReportedGap   *float64 `json:"reported_gap,omitempty"`
	Change        *float64 `json:"change,omitempty"`
	ChangeSince   string   `json:"change_since,omitempty"`
	Source        string   `json:"source,omitempty"`
	Published     string   `json:"published,omitempty"`
	Implied       bool     `json:"implied,omitempty"`
	Derived       bool     `json:"derived,omitempty"`
	Where         string   `json:"where,omitempty"`
	Calc          string   `json:"calc,omitempty"`
	CalcInputs    string   `json:"calc_inputs,omitempty"`
	SetBy         string   `json:"set_by,omitempty"`
	Decision      string   `json:"decision,omitempty"`
	Inferred      bool     `json:"credit_inferred,omitempty"`
}

func pointer(n model.Num) *float64 {
	if !n.Known {
		return nil
	}
	return &n.V
}

func tagged(r figureRecord) taggedRecord {
	how, inputs := calcText(r.Calc)
	return taggedRecord{r.Type, r.Locality, r.LocalityName, r.Indicator, r.Unit, r.Plan, r.PlanNumber, r.Period,
		r.Deadline.String(), r.AsOf.String(), pointer(r.Value), pointer(r.Rate), pointer(r.ReportedShare), pointer(r.ReportedGap),
		pointer(r.Change), r.ChangeSince.String(), r.Source, r.Published.String(), r.Implied, r.Derived,
		r.Where, how, inputs, r.SetBy, r.Decision, r.CreditInferred}
}

var trickyStrings = []string{
	"", "Phường 7", "Thị xã Duyên Hải <script>alert(1)</script>", `quote " and \ back`, "tab\tnew\nline\rret",
	"\x00\x01\b\f\x1f\x7f", "a & b > c", "line\u2028sep\u2029para", "bad \xff\xfe utf-8", "\xe2\x80", "emoji 🇻🇳",
}

var trickyFloats = []float64{0, -0, 1, -1, 0.5, 85.27, 1e-6, 9.99e-7, 1e-7, 1.5e-10, 1e20, 1e21, 1.2345e22,
	-3.2e-9, 123456789012, 0.1 + 0.2, math.MaxFloat64, math.SmallestNonzeroFloat64}

func TestAppendJSONStringIsEncodingJSON(t *testing.T) {
	for _, s := range trickyStrings {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	}
}

func TestAppendJSONFloatIsEncodingJSON(t *testing.T) {
	for _, f := range trickyFloats {
		want, _ := json.Marshal(f)
		if got := appendJSONFloat(nil, f); !bytes.Equal(got, want) {
			t.Errorf("appendJSONFloat(%v) = %s, want %s", f, got, want)
		}
	}
}

func TestAppendRecordIsEncodingJSON(t *testing.T) {
	records := []figureRecord{
		{Type: "target", Locality: "tra-vinh", LocalityName: "Trà Vinh", Indicator: "bhyt", Unit: "percent",
			Plan: "kh-1", PlanNumber: "12/KH-UBND", Period: "2024", Deadline: date.New(2024, 12, 31), Rate: model.Known(95.2, 1), Implied: true,
			Where: "Đoạn 2 <b>", Calc: model.Calc{How: model.ImpliedByGap, Inputs: []model.Num{model.Known(821563, 0), model.Known(144957, 0)}},
			SetBy: `Tỉnh ủy, "UBND" tỉnh`, CreditInferred: true},
		{Type: "result", Locality: "x", LocalityName: "<b>&</b>", Indicator: "bhxh", Unit: "people", AsOf: date.New(2024, 6, 30),
			Value: model.Known(12345, 0), ReportedShare: model.Known(85, 0), ReportedGap: model.Known(0, 0),
			Change: model.Known(-1.5e-7, 2), ChangeSince: date.New(2023, 12, 31), Source: "bc-1", Published: date.New(2024, 7, 15), Derived: true},
		{Type: "result", Locality: "y", LocalityName: "", Indicator: "", Unit: ""},
	}
	for i, c := range trickyCalcs { // every date and mark of a computed figure
		records = append(records, figureRecord{Type: "target", Deadline: trickyDates[i%len(trickyDates)], AsOf: trickyDates[(i+1)%len(trickyDates)],
			ChangeSince: trickyDates[(i+2)%len(trickyDates)], Published: trickyDates[(i+3)%len(trickyDates)], Calc: c})
	}
	for _, rec := range records {
		want, _ := json.Marshal(tagged(rec))
		if got := appendRecord(nil, &rec); !bytes.Equal(got, want) {
			t.Errorf("appendRecord:\n got %s\nwant %s", got, want)
		}
	}
}

// FuzzAppendJSON checks the hand-written encoder against encoding/json on any string
// and number.
func FuzzAppendJSON(f *testing.F) {
	for i, s := range trickyStrings {
		f.Add(s, trickyFloats[i%len(trickyFloats)])
	}
	f.Fuzz(func(t *testing.T, s string, v float64) {
		rec := figureRecord{Type: s, Locality: s, LocalityName: s, Indicator: s, Unit: s, Plan: s, Source: s,
			Value: model.Known(v, 0), Change: model.Known(-v, 0)}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			rec.Value, rec.Change = model.Num{}, model.Num{}
		}
		want, err := json.Marshal(tagged(rec))
		if err != nil {
			t.Fatal(err)
		}
		if got := appendRecord(nil, &rec); !bytes.Equal(got, want) {
			t.Errorf("appendRecord:\n got %s\nwant %s", got, want)
		}
	})
}

// onlyWriter hides every method of its writer but Write, as a file does.
type onlyWriter struct{ w io.Writer }

func (o onlyWriter) Write(p []byte) (int, error) { return o.w.Write(p) }

// TestJSONDownloadsStreamAsTheyBuffer: a download written into a reused bytes.Buffer
// (the build's small pages, encoded in its spare room) is the one written to a plain
// writer through the JSON writer's own buffer (the streamed whole-site file), and valid.
func TestJSONDownloadsStreamAsTheyBuffer(t *testing.T) {
	d := NewData(exampleSite(t))
	defer func(n int) { flushAt = n }(flushAt)
	flushAt = 300 // every file is written in many pieces
	var reused bytes.Buffer
	scopes := []scope{{}}
	for _, l := range d.site.Localities {
		scopes = append(scopes, scope{head: l, locs: []*model.Locality{l}})
	}
	for _, p := range d.Provinces() {
		scopes = append(scopes, scope{head: p.Loc, locs: p.Locs, list: true})
	}
	for _, s := range scopes {
		l := s.head
		reused.Reset()
		reused.WriteString("left over from the page before ")
		reused.Reset()
		if err := d.json(&reused, s); err != nil {
			t.Fatal(err)
		}
		var plain bytes.Buffer
		if err := d.json(onlyWriter{&plain}, s); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(reused.Bytes(), plain.Bytes()) {
			t.Fatalf("%v: the buffered and the streamed JSON differ", l)
		}
		if !json.Valid(plain.Bytes()) {
			t.Fatalf("%v: not valid JSON:\n%s", l, plain.Bytes())
		}
	}
}
