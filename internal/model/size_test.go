package model

import (
	"os"
	"testing"
	"unsafe"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/load"
)

// A national site holds ~600,000 results and ~400,000 targets, each with several numbers:
// their sizes bound the build's peak memory (issue 12: ≤ 500 MB at scale 1). The bounds are
// today's sizes: what only some carry (a rate of a result, notes, where the figure stands,
// gaps, changes, shares, how the site computed a value) is in their detail, shared when it
// is only their row's or file's (detail.go), the plan's credit is shared by its targets, a
// result or target keeps the line and column of its position, not its file (its source's
// or plan's), its denominator (Base) is a byte, not a string — 64 and 112 bytes, from
// 264 and 360 (288 and 384 as allocated). A new field should be weighed against them: one
// more word puts a Result in the next size class, 80 bytes. A computed figure (~170,000 sums of parts) has a detail of its own: its Calc,
// beside what its row states, shared (detail.go) — 64 bytes, from 192 and 144.
func TestCompactSizes(t *testing.T) {
	tests := []struct {
		name      string
		size, max uintptr
	}{
		{"Num", unsafe.Sizeof(Num{}), 16},
		{"diag.Pos", unsafe.Sizeof(diag.Pos{}), 24},
		{"Result", unsafe.Sizeof(Result{}), 64},
		{"Target", unsafe.Sizeof(Target{}), 112},
		// a computed figure's own detail: its Calc and its row's Stated part
		{"ResultDetail", unsafe.Sizeof(ResultDetail{}), 64},
		{"TargetDetail", unsafe.Sizeof(TargetDetail{}), 64},
	}
	for _, tt := range tests {
		if tt.size > tt.max {
			t.Errorf("%s takes %d bytes, want at most %d", tt.name, tt.size, tt.max)
		}
	}
}

func TestKnownClampsDecimals(t *testing.T) {
	for _, tt := range []struct{ in, want int }{{0, 0}, {2, 2}, {127, 127}, {400, 127}, {-3, -3}} {
		if got := Known(1, tt.in).Decimals; int(got) != tt.want {
			t.Errorf("Known(1, %d).Decimals = %d, want %d", tt.in, got, tt.want)
		}
	}
}

// TestSharedDetails builds the example site: every result and target has a detail; those
// with something of their own (a gap, a change, a share, a rate, a computed value) their
// own, the others a shared one — the empty one, or their file's with their row's where,
// note, change_since or per —, and the build wrote nothing but those into a shared detail.
// A computed figure's own detail shares what its row states unless it states something of
// its own.
func TestSharedDetails(t *testing.T) {
	raw, diags := load.Load(os.DirFS("../.."))
	site, more := Build(raw)
	diags.Merge(more)
	if err := diags.Err("en"); err != nil {
		t.Fatal(err)
	}
	var own, empty, shared, sharedStated int
	for _, r := range site.Results {
		d := r.ResultDetail
		switch {
		case d == nil || d.ResultStated == nil:
			t.Fatalf("%s: result without detail", r.Pos())
		case d == noResultDetail:
			empty++
		case d.shared:
			shared++
			if d.Calc.Computed() || len(d.Calc.Inputs) > 0 || !d.ResultStated.shared {
				t.Errorf("%s: a shared detail was written to: %+v", r.Pos(), *d)
			}
		case d.empty():
			t.Errorf("%s: an empty detail of its own", r.Pos())
		default:
			own++
		}
		st := r.ResultStated
		if st.shared {
			sharedStated++
			if st.Rate.Known || len(st.Shares) > 0 || st.Gap.Known || st.Change.Known {
				t.Errorf("%s: a shared Stated part was written to: %+v", r.Pos(), *st)
			}
		}
		if (r.Derived || r.Rate.Known || r.Gap.Known || r.Change.Known || len(r.Shares) > 0) && d.shared {
			t.Errorf("%s: result with detail %+v shares it", r.Pos(), *d)
		}
		if (r.Rate.Known || r.Gap.Known || r.Change.Known || len(r.Shares) > 0) && st.shared {
			t.Errorf("%s: result stating %+v shares its Stated part", r.Pos(), *st)
		}
		if (r.Note.VI != "" || r.Where.VI != "") && st == noResultDetail.ResultStated {
			t.Errorf("%s: result with a note or a where has the empty Stated part", r.Pos())
		}
	}
	if own == 0 || shared == 0 { // the example's results all say something more; a national site's mostly share the empty one
		t.Errorf("results: %d with their own detail, %d sharing their row's, %d the empty one; the example has both of the first", own, shared, empty)
	}
	if sharedStated <= shared+empty {
		t.Errorf("results: %d share what their row states, no more than the %d sharing a whole detail: no computed result shares its row's", sharedStated, shared+empty)
	}
	own, empty, shared = 0, 0, 0
	for _, tg := range site.Targets {
		d := tg.TargetDetail
		switch {
		case d == nil || d.TargetStated == nil || tg.Credit == nil:
			t.Fatalf("%s: target without detail or credit", tg.Pos())
		case d == noTargetDetail:
			empty++
		case d.shared:
			shared++
			if d.Calc.Computed() || len(d.Calc.Inputs) > 0 || !d.TargetStated.shared || d.ImpliedShare.Known {
				t.Errorf("%s: a shared detail was written to: %+v", tg.Pos(), *d)
			}
		default:
			own++
		}
		if (tg.Derived || tg.Implied) && d.shared {
			t.Errorf("%s: target with detail %+v shares it", tg.Pos(), *d)
		}
		if tg.ImpliedShare.Known && tg.TargetStated.shared {
			t.Errorf("%s: target implied by a share shares its Stated part", tg.Pos())
		}
		if (tg.Note.VI != "" || tg.Per != "" || tg.Where.VI != "") && tg.TargetStated == noTargetDetail.TargetStated {
			t.Errorf("%s: target with a note, per or where has the empty Stated part", tg.Pos())
		}
	}
	if own == 0 || shared == 0 {
		t.Errorf("targets: %d with their own detail, %d sharing their row's, %d the empty one; the example has both of the first", own, shared, empty)
	}
	if !noResultDetail.empty() || !noTargetDetail.empty() {
		t.Errorf("the shared empty details were written to: %+v, %+v", *noResultDetail, *noTargetDetail)
	}
}

// A Base is a byte that says its data name: the name parses back to it, and a name of no
// base parses to none.
func TestBaseNames(t *testing.T) {
	for _, tt := range []struct {
		base Base
		name string
	}{{NoBase, ""}, {Population, "population"}, {LabourForce, "labour_force"}, {Eligible, "eligible"}, {Retired, "retired"}} {
		if got := tt.base.String(); got != tt.name {
			t.Errorf("%d.String() = %q, want %q", tt.base, got, tt.name)
		}
		if b, ok := ParseBase(tt.name); b != tt.base || !ok {
			t.Errorf("ParseBase(%q) = %d, %t", tt.name, b, ok)
		}
	}
	if b, ok := ParseBase("dân số"); ok || b != NoBase {
		t.Errorf(`ParseBase("dân số") = %d, %t; want none`, b, ok)
	}
	if b := baseOf("dân số"); b == NoBase || b.String() != "" {
		t.Errorf(`baseOf("dân số") = %d (%q); want a base of its own, not NoBase`, b, b.String())
	}
}
