package model

import (
	"slices"

	"github.com/covsite/covsite/internal/date"
)

// Status is where a target stands, aware of whether higher or lower is better.
type Status string

// Statuses, from best to worst; their words are UI strings ("status.met" …).
const (
	StatusMet        Status = "met"
	StatusOnTrack    Status = "on-track"
	StatusInProgress Status = "in-progress"
	StatusBehind     Status = "behind"
	StatusMissed     Status = "missed"
	StatusNoData     Status = "no-data"
)

// Statuses lists every status the site can show; the methodology page defines each.
var Statuses = []Status{StatusMet, StatusOnTrack, StatusInProgress, StatusBehind, StatusMissed, StatusNoData}

// Progress is a target set against the latest result in its period.
type Progress struct {
	Target        *Target
	Result        *Result // nil when no result falls in the target's period
	Value         Num     // the result in the target's terms: a count, or a rate for rate-only targets
	Goal          Num     // the target in the same terms
	ByRate        bool    // compared as rates (percentage points), not counts
	Share         Num     // computed share of the target
	ReportedShare Num     // the share the source states for this plan
	ShareDiffers  bool    // the source's share differs from the figures beyond rounding
	Gap           Num     // computed remaining gap
	ReportedGap   Num
	PacePerMonth  Num
	Milestone     *Milestone // the latest milestone reached by the result's date
	MilestoneMet  bool
	NextMilestone *Milestone
	Baseline      Num  // value at the period's start, when known
	BaselineCalc  Calc // how the site computed Baseline (by subtraction), when it did
	Expected      Num  // where a straight line from the baseline would be at the result's date
	Status        Status
	// StraightLine: Status compares the result with where a straight line from the baseline
	// to the target would be; the card must say so.
	StraightLine bool
	// FromComputed: Status or Share rests on a figure the site computed (an implied or
	// summed target, a baseline derived by subtraction); the card must say so.
	FromComputed bool
	// NoDeadline: the target's document gives no deadline and no milestone applies, so no
	// judgement is drawn (Status is in-progress).
	NoDeadline bool
}

// Assess sets t against the site's results.
func (s *Site) Assess(t *Target) Progress {
	rs, dates := s.index.local[t.Locality].resultsWithDates(t.Indicator)
	return s.assess(t, rs, dates)
}

// assess is Assess with the results of t's locality and indicator, and their dates.
func (s *Site) assess(t *Target, rs []*Result, dates []date.Date) Progress {
	p := Progress{Target: t, Status: StatusNoData}
	p.Goal, p.ByRate = t.Value, false
	if !t.Value.Known && t.Rate.Known {
		p.Goal, p.ByRate = t.Rate, true
	}
	r := resultWithin(t, rs, dates)
	if r == nil {
		p.NextMilestone = nextMilestone(t, t.Period.Start.AddDays(-1))
		return p
	}
	p.Result = r
	p.Value = r.Value
	if p.ByRate {
		p.Value = s.RateOf(r)
	}
	p.Share = ShareOfTarget(p.Value, p.Goal)
	for _, rs := range r.Shares {
		if rs.Plan == t.Plan {
			p.ReportedShare = rs.Share
		}
	}
	p.ShareDiffers = !SharesAgree(p.ReportedShare, p.Share)
	p.Gap = RemainingGap(p.Value, p.Goal, t.Indicator.Direction)
	if !p.ByRate && t.Indicator.Direction == HigherIsBetter {
		p.ReportedGap = r.Gap
		if t.DeadlineGiven { // no pace towards a deadline no document gives
			p.PacePerMonth = PacePerMonth(p.Gap, r.AsOf, t.Deadline)
		}
	}
	p.Milestone, p.NextMilestone = lastMilestone(t, r.AsOf), nextMilestone(t, r.AsOf)
	if p.Milestone != nil && p.Share.Known {
		p.MilestoneMet = p.Share.V >= p.Milestone.Share
	}
	p.Baseline, p.BaselineCalc = baseline(t, r, rs, dates)
	p.Expected = ExpectedValue(p.Baseline, p.Goal, t.Period.Start, r.AsOf, t.Deadline)
	p.FromComputed = t.Calc.Computed() || r.Calc.Computed()
	p.Status = judge(&p, t, r.AsOf)
	return p
}

