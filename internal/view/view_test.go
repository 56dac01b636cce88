package view

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/covsite/covsite/internal/lang"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/i18n"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/routes"
	"github.com/covsite/covsite/themes"
)

func langs(t *testing.T) map[string]*i18n.Lang {
	t.Helper()
	l, err := i18n.Load(themes.Default())
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func day(t *testing.T, s string) date.Date {
	t.Helper()
	d, err := date.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// A target's cells say what the page shows for each state of its progress, in each language.
func TestCells(t *testing.T) {
	tr := langs(t)
	people := &model.Indicator{ID: "bhyt", Short: lang.T("BHYT", ""), Unit: model.People}
	plan := &model.Plan{ID: "kh-1", Number: "1/KH"}
	year := date.Period{Start: day(t, "2023-01-01"), End: day(t, "2023-12-31")}
	target := &model.Target{TargetDetail: &model.TargetDetail{TargetStated: &model.TargetStated{}}, Plan: plan, Indicator: people, Period: year, Deadline: year.End, Value: model.Known(14690, 0)}
	rateTarget := &model.Target{Plan: plan, Indicator: people, Period: year, Deadline: year.End, Rate: model.Known(93.5, 1), Base: model.Population, Implied: true, TargetDetail: &model.TargetDetail{TargetStated: &model.TargetStated{Per: "month"}}}
	result := &model.Result{ResultDetail: &model.ResultDetail{ResultStated: &model.ResultStated{}}, Indicator: people, AsOf: day(t, "2023-06-30"), Value: model.Known(12000, 0)}
	tests := []struct {
		name, lang string
		progress   model.Progress
		want       Cells
	}{
		{"no result", "vi", model.Progress{Target: target, Status: model.StatusNoData},
			Cells{Target: TargetValue{TargetFigure: TargetFigure{Text: "14.690"}}, Share: "—", Gap: "—", Pace: "—", Status: Status{Class: "no-data", Label: "Chưa có số liệu"}}},
		{"a result behind", "vi", model.Progress{Target: target, Result: result, Value: result.Value, Share: model.Known(81.69, 2),
			Gap: model.Known(2690, 0), PacePerMonth: model.Known(448.33, 0), Status: model.StatusBehind,
			ReportedShare: model.Known(85, 0), ShareDiffers: true, ReportedGap: model.Known(2000, 0)},
			Cells{Target: TargetValue{TargetFigure: TargetFigure{Text: "14.690"}}, Result: "12.000", ResultDate: "30/6/2023", Share: "81,69\u00a0%", ShareFlag: "nguồn ghi 85\u00a0%",
				Gap: "2.690", GapFlag: "nguồn ghi còn 2.000", Pace: "448", Status: Status{Class: "behind", Label: "Chậm tiến độ"}}},
		{"an implied rate per month, in English", "en", model.Progress{Target: rateTarget, Status: model.StatusNoData,
			NextMilestone: &model.Milestone{By: day(t, "2023-06-30"), Share: 80}},
			Cells{Target: TargetValue{TargetFigure: TargetFigure{Text: "93.5%", Details: &TargetDetails{Base: "of the population", Per: " a month", ImpliedNote: "#note-implied-kh-1"}}}, Share: "—", Gap: "—", Pace: "—",
				Status: Status{Class: "no-data", Label: "No data yet"}, Milestones: []string{"milestone 30 Jun 2023: 80% of target"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewContext(&model.Site{}, tr[tt.lang], routes.NewBase("/"))
			got := c.cells(tt.progress)
			if !equalCells(got, tt.want) {
				t.Errorf("cells\n got %#v\nwant %#v", got, tt.want)
			}
		})
	}
}

func equalCells(a, b Cells) bool {
	return sameTarget(a.Target, b.Target) && a.Result == b.Result && a.ResultDate == b.ResultDate && a.Share == b.Share &&
		a.ShareFlag == b.ShareFlag && a.Gap == b.Gap && a.GapFlag == b.GapFlag && a.Pace == b.Pace &&
		a.Status == b.Status && strings.Join(a.Milestones, "|") == strings.Join(b.Milestones, "|")
}

// TestTargetDetailsOnlyWhenSaid: a target's value points to its details (a rate's base, a
// pace, an implied target's note) only when it has one of them to say, and says none
// without them.
func TestTargetDetailsOnlyWhenSaid(t *testing.T) {
	site := exampleSite(t)
	tr := langs(t)
	with, without := 0, 0
	for _, code := range []string{"vi", "en"} {
		c := NewContext(site, tr[code], routes.NewBase("/"))
		for _, tg := range site.Targets {
			v := c.targetValue(tg)
			if v.Details == nil {
				without++
				if v.Base() != "" || v.Per() != "" || v.ImpliedNote() != "" {
					t.Errorf("%s %s: no details, yet it says some", code, tg.Plan.ID)
				}
				continue
			}
			with++
			if *v.Details == (TargetDetails{}) {
				t.Errorf("%s %s: details that say nothing", code, tg.Plan.ID)
			}
		}
	}
	if with == 0 || without == 0 {
		t.Errorf("%d targets with details, %d without: the example site has both", with, without)
	}
}

// sameTarget reports whether two targets' values say the same, their details compared by
// what they say.
func sameTarget(a, b TargetValue) bool {
	return sameFigure(a.TargetFigure, b.TargetFigure) && a.Where == b.Where && a.WhereVI == b.WhereVI
}

// sameFigure reports whether two targets' figures say the same, their details compared by
// what they say.
func sameFigure(a, b TargetFigure) bool {
	return a.Text == b.Text && a.Computed == b.Computed && a.Fig == b.Fig && *a.details() == *b.details()
}

// exampleSite is the repository's example site, built.
func exampleSite(t *testing.T) *model.Site {
	t.Helper()
	raw, diags := load.Load(os.DirFS("../.."))
	site, more := model.Build(raw)
	diags.Merge(more)
	if err := diags.Err("en"); err != nil {
		t.Fatalf("example site: %v", err)
	}
	return site
}

// ownFiles offers a locality its own CSV and JSON, as a small site's downloads do
// (internal/render/download decides; its tests say when).
type ownFiles struct{}

func (ownFiles) Offers(l *model.Locality) []Offer {
	return []Offer{{Route: routes.LocalityDownload(l.ID, "csv"), Format: "CSV", Of: l}, {Route: routes.LocalityDownload(l.ID, "json"), Format: "JSON", Of: l}}
}

// packedFiles offers a locality its own CSV and its province's pack, as a national site's
// downloads do.
type packedFiles struct{ province *model.Locality }

func (p packedFiles) Offers(l *model.Locality) []Offer {
	return []Offer{{Route: routes.LocalityDownload(l.ID, "csv"), Format: "CSV", Of: l}, {Route: routes.ProvinceDownload(p.province.ID, "zip"), Format: "ZIP", Of: p.province}}
}

// A locality's downloads line names each file it is offered, a province's pack by the
// province; no line without a decider.
func TestDownloadsLine(t *testing.T) {
	site := exampleSite(t)
	c := NewContext(site, langs(t)["vi"], routes.NewBase("/"))
	ward, province := site.Locality("tra-vinh-phuong-7"), site.Locality("tra-vinh")
	if got := c.Locality(ward).Downloads; got != nil {
		t.Errorf("without DataFiles: %q", lineText(got))
	}
	c.Data = packedFiles{province}
	got := c.Locality(ward).Downloads
	if lineText(got) != "Tải số liệu: CSV · số liệu cả Trà Vinh (CSV và JSON, tệp ZIP)" || got[3].URL != "/du-lieu/tinh/tra-vinh.zip" {
		t.Errorf("packed: %q %+v", lineText(got), got)
	}
}

// The example site's pages show the figures of the seed documents, decided in Go.
func TestExampleViews(t *testing.T) {
	site := exampleSite(t)
	tr := langs(t)
	vi := NewContext(site, tr["vi"], routes.NewBase("/covsite/"))
	en := NewContext(site, tr["en"], routes.NewBase("/covsite/"))
	vi.Data = ownFiles{}
	en.Data = vi.Data
	vi.Keys = true

	ward := vi.Locality(site.Locality("tra-vinh-phuong-7"))
	if ward.Title != "Phường 7 — Phường" || ward.Eyebrow != "Phường · Thành phố Trà Vinh" {
		t.Errorf("ward title %q, eyebrow %q", ward.Title, ward.Eyebrow)
	}
	if ward.Ended == nil || ward.Ended.Text != "Đơn vị này kết thúc ngày 30/6/2025." {
		t.Errorf("ward ended notice %+v", ward.Ended)
	}
	if len(ward.Cards) == 0 || ward.Cards[0].Title != "BHXH" || ward.Cards[0].Targets[0].Value.Text != "2.499" || ward.Cards[0].Result != nil {
		t.Errorf("ward's first card %+v", ward.Cards)
	}
	// One plan set every target on the ward's cards: it is said once, under them.
	if got := lineText(ward.Deck.Credit); got != "Chỉ tiêu ở các thẻ trên: theo 49/KH-BCĐ" || ward.Cards[0].Targets[0].SetBy != nil {
		t.Errorf("ward's targets are credited %q (first card: %q)", got, lineText(ward.Cards[0].Targets[0].SetBy))
	}
	if got := ward.Deck.Credit[2].URL; got != "/covsite/ke-hoach/tp-tra-vinh-49-kh-bcd-2023/" {
		t.Errorf("credit links to %q", got)
	}
	if keys := strings.Fields(ward.Deck.CreditMark.Key); len(keys) < 2 || keys[0] != "t/tp-tra-vinh-49-kh-bcd-2023//bhxh/2023" {
		t.Errorf("the shared credit names %q", keys)
	}
	if got := lineText(ward.Downloads); got != "Tải số liệu: CSV · JSON" || ward.Downloads[1].URL != "/covsite/dia-phuong/tra-vinh-phuong-7/du-lieu.csv" {
		t.Errorf("downloads %q %+v", got, ward.Downloads)
	}
	if len(ward.Plans) != 1 || ward.Earlier != nil || ward.Plans[0].Name != "49/KH-BCĐ" {
		t.Errorf("ward plans %+v earlier %+v", ward.Plans, ward.Earlier)
	}
	if ward.Breadcrumb[len(ward.Breadcrumb)-1].Text != "Thành phố Trà Vinh" {
		t.Errorf("breadcrumb %+v", ward.Breadcrumb)
	}
	// Downloads are published once, under the default language, whatever the page's.
	wardEN := en.Locality(site.Locality("tra-vinh-phuong-7"))
	if wardEN.Downloads[1].URL != "/covsite/dia-phuong/tra-vinh-phuong-7/du-lieu.csv" || wardEN.Name != "Ward 7" {
		t.Errorf("English ward: %q, downloads %+v", wardEN.Name, wardEN.Downloads)
	}

	province := vi.Locality(site.Locality("tra-vinh"))
	if len(province.Children) == 0 || province.Summary == "" {
		t.Errorf("province children %d, summary %q", len(province.Children), province.Summary)
	}

	plan := vi.Plan(site.Plan("tp-tra-vinh-49-kh-bcd-2023"))
	if !strings.HasPrefix(plan.Title, "49/KH-BCĐ: ") {
		t.Errorf("plan title %q", plan.Title)
	}
	if plan.CardsTitle != "Chỉ tiêu của Thành phố Trà Vinh" && !strings.Contains(plan.CardsTitle, "Thành phố Trà Vinh") {
		t.Errorf("plan cards title %q", plan.CardsTitle)
	}
	if len(plan.Cards) == 0 {
		t.Error("plan 49 has no key figures for its territory")
	}
	for _, row := range plan.Rows {
		if row.Locality == nil || row.Locality.URL == "" {
			t.Errorf("plan row without its unit: %+v", row)
		}
	}
	if len(plan.Milestones) == 0 || !strings.Contains(plan.Milestones[0], "30/6/2023") {
		t.Errorf("plan milestones %q", plan.Milestones)
	}
}

func lineText(l Line) string {
	var b strings.Builder
	for _, p := range l {
		b.WriteString(p.Text)
	}
	return b.String()
}

// A ward whose district sets targets every year shows the newest plan in full and the
// earlier ones in one compact table, which says once under it how the site computed the
// cells it marks ∑.
func TestEarlierPlans(t *testing.T) {
	tr := langs(t)
	people := &model.Indicator{ID: "bhyt", Short: lang.T("BHYT", ""), Unit: model.People}
	var rows []planProgress
	for _, y := range []string{"2025", "2024", "2023"} {
		p := &model.Plan{ID: "kh-" + y, Number: y + "/KH", Period: date.Period{Start: day(t, y+"-01-01"), End: day(t, y+"-12-31")}}
		tg := &model.Target{TargetDetail: &model.TargetDetail{TargetStated: &model.TargetStated{}}, Plan: p, Indicator: people, Period: p.Period, Deadline: p.Period.End, Value: model.Known(1000, 0)}
		if y != "2025" { // computed in both earlier plans: said once
			tg.Calc = model.Calc{How: model.SumOfParts, Inputs: []model.Num{model.Known(900, 0), model.Known(100, 0)}}
		}
		rows = append(rows, planProgress{Plan: p, Rows: []*model.Progress{{Target: tg, Share: model.Known(95.5, 2), Status: model.StatusMissed,
			Result: &model.Result{ResultDetail: &model.ResultDetail{ResultStated: &model.ResultStated{}}, AsOf: p.Period.End}, Value: model.Known(955, 0)}}})
	}
	c := NewContext(&model.Site{}, tr["vi"], routes.NewBase("/"))
	full, earlier := c.planBlocks(nil, rows, nil)
	if len(full) != 1 || full[0].Name != "2025/KH" {
		t.Fatalf("full blocks %+v", full)
	}
	if earlier == nil || len(earlier.Rows) != 2 || earlier.Rows[0].Text != "2024/KH" {
		t.Fatalf("earlier %+v", earlier)
	}
	cell := earlier.Rows[0].Cells[0]
	if cell.Share != "95,50\u00a0%" || cell.Result != "955" || cell.Target.Text != "1.000" {
		t.Errorf("earlier cell %+v", cell)
	}
	if want := "∑ BHYT: Số do trang tính: tổng các thành phần."; len(earlier.Notes) != 1 || plainLine(earlier.Notes[0]) != want {
		t.Errorf("earlier notes %v, want %q", earlier.Notes, want)
	}
}

// A plan whose every target the cards show, measured by the same result and with nothing
// more to say, has no table, and no block unless it implies a target; any target the
// cards do not show in full keeps the table, every row of it.
func TestPlanBlockOnCards(t *testing.T) {
	tr := langs(t)
	people := &model.Indicator{ID: "bhyt", Short: lang.T("BHYT", ""), Unit: model.People}
	other := &model.Indicator{ID: "bhtn", Short: lang.T("BHTN", ""), Unit: model.People}
	year := date.Period{Start: day(t, "2025-01-01"), End: day(t, "2025-12-31")}
	p := &model.Plan{ID: "kh-2025", Number: "1/KH", Period: year}
	res := &model.Result{ResultDetail: &model.ResultDetail{ResultStated: &model.ResultStated{}}, AsOf: day(t, "2025-06-30")}
	older := &model.Result{ResultDetail: &model.ResultDetail{ResultStated: &model.ResultStated{}}, AsOf: day(t, "2024-12-31")}
	target := func(ind *model.Indicator) *model.Target {
		return &model.Target{TargetDetail: &model.TargetDetail{TargetStated: &model.TargetStated{}}, Plan: p, Indicator: ind, Period: year, Deadline: year.End, Value: model.Known(1000, 0)}
	}
	progress := func(tg *model.Target, r *model.Result) model.Progress {
		return model.Progress{Target: tg, Result: r, Value: model.Known(900, 0), Share: model.Known(90, 2), Status: model.StatusBehind}
	}
	a, b := target(people), target(other)
	late := target(other)
	late.Deadline = day(t, "2025-11-30")
	implied := target(people)
	implied.Implied = true
	tests := []struct {
		name    string
		rows    []model.Progress
		cards   map[*model.Target]*model.Result
		onCards bool
	}{
		{"every target on a card", []model.Progress{progress(a, res), progress(b, res)}, map[*model.Target]*model.Result{a: res, b: res}, true},
		{"a target not on the cards", []model.Progress{progress(a, res), progress(b, res)}, map[*model.Target]*model.Result{a: res}, false},
		{"a card measures another result", []model.Progress{progress(a, res)}, map[*model.Target]*model.Result{a: older}, false},
		{"a deadline before the period's end", []model.Progress{progress(a, res), progress(late, res)}, map[*model.Target]*model.Result{a: res, late: res}, false},
		{"a milestone", []model.Progress{func() model.Progress {
			pr := progress(a, res)
			pr.NextMilestone = &model.Milestone{By: day(t, "2025-09-30"), Share: 80}
			return pr
		}()}, map[*model.Target]*model.Result{a: res}, false},
		{"the source's gap differs", []model.Progress{func() model.Progress {
			pr := progress(a, res)
			pr.Gap, pr.ReportedGap = model.Known(100, 0), model.Known(90, 0)
			return pr
		}()}, map[*model.Target]*model.Result{a: res}, false},
		{"no cards", []model.Progress{progress(a, res)}, nil, false},
		{"on the cards, an implied target", []model.Progress{progress(implied, res)}, map[*model.Target]*model.Result{implied: res}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewContext(&model.Site{}, tr["vi"], routes.NewBase("/"))
			rows := make([]*model.Progress, len(tt.rows))
			for i := range tt.rows {
				rows[i] = &tt.rows[i]
			}
			full, _ := c.planBlocks(nil, []planProgress{{Plan: p, Rows: rows}}, tt.cards)
			implied := slices.ContainsFunc(tt.rows, func(r model.Progress) bool { return r.Target.Implied })
			if tt.onCards && !implied {
				if len(full) != 0 {
					t.Errorf("%d blocks for a plan the cards show, want none", len(full))
				}
				return
			}
			if len(full) != 1 {
				t.Fatalf("%d blocks", len(full))
			}
			b := full[0]
			if implied && len(b.Notes) != 1 {
				t.Errorf("notes %q, want the implied target's", b.Notes)
			}
			if b.OnCards != tt.onCards {
				t.Errorf("on cards %v, want %v", b.OnCards, tt.onCards)
			}
			if want := len(tt.rows); !tt.onCards && len(b.Rows) != want || tt.onCards && len(b.Rows) != 0 {
				t.Errorf("%d rows, want %d (on cards: %v)", len(b.Rows), want, tt.onCards)
			}
		})
	}
}

// A chart says how the site computed a figure once: in its option, the words once per
// series with each point's figures, for the tooltips — or, when the figures are the columns
// of the same row, the number of the note under the table whose words the tooltips say of
// each cell the table marks; under its table, a note per series and way of computing; the
// table's cells are only marked.
func TestChartComputedFigures(t *testing.T) {
	tr := langs(t)
	c := NewContext(&model.Site{}, tr["vi"], routes.NewBase("/"))
	people := &model.Indicator{ID: "bhxh", Short: lang.T("BHXH", ""), Unit: model.People}
	sum := func(a, b float64) model.Calc {
		return model.Calc{How: model.SumOfParts, Inputs: []model.Num{model.Known(a, 0), model.Known(b, 0)}}
	}
	diff := model.Calc{How: model.Difference, Inputs: []model.Num{model.Known(9, 0), model.Known(2, 0)}}
	n := func(v float64) model.Num { return model.Known(v, 0) }
	tests := []struct {
		name     string
		series   []series
		computed string // the option's "computed", "" for none
		notes    []string
		marks    [][]bool
	}{
		{"documents' figures only", []series{{name: "BHYT", values: []model.Num{n(1), n(2)}}}, "", nil, [][]bool{{false}, {false}}},
		{"a sum, then a document's figure", []series{
			{name: "BHXH", values: []model.Num{n(1357), n(1484)}, ind: people, calcs: []model.Calc{sum(1277, 80), {}}},
			{name: "BHYT", values: []model.Num{n(1), n(2)}},
		}, `"computed":[["Số do trang tính: tổng các thành phần, %s","1.277 + 80",""],null]`,
			[]string{"∑ BHXH: Số do trang tính: tổng các thành phần — a: 1.277 + 80"}, [][]bool{{true, false}, {false, false}}},
		{"two sums", []series{{name: "BHXH", values: []model.Num{n(1357), n(1484)}, ind: people, calcs: []model.Calc{sum(1277, 80), sum(1396, 88)}}},
			`"computed":[["Số do trang tính: tổng các thành phần, %s","1.277 + 80","1.396 + 88"]]`,
			[]string{"∑ BHXH: Số do trang tính: tổng các thành phần — a: 1.277 + 80; b: 1.396 + 88"}, [][]bool{{true}, {true}}},
		{"two ways of computing: whole words", []series{{name: "BHXH", values: []model.Num{n(1357), n(7)}, ind: people, calcs: []model.Calc{sum(1277, 80), diff}}},
			`"computed":[["%s","Số do trang tính: tổng các thành phần, 1.277 + 80","Số do trang tính bằng phép trừ: 9 − 2"]]`,
			[]string{"∑ BHXH: Số do trang tính: tổng các thành phần — a: 1.277 + 80", "∑ BHXH: Số do trang tính bằng phép trừ — b: 9 − 2"}, [][]bool{{true}, {true}}},
		{"no value, no mark", []series{{name: "BHXH", values: []model.Num{model.Unknown, n(1484)}, ind: people, calcs: []model.Calc{sum(1277, 80), {}}}},
			"", nil, [][]bool{{false}, {false}}},
		{"sums of the columns in the same row: the note names the columns", []series{
			{name: "BHXH", values: []model.Num{n(1357), n(1484)}, ind: people, calcs: []model.Calc{sum(1277, 80), sum(1396, 88)}, parts: []string{"BB", "TN"}},
			{name: "BB", values: []model.Num{n(1277), n(1396)}},
			{name: "TN", values: []model.Num{n(80), n(88)}},
		}, `"computed":[1,null,null]`,
			[]string{"∑ BHXH: Số do trang tính: tổng các thành phần, BB + TN (cùng hàng)"}, [][]bool{{true, false, false}, {true, false, false}}},
		{"a sum of other figures than its row's: each value's figures", []series{
			{name: "BHXH", values: []model.Num{n(1357), n(1484)}, ind: people, calcs: []model.Calc{sum(1277, 80), sum(1396, 88)}, parts: []string{"BB", "TN"}},
			{name: "BB", values: []model.Num{n(1277), n(1390)}},
			{name: "TN", values: []model.Num{n(80), n(88)}},
		}, `"computed":[["Số do trang tính: tổng các thành phần, %s","1.277 + 80","1.396 + 88"],null,null]`,
			[]string{"∑ BHXH: Số do trang tính: tổng các thành phần — a: 1.277 + 80; b: 1.396 + 88"}, [][]bool{{true, false, false}, {true, false, false}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ch := chart{title: "T", line: true, categories: []string{"a", "b"}, series: tt.series}
			v, err := c.chartView(ch, "chart-1")
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(v.Option, `"computed"`); tt.computed == "" && got || tt.computed != "" && !strings.Contains(v.Option, tt.computed) {
				t.Errorf("option %s\nwant %s", v.Option, tt.computed)
			}
			var notes []string
			shared := 0
			for _, n := range v.Notes {
				notes = append(notes, n.Text())
				if n.Shared {
					shared++
				}
			}
			if !reflect.DeepEqual(notes, tt.notes) {
				t.Errorf("notes %q\nwant %q", notes, tt.notes)
			}
			if want := strings.Count(tt.computed, "[1,"); shared != want {
				t.Errorf("%d notes the tooltips read, want %d", shared, want)
			}
			if !reflect.DeepEqual(v.Marks, tt.marks) {
				t.Errorf("marks %v, want %v", v.Marks, tt.marks)
			}
			for r, row := range v.Rows { // each value as Num writes it, whole
				for j, s := range tt.series {
					if want := c.F.Num(model.Num{V: s.values[r].V, Known: s.values[r].Known}); row[j+1] != want {
						t.Errorf("row %d, column %d: %q, want %q", r, j, row[j+1], want)
					}
				}
			}
		})
	}
}

// A chart's island carries its kind and what is its own — the axis's name, how the site
// computed figures — and nothing of the kind's skeleton, the categories, the values or the
// series' names: the site's chart kit holds the skeleton, and the chart's table the rest.
func TestChartOption(t *testing.T) {
	one := []series{{name: "BHYT", values: []model.Num{model.Known(1.234, 3), model.Unknown}}}
	two := append(slices.Clone(one), series{name: "BHTN", values: []model.Num{model.Known(1, 0), model.Known(2, 0)}})
	kit, err := NewChartKit()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		ch   chart
		want string
	}{
		{chart{line: true, axis: "người", series: two}, `{"kind":"line","yAxis":[{"name":"người"}]}`},
		{chart{line: true, axis: "%", series: one}, `{"kind":"line-1","yAxis":[{"name":"%"}]}`},
		{chart{axis: "người", series: two}, `{"kind":"bar","yAxis":[{"name":"người"}]}`},
		{chart{series: one}, `{"kind":"bar-1"}`},
	} {
		tt.ch.categories = []string{"a", "b"}
		got, err := tt.ch.option(nil)
		if err != nil {
			t.Fatal(err)
		}
		if got != tt.want {
			t.Errorf("option %s, want %s", got, tt.want)
		}
		if _, ok := kit.Kinds[tt.ch.kind().name()]; !ok {
			t.Errorf("the kit lacks the kind %s", tt.ch.kind().name())
		}
	}
	if v := echartsValue(model.Num{V: 0, Known: false}); v != "-" {
		t.Errorf("an unknown value is %v, want a gap", v)
	}
}

// The chart kit is published once per site as a script: it holds no words a reader sees
// (no letter outside ASCII, no capitalised word), none of ECharts' defaults, no categories
// or values; its iframe code is the embeds' one.
func TestChartKitHasNoWords(t *testing.T) {
	kit, err := NewChartKit()
	if err != nil {
		t.Fatal(err)
	}
	b, err := kit.JSON()
	if err != nil {
		t.Fatal(err)
	}
	if i := strings.IndexFunc(string(b), func(r rune) bool { return r > unicode.MaxASCII }); i >= 0 {
		t.Errorf("kit has a letter outside ASCII at %d: %s", i, b)
	}
	if m := regexp.MustCompile(`"[^"]*\b[A-Z][a-z]+\b[^"]*"`).Find(b); m != nil {
		t.Errorf("kit has a capitalised word: %s", m)
	}
	for _, unwanted := range []string{`"color"`, `"toolbox"`, `"title"`, `"data"`, `"name"`} {
		if bytes.Contains(b, []byte(unwanted)) {
			t.Errorf("kit has %s: %s", unwanted, b)
		}
	}
	if len(kit.Kinds) != 4 || kit.Snippet != EmbedSnippet {
		t.Errorf("kit has %d kinds, snippet %q", len(kit.Kinds), kit.Snippet)
	}
}

// The option charts.js makes — the kit's skeleton of the chart's kind, a series per column
// of its table, the island merged over it — is go-echarts' whole option for the chart,
// less its categories and values (the table's) and what ECharts does anyway: the skeleton
// made once per site must not drift from go-echarts.
func TestChartOptionIsGoEcharts(t *testing.T) {
	kit, err := NewChartKit()
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range []chart{
		{line: true, axis: "người", categories: []string{"30/6/2023", "31/12/2023"}, series: []series{{name: "BHYT", values: []model.Num{model.Known(1, 0), model.Unknown}}, {name: "BHTN", values: []model.Num{model.Known(2.345, 3), model.Known(3, 0)}}}},
		{line: false, axis: "%", categories: []string{"<b>Phường 1</b>"}, series: []series{{name: "BHXH \"x\"", values: []model.Num{model.Known(80.58, 2)}}}},
		{line: true, axis: "%", categories: []string{"2024", "2025"}, series: []series{{name: "BHYT", values: []model.Num{model.Known(90, 0), model.Known(91, 0)}}}},
		{line: false, axis: "người", categories: []string{"Xã A", "Xã B"}, series: []series{{name: "BHYT", values: []model.Num{model.Known(1, 0), model.Known(2, 0)}}, {name: "BHXH", values: []model.Num{model.Known(1, 0), model.Known(2, 0)}}}},
	} {
		island, err := ch.option(nil)
		if err != nil {
			t.Fatal(err)
		}
		var columns []string
		for _, s := range ch.series {
			columns = append(columns, s.name)
		}
		got := asCharts(t, kit, island, columns)
		full := ch.barOption()
		if ch.line {
			full = ch.lineOption()
		}
		b, err := json.Marshal(full)
		if err != nil {
			t.Fatal(err)
		}
		var want map[string]any
		if err := json.Unmarshal(b, &want); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"color", "title", "toolbox"} {
			delete(want, k)
		}
		for _, s := range want["series"].([]any) {
			sm := s.(map[string]any)
			delete(sm, "animation")
			delete(sm, "data") // the chart's table holds the values, and the categories:
		}
		for _, a := range want["xAxis"].([]any) {
			delete(a.(map[string]any), "data")
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("option\n got %v\nwant %v", got, want)
		}
	}
}

