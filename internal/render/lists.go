package render

import (
	"cmp"
	"path"
	"slices"

	"github.com/covsite/covsite/internal/i18n"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/render/download"
	"github.com/covsite/covsite/internal/routes"
)

// The long lists of a national site — every locality, every plan, every locality's
// download — do not fit one page a phone can load (at scale 1: 14,700 localities, 3,900
// plans). Up to these lengths a list is one page; beyond, it is split by province: the
// list names the provinces and each province's page (or, for plans, its own list) names
// what is in it. A page of the longest one-page list stays well under 200 KB.
const (
	localityListLimit = 1000 // localities on the locality list and the data page
	planListLimit     = 500  // plans on the plan list
	homePlans         = 10   // the newest plans on the home page
)

// provinceOf is the child of a root that l is in (l itself when it is one), or nil for a root.
func provinceOf(l *model.Locality) *model.Locality {
	if l.Parent == nil {
		return nil
	}
	for l.Parent.Parent != nil {
		l = l.Parent
	}
	return l
}

// localitiesView is the locality list: the whole tree, or, for a long list, the roots and
// their provinces, each with how many localities are below it.
type localitiesView struct {
	Roots   []*model.Locality
	Grouped bool
	Below   map[*model.Locality]int // localities below each province, when grouped
}

func (r *Renderer) localitiesView() localitiesView {
	v := localitiesView{Roots: r.site.Roots, Grouped: len(r.site.Localities) > localityListLimit}
	if v.Grouped {
		v.Below = map[*model.Locality]int{}
		for _, l := range r.site.Localities {
			if p := provinceOf(l); p != nil && p != l {
				v.Below[p]++
			}
		}
	}
	return v
}

// plansView is a list of plans: every plan, or, for a long list, the national plans and
// the provinces with how many plans each has, each linking to its own list.
type plansView struct {
	Plans     []*model.Plan
	Provinces []planGroup
	Province  *model.Locality // the province of a province's own list
}

type planGroup struct {
	Loc   *model.Locality
	Count int
	Route string
}

// plansByProvince groups the plans, newest first, by the province of their locality
// (nil: a root's plans), provinces in the model's order.
func (r *Renderer) plansByProvince() (national []*model.Plan, by map[*model.Locality][]*model.Plan) {
	by = map[*model.Locality][]*model.Plan{}
	for _, p := range r.plansNewestFirst() {
		if prov := provinceOf(p.Locality); prov == nil {
			national = append(national, p)
		} else {
			by[prov] = append(by[prov], p)
		}
	}
	return national, by
}

// groupedPlans reports whether the plan list is split by province.
func (r *Renderer) groupedPlans() bool { return len(r.site.Plans) > planListLimit }

func (r *Renderer) plansView() plansView {
	if !r.groupedPlans() {
		return plansView{Plans: r.plansNewestFirst()}
	}
	national, by := r.plansByProvince()
	v := plansView{Plans: national}
	for _, l := range r.site.Localities {
		if ps := by[l]; len(ps) > 0 {
			v.Provinces = append(v.Provinces, planGroup{Loc: l, Count: len(ps), Route: routes.PlansIn(l.ID)})
		}
	}
	return v
}

// provincePlanPages are the lists of each province's plans, when the plan list is split.
func (r *Renderer) provincePlanPages(lang string) []Page {
	if !r.groupedPlans() {
		return nil
	}
	_, by := r.plansByProvince()
	var pages []Page
	for _, l := range r.site.Localities {
		plans := by[l]
		if len(plans) == 0 {
			continue
		}
		pages = append(pages, r.htmlFile(lang, routes.PlansIn(l.ID), func() (pageData, string) {
			tr := r.langs[lang]
			d := r.page(lang, "plans", routes.PlansIn(l.ID), tr.T("plans.in", l.Name.In(lang)), tr.T("plans.description"),
				plansView{Plans: plans, Province: l})
			d.Breadcrumb = []crumb{{Name: tr.T("nav.home"), URL: r.URL(lang, "")}, {Name: tr.T("nav.plans"), URL: r.URL(lang, routes.Plans)}}
			return d, "plans"
		}))
	}
	return pages
}

// homePlanList is the newest plans, the widest territory first among the same period's.
func (r *Renderer) homePlanList() []*model.Plan {
	ps := r.plansNewestFirst()
	slices.SortStableFunc(ps, func(a, b *model.Plan) int {
		return cmp.Or(b.Period.End.Compare(a.Period.End), a.Locality.Depth-b.Locality.Depth)
	})
	return firstN(ps, homePlans)
}

// downloadsView is what the data page lists, with sizes: the whole site's files, the
// roots' own figures, each province's files and, for a short list, each locality's.
type downloadsView struct {
	Site       []dataFile
	National   []localityFiles
	Provinces  []localityFiles
	Localities []localityFiles // only when the list is short; else each locality's page links its own
	Plain      bool            // the whole site's plain CSV and JSON are published
	PlainLimit int             // up to how many figures they are
}

type localityFiles struct {
	Loc   *model.Locality
	Files []dataFile
}

type dataFile struct {
	Name  string // the file's name
	Route string // its output path, under the default language
	Size  int64
	What  string // the key of the UI string that says what it holds
}

func (r *Renderer) dataFile(route string) dataFile {
	// A file that cannot be written fails the build when it is written; its size here is 0.
	n, _ := r.data.Size(route)
	return dataFile{Name: path.Base(route), Route: route, Size: n}
}

func (r *Renderer) filesOf(l *model.Locality, files []download.File) localityFiles {
	out := localityFiles{Loc: l}
	for _, f := range files {
		out.Files = append(out.Files, r.dataFile(f.Path))
	}
	return out
}

func (r *Renderer) downloadsView() downloadsView {
	v := downloadsView{Plain: r.data.Plain(), PlainLimit: download.PlainLimit}
	for _, f := range []struct{ ext, what string }{{"csv.gz", "data.gz"}, {"csv", "data.csv"}, {"json", "data.json"}} {
		if f.ext == "csv.gz" || v.Plain {
			file := r.dataFile(routes.SiteDownload(f.ext))
			file.What = f.what
			v.Site = append(v.Site, file)
		}
	}
	sources := r.dataFile(routes.SourcesDownload())
	sources.What = "data.sources"
	v.Site = append(v.Site, sources)
	for _, root := range r.site.Roots {
		if r.data.Has(root) {
			v.National = append(v.National, r.filesOf(root, r.data.LocalityFiles(root)))
		}
	}
	for _, p := range r.data.Provinces() {
		v.Provinces = append(v.Provinces, r.filesOf(p.Loc, r.data.ProvinceFiles(p)))
	}
	if len(r.site.Localities) <= localityListLimit {
		for _, l := range r.site.Localities {
			if r.data.Has(l) {
				v.Localities = append(v.Localities, r.filesOf(l, r.data.LocalityFiles(l)))
			}
		}
	}
	return v
}

// formatSize writes a file size for a reader: "840 KB", "12,3 MB" (1 KB = 1000 bytes).
func formatSize(l *i18n.Lang, n int64) string {
	switch {
	case n < 1000:
		return l.Number(float64(n), 0) + " B"
	case n < 1_000_000:
		return l.Number(float64(n)/1e3, 0) + " KB"
	default:
		return l.Number(float64(n)/1e6, 1) + " MB"
	}
}
