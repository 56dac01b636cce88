package main

import (
	"context"
	"errors"
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
	"github.com/covsite/covsite/internal/load"
)

func init() {
	register(command{name: "import", summary: "turn a CSV/XLSX table into plan targets (--plan) or results (--result)",
		summaryVI: "chuyển bảng CSV/XLSX thành chỉ tiêu kế hoạch (--plan) hoặc kết quả (--result)", run: runImport})
}

// importFlags are the flags of `covsite import` that need checking after parsing.
type importFlags struct {
	result, published string
}

func runImport(args []string, stdout, stderr io.Writer) int {
	lang := messageLang()
	opts := importer.Options{Lang: lang, Stdout: stdout}
	fs := newFlags("import", lang, importUsage(lang))
	t := fs.t
	var f importFlags
	fs.StringVar(&opts.Source, "site", ".", t(diag.W("thư mục của trang, chứa data/ và content/", "site directory holding data/ and content/")))
	fs.StringVar(&opts.Parent, "parent", "", t(diag.W("id của địa phương mà các dòng của bảng trực thuộc; dòng tổng được ghi cho địa phương này", "id of the locality the table's rows are below; the total row is written for it")))
	fs.StringVar(&opts.Plan, "plan", "", t(diag.W("nhập chỉ tiêu vào data/plans/ID.toml (tạo mới hoặc thêm vào)", "import targets into data/plans/ID.toml (created, or added to)")))
	fs.StringVar(&opts.Period, "period", "", t(diag.W("kỳ của chỉ tiêu, ví dụ 2023 (mặc định: kỳ của kế hoạch)", "period of the targets, e.g. 2023 (default: the plan's)")))
	fs.StringVar(&opts.Title, "title", "", t(diag.W("tên của kế hoạch mới", "title of a new plan")))
	fs.StringVar(&opts.Issuer, "issuer", "", t(diag.W("cơ quan ban hành kế hoạch mới", "who issued a new plan")))
	fs.StringVar(&opts.Number, "number", "", t(diag.W("số hiệu của kế hoạch mới, ví dụ 49/KH-BCĐ", "number of a new plan, e.g. 49/KH-BCĐ")))
	fs.StringVar(&f.result, "result", "", t(diag.W("nhập kết quả tính đến ngày này, YYYY-MM-DD, vào data/results/", "import results as of this date, YYYY-MM-DD, into data/results/")))
	fs.StringVar(&opts.Report, "source", "", t(diag.W("văn bản có số liệu (tên văn bản)", "the document the results come from (its title)")))
	fs.StringVar(&opts.Publisher, "publisher", "", t(diag.W("cơ quan công bố văn bản đó", "who published that document")))
	fs.StringVar(&opts.Kind, "kind", "report", t(diag.W("loại văn bản: report (báo cáo), news (tin), conference (hội nghị) hoặc decision (quyết định)", "kind of document: report, news, conference or decision")))
	fs.StringVar(&f.published, "published", "", t(diag.W("ngày công bố văn bản, YYYY-MM-DD (mặc định: ngày --source ghi, như \"… ngày 5/10/2023\"; nếu không có thì bỏ trống)", "when the document was published, YYYY-MM-DD (default: the date --source states, as in \"… ngày 5/10/2023\"; else none)")))
	fs.StringVar(&opts.Against, "against", "", t(diag.W("kế hoạch mà bảng kết quả so sánh (cột \"Tỷ lệ % so KH\"), ghi vào plan = … (mặc định: kế hoạch duy nhất của --parent có kỳ chứa ngày --result)", "the plan a table of results compares with (its \"Tỷ lệ % so KH\" column), written as plan = … (default: the one plan of --parent whose period holds --result)")))
	fs.StringVar(&opts.Where, "where", "", t(diag.W("tên bảng trong văn bản, ví dụ \"Phụ lục 2\": where của mỗi dòng thành \"Phụ lục 2, dòng 12\" (mặc định: \"Bảng \"tên trang tính\", dòng 12\")", "the table's name in the document, e.g. \"Phụ lục 2\": each row's where becomes \"Phụ lục 2, row 12\" (default: \"Sheet \"sheet name\", row 12\")")))
	fs.Var((*repeated)(&opts.SkipColumns), "skip-column", t(diag.W("bỏ qua một cột, theo chữ cái (F) hoặc tiêu đề; dùng nhiều lần được", "leave a column out, by its letter (F) or header; may be repeated")))
	fs.StringVar(&opts.Out, "out", "", t(diag.W("tệp sẽ ghi, tính từ --site; - thì in ra màn hình", "file to write, relative to --site; - prints it instead")))
	fs.BoolVar(&opts.Force, "force", false, t(diag.W("ghi đè tệp kết quả đã có, hoặc thay các số kế hoạch đã có", "replace an existing results file, or change figures a plan already has")))
	fs.BoolVar(&opts.SkipUnknown, "skip-unknown", false, t(diag.W("vẫn nhập các dòng khớp dù có tên không khớp địa phương nào", "import the rows that match even if some names match no locality")))
	fs.BoolVar(&opts.DryRun, "dry-run", false, t(diag.W("chỉ cho xem từng dòng của bảng khớp với địa phương nào, kèm các số; không ghi gì", "only show how each row of the table matches a locality, with its figures; write nothing")))
	sheet := fs.String("sheet", "", t(diag.W("trang tính XLSX cần đọc (mặc định: trang đầu)", "XLSX sheet to read (default: the first)")))
	files, ok, code := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if !validImportRequest(files, &opts, f, stderr) {
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return doImport(ctx, files[0], *sheet, opts, stdout, stderr)
}

// repeated is a flag given several times: --skip-column F --skip-column G.
type repeated []string

func (r *repeated) String() string { return strings.Join(*r, ", ") }

func (r *repeated) Set(v string) error {
	*r = append(*r, v)
	return nil
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

// importUsage is the command line of covsite import.
func importUsage(lang string) string {
	return diag.W(
		`covsite import TỆP.csv|TỆP.xlsx --parent ID (--plan ID [--period 2023] | --result YYYY-MM-DD --source "…" [--against ID] [--where "…"]) [--skip-column F] [--dry-run] [--out TỆP] [--force]`,
		`covsite import FILE.csv|FILE.xlsx --parent ID (--plan ID [--period 2023] | --result YYYY-MM-DD --source "…" [--against ID] [--where "…"]) [--skip-column F] [--dry-run] [--out FILE] [--force]`).In(lang)
}

// validImportRequest checks the combination of arguments and fills in the dates.
func validImportRequest(files []string, opts *importer.Options, f importFlags, stderr io.Writer) bool {
	lang := opts.Lang
	usage := diag.W("cách dùng: ", "usage: ").In(lang) + importUsage(lang)
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
	if opts.Plan != "" && (opts.Against != "" || opts.Where != "") {
		fmt.Fprintln(stderr, "covsite import: "+diag.W(
			"--against và --where chỉ dùng với --result (bảng kết quả)",
			"--against and --where go with --result (a table of results) only").In(lang))
		return false
	}
	return true
}

func doImport(ctx context.Context, file, sheet string, opts importer.Options, stdout, stderr io.Writer) int {
	start := time.Now()
	t, err := readTable(ctx, file, sheet)
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, diag.W("covsite import: đã dừng giữa chừng; không ghi gì cả", "covsite import: interrupted; nothing was written").In(opts.Lang))
		return 130
	}
	if err != nil {
		fmt.Fprintf(stderr, "covsite import: %s\n", importer.ReadErrorText(file, err, opts.Lang))
		return 1
	}
	read := time.Since(start)
	opts.Now, opts.FileName = now(), filepath.Base(file)
	rep, err := importer.Import(t, opts)
	show := stdout
	if opts.Out == "-" {
		show = stderr // stdout is the file
	}
	if rep != nil && len(rep.Matches) > 0 {
		importer.WriteMatches(show, rep, opts.FileName, opts.Lang)
	}
	if rep != nil && len(rep.Skipped) > 0 {
		fmt.Fprintf(show, diag.W("bỏ qua theo --skip-column: %s\n", "left out with --skip-column: %s\n").In(opts.Lang), strings.Join(rep.Skipped, ", "))
	}
	// errors first: what stopped the import, then what it warns of
	var probs importer.Problems
	refused := errors.As(err, &probs)
	for i, p := range probs {
		if i == maxShown {
			fmt.Fprintf(stderr, diag.W(
				"… và %d lỗi nữa không hiện ra; hãy sửa các lỗi trên trước\n",
				"… and %d more errors, not shown; fix these first\n").In(opts.Lang),
				len(probs)-maxShown)
			break
		}
		fmt.Fprintf(stderr, "%s: %s\n", diag.W("lỗi", "error").In(opts.Lang), p.Text())
	}
	if rep != nil {
		for _, w := range rep.Warnings {
			fmt.Fprintf(stderr, "%s: %s\n", diag.W("cảnh báo", "warning").In(opts.Lang), w.Text())
		}
	}
	switch {
	case refused:
		return 1
	case err != nil:
		fmt.Fprintf(stderr, "covsite import: %s\n", diag.Text(err, opts.Lang))
		return 1
	}
	if opts.DryRun {
		fmt.Fprintln(stdout, diag.W("--dry-run: chưa ghi gì", "--dry-run: nothing was written").In(opts.Lang))
		return 0
	}
	if rep.Path != "-" {
		printImported(stdout, rep, opts.Lang, read, time.Since(start))
	}
	return 0
}

