package importer

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/textutil"
)

// row is one row of figures of the table.
type row struct {
	Index    int    // 0-based row of the table
	Label    string // the name as written
	Locality *model.Locality
	Total    bool
	Group    groupEnd          // a subtotal: where its group's rows are; noGroup for any other row
	Values   map[string]number // data file key → figure
	Cells    map[string]Cell   // data file key → the cell it was read from
	Note     string
}

// extraction is what a table holds, matched to the site.
type extraction struct {
	Columns  []column
	Rows     []row           // the rows of localities below the parent, in table order
	Total    *row            // the total row (or the parent's own row), if any
	Unknown  []row           // rows whose name matched no locality
	Deeper   []row           // rows of localities below a child of the parent, not its children
	Groups   []group         // the subtotal and section rows ("I | Các phường"), each with its group's rows
	Skipped  []skippedColumn // the columns --skip-column left out
	against  *model.Plan     // the plan a table of results is compared with (comparedPlan), or nil
	head     int             // the last row of the header, where messages about a column point
	Problems Problems
	Warnings []Problem
}

// maxHeaderRow bounds how far down the header row is looked for, past titles and notes.
const maxHeaderRow = 20

// maxHeaderRows is how many rows a header may take: "BHXH" over "Bắt buộc | Tự nguyện",
// or "BHYT" over "Số người | Tỷ lệ".
const maxHeaderRows = 3

// reading is how a table is read.
type reading struct {
	Lang    string   // of messages
	Targets bool     // the import writes a plan's targets (--plan), not results (--result)
	Skip    []string // --skip-column: columns left out on purpose, by letter or header
}

// extract reads t: finds the header rows, matches its columns to indicators and its rows
// to localities below m.parent, reads every figure and checks the total row.
func extract(t *Table, site *model.Site, m *localityMatcher, rd reading) *extraction {
	lang := rd.Lang
	x := &extraction{}
	hs := newHeaders(site)
	top, h := headerRows(t, hs)
	if h < 0 {
		names := indicatorNames(site)
		x.Problems = append(x.Problems, Problem{Where: t.Name, Message: diag.W(
			"không tiêu đề cột nào là tên một chỉ số",
			"no column header names an indicator").In(lang),
			Hint: fmt.Sprintf(diag.W("tiêu đề cột như %s", "headers such as %s").In(lang), strings.Join(names[:min(8, len(names))], ", "))})
		return x
	}
	x.head = h
	x.columns(t, site, hs, top, h, rd)
	first := h + 1
	for first < len(t.Rows) && first <= h+2 && isColumnNumberRow(t.Rows[first]) {
		first++ // "A | B | 1 | 2 | 3": the columns' numbers, under the header
	}
	for r := first; r < len(t.Rows); r++ {
		x.readRow(t, r, m, lang)
	}
	x.checkDeeper(t, m, lang)
	x.checkRates(t, lang)
	x.checkShares(t, lang)
	x.checkTotal(t, lang)
	x.checkGroups(t, lang)
	return x
}

// headerRows finds the header: rows top to h, h the last. The first row, among the first
// maxHeaderRow, naming the most indicators starts it; the rows right below it that name
// more (the "Bắt buộc | Tự nguyện" under a merged "BHXH") and hold no figures continue it.
// h is -1 if no row names an indicator.
func headerRows(t *Table, hs *headers) (top, h int) {
	best, bestN := -1, 0
	for r := 0; r < len(t.Rows) && r < maxHeaderRow; r++ {
		if n := headerScore(t, hs, r); n > bestN {
			best, bestN = r, n
		}
	}
	if best < 0 {
		return -1, -1
	}
	h = best
	for h+1 < len(t.Rows) && h+1-best < maxHeaderRows && !hasFigures(t.Rows[h+1]) && headerScore(t, hs, h+1) > 0 {
		h++
	}
	return best, h
}

// headerScore counts the cells of row r, written in that row, that name an indicator
// alone or under the header rows above. A dash ("-", "x") names nothing: it is an empty
// figure.
func headerScore(t *Table, hs *headers, r int) int {
	n := 0
	for i, c := range t.Rows[r] {
		if blank(c.Text) || c.Numeric {
			continue
		}
		if ind, _, _ := headerOf(t, hs, max(0, r-maxHeaderRows+1), r, i); ind != nil {
			n++
		}
	}
	return n
}

