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

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/load"
)

// command is one subcommand; each lives in its own file and registers itself.
type command struct {
	name      string
	summary   string // in English
	summaryVI string // in Vietnamese
	run       func(args []string, stdout, stderr io.Writer) int
}

var commands = map[string]command{}

func register(c command) { commands[c.name] = c }

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 2 && args[0] == "help" && commands[args[1]].run != nil {
		args = []string{args[1], "-h"} // covsite help import is covsite import -h
	}
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
		fmt.Fprintf(stderr, diag.W("covsite: không có lệnh %q\n\n", "covsite: unknown command %q\n\n").In(messageLang()), args[0])
		usage(stderr)
		return 2
	}
	return c.run(args[1:], stdout, stderr)
}

func usage(w io.Writer) {
	lang := messageLang()
	fmt.Fprintln(w, diag.W(
		"covsite dựng trang web tĩnh về kế hoạch và kết quả phát triển người tham gia BHXH, BHYT, BHTN.",
		"covsite builds static sites of social-insurance coverage plans and results.").In(lang))
	fmt.Fprintln(w, diag.W("\nCách dùng: covsite <lệnh> [tuỳ chọn]\n\nCác lệnh:", "\nUsage: covsite <command> [flags]\n\nCommands:").In(lang))
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, diag.W(commands[n].summaryVI, commands[n].summary).In(lang))
	}
	fmt.Fprintln(w, diag.W("\nGõ covsite <lệnh> -h để xem các tuỳ chọn của lệnh đó.", "\nRun covsite <command> -h for its flags.").In(lang))
}

// messageLang is the language of messages. COVSITE_LANG decides when set; otherwise the
// locale does, in POSIX order: LC_ALL, then LC_MESSAGES, then LANG — the first that is set
// and not empty. English for en…, Vietnamese for anything else (vi…, C, POSIX, unset).
func messageLang() string {
	if v := os.Getenv("COVSITE_LANG"); v != "" {
		return langOf(v)
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(name); v != "" {
			return langOf(v)
		}
	}
	return "vi"
}

func langOf(v string) string {
	if strings.HasPrefix(v, "en") {
		return "en"
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
		return fmt.Errorf("COVSITE_MAX_FILE_MB=%q: %s", v, diag.W(
			"viết một số nguyên megabyte, ví dụ 200",
			"write a whole number of megabytes, e.g. 200").In(messageLang()))
	}
	load.MaxFileSize = mb << 20
	return nil
}
