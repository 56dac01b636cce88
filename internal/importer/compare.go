package importer

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/textutil"
)

// A table of results often sets, under each indicator, the target beside the result and
// the share of it reached: "Kế hoạch giao năm 2026 | Thực hiện | Tỷ lệ % so KH". A results
// file holds the result and its share (share.<id>, with the plan it is a share of, plan =
// …), not the target: the target is the plan's. This file picks that plan, checks the
// table's targets against it and its shares against its own result ÷ target, and refuses
// a coverage rate above 100 %.

// written reports whether column c goes into the file: an indicator's column of the side
// the import writes, and a share of plan only when there is a plan to name.
func (x *extraction) written(c column) bool {
	return c.Ind != nil && !c.Aside && (c.Measure != shareOf || x.against != nil)
}

// has reports whether some column of figures passes test.
func (x *extraction) has(test func(column) bool) bool {
	return slices.ContainsFunc(x.Columns, func(c column) bool { return c.Ind != nil && test(c) })
}

func isShare(c column) bool        { return c.Measure == shareOf && !c.Aside }
func isStatedTarget(c column) bool { return c.Aside && c.Side == targetSide }

// comparedPlan is the plan a table of results is compared with: --against, or else the
// one plan addressed to the parent whose period holds the results' date. It is looked for
// only when the table has a share of plan or states targets. Without one, the shares are
// not written, each column said in a warning.
func (x *extraction) comparedPlan(t *Table, site *model.Site, parent *model.Locality, opts Options) {
	lang := opts.Lang
	if opts.Against != "" {
		x.against = x.namedPlan(site, opts)
		return
	}
	if !x.has(isShare) && !x.has(isStatedTarget) {
		return
	}
	var ids []string
	for _, p := range site.Plans {
		if p.Locality == parent && p.Period.Contains(opts.Result) {
			ids = append(ids, p.ID)
		}
	}
	slices.Sort(ids)
	why := ""
	switch len(ids) {
	case 1:
		x.against = site.Plan(ids[0])
		if x.has(isShare) {
			x.Warnings = append(x.Warnings, Problem{Message: fmt.Sprintf(diag.W(
				"tỷ lệ so kế hoạch (share.…) được ghi là so với kế hoạch %s (kỳ %s): kế hoạch duy nhất của %s có kỳ chứa ngày %s",
				"the shares of plan (share.…) are written as shares of plan %s (period %s): the one plan of %s whose period holds %s").In(lang),
				x.against.ID, x.against.Period.Text, parent.ID, opts.Result),
				Hint: diag.W("nếu bảng so với kế hoạch khác, thêm --against ID", "if the table compares with another plan, add --against ID").In(lang)})
		}
		return
	case 0:
		why = fmt.Sprintf(diag.W("không có kế hoạch nào của %s có kỳ chứa ngày %s", "no plan of %s has a period holding %s").In(lang), parent.ID, opts.Result)
	default:
		why = fmt.Sprintf(diag.W("%s có %d kế hoạch có kỳ chứa ngày %s (%s)", "%s has %d plans whose period holds %s (%s)").In(lang),
			parent.ID, len(ids), opts.Result, strings.Join(ids, ", "))
	}
	for _, c := range x.Columns {
		if c.Ind != nil && isShare(c) {
			x.Warnings = append(x.Warnings, Problem{Where: t.Where(x.head, c.Index), Message: fmt.Sprintf(diag.W(
				"cột %q (%s) không được nhập: tỷ lệ so kế hoạch cần biết là so với kế hoạch nào (plan = …), mà %s",
				"column %q (%s) is not imported: a share of plan needs the plan it is a share of (plan = …), and %s").In(lang), c.Header, c.Key(), why),
				Hint: diag.W("chỉ rõ kế hoạch bằng --against ID, hoặc nhập chỉ tiêu trước (covsite import … --plan ID)",
					"name the plan with --against ID, or import the targets first (covsite import … --plan ID)").In(lang)})
		}
	}
}

