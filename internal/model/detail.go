package model

import (
	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/lang"
)

// A national site holds ~600,000 results and ~370,000 targets; what only some carry is in
// their detail, in two levels: how the site computed the value (Calc: ~106,000 sums of
// parts among the results, ~64,000 among the targets) in the detail, and what the document
// states beside the value — where the figures stand, a note, change_since, per, a rate, a
// gap, a change, shares — in the detail's Stated part, which a computed figure shares with
// its row: a sum's own detail is 64 bytes, not the 192 a detail with every field took.
// The results and targets without any share one empty detail each; those whose detail is
// only what their row or file gives them all — where, note, change_since, per — share one
// per file and kind of detail (resultDetail, targetDetail). Nothing writes to a shared
// detail or Stated part: the builder gives a result or target its own copy (own,
// ownStated) before writing one of its fields.
var (
	noResultDetail = &ResultDetail{ResultStated: &ResultStated{shared: true}, shared: true}
	noTargetDetail = &TargetDetail{TargetStated: &TargetStated{shared: true}, shared: true}
)

// resultShared and targetShared are what a shared detail holds: its key among a builder's.
type (
	resultShared struct {
		where, note lang.Text
		since       date.Date
	}
	targetShared struct {
		where, note lang.Text
		per         string
	}
)

// resultDetail is the detail a row's new results start with, shared: the empty one, or
// the builder's one with the same where, note and change_since.
func (b *builder) resultDetail(k resultShared) *ResultDetail {
	return sharedDetail(&b.resultDetails, k, noResultDetail, func(k resultShared) *ResultDetail {
		st := &ResultStated{Where: k.where, Note: k.note, ChangeSince: k.since, shared: true}
		return &ResultDetail{ResultStated: st, shared: true}
	})
}

// targetDetail is resultDetail for a row's new targets.
func (b *builder) targetDetail(k targetShared) *TargetDetail {
	return sharedDetail(&b.targetDetails, k, noTargetDetail, func(k targetShared) *TargetDetail {
		st := &TargetStated{Where: k.where, Note: k.note, Per: k.per, shared: true}
		return &TargetDetail{TargetStated: st, shared: true}
	})
}

// sharedDetail is the detail kept in *kept for k, made by newDetail the first time k is asked
// for; the zero k has empty, which nothing writes to.
func sharedDetail[K comparable, D any](kept *map[K]*D, k K, empty *D, newDetail func(K) *D) *D {
	var zero K
	if k == zero {
		return empty
	}
	if d := (*kept)[k]; d != nil {
		return d
	}
	if *kept == nil {
		*kept = map[K]*D{}
	}
	d := newDetail(k)
	(*kept)[k] = d
	return d
}

func (d *ResultDetail) empty() bool {
	return !d.Calc.Computed() && len(d.Calc.Inputs) == 0 && (d.ResultStated == nil || d.ResultStated.empty())
}

func (st *ResultStated) empty() bool {
	return !st.Rate.Known && st.Where == (lang.Text{}) && len(st.Shares) == 0 && !st.Gap.Known && !st.Change.Known &&
		st.ChangeSince.IsZero() && st.Note == (lang.Text{})
}

func (d *TargetDetail) empty() bool {
	return !d.Calc.Computed() && len(d.Calc.Inputs) == 0 && (d.TargetStated == nil || d.TargetStated.empty())
}

func (st *TargetStated) empty() bool {
	return st.Where == (lang.Text{}) && st.Per == "" && !st.ImpliedShare.Known && st.Note == (lang.Text{})
}

// own returns r's own detail, to write its Calc to: a copy of the shared one the first
// time, sharing its Stated part.
func (r *Result) own() *ResultDetail {
	switch d := r.ResultDetail; {
	case d == nil:
		r.ResultDetail = &ResultDetail{ResultStated: &ResultStated{}}
	case d.shared:
		c := *d
		c.shared = false
		r.ResultDetail = &c
	}
	return r.ResultDetail
}

// ownStated returns r's own Stated part, to write to: in its own detail, a copy of the
// shared one the first time.
func (r *Result) ownStated() *ResultStated {
	d := r.own()
	switch st := d.ResultStated; {
	case st == nil:
		d.ResultStated = &ResultStated{}
	case st.shared:
		c := *st
		c.shared = false
		d.ResultStated = &c
	}
	return d.ResultStated
}

// own returns t's own detail, to write its Calc to: a copy of the shared one the first
// time, sharing its Stated part.
func (t *Target) own() *TargetDetail {
	switch d := t.TargetDetail; {
	case d == nil:
		t.TargetDetail = &TargetDetail{TargetStated: &TargetStated{}}
	case d.shared:
		c := *d
		c.shared = false
		t.TargetDetail = &c
	}
	return t.TargetDetail
}
