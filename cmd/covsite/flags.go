package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"

	"github.com/covsite/covsite/internal/diag"
)

// flagSet is a command's flags, with their help and the errors of parsing them in the
// user's language: `covsite build -h` and `covsite build --nope` speak Vietnamese too.
type flagSet struct {
	*flag.FlagSet
	lang  string
	usage string // the command line, as "covsite build [--source THƯ-MỤC] …"
}

// newFlags returns the flags of command name; usage is its command line in lang.
func newFlags(name, lang, usage string) *flagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // parse reports errors itself, in lang
	fs.Usage = func() {}
	return &flagSet{FlagSet: fs, lang: lang, usage: usage}
}

// t picks the English or the Vietnamese text.
func (f *flagSet) t(en, vi string) string { return diag.W(vi, en).In(f.lang) }

// printUsage writes the command line and every flag with its help and default.
func (f *flagSet) printUsage(w io.Writer) {
	fmt.Fprintf(w, "%s: %s\n", f.t("usage", "cách dùng"), f.usage)
	n := 0
	f.VisitAll(func(*flag.Flag) { n++ })
	if n == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s:\n", f.t("flags", "tuỳ chọn"))
	f.VisitAll(func(fl *flag.Flag) {
		line := "  --" + fl.Name
		if def := fl.DefValue; def != "" && def != "false" && def != "0" {
			line += fmt.Sprintf(" (%s %s)", f.t("default", "mặc định"), def)
		}
		fmt.Fprintf(w, "%s\n      %s\n", line, fl.Usage)
	})
}

// parse parses args, flags and positional arguments in any order, and returns the
// positional ones. On -h it prints the usage to stdout and returns code 0; on a mistake it
// explains it on stderr, in the user's language, with the usage, and returns code 2.
func (f *flagSet) parse(args []string, stdout, stderr io.Writer) (positional []string, ok bool, code int) {
	for {
		err := f.Parse(args)
		switch {
		case errors.Is(err, flag.ErrHelp):
			f.printUsage(stdout)
			return nil, false, 0
		case err != nil:
			fmt.Fprintf(stderr, "covsite %s: %s\n\n", f.Name(), f.flagError(err))
			f.printUsage(stderr)
			return nil, false, 2
		}
		if f.NArg() == 0 {
			return positional, true, 0
		}
		positional = append(positional, f.Arg(0))
		args = f.Args()[1:]
	}
}

// parseNoArgs is parse for a command that takes flags only.
func (f *flagSet) parseNoArgs(args []string, stdout, stderr io.Writer) (ok bool, code int) {
	extra, ok, code := f.parse(args, stdout, stderr)
	if ok && len(extra) > 0 {
		fmt.Fprintf(stderr, "covsite %s: %s %q\n\n", f.Name(), f.t("unexpected argument", "thừa tham số"), extra[0])
		f.printUsage(stderr)
		return false, 2
	}
	return ok, code
}

// flagErrors are the flag package's messages and what they say in Vietnamese and English.
var flagErrors = []struct {
	pattern *regexp.Regexp
	vi, en  string
}{
	{regexp.MustCompile(`^flag provided but not defined: -(.+)$`), "không có tuỳ chọn --${1}", "there is no option --${1}"},
	{regexp.MustCompile(`^flag needs an argument: -(.+)$`), "tuỳ chọn --${1} cần một giá trị, như --${1} GIÁ-TRỊ", "the option --${1} needs a value: --${1} VALUE"},
	{regexp.MustCompile(`^invalid boolean value "(.*)" for -(.+?): .*$`), "--${2}=${1}: chỉ viết --${2} (bật) hoặc --${2}=false (tắt)", "--${2}=${1}: write --${2} (on) or --${2}=false (off)"},
	{regexp.MustCompile(`^invalid value "(.*)" for flag -(.+?): .*$`), "giá trị \"${1}\" không dùng được cho --${2}", "\"${1}\" is not a value --${2} takes"},
	{regexp.MustCompile(`^bad flag syntax: (.*)$`), "tuỳ chọn viết sai: ${1} (viết như --source .)", "a badly written option: ${1} (write it like --source .)"},
}

// flagError says err of the flag package in the user's language.
func (f *flagSet) flagError(err error) string {
	msg := err.Error()
	for _, fe := range flagErrors {
		if m := fe.pattern.FindStringSubmatchIndex(msg); m != nil {
			return string(fe.pattern.ExpandString(nil, f.t(fe.en, fe.vi), msg, m))
		}
	}
	return msg
}