// hasFigures reports whether a row holds a number — a spreadsheet's, or one typed as text
// ("98.765", "95,12") — that is not a merged copy: such a row is data, or the column
// numbers under the header, never part of the header.
func hasFigures(cells []Cell) bool {
	for _, c := range cells {
		if c.Merged {
			continue
		}
		if _, ok, err := parseCell(c, false); ok && err == nil {
			return true
		}
	}
	return false
}

// headerTexts are the texts of column i in rows top to h, top first, each once: a cell a
// vertical merge copied repeats the one above. An empty cell of an upper row under which
// the row below has text takes the text of its left neighbour, as a merge across columns
// does in a CSV file, which does not keep merges.
func headerTexts(t *Table, top, h, i int) []string {
	var out []string
	for r := top; r <= h; r++ {
		s := cellAt(t, r, i).Text
		if blank(s) {
			s = "" // a dash is an empty figure, not a header
		}
		if s == "" && r < h && i > 0 && cellAt(t, r+1, i).Text != "" && cellAt(t, r+1, i-1).Text != "" {
			s = cellAt(t, r, i-1).Text
		}
		if s != "" && (len(out) == 0 || out[len(out)-1] != s) {
			out = append(out, s)
		}
	}
	return out
}

// headerOf matches column i of the header rows top to h: the lowest text alone, then with
// the text above it (either way round: "BHXH" over "Bắt buộc", "Số người" under "BHYT"),
// then every text. text is the header as it will be shown; every row of it says the
// column's role (roleOf).
func headerOf(t *Table, hs *headers, top, h, i int) (ind *model.Indicator, r role, text string) {
	texts := headerTexts(t, top, h, i)
	if len(texts) == 0 {
		return nil, role{}, ""
	}
	last := texts[len(texts)-1]
	tries := []string{last}
	if len(texts) >= 2 {
		above := texts[len(texts)-2]
		tries = append(tries, above+" "+last, last+" "+above)
	}
	if len(texts) >= 3 {
		tries = append(tries, strings.Join(texts, " "))
	}
	for _, s := range tries {
		if ind := hs.find(s); ind != nil {
			return ind, roleOf(ind, texts...), s
		}
	}
	return nil, role{}, strings.Join(texts, " ")
}

// columnNumber is what the row under a header numbers the columns with: "A", "B", "1",
// "(2)", "4=2+3", "5=4/3", "(3)=(2)/(1)", "3=2/1*100", "(6)=(5)/(4)x100%".
var columnNumber = regexp.MustCompile(`^` + columnTerm + `(\s*[=+\-*/:÷x×]\s*` + columnTerm + `)*\s*%?$`)

// columnTerm is one column's number, or 100, in brackets or not: "A", "(2)", "100".
const columnTerm = `\(?(?:[A-Z]|[IVX]+|\d{1,2}|100)\)?`

// isColumnNumberRow reports whether a row only numbers the columns above it: every cell is
// a column number, and at least two are.
func isColumnNumberRow(cells []Cell) bool {
	n := 0
	for _, c := range cells {
		switch {
		case c.Text == "":
		case columnNumber.MatchString(c.Text):
			n++
		default:
			return false
		}
	}
	return n >= 2
}

