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
