package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/importer"
)

func init() {
	register(command{name: "import", summary: "turn a CSV/XLSX table into plan targets (--plan) or results (--result)", run: runImport})
}

// importFlags are the flags of `covsite import` that need checking after parsing.
type importFlags struct {
	result, published string
}

func runImport(args []string, stdout, stderr io.Writer) int {
	lang := messageLang()
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	opts := importer.Options{Lang: lang, Stdout: stdout}
	var f importFlags
	fs.StringVar(&opts.Source, "site", ".", "site directory holding data/ and content/")
	fs.StringVar(&opts.Parent, "parent", "", "id of the locality the table's rows are below; the total row is written for it")
	fs.StringVar(&opts.Plan, "plan", "", "import targets into data/plans/ID.toml (created, or added to)")
	fs.StringVar(&opts.Period, "period", "", "period of the targets, e.g. 2023 (default: the plan's)")
	fs.StringVar(&opts.Title, "title", "", "title of a new plan")
	fs.StringVar(&opts.Issuer, "issuer", "", "who issued a new plan")
	fs.StringVar(&opts.Number, "number", "", "number of a new plan, e.g. 49/KH-BCĐ")
	fs.StringVar(&f.result, "result", "", "import results as of this date, YYYY-MM-DD, into data/results/")
	fs.StringVar(&opts.Report, "source", "", "the document the results come from (its title)")
	fs.StringVar(&opts.Publisher, "publisher", "", "who published that document")
	fs.StringVar(&opts.Kind, "kind", "report", "kind of document: report, news, conference or decision")
	fs.StringVar(&f.published, "published", "", "when the document was published, YYYY-MM-DD (default: --result)")
	fs.StringVar(&opts.Out, "out", "", "file to write, relative to --site; - prints it instead")
	fs.BoolVar(&opts.Force, "force", false, "replace an existing results file, or change figures a plan already has")
	fs.BoolVar(&opts.SkipUnknown, "skip-unknown", false, "import the rows that match even if some names match no locality")
	fs.BoolVar(&opts.DryRun, "dry-run", false, "only show how each row of the table matches a locality, with its figures; write nothing")
	sheet := fs.String("sheet", "", "XLSX sheet to read (default: the first)")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return 2
	}
	if !validImportRequest(files, &opts, f, stderr) {
		return 2
	}
	return doImport(files[0], *sheet, opts, stdout, stderr)
}

// validImportRequest checks the combination of arguments and fills in the dates.
func validImportRequest(files []string, opts *importer.Options, f importFlags, stderr io.Writer) bool {
	lang := opts.Lang
	usage := pick(lang,
		`usage: covsite import FILE.csv|FILE.xlsx --parent ID (--plan ID [--period 2023] | --result YYYY-MM-DD --source "…") [--out FILE] [--force]`,
		`cách dùng: covsite import TỆP.csv|TỆP.xlsx --parent ID (--plan ID [--period 2023] | --result YYYY-MM-DD --source "…") [--out TỆP] [--force]`)
	if len(files) != 1 || (opts.Plan == "") == (f.result == "") {
		fmt.Fprintln(stderr, usage)
		return false
	}
	for _, d := range []struct {
		flag, value string
		into        *date.Date
	}{{"--result", f.result, &opts.Result}, {"--published", f.published, &opts.Published}} {
		if d.value == "" {
			continue
		}
		v, err := date.Parse(d.value)
		if err != nil {
			fmt.Fprintf(stderr, "covsite import: %s %v — %s\n", d.flag, err, pick(lang, "write it as 2023-06-30", "viết như 2023-06-30"))
			return false
		}
		*d.into = v
	}
	if f.result != "" && opts.Parent == "" {
		fmt.Fprintln(stderr, usage)
		return false
	}
	return true
}

func doImport(file, sheet string, opts importer.Options, stdout, stderr io.Writer) int {
	start := time.Now()
	t, err := importer.ReadFile(file, sheet)
	if err != nil {
		fmt.Fprintf(stderr, "covsite import: %s\n", importer.ReadErrorText(file, err, opts.Lang))
		return 1
	}
	read := time.Since(start)
	opts.Now, opts.FileName = now(), filepath.Base(file)
	rep, err := importer.Import(t, opts)
	if rep != nil && len(rep.Matches) > 0 {
		show := stdout
		if opts.Out == "-" {
			show = stderr // stdout is the file
		}
		importer.WriteMatches(show, rep, opts.FileName, opts.Lang)
	}
	if rep != nil {
		for _, w := range rep.Warnings {
			fmt.Fprintf(stderr, "%s: %s\n", pick(opts.Lang, "warning", "cảnh báo"), w.Text())
		}
	}
	var probs importer.Problems
	switch {
	case errors.As(err, &probs):
		for _, p := range probs {
			fmt.Fprintf(stderr, "%s: %s\n", pick(opts.Lang, "error", "lỗi"), p.Text())
		}
		return 1
	case err != nil:
		fmt.Fprintf(stderr, "covsite import: %v\n", err)
		return 1
	}
	if opts.DryRun {
		fmt.Fprintln(stdout, pick(opts.Lang, "--dry-run: nothing was written", "--dry-run: chưa ghi gì"))
		return 0
	}
	if rep.Path != "-" {
		printImported(stdout, rep, opts.Lang, read, time.Since(start))
	}
	return 0
}

func printImported(w io.Writer, rep *importer.Report, lang string, read, total time.Duration) {
	verb := pick(lang, "updated", "đã cập nhật")
	if rep.Added == 0 && len(rep.Changed) == 0 {
		fmt.Fprintf(w, pick(lang, "%s already has all %d figures of the table; nothing to change\n",
			"%s đã có đủ %d số của bảng; không cần sửa gì\n"), rep.Path, rep.Unchanged)
		return
	}
	if rep.Created {
		verb = pick(lang, "created", "đã tạo")
	}
	fmt.Fprintf(w, pick(lang, "%s %s: %d rows, columns %s; %d figures added, %d changed, %d already there (read %d ms, total %d ms)\n",
		"%s %s: %d dòng, các cột %s; %d số mới, %d số thay đổi, %d số đã có sẵn (đọc bảng %d ms, tổng %d ms)\n"),
		verb, rep.Path, rep.Rows, strings.Join(rep.Keys, ", "), rep.Added, len(rep.Changed), rep.Unchanged,
		read.Milliseconds(), total.Milliseconds())
	for _, c := range rep.Changed {
		fmt.Fprintf(w, "  %s\n", c)
	}
	fmt.Fprintln(w, pick(lang, "next: covsite check, then covsite serve to look at the pages",
		"tiếp theo: covsite check, rồi covsite serve để xem các trang"))
}
