package download

import (
	"encoding/xml"
	"fmt"

	"github.com/covsite/covsite/internal/date"
)

// Feed is what an Atom feed of updates says, in one language: the caller picks the words
// and the absolute URLs.
type Feed struct {
	Lang      string
	Title     string
	ID        string // the absolute URL of the updates page, which is the feed's id
	Self      string // the absolute URL of the feed itself
	Publisher string
	Entries   []FeedEntry // newest first
}

// FeedEntry is one update in a feed.
type FeedEntry struct {
	Title, URL, Summary string
	Date                date.Date
}

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

// Bytes encodes the feed as Atom. Its dates come from the updates themselves, never from
// the clock, so two builds give the same bytes.
func (f Feed) Bytes() ([]byte, error) {
	a := atomFeed{
		NS: "http://www.w3.org/2005/Atom", Lang: f.Lang, Title: f.Title, ID: f.ID, Updated: "1970-01-01T00:00:00Z",
		Author: atomPerson{Name: f.Publisher},
		Links:  []atomLink{{Href: f.Self, Rel: "self", Type: "application/atom+xml"}, {Href: f.ID}},
	}
	if len(f.Entries) > 0 {
		a.Updated = atomTime(f.Entries[0].Date)
	}
	for _, e := range f.Entries {
		a.Entries = append(a.Entries, atomEntry{Title: e.Title, ID: e.URL, Updated: atomTime(e.Date), Link: atomLink{Href: e.URL}, Summary: e.Summary})
	}
	out, err := xml.MarshalIndent(a, "", " ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(out, '\n')...), nil
}
