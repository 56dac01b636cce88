// Package importer is `covsite import`: it turns the tables offices exchange — a CSV or
// XLSX sheet with a row per locality, a column per indicator and a total row, numbers
// written the Vietnamese way — into the site's data files: [[target]] rows of a plan in
// data/plans/, or a results file in data/results/ with its [source].
//
// Sheets are read as offices send them: a title block, a header of up to three rows with
// merged cells ("BHXH" over "Bắt buộc | Tự nguyện"), a row numbering the columns, a blank
// row and a signature block below the table. Headers are matched to indicators and row
// names to localities below a parent, accent- and case-insensitively, with the
// abbreviations offices use ("P4", "Phường 02", "TT Phường 7"); every name that matches
// nothing is reported with the closest candidates, a name several localities share with
// their ids, a row of a locality that is not a direct child of the parent with the parent it
// is below, and nothing is written until all rows match. Report.Matches shows each row as
// matched, so a person can see it before anything is written (or only that, with DryRun). The total row is checked against the
// sum of the rows (a difference is a warning) and written as the parent's row. No file is
// overwritten without Force, and a written file that would not pass `covsite check` is
// taken back.
package importer

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/covsite/covsite/internal/datacheck"
	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/lang"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/textutil"
)

// Options say what to import and where to.
type Options struct {
	Source string // the site directory
	Parent string // the locality the table's rows are below; its total row is the parent's

	Plan   string // import targets into data/plans/<Plan>.toml …
	Period string // … for this period (default: the plan's, or the year the id ends with)
	Title  string // a new plan's title, issuer and number
	Issuer string
	Number string

	Result    date.Date // or import results as of this date …
	Report    string    // … from this source document (title), into data/results/
	Publisher string
	Kind      string    // report, news, conference or decision (default report)
	Published date.Date // default: the date Report states ("… ngày 5/10/2023"), else none

	Against     string    // the plan a table of results compares with (its "% so KH"); default: the parent's one plan for the date
	Where       string    // the table's name in the document ("Phụ lục 2"), before each row's number in where
	SkipColumns []string  // columns left out on purpose, by letter ("F") or header
	Out         string    // the file to write, relative to Source; "-" prints it instead
	Force       bool      // replace an existing results file, or change figures a plan already has
	SkipUnknown bool      // import the rows that match even if some names match no locality
	DryRun      bool      // match the table and report, but write nothing
	Lang        string    // language of messages
	Now         time.Time // the import's date, noted in the file
	Stdout      io.Writer // where Out "-" prints
	FileName    string    // the table's file name, noted in the file
}

// Report tells what an import did.
type Report struct {
	Path      string // written, relative to Source ("-" when printed)
	Created   bool   // a new file, rather than an edited plan
	Rows      int    // localities written, the parent's total row included
	Keys      []string
	Added     int      // figures added
	Changed   []string // figures changed (plans, with Force)
	Unchanged int      // figures the plan already had, with the same value
	Warnings  []Problem
	Matches   []Match         // every row of figures, as matched, in table order
	Parent    *model.Locality // the locality the rows are below
	Skipped   []string        // the columns --skip-column left out: `F "BHXH tự nguyện Tỷ lệ % so KH"`
}

