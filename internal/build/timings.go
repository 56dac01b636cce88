package build

import (
	"cmp"
	"context"
	"runtime/trace"
	"slices"
	"sync"
	"time"
)

// Phase is a step of a build and when it ended, measured from the build's start
// (Result.Phases; `covsite build --timings` prints them).
type Phase struct {
	Name string
	End  time.Duration
	// CPU is the CPU time (user and system) the process had used when the phase ended,
	// where the system tells it (processCPU), else 0
	CPU time.Duration
}

// clock records when each phase of a build ends, and logs it in a runtime trace when one
// is being taken (`covsite build --trace`). A nil clock records nothing.
type clock struct {
	start  time.Time
	mu     sync.Mutex
	phases []Phase
}

func newClock(start time.Time) *clock { return &clock{start: start} }

// mark records that the phase name ended now.
func (c *clock) mark(name string) {
	if c == nil {
		return
	}
	now, cpu := time.Now(), processCPU()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.phases = append(c.phases, Phase{Name: name, End: now.Sub(c.start), CPU: cpu})
	if trace.IsEnabled() {
		trace.Log(context.Background(), "phase", name)
	}
}

// at records that the phase name ended at t (a step timed by another package; its CPU
// time is not known).
func (c *clock) at(name string, t time.Time) {
	if c == nil || t.IsZero() {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.phases = append(c.phases, Phase{Name: name, End: t.Sub(c.start)})
}

// list is the phases recorded, in the order they ended.
func (c *clock) list() []Phase {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	out := slices.Clone(c.phases)
	slices.SortStableFunc(out, func(a, b Phase) int { return cmp.Compare(a.End, b.End) })
	return out
}
