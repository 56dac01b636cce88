package view

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/lang"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/routes"
)

// allocation is a plan shaped like Plan 49/KH-BCĐ: wards listed in the document's order
// (not the alphabet's), two columns per ward, a total row that does not add up, a total
// the site adds up (bhxh = bắt buộc + tự nguyện), a rate only in the text, a quarterly
// ceiling outside the table, and a news item with a result for one ward.
var allocation = fstest.MapFS{
	"data/site.toml": {Data: []byte(`title = "T"`)},
	"data/indicators.toml": {Data: []byte(`
[[indicator]]
id = "bhxh"
name = "Bảo hiểm xã hội"
short = "BHXH"
unit = "people"
denominator = "labour_force"
sum_of = ["bb", "tn"]
[[indicator]]
id = "bb"
name = "BHXH bắt buộc"
short = "BB"
unit = "people"
denominator = "labour_force"
[[indicator]]
id = "tn"
name = "BHXH tự nguyện"
short = "TN"
unit = "people"
denominator = "labour_force"
[[indicator]]
id = "no"
name = "Tỷ lệ nợ"
unit = "percent"
direction = "lower"
`)},
	"data/localities/a.toml": {Data: []byte(`
[[locality]]
id = "city"
name = "Thành phố"
kind = "thanh-pho"
[[locality]]
id = "p1"
name = "Phường 1"
kind = "phuong"
parent = "city"
[[locality]]
id = "ld"
name = "Long Đức"
kind = "xa"
parent = "city"
[[locality]]
id = "p2"
name = "Phường 2"
kind = "phuong"
parent = "city"
`)},
	"data/plans/kh.toml": {Data: []byte(`
number = "49/KH-BCĐ"
title = "Kế hoạch"
issuer = "Ban Chỉ đạo"
locality = "city"
period = "2023"
where = "Mục II"
[[target]]
where = "Dòng Tổng cộng"
bb = 3000
tn = 300
rate.tn = 3
[[target]]
locality = "p2"
where = "Bảng, dòng 1"
bb = 1000
tn = 100
[[target]]
locality = "p1"
where = "Bảng, dòng 2"
bb = 800
tn = 120
[[target]]
locality = "ld"
where = "Bảng, dòng 3"
bb = 1100
tn = 80
[[target]]
period = "2023-Q1"
no = 1.9
`)},
	"data/results/tin.toml": {Data: []byte(`
[source]
title = "Tin bài"
kind = "news"
publisher = "Báo"
[[result]]
locality = "p1"
as_of = 2023-06-30
bb = 600
`)},
}

