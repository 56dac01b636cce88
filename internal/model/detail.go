package model

// The results and targets without detail — most of a national site's ~600,000 results and
// ~370,000 targets — share one empty detail each. Nothing writes to them: the builder
// gives a result or target its own detail (own) before writing one of its fields.
var (
	noResultDetail = &ResultDetail{}
	noTargetDetail = &TargetDetail{}
)

// resultDetailOf returns d to keep on a new result: the shared empty detail when d is empty.
func resultDetailOf(d ResultDetail) *ResultDetail {
	if d.empty() {
		return noResultDetail
	}
	return &d
}

// targetDetailOf returns d to keep on a new target: the shared empty detail when d is empty.
func targetDetailOf(d TargetDetail) *TargetDetail {
	if d.empty() {
		return noTargetDetail
	}
	return &d
}

func (d *ResultDetail) empty() bool {
	return len(d.Shares) == 0 && !d.Gap.Known && !d.Change.Known && d.ChangeSince.IsZero() &&
		!d.Calc.Computed() && len(d.Calc.Inputs) == 0 && d.Note.VI == "" && d.Note.EN == ""
}

func (d *TargetDetail) empty() bool {
	return d.Per == "" && !d.ImpliedShare.Known && !d.Calc.Computed() && len(d.Calc.Inputs) == 0 &&
		d.Note.VI == "" && d.Note.EN == ""
}

// own returns r's own detail, to write to: a copy of the shared empty one the first time.
func (r *Result) own() *ResultDetail {
	if r.ResultDetail == nil || r.ResultDetail == noResultDetail {
		r.ResultDetail = &ResultDetail{}
	}
	return r.ResultDetail
}

// own returns t's own detail, to write to: a copy of the shared empty one the first time.
func (t *Target) own() *TargetDetail {
	if t.TargetDetail == nil || t.TargetDetail == noTargetDetail {
		t.TargetDetail = &TargetDetail{}
	}
	return t.TargetDetail
}