// Import reads t into the site at opts.Source.
func Import(t *Table, opts Options) (*Report, error) {
	if opts.Plan == "" && !opts.DryRun {
		if missing := missingSource(opts); missing != nil {
			return nil, missing // a results file check would refuse: said before anything is read
		}
	}
	site, diags := datacheck.Dir(opts.Source)
	if site == nil {
		return nil, fmt.Errorf("%s: %w", opts.Source, diags.Err(opts.Lang))
	}
	parent, err := findParent(site, opts)
	if err != nil {
		return nil, err
	}
	if err := endedParent(parent, opts); err != nil {
		return nil, err // said before any row is read: every row would match nothing
	}
	day := tableDate(site, opts)
	x := extract(t, site, newLocalityMatcher(parent, day), reading{Lang: opts.Lang, Targets: opts.Plan != "", Skip: opts.SkipColumns})
	if opts.Plan == "" {
		x.comparedPlan(t, site, parent, opts)
	}
	x.asideWarnings(t, parent, day, opts.Lang)
	rep := &Report{Warnings: x.Warnings, Matches: x.matches(parent, opts.Lang), Parent: parent}
	for _, c := range x.Skipped {
		rep.Skipped = append(rep.Skipped, fmt.Sprintf("%s %q", c.Letter, c.Header))
	}
	if p := partialTable(x, parent, day, opts.Lang); p != nil {
		rep.Warnings = append(rep.Warnings, *p)
	}
	if err := x.acceptable(opts, rep); err != nil {
		// A row refused (twice the same ward, a cell that is not a number) is missing from
		// the sums: a total's difference would be that row's, not the table's. The table is
		// checked again once it is fixed.
		rep.Warnings = slices.DeleteFunc(rep.Warnings, func(p Problem) bool { return p.mismatch })
		return rep, err
	}
	if opts.DryRun {
		return rep, nil
	}
	rows := outRows(x, parent, t, opts)
	rep.Rows, rep.Keys = len(rows), columnKeys(x)
	j := &job{site: site, before: diags, opts: opts, rep: rep}
	if opts.Plan != "" {
		return rep, j.plan(rows)
	}
	return rep, j.result(rows)
}

// job is one import under way.
type job struct {
	site   *model.Site
	before *diag.List // the site's diagnostics before the import
	opts   Options
	rep    *Report
}

// findParent checks the request and returns the parent locality.
func findParent(site *model.Site, opts Options) (*model.Locality, error) {
	id := opts.Parent
	if id == "" && opts.Plan != "" && site.Plan(opts.Plan) != nil {
		id = site.Plan(opts.Plan).Locality.ID
	}
	if id == "" {
		return nil, Problems{{Message: diag.W(
			"hãy cho biết bảng là của địa phương nào: --parent ID",
			"say which locality the table is about: --parent ID").In(opts.Lang)}}
	}
	if l := site.Locality(id); l != nil {
		return l, nil
	}
	ids := make([]string, 0, len(site.Localities))
	for _, l := range site.Localities {
		ids = append(ids, l.ID)
	}
	return nil, Problems{{Message: fmt.Sprintf(diag.W("--parent %q: không có địa phương này", "--parent %q: there is no such locality").In(opts.Lang), id),
		Hint: fmt.Sprintf(diag.W("gần nhất: %s", "closest: %s").In(opts.Lang), strings.Join(textutil.Ranked(id, ids, 3), ", "))}}
}

// endedParent refuses results dated after the parent ended, naming who took over, as
// `covsite new result` does: a table of the new communes imported below the old province
// would otherwise match none of its rows.
func endedParent(parent *model.Locality, opts Options) error {
	if opts.Result.IsZero() {
		return nil
	}
	d := model.AfterEnd(parent, opts.Result)
	if d == nil {
		return nil
	}
	lang := opts.Lang
	hint := fmt.Sprintf(diag.W("kiểm tra --result: %s chỉ có số liệu đến ngày %s", "check --result: %s has figures only up to %s").In(lang), parent.ID, parent.Until)
	if s := parent.Successor; s != nil {
		hint = fmt.Sprintf(diag.W("bảng ngày %s là của địa phương mới: nhập lại với --parent %s; hoặc sửa --result (đến ngày %s)",
			"a table as of %s is the new locality's: import it again with --parent %s; or correct --result (up to %s)").In(lang), opts.Result, s.ID, parent.Until)
	}
	return Problems{{Message: "--parent " + parent.ID + ": " + d.Message(lang), Hint: hint},
		{Message: diag.W("chưa ghi gì", "nothing was written").In(lang)}}
}

