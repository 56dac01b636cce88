package render

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"slices"
	"strconv"
	"strings"

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

// siteData is the whole dataset as CSV and JSON.
func (r *Renderer) siteData() []Page {
	return []Page{
		{Path: "du-lieu/covsite.csv", make: func() ([]byte, error) { return r.csv(nil) }},
		{Path: "du-lieu/covsite.json", make: func() ([]byte, error) { return r.json(nil) }},
	}
}

// localityData is l's figures as CSV and JSON, when it has any.
func (r *Renderer) localityData(l *model.Locality) []Page {
	if !r.site.HasFigures(l) {
		return nil
	}
	return []Page{
		{Path: localityPath(l) + "du-lieu.csv", make: func() ([]byte, error) { return r.csv(l) }},
		{Path: localityPath(l) + "du-lieu.json", make: func() ([]byte, error) { return r.json(l) }},
	}
}

// HasDownloads reports whether l has its own data files.
func (r *Renderer) HasDownloads(l *model.Locality) bool { return r.site.HasFigures(l) }

// figureRecord is one row of the dataset: a target or a result.
type figureRecord struct {
	Type          string   `json:"type"`
	Locality      string   `json:"locality"`
	LocalityName  string   `json:"locality_name"`
	Indicator     string   `json:"indicator"`
	Unit          string   `json:"unit"`
	Plan          string   `json:"plan,omitempty"`
	PlanNumber    string   `json:"plan_number,omitempty"`
	Period        string   `json:"period,omitempty"`
	Deadline      string   `json:"deadline,omitempty"`
	AsOf          string   `json:"as_of,omitempty"`
	Value         *float64 `json:"value"`
	Rate          *float64 `json:"rate"`
	ReportedShare *float64 `json:"reported_share,omitempty"`
	ReportedGap   *float64 `json:"reported_gap,omitempty"`
	Change        *float64 `json:"change,omitempty"`
	ChangeSince   string   `json:"change_since,omitempty"`
	Source        string   `json:"source,omitempty"`
	Published     string   `json:"published,omitempty"`
	Implied       bool     `json:"implied,omitempty"`
	Derived       bool     `json:"derived,omitempty"`
}

func ptr(n model.Num) *float64 {
	if !n.Known {
		return nil
	}
	v := n.V
	return &v
}

// records lists the targets and results of l (all when l is nil) in a stable order.
func (r *Renderer) records(l *model.Locality) []figureRecord {
	targets, results := r.site.Targets, r.site.Results
	if l != nil {
		targets, results = r.site.TargetsOf(l), r.site.ResultsOf(l)
	}
	out := make([]figureRecord, 0, len(targets)+len(results))
	for _, t := range targets {
		if l != nil && t.Locality != l {
			continue
		}
		out = append(out, figureRecord{
			Type: "target", Locality: t.Locality.ID, LocalityName: t.Locality.Name, Indicator: t.Indicator.ID,
			Unit: string(t.Indicator.Unit), Plan: t.Plan.ID, PlanNumber: t.Plan.Number, Period: t.Period.Text,
			Deadline: t.Deadline.String(), Value: ptr(t.Value), Rate: ptr(t.Rate), Implied: t.Implied, Derived: t.Derived,
		})
	}
	for _, res := range results {
		if l != nil && res.Locality != l {
			continue
		}
		rec := figureRecord{
			Type: "result", Locality: res.Locality.ID, LocalityName: res.Locality.Name, Indicator: res.Indicator.ID,
			Unit: string(res.Indicator.Unit), AsOf: res.AsOf.String(), Value: ptr(res.Value), Rate: ptr(res.Rate),
			ReportedGap: ptr(res.Gap), Change: ptr(res.Change), ChangeSince: res.ChangeSince.String(),
			Source: res.Source.ID, Published: res.Source.Published.String(), Derived: res.Derived,
		}
		if len(res.Shares) == 0 {
			out = append(out, rec)
		}
		for _, s := range res.Shares {
			rec.Plan, rec.PlanNumber, rec.ReportedShare = s.Plan.ID, s.Plan.Number, ptr(s.Share)
			out = append(out, rec)
		}
	}
	return out
}

