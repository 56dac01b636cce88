package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/covsite/covsite/internal/build"
	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/scaffold"
)

func init() {
	register(command{name: "new", summary: `start a file: new update "Tiêu đề" | new result --locality ID --date YYYY-MM-DD`, run: runNew})
}

// now is the clock of `covsite new`; tests replace it.
var now = time.Now

func runNew(args []string, stdout, stderr io.Writer) int {
	lang := messageLang()
	if len(args) == 0 {
		fmt.Fprintln(stderr, pick(lang,
			`covsite new: say what to create: covsite new update "Title" or covsite new result --locality ID --date YYYY-MM-DD`,
			`covsite new: hãy nói cần tạo gì: covsite new update "Tiêu đề" hoặc covsite new result --locality ID --date YYYY-MM-DD`))
		return 2
	}
	switch args[0] {
	case "update":
		return newUpdate(args[1:], stdout, stderr, lang)
	case "result":
		return newResult(args[1:], stdout, stderr, lang)
	}
	fmt.Fprintf(stderr, "covsite new: %q? %s\n", args[0], pick(lang, "use update or result", "dùng update hoặc result"))
	return 2
}

// parseInterspersed parses flags that may come before or after positional arguments and
// returns the positional ones.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return positional, nil
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func newUpdate(args []string, stdout, stderr io.Writer, lang string) int {
	fs := flag.NewFlagSet("new update", flag.ContinueOnError)
	fs.SetOutput(stderr)
	source := fs.String("source", ".", "site directory holding data/ and content/")
	day := fs.String("date", "", "date of the update, YYYY-MM-DD (default: today)")
	docLang := fs.String("lang", "vi", "language of the update: vi, or en for the English version (slug.en.md)")
	slug := fs.String("slug", "", "the update's address (default: made from the title); an English version uses its Vietnamese one's")
	titles, err := parseInterspersed(fs, args)
	if err != nil {
		return 2
	}
	if len(titles) != 1 || (*docLang != "vi" && *docLang != "en") {
		fmt.Fprintln(stderr, pick(lang, `usage: covsite new update "Title" [--date YYYY-MM-DD] [--lang vi|en] [--slug ADDRESS]`,
			`cách dùng: covsite new update "Tiêu đề" [--date YYYY-MM-DD] [--lang vi|en] [--slug ĐỊA-CHỈ] (tiêu đề đặt trong dấu ngoặc kép)`))
		return 2
	}
	d, ok := dateFlag(*day, stderr, lang)
	if !ok {
		return 2
	}
	rel, err := scaffold.NewUpdate(*source, scaffold.Update{Title: titles[0], Date: d, Lang: *docLang, Slug: *slug}, lang)
	if err != nil {
		return reportNewError(stderr, err)
	}
	fmt.Fprintf(stdout, pick(lang, "created %s — write the update, then preview it with: covsite serve\n",
		"đã tạo %s — viết nội dung bài, rồi xem trước bằng: covsite serve\n"), rel)
	return 0
}

// dateFlag reads a --date value; empty means today by the clock.
func dateFlag(s string, stderr io.Writer, lang string) (date.Date, bool) {
	if s == "" {
		return date.Of(now()), true
	}
	d, err := date.Parse(s)
	if err != nil {
		fmt.Fprintf(stderr, "covsite new: %s\n", badDate("--date", s, lang))
		return date.Date{}, false
	}
	return d, true
}

func newResult(args []string, stdout, stderr io.Writer, lang string) int {
	fs := flag.NewFlagSet("new result", flag.ContinueOnError)
	fs.SetOutput(stderr)
	source := fs.String("source", ".", "site directory holding data/ and content/")
	locality := fs.String("locality", "", "id of the locality the results are for (see data/localities/)")
	day := fs.String("date", "", "the date the figures are as of, YYYY-MM-DD (default: today)")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return 2
	}
	if *locality == "" || len(rest) > 0 {
		fmt.Fprintln(stderr, pick(lang, "usage: covsite new result --locality ID --date YYYY-MM-DD",
			"cách dùng: covsite new result --locality ID --date YYYY-MM-DD"))
		return 2
	}
	d, ok := dateFlag(*day, stderr, lang)
	if !ok {
		return 2
	}
	site, diags := build.Check(*source)
	rel, err := scaffold.NewResult(*source, site, scaffold.Result{Locality: strings.TrimSpace(*locality), AsOf: d}, lang)
	if err != nil {
		if diags.HasErrors() {
			fmt.Fprintf(stderr, pick(lang, "covsite new: note: the site has %d errors; run covsite check\n",
				"covsite new: lưu ý: dữ liệu đang có %d lỗi; chạy covsite check để xem\n"), diags.Count(diag.Error))
		}
		return reportNewError(stderr, err)
	}
	fmt.Fprintf(stdout, pick(lang, "created %s — fill in [source] and the figures, then run: covsite check\n",
		"đã tạo %s — điền [source] và các con số, rồi chạy: covsite check\n"), rel)
	return 0
}

func reportNewError(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "covsite new: %v\n", err)
	return 1
}
