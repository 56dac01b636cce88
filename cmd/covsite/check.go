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
	if err := fs.Parse(args); err != nil {
		return 2
	}
	f, err := diag.ParseFormat(*format)
	if err != nil {
		fmt.Fprintf(stderr, "covsite check: %v\n", err)
		return 2
	}
	_, diags := build.Check(*source)
	if err := diag.Write(stdout, diags, f, *lang); err != nil {
		fmt.Fprintf(stderr, "covsite check: %v\n", err)
		return 2
	}
	errs, warns := diags.Count(diag.Error), diags.Count(diag.Warning)
	if f == diag.FormatText {
		fmt.Fprintf(stdout, "%d errors, %d warnings\n", errs, warns)
	}
	if errs > 0 || (*strict && warns > 0) {
		return 1
	}
	return 0
}
