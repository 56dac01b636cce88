package download

import (
	"bytes"
	"encoding/csv"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/model"
)

// plainNum formats n the plain way: "1234.5", or "" when unknown.
func plainNum(n model.Num) string {
	if !n.Known {
		return ""
	}
	return strconv.FormatFloat(n.V, 'f', -1, 64)
}

// calcText is a computed figure's mark as text: how, and its inputs plain, joined by ";";
// both "" when a document gives the figure. What appendCSVRecord and appendRecord must
// write of it.
func calcText(c model.Calc) (string, string) {
	if !c.Computed() {
		return "", ""
	}
	in := make([]string, len(c.Inputs))
	for i, n := range c.Inputs {
		in[i] = plainNum(n)
	}
	return string(c.How), strings.Join(in, ";")
}

// csvText is a text field as a spreadsheet must read it: "'" before a formula's first
// character (OWASP, CSV injection).
func csvText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// encodingCSV is a record as encoding/csv writes it: what appendCSVRecord must write.
func encodingCSV(t testing.TB, rec *figureRecord) string {
	how, inputs := calcText(rec.Calc)
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	err := w.Write([]string{rec.Type, csvText(rec.Locality), csvText(rec.LocalityName), csvText(rec.Indicator), csvText(rec.Unit), csvText(rec.Plan),
		csvText(rec.PlanNumber), csvText(rec.Period), rec.Deadline.String(), rec.AsOf.String(), plainNum(rec.Value), plainNum(rec.Rate), plainNum(rec.ReportedShare),
		plainNum(rec.ReportedGap), plainNum(rec.Change), rec.ChangeSince.String(), csvText(rec.Source), rec.Published.String(),
		strconv.FormatBool(rec.Implied), strconv.FormatBool(rec.Derived),
		csvText(rec.Where), how, inputs, csvText(rec.SetBy), csvText(rec.Decision), strconv.FormatBool(rec.CreditInferred)})
	if err != nil {
		t.Fatal(err)
	}
	w.Flush()
	return buf.String()
}

// trickyDates are dates as data gives them and beyond: the zero date, years of fewer and
// more than four digits, before year 0.
var trickyDates = []date.Date{{}, {Year: 2025, Month: 6, Day: 30}, {Year: 1999, Month: 12, Day: 1}, {Year: 7, Month: 1, Day: 9},
	{Year: 0, Month: 1, Day: 1}, {Year: 12345, Month: 3, Day: 4}, {Year: -44, Month: 3, Day: 15}, {Year: 2024}}

// trickyCalcs are the marks of computed figures: none, inputs known and unknown, numbers
// plain writes as NaN or ±Inf.
var trickyCalcs = []model.Calc{{}, {How: model.SumOfParts, Inputs: []model.Num{model.Known(821563, 0), model.Known(144957.25, 2)}},
	{How: model.Difference}, {How: model.Difference, Inputs: []model.Num{{}}}, {How: model.ImpliedByShare, Inputs: []model.Num{{}, {}}},
	{How: model.RateFromDenominator, Inputs: []model.Num{model.Known(math.NaN(), 0), model.Known(math.Inf(-1), 0), model.Known(-1e-7, 0), model.Known(1e21, 0)}},
	{Inputs: []model.Num{model.Known(1, 0)}}}

func recordOf(s string, n float64, i int) *figureRecord {
	num := model.Num{V: n, Known: true}
	d := func(k int) date.Date { return trickyDates[(i+k)%len(trickyDates)] }
	calc := trickyCalcs[i%len(trickyCalcs)]
	if s != "" && i%2 == 1 {
		calc.How = model.Computation(s)
	}
	return &figureRecord{Type: "result", Locality: s, LocalityName: s, Indicator: s, Unit: s, Plan: s, PlanNumber: s, Period: s,
		Deadline: d(0), AsOf: d(1), Value: num, Rate: model.Num{}, ReportedShare: num, ReportedGap: num, Change: model.Num{V: -n, Known: true},
		ChangeSince: d(2), Source: s, Published: d(3), Implied: true, Where: s, Calc: calc, SetBy: s, Decision: s}
}