// namedPlan is the plan --against names, or nil with the problem said: no such plan, or
// one whose period does not hold the results' date (check refuses such a comparison).
func (x *extraction) namedPlan(site *model.Site, opts Options) *model.Plan {
	lang := opts.Lang
	p := site.Plan(opts.Against)
	if p == nil {
		ids := make([]string, 0, len(site.Plans))
		for _, p := range site.Plans {
			ids = append(ids, p.ID)
		}
		x.Problems = append(x.Problems, Problem{
			Message: fmt.Sprintf(diag.W("--against %q: không có kế hoạch này", "--against %q: there is no such plan").In(lang), opts.Against),
			Hint:    fmt.Sprintf(diag.W("gần nhất: %s", "closest: %s").In(lang), strings.Join(textutil.Ranked(opts.Against, ids, 3), ", "))})
		return nil
	}
	if !opts.Result.IsZero() && !p.Period.Contains(opts.Result) {
		x.Problems = append(x.Problems, Problem{
			Message: fmt.Sprintf(diag.W("--against %s: kỳ %s của kế hoạch không chứa ngày %s của bảng", "--against %s: the plan's period %s does not hold the table's date %s").In(lang),
				p.ID, p.Period.Text, opts.Result),
			Hint: diag.W("kiểm tra --result và --against", "check --result and --against").In(lang)})
		return nil
	}
	return p
}

// maxRowsListed is how many rows a message about a column lists before it counts the rest.
const maxRowsListed = 5

// rowsText lists items, at most maxRowsListed, then how many more.
func rowsText(items []string, lang string) string {
	if len(items) <= maxRowsListed {
		return strings.Join(items, "; ")
	}
	return strings.Join(items[:maxRowsListed], "; ") + fmt.Sprintf(diag.W("; … và %d dòng khác", "; … and %d more rows").In(lang), len(items)-maxRowsListed)
}

// figureRows are the rows of figures of the table with the locality each stands for: the
// total row as the parent's, then the localities' rows.
func (x *extraction) figureRows(parent *model.Locality) []row {
	var out []row
	if x.Total != nil {
		t := *x.Total
		t.Locality = parent
		out = append(out, t)
	}
	return append(out, x.Rows...)
}

// asideWarnings says, for each column set aside, that it is not imported and why; the
// targets a table of results states are checked against the compared plan's.
func (x *extraction) asideWarnings(t *Table, parent *model.Locality, day date.Date, lang string) {
	for _, c := range x.Columns {
		at := t.Where(x.head, c.Index)
		switch {
		case c.Ind == nil || !c.Aside:
		case c.Side == targetSide:
			x.Warnings = append(x.Warnings, Problem{Where: at, Message: fmt.Sprintf(diag.W(
				"cột %q là chỉ tiêu (%s) mà bảng ghi bên cạnh kết quả; tệp kết quả không có chỗ ghi chỉ tiêu nên cột này không được nhập",
				"column %q is the target (%s) the table states beside the results; a results file has no place for targets, so this column is not imported").In(lang),
				c.Header, strings.TrimPrefix(c.Key(), "target:")), Hint: x.targetHint(c, parent, day, lang)})
		case c.Measure == shareOf:
			x.Warnings = append(x.Warnings, Problem{Where: at, Message: fmt.Sprintf(diag.W(
				"cột %q là tỷ lệ so kế hoạch, không phải chỉ tiêu: không được nhập vào kế hoạch",
				"column %q is a share of plan, not a target: it is not imported into a plan").In(lang), c.Header),
				Hint: diag.W("nhập kết quả và tỷ lệ so kế hoạch bằng --result NGÀY --source …", "import the results and their shares of plan with --result DATE --source …").In(lang)})
		default:
			x.Warnings = append(x.Warnings, Problem{Where: at, Message: fmt.Sprintf(diag.W(
				"cột %q là kết quả thực hiện, không phải chỉ tiêu: không được nhập vào kế hoạch",
				"column %q is a result, not a target: it is not imported into a plan").In(lang), c.Header),
				Hint: diag.W("nhập kết quả bằng --result NGÀY --source …", "import the results with --result DATE --source …").In(lang)})
		}
	}
}

