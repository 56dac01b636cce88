package importer

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/model"
)

// Match is how one row of figures was read: the name as written, the locality it matched
// and each figure under its column's header. `covsite import` shows every match before it
// writes anything, and `--dry-run` shows only that.
type Match struct {
	Row      int             // 1-based row of the table
	Label    string          // the name as written; "" for a total row without one
	Locality *model.Locality // nil when the name matched none
	Total    bool            // the total row, written as the parent's
	Deeper   bool            // a locality below a child of the parent: refused
	Subtotal string          // for a group's subtotal ("I | Các phường"), what became of it; "" for any other row
	Figures  []Figure        // in column order
}

// Figure is one figure of a row under its column.
type Figure struct {
	Header string // the column's header as written
	Key    string // the data file key: "bhyt", "rate.bhyt"
	Value  float64
}

// matches lists the rows of x as matched, in table order.
func (x *extraction) matches(parent *model.Locality, lang string) []Match {
	var out []Match
	add := func(r row, l *model.Locality, total bool) *Match {
		m := Match{Row: r.Index + 1, Label: r.Label, Locality: l, Total: total, Deeper: l != nil && !total && l.Parent != parent}
		for _, c := range x.Columns {
			if !x.written(c) {
				continue
			}
			if v, ok := r.Values[c.Key()]; ok {
				m.Figures = append(m.Figures, Figure{Header: c.Header, Key: c.Key(), Value: v.V})
			}
		}
		out = append(out, m)
		return &out[len(out)-1]
	}
	if x.Total != nil {
		add(*x.Total, parent, true)
	}
	for _, rs := range [][]row{x.Rows, x.Deeper, x.Unknown} {
		for _, r := range rs {
			add(r, r.Locality, false)
		}
	}
	for _, g := range x.Groups {
		if len(g.Subtotal.Values) > 0 { // a heading without figures is no row of figures
			add(g.Subtotal, nil, false).Subtotal = g.note(lang)
		}
	}
	slices.SortStableFunc(out, func(a, b Match) int { return a.Row - b.Row })
	return out
}

// Chain names a locality with every locality above it, the widest first: "Việt Nam ›
// Trà Vinh › Thành phố Trà Vinh › Phường 1".
func Chain(l *model.Locality) string {
	var names []string
	for a := l; a != nil; a = a.Parent {
		names = append(names, a.Name.VI)
	}
	slices.Reverse(names)
	return strings.Join(names, " › ")
}

// WriteMatches prints the matches, one row of the table per entry: where, the name as
// written, the locality's id and chain, then each figure under its header.
func WriteMatches(w io.Writer, rep *Report, table, lang string) {
	fmt.Fprintln(w, fmt.Sprintf(diag.W("Cách đọc từng dòng của %s:", "How each row of %s was read:").In(lang), table))
	for _, m := range rep.Matches {
		label := fmt.Sprintf("%q", m.Label)
		if m.Label == "" {
			label = diag.W("(không ghi tên)", "(no name)").In(lang)
		}
		var to string
		switch {
		case m.Subtotal != "":
			to = m.Subtotal
		case m.Locality == nil:
			to = diag.W("không khớp đơn vị nào", "matches no locality").In(lang)
		case m.Deeper:
			to = fmt.Sprintf(diag.W("%s, không trực thuộc %s: %s", "%s, not directly below %s: %s").In(lang), m.Locality.ID, rep.Parent.ID, Chain(m.Locality))
		case m.Total:
			to = fmt.Sprintf(diag.W("%s, dòng tổng: %s", "%s, total row: %s").In(lang), m.Locality.ID, Chain(m.Locality))
		default:
			to = m.Locality.ID + ": " + Chain(m.Locality)
		}
		fmt.Fprintf(w, "  %s %d  %s → %s\n", diag.W("dòng", "row").In(lang), m.Row, label, to)
		figs := make([]string, len(m.Figures))
		for i, f := range m.Figures {
			figs[i] = f.Header + " " + human(f.Value, lang)
		}
		fmt.Fprintf(w, "      %s\n", strings.Join(figs, " · "))
	}
}