func allocationSite(t *testing.T) *model.Site {
	t.Helper()
	raw, diags := load.Load(allocation)
	s, more := model.Build(raw)
	diags.Merge(more)
	if err := diags.Err("en"); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestPlanTableHasTheDocumentsShape(t *testing.T) {
	tr := langs(t)
	s := allocationSite(t)
	c := NewContext(s, tr["vi"], routes.NewBase("/"))
	defer c.assessOnce(0)()
	tab := c.planTable(s.Plan("kh"), 1)
	if tab == nil {
		t.Fatal("no table for a plan that allocates to three wards")
	}
	var units []string
	for _, r := range tab.Rows {
		units = append(units, r.Unit.Text)
	}
	if want := []string{"Phường 2", "Phường 1", "Long Đức"}; !reflect.DeepEqual(units, want) {
		t.Errorf("rows = %v, want the document's order %v", units, want)
	}
	var cols []string
	for _, col := range tab.Columns {
		cols = append(cols, col.Label)
	}
	if want := []string{"BB", "TN", "BHXH"}; !reflect.DeepEqual(cols, want) {
		t.Errorf("columns = %v, want the indicators the document gives, then the sum the site adds (%v)", cols, want)
	}
	for i, col := range tab.Columns {
		if computed := col.Computed != ""; computed != (i == 2) {
			t.Errorf("column %s marked computed %q", col.Label, col.Computed)
		}
	}
	if got := tab.Columns[2].Computed; got != "Số do trang tính: tổng BB + TN" {
		t.Errorf("the sum column says %q", got)
	}
	p1 := tab.Rows[1].Cells
	if p1[0].Target != "800" || p1[0].Computed != "" || tab.Rows[1].Where != "Bảng, dòng 2" || p1[0].Where != "" {
		t.Errorf("Phường 1 bb = %+v, its row where %q; want 800 and the row's place said once", p1[0], tab.Rows[1].Where)
	}
	if p1[2].Target != "920" || p1[2].Computed == "" || p1[2].Fig.Calc == "" {
		t.Errorf("Phường 1 bhxh = %+v, want the sum 920 marked computed", p1[2])
	}
	// The result's date is said once, above the table, when it is the date of most results.
	if p1[0].ResultLine != "600 · 75,00\u00a0%" || !tab.HasResults {
		t.Errorf("Phường 1 bb result line = %q", p1[0].ResultLine)
	}
	if !strings.Contains(tab.ResultsKey, "30/6/2023") {
		t.Errorf("results key %q does not give the results' date", tab.ResultsKey)
	}
	if p1[1].ResultLine != "" {
		t.Errorf("a target without a result shows one: %+v", p1[1])
	}
	if len(tab.ResultsFrom) != 1 || !strings.Contains(lineText(tab.ResultsFrom[0]), "Tin bài — Báo, văn bản không ghi ngày đăng") {
		t.Errorf("results from = %v", tab.ResultsFrom)
	}
	if tab.Total == nil || tab.TotalLabel != "Tổng cộng" {
		t.Fatalf("total = %+v (%q)", tab.Total, tab.TotalLabel)
	}
	bb, tn := tab.Total.Cells[0], tab.Total.Cells[1]
	if bb.Target != "3.000" || bb.Rollup != "cộng các dòng 2.900, chênh lệch 100" || !bb.Differs {
		t.Errorf("total bb = %+v, want the document's 3.000 with the rows' 2.900 beside it", bb)
	}
	if !strings.HasPrefix(tn.Target, "300 · 3\u00a0%") || tn.Differs || tn.Rollup != "" {
		t.Errorf("total tn = %+v, want 300 with its rate, adding up", tn)
	}

	// The plan's page shows the table and lists only what the table does not hold.
	page := c.Plan(s.Plan("kh"))
	if page.Table == nil {
		t.Fatal("the plan page has no table")
	}
	for _, r := range page.Rows {
		if (r.Indicator == "BB" || r.Indicator == "TN") && r.Period == "2023" {
			t.Errorf("the long list repeats a figure of the table: %s %s", r.Locality.Text, r.Indicator)
		}
	}
	if len(page.ResultsFrom) != 1 || page.NoResults != "" || page.Table.ResultsFrom != nil {
		t.Errorf("the plan page names %d results documents (%q), and again %d under its table", len(page.ResultsFrom), page.NoResults, len(page.Table.ResultsFrom))
	}
}

func TestNoPlanTableWithoutAnAllocation(t *testing.T) {
	tr := langs(t)
	s := allocationSite(t)
	c := NewContext(s, tr["en"], routes.NewBase("/"))
	defer c.assessOnce(0)()
	p := s.Plan("kh")
	own := &model.Plan{ID: "own", Locality: p.Locality, Period: p.Period}
	for _, tg := range p.Targets {
		if tg.Locality == p.Locality {
			own.Targets = append(own.Targets, tg)
		}
	}
	if tab := c.planTable(own, 1); tab != nil {
		t.Errorf("a plan for one territory got a table: %+v", tab)
	}
}

// Every computed figure is marked with how, in the page's language; a figure a document
// gives is not.
func TestCalcText(t *testing.T) {
	tr := langs(t)
	people := &model.Indicator{ID: "bhxh", Unit: model.People}
	money := &model.Indicator{ID: "thu", Unit: model.MillionVND}
	tests := []struct {
		lang string
		ind  *model.Indicator
		calc model.Calc
		want string
	}{
		{"vi", people, model.Calc{}, ""},
		{"vi", people, model.Calc{How: model.SumOfParts, Inputs: []model.Num{model.Known(1888, 0), model.Known(165, 0)}}, "Số do trang tính: tổng các thành phần, 1.888 + 165"},
		{"en", people, model.Calc{How: model.Difference, Inputs: []model.Num{model.Known(123784, 0), model.Known(803, 0)}}, "Computed by the site by subtraction: 123,784 − 803"},
		{"vi", people, model.Calc{How: model.ImpliedByGap, Inputs: []model.Num{model.Known(84268, 0), model.Known(28668, 0)}}, "Số do trang suy ra: kết quả + số còn phải phát triển, 84.268 + 28.668"},
		{"vi", money, model.Calc{How: model.ImpliedByShare, Inputs: []model.Num{model.Known(1395647, 0), model.Known(45.2, 2)}}, "Số do trang suy ra: kết quả ÷ tỷ lệ đạt, 1.395.647 ÷ 45,20\u00a0%"},
		{"en", people, model.Calc{How: model.ImpliedDenominator, Inputs: []model.Num{model.Known(1022552, 0), model.Known(82.5, 1)}}, "Implied by the site: participants ÷ rate, 1,022,552 ÷ 82.5%"},
	}
	for _, tt := range tests {
		c := NewContext(&model.Site{}, tr[tt.lang], routes.NewBase("/"))
		if got := c.CalcText(tt.ind, tt.calc); got != tt.want {
			t.Errorf("%s %s: %q, want %q", tt.lang, tt.calc.How, got, tt.want)
		}
	}
}

// A credit names only what the document gives: the plan's own number, or the authority a
// report names with "theo <report>" and the inference said.
func TestCreditLines(t *testing.T) {
	tr := langs(t)
	src := &model.Source{ID: "tin", Title: lang2("Tin bài"), Kind: "news"}
	plan := &model.Plan{ID: "qd", Number: "546/QĐ-TTg", Issuer: lang2("Thủ tướng Chính phủ")}
	own := &model.Target{TargetDetail: &model.TargetDetail{TargetStated: &model.TargetStated{}}, Plan: plan, Credit: &model.Credit{Authority: "Thủ tướng Chính phủ", Decision: "546/QĐ-TTg", Plan: plan}}
	named := &model.Target{TargetDetail: &model.TargetDetail{TargetStated: &model.TargetStated{}}, Plan: plan, Implied: true, Credit: &model.Credit{Authority: "Thủ tướng Chính phủ", Plan: plan, Source: src, Inferred: true, Reason: model.ReasonNotNamed}}
	unnamed := &model.Target{TargetDetail: &model.TargetDetail{TargetStated: &model.TargetStated{}}, Plan: plan, Implied: true, Credit: &model.Credit{Plan: plan, Source: src, Inferred: true, Reason: model.ReasonNotNamed}}
	tests := []struct {
		lang string
		t    *model.Target
		want string
	}{
		{"vi", own, "theo 546/QĐ-TTg"},
		{"vi", named, "Do Thủ tướng Chính phủ giao, theo Tin bài — suy luận: văn bản không nêu quyết định giao chỉ tiêu này; trang xếp vào 546/QĐ-TTg."},
		{"vi", unnamed, "Văn bản không nêu ai giao, theo Tin bài — suy luận: văn bản không nêu quyết định giao chỉ tiêu này; trang xếp vào 546/QĐ-TTg."},
		{"en", named, "Set by Thủ tướng Chính phủ, according to Tin bài — inferred: the document names no decision for this target; the site files it under 546/QĐ-TTg."},
	}
	for _, tt := range tests {
		c := NewContext(&model.Site{}, tr[tt.lang], routes.NewBase("/"))
		line := c.Credit(tt.t)
		if got := lineText(line); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.lang, got, tt.want)
		}
		if tt.t.Credit.Inferred && strings.Contains(lineText(line[:len(line)-2]), plan.Number) {
			t.Errorf("an inferred credit names the decision before saying it is inferred: %q", lineText(line))
		}
	}
}

