package importer

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/model"
)

// A results file's [source] as import writes it: only what the request says. Its date of
// publication is the --published flag's, or the date the --source text states ("Báo cáo
// số 130/BC-BHXH ngày 5/10/2023"), never the date of the figures; its publisher and title
// are required, as check requires them (missing-key, empty-text).

// statedDate finds the date a document's title states: "ngày 5/10/2023", "ngày 05-10-2023",
// "ngày 5 tháng 10 năm 2023". ok is false when it states none, or one that does not exist.
var statedDate = []*regexp.Regexp{
	regexp.MustCompile(`(?i)ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})`),
	regexp.MustCompile(`(?i)ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})`),
}

func sourceDate(title string) (d date.Date, stated string, ok bool) {
	for _, re := range statedDate {
		m := re.FindStringSubmatch(title)
		if m == nil {
			continue
		}
		var day, month, year int
		fmt.Sscan(m[1], &day)
		fmt.Sscan(m[2], &month)
		fmt.Sscan(m[3], &year)
		d, err := date.Parse(fmt.Sprintf("%04d-%02d-%02d", year, month, day))
		if err != nil {
			return date.Date{}, "", false
		}
		return d, m[0], true
	}
	return date.Date{}, "", false
}

// published is the date of publication a results file gets, and the warning that says
// where it comes from or that there is none: the flag's, the one --source states, or
// none (the key is written commented out).
func published(opts Options) (date.Date, *Problem) {
	if !opts.Published.IsZero() {
		return opts.Published, nil
	}
	if d, stated, ok := sourceDate(opts.Report); ok {
		return d, &Problem{Message: fmt.Sprintf(diag.W(
			"published = %s: ngày văn bản ghi trong --source (%q)",
			"published = %s: the date --source states (%q)").In(opts.Lang), d, stated),
			Hint: diag.W("nếu văn bản được công bố ngày khác, dùng --published", "if the document was published on another day, pass --published").In(opts.Lang)}
	}
	return date.Date{}, &Problem{Message: diag.W(
		"không ghi published: --source không nêu ngày công bố và --published không được dùng",
		"published is left out: --source states no date and --published was not given").In(opts.Lang),
		Hint: diag.W("nếu văn bản có ghi ngày công bố, thêm --published YYYY-MM-DD", "if the document gives its date of publication, pass --published YYYY-MM-DD").In(opts.Lang)}
}

// missingSource says which required flag a results import lacks (--source, --publisher),
// or nil: import refuses before writing, as check would refuse the file.
func missingSource(opts Options) Problems {
	var out Problems
	if strings.TrimSpace(opts.Report) == "" {
		out = append(out, Problem{Message: diag.W(
			"hãy cho biết số liệu lấy từ văn bản nào: --source \"…\"",
			"say which document the results come from: --source \"…\"").In(opts.Lang)})
	}
	if strings.TrimSpace(opts.Publisher) == "" {
		out = append(out, Problem{Message: diag.W(
			"hãy cho biết cơ quan công bố văn bản: --publisher \"…\" (ví dụ --publisher \"BHXH tỉnh Trà Vinh\"); [source] không có publisher thì covsite check báo lỗi",
			"say who published the document: --publisher \"…\" (e.g. --publisher \"BHXH tỉnh Trà Vinh\"); a [source] without a publisher does not pass covsite check").In(opts.Lang)})
	}
	if len(out) > 0 {
		out = append(out, Problem{Message: diag.W("chưa ghi gì", "nothing was written").In(opts.Lang)})
	}
	return out
}

// partialTable warns when a table with a total row lists only some of the parent's
// children that existed on day: its total row is written as the whole parent's figure,
// which it is only if the document's total counts every child, not just the table's rows.
func partialTable(x *extraction, parent *model.Locality, day date.Date, lang string) *Problem {
	if x.Total == nil || len(x.Rows) == 0 {
		return nil
	}
	existing := 0
	for _, c := range parent.Children {
		if day.IsZero() && !c.Ended() || !day.IsZero() && c.ExistedOn(day) {
			existing++
		}
	}
	if len(x.Rows) >= existing {
		return nil
	}
	return &Problem{Message: fmt.Sprintf(diag.W(
		"bảng có %d trong %d đơn vị trực thuộc %s; dòng tổng được ghi là số của cả %s",
		"the table has %d of the %d localities below %s; its total row is written as the whole of %s").In(lang),
		len(x.Rows), existing, parent.ID, parent.ID),
		Hint: fmt.Sprintf(diag.W(
			"nếu dòng tổng chỉ cộng các dòng của bảng chứ không phải số của cả %s, xóa dòng của %s khỏi tệp vừa ghi",
			"if the total row adds only the table's rows and is not the whole of %s, delete the row of %s from the file written").In(lang),
			parent.ID, parent.ID)}
}