// columns classifies each column of the header rows top to h.
func (x *extraction) columns(t *Table, site *model.Site, hs *headers, top, h int, rd reading) {
	lang := rd.Lang
	seen := map[string]int{}
	inTable := tableZeros(t, top)
	width := 0
	for r := top; r <= h; r++ {
		width = max(width, len(t.Rows[r]))
	}
	used := make([]bool, len(rd.Skip))
	for i := 0; i < width; i++ {
		texts := headerTexts(t, top, h, i)
		ind, r, text := headerOf(t, hs, top, h, i)
		if x.skip(i, texts, text, rd.Skip, used) {
			continue
		}
		if len(texts) == 0 {
			continue
		}
		col := column{Index: i, Header: text}
		switch {
		case ind != nil:
			col.Ind, col.Measure, col.Side = ind, r.measure, r.side
			col.Aside = rd.Targets && (r.side == resultSide || r.measure == shareOf) || !rd.Targets && r.side == targetSide
			if r.measure == valueOf && ind.Unit.Whole() {
				col.Zeros = headerZeros(text)
				if col.Zeros == 0 && !unitSuffix.MatchString(textutil.Fold(text)) {
					col.Zeros = inTable // no unit of its own: the table's "Đơn vị tính"
				}
			}
		case slices.ContainsFunc(texts, isLabelHeader):
			col.Label = true
		case slices.ContainsFunc(texts, func(s string) bool { return norm(s) == "ghi chu" || norm(s) == "note" }):
			col.Header = "note"
		}
		if col.Ind == nil && !col.Label && col.Header != "note" {
			if columnHasNumbers(t, h, i) {
				x.Problems = append(x.Problems, unknownColumn(t, site, h, i, text, lang))
			}
			continue
		}
		if col.Ind != nil {
			if prev, dup := seen[col.Key()]; dup {
				x.Problems = append(x.Problems, Problem{Where: t.Where(h, i),
					Message: fmt.Sprintf(diag.W("cột %q là %s, trùng với cột %d", "column %q is %s, like column %d").In(lang), text, col.Key(), prev+1),
					Hint:    fmt.Sprintf(diag.W("nếu không cần một trong hai cột, thêm --skip-column %s", "if one of the two is not needed, add --skip-column %s").In(lang), columnLetter(i))})
				continue
			}
			seen[col.Key()] = i
		}
		x.Columns = append(x.Columns, col)
	}
	for k, s := range rd.Skip {
		if !used[k] {
			x.Problems = append(x.Problems, Problem{Where: t.Name,
				Message: fmt.Sprintf(diag.W("--skip-column %q: bảng không có cột nào như vậy", "--skip-column %q: the table has no such column").In(lang), s),
				Hint:    diag.W("ghi chữ cái của cột (F) hoặc tiêu đề của nó như trong bảng", "give the column's letter (F) or its header as the table writes it").In(lang)})
		}
	}
	if rd.Targets {
		x.unplacedColumns(t, top, h, lang)
	}
	if !x.hasLabel() {
		x.guessLabel(t, h)
	}
}

// unknownColumn explains a column of figures whose header names no indicator: the closest
// names, what headers are read, and how to leave the column out. It never suggests
// renaming a column into a rate: a share of plan read as a coverage rate would be wrong.
func unknownColumn(t *Table, site *model.Site, h, i int, text, lang string) Problem {
	return Problem{Where: t.Where(h, i),
		Message: fmt.Sprintf(diag.W("cột %q không phải tên chỉ số nào", "column %q names no indicator").In(lang), text),
		Hint: fmt.Sprintf(diag.W(
			"gần nhất: %s — tiêu đề đọc được là tên một chỉ số, một mình hoặc dưới ô gộp mang tên chỉ số: \"Số người tham gia\", \"Tỷ lệ bao phủ (%%)\", \"Thực hiện\", \"Kế hoạch giao\", \"Tỷ lệ %% so KH\"; nếu không cần nhập cột này, thêm --skip-column %s",
			"closest: %s — a header is read when it names an indicator, alone or under a merged cell naming one: \"Số người tham gia\", \"Tỷ lệ bao phủ (%%)\", \"Thực hiện\", \"Kế hoạch giao\", \"Tỷ lệ %% so KH\"; if this column is not to be imported, add --skip-column %s").In(lang),
			strings.Join(textutil.Ranked(text, indicatorNames(site), 3), ", "), columnLetter(i))}
}

// columnLetter is a column's letter as spreadsheets name it: 0 → "A", 5 → "F".
func columnLetter(i int) string {
	name, err := excelize.ColumnNumberToName(i + 1)
	if err != nil {
		return fmt.Sprint(i + 1)
	}
	return name
}

// skip reports whether --skip-column names column i, by its letter ("F") or by its header
// (the whole of it, or one of its rows: "Tỷ lệ % so KH", or "BHXH tự nguyện" for every
// column under it), and notes it in x.Skipped; used marks each name that named a column.
func (x *extraction) skip(i int, texts []string, text string, names []string, used []bool) bool {
	hit := false
	for k, s := range names {
		n := norm(s)
		byHeader := n != "" && (n == norm(text) || slices.ContainsFunc(texts, func(t string) bool { return norm(t) == n }))
		if byHeader || isColumnName(s) && strings.EqualFold(s, columnLetter(i)) {
			used[k], hit = true, true
		}
	}
	if hit {
		x.Skipped = append(x.Skipped, skippedColumn{Letter: columnLetter(i), Header: text})
	}
	return hit
}

