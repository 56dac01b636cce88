package model_test

import (
	"os"
	"testing"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
)

func exampleSite(t *testing.T) (*model.Site, *diag.List) {
	t.Helper()
	raw, diags := load.Load(os.DirFS("../.."))
	site, more := model.Build(raw)
	diags.Merge(more)
	if err := diags.Err("en"); err != nil {
		t.Fatalf("example data has errors:\n%v", err)
	}
	return site, diags
}

func progressFor(t *testing.T, s *model.Site, plan, loc, ind string) model.Progress {
	t.Helper()
	for _, tg := range s.TargetsFor(s.Locality(loc), s.Indicator(ind)) {
		if tg.Plan.ID == plan {
			return s.Assess(tg)
		}
	}
	t.Fatalf("no target of %s for %s/%s", plan, loc, ind)
	return model.Progress{}
}

func TestAssessSeedResults(t *testing.T) {
	s, _ := exampleSite(t)
	tests := []struct {
		plan, loc, ind string
		goal, value    float64
		share          float64
		differs        bool
		gap            float64
		status         model.Status
		implied        bool
	}{
		// Trà Vinh, 30/6/2023: targets implied by result + gap; the source's own 78,07 % is off.
		{"tra-vinh-chi-tieu-ubnd-tinh-2023", "tra-vinh", "bhyt", 966520, 821563, 85.00, false, 144957, model.StatusInProgress, true},
		{"qd-546-ttg-2022", "tra-vinh", "bhyt", 966520, 821563, 85.00, false, 144957, model.StatusInProgress, true},
		{"tra-vinh-chi-tieu-ubnd-tinh-2023", "tra-vinh", "bhxh", 112936, 84268, 74.62, false, 28668, model.StatusInProgress, true},
		{"tra-vinh-chi-tieu-ubnd-tinh-2023", "tra-vinh", "bhxh-tu-nguyen", 20754, 16238, 78.24, true, 4516, model.StatusInProgress, true},
		// Cần Thơ, 30/6/2019: targets implied by the shares; the news item gives no deadline for
		// them, so no judgement (a straight line from a baseline derived by subtraction to an
		// implied target with an assumed deadline would be the site's arithmetic twice over).
		{"can-tho-03-qd-ubnd-2019", "can-tho-2004-2025", "bhxh-bat-buoc", 130162, 123784, 95.10, false, 6378, model.StatusInProgress, true},
		{"can-tho-03-qd-ubnd-2019", "can-tho-2004-2025", "bhxh-tu-nguyen", 5829, 5055, 86.72, false, 774, model.StatusInProgress, true},
		{"can-tho-03-qd-ubnd-2019", "can-tho-2004-2025", "tong-thu", 3087715, 1395647, 45.20, false, 1692068, model.StatusInProgress, true},
		// Plans without results yet.
		{"tp-tra-vinh-49-kh-bcd-2023", "tra-vinh-phuong-7", "bhyt", 14690, 0, 0, false, 0, model.StatusNoData, false},
		{"can-tho-53-kh-ubnd-2025", "can-tho", "bhyt", 3095954, 0, 0, false, 0, model.StatusNoData, false},
	}
	for _, tt := range tests {
		t.Run(tt.plan+"/"+tt.loc+"/"+tt.ind, func(t *testing.T) {
			p := progressFor(t, s, tt.plan, tt.loc, tt.ind)
			if p.Goal.V != tt.goal || p.Target.Implied != tt.implied {
				t.Errorf("goal = %v (implied %v), want %v (implied %v)", p.Goal.V, p.Target.Implied, tt.goal, tt.implied)
			}
			if p.Status != tt.status {
				t.Errorf("status = %s, want %s", p.Status, tt.status)
			}
			if tt.status == model.StatusNoData {
				return
			}
			if p.Value.V != tt.value || p.Gap.V != tt.gap || p.ShareDiffers != tt.differs {
				t.Errorf("value %v gap %v differs %v, want %v %v %v", p.Value.V, p.Gap.V, p.ShareDiffers, tt.value, tt.gap, tt.differs)
			}
			if d := p.Share.V - tt.share; d > 0.005 || d < -0.005 {
				t.Errorf("share = %.4f, want %.2f", p.Share.V, tt.share)
			}
		})
	}
}

