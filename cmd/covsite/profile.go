package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
)

// startProfiles starts a CPU profile into cpuPath and an execution trace into tracePath, and
// arranges a memory profile into memPath (any may be empty); the returned function stops
// and writes them. The memory profile is written after the build, so what it holds in use
// is little: its allocations (-sample_index=alloc_space) are what it shows.
func startProfiles(cpuPath, memPath, tracePath string) (stop func(), err error) {
	stop = func() {}
	if tracePath != "" {
		f, err := os.Create(tracePath)
		if err != nil {
			return stop, fmt.Errorf("trace: %w", err)
		}
		if err := trace.Start(f); err != nil {
			f.Close()
			return stop, fmt.Errorf("trace: %w", err)
		}
		stop = func() { trace.Stop(); f.Close() }
	}
	if cpuPath != "" {
		f, err := os.Create(cpuPath)
		if err != nil {
			stop()
			return func() {}, fmt.Errorf("CPU profile: %w", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			stop()
			return func() {}, fmt.Errorf("CPU profile: %w", err)
		}
		stopTrace := stop
		stop = func() { pprof.StopCPUProfile(); f.Close(); stopTrace() }
	}
	if memPath == "" {
		return stop, nil
	}
	stopCPU := stop
	return func() {
		stopCPU()
		if err := writeHeapProfile(memPath); err != nil {
			fmt.Fprintf(os.Stderr, "heap profile: %v\n", err)
		}
	}, nil
}

func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	runtime.GC()
	return pprof.WriteHeapProfile(f)
}
