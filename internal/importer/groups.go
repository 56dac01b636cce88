package importer

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/covsite/covsite/internal/diag"
)

// groupEnd says where the rows a subtotal adds up are.
type groupEnd int

const (
	noGroup groupEnd = iota // not a subtotal
	below                   // a heading with its group's sum: "I | Các phường", the rows below it
	above                   // a sum under its group: "Cộng các phường", the rows above it
)

// group is a subtotal row of the table and the rows of localities it adds up.
type group struct {
	Subtotal row
	Rows     []row // the rows of its group, in table order: those between it and the next (or previous) subtotal or total row
}

// ordinal is what the STT column numbers rows with: 1, 12, I, IV, A, b), 1.2, II.
var ordinal = regexp.MustCompile(`^(\d{1,4}(\.\d{1,4})*|[IVXLC]{1,7}|[A-Za-z])[.)]?$`)

// roman is a Roman numeral from I to XXXIX, the numbers of a table's sections.
var roman = regexp.MustCompile(`^X{0,3}(IX|IV|V?I{0,3})[.)]?$`)

// isOrdinal reports whether a cell of a label column only numbers its row.
func isOrdinal(s string) bool { return ordinal.MatchString(strings.TrimSpace(s)) }

// isRoman reports whether a cell numbers its row with a Roman numeral: a section's row.
func isRoman(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && strings.Trim(s, ".)") != "" && roman.MatchString(s)
}

// groupWords start the name of a group of localities: "Các phường", "Khối xã", "Nhóm …".
var groupWords = []string{"cac ", "khoi ", "nhom ", "cum "}

// sumWords start the name of a row that adds others up: "Cộng …", "Tổng …".
var sumWords = []string{"tong cong ", "tong so ", "tong ", "cong "}

// subtotalOf says whether a row named name (numbered with a Roman numeral when roman) is a
// group's subtotal, and where its group is: "Các phường" and "I | …" head the rows below,
// "Cộng các phường" and "Tổng khối xã" end the rows above. The whole table's total row
// ("Tổng cộng", "Cộng", "Tổng cộng toàn thành phố") is not a group's.
func subtotalOf(name string, roman bool) groupEnd {
	n := norm(name)
	for _, w := range sumWords {
		if rest, ok := strings.CutPrefix(n, w); ok {
			if isTotalLabel(name) {
				return noGroup
			}
			if strings.HasPrefix(rest, "toan ") {
				return noGroup
			}
			return above
		}
	}
	for _, w := range groupWords {
		if strings.HasPrefix(n, w) {
			return below
		}
	}
	if roman {
		return below
	}
	return noGroup
}

// isGroupName reports whether a row's name names a group of localities rather than one.
func isGroupName(name string) bool {
	n := norm(name)
	for _, w := range sumWords {
		if rest, ok := strings.CutPrefix(n, w); ok {
			n = rest
			break
		}
	}
	for _, w := range groupWords {
		if strings.HasPrefix(n, w) {
			return true
		}
	}
	return false
}

// gatherGroups gives each subtotal the rows of its group: those after it up to the next
// subtotal or the total row (below), or those before it back to the previous one (above).
func (x *extraction) gatherGroups() {
	units := slices.Concat(x.Rows, x.Unknown)
	slices.SortFunc(units, func(a, b row) int { return a.Index - b.Index })
	bounds := []int{-1, math.MaxInt}
	for _, g := range x.Groups {
		bounds = append(bounds, g.Subtotal.Index)
	}
	if x.Total != nil {
		bounds = append(bounds, x.Total.Index)
	}
	slices.Sort(bounds)
	for i := range x.Groups {
		g := &x.Groups[i]
		at := slices.Index(bounds, g.Subtotal.Index)
		from, to := g.Subtotal.Index, bounds[at+1]
		if g.Subtotal.Group == above {
			from, to = bounds[at-1], g.Subtotal.Index
		}
		for _, u := range units {
			if u.Index > from && u.Index < to {
				g.Rows = append(g.Rows, u)
			}
		}
	}
}

// checkGroups compares each subtotal with the sum of its group's rows, column by column:
// a difference is a warning, as for the total row.
func (x *extraction) checkGroups(t *Table, lang string) {
	x.gatherGroups()
	for _, g := range x.Groups {
		if len(g.Rows) == 0 || len(g.Subtotal.Values) == 0 {
			continue // nothing to check, or a section's heading without figures
		}
		for _, m := range x.mismatches(g.Subtotal, g.Rows) {
			col, sub, sum := m.col, m.stated, m.sum
			x.Warnings = append(x.Warnings, Problem{Where: t.Where(g.Subtotal.Index, col.Index), mismatch: true,
				Message: fmt.Sprintf(diag.W(
					"cột %q (%s): dòng cộng nhóm %q ghi %s nhưng %d dòng của nhóm (dòng %d–%d) cộng được %s (chênh %s)",
					"column %q (%s): the subtotal %q says %s but the %d rows of its group (rows %d–%d) add up to %s (difference %s)").In(lang),
					col.Header, col.Key(), g.Subtotal.Label, human(sub, lang), len(g.Rows), g.Rows[0].Index+1, g.Rows[len(g.Rows)-1].Index+1,
					human(sum, lang), human(sub-sum, lang)),
				Hint: diag.W(
					"dòng cộng nhóm không được nhập; hãy đối chiếu bảng gốc: có thể thiếu một dòng hoặc gõ nhầm một số",
					"subtotals are not imported; check the source table: a row may be missing or a figure mistyped").In(lang)})
		}
	}
}

// groupNote is what the list of matches says of a subtotal row, once.
func (g group) note(lang string) string {
	what := diag.W("dòng cộng nhóm, không phải đơn vị — bỏ qua", "a group's subtotal, not a locality — skipped").In(lang)
	switch {
	case len(g.Rows) == 0:
		return what + diag.W("; không có dòng đơn vị nào của nhóm để đối chiếu", "; no row of its group to check it against").In(lang)
	case g.Subtotal.Group == above:
		return what + fmt.Sprintf(diag.W("; được đối chiếu với %d dòng bên trên (dòng %d–%d)", "; checked against the %d rows above it (rows %d–%d)").In(lang),
			len(g.Rows), g.Rows[0].Index+1, g.Rows[len(g.Rows)-1].Index+1)
	}
	return what + fmt.Sprintf(diag.W("; được đối chiếu với %d dòng bên dưới (dòng %d–%d)", "; checked against the %d rows below it (rows %d–%d)").In(lang),
		len(g.Rows), g.Rows[0].Index+1, g.Rows[len(g.Rows)-1].Index+1)
}