// asCharts makes a chart's option as charts.js does: the kit's skeleton of the island's
// kind, its "series" copied for each column of the table, named by the column's header,
// then the island merged over it (objects by key, arrays by index), less "kind".
func asCharts(t *testing.T, kit ChartKit, island string, columns []string) map[string]any {
	t.Helper()
	var own map[string]any
	if err := json.Unmarshal([]byte(island), &own); err != nil {
		t.Fatal(err)
	}
	skeleton, ok := kit.Kinds[own["kind"].(string)]
	if !ok {
		t.Fatalf("the kit has no kind %v", own["kind"])
	}
	var opt map[string]any
	if err := json.Unmarshal(skeleton, &opt); err != nil {
		t.Fatal(err)
	}
	var series []any
	for _, name := range columns {
		var s map[string]any
		b, _ := json.Marshal(opt["series"])
		if err := json.Unmarshal(b, &s); err != nil {
			t.Fatal(err)
		}
		s["name"] = name
		series = append(series, s)
	}
	opt["series"] = series
	delete(own, "kind")
	return mergeJSON(opt, own).(map[string]any)
}

func mergeJSON(base, over any) any {
	switch o := over.(type) {
	case map[string]any:
		b, ok := base.(map[string]any)
		if !ok {
			return o
		}
		for k, v := range o {
			b[k] = mergeJSON(b[k], v)
		}
		return b
	case []any:
		b, ok := base.([]any)
		if !ok {
			return o
		}
		for i, v := range o {
			if i < len(b) {
				b[i] = mergeJSON(b[i], v)
			} else {
				b = append(b, v)
			}
		}
		return b
	}
	return over
}