// tableDate is the day the table speaks of, used to prefer localities that existed then.
func tableDate(site *model.Site, opts Options) date.Date {
	if !opts.Result.IsZero() {
		return opts.Result
	}
	if p, err := date.ParsePeriod(opts.Period); err == nil {
		return p.Start
	}
	if p := site.Plan(opts.Plan); p != nil {
		return p.Period.Start
	}
	return date.Date{}
}

// acceptable returns the problems that stop the import. With SkipUnknown, rows naming no
// locality only warn.
func (x *extraction) acceptable(opts Options, rep *Report) error {
	var stop Problems
	for _, p := range x.Problems {
		if opts.SkipUnknown && p.unknownName {
			rep.Warnings = append(rep.Warnings, p)
			continue
		}
		stop = append(stop, p)
	}
	if len(x.Rows) == 0 && x.Total == nil && len(stop) == 0 {
		stop = append(stop, Problem{Message: diag.W("bảng không có dòng số liệu nào", "the table has no row of figures").In(opts.Lang)})
	}
	if len(stop) == 0 {
		return nil
	}
	// --skip-unknown helps only when every problem is a name matching no locality: it
	// cannot fix a column or a cell.
	hint := diag.W("sửa các chỗ trên rồi nhập lại", "fix the problems above, then import again").In(opts.Lang)
	if !slices.ContainsFunc(stop, func(p Problem) bool { return !p.unknownName }) {
		hint = diag.W(
			"sửa các tên trên, hoặc thêm --skip-unknown để nhập các dòng còn lại",
			"fix the names above, or add --skip-unknown to import the other rows").In(opts.Lang)
	}
	return append(stop, Problem{Message: diag.W("chưa ghi gì", "nothing was written").In(opts.Lang), Hint: hint})
}

// outRows lists the rows to write: the total row as the parent's, then the others. Each
// row says where it stands in the document; a row of results with a share of plan names
// the plan.
func outRows(x *extraction, parent *model.Locality, t *Table, opts Options) []outRow {
	keys := columnKeys(x)
	var out []outRow
	for _, r := range x.figureRows(parent) {
		o := outRow{Comment: r.Label, Locality: r.Locality.ID, Keys: keys, Values: map[string]number{}, Note: r.Note}
		for _, k := range keys {
			if v, ok := r.Values[k]; ok {
				o.Values[k] = v
			}
		}
		o.Where = rowWhere(t, r.Index, opts.Where)
		if opts.Plan == "" {
			if x.against != nil && slices.ContainsFunc(keys, func(k string) bool { _, ok := o.Values[k]; return ok && strings.HasPrefix(k, "share.") }) {
				o.Plan = x.against.ID
			}
		}
		out = append(out, o)
	}
	return out
}

// rowWhere is where row r of t stands in the document, as a reader holding it can check:
// `Bảng "BC T10", dòng 12` for a sheet, `dòng 12` for a CSV file, `Phụ lục 2, dòng 12`
// when the import names the table (--where).
func rowWhere(t *Table, r int, table string) lang.Text {
	vi, en := fmt.Sprintf("dòng %d", r+1), fmt.Sprintf("row %d", r+1)
	switch {
	case table != "":
		return lang.T(table+", "+vi, table+", "+en)
	case t.Sheet != "":
		return lang.T(fmt.Sprintf("Bảng %q, %s", t.Sheet, vi), fmt.Sprintf("Sheet %q, %s", t.Sheet, en))
	}
	return lang.T(vi, en)
}

// columnKeys are the keys of the columns written, in table order.
func columnKeys(x *extraction) []string {
	var keys []string
	for _, c := range x.Columns {
		if x.written(c) {
			keys = append(keys, c.Key())
		}
	}
	return keys
}

// yearSuffix finds the year a plan id ends with: "tp-tra-vinh-49-kh-bcd-2023" → "2023".
var yearSuffix = regexp.MustCompile(`-((19|20)\d\d)$`)