func lang2(vi string) lang.Text { return lang.T(vi, "") }

// A plan's page shows each of its targets, and the list of targets repeats none that the
// cards or the table show: a plan of one territory lists only what its cards leave out, a
// plan of many localities has one table of them.
func TestPlanPageShowsEachTargetOnce(t *testing.T) {
	tr := langs(t)
	s := allocationSite(t)
	kh := s.Plan("kh")
	own := &model.Plan{ID: "own", Locality: kh.Locality, Period: kh.Period}
	for _, tg := range kh.Targets {
		if tg.Locality == kh.Locality {
			own.Targets = append(own.Targets, tg)
		}
	}
	tests := []struct {
		name    string
		plan    *model.Plan
		table   bool
		rows    []string // the list of targets: locality, indicator, period
		title   string
		rollups int
	}{
		// The table's total row checks every roll-up of the city: bb does not add up.
		{"many localities", kh, true, []string{"Thành phố no 2023-Q1"}, "Other targets and progress", 0},
		{"one territory", own, false, []string{"Thành phố no 2023-Q1"}, "Other targets and progress", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewContext(s, tr["en"], routes.NewBase("/"))
			c.Keys = true // the keys tell the targets apart
			page := c.Plan(tt.plan)
			if (page.Table != nil) != tt.table {
				t.Fatalf("table %v, want %v", page.Table != nil, tt.table)
			}
			shown := map[string]int{}
			for _, card := range page.Cards {
				for _, ct := range card.Targets {
					shown[ct.Value.Fig.Key]++
				}
			}
			var rows []string
			for _, r := range page.Rows {
				key := r.Cells.Target.Fig.Key
				if shown[key] > 0 {
					t.Errorf("the list repeats %s, shown in a card", key)
				}
				shown[key]++
				rows = append(rows, r.Locality.Text+" "+r.Indicator+" "+r.Period)
			}
			for _, tg := range tt.plan.Targets {
				if shown[TargetKey(tg)] == 0 && (page.Table == nil || !page.Table.holds(tg)) {
					t.Errorf("%s is on no part of the page", TargetKey(tg))
				}
				if page.Table != nil && page.Table.holds(tg) && tg.Locality != tt.plan.Locality && shown[TargetKey(tg)] > 0 {
					t.Errorf("%s is in the table and in the list", TargetKey(tg))
				}
			}
			if len(rows) != len(tt.rows) || page.TargetsTitle != tt.title {
				t.Errorf("list %q titled %q, want %q titled %q", rows, page.TargetsTitle, tt.rows, tt.title)
			}
			if page.Table != nil && page.Table.AddsUp != "" {
				t.Errorf("the table says its rows add up: %q", page.Table.AddsUp)
			}
			if len(page.Rollups) != tt.rollups {
				t.Errorf("%d roll-up rows beside the table's total row, want %d", len(page.Rollups), tt.rollups)
			}
		})
	}
}