// A long ranking keeps its ends: the first and last ten children, placed one under the
// other, and says so.
func TestLongRankingKeepsItsEnds(t *testing.T) {
	c := NewContext(&model.Site{}, langs(t)["vi"], routes.NewBase("/"))
	r := ChildRanking{Title: "BHYT", Note: "(kỳ 2025)"}
	for i := range 30 {
		r.Bars = append(r.Bars, Bar{Name: fmt.Sprint("xã ", i), Y: barTop + i*barRow, TextY: barTop + i*barRow + 15})
		r.Table.Rows = append(r.Table.Rows, TableRow{Name: fmt.Sprint("xã ", i), Rank: fmt.Sprint(i + 1)})
	}
	r.Table.Rows = append(r.Table.Rows, TableRow{Name: "không có số"})
	got := c.ends(r)
	if len(got.Bars) != 20 || got.Bars[10].Name != "xã 20" || got.Bars[10].Y != barTop+10*barRow {
		t.Fatalf("bars %+v", got.Bars)
	}
	if len(got.Table.Rows) != 20 || got.Table.Rows[19].Name != "xã 29" {
		t.Errorf("rows %+v", got.Table.Rows)
	}
	if !strings.Contains(got.Note, "10") || !strings.Contains(got.Note, "30") || got.Height != barTop*2+20*barRow {
		t.Errorf("note %q, height %d", got.Note, got.Height)
	}
	if short := c.ends(ChildRanking{Bars: r.Bars[:5]}); len(short.Bars) != 5 {
		t.Error("a short ranking was cut")
	}
}

