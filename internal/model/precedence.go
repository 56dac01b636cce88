package model

import (
	"cmp"
	"fmt"
	"maps"
	"slices"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/diag"
)

// Which figure the pages show when two results files give one locality's indicator on
// the same date, and the check that says so when they disagree (conflicting-figures).
//
// The pages show one figure per locality, indicator and date: the last of that date in
// ResultsFor's order (LatestResult, a target's progress and the charts take the last;
// a parent's rollup and a period's baseline take it too). compareResults puts the one
// that takes precedence last:
//
//  1. a figure a document states over one covsite computes (a sum of parts): a total
//     written in a report is never replaced by the sum of another file's parts;
//  2. then by the document's kind: report over decision over conference over news — an
//     office's own report counts its people, a news item relays (and rounds) them;
//  3. then the document published later (a later document corrects an earlier one); a
//     document that gives its date of publication over one that does not;
//  4. then the file whose name sorts last. Only this rule is arbitrary: two documents
//     that disagree and that rules 1–3 cannot order are an error, not a warning.

// kindRank ranks a source's kind for rule 2; an unknown kind (reported) ranks last.
func kindRank(kind string) int {
	switch kind {
	case "report":
		return 4
	case "decision":
		return 3
	case "conference":
		return 2
	case "news":
		return 1
	}
	return 0
}

// valueRank ranks a result for rule 1: a stated value, a computed one, none (a rate,
// share or gap only).
func valueRank(r *Result) int {
	switch {
	case !r.Value.Known:
		return 0
	case r.Derived:
		return 1
	}
	return 2
}

// comparePrecedence compares two results of one locality, indicator and date: above 0
// when the pages show a rather than b, 0 when only the files' order decides.
func comparePrecedence(a, b *Result) int {
	return cmp.Or(
		cmp.Compare(valueRank(a), valueRank(b)),
		cmp.Compare(kindRank(a.Source.Kind), kindRank(b.Source.Kind)),
		a.Source.Published.Compare(b.Source.Published), // a zero date sorts first
	)
}

// compareResults orders a locality's results of one indicator: oldest first, and those
// of one date so that the one the pages show comes last. Sorted stably, results the
// rules cannot order keep the order of their files.
func compareResults(a, b *Result) int {
	return cmp.Or(a.AsOf.Compare(b.AsOf), comparePrecedence(a, b))
}

// shownOn returns the result of rs (ResultsFor's, oldest first) dated on with a value
// that the pages show, or nil.
func shownOn(rs []*Result, on date.Date) *Result {
	for i := len(rs) - 1; i >= 0; i-- {
		switch r := rs[i]; {
		case r.AsOf.Before(on):
			return nil
		case r.AsOf == on && r.Value.Known:
			return r
		}
	}
	return nil
}

// conflicts reports every figure a results file gives that another file gives otherwise
// for the same locality, indicator and date, at the figure the pages do not show, naming
// both and the rule that chose: a warning, or an error when no rule but the files' names
// could choose. Two computed sums that differ are not reported: their parts are.
func (s *Site) conflicts() *diag.List {
	out := &diag.List{}
	if len(s.conflictsOf) == 0 {
		return out
	}
	for _, l := range s.Localities { // in the tree's order, as Build and Rebuild alike
		out.Merge(s.conflictsOf[l])
	}
	return out
}

// localConflicts are the conflicts of the results of l (conflicts), or nil when there
// are none: most localities have one source per date.
func (s *Site) localConflicts(l *Locality) *diag.List {
	li := s.index.local[l]
	if li == nil {
		return nil
	}
	var out *diag.List
	for o := range len(li.rOff) - 1 {
		rs := part(li.rSorted, li.rOff, o)
		for start, end := 0, 0; start < len(rs); start = end {
			for end = start + 1; end < len(rs) && rs[end].AsOf == rs[start].AsOf; end++ {
			}
			if end-start == 1 {
				continue
			}
			if out == nil {
				out = &diag.List{}
			}
			reportConflicts(out, rs[start:end])
		}
	}
	if out == nil || out.Len() == 0 {
		return nil
	}
	return out
}

// findConflicts finds the conflicts of every locality of s, once it is indexed: what
// conflicts lists.
func (s *Site) findConflicts() map[*Locality]*diag.List {
	out := map[*Locality]*diag.List{}
	for _, l := range s.Localities {
		if c := s.localConflicts(l); c != nil {
			out[l] = c
		}
	}
	return out
}