// targetHint compares the targets column c states with those of the compared plan.
func (x *extraction) targetHint(c column, parent *model.Locality, day date.Date, lang string) string {
	p := x.against
	if p == nil {
		return diag.W(
			"trang lấy chỉ tiêu từ các kế hoạch trong data/plans/: nhập cột này vào kế hoạch bằng covsite import … --plan ID, hoặc thêm --against ID để đối chiếu",
			"the site's targets come from the plans in data/plans/: import this column into a plan with covsite import … --plan ID, or add --against ID to compare").In(lang)
	}
	var same int
	var differ, missing []string
	for _, r := range x.figureRows(parent) {
		v, ok := r.Values[c.Key()]
		if !ok || r.Locality == nil {
			continue
		}
		t := planTarget(p, r.Locality, c.Ind, day)
		goal := model.Unknown
		if t != nil {
			goal = t.Value
			if c.Measure == rateOf {
				goal = t.Rate
			}
		}
		switch {
		case !goal.Known:
			missing = append(missing, fmt.Sprintf(diag.W("dòng %d %s", "row %d %s").In(lang), r.Index+1, r.Locality.ID))
		case math.Abs(goal.V-v.V) < 1e-9:
			same++
		default:
			differ = append(differ, fmt.Sprintf(diag.W("dòng %d %s: bảng %s, kế hoạch %s", "row %d %s: table %s, plan %s").In(lang),
				r.Index+1, r.Locality.ID, human(v.V, lang), human(goal.V, lang)))
		}
	}
	var parts []string
	if same > 0 {
		parts = append(parts, fmt.Sprintf(diag.W("khớp với chỉ tiêu của kế hoạch %s ở %d dòng", "it agrees with the targets of plan %s in %d rows").In(lang), p.ID, same))
	}
	if len(differ) > 0 {
		parts = append(parts, fmt.Sprintf(diag.W("khác chỉ tiêu của kế hoạch %s ở %d dòng, hãy đối chiếu: %s", "it differs from the targets of plan %s in %d rows, check them: %s").In(lang),
			p.ID, len(differ), rowsText(differ, lang)))
	}
	if len(missing) > 0 {
		parts = append(parts, fmt.Sprintf(diag.W("kế hoạch %s không có chỉ tiêu này cho %d dòng: %s", "plan %s has no such target for %d rows: %s").In(lang),
			p.ID, len(missing), rowsText(missing, lang)))
	}
	return strings.Join(parts, "; ")
}

// planTarget is p's own (not implied) target for l and ind in force on day, or nil.
func planTarget(p *model.Plan, l *model.Locality, ind *model.Indicator, day date.Date) *model.Target {
	for _, t := range p.Targets {
		if !t.Implied && t.Locality == l && t.Indicator == ind && t.Per == "" && t.Period.Contains(day) {
			return t
		}
	}
	return nil
}

// checkRates refuses a coverage rate above 100 %: no coverage rate can exceed it, and
// such a column is most often a share of plan whose header reads as a rate ("Tỷ lệ (%)"
// beside "Kế hoạch" and "Thực hiện").
func (x *extraction) checkRates(t *Table, lang string) {
	for _, c := range x.Columns {
		if c.Ind == nil || c.Measure != rateOf || c.Aside {
			continue
		}
		var over []string
		first := -1
		for _, r := range slices.Concat(x.Rows, x.Unknown, x.Deeper, rowsOf(x.Total)) {
			if v, ok := r.Values[c.Key()]; ok && v.V > 100 {
				over = append(over, fmt.Sprintf(diag.W("dòng %d: %s", "row %d: %s").In(lang), r.Index+1, human(v.V, lang)))
				if first < 0 || r.Index < first {
					first = r.Index
				}
			}
		}
		if len(over) == 0 {
			continue
		}
		x.Problems = append(x.Problems, Problem{Where: t.Where(first, c.Index),
			Message: fmt.Sprintf(diag.W(
				"cột %q được đọc là tỷ lệ bao phủ (%s), nhưng %d dòng ghi trên 100 (%s); tỷ lệ bao phủ không vượt quá 100 %%",
				"column %q is read as a coverage rate (%s), but %d rows are above 100 (%s); a coverage rate cannot exceed 100 %%").In(lang),
				c.Header, c.Key(), len(over), rowsText(over, lang)),
			Hint: fmt.Sprintf(diag.W(
				"nếu cột là tỷ lệ so với kế hoạch, tiêu đề như \"Tỷ lệ %% so KH\" hay \"%% so kế hoạch\" được nhập thành share.%s; nếu không cần cột này, thêm --skip-column %s",
				"if the column is a share of plan, a header such as \"Tỷ lệ %% so KH\" or \"%% so kế hoạch\" is imported as share.%s; if the column is not needed, add --skip-column %s").In(lang),
				c.Ind.ID, columnLetter(c.Index))})
	}
}

// rowsOf is r as a list: none when r is nil.
func rowsOf(r *row) []row {
	if r == nil {
		return nil
	}
	return []row{*r}
}

