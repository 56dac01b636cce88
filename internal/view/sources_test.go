package view

import (
	"testing"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/lang"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/routes"
)

// The sources name each document once: a province's reports whose titles differ only in
// their middle share a line; documents of other publishers or kinds, with a note, or with
// titles too unlike, get a line each; plans share a line per issuer.
func TestLocalitySources(t *testing.T) {
	tr := langs(t)
	c := NewContext(&model.Site{}, tr["vi"], routes.NewBase("/"))
	report := func(id, title, publisher string, published string) *model.Source {
		return &model.Source{ID: id, Kind: "report", Title: lang.T(title, ""), Publisher: publisher, Published: day(t, published)}
	}
	half := report("h", "Báo cáo kết quả thực hiện chỉ tiêu BHXH 6 tháng đầu năm 2025 của Long An", "BHXH tỉnh Long An", "2025-07-16")
	year := report("y", "Báo cáo kết quả thực hiện chỉ tiêu BHXH năm 2024 của Long An", "BHXH tỉnh Long An", "2025-01-14")
	other := report("o", "Báo cáo kết quả thực hiện chỉ tiêu BHXH năm 2024 của Long An", "BHXH Việt Nam", "2025-01-20")
	unlike := report("u", "Tổng kết năm 2024", "BHXH tỉnh Long An", "2025-01-10")
	noted := report("n", "Báo cáo kết quả thực hiện chỉ tiêu BHXH năm 2023 của Long An", "BHXH tỉnh Long An", "2024-01-14")
	noted.Note = lang.T("Số liệu sơ bộ", "")
	plan := func(id, number, issuer string) *model.Plan {
		return &model.Plan{ID: id, Number: number, Issuer: lang.T(issuer, ""), Issued: day(t, "2025-01-23"), Period: date.Period{}}
	}
	tests := []struct {
		name    string
		plans   []*model.Plan
		sources []*model.Source
		want    []string
	}{
		{"reports of one publisher share a line", nil, []*model.Source{half, year},
			[]string{"Báo cáo — BHXH tỉnh Long An: Báo cáo kết quả thực hiện chỉ tiêu BHXH … của Long An — 6 tháng đầu năm 2025 (16/7/2025); năm 2024 (14/1/2025)"}},
		{"another publisher, a note, an unlike title: a line each", nil, []*model.Source{half, other, unlike, noted},
			[]string{"Báo cáo: Báo cáo kết quả thực hiện chỉ tiêu BHXH 6 tháng đầu năm 2025 của Long An — BHXH tỉnh Long An, 16/7/2025",
				"Báo cáo: Tổng kết năm 2024 — BHXH tỉnh Long An, 10/1/2025",
				"Báo cáo: Báo cáo kết quả thực hiện chỉ tiêu BHXH năm 2024 của Long An — BHXH Việt Nam, 20/1/2025",
				"Báo cáo: Báo cáo kết quả thực hiện chỉ tiêu BHXH năm 2023 của Long An — BHXH tỉnh Long An, 14/1/2024. Số liệu sơ bộ"}},
		{"plans of one issuer share a line", []*model.Plan{plan("a", "376/KH-UBND", "UBND thành phố"), plan("b", "95/KH-UBND", "UBND thành phố"), plan("c", "12/KH", "UBND tỉnh")}, nil,
			[]string{"Kế hoạch — UBND thành phố: 376/KH-UBND (23/1/2025); 95/KH-UBND (23/1/2025)", "Kế hoạch — UBND tỉnh: 12/KH (23/1/2025)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			facts := localityFacts{sources: tt.sources}
			for _, p := range tt.plans {
				facts.plans = append(facts.plans, planProgress{Plan: p})
			}
			got := c.localitySources(facts)
			if len(got) != len(tt.want) {
				t.Fatalf("%d lines, want %d: %q", len(got), len(tt.want), linesText(got))
			}
			for i, l := range got {
				if lineText(l) != tt.want[i] {
					t.Errorf("line %d\n got %q\nwant %q", i, lineText(l), tt.want[i])
				}
			}
		})
	}
}

func linesText(ls []Line) []string {
	var out []string
	for _, l := range ls {
		out = append(out, lineText(l))
	}
	return out
}