// isColumnName reports whether s can be a column's letters: "F", "AB".
func isColumnName(s string) bool {
	if len(s) == 0 || len(s) > 3 {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z') {
			return false
		}
	}
	return true
}

// skippedColumn is a column --skip-column left out.
type skippedColumn struct {
	Letter, Header string
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

// readRow reads row r: its name, its figures, and which locality it is. A row with no
// figure that names no locality — a blank row, a heading inside the table, a note or the
// signature block below it ("GIÁM ĐỐC", a name, a date) — is not part of the table.
func (x *extraction) readRow(t *Table, r int, m *localityMatcher, lang string) {
	rw := row{Index: r, Values: map[string]number{}, Cells: map[string]Cell{}}
	labelCol, total := -1, false
	var bad Problems // cells that are not numbers, reported if the row is one of the table's
	roman := false   // the row is numbered with a Roman numeral: a section
	for _, col := range x.Columns {
		c := cellAt(t, r, col.Index)
		switch {
		case col.Label:
			if isTotalLabel(c.Text) {
				total = true
			}
			if isOrdinal(c.Text) {
				roman = roman || isRoman(c.Text)
				continue // "I", "II", "A", "a)", "1.2": the row's number, not its name
			}
			if isName(c.Text) && rw.Label == "" {
				rw.Label, labelCol = c.Text, col.Index
			}
		case col.Header == "note":
			rw.Note = c.Text
		default:
			if p := x.readFigure(t, r, col, &rw, lang); p != nil {
				bad = append(bad, *p)
			}
		}
	}
	isParent := rw.Label != "" && m.isParent(rw.Label)
	known := rw.Label != "" && m.match(rw.Label) != nil
	if end := subtotalOf(rw.Label, roman); end != noGroup && !total && !isParent && !known {
		rw.Group = end
		x.Groups = append(x.Groups, group{Subtotal: rw}) // with figures or not, it ends the group before it
		return                                           // a group's subtotal: not a unit, and not one of the rows the total adds
	}
	if len(rw.Values) == 0 && !total && !isParent && !known {
		return
	}
	x.Problems = append(x.Problems, bad...)
	if len(rw.Values) == 0 {
		return // a locality without figures: nothing to import for it
	}
	switch {
	case total || isParent:
		x.setTotal(t, rw, lang)
	case rw.Label == "":
		x.Problems = append(x.Problems, Problem{Where: t.Where(r, 0),
			Message: fmt.Sprintf(diag.W("dòng %d có số liệu nhưng không có tên đơn vị", "row %d has figures but no name").In(lang), r+1),
			Hint:    diag.W("hãy ghi tên đơn vị vào dòng này, hoặc xoá dòng", "write the unit's name in its row, or delete the row").In(lang)})
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

// readFigure reads the cell of col in row r into rw, or returns why it cannot.
func (x *extraction) readFigure(t *Table, r int, col column, rw *row, lang string) *Problem {
	c := cellAt(t, r, col.Index)
	if c.Merged {
		return nil // a merged figure counts once, in its first cell
	}
	n, ok, err := parseCell(c, col.Measure != valueOf)
	if ok && err == nil && col.Zeros > 0 {
		n = scaled(n, col.Zeros)
	}
	switch {
	case err != nil && inFull(c.Text) != "":
		return &Problem{Where: t.Where(r, col.Index),
			Message: fmt.Sprintf(diag.W("%q ở cột %q: ghi con số viết đủ", "%q in column %q: write the number in full").In(lang), c.Text, col.Header),
			Hint:    fmt.Sprintf(diag.W("viết %s", "write %s").In(lang), inFull(c.Text))}
	case err != nil && withoutUnit(c.Text) != "":
		return &Problem{Where: t.Where(r, col.Index),
			Message: fmt.Sprintf(diag.W("%q ở cột %q: chỉ ghi con số, không kèm đơn vị", "%q in column %q: write the number alone, without its unit").In(lang), c.Text, col.Header),
			Hint:    fmt.Sprintf(diag.W("viết %s", "write %s").In(lang), withoutUnit(c.Text))}
	case err != nil:
		return &Problem{Where: t.Where(r, col.Index),
			Message: fmt.Sprintf(diag.W("%q ở cột %q không phải là số", "%q in column %q is not a number").In(lang), c.Text, col.Header),
			Hint:    diag.W("viết 1.888 hoặc 1888; số thập phân viết 29,72", "write 1.888 or 1888, and 29,72 for decimals").In(lang)}
	case !ok:
	case col.Measure == valueOf && col.Ind.Unit.Whole() && n.V != math.Trunc(n.V):
		return &Problem{Where: t.Where(r, col.Index),
			Message: fmt.Sprintf(diag.W("%s ở cột %q không phải số nguyên (%s)", "%s in column %q is not a whole number of %s").In(lang), c.Text, col.Header, col.Ind.ID),
			Hint:    diag.W("số người không có phần thập phân; 1.888 nghĩa là một nghìn tám trăm tám mươi tám", "a count of people has no decimals; 1.888 means one thousand eight hundred and eighty-eight").In(lang)}
	default:
		rw.Values[col.Key()] = n
		rw.Cells[col.Key()] = c
	}
	return nil
}

// setTotal records the total row, which stands for the parent.
func (x *extraction) setTotal(t *Table, rw row, lang string) {
	if x.Total != nil {
		x.Problems = append(x.Problems, Problem{Where: t.Where(rw.Index, 0),
			Message: fmt.Sprintf(diag.W("dòng tổng thứ hai (dòng tổng đầu tiên là dòng %d)", "a second total row (the first is row %d)").In(lang), x.Total.Index+1)})
		return
	}
	rw.Total = true
	x.Total = &rw
}

// addLocalityRow matches a row's name to a locality below the parent.
func (x *extraction) addLocalityRow(t *Table, rw row, col int, m *localityMatcher, lang string) {
	l, tied := m.matchAll(rw.Label)
	rw.Locality = l
	switch {
	case len(tied) > 0:
		x.Unknown = append(x.Unknown, rw)
		x.Problems = append(x.Problems, Problem{Where: t.Where(rw.Index, col),
			Message: fmt.Sprintf(diag.W("%q có thể là: %s", "%q could be any of: %s").In(lang), rw.Label, strings.Join(labels(tied), "; ")),
			Hint: fmt.Sprintf(diag.W(
				"hãy thay %q trong bảng bằng id của đơn vị đúng: %s",
				"replace %q in the table with the id of the right one: %s").In(lang),
				rw.Label, strings.Join(ids(tied), diag.W(" hoặc ", " or ").In(lang))),
		})
		return
	case l == nil:
		x.Unknown = append(x.Unknown, rw)
		x.Problems = append(x.Problems, Problem{Where: t.Where(rw.Index, col),
			Message: fmt.Sprintf(diag.W("%q không phải đơn vị nào thuộc %s", "%q is not a locality below %s").In(lang), rw.Label, m.parent.ID),
			Hint: fmt.Sprintf(diag.W(
				"gần nhất: %s — sửa tên trong bảng, hoặc thêm đơn vị vào data/localities/",
				"closest: %s — correct the name in the table, or add the locality to data/localities/").In(lang),
				strings.Join(m.suggest(rw.Label), "; ")),

			unknownName: true})
		return
	case l.Parent != m.parent:
		x.Deeper = append(x.Deeper, rw)
		return
	}
	for _, o := range x.Rows {
		if o.Locality == rw.Locality {
			x.Problems = append(x.Problems, Problem{Where: t.Where(rw.Index, col),
				Message: fmt.Sprintf(diag.W("%q lại là %s (đã có ở dòng %d)", "%q is %s again (already row %d)").In(lang), rw.Label, rw.Locality.ID, o.Index+1)})
			return
		}
	}
	x.Rows = append(x.Rows, rw)
}

// ids lists the localities' ids.
func ids(ls []*model.Locality) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.ID
	}
	return out
}

// labels names localities as "Name (id, in Parent)".
func labels(ls []*model.Locality) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.Name.VI + " (" + l.ID
		if l.Parent != nil {
			out[i] += ", " + l.Parent.Name.VI
		}
		out[i] += ")"
	}
	return out
}

