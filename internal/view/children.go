package view

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/routes"
)

// ChildRanking ranks a locality's children (a province's communes) by their share of
// target for one indicator: a sorted bar chart and a table of the same figures. Its
// layout is partials/childranking.html; a locality page includes one per indicator that
// has one.
type ChildRanking struct {
	ID      string
	Title   string
	Note    string // the target's period, and the dates of the results
	Bars    []Bar  // best first; the children with a figure
	Table   Table  // every child, those without a figure last
	Height  int    // of the bar chart's SVG, in pixels
	Caption string
}

// Bar is one child's bar: Width is its share of target in percent of the chart's scale
// (0–100), for an SVG rect, which a Content-Security-Policy without inline styles allows.
type Bar struct {
	Name   string
	URL    string
	Value  string // "96,2 %"
	Width  float64
	Y      int     // top of the bar
	TextY  int     // baseline of its labels
	X      float64 // where the bar starts, in percent of the width
	ValueX float64 // where its value is written, in percent
	Met    bool    // at or past the target
}

// Bar chart geometry, in SVG user units (the chart scales to its container).
const (
	barRow   = 28
	barTop   = 8
	barLabel = 40 // percent of the width given to names
)

// NewChildRanking ranks l's children on ind: each child's latest result against its own
// target for the period covering it. It returns nil when fewer than two children have
// a share of target.
func NewChildRanking(f Format, s *model.Site, l *model.Locality, ind *model.Indicator, url URLs) *ChildRanking {
	type row struct {
		loc   *model.Locality
		share model.Num
		p     model.Progress
	}
	var rows []row
	known := 0
	for _, c := range l.Children {
		r := row{loc: c}
		if res := s.LatestResult(c, ind); res != nil {
			for _, t := range s.TargetsFor(c, ind) {
				if res.AsOf.Before(t.Period.Start) || res.AsOf.After(t.Deadline) {
					continue
				}
				if p := s.Assess(t); p.Share.Known {
					r.share, r.p = p.Share, p
					known++
					break
				}
			}
		}
		rows = append(rows, r)
	}
	if known < 2 {
		return nil
	}
	slices.SortStableFunc(rows, func(a, b row) int {
		if a.share.Known != b.share.Known {
			if a.share.Known {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(b.share.V, a.share.V), cmp.Compare(a.loc.ID, b.loc.ID))
	})
	top := 100.0
	for _, r := range rows {
		if r.share.Known {
			top = math.Max(top, r.share.V)
		}
	}
	cr := &ChildRanking{
		ID:    "xep-hang-" + ind.ID,
		Title: f.T("children.title", f.Short(ind)),
	}
	cr.Table = Table{Caption: cr.Title, Ranked: true, Head: []string{
		f.T("ranking.rank"), f.T("col.unit"), f.T("col.result"), f.T("col.target"), f.T("map.col.share"), f.T("col.asof"),
	}}
	rank := 0
	for _, r := range rows {
		tr := TableRow{Name: f.Name(r.loc), URL: url(routes.Locality(r.loc.ID))}
		if !r.share.Known {
			tr.Cells = []string{"—", "—", "—", ""}
			cr.Table.Rows = append(cr.Table.Rows, tr)
			continue
		}
		rank++
		tr.Rank = f.Int(rank)
		pct := f.PercentUpTo(r.share.V, 1)
		tr.Cells = []string{f.Value(ind, r.p.Value), f.Value(ind, r.p.Goal), pct, f.Date(r.p.Result.AsOf)}
		cr.Table.Rows = append(cr.Table.Rows, tr)
		b := Bar{
			Name: tr.Name, URL: tr.URL, Value: pct, Y: barTop + len(cr.Bars)*barRow, X: barLabel,
			Width: math.Round(r.share.V/top*(100-barLabel-12)*10) / 10, Met: r.share.V >= 100,
		}
		b.TextY, b.ValueX = b.Y+15, b.X+b.Width+1
		cr.Bars = append(cr.Bars, b)
		if cr.Note == "" {
			cr.Note = f.T("children.note", f.Period(r.p.Target.Period))
		}
	}
	cr.Height = barTop*2 + len(cr.Bars)*barRow
	cr.Caption = fmt.Sprintf("%s (%s)", cr.Title, cr.Note)
	return cr
}
