package build

import (
	"math"
	"runtime/debug"
	"testing"
)

// The build sets the soft memory limit asked for, for its own duration, and restores the
// previous one; a limit already set (GOMEMLIMIT) wins, and none is set unless asked for.
func TestLimitMemory(t *testing.T) {
	orig := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(orig) })
	tests := []struct {
		name          string
		before, limit int64
		during        int64
	}{
		{"default: none", math.MaxInt64, 0, math.MaxInt64},
		{"asked for", math.MaxInt64, 300 << 20, 300 << 20},
		{"none", math.MaxInt64, -1, math.MaxInt64},
		{"GOMEMLIMIT wins over the option", 1 << 30, 300 << 20, 1 << 30},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			debug.SetMemoryLimit(tt.before)
			restore := limitMemory(tt.limit)
			if got := debug.SetMemoryLimit(-1); got != tt.during {
				t.Errorf("during the build the limit is %d, want %d", got, tt.during)
			}
			restore()
			if got := debug.SetMemoryLimit(-1); got != tt.before {
				t.Errorf("after the build the limit is %d, want %d as before", got, tt.before)
			}
		})
	}
}
