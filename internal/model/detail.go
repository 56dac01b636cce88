package model

import (
	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/lang"
)

// A national site holds ~600,000 results and ~370,000 targets; what only some carry is in
// their detail. The results and targets without any share one empty detail each; those
// whose detail is only what their row or file gives them all — where the figures stand, a
// note, change_since, per — share one per file and kind of detail (resultDetail,
// targetDetail). Nothing writes to a shared detail: the builder gives a result or target
// its own copy (own) before writing one of its fields.
var (
	noResultDetail = &ResultDetail{shared: true}
	noTargetDetail = &TargetDetail{shared: true}
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
		return &ResultDetail{Where: k.where, Note: k.note, ChangeSince: k.since, shared: true}
	})
}

// targetDetail is resultDetail for a row's new targets.
func (b *builder) targetDetail(k targetShared) *TargetDetail {
	return sharedDetail(&b.targetDetails, k, noTargetDetail, func(k targetShared) *TargetDetail {
		return &TargetDetail{Where: k.where, Note: k.note, Per: k.per, shared: true}
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
	return !d.Rate.Known && d.Where == (lang.Text{}) && len(d.Shares) == 0 && !d.Gap.Known && !d.Change.Known &&
		d.ChangeSince.IsZero() && !d.Calc.Computed() && len(d.Calc.Inputs) == 0 && d.Note == (lang.Text{})
}

func (d *TargetDetail) empty() bool {
	return d.Where == (lang.Text{}) && d.Per == "" && !d.ImpliedShare.Known && !d.Calc.Computed() &&
		len(d.Calc.Inputs) == 0 && d.Note == (lang.Text{})
}

// own returns r's own detail, to write to: a copy of the shared one the first time.
func (r *Result) own() *ResultDetail {
	switch d := r.ResultDetail; {
	case d == nil:
		r.ResultDetail = &ResultDetail{}
	case d.shared:
		c := *d
		c.shared = false
		r.ResultDetail = &c
	}
	return r.ResultDetail
}

// own returns t's own detail, to write to: a copy of the shared one the first time.
func (t *Target) own() *TargetDetail {
	switch d := t.TargetDetail; {
	case d == nil:
		t.TargetDetail = &TargetDetail{}
	case d.shared:
		c := *d
		c.shared = false
		t.TargetDetail = &c
	}
	return t.TargetDetail
}
