package model

import (
	"slices"
	"testing"

	"github.com/covsite/covsite/internal/date"
)

// TestOverruled: beside the figure the pages show, the figures other documents state for
// the same date that differ from it — not a computed sum, not a figure of its own
// source, not an agreeing one, not another date's; nothing beside a figure the pages do
// not show.
func TestOverruled(t *testing.T) {
	on, before := date.New(2023, 6, 30), date.New(2023, 3, 31)
	report := &Source{ID: "bao-cao", Kind: "report", Published: date.New(2023, 7, 10)}
	news := &Source{ID: "tin", Kind: "news", Published: date.New(2023, 7, 12)}
	conf := &Source{ID: "hoi-nghi", Kind: "conference", Published: date.New(2023, 7, 20)}
	res := func(src *Source, asOf date.Date, v float64, derived bool) *Result {
		return &Result{Source: src, AsOf: asOf, Value: Known(v, 0), Derived: derived, ResultDetail: &ResultDetail{ResultStated: &ResultStated{}}}
	}
	shown := res(report, on, 12000, false)
	fromNews, fromConf := res(news, on, 11900, false), res(conf, on, 12100, false)
	for _, tt := range []struct {
		name string
		rs   []*Result // oldest first, the shown one last of its date (compareResults)
		of   *Result
		want []*Result
	}{
		{"alone", []*Result{shown}, shown, nil},
		{"two others", []*Result{res(news, before, 1, false), fromNews, fromConf, shown}, shown, []*Result{fromNews, fromConf}},
		{"agreeing", []*Result{res(news, on, 12000, false), shown}, shown, nil},
		{"a computed sum", []*Result{res(news, on, 11000, true), shown}, shown, nil},
		{"its own source", []*Result{res(report, on, 11000, false), shown}, shown, nil},
		{"no value", []*Result{{Source: news, AsOf: on, ResultDetail: &ResultDetail{ResultStated: &ResultStated{}}}, shown}, shown, nil},
		{"not shown", []*Result{fromNews, shown}, fromNews, nil},
	} {
		if got := overruled(tt.rs, tt.of); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %d overruled, want %d", tt.name, len(got), len(tt.want))
		}
	}
}