// A children's table whose computed column is the sum of two of its columns, row by row,
// says so once under the table and marks each such cell ∑ only.
func TestChildTableSaysHowOnce(t *testing.T) {
	site := exampleSite(t)
	c := NewContext(site, langs(t)["vi"], routes.NewBase("/"))
	ct := c.Locality(site.Locality("tp-tra-vinh")).ChildTable
	if ct == nil || len(ct.Rows) < 2 {
		t.Fatalf("Thành phố Trà Vinh's children table: %+v", ct)
	}
	want := []string{"∑ BHXH: Số do trang tính: tổng các thành phần, BHXH bắt buộc + BHXH tự nguyện (cùng hàng)"}
	if !slices.Equal(ct.Notes, want) {
		t.Errorf("notes %q, want %q", ct.Notes, want)
	}
	col := slices.Index(ct.Columns, "BHXH")
	marked := 0
	for _, r := range ct.Rows {
		if r.Marked[col] {
			marked++
		}
		if r.Computed[col] != "" {
			t.Errorf("%s: the BHXH cell says %q, which the note says once", r.Text, r.Computed[col])
		}
		// the figures stay numbers, written as Format.Num writes them
		for _, v := range r.Values {
			if got := v.String(); got == "" || got != string(v.Append(nil)) || got != "—" && !strings.ContainsAny(got, "0123456789") {
				t.Errorf("%s: a cell reads %q", r.Text, got)
			}
		}
	}
	if len(ct.Sum) != len(ct.Columns) || len(ct.Declared) != len(ct.Columns) || ct.Sum[col].String() == "" {
		t.Errorf("sum %v, declared %v for %d columns", ct.Sum, ct.Declared, len(ct.Columns))
	}
	if marked != len(ct.Rows) {
		t.Errorf("%d of %d BHXH cells marked ∑", marked, len(ct.Rows))
	}
}