func TestMilestonesOfPlan49(t *testing.T) {
	s, _ := exampleSite(t)
	p := progressFor(t, s, "tp-tra-vinh-49-kh-bcd-2023", "tp-tra-vinh", "bhyt")
	if p.NextMilestone == nil || p.NextMilestone.Share != 93 || p.NextMilestone.By.String() != "2023-06-30" {
		t.Fatalf("next milestone = %+v, want 93 %% by 2023-06-30", p.NextMilestone)
	}
	p = progressFor(t, s, "tp-tra-vinh-49-kh-bcd-2023", "tp-tra-vinh", "bhxh-tu-nguyen")
	if p.NextMilestone == nil || p.NextMilestone.Share != 80 {
		t.Fatalf("next milestone = %+v, want 80 %%", p.NextMilestone)
	}
}

// The seed's ward table has a total row that is not the sum of the wards; the model keeps
// both and flags the difference (a warning, not an error: the document says so).
func TestRollupOfWardTable(t *testing.T) {
	s, diags := exampleSite(t)
	want := map[string][2]float64{"bhxh-bat-buoc": {15647, 15304}, "bhxh-tu-nguyen": {1757, 1756}, "bhtn": {12369, 12368}, "bhyt": {108441, 102720}}
	found := 0
	for _, ru := range model.PlanRollups(s.Plan("tp-tra-vinh-49-kh-bcd-2023")) {
		w, ok := want[ru.Indicator.ID]
		if !ok || ru.Parent.Period.Text != "2023" {
			continue
		}
		found++
		if ru.Parent.Value.V != w[0] || ru.ChildrenSum != w[1] || !ru.Complete || !ru.Differs() {
			t.Errorf("%s: parent %v, children %v (complete %v), want %v and %v", ru.Indicator.ID, ru.Parent.Value.V, ru.ChildrenSum, ru.Complete, w[0], w[1])
		}
	}
	if found != len(want) {
		t.Errorf("found %d roll-ups, want %d", found, len(want))
	}
	warnings := 0
	for _, d := range diags.Items() {
		if d.Code == diag.RollupMismatch {
			warnings++
		}
	}
	if warnings < len(want) {
		t.Errorf("%d roll-up warnings, want at least %d", warnings, len(want))
	}
}

func TestLineageAndTree(t *testing.T) {
	s, _ := exampleSite(t)
	tv := s.Locality("tra-vinh")
	if tv.Successor != s.Locality("vinh-long") || !tv.Ended() || tv.Until.String() != "2025-06-30" {
		t.Fatalf("tra-vinh: successor %v until %v", tv.Successor, tv.Until)
	}
	preds := map[string]bool{}
	for _, p := range s.Locality("can-tho").Predecessors {
		preds[p.ID] = true
	}
	for _, id := range []string{"can-tho-2004-2025", "soc-trang", "hau-giang"} {
		if !preds[id] {
			t.Errorf("can-tho lacks predecessor %s", id)
		}
	}
	ward := s.Locality("tra-vinh-phuong-7")
	var chain []string
	for _, a := range ward.Ancestors() {
		chain = append(chain, a.ID)
	}
	if len(chain) != 3 || chain[0] != "vn" || chain[1] != "tra-vinh" || chain[2] != "tp-tra-vinh" || ward.Depth != 3 {
		t.Fatalf("ancestors of phuong 7 = %v (depth %d)", chain, ward.Depth)
	}
	// Children in Vietnamese order: Long Đức before Phường 1, Phường 2 before Phường 10 would be.
	kids := s.Locality("tp-tra-vinh").Children
	if kids[0].ID != "long-duc" || kids[1].ID != "tra-vinh-phuong-1" {
		t.Errorf("children order starts %s, %s", kids[0].ID, kids[1].ID)
	}
}

