package download

import (
	"io"
	"strings"

	"github.com/covsite/covsite/internal/lang"
	"github.com/covsite/covsite/internal/model"
)

// SourcesHeader are the columns of the table of sources (routes.SourcesDownload, and
// "nguon.csv" in each province's pack): one row per document the figures cite — a plan
// (kind "plan") or a source of results (report, news, conference, decision) — keyed by the
// id that the figures' CSV names in its plan and source columns. A row of figures carries
// the id, not the title: the titles repeated on every row made a national site's locality
// CSVs half as large again (164.7 → 244.3 MB) and its Pages archive over 1 GB.
var SourcesHeader = []string{"id", "kind", "number", "title", "title_en", "publisher", "published", "url"}

// planKind is the kind of a plan's row in the table of sources.
const planKind = "plan"

// sourcesCSV writes the table of the sources and plans the figures of locs cite; of every
// source and plan of the site when locs is nil.
func (d *Data) sourcesCSV(w io.Writer, locs []*model.Locality) error {
	if locs == nil {
		return d.writeSources(w, &cited{d.site.Sources, d.site.Plans})
	}
	return d.writeSources(w, d.citedBy(locs))
}

// writeSources writes the table of the sources and plans c holds.
func (d *Data) writeSources(w io.Writer, c *cited) error {
	sources, plans := c.sources, c.plans
	b := append([]byte(ByteOrderMark), strings.Join(SourcesHeader, ",")...)
	b = append(b, '\n')
	for _, p := range plans {
		b = appendSourceRow(b, p.ID, planKind, p.Number, p.Title.VI, english(p.Title), p.Issuer.VI, p.Issued.String(), p.URL)
	}
	for _, s := range sources {
		b = appendSourceRow(b, s.ID, s.Kind, "", s.Title.VI, english(s.Title), s.Publisher, s.Published.String(), s.URL)
	}
	_, err := w.Write(b)
	return err
}

// english is t's English when the data gives one: the model fills a missing English title
// with the Vietnamese, which the table leaves out rather than repeats.
func english(t lang.Text) string {
	if t.EN == t.VI {
		return ""
	}
	return t.EN
}

// appendSourceRow appends one row of the table of sources, its texts formula-safe.
func appendSourceRow(b []byte, fields ...string) []byte {
	for i, f := range fields {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendCSVText(b, f)
	}
	return append(b, '\n')
}