// A column is said to be the sum of other columns of its row only when every computed
// cell of it is, with the very figures of those columns.
func TestSameRowSum(t *testing.T) {
	a := &model.Indicator{ID: "a"}
	b := &model.Indicator{ID: "b"}
	total := &model.Indicator{ID: "t", SumOf: []*model.Indicator{a, b}}
	sum := func(x, y float64) model.Calc {
		return model.Calc{How: model.SumOfParts, Inputs: []model.Num{model.Known(x, 0), model.Known(y, 0)}}
	}
	row := func(x, y float64) []model.Num {
		return []model.Num{model.Known(x+y, 0), model.Known(x, 0), model.Known(y, 0)}
	}
	tests := []struct {
		name  string
		inds  []*model.Indicator
		calcs [][]model.Calc
		ok    bool
	}{
		{"every cell the sum of its row", []*model.Indicator{total, a, b}, [][]model.Calc{{sum(1, 2), {}, {}}, {sum(3, 4), {}, {}}}, true},
		{"a cell given by the plan", []*model.Indicator{total, a, b}, [][]model.Calc{{sum(1, 2), {}, {}}, {{}, {}, {}}}, true},
		{"a sum of other figures", []*model.Indicator{total, a, b}, [][]model.Calc{{sum(1, 2), {}, {}}, {sum(3, 5), {}, {}}}, false},
		{"a part not in the table", []*model.Indicator{total, a}, [][]model.Calc{{sum(1, 2), {}}, {sum(3, 4), {}}}, false},
		{"nothing computed", []*model.Indicator{total, a, b}, [][]model.Calc{{{}, {}, {}}, {{}, {}, {}}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ct := &childTargets{indicators: tt.inds, children: []*model.Locality{{}, {}}, calcs: tt.calcs}
			for _, r := range [][]model.Num{row(1, 2), row(3, 4)} {
				ct.values = append(ct.values, r[:len(tt.inds)])
			}
			if _, ok := ct.sameRowSum(0); ok != tt.ok {
				t.Errorf("sameRowSum = %t, want %t", ok, tt.ok)
			}
		})
	}
}

