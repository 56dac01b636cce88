package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/covsite/covsite/internal/build"
	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/load"
)

func init() {
	register(command{name: "build", summary: "check the data, then build the site into --dest atomically", run: runBuild})
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	opts := build.Options{Lang: messageLang()}
	fs.StringVar(&opts.Source, "source", ".", "site directory holding data/ and content/")
	fs.StringVar(&opts.Dest, "dest", "public", "output directory (replaced atomically)")
	fs.StringVar(&opts.BaseURL, "base-url", "", "URL the site is published at (default: base_url of data/site.toml)")
	fs.BoolVar(&opts.Strict, "strict", false, "treat warnings as errors")
	fs.IntVar(&opts.Workers, "workers", 0, "pages rendered at once (default: one per CPU)")
	fs.Int64Var(&opts.MemoryLimit, "memory-limit", 0, "soft limit on the build's Go heap in bytes, -1 for none (default: build.DefaultMemoryLimit; GOMEMLIMIT wins)")
	languages := fs.String("languages", "", "build only these languages' pages, comma-separated (vi,en); for measuring")
	cpuProfile := fs.String("profile-cpu", "", "write a CPU profile of the build to this file (go tool pprof)")
	memProfile := fs.String("profile-mem", "", "write a memory profile of the build to this file (go tool pprof -sample_index=alloc_space)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if opts.BaseURL != "" && !load.ValidBaseURL(opts.BaseURL) {
		fmt.Fprintf(stderr, "covsite build: %s\n", pick(opts.Lang,
			fmt.Sprintf("--base-url %q is not an absolute http(s) address or a path beginning with /; write e.g. --base-url https://example.org/covsite/", opts.BaseURL),
			fmt.Sprintf("--base-url %q không phải là địa chỉ http(s) đầy đủ hay đường dẫn bắt đầu bằng /; viết ví dụ --base-url https://example.org/covsite/", opts.BaseURL)))
		return 2
	}
	stopProfiles, err := startProfiles(*cpuProfile, *memProfile)
	if err != nil {
		fmt.Fprintf(stderr, "covsite build: %v\n", err)
		return 1
	}
	defer stopProfiles()
	if *languages != "" {
		opts.Languages = strings.Split(*languages, ",")
	}
	// SIGTERM (CI cancelling a job, a container stopping) stops the build as Ctrl-C does:
	// the unfinished tree is removed and the destination stays as it was.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	res, err := build.Run(ctx, opts)
	if res.Diagnostics != nil {
		_ = diag.Write(stderr, res.Diagnostics, diag.FormatText, opts.Lang)
	}
	if err != nil {
		if !errors.Is(err, build.ErrInvalid) || res.Diagnostics == nil {
			fmt.Fprintf(stderr, "covsite build: %s\n", diag.Text(err, opts.Lang))
		} else {
			fmt.Fprintf(stderr, "covsite build: %d errors, %d warnings; %s left unchanged\n",
				res.Diagnostics.Count(diag.Error), res.Diagnostics.Count(diag.Warning), opts.Dest)
		}
		return 1
	}
	fmt.Fprintf(stdout, "built %d pages, %d files (%.1f MB, %d unchanged) into %s in %d ms\n",
		res.Pages, res.Files, float64(res.Bytes)/1e6, res.Unchanged, opts.Dest, res.Duration.Milliseconds())
	return 0
}
