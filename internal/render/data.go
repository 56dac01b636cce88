package render

import (
	"cmp"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/covsite/covsite/internal/routes"
	"github.com/covsite/covsite/internal/view"

	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/textutil"
)

// dataPages are the downloads: the whole dataset and each locality's figures, as CSV and JSON.
func (r *Renderer) dataPages() []Page {
	pages := r.siteData()
	for _, l := range r.site.Localities {
		pages = append(pages, r.localityData(l)...)
	}
	return pages
}

// siteData is the whole dataset as CSV and JSON. Both are streamed to their files: at
// national scale they are hundreds of megabytes.
func (r *Renderer) siteData() []Page {
	return []Page{
		{Path: routes.SiteDownload("csv"), Large: true, write: func(w io.Writer) error { return r.csv(w, nil) }},
		{Path: routes.SiteDownload("json"), Large: true, write: func(w io.Writer) error { return r.json(w, nil) }},
	}
}

// localityData is l's figures as CSV and JSON, when it has any.
func (r *Renderer) localityData(l *model.Locality) []Page {
	if !r.site.HasFigures(l) {
		return nil
	}
	return []Page{
		{Path: routes.LocalityDownload(l.ID, "csv"), write: func(w io.Writer) error { return r.csv(w, l) }},
		{Path: routes.LocalityDownload(l.ID, "json"), write: func(w io.Writer) error { return r.json(w, l) }},
	}
}

// HasDownloads reports whether l has its own data files.
func (r *Renderer) HasDownloads(l *model.Locality) bool { return r.site.HasFigures(l) }

// figureRecord is one row of the dataset: a target or a result. Unknown numbers are
// empty in CSV and null in JSON.
type figureRecord struct {
	Type          string
	Locality      string
	LocalityName  string
	Indicator     string
	Unit          string
	Plan          string
	PlanNumber    string
	Period        string
	Deadline      string
	AsOf          string
	Value         model.Num
	Rate          model.Num
	ReportedShare model.Num
	ReportedGap   model.Num
	Change        model.Num
	ChangeSince   string
	Source        string
	Published     string
	Implied       bool
	Derived       bool
	// Where the figure stands in its document (in Vietnamese, as the data gives it).
	Where string
	// Calc is how the site computed the value (model.Computation), "" when a document gives
	// it; CalcInputs the figures it computed it from, plain, joined by ";".
	Calc       string
	CalcInputs string
	// SetBy and Decision credit a target as its document does; CreditInferred when the
	// document names no decision for it ("theo <source>").
	SetBy          string
	Decision       string
	CreditInferred bool
}

// calcFields are a computed figure's mark for the downloads.
func calcFields(c model.Calc) (string, string) {
	if !c.Computed() {
		return "", ""
	}
	in := make([]string, len(c.Inputs))
	for i, n := range c.Inputs {
		in[i] = plain(n)
	}
	return string(c.How), strings.Join(in, ";")
}

// eachRecord calls fn with each target and result of l (all when l is nil) in a stable
// order. The record is reused between calls.
func (r *Renderer) eachRecord(l *model.Locality, fn func(*figureRecord) error) error {
	targets, results := r.site.Targets, r.site.Results
	if l != nil {
		targets, results = r.site.TargetsOf(l), r.site.ResultsOf(l)
	}
	var rec figureRecord
	for _, t := range targets {
		if l != nil && t.Locality != l {
			continue
		}
		rec = figureRecord{
			Type: "target", Locality: t.Locality.ID, LocalityName: t.Locality.Name.VI, Indicator: t.Indicator.ID,
			Unit: string(t.Indicator.Unit), Plan: t.Plan.ID, PlanNumber: t.Plan.Number, Period: t.Period.Text,
			Deadline: t.Deadline.String(), Value: t.Value, Rate: t.Rate, Implied: t.Implied, Derived: t.Derived,
			Where: t.Where.VI, SetBy: t.Credit.Authority, Decision: t.Credit.Decision, CreditInferred: t.Credit.Inferred,
		}
		rec.Calc, rec.CalcInputs = calcFields(t.Calc)
		if err := fn(&rec); err != nil {
			return err
		}
	}
	for _, res := range results {
		if l != nil && res.Locality != l {
			continue
		}
		rec = figureRecord{
			Type: "result", Locality: res.Locality.ID, LocalityName: res.Locality.Name.VI, Indicator: res.Indicator.ID,
			Unit: string(res.Indicator.Unit), AsOf: res.AsOf.String(), Value: res.Value, Rate: res.Rate,
			ReportedGap: res.Gap, Change: res.Change, ChangeSince: res.ChangeSince.String(),
			Source: res.Source.ID, Published: res.Source.Published.String(), Derived: res.Derived,
			Where: res.Where.VI,
		}
		rec.Calc, rec.CalcInputs = calcFields(res.Calc)
		if len(res.Shares) == 0 {
			if err := fn(&rec); err != nil {
				return err
			}
		}
		for _, s := range res.Shares {
			rec.Plan, rec.PlanNumber, rec.ReportedShare = s.Plan.ID, s.Plan.Number, s.Share
			if err := fn(&rec); err != nil {
				return err
			}
		}
	}
	return nil
}

