// Package gentest generates national datasets for tests and benchmarks: the scale comes from
// COVSITE_BENCH_SCALE (default 1), the indicators from the repository's data/indicators.toml.
package gentest

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

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
	// Dated an hour ago, like a site being edited, whose files are older than the save
	// just made: load.Cache trusts their times and does not compare their bytes.
	old := time.Now().Add(-time.Hour)
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return os.Chtimes(p, old, old)
	})
	if err != nil {
		tb.Fatal(err)
	}
	return dir
}

// A Figure is one figure of a generated results file, for benchmarks that edit it as a
// press officer would.
type Figure struct {
	File     string // relative to the site directory: data/results/….toml
	Locality string // the locality of the figure's row
	Line     int    // 0-based line of the figure in the file
	Key      string // the indicator
	Value    int64  // as generated
}

// ResultsFigures returns the first figure of every row of the largest results file of the
// generated site at dir (the province with the most communes; its first row is the
// province itself, the last ones are wards).
func ResultsFigures(tb testing.TB, dir string) []Figure {
	tb.Helper()
	results := filepath.Join(dir, "data", "results")
	entries, err := os.ReadDir(results)
	if err != nil {
		tb.Fatal(err)
	}
	var largest string
	var size int64 = -1
	for _, e := range entries {
		if info, err := e.Info(); err == nil && info.Size() > size {
			largest, size = e.Name(), info.Size()
		}
	}
	file := "data/results/" + largest
	src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(file)))
	if err != nil {
		tb.Fatal(err)
	}
	var out []Figure
	locality, want := "", false
	for i, line := range strings.Split(string(src), "\n") {
		switch key, value, ok := strings.Cut(line, " = "); {
		case line == "[[result]]":
			want = true
		case ok && key == "locality":
			locality = strings.Trim(value, `"`)
		case ok && want && !strings.ContainsAny(key, ".") && key != "as_of" && key != "plan":
			if v, err := strconv.ParseInt(strings.ReplaceAll(value, "_", ""), 10, 64); err == nil {
				out = append(out, Figure{File: file, Locality: locality, Line: i, Key: key, Value: v})
				want = false
			}
		}
	}
	if len(out) == 0 {
		tb.Fatalf("no figure in %s", file)
	}
	return out
}

// Set writes v as the figure's value in the site at dir.
func (f Figure) Set(tb testing.TB, dir string, v int64) {
	tb.Helper()
	name := filepath.Join(dir, filepath.FromSlash(f.File))
	src, err := os.ReadFile(name)
	if err != nil {
		tb.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	lines[f.Line] = f.Key + " = " + strconv.FormatInt(v, 10)
	if err := os.WriteFile(name, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		tb.Fatal(err)
	}
}
