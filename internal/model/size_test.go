package model

import (
	"testing"
	"unsafe"
)

// A national site holds ~600,000 results and ~400,000 targets, each with several numbers:
// their sizes bound the build's peak memory (issue 12: ≤ 500 MB at scale 1). The bounds are
// today's sizes (Calc, Credit and Where made them grow from 192 and 208): a new field
// should be weighed against them.
func TestCompactSizes(t *testing.T) {
	tests := []struct {
		name      string
		size, max uintptr
	}{
		{"Num", unsafe.Sizeof(Num{}), 16},
		{"Result", unsafe.Sizeof(Result{}), 264},
		{"Target", unsafe.Sizeof(Target{}), 360},
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