func TestDerivedTotalsAndReportedComparisons(t *testing.T) {
	s, _ := exampleSite(t)
	// Phường 7's BHXH total is not in the table: it is bắt buộc + tự nguyện = 2.236 + 263.
	ts := s.TargetsFor(s.Locality("tra-vinh-phuong-7"), s.Indicator("bhxh"))
	if len(ts) != 1 || ts[0].Value.V != 2499 || !ts[0].Derived {
		t.Fatalf("derived BHXH of Phường 7 = %+v", ts)
	}
	cs := s.ComparisonsNaming(s.Locality("cau-ke"))
	if len(cs) != 2 {
		t.Fatalf("Cầu Kè is named below average %d times, want 2 (BHYT and BHXH tự nguyện)", len(cs))
	}
}

// Credits are exactly what each document says: the authority it names for the figure, a
// decision only when it names one, else "theo <the reporting document>", inferred.
func TestCreditsOfSeedTargets(t *testing.T) {
	s, _ := exampleSite(t)
	tests := []struct {
		plan, loc, ind string
		authority      string
		decision       string
		inferred       bool
		source         string // the reporting document of an inferred credit
	}{
		{"tp-tra-vinh-49-kh-bcd-2023", "tra-vinh-phuong-1", "bhyt", "Ban Chỉ đạo phát triển đối tượng tham gia BHXH, BHYT, BHTN thành phố Trà Vinh", "49/KH-BCĐ", false, ""},
		{"can-tho-53-kh-ubnd-2025", "can-tho", "bhyt", "Ủy ban nhân dân thành phố Cần Thơ", "53/KH-UBND", false, ""},
		// Trà Vinh: BHXH targets are "chỉ tiêu UBND tỉnh giao"; only BHYT is "Tỉnh ủy, UBND tỉnh".
		{"tra-vinh-chi-tieu-ubnd-tinh-2023", "tra-vinh", "bhxh", "UBND tỉnh", "", true, "tra-vinh-hoi-nghi-2023-07-26"},
		{"tra-vinh-chi-tieu-ubnd-tinh-2023", "tra-vinh", "bhxh-tu-nguyen", "UBND tỉnh", "", true, "tra-vinh-hoi-nghi-2023-07-26"},
		{"tra-vinh-chi-tieu-ubnd-tinh-2023", "tra-vinh", "bhyt", "Tỉnh ủy, UBND tỉnh", "", true, "tra-vinh-hoi-nghi-2023-07-26"},
		// "chỉ tiêu Thủ tướng Chính phủ giao năm 2023": the authority, but no decision number.
		{"qd-546-ttg-2022", "tra-vinh", "bhyt", "Thủ tướng Chính phủ", "", true, "tra-vinh-hoi-nghi-2023-07-26"},
		// Cần Thơ 2019: "kế hoạch giao" names neither who nor which decision.
		{"can-tho-03-qd-ubnd-2019", "can-tho-2004-2025", "bhxh-bat-buoc", "", "", true, "can-tho-2019-07-11"},
		{"can-tho-03-qd-ubnd-2019", "can-tho-2004-2025", "tong-thu", "", "", true, "can-tho-2019-07-11"},
	}
	for _, tt := range tests {
		t.Run(tt.plan+"/"+tt.loc+"/"+tt.ind, func(t *testing.T) {
			c := progressFor(t, s, tt.plan, tt.loc, tt.ind).Target.Credit
			if c.Authority != tt.authority || c.Decision != tt.decision || c.Inferred != tt.inferred {
				t.Errorf("credit = %q, %q, inferred %v; want %q, %q, inferred %v", c.Authority, c.Decision, c.Inferred, tt.authority, tt.decision, tt.inferred)
			}
			if c.Plan == nil || c.Plan.ID != tt.plan {
				t.Errorf("credit's plan = %v, want %s", c.Plan, tt.plan)
			}
			if tt.inferred && (c.Source == nil || c.Source.ID != tt.source || c.Reason != model.ReasonNotNamed) {
				t.Errorf("inferred credit's source = %v, reason %q; want %s, %q", c.Source, c.Reason, tt.source, model.ReasonNotNamed)
			}
		})
	}
}

