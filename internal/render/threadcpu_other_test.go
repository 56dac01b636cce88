//go:build !linux

package render_test

import (
	"testing"
	"time"
)

// threadCPU is 0 where a thread's CPU time is not at hand: the benchmarks then report
// their wall time only.
func threadCPU(*testing.B) time.Duration { return 0 }