// The earlier plans' table leaves its results to the charts' tables only when they show
// every one, on its date and in its column; the note then says where they are.
func TestEarlierResultsLeftToCharts(t *testing.T) {
	f := Format{langs(t)["vi"]}
	chart := Chart{Columns: []string{"BHXH", "BHYT"}, Rows: [][]string{{"31/12/2024", "1.132", "11.068"}, {"30/6/2025", "1.112", "10.413"}}}
	cell := func(asOf, result string) EarlierCell {
		return EarlierCell{Share: "97 %", Result: result, asOf: day(t, asOf)}
	}
	tests := []struct {
		name   string
		cells  []EarlierCell
		charts []Chart
		left   bool
	}{
		{"every result in the chart's table", []EarlierCell{cell("2024-12-31", "1.132"), cell("2024-12-31", "11.068")}, []Chart{chart}, true},
		{"a cell without a result or a target", []EarlierCell{cell("2024-12-31", "1.132"), {Empty: true}}, []Chart{chart}, true},
		{"a result of another date", []EarlierCell{cell("2024-12-31", "1.132"), cell("2024-06-30", "11.068")}, []Chart{chart}, false},
		{"another figure", []EarlierCell{cell("2024-12-31", "1.133"), cell("2024-12-31", "11.068")}, []Chart{chart}, false},
		{"no chart", []EarlierCell{cell("2024-12-31", "1.132"), cell("2024-12-31", "11.068")}, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := &EarlierPlans{Columns: []string{"BHXH", "BHYT"}, Rows: []EarlierPlan{{Cells: tt.cells}}, Note: "note"}
			e.leaveResultsTo(tt.charts, f)
			left := e.Note != "note"
			for _, c := range e.Rows[0].Cells {
				if (c.Result == "") != (left || c.Empty) {
					t.Errorf("cell %+v, results left to the charts %t", c, left)
				}
			}
			if left != tt.left {
				t.Errorf("results left to the charts: %t, want %t (note %q)", left, tt.left, e.Note)
			}
		})
	}
	var none *EarlierPlans
	none.leaveResultsTo([]Chart{chart}, f) // a page without earlier plans
}