// plan writes the rows into a new plan file or into the existing one.
func (j *job) plan(rows []outRow) error {
	opts := j.opts
	rel := opts.Out
	if rel == "" || rel == "-" {
		rel = path.Join("data/plans", opts.Plan+".toml")
	}
	if want := path.Join("data/plans", opts.Plan+".toml"); filepath.ToSlash(rel) != want {
		return Problems{{Message: fmt.Sprintf(diag.W("tệp của kế hoạch là %s (tên tệp là id kế hoạch)", "a plan's file is %s (its name is the plan's id)").In(opts.Lang), want)}}
	}
	if why, bad := load.IDProblem(opts.Plan); bad {
		return Problems{{Message: fmt.Sprintf(diag.W("--plan %q không dùng làm id được: %s", "--plan %q cannot be an id: %s").In(opts.Lang), opts.Plan, why.In(opts.Lang)),
			Hint: fmt.Sprintf(diag.W("ví dụ %s", "for example %s").In(opts.Lang), textutil.Slug(opts.Plan))}}
	}
	src, err := os.ReadFile(filepath.Join(opts.Source, rel))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return j.newPlan(rows, rel)
	case err != nil:
		return err
	}
	return j.editPlan(src, rows, rel)
}

// header is the comment that introduces imported rows.
func header(opts Options) string {
	return fmt.Sprintf(diag.W("# Nhập từ %s bằng covsite import ngày %s.\n", "# Imported from %s with covsite import on %s.\n").In(opts.Lang),
		opts.FileName, date.Of(opts.Now))

}

func (j *job) newPlan(rows []outRow, rel string) error {
	site, opts, rep := j.site, j.opts, j.rep
	period := opts.Period
	if m := yearSuffix.FindStringSubmatch(opts.Plan); period == "" && m != nil {
		period = m[1]
	}
	if period == "" {
		return Problems{{Message: diag.W(
			"chỉ tiêu cho giai đoạn nào? thêm --period, ví dụ --period 2023",
			"which period do the targets cover? add --period, e.g. --period 2023").In(opts.Lang)}}
	}
	parent := site.Locality(rows[0].Locality)
	if p := opts.Parent; p != "" {
		parent = site.Locality(p)
	}
	title := or(opts.Title, fmt.Sprintf(diag.W("Chỉ tiêu %s — %s", "Targets %s — %s").In(opts.Lang), period, parent.Name))
	var b strings.Builder
	b.WriteString(header(opts))
	if opts.Issuer == "" {
		b.WriteString(diag.W(
			"# Hãy điền issuer (cơ quan giao chỉ tiêu) và, nếu có, number, issued, url.\n",
			"# Fill in issuer (who set the targets) and, if known, number, issued and url.\n").In(opts.Lang))
		rep.Warnings = append(rep.Warnings, Problem{Where: rel, Message: diag.W("issuer đang để trống", "issuer is empty").In(opts.Lang),
			Hint: diag.W("hãy điền cơ quan giao chỉ tiêu, hoặc dùng --issuer", "write who set the targets, or pass --issuer").In(opts.Lang)})
	}
	if opts.Number != "" {
		fmt.Fprintf(&b, "number = %s\n", textutil.TOMLString(opts.Number))
	}
	fmt.Fprintf(&b, "title = %s\nissuer = %s\nlocality = %s\nperiod = %s\n",
		textutil.TOMLString(title), textutil.TOMLString(opts.Issuer), textutil.TOMLString(parent.ID), textutil.TOMLString(period))
	for _, r := range rows {
		b.WriteString(block("target", r, ""))
		rep.Added += len(r.Values)
	}
	rep.Created = true
	return j.commit(rel, nil, []byte(b.String()))
}