// relinkConflicts are the conflicts of s, relinked from prev with the results files gone
// and added: those of the localities of their results are found again, the others' are
// prev's.
func relinkConflicts(prev, s *Site, gone, added []*sourceLinks) map[*Locality]*diag.List {
	out := maps.Clone(prev.conflictsOf)
	if out == nil {
		out = map[*Locality]*diag.List{}
	}
	again := map[*Locality]bool{}
	for _, sl := range slices.Concat(gone, added) {
		for _, r := range sl.results {
			if again[r.Locality] {
				continue
			}
			again[r.Locality] = true
			delete(out, r.Locality)
			if c := s.localConflicts(r.Locality); c != nil {
				out[r.Locality] = c
			}
		}
	}
	return out
}

// reportConflicts reports the results of one date, in ResultsFor's order, whose figure
// differs from the one the pages show.
func reportConflicts(out *diag.List, day []*Result) {
	shown := shownOn(day, day[0].AsOf)
	if shown == nil {
		return
	}
	for _, r := range day {
		if r == shown || !r.Value.Known || r.Value.V == shown.Value.V || r.Source == shown.Source || (r.Derived && shown.Derived) {
			continue
		}
		args := []any{shown.Indicator.ID, shown.Locality.ID, shown.AsOf.String(),
			diag.Figure(shown.Value.V), figureAt(shown), diag.Figure(r.Value.V), figureAt(r), precedenceWhy(shown, r)}
		if comparePrecedence(shown, r) == 0 {
			out.Errorf(r.Pos(), diag.ConflictingFigures, append(args, tieHint)...)
			continue
		}
		out.Warnf(r.Pos(), diag.ConflictingFigures, append(args, conflictHint)...)
	}
}

// The hints of conflicting-figures: a warning's, when a rule chose, and an error's.
var (
	conflictHint = diag.W(
		"đối chiếu hai văn bản và sửa số nhập nhầm; nếu hai văn bản thật sự ghi khác nhau thì giữ nguyên (thứ tự ưu tiên: docs/data-format.md, mục conflicting-figures)",
		"compare the two documents and correct a figure typed wrongly; if the documents really differ, leave them (the order of precedence: docs/data-format.md, conflicting-figures)")
	tieHint = diag.W(
		"sửa hoặc xóa số nhập nhầm; nếu hai văn bản thật sự ghi khác nhau, ghi published (ngày công bố) của từng văn bản: trang hiện số của văn bản công bố sau",
		"correct or remove the figure typed wrongly; if the documents really differ, give each its published date: the pages show the later document's figure")
)

// figureAt says where a result's figure is: its position, and for a computed sum what it
// adds.
func figureAt(r *Result) diag.Words {
	if !r.Derived {
		return diag.W(r.Pos().String(), r.Pos().String())
	}
	return diag.W(fmt.Sprintf("tính từ các thành phần, %s", r.Pos()), fmt.Sprintf("computed from its parts, %s", r.Pos()))
}

// kindWords names a source's kind in messages.
func kindWords(kind string) diag.Words {
	switch kind {
	case "report":
		return diag.W("báo cáo (report)", "a report")
	case "decision":
		return diag.W("quyết định (decision)", "a decision")
	case "conference":
		return diag.W("hội nghị (conference)", "a conference")
	case "news":
		return diag.W("tin bài (news)", "a news item")
	}
	return diag.W(kind, kind)
}

// precedenceWhy says which rule made the pages show shown rather than other.
func precedenceWhy(shown, other *Result) diag.Words {
	a, b := shown.Source, other.Source
	switch {
	case valueRank(shown) != valueRank(other):
		return diag.W("số văn bản ghi đứng trước số trang tự tính", "a figure a document states comes before one the site computes")
	case kindRank(a.Kind) != kindRank(b.Kind):
		ka, kb := kindWords(a.Kind), kindWords(b.Kind)
		return diag.W(ka.VI+" đứng trước "+kb.VI, ka.EN+" comes before "+kb.EN)
	case b.Published.IsZero():
		return diag.W(fmt.Sprintf("văn bản ghi ngày công bố (%s) đứng trước văn bản không ghi", a.Published),
			fmt.Sprintf("a document that gives its date of publication (%s) comes before one that does not", a.Published))
	case a.Published != b.Published:
		return diag.W(fmt.Sprintf("văn bản công bố sau (%s) đứng trước văn bản công bố trước (%s)", a.Published, b.Published),
			fmt.Sprintf("the document published later (%s) comes before the earlier one (%s)", a.Published, b.Published))
	}
	k := kindWords(a.Kind)
	when := diag.W("cùng không ghi ngày công bố", "neither gives a date of publication")
	if !a.Published.IsZero() {
		when = diag.W(fmt.Sprintf("cùng công bố ngày %s", a.Published), fmt.Sprintf("both published on %s", a.Published))
	}
	return diag.W(fmt.Sprintf("hai văn bản cùng là %s, %s, nên trang chỉ chọn được theo tên tệp", k.VI, when.VI),
		fmt.Sprintf("both documents are %s and %s, so only the files' names choose", k.EN, when.EN))
}
