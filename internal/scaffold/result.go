package scaffold

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/textutil"
)

// Result asks for a new results file.
type Result struct {
	Locality string    // the locality id the results are for
	AsOf     date.Date // the date the figures are as of
}

// NewResult writes data/results/<locality>-<date>.toml under source: a [source] table to
// fill in and one [[result]] row listing every indicator as a commented line, with the
// targets in force for the locality on that date as comments. site is the checked model
// (build.Check). It returns the path relative to source; msgLang is the language of errors.
func NewResult(source string, site *model.Site, r Result, msgLang string) (string, error) {
	l := site.Locality(r.Locality)
	if l == nil {
		return "", unknownLocality(site, r.Locality, msgLang)
	}
	if d := model.AfterEnd(l, r.AsOf); d != nil {
		return "", endedLocality(l, r.AsOf, d, msgLang)
	}
	rel := path.Join("data/results", l.ID+"-"+r.AsOf.String()+".toml")
	err := writeNew(source, rel, resultText(site, l, r.AsOf, msgLang), diag.W(
		"đã có tệp kết quả cho địa phương và ngày này, tệp được giữ nguyên — hãy điền số liệu vào tệp đó, hoặc chọn --date khác",
		"a results file for this locality and date already exists and was left as it is — add the figures there, or choose another --date").In(msgLang))
	return rel, err
}

// unknownLocality explains an id that names no locality, with the closest ids.
func unknownLocality(site *model.Site, id, lang string) error {
	ids := make([]string, 0, len(site.Localities))
	for _, l := range site.Localities {
		ids = append(ids, l.ID)
	}
	near := strings.Join(textutil.Ranked(id, ids, 3), ", ")
	return errors.New(diag.W(
		fmt.Sprintf("không có địa phương nào có id %q — có phải: %s? (id nằm trong data/localities/)", id, near),
		fmt.Sprintf("there is no locality with id %q — did you mean: %s? (ids are in data/localities/)", id, near)).In(lang))
}

// endedLocality explains why no result of l can be dated asOf, which is after l ended
// (d, the check's result-after-end), and what to run instead.
func endedLocality(l *model.Locality, asOf date.Date, d *diag.Diagnostic, lang string) error {
	hint := diag.W(
		fmt.Sprintf("kiểm tra --date: số liệu của %s chỉ có đến ngày %s", l.ID, l.Until),
		fmt.Sprintf("check --date: %s has figures only up to %s", l.ID, l.Until))
	if s := l.Successor; s != nil {
		hint = diag.W(
			fmt.Sprintf("số liệu của địa phương mới: covsite new result --locality %s --date %s; hoặc sửa --date (đến %s)", s.ID, asOf, l.Until),
			fmt.Sprintf("for the new locality's figures: covsite new result --locality %s --date %s; or correct --date (up to %s)", s.ID, asOf, l.Until))
	}
	return errors.New(d.Message(lang) + " — " + hint.In(lang))
}

// resultText is the skeleton. Keys a person must fill in are left commented out, so
// `covsite check` points at them until they are written.
func resultText(site *model.Site, l *model.Locality, asOf date.Date, lang string) []byte {
	var b strings.Builder
	w := func(en, vi string, args ...any) { fmt.Fprintf(&b, diag.W(vi, en).In(lang), args...) }
	w("# Results for %s (%s) as of %s.\n", "# Kết quả của %s (%s) đến ngày %s.\n", l.Name, l.ID, formatDate(asOf, lang))
	w("# 1. Fill in [source]: remove the # before title, published and publisher and write them.\n",
		"# 1. Điền [source]: bỏ dấu # trước title, published, publisher rồi điền vào.\n")
	w("# 2. For each figure in the document, remove the # and write the number with no dots:\n",
		"# 2. Với mỗi con số có trong văn bản, bỏ dấu # và viết số liền, không dấu chấm:\n")
	w("#    10324 or 10_324 (not 10.324); rates with a decimal point: 94.44 (not 94,44).\n",
		"#    10324 hoặc 10_324 (không viết 10.324); tỷ lệ dùng dấu chấm thập phân: 94.44 (không viết 94,44).\n")
	w("# 3. Run: covsite check\n\n", "# 3. Chạy: covsite check\n\n")
	b.WriteString("[source]\n")
	w("# title = \"…\"           # the document's title, e.g. \"Report 123/BC-BHXH on the first half of 2023\"\n",
		"# title = \"…\"           # tên văn bản, ví dụ \"Báo cáo số 123/BC-BHXH kết quả 6 tháng đầu năm 2023\"\n")
	w("kind = \"report\"          # report, news, conference or decision\n",
		"kind = \"report\"          # report (báo cáo), news (tin bài), conference (hội nghị) hoặc decision (quyết định)\n")
	w("# published = %s   # the day the document was published, only if it gives one\n", "# published = %s   # ngày văn bản được công bố, chỉ khi văn bản có ghi\n", asOf)
	w("# publisher = \"…\"       # who published it\n", "# publisher = \"…\"       # cơ quan công bố\n")
	w("# url = \"https://…\"     # where to read it, if online\n\n", "# url = \"https://…\"     # địa chỉ đọc văn bản, nếu có\n\n")
	b.WriteString("[[result]]\n")
	fmt.Fprintf(&b, "locality = %s\nas_of = %s\n", textutil.TOMLString(l.ID), asOf)
	w("# where = \"…\"           # where the figures stand in the document, e.g. \"Table 2, row Ward 1\"\n",
		"# where = \"…\"           # vị trí các con số trong văn bản, ví dụ \"Bảng 2, dòng Phường 1\"\n")
	targets := currentTargets(site, l, asOf)
	writePlanLine(&b, targets, asOf, lang)
	w("# set_by = \"…\"          # who the document says set the targets it compares with, in its words; none if it does not say\n",
		"# set_by = \"…\"          # cơ quan mà văn bản nói đã giao chỉ tiêu đem ra so, đúng lời văn bản; bỏ trống nếu văn bản không nói\n")
	for _, ind := range site.Indicators {
		writeIndicatorLines(&b, ind, targets[ind], asOf, lang)
	}
	return []byte(b.String())
}

