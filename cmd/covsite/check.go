package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/covsite/covsite/internal/build"
	"github.com/covsite/covsite/internal/diag"
)

func init() {
	register(command{name: "check", summary: "validate data and content; report every problem with file:line:col", run: runCheck})
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	source := fs.String("source", ".", "site directory holding data/ and content/")
	format := fs.String("format", "text", "output: text, github (Actions annotations) or json")
	strict := fs.Bool("strict", false, "fail on warnings too")
	lang := fs.String("lang", messageLang(), "language of messages: vi or en")
	cacheDir := fs.String("cache-dir", "", "decode through the build cache in this directory and fill it (as build does; e.g. "+build.DefaultCacheDir+")")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	f, err := diag.ParseFormat(*format)
	if err != nil {
		fmt.Fprintf(stderr, "covsite check: %v\n", err)
		return 2
	}
	if *lang != "vi" && *lang != "en" {
		fmt.Fprintf(stderr, "covsite check: unknown language %q: use vi or en\n", *lang)
		return 2
	}
	var diags *diag.List
	if *cacheDir != "" {
		_, d, notices := build.CheckCached(*source, *cacheDir)
		diags = d
		for _, n := range notices {
			fmt.Fprintf(stderr, "covsite check: %s\n", n.In(*lang))
		}
	} else {
		_, diags = build.Check(*source)
	}
	if err := diag.Write(stdout, diags, f, *lang); err != nil {
		fmt.Fprintf(stderr, "covsite check: %v\n", err)
		return 2
	}
	if f == diag.FormatText {
		fmt.Fprintln(stdout, diags.Summary(*lang))
	}
	if diags.HasErrors() || (*strict && diags.Count(diag.Warning) > 0) {
		return 1
	}
	return 0
}
