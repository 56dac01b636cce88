package gen

import (
	"math"
	"strings"
)

// denominators sets population and labour force: communes draw theirs, every other
// locality sums its children's, communes since 2025 sum their predecessors'.
func (g *generator) denominators() {
	for _, c := range g.oldCommunes {
		var pop0 float64
		switch c.kind {
		case "phuong":
			pop0 = g.between(8000, 22000)
		case "thi-tran":
			pop0 = g.between(7000, 16000)
		default:
			pop0 = g.between(3500, 12000)
		}
		growth := g.between(0.003, 0.015)
		ratio := g.between(0.52, 0.60)
		for y := range nYears {
			p := math.Round(pop0 * math.Pow(1+growth, float64(y)))
			c.pop[y], c.lf[y] = int64(p), int64(math.Round(p*ratio))
		}
	}
	for _, d := range g.districts {
		sumDenominators(d, d.children, 0, nYears)
	}
	for _, p := range g.oldProvs {
		sumDenominators(p, p.children, 0, nYears) // districts only: new communes have no years before 2025 … and 2025 equals the districts' sum
	}
	for _, c := range g.newCommunes {
		sumDenominators(c, c.preds, nYears-1, nYears)
	}
	for _, p := range g.newProvs {
		if !p.pre {
			sumDenominators(p, p.children, nYears-1, nYears)
		}
	}
	sumDenominators(g.nation, g.oldProvs, 0, nYears)
}

// sumDenominators sets l's denominators for years [from, to) to the sum of parts' (parts
// that existed before 2025 only, for years before 2025).
func sumDenominators(l *locality, parts []*locality, from, to int) {
	for y := from; y < to; y++ {
		l.pop[y], l.lf[y] = 0, 0
		for _, p := range parts {
			if !p.pre {
				continue
			}
			l.pop[y] += p.pop[y]
			l.lf[y] += p.lf[y]
		}
	}
}

// base returns l's denominator for ind in year y, or 0.
func (l *locality) base(ind *indicator, y int) float64 {
	switch ind.Denominator {
	case "population":
		return float64(l.pop[y])
	case "labour_force":
		return float64(l.lf[y])
	}
	return 0
}

func none(n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = math.NaN()
	}
	return v
}