// TestAppendDateIsString: a date is appended as date.Date's String writes it.
func TestAppendDateIsString(t *testing.T) {
	for _, d := range trickyDates {
		if got := string(appendDate([]byte("x"), d)); got != "x"+d.String() {
			t.Errorf("appendDate(%+v) = %q, want %q", d, got, "x"+d.String())
		}
	}
}

// TestCSVIsEncodingCSV: the hand-written CSV is what encoding/csv writes, for fields that
// need quotes, look like formulas, hold line breaks or begin with spaces.
func TestCSVIsEncodingCSV(t *testing.T) {
	for _, s := range []string{"", "Phường 7", "a,b", `say "hi"`, "two\nlines", "cr\r\nlf", " leading", "\u00a0nbsp", `\.`, `\.x`,
		"=1+1", "+84", "-5", "@x", "\tTab", "\"", ",", "Xã Hòa Lợi; \"Cầu Ngang\"", "\u2028", "é",
		"=a,b", "-\"q\"", "\r\n", "\rx", "\t", "\v", "\f", "\u0085x", "\u3000x", "'x"} {
		for i, n := range []float64{0, 1022552, 80.58, 1e-7, 1e21, -3, 0.5, 7} {
			rec := recordOf(s, n, i)
			got := string(appendCSVRecord(nil, rec))
			if want := encodingCSV(t, rec); got != want {
				t.Errorf("%q, %v:\n got %q\nwant %q", s, n, got, want)
			}
		}
	}
}

func FuzzCSVRecord(f *testing.F) {
	for _, s := range []string{"", "a,b", `"`, " x", `\.`, "=x", "a\nb"} {
		f.Add(s, 1.5)
	}
	f.Fuzz(func(t *testing.T, s string, n float64) {
		rec := recordOf(s, n, len(s))
		if got, want := string(appendCSVRecord(nil, rec)), encodingCSV(t, rec); got != want {
			t.Errorf("%q, %v:\n got %q\nwant %q", s, n, got, want)
		}
	})
}

// TestAppendPlainIsFormatFloat: a number is appended as strconv writes it the plain way,
// whole or not, at the edges of the integers a float holds exactly, negative zero and
// numbers beyond.
func TestAppendPlainIsFormatFloat(t *testing.T) {
	nums := []float64{0, math.Copysign(0, -1), 1, -1, 7, 10, 1200, 1022552, -144957, 0.5, 85.27, 1e-7, 1e15, 1e20, 1e21, 1e22,
		0.05, -0.05, 0.0001, -0.0001, 0.00001, 0.1 + 0.2, 96.11, 999999999.9999, -999999999.9999, 1e9, -1e9, 1e9 - 1, 0.3, 2.675, 1.005,
		1 << 53, 1<<53 - 1, -(1<<53 - 1), 1<<53 + 2, -(1 << 53), 1 << 62, 1 << 63, -(1 << 63), 123456789012345678, math.MaxFloat64,
		math.SmallestNonzeroFloat64, math.NaN(), math.Inf(1), math.Inf(-1)}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 10000 {
		nums = append(nums, float64(rng.Int64N(1<<54)-1<<53), float64(rng.IntN(2_000_000)), float64(rng.IntN(10000))/100,
			-float64(rng.IntN(1000))/1000, float64(rng.Int64N(2e13)-1e13)/10000, float64(rng.IntN(1e9))/100000, rng.Float64()*100, rng.NormFloat64()*1e9)
	}
	for _, f := range nums {
		if got, want := string(appendPlain([]byte("x"), f)), "x"+strconv.FormatFloat(f, 'f', -1, 64); got != want {
			t.Errorf("appendPlain(%v) = %q, want %q", f, got, want)
		}
	}
}