func (j *job) editPlan(src []byte, rows []outRow, rel string) error {
	opts, rep := j.opts, j.rep
	_, planPeriod, blocks, err := readPlanBlocks(rel, src)
	if err != nil {
		return Problems{{Where: rel, Message: err.Error()}}
	}
	period := or(opts.Period, planPeriod)
	e := editPlan(blocks, rows, period, opts.Lang)
	rep.Added, rep.Changed, rep.Unchanged = e.added, e.changed, e.same
	if len(e.inline) > 0 {
		return Problems{{Where: rel, Message: fmt.Sprintf(diag.W(
			"%s nằm trong bảng một dòng { … }, không sửa tự động được — viết mỗi số một dòng (rate.bhyt = 94.44) rồi nhập lại:%s",
			"%s in inline tables { … } cannot be changed here — write them one per line (rate.bhyt = 94.44), then import again:%s").In(opts.Lang),
			figureCount(len(e.inline), opts.Lang), listed(e.inline, opts.Lang))}}
	}
	if len(e.changed) > 0 && !opts.Force {
		return Problems{{Where: rel, Message: fmt.Sprintf(diag.W(
			"kế hoạch đã có số khác cho %s của bảng; chưa ghi gì — thêm --force để thay các số này:%s",
			"the plan already has other values for %s of the table; nothing was written — add --force to replace them:%s").In(opts.Lang),
			figureCount(len(e.changed), opts.Lang), listed(e.changed, opts.Lang))}}
	}
	if e.added == 0 && len(e.changed) == 0 {
		rep.Path = rel
		return nil // the plan already says exactly this
	}
	return j.commit(rel, src, e.apply(src, header(opts), period, planPeriod))
}

// maxListed is how many figures a message lists, one per line, before it counts the rest.
const maxListed = 10

// listed writes items one per line, indented, at most maxListed, then how many more.
func listed(items []string, lang string) string {
	var b strings.Builder
	for i, it := range items {
		if i == maxListed && len(items) > maxListed+1 {
			// at least two: one more would be listed rather than counted
			fmt.Fprintf(&b, diag.W("\n    … và %s số khác", "\n    … and %s more figures").In(lang), diag.FormatNumber(float64(len(items)-maxListed), lang))
			break
		}
		b.WriteString("\n    " + it)
	}
	return b.String()
}

// figureCount is "1 số", "34 số" or "1 figure", "34 figures".
func figureCount(n int, lang string) string {
	if lang == "en" {
		return diag.Plural(n, "figure", "figures", lang)
	}
	return diag.Plural(n, "số", "số", lang)
}

// result writes a new results file.
func (j *job) result(rows []outRow) error {
	opts, rep := j.opts, j.rep
	rel := opts.Out
	if rel == "" || rel == "-" {
		rel = path.Join("data/results", opts.Parent+"-"+opts.Result.String()+".toml")
	}
	full := filepath.Join(opts.Source, rel)
	if opts.Out != "-" {
		var err error
		if full, err = j.outFile(rel); err != nil {
			return err
		}
	}
	old, err := os.ReadFile(full)
	if err == nil && !opts.Force && opts.Out != "-" {
		return Problems{{Where: rel, Message: diag.W("tệp này đã có và được giữ nguyên", "this file already exists and was left as it is").In(opts.Lang),
			Hint: diag.W("thêm --force để ghi đè, hoặc --out để ghi ra tệp khác", "add --force to replace it, or --out to write another file").In(opts.Lang)}}
	}
	rep.Created = err != nil
	return j.commit(rel, old, resultText(rows, opts, rep))
}

