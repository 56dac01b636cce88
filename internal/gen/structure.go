package gen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/covsite/covsite/internal/textutil"
)

// Levels of the hierarchy.
const (
	levelNation = iota
	levelProvince
	levelDistrict
	levelCommune
)

// Years of plans and the dates of results.
const (
	firstYear = 2021
	nYears    = 5 // 2021–2025
	nDates    = 2 * nYears
	postDate  = nDates - 1 // 2025-12-31, the only date of the post-2025 structure
)

// dateOf returns the as_of date of result date index i: 30/6 and 31/12 of each year.
func dateOf(i int) (year, month, day int) {
	year = firstYear + i/2
	if i%2 == 0 {
		return year, 6, 30
	}
	return year, 12, 31
}

func isoDate(i int) string {
	y, m, d := dateOf(i)
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
}

// locality is one generated locality with its denominators and figures.
type locality struct {
	id, name, nameEN, kind string
	level                  int
	parent                 *locality
	children               []*locality
	province               *locality // the province it belongs to (itself for a province)
	pre, post              bool      // exists before / since 1 July 2025
	successor              *locality
	preds                  []*locality
	urban                  bool
	note, noteEN           string

	pop, lf [nYears]int64 // zero in years it did not exist
	// tgt holds the yearly targets per indicator index (NaN: none) of the pre-2025
	// structure; post holds the 2025 targets set after the reorganisation.
	tgt    [nYears][]float64
	post25 []float64
	res    [nDates][]float64
	// profile: the locality's own coverage levels, from which its targets follow.
	rate map[string]float64
}

// generator holds the state of one run.
type generator struct {
	opts Options
	rng  *rand.Rand
	inds *indicatorSet
	ids  map[string]bool
	out  *writer
	sum  Summary

	nation      *locality
	oldProvs    []*locality // the 63, continuing ones included
	newProvs    []*locality // the 34, continuing ones included
	districts   []*locality
	oldCommunes []*locality
	newCommunes []*locality
	planNumber  int
	published   map[string]string // owner id/as_of → when the report appeared
}

// uniqueID returns the first of the candidates (then numbered) that no locality uses.
func (g *generator) uniqueID(candidates ...string) string {
	for _, c := range candidates {
		if c != "" && !g.ids[c] && len(c) <= textutil.MaxIDLength {
			g.ids[c] = true
			return c
		}
	}
	base := candidates[0]
	for n := 2; ; n++ {
		c := fmt.Sprintf("%s-%d", base, n)
		if !g.ids[c] {
			g.ids[c] = true
			return c
		}
	}
}

// between returns a uniform number in [lo, hi).
func (g *generator) between(lo, hi float64) float64 { return lo + g.rng.Float64()*(hi-lo) }

// distribute splits total into len(weights) whole parts proportional to weights, each at
// least min (largest remainder).
func distribute(total int, weights []float64, min int) []int {
	n := len(weights)
	out := make([]int, n)
	rest := total - min*n
	if rest < 0 {
		rest = 0
	}
	sum := 0.0
	for _, w := range weights {
		sum += w
	}
	type rem struct {
		i int
		r float64
	}
	rems := make([]rem, n)
	given := 0
	for i, w := range weights {
		exact := float64(rest) * w / sum
		out[i] = min + int(math.Floor(exact))
		given += int(math.Floor(exact))
		rems[i] = rem{i, exact - math.Floor(exact)}
	}
	// Hand out what rounding left, largest remainder first, ties by index.
	for k := 0; k < rest-given; k++ {
		best := -1
		for j, r := range rems {
			if r.r >= 0 && (best < 0 || r.r > rems[best].r) {
				best = j
			}
		}
		out[rems[best].i]++
		rems[best].r = -1
	}
	return out
}

func scaled(n float64, scale float64) int { return int(math.Round(n * scale)) }

