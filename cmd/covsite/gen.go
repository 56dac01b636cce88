package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/covsite/covsite/internal/gen"
)

func init() {
	register(command{name: "gen", summary: "write a synthetic national dataset (for measuring covsite at scale)", run: runGen})
}

func runGen(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "", "directory to write the site into (new or empty)")
	scale := fs.Float64("scale", 1, "size: 1 is the whole country (~10,600 communes before 1/7/2025, ~3,300 since); 0.1 a tenth")
	seed := fs.Uint64("seed", 1, "random seed; the same seed and scale give the same bytes")
	indicators := fs.String("indicators", "data/indicators.toml", "indicators file to copy into the dataset and fill in")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "covsite gen: usage: covsite gen --out DIR [--scale F] [--seed N] [--indicators FILE]")
		return 2
	}
	src, err := os.ReadFile(*indicators)
	if err != nil {
		fmt.Fprintf(stderr, "covsite gen: %v (run from the covsite repository or give --indicators)\n", err)
		return 1
	}
	start := time.Now()
	sum, err := gen.Generate(*out, gen.Options{Scale: *scale, Seed: *seed, Indicators: src})
	if err != nil {
		fmt.Fprintf(stderr, "covsite gen: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %s into %s in %d ms\n", sum, *out, time.Since(start).Milliseconds())
	return 0
}
