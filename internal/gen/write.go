package gen

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/covsite/covsite/internal/textutil"
)

// writeAll writes every file of the dataset.
func (g *generator) writeAll() {
	g.published = map[string]string{}
	g.out.write("data/site.toml", []byte(siteTOML))
	g.out.write("data/indicators.toml", g.inds.raw)
	g.writeLocalities()
	g.writeDenominators()
	g.writePlans()
	g.writeReports()
	g.writeContent()
}

const siteTOML = `# Bộ dữ liệu mô phỏng toàn quốc do "covsite gen" tạo ra để đo hiệu năng; các con số là giả định.
title = "Bao phủ BHXH, BHYT, BHTN toàn quốc (dữ liệu mô phỏng)"
title_en = "Social insurance coverage nationwide (synthetic data)"
description = "Bộ dữ liệu mô phỏng: chỉ tiêu và kết quả phát triển người tham gia BHXH, BHYT, BHTN của mọi tỉnh, huyện, xã, trước và sau sắp xếp đơn vị hành chính năm 2025."
description_en = "Synthetic dataset: targets and results for social, health and unemployment insurance in every province, district and commune, before and after the 2025 reorganisation."
base_url = "https://covsite.example/" # an address, so the feed and sitemap are absolute
publisher = "covsite gen"
`

