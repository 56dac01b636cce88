package render

import (
	"bytes"
	"io"

	"github.com/covsite/covsite/internal/card"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/routes"
	"github.com/covsite/covsite/internal/view"
)

// withCard names the page's share card when it has one: its address, absolute when the
// base URL is (crawlers want an absolute og:image).
func (r *Renderer) withCard(d pageData, has bool) pageData {
	if has {
		d.Card = r.AbsURL(d.Lang, routes.ShareCard(d.Path))
	}
	return d
}

// cardFile is the share card of the page at route, drawn from make's card: into the
// writer when it is a buffer (a build worker's, reused for every page), else into one of
// its own. The card of a locality's or plan's page is of its batch (of): its cards in each
// language, drawn one after the other, share the rows of their title, which the second
// copies from the first's (card/png.go).
func (r *Renderer) cardFile(lang, route string, of any, make func() card.Card) Page {
	return Page{Path: routes.File(lang, routes.ShareCard(route)), Lang: lang, of: of, write: func(w io.Writer) error {
		if buf, ok := w.(*bytes.Buffer); ok {
			return r.cards.WritePNG(buf, make())
		}
		b, err := r.cards.PNG(make())
		if err == nil {
			_, err = w.Write(b)
		}
		return err
	}}
}

func (r *Renderer) siteTitle(lang string) string {
	return r.site.Config.Title.In(lang)
}

func (r *Renderer) homeCard(lang string) Page {
	return r.cardFile(lang, routes.Home, nil, func() card.Card {
		return view.HomeCard(r.format(lang), r.site, r.siteTitle(lang), r.site.Config.Description.In(lang))
	})
}

// localityCard is the card of a province's page; other localities have none.
func (r *Renderer) localityCard(lang string, l *model.Locality) []Page {
	if !view.HasCard(l) {
		return nil
	}
	return []Page{r.cardFile(lang, localityPath(l), l, func() card.Card {
		return view.LocalityCard(r.format(lang), r.site, l, r.siteTitle(lang))
	})}
}

func (r *Renderer) planCard(lang string, p *model.Plan) []Page {
	if !view.PlanHasCard(p) {
		return nil
	}
	return []Page{r.cardFile(lang, planPath(p), p, func() card.Card { return view.PlanCard(r.format(lang), p, r.siteTitle(lang)) })}
}

func (r *Renderer) updateCard(lang string, d *model.Document) Page {
	return r.cardFile(lang, documentPath(d), nil, func() card.Card { return view.UpdateCard(r.format(lang), d, r.siteTitle(lang)) })
}