// checkShares compares each percentage column of an indicator with its result ÷ its
// target, both in the table ("5=4/3"), beyond the rounding of the digits written. A share
// of plan that differs is warned of at its cell (a column read as another, or a figure
// mistyped); a coverage rate that equals it in every row is a share of plan under a
// header that reads as a rate ("Tỷ lệ (%)" beside "Kế hoạch" and "Thực hiện"), warned of
// at its header. Both are imported as written.
func (x *extraction) checkShares(t *Table, lang string) {
	for _, pc := range x.Columns {
		if pc.Ind == nil || pc.Aside || pc.Measure == valueOf {
			continue
		}
		val := x.column(pc.Ind, func(c column) bool { return c.Measure == valueOf && !c.Aside })
		goal := x.column(pc.Ind, func(c column) bool { return c.Measure == valueOf && isStatedTarget(c) })
		if val == nil || goal == nil {
			continue
		}
		same, differ, first := x.sharesOf(pc, *val, *goal, lang)
		switch {
		case pc.Measure == shareOf && len(differ) > 0:
			x.Warnings = append(x.Warnings, Problem{Where: t.Where(first, pc.Index),
				Message: fmt.Sprintf(diag.W(
					"cột %q: tỷ lệ so kế hoạch không bằng cột %q ÷ cột %q ở %d dòng (%s)",
					"column %q: the share of plan is not column %q ÷ column %q in %d rows (%s)").In(lang),
					pc.Header, val.Header, goal.Header, len(differ), rowsText(differ, lang)),
				Hint: diag.W("vẫn nhập đúng như bảng; hãy đối chiếu bảng gốc: một cột có thể bị đọc nhầm, hoặc một số bị gõ nhầm",
					"imported as written; check the source table: a column may be read as another, or a figure mistyped").In(lang)})
		case pc.Measure == rateOf && same > 0 && len(differ) == 0:
			x.Warnings = append(x.Warnings, Problem{Where: t.Where(x.head, pc.Index),
				Message: fmt.Sprintf(diag.W(
					"cột %q được đọc là tỷ lệ bao phủ (%s), nhưng ở cả %d dòng nó bằng cột %q ÷ cột %q: có phải là tỷ lệ so kế hoạch?",
					"column %q is read as a coverage rate (%s), but in all %d rows it is column %q ÷ column %q: is it a share of plan?").In(lang),
					pc.Header, pc.Key(), same, val.Header, goal.Header),
				Hint: fmt.Sprintf(diag.W(
					"tiêu đề như \"Tỷ lệ %% so KH\" hay \"%% so kế hoạch\" được nhập thành share.%s; nếu không cần cột này, thêm --skip-column %s",
					"a header such as \"Tỷ lệ %% so KH\" or \"%% so kế hoạch\" is imported as share.%s; if the column is not needed, add --skip-column %s").In(lang),
					pc.Ind.ID, columnLetter(pc.Index))})
		}
	}
}

// sharesOf compares column pc of each row of figures with its val ÷ goal × 100: how many
// rows agree, the rows that differ, and the first of those.
func (x *extraction) sharesOf(pc, val, goal column, lang string) (same int, differ []string, first int) {
	first = -1
	for _, r := range slices.Concat(rowsOf(x.Total), x.Rows) {
		s, ok1 := r.Values[pc.Key()]
		v, ok2 := r.Values[val.Key()]
		g, ok3 := r.Values[goal.Key()]
		if !ok1 || !ok2 || !ok3 || g.V == 0 {
			continue
		}
		computed := v.V / g.V * 100
		if model.SharesAgree(model.Known(s.V, model.WrittenDecimals(s.Plain)), model.Known(computed, 2)) {
			same++
			continue
		}
		differ = append(differ, fmt.Sprintf(diag.W("dòng %d: %s, mà %s ÷ %s = %s", "row %d: %s, while %s ÷ %s = %s").In(lang),
			r.Index+1, human(s.V, lang), human(v.V, lang), human(g.V, lang), human(math.Round(computed*100)/100, lang)))
		if first < 0 || r.Index < first {
			first = r.Index
		}
	}
	return same, differ, first
}

// column is the first column of figures of ind passing test, or nil.
func (x *extraction) column(ind *model.Indicator, test func(column) bool) *column {
	for i, c := range x.Columns {
		if c.Ind == ind && test(c) {
			return &x.Columns[i]
		}
	}
	return nil
}