var csvHeader = []string{"type", "locality", "locality_name", "indicator", "unit", "plan", "plan_number", "period", "deadline",
	"as_of", "value", "rate", "reported_share", "reported_gap", "change", "change_since", "source", "published", "implied", "derived"}

func (r *Renderer) csv(l *model.Locality) ([]byte, error) {
	recs := r.records(l)
	var buf bytes.Buffer
	buf.Grow(160 * (len(recs) + 1))
	w := csv.NewWriter(&buf)
	if err := w.Write(csvHeader); err != nil {
		return nil, err
	}
	for _, rec := range recs {
		row := []string{rec.Type, rec.Locality, rec.LocalityName, rec.Indicator, rec.Unit, rec.Plan, rec.PlanNumber, rec.Period,
			rec.Deadline, rec.AsOf, plain(rec.Value), plain(rec.Rate), plain(rec.ReportedShare), plain(rec.ReportedGap),
			plain(rec.Change), rec.ChangeSince, rec.Source, rec.Published, strconv.FormatBool(rec.Implied), strconv.FormatBool(rec.Derived)}
		if err := w.Write(row); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

func plain(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

type jsonDataset struct {
	Title      string            `json:"title"`
	Locality   string            `json:"locality,omitempty"`
	Indicators []jsonIndicator   `json:"indicators"`
	Figures    []figureRecord    `json:"figures"`
	Sources    []jsonSource      `json:"sources"`
	Plans      []jsonPlan        `json:"plans"`
	Localities []jsonLocality    `json:"localities,omitempty"`
	Notes      map[string]string `json:"notes,omitempty"`
}

type jsonIndicator struct {
	ID, Name, NameEN, Unit, Direction, Denominator string
}

type jsonSource struct {
	ID, Title, Kind, Published, Publisher, URL string
}

type jsonPlan struct {
	ID, Number, Title, Issued, Issuer, Signer, Locality, Period string
}

type jsonLocality struct {
	ID, Name, Kind, Parent, Since, Until, Successor string
}

func (r *Renderer) json(l *model.Locality) ([]byte, error) {
	ds := jsonDataset{Title: r.site.Config.Title, Figures: r.records(l)}
	if ds.Figures == nil {
		ds.Figures = []figureRecord{}
	}
	if l != nil {
		ds.Locality = l.ID
	}
	for _, ind := range r.site.Indicators {
		ds.Indicators = append(ds.Indicators, jsonIndicator{ind.ID, ind.Name, ind.NameEN, string(ind.Unit), string(ind.Direction), string(ind.Base)})
	}
	sources, plans := r.site.Sources, r.site.Plans
	if l != nil {
		sources, plans = r.citedBy(l)
	}
	for _, s := range sources {
		ds.Sources = append(ds.Sources, jsonSource{s.ID, s.Title, s.Kind, s.Published.String(), s.Publisher, s.URL})
	}
	for _, p := range plans {
		ds.Plans = append(ds.Plans, jsonPlan{p.ID, p.Number, p.Title, p.Issued.String(), p.Issuer, p.Signer, p.Locality.ID, p.Period.Text})
	}
	if l == nil {
		for _, loc := range r.site.Localities {
			ds.Localities = append(ds.Localities, jsonLocality{loc.ID, loc.Name, string(loc.Kind), idOf(loc.Parent), loc.Since.String(), loc.Until.String(), idOf(loc.Successor)})
		}
	}
	return json.MarshalIndent(ds, "", " ")
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
	entries := []searchEntry{}
	for _, l := range r.site.Localities {
		e := searchEntry{Name: localityLabel(tr, l), Kind: tr.T("kind." + string(l.Kind)), URL: r.URL(lang, localityPath(l)), Ended: l.Ended()}
		e.Folded = textutil.Fold(l.Name + " " + l.NameEN + " " + e.Kind)
		if l.Parent != nil {
			e.Parent = localityLabel(tr, l.Parent)
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
			rel := strings.TrimSuffix(strings.TrimPrefix(p.Path, prefix(lang)), "index.html")
			set.URLs = append(set.URLs, siteURL{Loc: r.AbsURL(lang, rel)})
		}
	}
	out, err := xml.MarshalIndent(set, "", " ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(out, '\n')...), nil
}