// checkDeeper refuses rows of localities that are below a child of the parent rather than
// its children: their total is not the parent's. The error names the locality they are
// directly below, which is what --parent should have said.
func (x *extraction) checkDeeper(t *Table, m *localityMatcher, lang string) {
	if len(x.Deeper) == 0 {
		return
	}
	byParent := map[*model.Locality][]row{}
	var order []*model.Locality
	for _, r := range x.Deeper {
		p := r.Locality.Parent
		if byParent[p] == nil {
			order = append(order, p)
		}
		byParent[p] = append(byParent[p], r)
	}
	for _, p := range order {
		rows := byParent[p]
		var names []string
		for _, r := range rows {
			names = append(names, fmt.Sprintf("%q", r.Label))
		}
		if len(names) > 4 {
			names = append(names[:3], "…")
		}
		x.Problems = append(x.Problems, Problem{Where: t.Where(rows[0].Index, 0),
			Message: fmt.Sprintf(diag.W(
				"%d dòng (%s) là đơn vị thuộc %s (%s), không trực thuộc %s (%s); nếu nhập, dòng tổng sẽ bị ghi thành số của cả %s",
				"%d rows (%s) are localities of %s (%s), not directly of %s (%s); the total row would be written as the whole of %s").In(lang),
				len(rows), strings.Join(names, ", "), p.Name, p.ID, m.parent.Name, m.parent.ID, m.parent.Name),

			Hint: fmt.Sprintf(diag.W(
				"nếu bảng là số liệu của %s, hãy nhập lại với --parent %s",
				"if the table is about %s, import it again with --parent %s").In(lang),
				p.Name, p.ID),
		})
	}
}

