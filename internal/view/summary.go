package view

import (
	"strings"

	"github.com/covsite/covsite/internal/model"
)

// localitySummary is the one-line status for Open Graph and the meta description: the
// first indicator's latest result and its share of target, else a result, else a target
// still without result, else a line saying there are no figures yet.
func (c *Context) localitySummary(l *model.Locality, hs []headline) string {
	f := c.F
	for _, h := range hs {
		if h.Result != nil && len(h.Progress) > 0 && h.Progress[0].Share.Known {
			p := h.Progress[0]
			return f.TS("summary.share", f.Short(h.Indicator), c.marked(h.Indicator, h.Result.Value, h.Result.Calc), f.Date(h.Result.AsOf), f.Pct(p.Share))
		}
	}
	for _, h := range hs {
		if h.Result != nil && h.Result.Value.Known {
			return f.TS("summary.result", f.Short(h.Indicator), c.marked(h.Indicator, h.Result.Value, h.Result.Calc), f.Date(h.Result.AsOf))
		}
	}
	for _, h := range hs {
		if len(h.Progress) == 0 {
			continue
		}
		t := h.Progress[0].Target
		switch {
		case t.Value.Known:
			return f.TS("summary.target", f.Short(h.Indicator), f.Period(t.Period), c.marked(h.Indicator, t.Value, t.Calc))
		case t.Rate.Known:
			return f.TS("summary.target", f.Short(h.Indicator), f.Period(t.Period), strings.TrimSpace(f.PctAsGiven(t.Rate)+" "+f.Base(t.Base)))
		}
	}
	if len(hs) == 0 {
		return f.TS("summary.none", f.Name(l))
	}
	return f.TS("summary.locality", f.Name(l))
}

// marked is a figure with its unit, followed by the computed mark when the site computed
// it: "2.053 người (∑ số tính)". How it did is on the page; a description only marks it.
func (c *Context) marked(ind *model.Indicator, n model.Num, calc model.Calc) string {
	s := c.F.WithUnit(ind, n)
	if calc.Computed() {
		s += " (" + CalcMark + " " + c.F.TS("calc.mark") + ")"
	}
	return s
}