// currentTargets returns, per indicator, the targets for l in force on asOf, or else those
// of the latest period that ended before it. Targets implied from results are left out.
func currentTargets(site *model.Site, l *model.Locality, asOf date.Date) map[*model.Indicator][]*model.Target {
	out := map[*model.Indicator][]*model.Target{}
	for _, ind := range site.Indicators {
		var inForce, latest []*model.Target
		for _, t := range site.TargetsFor(l, ind) {
			switch {
			case t.Implied:
			case t.Period.Contains(asOf):
				inForce = append(inForce, t)
			case t.Period.End.Before(asOf) && (len(latest) == 0 || t.Period.End.After(latest[0].Period.End)):
				latest = []*model.Target{t}
			}
		}
		if len(inForce) == 0 {
			inForce = latest
		}
		out[ind] = inForce
	}
	return out
}

// writePlanLine suggests the plans whose targets the figures answer: those whose period
// holds asOf (a result compared with another plan is an error, as-of-outside-plan). When
// the locality's targets are all of other periods, it says so instead.
func writePlanLine(b *strings.Builder, targets map[*model.Indicator][]*model.Target, asOf date.Date, lang string) {
	seen := map[string]bool{}
	var ids, others []string
	for _, ts := range targets {
		for _, t := range ts {
			if seen[t.Plan.ID] {
				continue
			}
			seen[t.Plan.ID] = true
			if t.Plan.Period.Contains(asOf) {
				ids = append(ids, textutil.TOMLString(t.Plan.ID))
			} else {
				others = append(others, t.Plan.ID+diag.W(": kỳ ", ": period ").In(lang)+t.Plan.Period.Text)
			}
		}
	}
	if len(ids) == 0 {
		if len(others) > 0 {
			slices.Sort(others)
			fmt.Fprintf(b, diag.W(
				"# không kế hoạch nào có kỳ chứa ngày %s (%s), nên không gợi ý plan = …; chỉ ghi plan khi văn bản so với một kế hoạch có kỳ chứa ngày này\n",
				"# no plan's period holds %s (%s), so no plan = … is suggested; write plan only when the document compares with a plan whose period holds that day\n").In(lang),
				asOf, strings.Join(others, ", "))
		}
		return
	}
	slices.Sort(ids)
	fmt.Fprintf(b, "# plan = %s   %s\n", strings.Join(ids, ", "), diag.W(
		"# kế hoạch mà văn bản so sánh; cần khi có dòng share.…",
		"# the plan(s) the document compares with; needed for share.… lines").In(lang))
}

// writeIndicatorLines writes the commented value line of ind (and its rate line when it has
// a denominator), with its current targets (those of a period before asOf said to be past).
func writeIndicatorLines(b *strings.Builder, ind *model.Indicator, targets []*model.Target, asOf date.Date, lang string) {
	name := ind.Name.In(lang)
	fmt.Fprintf(b, "\n# %s\n", name)
	fmt.Fprintf(b, "# %s =\n", ind.ID)
	if ind.Base != model.NoBase {
		fmt.Fprintf(b, "# rate.%s =   %s\n", ind.ID, diag.W("# tỷ lệ bao phủ, %", "# coverage rate, %").In(lang))
	}
	for _, t := range targets {
		past := ""
		if !t.Period.Contains(asOf) {
			past = diag.W(" — kỳ đã qua, chỉ để đối chiếu", " — a past period, for comparison only").In(lang)
		}
		fmt.Fprintf(b, "#   %s%s\n", describeTarget(t, lang), past)
	}
}

// describeTarget says a target in one line: "target 2023: 10_324, rate 94.44 % (plan-id)".
func describeTarget(t *model.Target, lang string) string {
	var parts []string
	if t.Value.Known {
		parts = append(parts, plainNumber(t.Value.V))
	}
	if t.Rate.Known {
		parts = append(parts, diag.W("tỷ lệ ", "rate ").In(lang)+plainNumber(t.Rate.V)+" %")
	}
	per := ""
	switch t.Per {
	case "month":
		per = diag.W(" mỗi tháng", " per month").In(lang)
	case "quarter":
		per = diag.W(" mỗi quý", " per quarter").In(lang)
	}
	derived := ""
	if t.Derived {
		derived = diag.W(", cộng từ các thành phần", ", the sum of its parts").In(lang)
	}
	return fmt.Sprintf("%s %s: %s%s (%s%s)", diag.W("chỉ tiêu", "target").In(lang), t.Period.Text,
		strings.Join(parts, ", "), per, t.Plan.ID, derived)
}

// plainNumber writes v as TOML accepts it: 10_324, 94.44.
func plainNumber(v float64) string {
	return load.Underscored(strconv.FormatFloat(v, 'f', -1, 64))
}