// Two plans' targets for the same period on one card say which plan each is: Trà Vinh's
// BHYT card holds the province's 2023 target and the one QĐ 546/QĐ-TTg implies (a new user
// read them as one target said twice); a card with one plan's targets keeps its labels.
func TestTwinTargetsNameTheirPlans(t *testing.T) {
	site := exampleSite(t)
	c := NewContext(site, langs(t)["vi"], routes.NewBase("/"))
	var bhyt Card
	for _, card := range c.Locality(site.Locality("tra-vinh")).Cards {
		if card.ID == "chi-so-bhyt" {
			bhyt = card
		}
	}
	var labels []string
	for _, tg := range bhyt.Targets {
		labels = append(labels, tg.Label)
	}
	if len(labels) != 2 || labels[0] == labels[1] || !strings.Contains(strings.Join(labels, "|"), "(546/QĐ-TTg)") {
		t.Errorf("Trà Vinh's BHYT card: %q, want two labels, each naming its plan", labels)
	}
	for _, card := range c.Locality(site.Locality("tp-tra-vinh")).Cards {
		for _, tg := range card.Targets {
			if strings.Contains(tg.Label, "(") {
				t.Errorf("TP Trà Vinh's %s card: %q names a plan with no twin", card.ID, tg.Label)
			}
		}
	}
}

// A page's figures say that they are figures, and how the site computed them, with keys
// or without; their keys (and their credits') only when the page prints them (Keys).
func TestFigureKeysOnlyWhenPrinted(t *testing.T) {
	site := exampleSite(t)
	for _, keys := range []bool{false, true} {
		c := NewContext(site, langs(t)["vi"], routes.NewBase("/"))
		c.Keys = keys
		ward := c.Locality(site.Locality("tra-vinh-phuong-7"))
		figs, credits := 0, 0
		check := func(what string, set bool, key string) {
			if !set {
				t.Errorf("keys %t: %s is no figure", keys, what)
			}
			if (key != "") != keys {
				t.Errorf("keys %t: %s has key %q", keys, what, key)
			}
		}
		for _, card := range ward.Cards {
			if r := card.Result; r != nil {
				check(card.Title+"'s result", r.Fig.Set, r.Fig.Key)
				figs++
			}
			for _, tg := range card.Targets {
				check(card.Title+"'s target", tg.Value.Fig.Set, tg.Value.Fig.Key)
				check(card.Title+"'s credit", tg.Credit.Set, tg.Credit.Key)
				figs, credits = figs+1, credits+1
			}
		}
		if figs < 3 || credits < 2 {
			t.Fatalf("keys %t: %d figures and %d credits on the ward's cards: the test shows little", keys, figs, credits)
		}
		if ward.Deck.Credit != nil && (ward.Deck.CreditMark.Key != "") != keys {
			t.Errorf("keys %t: the cards' shared credit names %q", keys, ward.Deck.CreditMark.Key)
		}
	}
}

// A page assesses each target once, and what it points to stays as assessed while the
// page assesses more than it said it would (its store grows in parts); the next page
// starts with none.
func TestPageAssessments(t *testing.T) {
	site := exampleSite(t)
	targets := site.Targets[:min(len(site.Targets), 40)]
	if len(targets) < 10 {
		t.Fatalf("%d targets: the test shows little", len(targets))
	}
	c := NewContext(site, langs(t)["vi"], routes.NewBase("/"))
	for range 2 {
		end := c.assessOnce(1)
		if len(c.assessed.of) != 0 || len(c.assessed.store) != 0 {
			t.Fatalf("a page starts with %d assessments", len(c.assessed.of))
		}
		var got []*model.Progress
		for _, tg := range targets {
			got = append(got, c.progressOf(tg))
		}
		for i, tg := range targets {
			if c.progressOf(tg) != got[i] {
				t.Errorf("%s assessed twice", TargetKey(tg))
			}
			if want := site.Assess(tg); !reflect.DeepEqual(*got[i], want) || !reflect.DeepEqual(c.assess(tg), want) {
				t.Errorf("%s: %+v, want %+v", TargetKey(tg), *got[i], want)
			}
		}
		end()
		if c.assessed != nil {
			t.Fatal("the page's assessments outlive it")
		}
	}
}

// A computed figure's formula, written in one go, is its figures as Value, Num and
// PctAsGiven write them, joined as the site computed them.
func TestCalcFormula(t *testing.T) {
	tr := langs(t)
	people := &model.Indicator{ID: "bhxh", Unit: model.People}
	money := &model.Indicator{ID: "thu", Unit: model.MillionVND}
	rate := &model.Indicator{ID: "bhyt", Unit: model.Percent}
	nums := []model.Num{model.Known(1888, 0), model.Known(165.4, 1), model.Unknown, model.Known(80.58, 2), model.Known(1395647.25, 2), model.Known(-3, 0)}
	for _, code := range []string{"vi", "en"} {
		c := NewContext(&model.Site{}, tr[code], routes.NewBase("/"))
		f := c.F
		for _, how := range []model.Computation{model.SumOfParts, model.Difference, model.ImpliedByGap, model.ImpliedByShare, model.ImpliedDenominator, model.RateFromDenominator, "other"} {
			for _, ind := range []*model.Indicator{people, money, rate} {
				for n := range 4 {
					inputs := nums[n : n+min(n+1, 3)]
					calc := model.Calc{How: how, Inputs: inputs}
					var in []string
					for _, x := range inputs {
						in = append(in, f.Value(ind, x))
					}
					var want string
					switch how {
					case model.SumOfParts, model.ImpliedByGap:
						want = strings.Join(in, " + ")
					case model.Difference:
						want = strings.Join(in, " − ")
					case model.ImpliedByShare, model.ImpliedDenominator:
						if len(inputs) == 2 {
							want = in[0] + " ÷ " + f.PctAsGiven(inputs[1])
						}
					case model.RateFromDenominator:
						if len(inputs) == 2 {
							want = f.Num(inputs[0]) + " ÷ " + f.Num(inputs[1])
						}
					}
					if got := c.calcFormula(ind, calc); got != want {
						t.Errorf("%s %s %s %v: %q, want %q", code, how, ind.ID, inputs, got, want)
					}
				}
			}
		}
	}
}