// figures sets every target and result: communes draw their core figures from their
// coverage profile, districts (before 2025) and provinces (since) draw the other
// additive figures, every level draws its own percentages, and parents sum the rest.
func (g *generator) figures() {
	n := len(g.inds.all)
	all := append(append(append(append([]*locality{g.nation}, g.oldProvs...), g.districts...), g.oldCommunes...), g.newCommunes...)
	for _, p := range g.newProvs {
		if !p.pre {
			all = append(all, p)
		}
	}
	for _, l := range all {
		for y := range nYears {
			l.tgt[y] = none(n)
		}
		for d := range nDates {
			l.res[d] = none(n)
		}
		if l.post {
			l.post25 = none(n)
		}
	}

	// Communes before 2025: core figures from their profile.
	for _, c := range g.oldCommunes {
		c.rate = map[string]float64{
			"bhyt":           g.between(0.84, 0.93),
			"bhxh-bat-buoc":  g.between(0.05, 0.16),
			"bhxh-tu-nguyen": g.between(0.008, 0.04),
			"bhtn":           g.between(0.78, 0.9),
			"other":          g.between(0.2, 0.4),
		}
		if c.urban {
			c.rate["bhxh-bat-buoc"] = g.between(0.22, 0.40)
		}
		for y := range nYears {
			for _, ind := range g.inds.all {
				if ind.core {
					c.tgt[y][ind.idx] = math.Round(c.base(ind, y) * c.coreRate(ind.ID, y))
				}
			}
			g.results(c, c.tgt[y], c.res[2*y], c.res[2*y+1], y, y < nYears-1)
		}
	}
	// Districts: the other additive figures and every percentage are their own.
	for _, d := range g.districts {
		for y := range nYears {
			g.ownFigures(d, d.tgt[y], y)
			g.results(d, d.tgt[y], d.res[2*y], d.res[2*y+1], y, y < nYears-1)
		}
		g.sumFigures(d, d.children, false)
	}
	// Provinces before 2025 and the nation: percentages their own, the rest summed.
	for _, p := range g.oldProvs {
		for y := range nYears {
			g.ownPercentages(p, p.tgt[y], y)
			g.results(p, p.tgt[y], p.res[2*y], p.res[2*y+1], y, y < nYears-1)
		}
		g.sumFigures(p, p.children, false)
	}
	for y := range nYears {
		g.ownPercentages(g.nation, g.nation.tgt[y], y)
		g.results(g.nation, g.nation.tgt[y], g.nation.res[2*y], g.nation.res[2*y+1], y, true)
	}
	g.sumFigures(g.nation, g.oldProvs, false)

	// Since 1 July 2025: communes restate their predecessors' 2025 targets, provinces sum
	// them and draw the rest; the nation's year-end result sums the new provinces.
	last := nYears - 1
	for _, c := range g.newCommunes {
		for _, ind := range g.inds.all {
			if !ind.core {
				continue
			}
			sum := 0.0
			for _, o := range c.preds {
				sum += o.tgt[last][ind.idx]
			}
			c.post25[ind.idx] = math.Min(math.Round(sum*g.between(1.0, 1.03)), math.Floor(c.base(ind, last)*0.99))
		}
		g.results(c, c.post25, nil, c.res[postDate], last, false)
	}
	for _, p := range g.newProvs {
		g.ownFigures(p, p.post25, last)
		for _, ind := range g.inds.all {
			if ind.core {
				p.post25[ind.idx] = 0
				for _, c := range p.children {
					if c.post {
						p.post25[ind.idx] += c.post25[ind.idx]
					}
				}
			}
		}
		g.results(p, p.post25, nil, p.res[postDate], last, false)
		g.sumFigures(p, p.children, true)
	}
	g.results(g.nation, g.nation.post25Or(), nil, g.nation.res[postDate], last, false)
	g.sumFigures(g.nation, g.newProvs, true)
}

// post25Or returns the nation's 2025 targets, against which its year-end percentages are drawn.
func (l *locality) post25Or() []float64 { return l.tgt[nYears-1] }

// coreRate is a commune's target coverage for a core indicator in year y.
func (l *locality) coreRate(id string, y int) float64 {
	fy := float64(y)
	switch id {
	case "bhyt":
		return math.Min(0.985, l.rate["bhyt"]+0.012*fy)
	case "bhxh-bat-buoc":
		return l.rate["bhxh-bat-buoc"] + 0.008*fy
	case "bhxh-tu-nguyen":
		return l.rate["bhxh-tu-nguyen"] + 0.006*fy
	case "bhtn":
		return (l.rate["bhxh-bat-buoc"] + 0.008*fy) * l.rate["bhtn"]
	}
	return l.rate["other"]
}

// ownFigures draws the additive figures that are not the core ones (new employers, money
// collected …) and every percentage for l's year-y targets t.
func (g *generator) ownFigures(l *locality, t []float64, y int) {
	lf := float64(l.lf[y])
	for _, ind := range g.inds.all {
		if !ind.flow {
			continue
		}
		var v float64
		switch {
		case ind.Unit == "million_vnd":
			v = lf * g.between(7, 13) * (1 + 0.06*float64(y))
		case ind.Unit == "count":
			v = math.Max(2, lf/g.between(1500, 4000))
		default:
			v = lf * g.between(0.003, 0.007)
		}
		t[ind.idx] = math.Round(v)
	}
	g.ownPercentages(l, t, y)
}