// judge applies the status rules documented on the methodology page: a status comes only
// from a target whose document gives its deadline, or from a milestone; a status from a
// straight line or from a computed figure is marked so the card can say so.
func judge(p *Progress, t *Target, asOf date.Date) Status {
	if !p.Value.Known || !p.Goal.Known {
		return StatusNoData
	}
	if !t.DeadlineGiven && p.Milestone == nil {
		p.NoDeadline = true
		return StatusInProgress
	}
	met := p.Value.V >= p.Goal.V
	if t.Indicator.Direction == LowerIsBetter {
		met = p.Value.V <= p.Goal.V
	}
	switch {
	case met:
		return StatusMet
	case !asOf.Before(t.Deadline):
		return StatusMissed
	case t.Indicator.Direction == LowerIsBetter:
		return StatusBehind
	case p.Milestone != nil:
		if p.MilestoneMet {
			return StatusOnTrack
		}
		return StatusBehind
	case p.Expected.Known:
		p.StraightLine = true
		if p.BaselineCalc.Computed() {
			p.FromComputed = true
		}
		if p.Value.V >= p.Expected.V {
			return StatusOnTrack
		}
		return StatusBehind
	}
	return StatusInProgress
}

// resultWithin returns the latest of rs, the results for the target's locality and
// indicator (ResultsFor, oldest first, dated dates), dated within its period (up to the
// deadline).
func resultWithin(t *Target, rs []*Result, dates []date.Date) *Result {
	for i := len(rs) - 1; i >= 0; i-- {
		if dates[i].Before(t.Period.Start) {
			return nil // and so are the ones before it
		}
		if dates[i].After(t.Deadline) {
			continue
		}
		if r := rs[i]; r.Value.Known || (!t.Value.Known && r.Rate.Known) {
			return r
		}
	}
	return nil
}

// RateOf returns a result's coverage rate: as reported, or computed from the denominator.
func (s *Site) RateOf(r *Result) Num {
	rate, _ := s.rateOf(r)
	return rate
}

// RateWithCalc is RateOf with how the rate was obtained: as reported (no Calc), or the site's
// participants ÷ denominator (marked RateFromDenominator).
func (s *Site) RateWithCalc(r *Result) (Num, Calc) {
	rate, d := s.rateOf(r)
	switch {
	case r.Rate.Known:
		return rate, Calc{}
	case r.Indicator.Unit == Percent:
		return rate, r.Calc
	case !rate.Known:
		return rate, Calc{}
	}
	return rate, Calc{How: RateFromDenominator, Inputs: []Num{r.Value, d}}
}

// rateOf is a result's rate and the denominator the site computed it from (Unknown when
// it did not): RateOf without making RateWithCalc's Calc, whose inputs are an allocation
// (a locality page asks for a rate alone some ten times).
func (s *Site) rateOf(r *Result) (rate, denominator Num) {
	if r.Rate.Known {
		return r.Rate, Unknown
	}
	if r.Indicator.Unit == Percent {
		return r.Value, Unknown
	}
	d := s.Denominator(r.Locality, r.Indicator.Base, int(r.AsOf.Year))
	return CoverageRate(r.Value, d), d
}

// baseline is the value at the start of the target's period: a result dated on the day
// before the period starts, or one implied by a reported change since then (marked as
// derived by subtraction). rs are the results for the target's locality and indicator,
// oldest first (ResultsFor), dated dates; r is one of them.
func baseline(t *Target, r *Result, rs []*Result, dates []date.Date) (Num, Calc) {
	if !t.Value.Known {
		return Unknown, Calc{}
	}
	if r.Change.Known && r.Value.Known {
		if eve := t.Period.Start.AddDays(-1); !r.ChangeSince.After(eve) && !r.ChangeSince.Before(eve.AddDays(-31)) {
			return ChangeBaseline(r)
		}
	}
	// the result of the eve the pages show (the last with a value): found by halving, as
	// they are by date, before the period's start; the eve counted only when a result
	// precedes the start (a period starts on the first of a month, whose eve AddDays
	// counts from an epoch)
	i, _ := slices.BinarySearchFunc(dates, t.Period.Start, date.Date.Compare)
	if i == 0 {
		return Unknown, Calc{}
	}
	eve := t.Period.Start.AddDays(-1)
	for i--; i >= 0 && dates[i] == eve; i-- {
		if rs[i].Value.Known {
			return rs[i].Value, rs[i].Calc
		}
	}
	return Unknown, Calc{}
}

func lastMilestone(t *Target, asOf date.Date) *Milestone {
	var best *Milestone
	for _, m := range t.Plan.Milestones {
		if m.HasShare && m.Applies(t.Indicator) && !m.By.After(asOf) && t.Period.Contains(m.By) && (best == nil || m.By.After(best.By)) {
			best = m
		}
	}
	return best
}

func nextMilestone(t *Target, asOf date.Date) *Milestone {
	var best *Milestone
	for _, m := range t.Plan.Milestones {
		if m.HasShare && m.Applies(t.Indicator) && m.By.After(asOf) && t.Period.Contains(m.By) && (best == nil || m.By.Before(best.By)) {
			best = m
		}
	}
	return best
}

// BaselineFromChange returns the value a result implies at its ChangeSince date.
func BaselineFromChange(r *Result) Num {
	if !r.Change.Known || !r.Value.Known {
		return Unknown
	}
	return Known(r.Value.V-r.Change.V, int(r.Value.Decimals))
}