// structure makes the localities: the nation, the provinces before and after 1 July 2025,
// the districts and communes before, the communes after and the lineage between them.
func (g *generator) structure() {
	scale := g.opts.Scale
	g.nation = &locality{id: g.uniqueID("vn"), name: "Việt Nam", nameEN: "Viet Nam", kind: "quoc-gia", level: levelNation, pre: true, post: true}
	g.nation.province = g.nation

	// Which new province each old one becomes, and which continue unchanged.
	newByName := map[string]*locality{}
	groups := map[string][]oldProvince{}
	for _, op := range oldProvinces {
		groups[op.becomes] = append(groups[op.becomes], op)
	}
	continuing := map[string]bool{}
	for _, np := range newProvinces {
		if g := groups[np.name]; len(g) == 1 && g[0].name == np.name {
			continuing[np.name] = true
		}
	}

	// Provinces before 1 July 2025.
	for _, op := range oldProvinces {
		p := &locality{name: op.name, nameEN: op.nameEN, kind: op.kind, level: levelProvince, parent: g.nation, pre: true}
		p.province = p
		p.urban = op.kind == "thanh-pho-tw"
		if continuing[op.name] {
			p.id = g.uniqueID(textutil.Slug(op.name))
			p.post = true
			p.note = "Không sáp nhập khi sắp xếp đơn vị hành chính năm 2025; từ 1/7/2025 không còn cấp huyện."
			p.noteEN = "Not merged in the 2025 reorganisation; no district level since 1 July 2025."
			newByName[op.name] = p
		} else {
			p.id = g.uniqueID(textutil.Slug(op.name)+"-truoc-2025", textutil.Slug(op.name)+"-cu")
		}
		g.oldProvs = append(g.oldProvs, p)
		g.nation.children = append(g.nation.children, p)
	}
	// Provinces since 1 July 2025 that are new localities.
	for _, np := range newProvinces {
		p := newByName[np.name]
		if p == nil {
			p = &locality{id: g.uniqueID(textutil.Slug(np.name)), name: np.name, nameEN: np.nameEN, kind: np.kind, level: levelProvince,
				parent: g.nation, post: true, urban: np.kind == "thanh-pho-tw"}
			p.province = p
			var names, namesEN []string
			for _, op := range groups[np.name] {
				names = append(names, op.name)
				namesEN = append(namesEN, op.nameEN)
			}
			p.note = "Hình thành từ " + joinVI(names) + "."
			p.noteEN = "Formed from " + joinEN(namesEN) + "."
			newByName[np.name] = p
			g.nation.children = append(g.nation.children, p)
		}
		g.newProvs = append(g.newProvs, p)
	}
	for i, op := range oldProvinces {
		p := g.oldProvs[i]
		if !p.post {
			p.successor = newByName[op.becomes]
			p.successor.preds = append(p.successor.preds, p)
			p.note = "Từ 1/7/2025 là một phần của " + kindWord(p.successor.kind) + " " + p.successor.name + "."
			p.noteEN = "Since 1 July 2025 part of " + p.successor.nameEN + "."
		}
	}

	// Districts and communes before 1 July 2025.
	weightsD := make([]float64, len(oldProvinces))
	weightsC := make([]float64, len(oldProvinces))
	for i, op := range oldProvinces {
		weightsD[i], weightsC[i] = float64(op.districts), float64(op.communes)
	}
	nDistricts := distribute(max(scaled(705, scale), len(oldProvinces)), weightsD, 1)
	nCommunes := distribute(max(scaled(10600, scale), len(oldProvinces)), weightsC, 1)
	for i, p := range g.oldProvs {
		nc := max(nCommunes[i], nDistricts[i])
		w := make([]float64, nDistricts[i])
		for j := range w {
			w[j] = g.between(0.5, 1.5)
		}
		perDistrict := distribute(nc, w, 1)
		for j := range perDistrict {
			d := g.district(p, j)
			for k := 0; k < perDistrict[j]; k++ {
				g.commune(d, k, perDistrict[j])
			}
		}
	}

	// Communes since 1 July 2025: each takes over a run of the old communes of the old
	// provinces that became its province.
	weightsN := make([]float64, len(newProvinces))
	for i, np := range newProvinces {
		weightsN[i] = float64(np.communes)
	}
	nNew := distribute(max(scaled(3321, scale), len(newProvinces)), weightsN, 1)
	specialLeft := max(1, scaled(13, scale))
	for i, np := range newProvinces {
		p := g.newProvs[i]
		var olds []*locality
		for _, op := range g.oldProvs {
			if op.name == np.name && op.post || op.successor == p {
				for _, d := range op.children {
					olds = append(olds, d.children...)
				}
			}
		}
		k := min(nNew[i], len(olds))
		w := make([]float64, k)
		for j := range w {
			w[j] = g.between(0.6, 1.4)
		}
		sizes := distribute(len(olds), w, 1)
		at := 0
		for j, size := range sizes {
			preds := olds[at : at+size]
			at += size
			special := false
			if specialLeft > 0 && j == k-1 && np.kind == "tinh" && i%3 == 1 {
				special, specialLeft = true, specialLeft-1
			}
			g.newCommune(p, preds, special)
		}
	}
	g.sum.OldProvinces, g.sum.NewProvinces = len(g.oldProvs), len(g.newProvs)
	g.sum.Districts, g.sum.OldCommunes, g.sum.NewCommunes = len(g.districts), len(g.oldCommunes), len(g.newCommunes)
}

