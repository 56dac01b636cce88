package build

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
)

// The build sets the soft memory limit asked for, for its own duration, and restores the
// previous one; a limit already set (GOMEMLIMIT) wins; without either, a build without a
// cache starts with DefaultMemoryLimit and one with a cache without a limit (fitMemory sets
// the default once the site is checked). Under the default limit the collector is paced at
// limitedGCPercent unless GOGC says otherwise; the pacing is restored after.
func TestLimitMemory(t *testing.T) {
	orig := debug.SetMemoryLimit(-1)
	origPercent := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetMemoryLimit(orig); debug.SetGCPercent(origPercent) })
	tests := []struct {
		name          string
		before, limit int64
		cached        bool
		gogc          string
		during        int64
		percent       int
		byDefault     bool
	}{
		{"default", math.MaxInt64, 0, false, "", DefaultMemoryLimit, limitedGCPercent, true},
		{"default, GOGC set", math.MaxInt64, 0, false, "100", DefaultMemoryLimit, 100, true},
		{"default, with a cache: set once checked", math.MaxInt64, 0, true, "", math.MaxInt64, 100, true},
		{"asked for", math.MaxInt64, 300 << 20, false, "", 300 << 20, 100, false},
		{"none", math.MaxInt64, -1, false, "", math.MaxInt64, 100, false},
		{"GOMEMLIMIT wins over the option", 1 << 30, 300 << 20, false, "", 1 << 30, 100, false},
		{"GOMEMLIMIT wins over the default", 1 << 30, 0, false, "", 1 << 30, 100, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("GOGC", tt.gogc)
			debug.SetMemoryLimit(tt.before)
			restore, byDefault := limitMemory(tt.limit, tt.cached)
			if got := debug.SetMemoryLimit(-1); got != tt.during {
				t.Errorf("during the build the limit is %d, want %d", got, tt.during)
			}
			if got := debug.SetGCPercent(-1); got != tt.percent {
				t.Errorf("during the build GOGC is %d, want %d", got, tt.percent)
			} else {
				debug.SetGCPercent(got)
			}
			if byDefault != tt.byDefault {
				t.Errorf("byDefault = %v, want %v", byDefault, tt.byDefault)
			}
			restore()
			if got := debug.SetMemoryLimit(-1); got != tt.before {
				t.Errorf("after the build the limit is %d, want %d as before", got, tt.before)
			}
			if got := debug.SetGCPercent(100); got != 100 {
				t.Errorf("after the build GOGC is %d, want 100 as before", got)
			}
		})
	}
}

// Once the site is checked, the default limit is at least twice the live heap, and a
// rebuild that keeps pages has none.
func TestFitMemory(t *testing.T) {
	orig := debug.SetMemoryLimit(-1)
	origPercent := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetMemoryLimit(orig); debug.SetGCPercent(origPercent) })
	t.Setenv("GOGC", "")
	keep := make([]byte, DefaultMemoryLimit/2+(64<<20)) // more than half the default, live
	for i := range keep {
		keep[i] = byte(i)
	}
	debug.SetMemoryLimit(DefaultMemoryLimit)
	runtime.GC() // liveHeap is what the last collection found
	fitMemory(false, -1)
	if got := debug.SetMemoryLimit(-1); got < 2*int64(len(keep)) {
		t.Errorf("with %d bytes live the limit is %d, want at least twice that", len(keep), got)
	}
	if got := debug.SetGCPercent(100); got != limitedGCPercent {
		t.Errorf("under the limit GOGC is %d, want %d", got, limitedGCPercent)
	}
	keep[len(keep)-1]++
	fitMemory(true, -1)
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("a rebuild's limit is %d, want none", got)
	}
	keep = nil
	runtime.GC()
	fitMemory(false, -1)
	if got := debug.SetMemoryLimit(-1); got != DefaultMemoryLimit {
		t.Errorf("with little live the limit is %d, want the default %d", got, DefaultMemoryLimit)
	}
	// a live heap measured before (measureLive, once the model is built) is taken as it is
	fitMemory(false, DefaultMemoryLimit)
	if got := debug.SetMemoryLimit(-1); got != 2*DefaultMemoryLimit {
		t.Errorf("with the default's size measured live the limit is %d, want %d", got, 2*DefaultMemoryLimit)
	}
}

// measureLive collects only when the last collection's live heap could make the limit more
// than the default: it counts what was allocated during its mark as live, never less than is.
func TestMeasureLiveCollectsOnlyWhenItCounts(t *testing.T) {
	cycles := func() uint64 {
		s := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
		metrics.Read(s)
		return s[0].Value.Uint64()
	}
	runtime.GC()
	before := cycles()
	if live := measureLive(); live <= 0 || 2*live >= DefaultMemoryLimit {
		t.Fatalf("live heap of a test: %d bytes", live)
	}
	if n := cycles() - before; n != 0 {
		t.Errorf("with little live measureLive collected %d times, want none", n)
	}
	keep := make([]byte, DefaultMemoryLimit/2+(64<<20))
	for i := range keep {
		keep[i] = byte(i)
	}
	runtime.GC()
	before = cycles()
	if live := measureLive(); live < int64(len(keep)) {
		t.Errorf("with %d bytes live measureLive = %d", len(keep), live)
	}
	if n := cycles() - before; n == 0 {
		t.Error("with more than half the default live measureLive did not collect")
	}
	keep[len(keep)-1]++
}
