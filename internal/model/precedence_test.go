package model

import (
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/diag"
)

// Of two results files giving one locality's indicator on one date, the pages show the one
// the order of precedence puts first (precedence.go), whatever the files' order, and the
// check names both figures: a warning when a rule chose, an error when only the files'
// names could.
func TestPrecedenceOfSources(t *testing.T) {
	ind := &Indicator{ID: "bhyt", Unit: People}
	loc := &Locality{ID: "ninh-kieu"}
	on := date.New(2026, 3, 31)
	src := func(id, kind string, published date.Date) *Source {
		return &Source{ID: id, Kind: kind, Published: published, Pos: diag.At("data/results/"+id+".toml", 1, 1)}
	}
	result := func(s *Source, v float64, derived bool, line int) *Result {
		return &Result{Source: s, Locality: loc, Indicator: ind, AsOf: on, Value: Known(v, 0), Derived: derived,
			line: int32(line), col: 8, ResultDetail: &ResultDetail{ResultStated: &ResultStated{}}}
	}
	report := src("bao-cao", "report", date.New(2026, 4, 10))
	news := src("tin", "news", date.New(2026, 4, 15))
	later := src("bao-cao-sau", "report", date.New(2026, 4, 20))
	undated := src("bao-cao-khong-ngay", "report", date.Date{})
	twin := src("bao-cao-ban-sao", "report", date.New(2026, 4, 10))
	for _, tt := range []struct {
		name     string
		results  []*Result // in file order
		shown    float64
		severity diag.Severity
		why      string
	}{
		{"a stated figure over a computed sum, though first", []*Result{result(report, 410_250, false, 10), result(twin, 63_171, true, 9)},
			410_250, diag.Warning, "số văn bản ghi"},
		{"a report over a news item, though first", []*Result{result(report, 201_455, false, 12), result(news, 199_000, false, 10)},
			201_455, diag.Warning, "báo cáo (report) đứng trước tin bài (news)"},
		{"the later of two reports, though first", []*Result{result(later, 202_000, false, 5), result(report, 201_455, false, 12)},
			202_000, diag.Warning, "công bố sau"},
		{"a dated report over an undated one", []*Result{result(report, 201_455, false, 12), result(undated, 200_000, false, 7)},
			201_455, diag.Warning, "không ghi"},
		{"two reports of one day: the last file, and an error", []*Result{result(report, 201_455, false, 12), result(twin, 201_000, false, 12)},
			201_000, diag.Error, "theo tên tệp"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := &Site{Indicators: []*Indicator{ind}, Localities: []*Locality{loc}, Results: tt.results}
			for _, r := range tt.results {
				s.Sources = append(s.Sources, r.Source)
			}
			s.index = newIndex(s)
			s.conflictsOf = s.findConflicts()
			if got := s.LatestResult(loc, ind); got.Value.V != tt.shown {
				t.Errorf("the pages show %v, want %v", got.Value.V, tt.shown)
			}
			items := s.conflicts().Items()
			if len(items) != 1 {
				t.Fatalf("%d diagnostics, want 1: %v", len(items), items)
			}
			d := items[0]
			if d.Severity != tt.severity || d.Code != diag.ConflictingFigures {
				t.Errorf("%s %s, want %s %s", d.Severity, d.Code, tt.severity, diag.ConflictingFigures)
			}
			if msg := d.Message("vi"); !strings.Contains(msg, tt.why) || !strings.Contains(msg, "trang hiện "+diag.FormatNumber(tt.shown, "vi")) {
				t.Errorf("the message does not say which figure is shown and why (%q):\n%s", tt.why, msg)
			}
		})
	}
}

// Two files that give the same figure, or a figure and a rate, are not a conflict.
func TestAgreeingSourcesAreNoConflict(t *testing.T) {
	ind := &Indicator{ID: "bhyt", Unit: People}
	loc := &Locality{ID: "x"}
	on := date.New(2026, 3, 31)
	a, b := &Source{ID: "a", Kind: "report"}, &Source{ID: "b", Kind: "news"}
	s := &Site{Indicators: []*Indicator{ind}, Localities: []*Locality{loc}, Sources: []*Source{a, b}, Results: []*Result{
		{Source: a, Locality: loc, Indicator: ind, AsOf: on, Value: Known(100, 0), ResultDetail: &ResultDetail{ResultStated: &ResultStated{}}},
		{Source: b, Locality: loc, Indicator: ind, AsOf: on, Value: Known(100, 0), ResultDetail: &ResultDetail{ResultStated: &ResultStated{}}},
		{Source: b, Locality: loc, Indicator: ind, AsOf: on, ResultDetail: &ResultDetail{ResultStated: &ResultStated{Rate: Known(90, 0)}}},
	}}
	s.index = newIndex(s)
	s.conflictsOf = s.findConflicts()
	if n := s.conflicts().Len(); n != 0 {
		t.Errorf("%d diagnostics, want none", n)
	}
}
