// Package gentest generates national datasets for tests and benchmarks: the scale comes from
// COVSITE_BENCH_SCALE (default 1), the indicators from the repository's data/indicators.toml.
package gentest

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/covsite/covsite/internal/gen"
)

// Seed is the seed of every generated benchmark dataset.
const Seed = 1

// Scale returns COVSITE_BENCH_SCALE, or def when it is unset.
func Scale(tb testing.TB, def float64) float64 {
	s := os.Getenv("COVSITE_BENCH_SCALE")
	if s == "" {
		return def
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f <= 0 {
		tb.Fatalf("COVSITE_BENCH_SCALE=%q: want a positive number", s)
	}
	return f
}

// Indicators returns the repository's data/indicators.toml, found by walking up from the
// working directory (a package directory when run by go test).
func Indicators(tb testing.TB) []byte {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			src, err := os.ReadFile(filepath.Join(dir, "data", "indicators.toml"))
			if err != nil {
				tb.Fatal(err)
			}
			return src
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal(errors.New("gentest: no go.mod above the working directory"))
		}
		dir = parent
	}
}

// Site generates a dataset at scale into a new temporary directory, removed when tb ends,
// and returns the directory.
func Site(tb testing.TB, scale float64) string {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "site")
	sum, err := gen.Generate(dir, gen.Options{Scale: scale, Seed: Seed, Indicators: Indicators(tb)})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Logf("generated (scale %g): %s", scale, sum)
	return dir
}
