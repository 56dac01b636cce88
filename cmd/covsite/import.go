package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/diag"
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
	sheet := fs.String("sheet", "", "XLSX sheet to read (default: the first)")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return 2
	}
	if !validImportRequest(files, &opts, f, stderr) {
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return doImport(ctx, files[0], *sheet, opts, stdout, stderr)
}

// maxShown is how many problems import prints; the rest are counted.
const maxShown = 20

// readTable reads the table, or stops when ctx is done (SIGINT, SIGTERM): then the
// temporary files of the read are removed and import exits at once, whatever the read
// is waiting on.
func readTable(ctx context.Context, file, sheet string) (*importer.Table, error) {
	type read struct {
		t   *importer.Table
		err error
	}
	done := make(chan read, 1)
	go func() {
		t, err := importer.ReadFile(file, sheet)
		done <- read{t, err}
	}()
	select {
	case r := <-done:
		return r.t, r.err
	case <-ctx.Done():
		importer.RemoveTemp()
		return nil, ctx.Err()
	}
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
			fmt.Fprintf(stderr, "covsite import: %s\n", badDate(d.flag, d.value, lang))
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

func doImport(ctx context.Context, file, sheet string, opts importer.Options, stdout, stderr io.Writer) int {
	start := time.Now()
	t, err := readTable(ctx, file, sheet)
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, pick(opts.Lang, "covsite import: interrupted; nothing was written", "covsite import: đã dừng giữa chừng; không ghi gì cả"))
		return 130
	}
	if err != nil {
		fmt.Fprintf(stderr, "covsite import: %s\n", importer.ReadErrorText(file, err, opts.Lang))
		return 1
	}
	read := time.Since(start)
	opts.Now, opts.FileName = now(), filepath.Base(file)
	rep, err := importer.Import(t, opts)
	if rep != nil {
		for _, w := range rep.Warnings {
			fmt.Fprintf(stderr, "%s: %s\n", pick(opts.Lang, "warning", "cảnh báo"), w.Text())
		}
	}
	var probs importer.Problems
	switch {
	case errors.As(err, &probs):
		for i, p := range probs {
			if i == maxShown {
				fmt.Fprintf(stderr, pick(opts.Lang, "… and %d more errors, not shown; fix these first\n",
					"… và %d lỗi nữa không hiện ra; hãy sửa các lỗi trên trước\n"), len(probs)-maxShown)
				break
			}
			fmt.Fprintf(stderr, "%s: %s\n", pick(opts.Lang, "error", "lỗi"), p.Text())
		}
		return 1
	case err != nil:
		fmt.Fprintf(stderr, "covsite import: %s\n", diag.Text(err, opts.Lang))
		return 1
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

// badDate says that value, given to flag, is not a date, in lang.
func badDate(flag, value, lang string) string {
	return fmt.Sprintf(pick(lang, "%s %q is not a date YYYY-MM-DD that exists — write it as 2023-06-30",
		"%s %q không phải là ngày năm-tháng-ngày có thật — viết như 2023-06-30"), flag, value)
}
