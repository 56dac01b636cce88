package build

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
)

// The build sets the soft memory limit asked for, for its own duration, and restores the
// previous one; a limit already set (GOMEMLIMIT) wins; without either, a build without a
// cache starts with DefaultMemoryLimit and one with a cache without a limit (fitMemory sets
// the default once the site is checked).
func TestLimitMemory(t *testing.T) {
	orig := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(orig) })
	tests := []struct {
		name          string
		before, limit int64
		cached        bool
		during        int64
		byDefault     bool
	}{
		{"default", math.MaxInt64, 0, false, DefaultMemoryLimit, true},
		{"default, with a cache: set once checked", math.MaxInt64, 0, true, math.MaxInt64, true},
		{"asked for", math.MaxInt64, 300 << 20, false, 300 << 20, false},
		{"none", math.MaxInt64, -1, false, math.MaxInt64, false},
		{"GOMEMLIMIT wins over the option", 1 << 30, 300 << 20, false, 1 << 30, false},
		{"GOMEMLIMIT wins over the default", 1 << 30, 0, false, 1 << 30, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			debug.SetMemoryLimit(tt.before)
			restore, byDefault := limitMemory(tt.limit, tt.cached)
			if got := debug.SetMemoryLimit(-1); got != tt.during {
				t.Errorf("during the build the limit is %d, want %d", got, tt.during)
			}
			if byDefault != tt.byDefault {
				t.Errorf("byDefault = %v, want %v", byDefault, tt.byDefault)
			}
			restore()
			if got := debug.SetMemoryLimit(-1); got != tt.before {
				t.Errorf("after the build the limit is %d, want %d as before", got, tt.before)
			}
		})
	}
}

// Once the site is checked, the default limit is at least twice the live heap, and a
// rebuild that keeps pages has none.
func TestFitMemory(t *testing.T) {
	orig := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(orig) })
	keep := make([]byte, DefaultMemoryLimit/2+(64<<20)) // more than half the default, live
	for i := range keep {
		keep[i] = byte(i)
	}
	debug.SetMemoryLimit(DefaultMemoryLimit)
	runtime.GC() // liveHeap is what the last collection found
	fitMemory(false)
	if got := debug.SetMemoryLimit(-1); got < 2*int64(len(keep)) {
		t.Errorf("with %d bytes live the limit is %d, want at least twice that", len(keep), got)
	}
	keep[len(keep)-1]++
	fitMemory(true)
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("a rebuild's limit is %d, want none", got)
	}
	keep = nil
	runtime.GC()
	fitMemory(false)
	if got := debug.SetMemoryLimit(-1); got != DefaultMemoryLimit {
		t.Errorf("with little live the limit is %d, want the default %d", got, DefaultMemoryLimit)
	}
}