// district makes the j-th district of old province p.
func (g *generator) district(p *locality, j int) *locality {
	d := &locality{level: levelDistrict, parent: p, province: p, pre: true}
	switch {
	case j == 0 && p.kind == "tinh":
		d.kind, d.urban = "thanh-pho", true
		d.name = "Thành phố " + p.name
		d.nameEN = p.nameEN + " City"
		d.id = g.uniqueID("tp-"+textutil.Slug(p.name), "tp-"+textutil.Slug(p.name)+"-"+textutil.Slug(p.name))
	default:
		r := g.rng.Float64()
		switch {
		case p.kind == "thanh-pho-tw" && r < 0.45:
			d.kind, d.urban = "quan", true
		case r < 0.08:
			d.kind, d.urban = "thi-xa", true
		default:
			d.kind = "huyen"
		}
		base := g.placeName(p, nil)
		d.name = base
		if d.kind == "thi-xa" {
			d.name = "Thị xã " + base
		}
		d.nameEN = textutil.Unaccent(d.name)
		switch d.kind {
		case "quan":
			d.nameEN = textutil.Unaccent(base) + " District"
		case "thi-xa":
			d.nameEN = textutil.Unaccent(base) + " Town"
		}
		slug := textutil.Slug(base)
		if d.kind == "thi-xa" {
			slug = "tx-" + slug
		}
		d.id = g.uniqueID(slug, slug+"-"+textutil.Slug(p.name))
	}
	d.note = "Cấp huyện chấm dứt hoạt động từ 1/7/2025."
	d.noteEN = "District-level government ended on 1 July 2025."
	p.children = append(p.children, d)
	g.districts = append(g.districts, d)
	return d
}

// commune makes the k-th of n communes of district d.
func (g *generator) commune(d *locality, k, n int) *locality {
	c := &locality{level: levelCommune, parent: d, province: d.province, pre: true}
	numbered := d.urban && len(d.id)%3 == 0 // some towns number their wards: Phường 1, Phường 2 …
	switch {
	case d.urban && numbered:
		c.kind, c.urban = "phuong", true
		c.name = fmt.Sprintf("Phường %d", k+1)
		c.nameEN = fmt.Sprintf("Ward %d", k+1)
		c.id = g.uniqueID(fmt.Sprintf("%s-phuong-%d", strings.TrimPrefix(d.id, "tp-"), k+1))
	default:
		r := g.rng.Float64()
		switch {
		case d.urban && r < 0.8:
			c.kind, c.urban = "phuong", true
		case d.kind == "huyen" && k == n-1 && n > 1:
			c.kind, c.urban = "thi-tran", true
		default:
			c.kind = "xa"
		}
		base := g.placeName(d, nil)
		switch c.kind {
		case "phuong":
			c.name, c.nameEN = "Phường "+base, textutil.Unaccent(base)+" Ward"
		case "thi-tran":
			c.name, c.nameEN = "Thị trấn "+base, textutil.Unaccent(base)+" Township"
		default:
			c.name, c.nameEN = base, textutil.Unaccent(base)
		}
		slug := textutil.Slug(base)
		c.id = g.uniqueID(slug, slug+"-"+strings.TrimPrefix(d.id, "tp-"), slug+"-"+textutil.Slug(d.province.name))
	}
	d.children = append(d.children, c)
	g.oldCommunes = append(g.oldCommunes, c)
	return c
}

// newCommune makes a commune of new province p from the old communes preds.
func (g *generator) newCommune(p *locality, preds []*locality, special bool) {
	c := &locality{level: levelCommune, parent: p, province: p, post: true, preds: preds}
	urban := 0
	for _, o := range preds {
		if o.urban {
			urban++
		}
		o.successor = c
	}
	var base string
	if g.rng.Float64() < 0.6 {
		base = strings.TrimPrefix(strings.TrimPrefix(preds[0].name, "Phường "), "Thị trấn ")
		if strings.HasPrefix(base, "Phường") || g.siblingNamed(p, base) {
			base = g.placeName(p, nil)
		}
	} else {
		base = g.placeName(p, nil)
	}
	switch {
	case special:
		c.kind = "dac-khu"
		c.name, c.nameEN = "Đặc khu "+base, textutil.Unaccent(base)+" Special Zone"
	case urban*2 > len(preds):
		c.kind, c.urban = "phuong", true
		c.name, c.nameEN = "Phường "+base, textutil.Unaccent(base)+" Ward"
	default:
		c.kind = "xa"
		c.name, c.nameEN = base, textutil.Unaccent(base)
	}
	slug := textutil.Slug(c.name)
	c.id = g.uniqueID(slug, textutil.Slug(base)+"-"+p.id, slug+"-"+p.id)
	p.children = append(p.children, c)
	g.newCommunes = append(g.newCommunes, c)
}

// placeName returns a two-syllable name no child of parent uses yet.
func (g *generator) placeName(parent *locality, _ []string) string {
	for try := 0; ; try++ {
		name := firstSyllables[g.rng.IntN(len(firstSyllables))] + " " + secondSyllables[g.rng.IntN(len(secondSyllables))]
		if strings.Fields(name)[0] == strings.Fields(name)[1] {
			continue
		}
		if try > 50 || !g.siblingNamed(parent, name) {
			return name
		}
	}
}

// siblingNamed reports whether a child of parent already carries name.
func (g *generator) siblingNamed(parent *locality, name string) bool {
	for _, c := range parent.children {
		if strings.HasSuffix(c.name, name) {
			return true
		}
	}
	return false
}

func kindWord(kind string) string {
	if kind == "thanh-pho-tw" {
		return "thành phố"
	}
	return "tỉnh"
}

// joinVI joins names the Vietnamese way: "A, B và C".
func joinVI(names []string) string {
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " và " + names[len(names)-1]
}

func joinEN(names []string) string {
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
