package download

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"testing"

	"github.com/covsite/covsite/internal/model"
)

// encodingCSV is a record as encoding/csv writes it: what appendCSVRecord must write.
func encodingCSV(t testing.TB, rec *figureRecord) string {
	plainNum := func(n model.Num) string {
		if !n.Known {
			return ""
		}
		return strconv.FormatFloat(n.V, 'f', -1, 64)
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	err := w.Write([]string{rec.Type, csvText(rec.Locality), csvText(rec.LocalityName), csvText(rec.Indicator), csvText(rec.Unit), csvText(rec.Plan),
		csvText(rec.PlanNumber), csvText(rec.Period), rec.Deadline, rec.AsOf, plainNum(rec.Value), plainNum(rec.Rate), plainNum(rec.ReportedShare),
		plainNum(rec.ReportedGap), plainNum(rec.Change), rec.ChangeSince, csvText(rec.Source), rec.Published,
		strconv.FormatBool(rec.Implied), strconv.FormatBool(rec.Derived),
		csvText(rec.Where), rec.Calc, rec.CalcInputs, csvText(rec.SetBy), csvText(rec.Decision), strconv.FormatBool(rec.CreditInferred)})
	if err != nil {
		t.Fatal(err)
	}
	w.Flush()
	return buf.String()
}

func recordOf(s string, n float64) *figureRecord {
	num := model.Num{V: n, Known: true}
	return &figureRecord{Type: "result", Locality: s, LocalityName: s, Indicator: s, Unit: s, Plan: s, PlanNumber: s, Period: s,
		Deadline: s, AsOf: s, Value: num, Rate: model.Num{}, ReportedShare: num, ReportedGap: num, Change: model.Num{V: -n, Known: true},
		ChangeSince: s, Source: s, Published: s, Implied: true, Where: s, Calc: s, CalcInputs: s, SetBy: s, Decision: s}
}

// TestCSVIsEncodingCSV: the hand-written CSV is what encoding/csv writes, for fields that
// need quotes, look like formulas, hold line breaks or begin with spaces.
func TestCSVIsEncodingCSV(t *testing.T) {
	for _, s := range []string{"", "Phường 7", "a,b", `say "hi"`, "two\nlines", "cr\r\nlf", " leading", "\u00a0nbsp", `\.`, `\.x`,
		"=1+1", "+84", "-5", "@x", "\tTab", "\"", ",", "Xã Hòa Lợi; \"Cầu Ngang\"", "\u2028", "é"} {
		for _, n := range []float64{0, 1022552, 80.58, 1e-7, 1e21} {
			rec := recordOf(s, n)
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
		rec := recordOf(s, n)
		if got, want := string(appendCSVRecord(nil, rec)), encodingCSV(t, rec); got != want {
			t.Errorf("%q, %v:\n got %q\nwant %q", s, n, got, want)
		}
	})
}