// A locality's rates against its parent's average: a sentence for a rate alone, one line
// for the rates of one date.
func TestStandingLines(t *testing.T) {
	tr := langs(t)
	parent := &model.Locality{ID: "tp", Name: lang.T("Thành phố Long An", "Long An City")}
	ward := &model.Locality{ID: "p", Name: lang.T("Phường Nam Nghĩa", "Nam Nghia Ward"), Parent: parent}
	ind := func(id, short string) *model.Indicator { return &model.Indicator{ID: id, Short: lang.T(short, short)} }
	june, dec := day(t, "2025-06-30"), day(t, "2024-12-31")
	st := func(i *model.Indicator, asOf date.Date, diff float64, rank int) model.Standing {
		return model.Standing{Locality: ward, Indicator: i, AsOf: asOf, ParentRate: model.Known(50, 2), Difference: model.Known(diff, 2), Rank: rank, Of: 19}
	}
	bhxh, bhyt, bhtn := ind("bhxh", "BHXH"), ind("bhyt", "BHYT"), ind("bhtn", "BHTN")
	tests := []struct {
		name, lang string
		standings  []model.Standing
		want       []string
	}{
		{"one rate: a sentence", "vi", []model.Standing{st(bhyt, june, 1.54, 8)},
			[]string{"Tỷ lệ bao phủ BHYT của Phường Nam Nghĩa cao hơn bình quân của Thành phố Long An 1,54 điểm phần trăm (đến 30/6/2025). Xếp thứ 8 trong 19 đơn vị."}},
		{"rates of one date: one line", "vi", []model.Standing{st(bhxh, june, -6.46, 15), st(bhyt, june, 1.54, 8), st(bhtn, june, 0, 10)},
			[]string{"Tỷ lệ bao phủ của Phường Nam Nghĩa so với bình quân của Thành phố Long An (đến 30/6/2025): BHXH thấp hơn 6,46 điểm phần trăm, thứ 15/19; BHYT cao hơn 1,54 điểm phần trăm, thứ 8/19; BHTN bằng bình quân, thứ 10/19."}},
		{"two dates, in English", "en", []model.Standing{st(bhxh, june, -6.46, 15), st(bhyt, june, 1.54, 8), st(bhtn, dec, 2, 3)},
			[]string{"Coverage rates of Nam Nghia Ward against the Long An City average (as of 30 Jun 2025): BHXH 6.46 percentage points below, ranked 15 of 19; BHYT 1.54 percentage points above, ranked 8 of 19.",
				"The BHTN coverage rate of Nam Nghia Ward is 2 percentage points above the Long An City average (as of 31 Dec 2024). Ranked 3 of 19."}},
		{"no parent rate: nothing", "vi", []model.Standing{{Locality: ward, Indicator: bhyt, AsOf: june}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewContext(&model.Site{}, tr[tt.lang], routes.NewBase("/"))
			got := linesText(c.standingLines(tt.standings))
			if len(got) != len(tt.want) {
				t.Fatalf("lines %q\nwant %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("line %d\n got %q\nwant %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}

// A description marks a figure the site computed, and leaves how to the page.
func TestMarkedSummaryFigure(t *testing.T) {
	tr := langs(t)
	people := &model.Indicator{ID: "bhxh", Short: lang.T("BHXH", "SI"), Unit: model.People}
	sum := model.Calc{How: model.SumOfParts, Inputs: []model.Num{model.Known(1473, 0), model.Known(196, 0)}}
	tests := []struct {
		lang string
		calc model.Calc
		want string
	}{
		{"vi", model.Calc{}, "1.669 người"},
		{"vi", sum, "1.669 người (∑ số tính)"},
		{"en", sum, "1,669 people (∑ computed)"},
	}
	for _, tt := range tests {
		c := NewContext(&model.Site{}, tr[tt.lang], routes.NewBase("/"))
		if got := c.marked(people, model.Known(1669, 0), tt.calc); got != tt.want {
			t.Errorf("%s %v: %q, want %q", tt.lang, tt.calc.How, got, tt.want)
		}
	}
}