// ownPercentages draws l's percentage targets for year y.
func (g *generator) ownPercentages(l *locality, t []float64, y int) {
	fy := float64(y)
	for _, ind := range g.inds.all {
		if !ind.written || ind.Unit != "percent" {
			continue
		}
		var v float64
		switch {
		case ind.Direction == "lower":
			v = math.Max(0.3, g.between(1.2, 3.0)-0.15*fy)
		case strings.Contains(ind.ID, "hai-long"):
			v = math.Min(99, g.between(84, 90)+0.8*fy)
		case strings.Contains(ind.ID, "dien-tu"):
			v = math.Min(100, g.between(93, 99)+0.5*fy)
		case strings.Contains(ind.ID, "huu"):
			v = g.between(38, 55) + 2*fy
		default:
			v = math.Min(100, g.between(60, 85)+fy)
		}
		t[ind.idx] = math.Round(v*10) / 10
	}
}

// results draws l's half-year (h1, nil to skip) and year-end (ye, nil to skip) results
// against the year-y targets t, for the indicators l has targets for. Parents' additive
// results are overwritten by their children's sums afterwards.
func (g *generator) results(l *locality, t, h1, ye []float64, y int, withYE bool) {
	for _, ind := range g.inds.all {
		v := t[ind.idx]
		if math.IsNaN(v) {
			continue
		}
		limit := math.Inf(1)
		if b := l.base(ind, y); b > 0 {
			limit = math.Floor(b * 0.99)
		}
		draw := func(half bool) float64 {
			switch {
			case ind.Unit == "percent" && ind.Direction == "lower":
				if half {
					return round2(math.Max(0.05, v+g.between(-0.4, 0.6)))
				}
				return round2(math.Max(0.05, v+g.between(-0.5, 0.4)))
			case ind.Unit == "percent":
				if half {
					return round2(math.Min(100, math.Max(0, v-g.between(0.3, 3))))
				}
				return round2(math.Min(100, math.Max(0, v+g.between(-2, 1.2))))
			case ind.flow:
				if half {
					return math.Round(v * g.between(0.42, 0.56))
				}
				return math.Round(v * g.between(0.92, 1.08))
			}
			if half {
				return math.Min(limit, math.Round(v*g.between(0.86, 0.985)))
			}
			return math.Min(limit, math.Round(v*g.between(0.95, 1.045)))
		}
		if h1 != nil {
			h1[ind.idx] = draw(true)
		}
		if ye != nil && (withYE || h1 == nil) {
			ye[ind.idx] = draw(false)
		} else if ye != nil {
			ye[ind.idx] = math.NaN()
		}
	}
}

// sumFigures replaces l's additive targets and results with the sums of parts' for the
// indicators the parts carry: the pre-2025 years and dates, or (post) the 2025 targets
// set after the reorganisation and the year-end 2025 result.
func (g *generator) sumFigures(l *locality, parts []*locality, post bool) {
	for _, ind := range g.inds.all {
		if !ind.additive || !ind.written {
			continue
		}
		carried := false
		for _, p := range parts {
			if (post && p.post || !post && p.pre) && p.carries(ind) {
				carried = true
				break
			}
		}
		if !carried {
			continue
		}
		sum := func(get func(p *locality) float64) float64 {
			s := 0.0
			for _, p := range parts {
				if post && p.post || !post && p.pre {
					s += get(p)
				}
			}
			return s
		}
		if post {
			if l.post25 != nil {
				l.post25[ind.idx] = sum(func(p *locality) float64 { return p.post25[ind.idx] })
			}
			l.res[postDate][ind.idx] = sum(func(p *locality) float64 { return p.res[postDate][ind.idx] })
			continue
		}
		for y := range nYears {
			l.tgt[y][ind.idx] = sum(func(p *locality) float64 { return p.tgt[y][ind.idx] })
		}
		for d := 0; d < postDate; d++ {
			l.res[d][ind.idx] = sum(func(p *locality) float64 { return p.res[d][ind.idx] })
		}
	}
}

// carries reports whether l has figures for ind.
func (l *locality) carries(ind *indicator) bool {
	return ind.written && (l.level < levelCommune || ind.core)
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }
