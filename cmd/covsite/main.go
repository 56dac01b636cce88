// Command covsite builds static transparency sites of social-insurance coverage plans and
// results from TOML data and Markdown narratives.
//
//	covsite build  [--source DIR] [--dest DIR] [--base-url URL]
//	covsite check  [--source DIR] [--format text|github|json] [--strict]
//
// Run "covsite help" for every command.
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/covsite/covsite/internal/load"
)

// command is one subcommand; each lives in its own file and registers itself.
type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

var commands = map[string]command{}

func register(c command) { commands[c.name] = c }

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		return 0
	}
	if err := setLimits(); err != nil {
		fmt.Fprintf(stderr, "covsite: %v\n", err)
		return 2
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "covsite: unknown command %q\n\n", args[0])
		usage(stderr)
		return 2
	}
	return c.run(args[1:], stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "covsite builds static sites of social-insurance coverage plans and results.")
	fmt.Fprintln(w, "\nUsage: covsite <command> [flags]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun covsite <command> -h for its flags.")
}

// messageLang is the language of messages: COVSITE_LANG, else LANG, else Vietnamese.
func messageLang() string {
	for _, v := range []string{os.Getenv("COVSITE_LANG"), os.Getenv("LANG")} {
		switch {
		case strings.HasPrefix(v, "en"):
			return "en"
		case strings.HasPrefix(v, "vi"):
			return "vi"
		}
	}
	return "vi"
}

// setLimits applies COVSITE_MAX_FILE_MB, the largest data or content file read (64 by default).
func setLimits() error {
	v := os.Getenv("COVSITE_MAX_FILE_MB")
	if v == "" {
		load.MaxFileSize = load.DefaultMaxFileSize
		return nil
	}
	mb, err := strconv.ParseInt(v, 10, 64)
	if err != nil || mb < 1 || mb > 1<<20 {
		return fmt.Errorf("COVSITE_MAX_FILE_MB=%q: %s", v, pick(messageLang(),
			"write a whole number of megabytes, e.g. 200", "viết một số nguyên megabyte, ví dụ 200"))
	}
	load.MaxFileSize = mb << 20
	return nil
}