// textFigures names the cells of col, in the rows of localities, whose figure was typed as
// text: "F8 (10.400)".
func (x *extraction) textFigures(t *Table, col column) []string {
	var out []string
	for _, r := range x.Rows {
		if c, ok := r.Cells[col.Key()]; ok && !c.Numeric {
			ref, err := excelize.CoordinatesToCellName(col.Index+1, r.Index+1)
			if err == nil {
				out = append(out, ref+" ("+c.Text+")")
			}
		}
	}
	return out
}

// columnMismatch is a column whose figure in a total or subtotal row is not the sum of the
// rows it stands for.
type columnMismatch struct {
	col         column
	stated, sum float64
}

// mismatches are the columns of people or money (not rates, not percentages) where stated
// gives a figure that differs from the sum of the rows' figures, among the columns at
// least one of the rows has.
func (x *extraction) mismatches(stated row, rowSets ...[]row) []columnMismatch {
	var out []columnMismatch
	for _, col := range x.Columns {
		if col.Ind == nil || col.Measure != valueOf || col.Ind.Unit == model.Percent {
			continue
		}
		want, ok := stated.Values[col.Key()]
		if !ok {
			continue
		}
		sum, n := 0.0, 0
		for _, rows := range rowSets {
			for _, r := range rows {
				if v, ok := r.Values[col.Key()]; ok {
					sum, n = sum+v.V, n+1
				}
			}
		}
		if n > 0 && math.Abs(sum-want.V) >= 1e-9 {
			out = append(out, columnMismatch{col, want.V, sum})
		}
	}
	return out
}

// checkTotal compares the total row with the sum of the other rows, column by column. A
// difference is a warning: tables published by offices do not always add up, and the total
// is imported as written.
func (x *extraction) checkTotal(t *Table, lang string) {
	if x.Total == nil {
		return
	}
	for _, m := range x.mismatches(*x.Total, x.Rows, x.Unknown) {
		col, tot, sum := m.col, m.stated, m.sum
		hint := diag.W(
			"vẫn nhập đúng như bảng; trang sẽ ghi chú chênh lệch — hãy đối chiếu bảng gốc",
			"imported as written; the site notes the difference — check the source table").In(lang)
		if f := x.Total.Cells[col.Key()].Formula; f != "" {
			if text := x.textFigures(t, col); len(text) > 0 {
				hint = fmt.Sprintf(diag.W(
					"dòng tổng là công thức =%s, mà bảng tính không cộng các số gõ dạng chữ: %s — hãy đổi các ô đó thành số trong Excel rồi nhập lại, hoặc sửa số tổng bằng tay",
					"the total is the formula =%s, and a spreadsheet does not add numbers typed as text: %s — make those cells numbers in the spreadsheet and import again, or correct the total by hand").In(lang),
					f, strings.Join(text, ", "))

			}
		}
		x.Warnings = append(x.Warnings, Problem{mismatch: true,
			Message: fmt.Sprintf(diag.W(
				"cột %q (%s): dòng tổng ghi %s nhưng cộng các dòng được %s (chênh %s)",
				"column %q (%s): the total row says %s but the rows add up to %s (difference %s)").In(lang),
				col.Header, col.Key(), human(tot, lang), human(sum, lang), human(tot-sum, lang)),

			Hint: hint})
	}
}
