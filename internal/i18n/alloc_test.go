package i18n_test

import (
	"testing"

	"github.com/covsite/covsite/internal/i18n"
)

// sink keeps what the tests below make, so the compiler cannot drop it.
var sink int

// TestAppendTAllocatesNothing calls AppendT and AppendTB from another package, as the views
// do, with buffers on the caller's stack: filling a text into them allocates nothing.
// Inlined into a caller of another package, their call of a generic function was opaque to
// that package's escape analysis, and the caller's buffers and the arguments' array went
// to the heap — three allocations a call.
func TestAppendTAllocatesNothing(t *testing.T) {
	l := i18n.New("vi", map[string]string{"k": "đạt %s chỉ tiêu (theo %s)"})
	cases := map[string]func(){
		"AppendT": func() {
			var buf [64]byte
			sink += len(l.AppendT(buf[:0], "k", "85 %", "49/KH-BCĐ"))
		},
		"AppendTB": func() {
			var buf, scratch [64]byte
			sink += len(l.AppendTB(buf[:0], "k", l.AppendPercent(scratch[:0], 85.3, 2), []byte("49/KH-BCĐ")))
		},
	}
	for name, fill := range cases {
		if n := testing.AllocsPerRun(100, fill); n != 0 {
			t.Errorf("%s: %v allocations a call, want 0", name, n)
		}
	}
}
