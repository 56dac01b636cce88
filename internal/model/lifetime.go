package model

import (
	"fmt"
	"strings"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/load"
)

// Checks of a row or a file's header that the linking of plans and results calls: a
// result dated after its locality ended (result-after-end), a required text written
// empty (empty-text).

// endedBefore reports, as an error at as_of, a result of l dated after l ended: no
// document can count a locality's people after it was merged or dissolved, so the figure
// belongs to another locality (its successor) or the date is wrong.
func (b *builder) endedBefore(l *Locality, asOf load.Day) bool {
	d := AfterEnd(l, asOf.V)
	if d == nil {
		return false
	}
	d.Pos = asOf.Pos
	b.diags.Add(*d)
	return true
}

// AfterEnd is the error (result-after-end, without a position) of a result of l dated
// asOf, or nil when l had not ended by then.
func AfterEnd(l *Locality, asOf date.Date) *diag.Diagnostic {
	if l.Until.IsZero() || !asOf.After(l.Until) {
		return nil
	}
	return &diag.Diagnostic{Severity: diag.Error, Code: diag.ResultAfterEnd,
		Args: []any{l.ID, asOf.String(), DayWords(l.Until), successorWords(l), afterEndHint(l)}}
}

// successorWords says who took over from an ended locality: "; từ 1/7/2025 thuộc
// vinh-long (Vĩnh Long)", or "" when the data names no successor.
func successorWords(l *Locality) diag.Words {
	from := DayWords(l.Until.AddDays(1))
	if s := l.Successor; s != nil {
		return diag.W(fmt.Sprintf("; từ %s thuộc %s (%s)", from.VI, s.ID, s.Name.VI),
			fmt.Sprintf("; since %s it is part of %s (%s)", from.EN, s.ID, s.Name.EN))
	}
	if a := endedWith(l); a != nil {
		return diag.W(fmt.Sprintf(", như %s (%s), từ %s thuộc %s (%s)", a.ID, a.Name.VI, from.VI, a.Successor.ID, a.Successor.Name.VI),
			fmt.Sprintf(", as did %s (%s), since %s part of %s (%s)", a.ID, a.Name.EN, from.EN, a.Successor.ID, a.Successor.Name.EN))
	}
	return diag.W("", "")
}

// endedWith is the nearest locality above l that ended when l did and names a successor
// (a ward of a province merged into another), or nil.
func endedWith(l *Locality) *Locality {
	for a := l.Parent; a != nil; a = a.Parent {
		if a.Until == l.Until && a.Successor != nil {
			return a
		}
	}
	return nil
}

// afterEndHint is result-after-end's hint: the successor's id to write instead, when the
// data names one.
func afterEndHint(l *Locality) diag.Words {
	if s := l.Successor; s != nil {
		return diag.W(
			fmt.Sprintf("nếu số liệu là của địa phương mới thì ghi locality = %q; nếu không, sửa as_of theo văn bản (trước %s)", s.ID, DayWords(l.Until.AddDays(1)).VI),
			fmt.Sprintf("if the figures are the new locality's, write locality = %q; otherwise correct as_of from the document (before %s)", s.ID, DayWords(l.Until.AddDays(1)).EN))
	}
	if a := endedWith(l); a != nil {
		return diag.W(
			fmt.Sprintf("sửa as_of theo văn bản (đến %s); số liệu sau ngày đó là của một địa phương thuộc %s: ghi id của nó (thêm vào data/localities/ nếu chưa có)", DayWords(l.Until).VI, a.Successor.ID),
			fmt.Sprintf("correct as_of from the document (up to %s); figures after that day are of a locality of %s: write its id (add it to data/localities/ if it is missing)", DayWords(l.Until).EN, a.Successor.ID))
	}
	return diag.W(
		fmt.Sprintf("sửa as_of theo văn bản (đến %s), hoặc until của %s trong data/localities/", DayWords(l.Until).VI, l.ID),
		fmt.Sprintf("correct as_of from the document (up to %s), or the until of %s in data/localities/", DayWords(l.Until).EN, l.ID))
}

// DayWords writes a day as the messages say it: 30/6/2025, 30 June 2025.
func DayWords(d date.Date) diag.Words {
	y, m, day := d.Ymd()
	return diag.W(fmt.Sprintf("%d/%d/%d", day, int(m), y), fmt.Sprintf("%d %s %d", day, m, y))
}

// requiredText reports a required text written empty (publisher = ""), which the pages
// would print as nothing: the same as leaving it out. table names where it is:
// "[source]".
func (b *builder) requiredText(key, table string, s load.Str, example string) {
	if s.Set() && strings.TrimSpace(s.V) == "" {
		b.diags.Errorf(s.Pos, diag.EmptyText, key, table, example)
	}
}
