package model

import (
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/load"
)

// A plan is linked to the plan it carries out (parent = …); a period that does not meet
// the parent's — starting after it ended, ending before it started — is an error at the
// child's period naming both periods; a period that meets it, even in part, is not; an
// unknown parent is an unknown reference.
func TestParentPlans(t *testing.T) {
	period := func(s string) date.Period {
		p, err := date.ParsePeriod(s)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tt := range []struct {
		name, child, parent string
		code                diag.Code // "" for none
		words               string    // in the English message
	}{
		{"starts after the parent ended", "2024", "ke-hoach-a-2023", diag.OutsideParentPlan, "this plan's period 2024 starts after the end of the period 2023 of the plan \"ke-hoach-a-2023\""},
		{"ends before the parent started", "2021/2022", "ke-hoach-a-2023", diag.OutsideParentPlan, "this plan's period 2021/2022 ends before the start of the period 2023"},
		{"within", "2023-Q2", "ke-hoach-a-2023", "", ""},
		{"meets it in part", "2022-07/2023-06", "ke-hoach-a-2023", "", ""},
		{"an unknown parent", "2023", "ke-hoach-z-2023", diag.UnknownRefNear, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			parent := &Plan{ID: "ke-hoach-a-2023", Period: period("2023")}
			child := &Plan{ID: "ke-hoach-b", Period: period(tt.child)}
			b := &builder{site: &Site{planByID: map[string]*Plan{parent.ID: parent, child.ID: child}}, diags: &diag.List{}}
			at := diag.At("data/plans/ke-hoach-b.toml", 6, 10)
			b.parentPlans([]parentRef{{child, load.Str{V: tt.parent, Pos: diag.At("data/plans/ke-hoach-b.toml", 4, 10)}, at}})
			items := b.diags.Items()
			if tt.code == "" {
				if len(items) != 0 || child.Parent != parent {
					t.Fatalf("parent %v, diagnostics %v; want the parent and none", child.Parent, items)
				}
				return
			}
			if len(items) != 1 || items[0].Code != tt.code || items[0].Severity != diag.Error {
				t.Fatalf("diagnostics %v, want one %s error", items, tt.code)
			}
			if tt.code == diag.OutsideParentPlan {
				if items[0].Pos != at || child.Parent != parent {
					t.Errorf("at %v (parent %v), want at the child's period %v", items[0].Pos, child.Parent, at)
				}
				if msg := items[0].Message("en"); !strings.Contains(msg, tt.words) {
					t.Errorf("%q lacks %q", msg, tt.words)
				}
				if msg := items[0].Message("vi"); !strings.Contains(msg, "kỳ "+tt.child) || !strings.Contains(msg, "kỳ 2023") {
					t.Errorf("%q does not name both periods", msg)
				}
			}
		})
	}
}

// A plan whose parents lead back to it — naming itself, or two plans naming each other — is
// an error at each one's parent = …, with the chain, and is left without a parent; a plan
// below the circle keeps its parent.
func TestParentPlansInACircle(t *testing.T) {
	period, err := date.ParsePeriod("2023")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name    string
		parents map[string]string // plan → its parent
		chains  []string          // in the English messages, in the plans' order
	}{
		{"itself", map[string]string{"a": "a"}, []string{"a → a"}},
		{"each other", map[string]string{"a": "b", "b": "a"}, []string{"a → b → a", "b → a → b"}},
		{"below a circle", map[string]string{"a": "b", "b": "a", "c": "a"}, []string{"a → b → a", "b → a → b"}},
		{"a chain", map[string]string{"a": "b", "b": "c"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			plans := map[string]*Plan{}
			for _, id := range []string{"a", "b", "c"} {
				plans[id] = &Plan{ID: id, Period: period}
			}
			var refs []parentRef
			for _, id := range []string{"a", "b", "c"} {
				if parent, ok := tt.parents[id]; ok {
					refs = append(refs, parentRef{plans[id], load.Str{V: parent, Pos: diag.At("data/plans/"+id+".toml", 4, 10)}, diag.At("data/plans/"+id+".toml", 6, 10)})
				}
			}
			b := &builder{site: &Site{planByID: plans}, diags: &diag.List{}}
			b.parentPlans(refs)
			items := b.diags.Items()
			if len(items) != len(tt.chains) {
				t.Fatalf("diagnostics %v, want %d", items, len(tt.chains))
			}
			for i, it := range items {
				if it.Code != diag.PlanCycle || it.Severity != diag.Error || it.Pos.Line != 4 {
					t.Errorf("%v, want a plan-cycle error at parent = … (line 4)", it)
				}
				if msg := it.Message("en"); !strings.Contains(msg, tt.chains[i]) {
					t.Errorf("%q lacks the chain %q", msg, tt.chains[i])
				}
				if msg := it.Message("vi"); !strings.Contains(msg, "vòng lặp: "+tt.chains[i]) {
					t.Errorf("%q lacks the chain in Vietnamese", msg)
				}
			}
			for _, id := range []string{"a", "b"} {
				_, named := tt.parents[id]
				inCircle := len(tt.chains) > 0
				if got := plans[id].Parent; named && inCircle && got != nil || named && !inCircle && got == nil {
					t.Errorf("plan %s's parent %v (in a circle: %v)", id, got, inCircle)
				}
			}
			if tt.name == "below a circle" && plans["c"].Parent != plans["a"] {
				t.Errorf("plan c lost its parent a: %v", plans["c"].Parent)
			}
		})
	}
}
