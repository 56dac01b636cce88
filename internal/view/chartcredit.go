package view

import (
	"slices"
	"strings"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/lang"
	"github.com/covsite/covsite/internal/model"
)

// A chart's credit (issue 17) names where exactly the figures it draws come from: the
// sources of its results and the plans of its targets, with the date of its newest result
// (or, for a chart of targets only, of its newest plan). An embed and an exported PNG or
// SVG carry it. A page's charts that share one credit give it once, in the page's chart
// tools (ChartTools.Credit); a chart whose credit is not the page's carries its own in
// its island ("credit"), which charts.js reads before the page's.

// chartFrom is what a chart's figures come from, gathered while the chart is made.
type chartFrom struct {
	sources []*model.Source // of the results drawn, and of the results that imply a target drawn
	plans   []*model.Plan   // of the targets drawn
	asOf    date.Date       // the newest result drawn
}

// result notes that the chart draws a figure of res.
func (cf *chartFrom) result(res *model.Result) {
	cf.source(res.Source)
	if res.AsOf.After(cf.asOf) {
		cf.asOf = res.AsOf
	}
}

// target notes that the chart draws t: its plan, and the source of the result that
// implies it when it is implied.
func (cf *chartFrom) target(t *model.Target) {
	if t.Plan != nil && !slices.Contains(cf.plans, t.Plan) {
		cf.plans = append(cf.plans, t.Plan)
	}
	if t.Implied && t.Credit != nil {
		cf.source(t.Credit.Source)
	}
}

func (cf *chartFrom) source(s *model.Source) {
	if s != nil && !slices.Contains(cf.sources, s) {
		cf.sources = append(cf.sources, s)
	}
}

// Most documents a chart's credit names; it says how many more there are.
const chartCreditNames = 2

// chartCredit is the credit line of a chart drawing figures from cf, less the site's name,
// which charts.js adds after " · ": "Nguồn: BHXH tỉnh Trà Vinh · số liệu đến 30/6/2023",
// "Nguồn: 49/KH-BCĐ (Ban Chỉ đạo …) · ban hành 15/3/2023". It names up to two documents,
// saying how many more there are: the plans first, newest first (their name, and their
// issuer once for plans of one issuer: "98/KH-UBND, 141/KH-UBND (UBND tỉnh)"), then the
// sources, newest first (their publisher, else their title); "" for a chart of no
// document's figures. vi are the names in it an English page gives in Vietnamese for want
// of English (a publisher, an issuer or a plan's title without English); nil on a
// Vietnamese page.
func chartCredit(f Format, cf chartFrom) (credit string, vi []string) {
	// the plans and sources newest first, the names and the line written on the stack for
	// a chart of a few documents: the line is the one string made
	var planRoom [8]*model.Plan
	plans := append(planRoom[:0], cf.plans...)
	slices.SortStableFunc(plans, func(a, b *model.Plan) int { return b.Issued.Compare(a.Issued) })
	var sourceRoom [8]*model.Source
	sources := append(sourceRoom[:0], cf.sources...)
	slices.SortStableFunc(sources, func(a, b *model.Source) int { return b.Published.Compare(a.Published) })
	var nameRoom [8]string
	var nameVIRoom [8]bool
	names, namesVI := nameRoom[:0], nameVIRoom[:0] // namesVI: Vietnamese on an English page
	for _, s := range sources {
		name, nameVI := s.Publisher, f.Code != lang.VI
		if name == "" {
			name, nameVI = s.Title.In(f.Code), inVietnamese(s.Title, f.Code)
		}
		if name != "" && !slices.Contains(names, name) {
			names, namesVI = append(names, name), append(namesVI, nameVI)
		}
	}
	markVI := func(name string, ok bool) {
		if ok && !slices.Contains(vi, name) {
			vi = append(vi, name)
		}
	}
	np := min(len(plans), chartCreditNames)
	ns := min(len(names), chartCreditNames-np)
	// the documents named: each issuer's plans, then the sources, "; " between them
	var namedRoom [256]byte
	named := namedRoom[:0]
	for i := 0; i < np; {
		if len(named) > 0 {
			named = append(named, "; "...)
		}
		issuer := f.Issuer(plans[i])
		markVI(issuer, IssuerLang(plans[i], f.Code) != "")
		markVI(f.PlanName(plans[i]), PlanNameLang(plans[i], f.Code) != "")
		named = append(named, f.PlanName(plans[i])...)
		for i++; i < np && f.Issuer(plans[i]) == issuer; i++ {
			markVI(f.PlanName(plans[i]), PlanNameLang(plans[i], f.Code) != "")
			named = append(append(named, ", "...), f.PlanName(plans[i])...)
		}
		named = append(append(append(named, " ("...), issuer...), ')')
	}
	for i, name := range names[:ns] {
		if i > 0 || np > 0 {
			named = append(named, "; "...)
		}
		named = append(named, name...)
		markVI(name, namesVI[i])
	}
	var lineRoom [384]byte
	b := lineRoom[:0]
	if np+ns > 0 {
		if more := len(plans) + len(names) - np - ns; more > 0 {
			named = append(append(named, ' '), f.T("children.credit.more", more)...)
		}
		b = f.AppendTB(b, "embed.source", named)
	}
	when, on := "", date.Date{}
	switch {
	case !cf.asOf.IsZero():
		when, on = "embed.asof", cf.asOf
	case len(plans) > 0 && !plans[0].Issued.IsZero():
		when, on = "embed.issued", plans[0].Issued
	}
	if when != "" {
		if len(b) > 0 {
			b = append(b, " · "...)
		}
		b = f.AppendT(b, when, f.Date(on))
	}
	return string(b), vi
}

// shareCredit decides where the credits of a page's charts are written: the credit most
// of them have (the first of those most have) is the page's, given once in its chart
// tools; each chart whose credit differs carries its own in its island. It returns the
// page's credit.
func shareCredit(charts []Chart) (shared string, sharedVI []string) {
	most := 0
	for i, ch := range charts {
		n := 0
		for _, o := range charts[i:] {
			if o.Credit == ch.Credit {
				n++
			}
		}
		if n > most {
			shared, sharedVI, most = ch.Credit, ch.CreditVI, n
		}
	}
	for i := range charts {
		if charts[i].Credit != shared {
			charts[i].Option = withCredit(charts[i].Option, charts[i].Credit, charts[i].CreditVI)
		}
	}
	return shared, sharedVI
}

// withCredit is a chart's own option (chartOptionJSON's object) with its credit added,
// and the names in it that are Vietnamese on an English page ("creditVI") when it has any.
func withCredit(option, credit string, vi []string) string {
	if !strings.HasSuffix(option, "}") {
		return option
	}
	b := make([]byte, 0, len(option)+len(credit)+12)
	b = append(b, option[:len(option)-1]...)
	b = appendJSONString(append(b, `,"credit":`...), credit)
	b = appendCreditVI(b, vi)
	return string(append(b, '}'))
}

// appendCreditVI appends to a JSON object's members the names of its credit that are
// Vietnamese on an English page, `,"creditVI":[…]`; nothing when there are none.
func appendCreditVI(b []byte, vi []string) []byte {
	if len(vi) == 0 {
		return b
	}
	b = append(b, `,"creditVI":[`...)
	for i, s := range vi {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}