// A long table is split in parts of at most planTableCells cells (and at least 20 rows):
// the plan's page holds the first part, every part links to all and keeps the total row,
// and the plan's page still knows every target of the table.
func TestLongPlanTableIsSplit(t *testing.T) {
	tests := []struct {
		units, cols int
		parts       int
		lastRows    int
	}{
		{units: 12, cols: 4, parts: 1, lastRows: 12},
		{units: 100, cols: 4, parts: 1, lastRows: 100},
		{units: 168, cols: 5, parts: 3, lastRows: 8},
		{units: 168, cols: 8, parts: 4, lastRows: 18},
		{units: 45, cols: 30, parts: 3, lastRows: 5},
	}
	tr := langs(t)
	for _, tt := range tests {
		s := wideSite(t, tt.units, tt.cols)
		p := s.Plan("kh")
		if got := PlanTableParts(s, p); got != tt.parts {
			t.Errorf("%d units × %d columns: %d parts, want %d", tt.units, tt.cols, got, tt.parts)
			continue
		}
		c := NewContext(s, tr["vi"], routes.NewBase("/"))
		page := c.Plan(p)
		last := c.PlanTablePart(p, tt.parts)
		if len(last.Table.Rows) != tt.lastRows || last.Table.Total == nil {
			t.Errorf("%d units × %d columns: the last part has %d rows (total %v), want %d", tt.units, tt.cols, len(last.Table.Rows), last.Table.Total != nil, tt.lastRows)
		}
		if len(page.Rows) != 0 || len(page.Rollups) != 0 || page.Table.AddsUp == "" {
			t.Errorf("%d units × %d columns: the plan's page lists %d targets and %d roll-ups beside the table (adds up: %q)", tt.units, tt.cols, len(page.Rows), len(page.Rollups), page.Table.AddsUp)
		}
		if tt.parts == 1 {
			if page.Table.Parts != nil || page.Table.PartLabel != "" {
				t.Errorf("a whole table links to parts: %+v", page.Table.Parts)
			}
			continue
		}
		if n := len(page.Table.Rows); n*tt.cols > planTableCells && n > 20 {
			t.Errorf("%d units × %d columns: the first part has %d rows", tt.units, tt.cols, n)
		}
		parts := last.Table.Parts
		if len(parts) != tt.parts || !parts[tt.parts-1].Current || parts[0].Current || parts[0].URL != "/ke-hoach/kh/" || parts[1].URL != "/ke-hoach/kh/phan-2/" {
			t.Errorf("%d units × %d columns: links %+v", tt.units, tt.cols, parts)
		}
		if !strings.Contains(last.Title, "Phần "+strconv.Itoa(tt.parts)+"/"+strconv.Itoa(tt.parts)) || len(last.Breadcrumb) != 3 || last.Breadcrumb[2].URL != "/ke-hoach/kh/" {
			t.Errorf("part page %q, breadcrumb %+v", last.Title, last.Breadcrumb)
		}
	}
}

// wideSite is a plan of a city for units wards and cols indicators, each ward with a
// target for each, the city with its totals.
func wideSite(t *testing.T, units, cols int) *model.Site {
	t.Helper()
	var ind, loc, plan strings.Builder
	loc.WriteString("[[locality]]\nid = \"city\"\nname = \"Thành phố\"\nkind = \"thanh-pho\"\n")
	plan.WriteString("title = \"Kế hoạch\"\nissuer = \"UBND\"\nlocality = \"city\"\nperiod = \"2025\"\n[[target]]\n")
	for j := range cols {
		fmt.Fprintf(&ind, "[[indicator]]\nid = \"i%d\"\nname = \"Chỉ số %d\"\nunit = \"people\"\n", j, j)
		fmt.Fprintf(&plan, "i%d = %d\n", j, 1000*units)
	}
	for i := range units {
		fmt.Fprintf(&loc, "[[locality]]\nid = \"w%d\"\nname = \"Phường %d\"\nkind = \"phuong\"\nparent = \"city\"\n", i, i)
		fmt.Fprintf(&plan, "[[target]]\nlocality = \"w%d\"\n", i)
		for j := range cols {
			fmt.Fprintf(&plan, "i%d = 1000\n", j)
		}
	}
	raw, diags := load.Load(fstest.MapFS{
		"data/site.toml":         {Data: []byte(`title = "T"`)},
		"data/indicators.toml":   {Data: []byte(ind.String())},
		"data/localities/a.toml": {Data: []byte(loc.String())},
		"data/plans/kh.toml":     {Data: []byte(plan.String())},
	})
	s, more := model.Build(raw)
	diags.Merge(more)
	if err := diags.Err("en"); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestMostFrequent(t *testing.T) {
	tests := []struct {
		counts map[string]int
		want   string
	}{
		{map[string]int{"30/6/2025": 40, "31/3/2025": 2}, "30/6/2025"},
		{map[string]int{"b": 3, "a": 3}, "a"},
		{map[string]int{"x": 1}, "x"},
	}
	for _, tt := range tests {
		if got := mostFrequent(tt.counts); got != tt.want {
			t.Errorf("mostFrequent(%v) = %q, want %q", tt.counts, got, tt.want)
		}
	}
}

// A card stands for a target's row in the list of targets only when it shows all the row
// would.
func TestCardSaysAll(t *testing.T) {
	year := date.Period{Start: day(t, "2025-01-01"), End: day(t, "2025-12-31")}
	plain := func() model.Progress {
		return model.Progress{Target: &model.Target{TargetDetail: &model.TargetDetail{TargetStated: &model.TargetStated{}}, Period: year, Deadline: year.End}, Gap: model.Known(10, 0)}
	}
	tests := []struct {
		name   string
		change func(*model.Progress)
		want   bool
	}{
		{"plain", func(*model.Progress) {}, true},
		{"its source's gap, the site's", func(p *model.Progress) { p.ReportedGap = model.Known(10, 0) }, true},
		{"a note", func(p *model.Progress) { p.Target.Note = lang.T("Từ tháng 3", "") }, false},
		{"an earlier deadline", func(p *model.Progress) { p.Target.Deadline = day(t, "2025-11-30") }, false},
		{"a milestone reached", func(p *model.Progress) { p.Milestone = &model.Milestone{} }, false},
		{"a milestone next", func(p *model.Progress) { p.NextMilestone = &model.Milestone{} }, false},
		{"its source's gap, not the site's", func(p *model.Progress) { p.ReportedGap = model.Known(12, 0) }, false},
	}
	for _, tt := range tests {
		p := plain()
		tt.change(&p)
		if got := cardSaysAll(p); got != tt.want {
			t.Errorf("%s: cardSaysAll = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// A row says once where its figures stand in the document when they all stand there;
// otherwise each cell says it.
func TestShareWhere(t *testing.T) {
	cell := func(where string) PlanTableCell { return PlanTableCell{Where: where, Fig: Fig{Set: true}} }
	none := PlanTableCell{Target: "—"}
	tests := []struct {
		name  string
		cells []PlanTableCell
		row   string
		cell0 string
	}{
		{"all the same", []PlanTableCell{cell("dòng 1"), none, cell("dòng 1")}, "dòng 1", ""},
		{"two places", []PlanTableCell{cell("dòng 1"), cell("Mục II")}, "", "dòng 1"},
		{"one without", []PlanTableCell{cell("dòng 1"), cell("")}, "", "dòng 1"},
		{"none given", []PlanTableCell{cell(""), cell("")}, "", ""},
	}
	for _, tt := range tests {
		r := PlanTableRow{Cells: tt.cells}
		r.shareWhere()
		if r.Where != tt.row || r.Cells[0].Where != tt.cell0 {
			t.Errorf("%s: row %q, first cell %q; want %q, %q", tt.name, r.Where, r.Cells[0].Where, tt.row, tt.cell0)
		}
	}
}

// TestResultLines: each cell with a result gets its line — with its date when it is not the
// table's — in the rows and in the total row, and each cell its target's text, though all
// are parts of one string; a cell without a result gets no line.
func TestResultLines(t *testing.T) {
	var cut texts
	cut.grow(8, 64)
	cell := func(target, line string) PlanTableCell {
		cut.write([]byte(target))
		cut.end()
		c := PlanTableCell{cut: cutTarget}
		if line != "" {
			cut.write([]byte(line))
			cut.end()
			c.cut |= cutLine
		}
		return c
	}
	tab := &PlanTable{
		Rows: []PlanTableRow{
			{Cells: []PlanTableCell{cell("1.000", "904 · 103,31 %"), {Target: "—"}, cell("1.044.000", "1.022.552 (31/12/2024) · 97,9 %")}},
			{Cells: []PlanTableCell{cell("12", ""), cell("5", "0 · 0 %")}},
		},
	}
	total := cell("3.000", "2.900 (30/6/2023) · 96,67 %")
	tab.Total = &PlanTableRow{Cells: []PlanTableCell{total}}
	cut.done()
	tab.cutTexts(&cut)
	want := [][][2]string{
		{{"1.000", "904 · 103,31 %"}, {"—", ""}, {"1.044.000", "1.022.552 (31/12/2024) · 97,9 %"}},
		{{"12", ""}, {"5", "0 · 0 %"}},
		{{"3.000", "2.900 (30/6/2023) · 96,67 %"}},
	}
	rows := append(slices.Clone(tab.Rows), *tab.Total)
	for i, r := range rows {
		for j, c := range r.Cells {
			if got := [2]string{c.Target, c.ResultLine}; got != want[i][j] {
				t.Errorf("row %d, cell %d: %q, want %q", i, j, got, want[i][j])
			}
		}
	}
}