// Every figure the site computed is marked with how, and where each figure stands in its
// document comes through from the data (row, else the file's default).
func TestComputedMarksAndWhere(t *testing.T) {
	s, _ := exampleSite(t)
	ward := progressFor(t, s, "tp-tra-vinh-49-kh-bcd-2023", "tra-vinh-phuong-1", "bhxh").Target
	if ward.Calc.How != model.SumOfParts || len(ward.Calc.Inputs) != 2 || ward.Calc.Inputs[0].V != 1888 || ward.Calc.Inputs[1].V != 165 || ward.Value.V != 2053 {
		t.Errorf("ward 1 bhxh = %v, calc %+v; want 2053 = 1888 + 165", ward.Value, ward.Calc)
	}
	if want := "Mục II.1, bảng chi tiết từng phường, xã, dòng 1 (Phường 1)"; ward.Where.VI != want {
		t.Errorf("ward 1 where = %q, want %q", ward.Where, want)
	}
	city := progressFor(t, s, "tp-tra-vinh-49-kh-bcd-2023", "tp-tra-vinh", "bhxh").Target
	if city.Calc.Computed() || city.Derived {
		t.Errorf("the city's 17.404 is the document's, not computed: %+v", city.Calc)
	}
	debt := progressFor(t, s, "tp-tra-vinh-49-kh-bcd-2023", "tp-tra-vinh", "ty-le-no").Target
	if debt.Where.VI != "Mục II.2" || debt.Where.EN != "" || debt.Where.In("en") != "Mục II.2" {
		t.Errorf("debt ceiling where = %+v, want the row's own, without an English the data does not give", debt.Where)
	}
	byGap := progressFor(t, s, "tra-vinh-chi-tieu-ubnd-tinh-2023", "tra-vinh", "bhxh").Target
	if byGap.Calc.How != model.ImpliedByGap || byGap.Calc.Inputs[0].V != 84268 || byGap.Calc.Inputs[1].V != 28668 {
		t.Errorf("implied by gap: %+v", byGap.Calc)
	}
	if byGap.Where.IsZero() || byGap.DeadlineGiven {
		t.Errorf("an implied target carries its result's where (%q) and no given deadline (%v)", byGap.Where, byGap.DeadlineGiven)
	}
	p := progressFor(t, s, "can-tho-03-qd-ubnd-2019", "can-tho-2004-2025", "tong-thu")
	if p.Target.Calc.How != model.ImpliedByShare || p.Goal.Decimals != 0 {
		t.Errorf("implied by share, in whole millions: %+v (%v)", p.Target.Calc, p.Goal)
	}
	if !p.NoDeadline || p.StraightLine {
		t.Errorf("no judgement from an implied target: no deadline %v, straight line %v", p.NoDeadline, p.StraightLine)
	}
	if where := p.Result.Where.VI; where != "Đoạn 2–4 của tin bài" {
		t.Errorf("result where = %q, want the file's default", where)
	}
	for _, r := range s.ResultsFor(s.Locality("can-tho-2004-2025"), s.Indicator("bhxh-bat-buoc")) {
		b, calc := model.ChangeBaseline(r)
		if b.V != 122981 || calc.How != model.Difference {
			t.Errorf("start-of-year baseline = %v (%+v), want 122981 by subtraction", b, calc)
		}
	}
}

// A milestone the document gives only in words (Plan 53: "cơ bản hoàn thành chỉ tiêu") has no
// share and is never used to judge progress.
func TestWordsOnlyMilestone(t *testing.T) {
	s, _ := exampleSite(t)
	p := s.Plan("can-tho-53-kh-ubnd-2025")
	if len(p.Milestones) != 1 || p.Milestones[0].HasShare || p.Milestones[0].Share != 0 {
		t.Fatalf("plan 53's milestone = %+v, want words only", p.Milestones)
	}
	if pr := progressFor(t, s, "can-tho-53-kh-ubnd-2025", "can-tho", "bhyt"); pr.NextMilestone != nil {
		t.Errorf("a words-only milestone is used as the next milestone: %+v", pr.NextMilestone)
	}
}