// The append forms of the formats write what their strings say, in both languages, for
// every unit, known and unknown figures.
func TestAppendsAreTheirStrings(t *testing.T) {
	nums := []model.Num{{}, {Known: true, V: 1022552}, {Known: true, V: 80.584, Decimals: 2}, {Known: true, V: -3.2, Decimals: 1}, {Known: true, V: 0}, {Known: true, V: 12.5, Decimals: -1}}
	inds := []*model.Indicator{{Unit: model.People, Short: lang.T("BHYT", "HI")}, {Unit: model.Percent}, {Unit: model.Unit("vnd")}}
	for _, code := range lang.Codes {
		f := Format{i18n.New(code, map[string]string{"points": "%s điểm %%", "unit.people": "người", "unit.vnd": "đồng"})}
		scratch := make([]byte, 0, 64)
		for _, n := range nums {
			for _, c := range []struct {
				name      string
				got, want string
			}{
				{"appendPct", string(f.appendPct([]byte("x"), n)), f.Pct(n)},
				{"appendNum", string(f.appendNum([]byte("x"), n)), f.Num(n)},
				{"appendPctAsGiven", string(f.appendPctAsGiven([]byte("x"), n)), f.PctAsGiven(n)},
				{"appendPoints", string(f.appendPoints([]byte("x"), scratch, n)), f.Points(n)},
				{"appendPointsPlain", string(f.appendPointsPlain([]byte("x"), scratch, n)), f.PointsPlain(n)},
			} {
				if c.got != "x"+c.want {
					t.Errorf("%s %s(%+v) = %q, want x + %q", code, c.name, n, c.got, c.want)
				}
			}
			for _, ind := range inds {
				if got, want := string(f.appendValue([]byte("x"), ind, n)), "x"+f.Value(ind, n); got != want {
					t.Errorf("%s appendValue(%s, %+v) = %q, want %q", code, ind.Unit, n, got, want)
				}
				if got, want := string(f.appendWithUnit([]byte("x"), ind, n)), "x"+f.WithUnit(ind, n); got != want {
					t.Errorf("%s appendWithUnit(%s, %+v) = %q, want %q", code, ind.Unit, n, got, want)
				}
			}
		}
	}
}

// A child whose name starts with its kind is listed without the kind again ("Phường 1", not
// "Phường 1 Phường"); one whose name does not keeps it, in either language.
func TestNamedWithKind(t *testing.T) {
	for _, tt := range []struct {
		name, kind string
		want       bool
	}{
		{"Phường 1", "Phường", true}, {"Thị xã Duyên Hải", "Thị xã", true}, {"PHƯỜNG 7", "Phường", true},
		{"An Xuyen Ward", "Ward", true}, {"Ward 5", "ward", true},
		{"Long Đức", "Xã", false}, {"Phuong Ninh Kieu", "Ward", false}, {"Edward", "Ward", false}, {"Phường", "Phường", false}, {"Xãa", "Xã", false},
	} {
		if got := namedWithKind(tt.name, tt.kind); got != tt.want {
			t.Errorf("namedWithKind(%q, %q) = %v, want %v", tt.name, tt.kind, got, tt.want)
		}
	}
}

// A name too long for the names' room on a 360 px phone is cut between words into lines
// that fit; a name that fits stays one line; a word longer than the room stands alone.
func TestWrapName(t *testing.T) {
	for _, tt := range []struct {
		name string
		room int
		want []string
	}{
		{"Phường An Xuyên", 21, []string{"Phường An Xuyên"}},
		{"Cần Thơ (đến 30/6/2025)", 21, []string{"Cần Thơ", "(đến 30/6/2025)"}},
		{"Can Tho (until 30 Jun 2025)", 21, []string{"Can Tho", "(until 30 Jun 2025)"}},
		{"Phường Nguyễn Thái Bình (Thành phố Hồ Chí Minh)", 21, []string{"Phường Nguyễn Thái", "Bình (Thành phố Hồ", "Chí Minh)"}},
		{"Nguyen Thai Binh (Thanh pho Ho Chi Minh) Ward", 21, []string{"Nguyen Thai Binh", "(Thanh pho Ho Chi", "Minh) Ward"}},
		{"Xã Thượnghạlưuđiểntrungtâm", 16, []string{"Xã", "Thượnghạlưuđiểntrungtâm"}},
	} {
		if got := wrapName(tt.name, tt.room); !slices.Equal(got, tt.want) {
			t.Errorf("wrapName(%q, %d) = %q, want %q", tt.name, tt.room, got, tt.want)
		}
	}
}

// Bars are laid one under the other: a name on n lines takes n-1 lines more, its bar and
// value in the middle of its lines; a bar of one line is where it always was.
func TestLayBars(t *testing.T) {
	bars := []Bar{{Name: "Xã A"}, {Name: "Phường Nguyễn Thái Bình (Thành phố Hồ Chí Minh)", Lines: []BarLine{{Text: "Phường Nguyễn Thái"}, {Text: "Bình (Thành phố Hồ"}, {Text: "Chí Minh)"}}}, {Name: "Xã C"}}
	height := layBars(bars)
	if bars[0].Y != barTop || bars[0].TextY != barTop+15 {
		t.Errorf("first bar at %d, text at %d", bars[0].Y, bars[0].TextY)
	}
	long := bars[1]
	top := barTop + barRow
	if long.Y != top+barLine || long.TextY != long.Y+15 {
		t.Errorf("long bar at %d (text %d), want %d", long.Y, long.TextY, top+barLine)
	}
	for k, l := range long.Lines {
		if want := top + 15 + k*barLine; l.Y != want {
			t.Errorf("line %d at %d, want %d", k, l.Y, want)
		}
	}
	if mid := (long.Lines[0].Y + long.Lines[2].Y) / 2; mid != long.TextY {
		t.Errorf("lines centred on %d, the bar's text on %d", mid, long.TextY)
	}
	if next := top + barRow + 2*barLine; bars[2].Y != next || height != next+barRow+barTop {
		t.Errorf("next bar at %d, height %d; want %d, %d", bars[2].Y, height, next, next+barRow+barTop)
	}
}

// lineT fills a UI string with lines, its own words plain between them; langsOnly keeps of
// a line only its marks of language, the rest one text.
func TestLineTAndLangsOnly(t *testing.T) {
	f := Format{langs(t)["en"]}
	got := lineT(f, "children.credit", Line{{Text: "Tạp chí", Lang: "vi"}}, Line{text("49/KH ("), {Text: "Ban Chỉ đạo", Lang: "vi"}, text(")")})
	want := Line{text("Sources: results — "), {Text: "Tạp chí", Lang: "vi"}, text("; targets — "), text("49/KH ("), {Text: "Ban Chỉ đạo", Lang: "vi"}, text(")")}
	if !slices.Equal(got, want) {
		t.Errorf("lineT = %+v, want %+v", got, want)
	}
	only := langsOnly(Line{text("Set by "), {Text: "UBND tỉnh", Lang: "vi"}, text(", according to "), {Text: "Báo cáo", Cite: true}, text(" — filed under "), {Text: "49/KH", URL: "/k/"}, text(".")})
	wantOnly := Line{text("Set by "), {Text: "UBND tỉnh", Lang: "vi"}, text(", according to Báo cáo — filed under 49/KH.")}
	if !slices.Equal(only, wantOnly) {
		t.Errorf("langsOnly = %+v, want %+v", only, wantOnly)
	}
}
