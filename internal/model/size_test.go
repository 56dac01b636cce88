package model

import (
	"os"
	"testing"
	"unsafe"

	"github.com/covsite/covsite/internal/load"
)

// A national site holds ~600,000 results and ~400,000 targets, each with several numbers:
// their sizes bound the build's peak memory (issue 12: ≤ 500 MB at scale 1). The bounds are
// today's sizes: what only some carry (notes, gaps, changes, shares, how the site computed
// a value) is in their detail, the plan's credit is shared by its targets — 136 and 184
// bytes (144 and 192 allocated), from 264 and 360 (288 and 384). A new field should be
// weighed against them.
func TestCompactSizes(t *testing.T) {
	tests := []struct {
		name      string
		size, max uintptr
	}{
		{"Num", unsafe.Sizeof(Num{}), 16},
		{"Result", unsafe.Sizeof(Result{}), 136},
		{"Target", unsafe.Sizeof(Target{}), 184},
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

// TestSharedDetails builds the example site: every result and target has a detail, those
// with something to keep (a note, a gap, a change, a share, a computed value) their own, the
// others the shared empty one, which the build left empty.
func TestSharedDetails(t *testing.T) {
	raw, diags := load.Load(os.DirFS("../.."))
	site, more := Build(raw)
	diags.Merge(more)
	if err := diags.Err("en"); err != nil {
		t.Fatal(err)
	}
	var own, shared int
	for _, r := range site.Results {
		switch {
		case r.ResultDetail == nil:
			t.Fatalf("%s: result without detail", r.Pos)
		case r.ResultDetail == noResultDetail:
			shared++
		case r.ResultDetail.empty():
			t.Errorf("%s: an empty detail of its own", r.Pos)
		default:
			own++
		}
		if (r.Derived || r.Note.VI != "" || r.Gap.Known || r.Change.Known || len(r.Shares) > 0) && r.ResultDetail == noResultDetail {
			t.Errorf("%s: result with detail %+v shares the empty one", r.Pos, *r.ResultDetail)
		}
	}
	if own == 0 { // the example's results all say something more; a national site's mostly share
		t.Errorf("results: %d with their own detail, %d sharing; the example has some of their own", own, shared)
	}
	own, shared = 0, 0
	for _, tg := range site.Targets {
		switch {
		case tg.TargetDetail == nil || tg.Credit == nil:
			t.Fatalf("%s: target without detail or credit", tg.Pos)
		case tg.TargetDetail == noTargetDetail:
			shared++
		default:
			own++
		}
		if (tg.Derived || tg.Implied || tg.Note.VI != "" || tg.Per != "") && tg.TargetDetail == noTargetDetail {
			t.Errorf("%s: target with detail %+v shares the empty one", tg.Pos, *tg.TargetDetail)
		}
	}
	if own == 0 || shared == 0 {
		t.Errorf("targets: %d with their own detail, %d sharing; the example has both", own, shared)
	}
	if !noResultDetail.empty() || !noTargetDetail.empty() {
		t.Errorf("the shared empty details were written to: %+v, %+v", *noResultDetail, *noTargetDetail)
	}
}
