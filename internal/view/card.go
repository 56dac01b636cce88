package view

import (
	"github.com/covsite/covsite/internal/card"
	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/model"
)

// HasCard reports whether a locality's page has a share card: the nation and the
// provinces, not the thousands of districts and communes (a card costs a few
// milliseconds and 30–70 KB).
func HasCard(l *model.Locality) bool { return l.Depth <= 1 }

// PlanHasCard reports whether a plan's page has a share card: plans of the nation and of
// provinces.
func PlanHasCard(p *model.Plan) bool { return p.Locality != nil && HasCard(p.Locality) }

// LocalityCard is the share card of a locality: its name, its latest figures (coverage
// rates where known) and their date and source.
func LocalityCard(f Format, s *model.Site, l *model.Locality, site string) card.Card {
	c := card.Card{Site: site, Kicker: f.Kind(l), Title: f.Label(l)}
	var latest date.Date
	var publisher string
	for _, ind := range s.Indicators {
		res := s.LatestResult(l, ind)
		if res == nil || len(c.Figures) == 3 {
			continue
		}
		c.Figures = append(c.Figures, figureOf(f, s, ind, res))
		if res.AsOf.After(latest) {
			latest, publisher = res.AsOf, res.Source.Publisher
		}
	}
	switch {
	case latest.IsZero():
		c.Note = f.TS("card.no_results")
	case publisher != "":
		c.Note = f.TS("card.asof_source", f.Date(latest), publisher)
	default:
		c.Note = f.TS("card.asof", f.Date(latest))
	}
	return c
}

// figureOf is a result on a card: its coverage rate when known, else its value.
func figureOf(f Format, s *model.Site, ind *model.Indicator, res *model.Result) card.Figure {
	if rate := s.RateOf(res); rate.Known && ind.Unit != model.Percent {
		label := f.Short(ind)
		if base := f.Base(ind.Base); base != "" {
			label += ", " + f.TS("card.of_base", base)
		}
		return card.Figure{Value: f.Pct(rate), Label: cardMarked(f, label, res.Calc)}
	}
	return card.Figure{Value: f.WithUnit(ind, res.Value), Label: cardMarked(f, f.Short(ind), res.Calc)}
}

// cardMarked is a card figure's label with the computed mark when the site computed the
// figure, as every other surface marks it: "BHXH · Σ số tính". The card's font (Noto Sans)
// has no ∑ (U+2211); Σ (U+03A3) is drawn in its place.
func cardMarked(f Format, label string, calc model.Calc) string {
	if !calc.Computed() {
		return label
	}
	return label + " · Σ " + f.T("calc.mark")
}

// PlanCard is the share card of a plan: its number and title, the first three targets it
// sets its own locality, and who issued it when.
func PlanCard(f Format, p *model.Plan, site string) card.Card {
	c := card.Card{Site: site, Kicker: f.TS("card.plan", f.PlanName(p)), Title: f.PlanTitle(p)}
	for _, t := range p.Targets {
		if t.Locality != p.Locality || t.Implied || len(c.Figures) == 3 {
			continue
		}
		label := f.TS("card.target", f.Short(t.Indicator), f.Period(t.Period))
		switch {
		case t.Rate.Known:
			c.Figures = append(c.Figures, card.Figure{Value: f.PctAsGiven(t.Rate), Label: label})
		case t.Value.Known:
			c.Figures = append(c.Figures, card.Figure{Value: f.WithUnit(t.Indicator, t.Value), Label: label})
		}
	}
	c.Note = f.Issuer(p)
	if !p.Issued.IsZero() {
		c.Note += ", " + f.Date(p.Issued)
	}
	return c
}

// UpdateCard is the share card of an update: its title and date.
func UpdateCard(f Format, d *model.Document, site string) card.Card {
	return card.Card{Site: site, Kicker: f.TS("card.update", f.Date(d.Date)), Title: d.Title, Note: d.Summary}
}

// HomeCard is the share card of the home page: the site's title and what it holds.
func HomeCard(f Format, s *model.Site, site, description string) card.Card {
	provinces, plans := 0, len(s.Plans)
	for _, root := range s.Roots {
		for _, c := range root.Children {
			if !c.Ended() && s.HasFigures(c) {
				provinces++
			}
		}
	}
	var latest date.Date
	for _, r := range s.Results {
		if r.AsOf.After(latest) {
			latest = r.AsOf
		}
	}
	c := card.Card{Kicker: description, Title: site, Note: f.TS("card.asof", f.Date(latest))}
	c.Figures = []card.Figure{
		{Value: f.Int(provinces), Label: f.TS("card.provinces")},
		{Value: f.Int(plans), Label: f.TS("card.plans")},
		{Value: f.Int(len(s.Results)), Label: f.TS("card.results")},
	}
	if latest.IsZero() {
		c.Note = f.TS("card.no_results")
	}
	return c
}
