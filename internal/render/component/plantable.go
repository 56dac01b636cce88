package component

import (
	"context"
	"io"

	"github.com/covsite/covsite/internal/view"
)

// A plan's table of its localities' targets has a cell per locality and indicator — a
// long plan thousands — and a row header per locality: written in Go, like line
// (island.go), each in one call instead of five templ components. The bytes are what
// their templ components wrote (the golden files).

// planTableCell is a target as its document prints it, with its result and share under
// it. In a column the site adds up, whose header says how in words, the cell shows the
// sign alone: its inputs are the row's own cells. The cells are aligned by the table's
// style, without a class each, and written without spaces between their parts.
func planTableCell(c view.PlanTableCell, columnSaysHow bool) planTableCellOf {
	return planTableCellOf{c, columnSaysHow}
}

type planTableCellOf struct {
	c             view.PlanTableCell
	columnSaysHow bool
}

// Render writes the cell to w.
func (p planTableCellOf) Render(ctx context.Context, w io.Writer) error {
	c := &p.c
	err := writeStrings(w, "<td")
	if err == nil {
		err = writeFigAttrs(ctx, w, c.Fig)
	}
	if err == nil && c.Where != "" {
		err = writeTag(w, `><span title="`, c.Where, `">`, c.Target, `</span>`)
	} else if err == nil {
		err = writeTag(w, ">", "", "", c.Target, "")
	}
	switch {
	case err != nil:
	case c.Computed != "" && p.columnSaysHow:
		err = writeStrings(w, `<span class="calc">`, view.CalcMark, `</span>`)
	case c.Computed != "":
		err = calcMark(c.Computed).Render(ctx, w)
	}
	if err == nil && c.ResultLine != "" {
		err = writeTag(w, `<br><small>`, "", "", c.ResultLine, `</small>`)
	}
	if err == nil && c.Rollup != "" {
		err = writeTag(w, `<br><small class="flag flag--warn">`, "", "", c.Rollup, `</small>`)
	}
	if err == nil {
		err = writeStrings(w, "</td>")
	}
	return err
}

// calcMark marks a figure the site computed: the sign, and how in words (read by screen
// readers, shown on hover and in the figure's note).
func calcMark(how string) calcMarkOf { return calcMarkOf(how) }

type calcMarkOf string

// Render writes the mark to w.
func (m calcMarkOf) Render(_ context.Context, w io.Writer) error {
	err := writeTag(w, `<abbr class="calc" title="`, string(m), `">`, view.CalcMark, `</abbr><span class="visually-hidden"> `)
	if err == nil {
		err = writeTag(w, "", "", "", string(m), `</span>`)
	}
	return err
}

// unitHeader is a unit's row header, with where its figures stand in the document.
func unitHeader(r view.PlanTableRow) unitHeaderOf { return unitHeaderOf{r.Where, r.Unit} }

type unitHeaderOf struct {
	where string
	unit  view.Link
}

// Render writes the header to w.
func (h unitHeaderOf) Render(_ context.Context, w io.Writer) error {
	var err error
	if h.where != "" {
		err = writeTag(w, `<th scope="row" title="`, h.where, `"><a href="`, "", "")
	} else {
		err = writeStrings(w, `<th scope="row"><a href="`)
	}
	if err == nil {
		err = writeTag(w, "", h.unit.URL, `">`, h.unit.Text, `</a></th>`)
	}
	return err
}

// period is a plan row's period, with its deadline under it when it is not the period's
// end: a cell of every row of a plan's targets, written in Go as the table's cells are.
func period(r view.PlanRow) periodOf { return periodOf{r.Period, r.Deadline} }

type periodOf struct{ period, deadline string }

// Render writes the cell to w.
func (p periodOf) Render(_ context.Context, w io.Writer) error {
	if p.deadline == "" {
		return writeTag(w, `<td class="p">`, "", "", p.period, `</td>`)
	}
	err := writeTag(w, `<td class="p">`, "", "", p.period, `<br><small>`)
	if err == nil {
		err = writeTag(w, "", "", "", p.deadline, `</small></td>`)
	}
	return err
}
