package view

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/lang"
	"github.com/covsite/covsite/internal/model"
)

// TestShareCredit: the page's credit is the one most charts have (the first of those on
// a tie); a chart's island carries its own only when it differs, "" included, so charts
// sharing one credit repeat nothing.
func TestShareCredit(t *testing.T) {
	for _, tt := range []struct {
		name    string
		credits []string
		share   string
	}{
		{"one", []string{"A"}, "A"},
		{"all alike", []string{"A", "A", "A"}, "A"},
		{"most", []string{"A", "B", "B"}, "B"},
		{"a tie", []string{"A", "B"}, "A"},
		{"all differ", []string{"A", "B", "C"}, "A"},
		{"none of a document", []string{"", "B", ""}, ""},
		{"an escaped one", []string{`<"&>`, "B", "B"}, "B"},
	} {
		charts := make([]Chart, len(tt.credits))
		for i, c := range tt.credits {
			charts[i] = Chart{Option: `{"kind":"line"}`, Credit: c}
		}
		if got, _ := shareCredit(charts); got != tt.share {
			t.Errorf("%s: the page's credit %q, want %q", tt.name, got, tt.share)
		}
		for i, ch := range charts {
			var island map[string]any
			if err := json.Unmarshal([]byte(ch.Option), &island); err != nil {
				t.Fatalf("%s: chart %d: %s: %v", tt.name, i, ch.Option, err)
			}
			own, ok := island["credit"]
			if ok != (tt.credits[i] != tt.share) || ok && own != tt.credits[i] || island["kind"] != "line" {
				t.Errorf("%s: chart %d credited %q: island %s", tt.name, i, tt.credits[i], ch.Option)
			}
		}
	}
}

// TestChartCreditLine: a chart's credit names up to two documents — plans first, newest
// first, their issuer once for plans of one issuer, then sources by publisher, else
// title, newest first, a publisher once — says how many more there are, and dates the
// newest result, else the newest plan's issue.
func TestChartCreditLine(t *testing.T) {
	tr := langs(t)
	d := func(s string) date.Date { return day(t, s) }
	ubnd := lang.T("UBND tỉnh", "Provincial People's Committee")
	p1 := &model.Plan{Number: "1/KH", Issuer: ubnd, Issued: d("2021-03-01")}
	p2 := &model.Plan{Number: "2/KH", Issuer: ubnd, Issued: d("2023-01-10")}
	p3 := &model.Plan{Title: lang.T("Kế hoạch của Sở", "The department's plan"), Issuer: lang.T("Sở LĐTBXH", ""), Issued: d("2022-05-05")}
	a := &model.Source{Publisher: "BHXH tỉnh", Published: d("2023-07-10")}
	b := &model.Source{Title: lang.T("Niên giám", "Yearbook"), Published: d("2024-01-15")}
	a2 := &model.Source{Publisher: "BHXH tỉnh", Published: d("2022-07-10")}
	for _, tt := range []struct {
		name, lang string
		from       chartFrom
		want       string
		vi         []string // the names an English page gives in Vietnamese
	}{
		{"none", "vi", chartFrom{}, "", nil},
		{"results", "vi", chartFrom{sources: []*model.Source{a, b, a2}, asOf: d("2023-12-31")},
			"Nguồn: Niên giám; BHXH tỉnh · số liệu đến 31/12/2023", nil},
		{"results in English", "en", chartFrom{sources: []*model.Source{a, b}, asOf: d("2023-12-31")},
			"Source: Yearbook; BHXH tỉnh · figures to 31 Dec 2023", []string{"BHXH tỉnh"}},
		{"a plan", "vi", chartFrom{plans: []*model.Plan{p1}}, "Nguồn: 1/KH (UBND tỉnh) · ban hành 1/3/2021", nil},
		{"plans of one issuer", "vi", chartFrom{plans: []*model.Plan{p1, p2}}, "Nguồn: 2/KH, 1/KH (UBND tỉnh) · ban hành 10/1/2023", nil},
		{"plans of two issuers and more", "en", chartFrom{plans: []*model.Plan{p1, p3, p2}},
			"Source: 2/KH (Provincial People's Committee); The department's plan (Sở LĐTBXH) and 1 more · issued 10 Jan 2023", []string{"Sở LĐTBXH"}},
		{"implied targets", "vi", chartFrom{plans: []*model.Plan{p1}, sources: []*model.Source{a, b}},
			"Nguồn: 1/KH (UBND tỉnh); Niên giám và 1 nguồn khác · ban hành 1/3/2021", nil},
		{"a plan without a date", "vi", chartFrom{plans: []*model.Plan{{Number: "3/KH", Issuer: ubnd}}}, "Nguồn: 3/KH (UBND tỉnh)", nil},
	} {
		got, vi := chartCredit(Format{tr[tt.lang]}, tt.from)
		if got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
		if !slices.Equal(vi, tt.vi) {
			t.Errorf("%s: Vietnamese %q, want %q", tt.name, vi, tt.vi)
		}
	}
}
