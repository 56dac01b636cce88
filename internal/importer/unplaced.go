package importer

import (
	"fmt"
	"strings"

	"github.com/covsite/covsite/internal/diag"
)

// resultTitleWords, in a sheet's title block (the rows above its header), say it reports
// results: "BÁO CÁO KẾT QUẢ …", "(Số liệu đến ngày 31/10/2026)", "Lũy kế đến …".
var resultTitleWords = []string{"ket qua", "so lieu den", "so lieu tinh den", "tinh den ngay", "luy ke", "uoc thuc hien"}

// planTitleWords, in a title block, say it sets targets ("KẾ HOẠCH THỰC HIỆN CHỈ TIÊU …",
// "GIAO CHỈ TIÊU …"): such a title says nothing of results, whatever else it says.
var planTitleWords = []string{"ke hoach", "chi tieu", "giao"}

// resultsEvidence is what tells that a sheet imported as a plan's targets (--plan) reports
// results: the first column whose header names a side (its results, or the targets it
// states beside them) or a share of plan, else the title block's words; "" when the sheet
// says nothing either way — a table of figures under indicators' names alone, as a plan's
// annex gives them, is read as targets.
func (x *extraction) resultsEvidence(t *Table, top int, lang string) string {
	for _, c := range x.Columns {
		if c.Ind != nil && (c.Side != eitherSide || c.Measure == shareOf) {
			return fmt.Sprintf(diag.W("cột %s %q", "column %s %q").In(lang), columnLetter(c.Index), c.Header)
		}
	}
	var titles []string // the title block's rows, each one's texts joined
	for r := 0; r < top && r < len(t.Rows); r++ {
		var texts []string
		for _, c := range t.Rows[r] {
			if s := strings.TrimSpace(c.Text); !c.Merged && s != "" {
				texts = append(texts, s)
			}
		}
		titles = append(titles, strings.Join(texts, " "))
	}
	if saysAny(strings.Join(titles, " "), planTitleWords) {
		return ""
	}
	for _, title := range titles {
		if saysAny(title, resultTitleWords) {
			return fmt.Sprintf(diag.W("tiêu đề %q", "the title %q").In(lang), title)
		}
	}
	return ""
}

// saysAny reports whether text holds one of words (folded, whole words).
func saysAny(text string, words []string) bool {
	n := " " + norm(text) + " "
	for _, w := range words {
		if strings.Contains(n, " "+w+" ") {
			return true
		}
	}
	return false
}

// unplacedColumns refuses, in a plan's import, the columns of figures whose header does
// not say they hold targets when the sheet reports results: read as targets, a results
// sheet's "Số người tham gia" would become a plan of wrong figures. Each is reported at its
// header, with the evidence and the three ways out: label it, import the sheet as results,
// or leave the column out.
func (x *extraction) unplacedColumns(t *Table, top, h int, lang string) {
	evidence := x.resultsEvidence(t, top, lang)
	if evidence == "" {
		return
	}
	for _, c := range x.Columns {
		if c.Ind == nil || c.Aside || c.Side != eitherSide {
			continue
		}
		x.Problems = append(x.Problems, Problem{Where: t.Where(h, c.Index),
			Message: fmt.Sprintf(diag.W(
				"không biết đặt cột %q vào đâu: tiêu đề không ghi đó là chỉ tiêu, mà bảng là bảng kết quả (%s)",
				"cannot place column %q: its header does not say it holds targets, and the sheet reports results (%s)").In(lang), c.Header, evidence),
			Hint: fmt.Sprintf(diag.W(
				"nếu cột là chỉ tiêu, ghi \"Kế hoạch\" hoặc \"Chỉ tiêu\" vào tiêu đề của nó; nếu là kết quả, nhập bảng bằng --result NGÀY --source \"…\" --publisher \"…\" thay cho --plan; nếu không cần nhập cột này, thêm --skip-column %s",
				"if the column holds targets, write \"Kế hoạch\" or \"Chỉ tiêu\" in its header; if it holds results, import the sheet with --result DATE --source \"…\" --publisher \"…\" instead of --plan; if the column is not to be imported, add --skip-column %s").In(lang), columnLetter(c.Index))})
	}
}