var csvHeader = []string{"type", "locality", "locality_name", "indicator", "unit", "plan", "plan_number", "period", "deadline",
	"as_of", "value", "rate", "reported_share", "reported_gap", "change", "change_since", "source", "published", "implied", "derived",
	"where", "calc", "calc_inputs", "set_by", "decision", "credit_inferred"}

// csv writes the figures of l (all when l is nil) as CSV with csvHeader's columns.
func (r *Renderer) csv(w io.Writer, l *model.Locality) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	row := make([]string, len(csvHeader))
	err := r.eachRecord(l, func(rec *figureRecord) error {
		row = append(row[:0], rec.Type, csvText(rec.Locality), csvText(rec.LocalityName), csvText(rec.Indicator), csvText(rec.Unit), csvText(rec.Plan),
			csvText(rec.PlanNumber), csvText(rec.Period), rec.Deadline, rec.AsOf, plain(rec.Value), plain(rec.Rate), plain(rec.ReportedShare),
			plain(rec.ReportedGap), plain(rec.Change), rec.ChangeSince, csvText(rec.Source), rec.Published,
			strconv.FormatBool(rec.Implied), strconv.FormatBool(rec.Derived),
			csvText(rec.Where), rec.Calc, rec.CalcInputs, csvText(rec.SetBy), csvText(rec.Decision), strconv.FormatBool(rec.CreditInferred))
		return cw.Write(row)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// csvText is a text field of the CSV, made safe to open in a spreadsheet: text that begins
// with = + - @, a tab or a carriage return would be read by Excel and LibreOffice as a
// formula (=HYPERLINK(…) sends the reader's data away), so it gets a leading apostrophe,
// which spreadsheets take as "this is text" (OWASP, CSV injection). Numbers are written by
// plain and are never changed.
func csvText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// plain formats n the plain way: "1234.5", or "" when unknown.
func plain(n model.Num) string {
	if !n.Known {
		return ""
	}
	return strconv.FormatFloat(n.V, 'f', -1, 64)
}

// citedBy returns the sources and plans that l's figures cite, in the site's order: a
// locality's download describes its own figures, not the whole site's documents.
func (r *Renderer) citedBy(l *model.Locality) ([]*model.Source, []*model.Plan) {
	var sources []*model.Source
	var plans []*model.Plan
	seenS, seenP := map[*model.Source]bool{}, map[*model.Plan]bool{}
	addPlan := func(p *model.Plan) {
		if !seenP[p] {
			seenP[p] = true
			plans = append(plans, p)
		}
	}
	for _, t := range r.site.TargetsOf(l) {
		addPlan(t.Plan)
	}
	for _, res := range r.site.ResultsOf(l) {
		if !seenS[res.Source] {
			seenS[res.Source] = true
			sources = append(sources, res.Source)
		}
		for _, sh := range res.Shares {
			addPlan(sh.Plan)
		}
	}
	slices.SortFunc(sources, func(a, b *model.Source) int { return cmp.Compare(r.site.SourceOrder(a), r.site.SourceOrder(b)) })
	slices.SortFunc(plans, func(a, b *model.Plan) int { return cmp.Compare(r.site.PlanOrder(a), r.site.PlanOrder(b)) })
	return sources, plans
}

func idOf(l *model.Locality) string {
	if l == nil {
		return ""
	}
	return l.ID
}

// searchEntry is one locality in the search index: its name, the name folded for
// accent-insensitive matching ("tra vinh"), its kind, its parent and its URL.
type searchEntry struct {
	Name   string `json:"n"`
	Folded string `json:"f"`
	Kind   string `json:"k"`
	Parent string `json:"p,omitempty"`
	URL    string `json:"u"`
	Ended  bool   `json:"e,omitempty"`
}

func (r *Renderer) searchIndex(lang string) ([]byte, error) {
	tr := r.langs[lang]
	f := view.Format{Lang: tr}
	entries := []searchEntry{}
	for _, l := range r.site.Localities {
		e := searchEntry{Name: f.Label(l), Kind: tr.T("kind." + string(l.Kind)), URL: r.URL(lang, localityPath(l)), Ended: l.Ended()}
		e.Folded = textutil.Fold(l.Name.VI + " " + l.Name.EN + " " + e.Kind)
		if l.Parent != nil {
			e.Parent = f.Label(l.Parent)
		}
		entries = append(entries, e)
	}
	return json.Marshal(entries)
}

type urlset struct {
	XMLName xml.Name  `xml:"urlset"`
	NS      string    `xml:"xmlns,attr"`
	URLs    []siteURL `xml:"url"`
}

type siteURL struct {
	Loc string `xml:"loc"`
}

func (r *Renderer) sitemap() ([]byte, error) {
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for _, lang := range r.languages() {
		for _, p := range r.languagePages(lang) {
			if !strings.HasSuffix(p.Path, "index.html") {
				continue
			}
			rel := strings.TrimSuffix(strings.TrimPrefix(p.Path, routes.Prefix(lang)), "index.html")
			set.URLs = append(set.URLs, siteURL{Loc: r.AbsURL(lang, rel)})
		}
	}
	out, err := xml.MarshalIndent(set, "", " ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(out, '\n')...), nil
}
