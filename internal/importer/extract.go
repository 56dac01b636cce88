package importer

import (
	"math"
	"strings"

	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/textutil"
)

// row is one row of figures of the table.
type row struct {
	Index    int    // 0-based row of the table
	Label    string // the name as written
	Locality *model.Locality
	Total    bool
	Values   map[string]number // data file key → figure
	Note     string
}

// extraction is what a table holds, matched to the site.
type extraction struct {
	Columns  []column
	Rows     []row // the rows of localities below the parent, in table order
	Total    *row  // the total row (or the parent's own row), if any
	Unknown  []row // rows whose name matched no locality
	Problems Problems
	Warnings []Problem
}

// maxHeaderRow bounds how far down the header row is looked for, past titles and notes.
const maxHeaderRow = 20

// extract reads t: finds the header row, matches its columns to indicators and its rows
// to localities below m.parent, reads every figure and checks the total row.
func extract(t *Table, site *model.Site, m *localityMatcher, lang string) *extraction {
	x := &extraction{}
	h := headerRow(t, site)
	if h < 0 {
		names := indicatorNames(site)
		x.Problems = append(x.Problems, Problem{Where: t.Name, Message: tr(lang,
			"no column header names an indicator", "không tiêu đề cột nào là tên một chỉ số"),
			Hint: tr(lang, "headers such as %s", "tiêu đề cột như %s", strings.Join(names[:min(8, len(names))], ", "))})
		return x
	}
	x.columns(t, site, h, lang)
	for r := h + 1; r < len(t.Rows); r++ {
		x.readRow(t, r, m, lang)
	}
	x.checkTotal(lang)
	return x
}

// headerRow is the row, among the first maxHeaderRow, naming the most indicators; -1 if
// none names any.
func headerRow(t *Table, site *model.Site) int {
	best, bestN := -1, 0
	for r := 0; r < len(t.Rows) && r < maxHeaderRow; r++ {
		n := 0
		for _, c := range t.Rows[r] {
			if ind, _ := matchHeader(site, c.Text); ind != nil {
				n++
			}
		}
		if n > bestN {
			best, bestN = r, n
		}
	}
	return best
}

// columns classifies each column of the header row h.
func (x *extraction) columns(t *Table, site *model.Site, h int, lang string) {
	seen := map[string]int{}
	for i, c := range t.Rows[h] {
		col := column{Index: i, Header: c.Text}
		switch {
		case c.Text == "":
			continue
		case isLabelHeader(c.Text):
			col.Label = true
		case norm(c.Text) == "ghi chu" || norm(c.Text) == "note":
			col.Header = "note"
		default:
			col.Ind, col.Rate = matchHeader(site, c.Text)
		}
		if col.Ind == nil && !col.Label && col.Header != "note" {
			if columnHasNumbers(t, h, i) {
				x.Problems = append(x.Problems, Problem{Where: t.Where(h, i),
					Message: tr(lang, "column %q names no indicator", "cột %q không phải tên chỉ số nào", c.Text),
					Hint:    tr(lang, "closest: %s; rename the column", "gần nhất: %s; hãy sửa tiêu đề cột", strings.Join(textutil.Ranked(c.Text, indicatorNames(site), 3), ", "))})
			}
			continue
		}
		if col.Ind != nil {
			if prev, dup := seen[col.Key()]; dup {
				x.Problems = append(x.Problems, Problem{Where: t.Where(h, i),
					Message: tr(lang, "column %q is %s, like column %d", "cột %q là %s, trùng với cột %d", c.Text, col.Key(), prev+1)})
				continue
			}
			seen[col.Key()] = i
		}
		x.Columns = append(x.Columns, col)
	}
	if !x.hasLabel() {
		x.guessLabel(t, h)
	}
}

func (x *extraction) hasLabel() bool {
	for _, c := range x.Columns {
		if c.Label {
			return true
		}
	}
	return false
}

// guessLabel takes the first column holding mostly text below the header as the names.
func (x *extraction) guessLabel(t *Table, h int) {
	for i := range t.Rows[h] {
		if x.isFigureColumn(i) {
			continue
		}
		text, nums := 0, 0
		for r := h + 1; r < len(t.Rows); r++ {
			c := cellAt(t, r, i)
			if _, ok, err := parseCell(c, false); ok && err == nil {
				nums++
			} else if c.Text != "" {
				text++
			}
		}
		if text > nums {
			x.Columns = append(x.Columns, column{Index: i, Header: cellAt(t, h, i).Text, Label: true})
			return
		}
	}
}

func (x *extraction) isFigureColumn(i int) bool {
	for _, c := range x.Columns {
		if c.Index == i && c.Ind != nil {
			return true
		}
	}
	return false
}

func columnHasNumbers(t *Table, h, i int) bool {
	for r := h + 1; r < len(t.Rows); r++ {
		if _, ok, err := parseCell(cellAt(t, r, i), false); ok && err == nil {
			return true
		}
	}
	return false
}

func cellAt(t *Table, r, c int) Cell {
	if r < len(t.Rows) && c < len(t.Rows[r]) {
		return t.Rows[r][c]
	}
	return Cell{}
}

