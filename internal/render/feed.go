package render

import (
	"encoding/xml"
	"fmt"

	"github.com/covsite/covsite/internal/routes"
	"github.com/covsite/covsite/internal/view"

	"github.com/covsite/covsite/internal/date"
)

type atomFeed struct {
	XMLName xml.Name    `xml:"feed"`
	NS      string      `xml:"xmlns,attr"`
	Lang    string      `xml:"xml:lang,attr"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Link    atomLink `xml:"link"`
	Summary string   `xml:"summary"`
}

func atomTime(d date.Date) string { return fmt.Sprintf("%sT00:00:00Z", d.String()) }

// feed renders the Atom feed of updates in lang, newest first. Its dates come from the
// updates themselves, never from the clock, so two builds give the same bytes.
func (r *Renderer) feed(lang string) ([]byte, error) {
	docs := view.DocumentsIn(updates(r.site.Documents), lang)
	f := atomFeed{
		NS: "http://www.w3.org/2005/Atom", Lang: lang, Title: r.site.Config.Title.In(lang),
		ID: r.AbsURL(lang, routes.Updates), Updated: "1970-01-01T00:00:00Z", Author: atomPerson{Name: r.site.Config.Publisher},
		Links: []atomLink{{Href: r.AbsURL(lang, routes.Feed), Rel: "self", Type: "application/atom+xml"}, {Href: r.AbsURL(lang, routes.Updates)}},
	}
	if len(docs) > 0 {
		f.Updated = atomTime(docs[0].Date)
	}
	for _, d := range docs {
		u := r.AbsURL(lang, documentPath(d))
		f.Entries = append(f.Entries, atomEntry{Title: d.Title, ID: u, Updated: atomTime(d.Date), Link: atomLink{Href: u}, Summary: d.Summary})
	}
	out, err := xml.MarshalIndent(f, "", " ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(out, '\n')...), nil
}
