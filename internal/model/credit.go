package model

// Credit says who set a target, as the document that gives the figure names them, and
// which numbered decision it belongs to — only when that document names the decision for
// that figure. Otherwise the target is credited to the document that reports it ("theo
// <document>") and marked Inferred: the site filed it under Plan, the document did not.
type Credit struct {
	// Authority is who set the figure, in the document's words ("UBND tỉnh"); "" when the
	// document does not say ("kế hoạch giao"). It is in the document's language in both
	// languages of the site: a name the document gives is not translated.
	Authority string
	// Decision is the number of the decision the document names for this figure
	// ("49/KH-BCĐ"); "" when it names none.
	Decision string
	// Plan is the plan the document is, or (Inferred) the plan the site filed the figure under.
	Plan *Plan
	// Source is the document that reports the figure when it is not the plan itself.
	Source *Source
	// Inferred: the document does not name the decision for this figure; Reason says why
	// the site files it under Plan.
	Inferred bool
	Reason   CreditReason
}

// CreditReason is why a figure's credit is inferred; its words are UI strings
// ("credit.reason.<reason>").
type CreditReason string

// Reasons a credit is inferred.
const (
	ReasonNone CreditReason = ""
	// ReasonNotNamed: the report measures against a target without naming the decision
	// that set it ("đạt 85 % kế hoạch giao").
	ReasonNotNamed CreditReason = "not-named"
)

// planCredit credits a target a plan publishes to the plan itself: its issuer and number.
func planCredit(p *Plan) *Credit {
	return &Credit{Authority: p.Issuer.VI, Decision: p.Number, Plan: p}
}

// impliedCredit credits a target a source implies: to the authority the source names for
// it and the decision it names, else "theo <source>", inferred.
func impliedCredit(r *Result, s ReportedShare) *Credit {
	c := &Credit{Authority: s.SetBy, Decision: s.Decision, Plan: s.Plan, Source: r.Source}
	if c.Decision == "" {
		c.Inferred, c.Reason = true, ReasonNotNamed
	}
	return c
}

// Computation is how the site computed a figure no document gives; its words are UI
// strings ("calc.<computation>").
type Computation string

// Computations.
const (
	NotComputed Computation = ""
	// SumOfParts: a total the document does not give, the sum of its parts (bhxh = bắt buộc + tự nguyện).
	SumOfParts Computation = "sum"
	// Difference: a figure derived by subtraction (the value at the start of the year =
	// the result − the reported change).
	Difference Computation = "difference"
	// ImpliedByGap: a target = the result + what the source says is still needed.
	ImpliedByGap Computation = "implied-gap"
	// ImpliedByShare: a target = the result ÷ the share of it the source says is reached.
	ImpliedByShare Computation = "implied-share"
	// ImpliedDenominator: a denominator = the participants ÷ the coverage rate.
	ImpliedDenominator Computation = "implied-denominator"
	// RateFromDenominator: a coverage rate = the participants ÷ the denominator the site has.
	RateFromDenominator Computation = "rate"
)

// Calc marks a computed figure: how, and from which figures (in the formula's order: the
// parts of a sum; the result and the change; the result and the gap; the result and the
// share; the participants and the rate or denominator).
type Calc struct {
	How    Computation
	Inputs []Num
}

// Computed reports whether the figure is the site's arithmetic.
func (c Calc) Computed() bool { return c.How != NotComputed }

// ChangeBaseline is the value a result implies at its ChangeSince date (result − change),
// marked as derived by subtraction.
func ChangeBaseline(r *Result) (Num, Calc) {
	b := BaselineFromChange(r)
	if !b.Known {
		return b, Calc{}
	}
	return b, Calc{How: Difference, Inputs: []Num{r.Value, r.Change}}
}

// ImpliedDenominatorOf is the denominator a count and its coverage rate imply, in whole
// persons as a document would write it, marked as computed.
func ImpliedDenominatorOf(participants, rate Num) (Num, Calc) {
	if !participants.Known || !rate.Known || rate.V <= 0 {
		return Unknown, Calc{}
	}
	return Known(round(participants.V/rate.V*100), 0), Calc{How: ImpliedDenominator, Inputs: []Num{participants, rate}}
}