func printImported(w io.Writer, rep *importer.Report, lang string, read, total time.Duration) {
	verb := diag.W("đã cập nhật", "updated").In(lang)
	if rep.Added == 0 && len(rep.Changed) == 0 {
		fmt.Fprintf(w, diag.W(
			"%s đã có đủ %d số của bảng; không cần sửa gì\n",
			"%s already has all %d figures of the table; nothing to change\n").In(lang),
			rep.Path, rep.Unchanged)
		return
	}
	if rep.Created {
		verb = diag.W("đã tạo", "created").In(lang)
	}
	fmt.Fprintf(w, diag.W(
		"%s %s: %d dòng, các cột %s; %d số mới, %d số thay đổi, %d số đã có sẵn (đọc bảng %d ms, tổng %d ms)\n",
		"%s %s: %d rows, columns %s; %d figures added, %d changed, %d already there (read %d ms, total %d ms)\n").In(lang),
		verb, rep.Path, rep.Rows, strings.Join(rep.Keys, ", "), rep.Added, len(rep.Changed), rep.Unchanged,
		read.Milliseconds(), total.Milliseconds())
	for _, c := range rep.Changed {
		fmt.Fprintf(w, "  %s\n", c)
	}
	fmt.Fprintln(w, diag.W(
		"tiếp theo: covsite check, rồi covsite serve để xem các trang",
		"next: covsite check, then covsite serve to look at the pages").In(lang))
}

// badDate says that value, given to flag, is not a date, in lang: as it should be written
// when it is a date written another way (31/3/2026 → 2026-03-31).
func badDate(flag, value, lang string) string {
	if iso, ok := load.AsISODate(value); ok {
		return fmt.Sprintf(diag.W("%s %q: viết ngày theo dạng năm-tháng-ngày, %s %s",
			"%s %q: write the date year first, %s %s").In(lang), flag, value, flag, iso)
	}
	return fmt.Sprintf(diag.W(
		"%s %q không phải là ngày năm-tháng-ngày có thật — viết như 2023-06-30",
		"%s %q is not a date YYYY-MM-DD that exists — write it as 2023-06-30").In(lang),
		flag, value)
}