// readRow reads row r: its name, its figures, and which locality it is.
func (x *extraction) readRow(t *Table, r int, m *localityMatcher, lang string) {
	rw := row{Index: r, Values: map[string]number{}}
	labelCol, total := -1, false
	for _, col := range x.Columns {
		c := cellAt(t, r, col.Index)
		switch {
		case col.Label:
			if isTotalLabel(c.Text) {
				total = true
			}
			if isName(c.Text) && rw.Label == "" {
				rw.Label, labelCol = c.Text, col.Index
			}
		case col.Header == "note":
			rw.Note = c.Text
		default:
			x.readFigure(t, r, col, &rw, lang)
		}
	}
	if len(rw.Values) == 0 {
		return // blank, a heading inside the table, or a note below it
	}
	switch {
	case total || rw.Label != "" && norm(rw.Label) == norm(m.parent.Name.VI):
		x.setTotal(t, rw, lang)
	case rw.Label == "":
		x.Problems = append(x.Problems, Problem{Where: t.Where(r, 0),
			Message: tr(lang, "row %d has figures but no name", "dòng %d có số liệu nhưng không có tên đơn vị", r+1)})
	default:
		x.addLocalityRow(t, rw, labelCol, m, lang)
	}
}

// isName is true for a cell that can name a row: text that is not a number (STT).
func isName(s string) bool {
	if s == "" {
		return false
	}
	_, _, err := parseCell(Cell{Text: s}, false)
	return err != nil
}

// readFigure reads the cell of col in row r into rw.
func (x *extraction) readFigure(t *Table, r int, col column, rw *row, lang string) {
	c := cellAt(t, r, col.Index)
	n, ok, err := parseCell(c, col.Rate)
	switch {
	case err != nil:
		x.Problems = append(x.Problems, Problem{Where: t.Where(r, col.Index),
			Message: tr(lang, "%q in column %q is not a number", "%q ở cột %q không phải là số", c.Text, col.Header),
			Hint:    tr(lang, "write 1.888 or 1888, and 29,72 for decimals", "viết 1.888 hoặc 1888; số thập phân viết 29,72")})
	case !ok:
	case !col.Rate && col.Ind.Unit.Whole() && n.V != math.Trunc(n.V):
		x.Problems = append(x.Problems, Problem{Where: t.Where(r, col.Index),
			Message: tr(lang, "%s in column %q is not a whole number of %s", "%s ở cột %q không phải số nguyên (%s)", c.Text, col.Header, col.Ind.ID),
			Hint:    tr(lang, "a count of people has no decimals; 1.888 means one thousand eight hundred and eighty-eight", "số người không có phần thập phân; 1.888 nghĩa là một nghìn tám trăm tám mươi tám")})
	default:
		rw.Values[col.Key()] = n
	}
}

// setTotal records the total row, which stands for the parent.
func (x *extraction) setTotal(t *Table, rw row, lang string) {
	if x.Total != nil {
		x.Problems = append(x.Problems, Problem{Where: t.Where(rw.Index, 0),
			Message: tr(lang, "a second total row (the first is row %d)", "dòng tổng thứ hai (dòng tổng đầu tiên là dòng %d)", x.Total.Index+1)})
		return
	}
	rw.Total = true
	x.Total = &rw
}

// addLocalityRow matches a row's name to a locality below the parent.
func (x *extraction) addLocalityRow(t *Table, rw row, col int, m *localityMatcher, lang string) {
	rw.Locality = m.match(rw.Label)
	if rw.Locality == nil {
		x.Unknown = append(x.Unknown, rw)
		x.Problems = append(x.Problems, Problem{Where: t.Where(rw.Index, col),
			Message: tr(lang, "%q is not a locality below %s", "%q không phải đơn vị nào thuộc %s", rw.Label, m.parent.ID),
			Hint: tr(lang, "closest: %s — correct the name in the table, or add the locality to data/localities/",
				"gần nhất: %s — sửa tên trong bảng, hoặc thêm đơn vị vào data/localities/", strings.Join(m.suggest(rw.Label), "; ")),
			unknownName: true})
		return
	}
	for _, o := range x.Rows {
		if o.Locality == rw.Locality {
			x.Problems = append(x.Problems, Problem{Where: t.Where(rw.Index, col),
				Message: tr(lang, "%q is %s again (already row %d)", "%q lại là %s (đã có ở dòng %d)", rw.Label, rw.Locality.ID, o.Index+1)})
			return
		}
	}
	x.Rows = append(x.Rows, rw)
}

// checkTotal compares the total row with the sum of the other rows, column by column. A
// difference is a warning: tables published by offices do not always add up, and the total
// is imported as written.
func (x *extraction) checkTotal(lang string) {
	if x.Total == nil {
		return
	}
	for _, col := range x.Columns {
		if col.Ind == nil || col.Rate || col.Ind.Unit == model.Percent {
			continue
		}
		tot, ok := x.Total.Values[col.Key()]
		if !ok {
			continue
		}
		sum, n := 0.0, 0
		for _, rws := range [][]row{x.Rows, x.Unknown} {
			for _, r := range rws {
				if v, ok := r.Values[col.Key()]; ok {
					sum, n = sum+v.V, n+1
				}
			}
		}
		if n == 0 || math.Abs(sum-tot.V) < 1e-9 {
			continue
		}
		x.Warnings = append(x.Warnings, Problem{
			Message: tr(lang, "column %q (%s): the total row says %s but the rows add up to %s (difference %s)",
				"cột %q (%s): dòng tổng ghi %s nhưng cộng các dòng được %s (chênh %s)",
				col.Header, col.Key(), human(tot.V, lang), human(sum, lang), human(tot.V-sum, lang)),
			Hint: tr(lang, "imported as written; the site notes the difference — check the source table",
				"vẫn nhập đúng như bảng; trang sẽ ghi chú chênh lệch — hãy đối chiếu bảng gốc")})
	}
}
