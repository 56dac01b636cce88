package render_test

import (
	"syscall"
	"testing"
	"time"
)

// threadCPU is the CPU time (user and system) the calling thread has used: the
// benchmark's goroutine is locked to it, and the collector's background workers run on
// other threads.
func threadCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// rusageThread is Linux's RUSAGE_THREAD: getrusage of the calling thread only.
const rusageThread = 1