func resultText(rows []outRow, opts Options, rep *Report) []byte {
	day, note := published(opts)
	if note != nil {
		rep.Warnings = append(rep.Warnings, *note)
	}
	var b strings.Builder
	b.WriteString(header(opts))
	fmt.Fprintf(&b, "[source]\ntitle = %s\nkind = %s\n", textutil.TOMLString(opts.Report), textutil.TOMLString(or(opts.Kind, "report")))
	if day.IsZero() {
		b.WriteString(diag.W(
			"# published = YYYY-MM-DD   # chỉ khi văn bản có ghi ngày công bố\n",
			"# published = YYYY-MM-DD   # only if the document gives its date of publication\n").In(opts.Lang))
	} else {
		fmt.Fprintf(&b, "published = %s\n", day)
	}
	fmt.Fprintf(&b, "publisher = %s\n", textutil.TOMLString(opts.Publisher))
	extra := "as_of = " + opts.Result.String() + "\n"
	for _, r := range rows {
		b.WriteString(block("result", r, extra))
		rep.Added += len(r.Values)
	}
	return []byte(b.String())
}

// commit writes content to rel (or prints it for Out "-"), then checks the site: if the
// file brought new errors, the old content is put back and the errors returned.
func (j *job) commit(rel string, old, content []byte) error {
	opts, rep := j.opts, j.rep
	if opts.Out == "-" {
		rep.Path = "-"
		_, err := opts.Stdout.Write(content)
		return err
	}
	rep.Path = rel
	full, err := j.outFile(rel)
	if err != nil {
		return err
	}
	if err := writeFile(full, content, old == nil); err != nil {
		return err
	}
	_, after := datacheck.Dir(opts.Source)
	if added := newErrors(j.before, after, opts.Lang); len(added) > 0 {
		if err := restore(full, old); err != nil {
			return err
		}
		return append(added, Problem{Where: rel, Message: diag.W(
			"tệp vừa ghi không qua được covsite check nên đã được hoàn lại như cũ",
			"the written file did not pass covsite check and was taken back").In(opts.Lang)})
	}
	rep.Warnings = append(rep.Warnings, newWarnings(j.before, after, opts.Lang)...)
	return nil
}

// newWarnings are the warnings of after that before did not have and that the import's own
// checks do not say: another file's figure of the same locality and date that the written
// one differs from (conflicting-figures), each told; the others counted, for check to tell.
func newWarnings(before, after *diag.List, lang string) []Problem {
	had := map[string]bool{}
	for _, d := range before.Items() {
		had[d.Text(lang)] = true
	}
	var out []Problem
	others := 0
	for _, d := range after.Items() {
		switch {
		case d.Severity != diag.Warning || had[d.Text(lang)]:
		case d.Code == diag.ConflictingFigures:
			out = append(out, Problem{Where: d.Pos.String(), Message: d.Message(lang), Hint: d.Hint(lang)})
		case d.Code != diag.ResultRollupMismatch: // the import checked the total row itself
			others++
		}
	}
	if others > 0 {
		out = append(out, Problem{Message: fmt.Sprintf(diag.W(
			"tệp vừa ghi có thêm %d cảnh báo khác của covsite check",
			"the written file brings %d more warnings of covsite check").In(lang), others),
			Hint: diag.W("chạy covsite check để xem", "run covsite check to see them").In(lang)})
	}
	return out
}

// newErrors lists the errors of after that before did not have.
func newErrors(before, after *diag.List, lang string) Problems {
	had := map[string]bool{}
	for _, d := range before.Items() {
		had[d.Text(lang)] = true
	}
	var out Problems
	for _, d := range after.Items() {
		if d.Severity == diag.Error && !had[d.Text(lang)] {
			out = append(out, Problem{Where: d.Pos.String(), Message: d.Message(lang), Hint: d.Hint(lang)})
		}
	}
	return out
}

// writeFile writes content to name: a new file only if it does not exist (exclusive), an
// existing one by replacing it atomically.
func writeFile(name string, content []byte, exclusive bool) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	if exclusive {
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		if _, err := f.Write(content); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".import-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(content); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}

// restore puts old back, or removes name if it did not exist.
func restore(name string, old []byte) error {
	if old == nil {
		return os.Remove(name)
	}
	return writeFile(name, old, false)
}
