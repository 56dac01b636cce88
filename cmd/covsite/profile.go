package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

// startProfiles starts a CPU profile into cpuPath and arranges a memory profile into memPath
// (either may be empty); the returned function stops and writes them. The memory profile
// is written after the build, so what it holds in use is little: its allocations
// (-sample_index=alloc_space) are what it shows.
func startProfiles(cpuPath, memPath string) (stop func(), err error) {
	stop = func() {}
	if cpuPath != "" {
		f, err := os.Create(cpuPath)
		if err != nil {
			return stop, fmt.Errorf("CPU profile: %w", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return stop, fmt.Errorf("CPU profile: %w", err)
		}
		stop = func() { pprof.StopCPUProfile(); f.Close() }
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