// q quotes s as a TOML basic string.
func q(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

// underscored writes a whole number with underscores between thousands: 1_022_552.
func underscored(v float64) string {
	s := strconv.FormatInt(int64(v), 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('_')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// value writes a figure in its unit: whole numbers for counts and money, decimals for percentages.
func value(ind *indicator, v float64) string {
	if ind.Unit == "percent" {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return underscored(v)
}

// viNumber formats v the Vietnamese way for prose: 1.022.552 or 95,12.
func viNumber(v float64, decimals int) string {
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	intPart = strings.ReplaceAll(underscored(mustFloat(intPart)), "_", ".")
	if frac != "" {
		return intPart + "," + frac
	}
	return intPart
}

// enNumber formats v the English way: 1,022,552 or 95.12.
func enNumber(v float64, decimals int) string {
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	intPart = strings.ReplaceAll(underscored(mustFloat(intPart)), "_", ",")
	if frac != "" {
		return intPart + "." + frac
	}
	return intPart
}

func mustFloat(s string) float64 {
	f, _ := strconv.ParseFloat(s, 64)
	return f
}

// dmy formats an ISO date as 30/6/2023.
func dmy(iso string) string {
	y, m, d := iso[:4], strings.TrimPrefix(iso[5:7], "0"), strings.TrimPrefix(iso[8:10], "0")
	return d + "/" + m + "/" + y
}

var monthsEN = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// dMonY formats an ISO date as 30 Jun 2023.
func dMonY(iso string) string {
	m, _ := strconv.Atoi(iso[5:7])
	return strings.TrimPrefix(iso[8:10], "0") + " " + monthsEN[m-1] + " " + iso[:4]
}

func (g *generator) writeLocality(b *bytes.Buffer, l *locality) {
	b.WriteString("\n[[locality]]\n")
	fmt.Fprintf(b, "id = %s\nname = %s\n", q(l.id), q(l.name))
	if l.nameEN != "" && l.nameEN != textutil.Unaccent(l.name) {
		fmt.Fprintf(b, "name_en = %s\n", q(l.nameEN))
	}
	fmt.Fprintf(b, "kind = %s\n", q(l.kind))
	if l.parent != nil {
		fmt.Fprintf(b, "parent = %s\n", q(l.parent.id))
	}
	if l.post && !l.pre {
		b.WriteString("since = 2025-07-01\n")
	}
	if l.pre && !l.post {
		b.WriteString("until = 2025-06-30\n")
	}
	if l.successor != nil {
		fmt.Fprintf(b, "successor = %s\n", q(l.successor.id))
	}
	if l.note != "" {
		fmt.Fprintf(b, "note = %s\nnote_en = %s\n", q(l.note), q(l.noteEN))
	}
}

func (g *generator) writeLocalities() {
	var b bytes.Buffer
	b.WriteString("# Cấp quốc gia và cấp tỉnh (dữ liệu mô phỏng). Từ 1/7/2025 cả nước có 34 tỉnh, thành phố;\n")
	b.WriteString("# các tỉnh hợp nhất kết thúc ngày 30/6/2025 (until) và ghi đơn vị kế thừa (successor).\n")
	g.writeLocality(&b, g.nation)
	b.WriteString("\n# --- Trước 1/7/2025 (và 11 tỉnh, thành phố không sáp nhập) ---\n")
	for _, p := range g.oldProvs {
		g.writeLocality(&b, p)
	}
	b.WriteString("\n# --- Từ 1/7/2025 ---\n")
	for _, p := range g.newProvs {
		if !p.pre {
			g.writeLocality(&b, p)
		}
	}
	g.out.writeBuf("data/localities/viet-nam.toml", &b)
	for _, p := range g.oldProvs {
		b.Reset()
		fmt.Fprintf(&b, "# %s: các đơn vị cấp huyện và cấp xã trước 1/7/2025 (dữ liệu mô phỏng).\n", p.name)
		for _, d := range p.children {
			if d.level == levelDistrict {
				g.writeLocality(&b, d)
			}
		}
		for _, d := range p.children {
			for _, c := range d.children {
				g.writeLocality(&b, c)
			}
		}
		g.out.writeBuf("data/localities/"+p.id+".toml", &b)
	}
	for _, p := range g.newProvs {
		b.Reset()
		fmt.Fprintf(&b, "# %s: các xã, phường, đặc khu từ 1/7/2025 (dữ liệu mô phỏng).\n", p.name)
		for _, c := range p.children {
			if c.post {
				g.writeLocality(&b, c)
			}
		}
		g.out.writeBuf("data/localities/"+p.id+"-tu-2025.toml", &b)
	}
}

func writeDenominator(b *bytes.Buffer, l *locality) {
	for y := range nYears {
		if l.pop[y] == 0 {
			continue
		}
		fmt.Fprintf(b, "\n[[denominator]]\nlocality = %s\nyear = %d\nsource = \"Niên giám thống kê (mô phỏng)\"\npopulation = %s\nlabour_force = %s\n",
			q(l.id), firstYear+y, underscored(float64(l.pop[y])), underscored(float64(l.lf[y])))
	}
}

func (g *generator) writeDenominators() {
	var b bytes.Buffer
	b.WriteString("# Dân số và lực lượng lao động trong độ tuổi, cả nước và cấp tỉnh (dữ liệu mô phỏng).\n")
	writeDenominator(&b, g.nation)
	for _, p := range g.oldProvs {
		writeDenominator(&b, p)
	}
	for _, p := range g.newProvs {
		if !p.pre {
			writeDenominator(&b, p)
		}
	}
	g.out.writeBuf("data/denominators/viet-nam.toml", &b)
	for _, p := range g.oldProvs {
		b.Reset()
		fmt.Fprintf(&b, "# %s: dân số và lực lượng lao động cấp huyện, cấp xã trước 1/7/2025 (dữ liệu mô phỏng).\n", p.name)
		for _, d := range p.children {
			if d.level != levelDistrict {
				continue
			}
			writeDenominator(&b, d)
			for _, c := range d.children {
				writeDenominator(&b, c)
			}
		}
		g.out.writeBuf("data/denominators/"+p.id+".toml", &b)
	}
	for _, p := range g.newProvs {
		b.Reset()
		fmt.Fprintf(&b, "# %s: dân số và lực lượng lao động cấp xã từ 1/7/2025 (dữ liệu mô phỏng).\n", p.name)
		for _, c := range p.children {
			if c.post {
				writeDenominator(&b, c)
			}
		}
		g.out.writeBuf("data/denominators/"+p.id+"-tu-2025.toml", &b)
	}
}

// figureRow writes the figures of vals for the indicators in inds that have one; with
// rates, also the coverage rate of the people indicators whose denominator is known.
func (g *generator) figureRow(b *bytes.Buffer, l *locality, vals []float64, y int, rates bool) int {
	n := 0
	for _, ind := range g.inds.all {
		v := vals[ind.idx]
		if math.IsNaN(v) || !l.carries(ind) {
			continue
		}
		fmt.Fprintf(b, "%s = %s\n", ind.ID, value(ind, v))
		n++
	}
	if rates {
		for _, ind := range g.inds.all {
			if ind.Unit != "people" || ind.Denominator != "population" {
				continue
			}
			if v, base := vals[ind.idx], l.base(ind, y); !math.IsNaN(v) && base > 0 {
				fmt.Fprintf(b, "rate.%s = %s\n", ind.ID, strconv.FormatFloat(round2(v/base*100), 'f', -1, 64))
			}
		}
	}
	return n
}

// plan is one plan file: who sets targets for whom.
type plan struct {
	id, number                       string
	title, titleEN, issuer, issuerEN string
	issued                           string
	signer                           string
	basedOn                          []string
	owner                            *locality
	rows                             []*locality // targeted besides the owner
	year                             int
	post                             bool
	summary, summaryEN               string
	milestoneBy                      string
	milestoneShare                   int
}

func (g *generator) nextNumber() int {
	g.planNumber = g.planNumber%380 + 1 + g.rng.IntN(20)
	return g.planNumber
}

func (g *generator) signer() string {
	return familyNames[g.rng.IntN(len(familyNames))] + " " + middleNames[g.rng.IntN(len(middleNames))] + " " + givenNames[g.rng.IntN(len(givenNames))]
}

// issuerOf is the People's Committee of l, in Vietnamese and English.
func issuerOf(l *locality) (string, string) {
	switch l.kind {
	case "tinh":
		return "Ủy ban nhân dân tỉnh " + l.name, l.nameEN + " Provincial People's Committee"
	case "thanh-pho-tw":
		return "Ủy ban nhân dân thành phố " + l.name, l.nameEN + " City People's Committee"
	case "thanh-pho":
		return "Ủy ban nhân dân " + strings.ToLower(l.name[:len("T")]) + l.name[1:], l.nameEN + " People's Committee"
	case "quan":
		return "Ủy ban nhân dân quận " + l.name, l.nameEN + " People's Committee"
	case "thi-xa":
		return "Ủy ban nhân dân " + strings.Replace(l.name, "Thị xã", "thị xã", 1), l.nameEN + " People's Committee"
	}
	return "Ủy ban nhân dân huyện " + l.name, l.nameEN + " District People's Committee"
}

// planID is the id of the plan that owner issued for year (post: after 1 July 2025).
func planID(owner *locality, year int, post bool) string {
	if post {
		return fmt.Sprintf("kh-%d-%s-sau-sap-xep", year, owner.id)
	}
	return fmt.Sprintf("kh-%d-%s", year, owner.id)
}

func (g *generator) writePlans() {
	for y := range nYears {
		year := firstYear + y
		national := &plan{
			id: planID(g.nation, year, false), number: fmt.Sprintf("%d/QĐ-TTg", g.nextNumber()),
			title:   fmt.Sprintf("Quyết định giao chỉ tiêu phát triển người tham gia BHXH, BHYT, BHTN năm %d cho các tỉnh, thành phố", year),
			titleEN: fmt.Sprintf("Decision assigning the %d social, health and unemployment insurance targets to provinces", year),
			issuer:  "Thủ tướng Chính phủ", issuerEN: "Prime Minister",
			issued: fmt.Sprintf("%d-01-%02d", year, 3+g.rng.IntN(5)), signer: g.signer(),
			basedOn: []string{"Nghị quyết số 28-NQ/TW ngày 23/5/2018 về cải cách chính sách BHXH"},
			owner:   g.nation, rows: g.oldProvs, year: y,
			summary:   fmt.Sprintf("Chỉ tiêu năm %d của cả nước và %d tỉnh, thành phố.", year, len(g.oldProvs)),
			summaryEN: fmt.Sprintf("%d targets for the country and its %d provinces.", year, len(g.oldProvs)),
		}
		g.writePlan(national)
		for _, p := range g.oldProvs {
			issuer, issuerEN := issuerOf(p)
			var districts []*locality
			for _, d := range p.children {
				if d.level == levelDistrict {
					districts = append(districts, d)
				}
			}
			pp := &plan{
				id: planID(p, year, false), number: fmt.Sprintf("%d/KH-UBND", g.nextNumber()),
				title:   fmt.Sprintf("Kế hoạch phát triển người tham gia BHXH, BHYT, BHTN năm %d", year),
				titleEN: fmt.Sprintf("Plan to grow social, health and unemployment insurance participation in %d", year),
				issuer:  issuer, issuerEN: issuerEN,
				issued: fmt.Sprintf("%d-01-%02d", year, 10+g.rng.IntN(10)), signer: g.signer(),
				basedOn: []string{fmt.Sprintf("Quyết định số %s của Thủ tướng Chính phủ giao chỉ tiêu năm %d", national.number, year)},
				owner:   p, rows: districts, year: y,
				summary:        fmt.Sprintf("Chỉ tiêu năm %d cho %s và %d đơn vị cấp huyện; mốc 30/6.", year, p.name, len(districts)),
				summaryEN:      fmt.Sprintf("%d targets for %s and its %d districts; a 30 June milestone.", year, p.nameEN, len(districts)),
				milestoneBy:    fmt.Sprintf("%d-06-30", year),
				milestoneShare: 90,
			}
			g.writePlan(pp)
			for _, d := range districts {
				issuer, issuerEN := issuerOf(d)
				g.writePlan(&plan{
					id: planID(d, year, false), number: fmt.Sprintf("%d/KH-UBND", g.nextNumber()),
					title:   fmt.Sprintf("Kế hoạch phát triển người tham gia BHXH, BHYT, BHTN năm %d", year),
					titleEN: fmt.Sprintf("Plan to grow social, health and unemployment insurance participation in %d", year),
					issuer:  issuer, issuerEN: issuerEN,
					issued: fmt.Sprintf("%d-01-%02d", year, 20+g.rng.IntN(9)), signer: g.signer(),
					basedOn: []string{fmt.Sprintf("Kế hoạch số %s của %s", pp.number, issuer)},
					owner:   d, rows: d.children, year: y,
					summary:   fmt.Sprintf("Chỉ tiêu năm %d cho %s và %d xã, phường, thị trấn.", year, d.name, len(d.children)),
					summaryEN: fmt.Sprintf("%d targets for %s and its %d communes and wards.", year, d.nameEN, len(d.children)),
				})
			}
		}
	}
	for _, p := range g.newProvs {
		issuer, issuerEN := issuerOf(p)
		var communes []*locality
		for _, c := range p.children {
			if c.post {
				communes = append(communes, c)
			}
		}
		g.writePlan(&plan{
			id: planID(p, 2025, true), number: fmt.Sprintf("%d/KH-UBND", g.nextNumber()),
			title:   "Kế hoạch thực hiện chỉ tiêu phát triển người tham gia BHXH, BHYT, BHTN năm 2025 sau sắp xếp đơn vị hành chính",
			titleEN: "Plan to meet the 2025 social, health and unemployment insurance targets after the reorganisation",
			issuer:  issuer, issuerEN: issuerEN,
			issued: fmt.Sprintf("2025-08-%02d", 4+g.rng.IntN(24)), signer: g.signer(),
			basedOn: []string{"Nghị quyết số 202/2025/QH15 ngày 12/6/2025 về sắp xếp đơn vị hành chính cấp tỉnh"},
			owner:   p, rows: communes, year: nYears - 1, post: true,
			summary:        fmt.Sprintf("Chỉ tiêu năm 2025 của %s sau sắp xếp và %d xã, phường.", p.name, len(communes)),
			summaryEN:      fmt.Sprintf("2025 targets for %s after the reorganisation and its %d communes and wards.", p.nameEN, len(communes)),
			milestoneBy:    "2025-11-30",
			milestoneShare: 100,
		})
	}
}

func (g *generator) writePlan(p *plan) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s %s của %s (dữ liệu mô phỏng).\n", p.number, p.title, p.issuer)
	fmt.Fprintf(&b, "number = %s\ntitle = %s\ntitle_en = %s\nissued = %s\nissuer = %s\nissuer_en = %s\nsigner = %s\n",
		q(p.number), q(p.title), q(p.titleEN), p.issued, q(p.issuer), q(p.issuerEN), q(p.signer))
	b.WriteString("based_on = [")
	for i, s := range p.basedOn {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(q(s))
	}
	b.WriteString("]\n")
	fmt.Fprintf(&b, "locality = %s\nperiod = \"%d\"\nsummary = %s\nsummary_en = %s\n", q(p.owner.id), firstYear+p.year, q(p.summary), q(p.summaryEN))
	targets := func(l *locality) []float64 {
		if p.post {
			return l.post25
		}
		return l.tgt[p.year]
	}
	b.WriteString("\n[[target]]\n")
	fmt.Fprintf(&b, "locality = %s\n", q(p.owner.id))
	g.sum.Targets += g.figureRow(&b, p.owner, targets(p.owner), p.year, true)
	for _, l := range p.rows {
		fmt.Fprintf(&b, "\n[[target]]\nlocality = %s\n", q(l.id))
		vals := targets(l)
		for _, ind := range g.inds.all {
			if v := vals[ind.idx]; !math.IsNaN(v) && l.carries(ind) && ind.additive {
				fmt.Fprintf(&b, "%s = %s\n", ind.ID, value(ind, v))
				g.sum.Targets++
			}
		}
	}
	if p.milestoneBy != "" {
		var ids []string
		for _, ind := range g.inds.all {
			if ind.core {
				ids = append(ids, q(ind.ID))
			}
		}
		if len(ids) > 0 {
			fmt.Fprintf(&b, "\n[[milestone]]\nindicator = [%s]\nby = %s\nshare = %d\n", strings.Join(ids, ", "), p.milestoneBy, p.milestoneShare)
			if p.post {
				b.WriteString("note = \"Cơ bản hoàn thành chỉ tiêu trước 30/11/2025.\"\nnote_en = \"Targets essentially met by 30 Nov 2025.\"\n")
			} else {
				b.WriteString("note = \"Đến 30/6 đạt ít nhất 90% chỉ tiêu năm.\"\nnote_en = \"At least 90% of the year's target by 30 June.\"\n")
			}
		}
	}
	g.out.writeBuf("data/plans/"+p.id+".toml", &b)
	g.sum.Plans++
}

// report is one results file.
type report struct {
	id, asOf, published string
	owner               *locality
	rows                []*locality
	date                int
	planID              string // the owner's plan whose share the report states
}

// publishedDate is when the report on date index d of owner appeared: two to four weeks later.
func (g *generator) publishedDate(d int) string {
	y, m, _ := dateOf(d)
	if m == 6 {
		return fmt.Sprintf("%d-07-%02d", y, 10+g.rng.IntN(16))
	}
	return fmt.Sprintf("%d-01-%02d", y+1, 10+g.rng.IntN(16))
}

func (g *generator) writeReports() {
	for d := range nDates {
		g.writeReport(&report{id: "bc-" + g.nation.id + "-" + isoDate(d), asOf: isoDate(d), published: g.publishedDate(d), owner: g.nation, date: d})
	}
	for _, p := range g.oldProvs {
		for d := 0; d < postDate; d++ {
			var rows []*locality
			for _, dist := range p.children {
				if dist.level == levelDistrict {
					rows = append(rows, dist)
					rows = append(rows, dist.children...)
				}
			}
			g.writeReport(&report{id: "bc-" + p.id + "-" + isoDate(d), asOf: isoDate(d), published: g.publishedDate(d),
				owner: p, rows: rows, date: d, planID: planID(p, firstYear+d/2, false)})
		}
	}
	for _, p := range g.newProvs {
		var rows []*locality
		for _, c := range p.children {
			if c.post {
				rows = append(rows, c)
			}
		}
		g.writeReport(&report{id: "bc-" + p.id + "-" + isoDate(postDate), asOf: isoDate(postDate), published: g.publishedDate(postDate),
			owner: p, rows: rows, date: postDate, planID: planID(p, 2025, true)})
	}
}

// periodWords names the half-year or the year a result date closes.
func periodWords(d int) (vi, en string) {
	y, m, _ := dateOf(d)
	if m == 6 {
		return fmt.Sprintf("6 tháng đầu năm %d", y), fmt.Sprintf("the first half of %d", y)
	}
	return fmt.Sprintf("năm %d", y), fmt.Sprint(y)
}

func publisherOf(l *locality) string {
	switch l.kind {
	case "quoc-gia":
		return "Bảo hiểm xã hội Việt Nam"
	case "thanh-pho-tw":
		return "Bảo hiểm xã hội thành phố " + l.name
	}
	return "Bảo hiểm xã hội tỉnh " + l.name
}

func (g *generator) writeReport(r *report) {
	var b bytes.Buffer
	vi, en := periodWords(r.date)
	fmt.Fprintf(&b, "# Kết quả %s của %s, theo báo cáo của %s (dữ liệu mô phỏng).\n", vi, r.owner.name, publisherOf(r.owner))
	fmt.Fprintf(&b, "[source]\ntitle = %s\ntitle_en = %s\nkind = \"report\"\npublished = %s\npublisher = %s\n",
		q(fmt.Sprintf("Báo cáo kết quả thực hiện chỉ tiêu phát triển người tham gia BHXH, BHYT, BHTN %s của %s", vi, r.owner.name)),
		q(fmt.Sprintf("%s: social, health and unemployment insurance results for %s", r.owner.nameEN, en)),
		r.published, q(publisherOf(r.owner)))
	g.published[r.owner.id+"/"+r.asOf] = r.published
	y := r.date / 2
	for i, l := range append([]*locality{r.owner}, r.rows...) {
		fmt.Fprintf(&b, "\n[[result]]\nlocality = %s\nas_of = %s\n", q(l.id), r.asOf)
		if i == 0 && r.planID != "" {
			fmt.Fprintf(&b, "plan = %s\n", q(r.planID))
		}
		g.sum.Results += g.figureRow(&b, l, l.res[r.date], y, false)
		if i == 0 && r.planID != "" {
			tgt := l.tgt[y]
			if r.date == postDate {
				tgt = l.post25
			}
			for _, ind := range g.inds.all {
				v, t := l.res[r.date][ind.idx], tgt[ind.idx]
				if ind.core && !math.IsNaN(v) && !math.IsNaN(t) && t > 0 {
					fmt.Fprintf(&b, "share.%s = %s\n", ind.ID, strconv.FormatFloat(round2(v/t*100), 'f', -1, 64))
				}
			}
		}
	}
	g.out.writeBuf("data/results/"+r.id+".toml", &b)
	g.sum.Reports++
}
