package gen

import (
	"bytes"
	"fmt"
	"math"
	"strings"
)

// update is a news item on one province's report.
type update struct {
	prov *locality
	date int
}

// writeContent writes the stand-alone pages and the updates: a few hundred news items on
// provincial reports, every third also in English.
func (g *generator) writeContent() {
	g.out.write("content/gioi-thieu.md", []byte(aboutVI))
	g.out.write("content/gioi-thieu.en.md", []byte(aboutEN))
	g.out.write("content/phuong-phap.md", []byte(methodVI))
	g.out.write("content/phuong-phap.en.md", []byte(methodEN))

	var candidates []update
	for _, p := range g.oldProvs {
		for d := 0; d < postDate; d++ {
			candidates = append(candidates, update{p, d})
		}
	}
	for _, p := range g.newProvs {
		candidates = append(candidates, update{p, postDate})
	}
	g.rng.Shuffle(len(candidates), func(i, j int) { candidates[i], candidates[j] = candidates[j], candidates[i] })
	n := min(len(candidates), max(3, scaled(240, g.opts.Scale)))
	for i, u := range candidates[:n] {
		g.writeUpdate(u, "vi")
		if i%3 == 0 {
			g.writeUpdate(u, "en")
		}
		g.sum.Updates++
	}
}

func (g *generator) writeUpdate(u update, lang string) {
	p, d := u.prov, u.date
	asOf := isoDate(d)
	published := g.published[p.id+"/"+asOf]
	y := d / 2
	tgt := p.tgt[y]
	plan := planID(p, firstYear+y, false)
	if d == postDate {
		tgt, plan = p.post25, planID(p, 2025, true)
	}
	vi, en := periodWords(d)
	half := "6-thang"
	if d%2 == 1 {
		half = "ca-nam"
	}
	slug := fmt.Sprintf("%s-ket-qua-%s-%d", p.id, half, firstYear+y)
	var b bytes.Buffer
	name := p.name
	if lang == "en" {
		name = p.nameEN
	}
	var lines []string
	var summary []string
	for _, ind := range g.inds.all {
		v, t := p.res[d][ind.idx], tgt[ind.idx]
		if !ind.core || math.IsNaN(v) || math.IsNaN(t) || t <= 0 {
			continue
		}
		share := round2(v / t * 100)
		if lang == "en" {
			lines = append(lines, fmt.Sprintf("| %s | %s | %s | %s%% |", ind.ShortEN, enNumber(v, 0), enNumber(t, 0), enNumber(share, 2)))
			if len(summary) < 2 {
				summary = append(summary, fmt.Sprintf("%s people in %s (%s%% of plan)", enNumber(v, 0), strings.ToLower(ind.NameEN[:1])+ind.NameEN[1:], enNumber(share, 2)))
			}
		} else {
			lines = append(lines, fmt.Sprintf("| %s | %s | %s | %s %% |", ind.Short, viNumber(v, 0), viNumber(t, 0), viNumber(share, 2)))
			if len(summary) < 2 {
				summary = append(summary, fmt.Sprintf("%s người tham gia %s (%s %% kế hoạch)", viNumber(v, 0), ind.Short, viNumber(share, 2)))
			}
		}
	}
	b.WriteString("+++\n")
	if lang == "en" {
		fmt.Fprintf(&b, "title = %s\n", q(fmt.Sprintf("%s: social and health insurance enrolment in %s", name, en)))
	} else {
		fmt.Fprintf(&b, "title = %s\n", q(fmt.Sprintf("%s: kết quả phát triển người tham gia BHXH, BHYT %s", name, vi)))
	}
	fmt.Fprintf(&b, "date = %s\nlocalities = [%s]\nplans = [%s]\n", published, q(p.id), q(plan))
	if lang == "en" {
		fmt.Fprintf(&b, "summary = %s\n", q(fmt.Sprintf("At %s, %s had %s.", dMonY(asOf), name, strings.Join(summary, " and "))))
	} else {
		fmt.Fprintf(&b, "summary = %s\n", q(fmt.Sprintf("Đến %s, %s có %s.", dmy(asOf), name, strings.Join(summary, " và "))))
	}
	b.WriteString("+++\n\n")
	if lang == "en" {
		fmt.Fprintf(&b, "According to the report of %s social insurance office, these were the figures of [%s](/dia-phuong/%s/) at %s against its [plan for %d](/ke-hoach/%s/).\n\n",
			p.nameEN, name, p.id, dMonY(asOf), firstYear+y, plan)
		b.WriteString("| Measure | Result | Target for the year | Share of target |\n|---|---:|---:|---:|\n")
	} else {
		fmt.Fprintf(&b, "Theo báo cáo của %s, đến %s kết quả của [%s](/dia-phuong/%s/) so với [kế hoạch năm %d](/ke-hoach/%s/) như sau.\n\n",
			publisherOf(p), dmy(asOf), name, p.id, firstYear+y, plan)
		b.WriteString("| Chỉ số | Kết quả | Chỉ tiêu năm | Tỷ lệ đạt |\n|---|---:|---:|---:|\n")
	}
	b.WriteString(strings.Join(lines, "\n"))
	b.WriteString("\n\n")
	if lang == "en" {
		b.WriteString("The figures are synthetic: this site was generated to measure covsite at national scale.\n")
	} else {
		b.WriteString("Các con số là dữ liệu mô phỏng, tạo ra để đo hiệu năng của covsite ở quy mô toàn quốc.\n")
	}
	file := fmt.Sprintf("content/updates/%s-%s.md", published, slug)
	if lang == "en" {
		file = strings.TrimSuffix(file, ".md") + ".en.md"
	}
	g.out.writeBuf(file, &b)
}

const aboutVI = `+++
title = "Giới thiệu"
date = 2025-09-01
+++

Trang này được tạo từ một bộ dữ liệu mô phỏng toàn quốc (lệnh ` + "`covsite gen`" + `) để đo tốc độ dựng trang và dung lượng của covsite ở quy mô 34 tỉnh, thành phố và hơn 3.300 xã, phường. Mọi con số đều là giả định.
`

const aboutEN = `+++
title = "About"
date = 2025-09-01
+++

This site is built from a synthetic national dataset (` + "`covsite gen`" + `) to measure how fast covsite builds, and how heavy its pages are, at the scale of 34 provinces and more than 3,300 communes. Every figure is invented.
`

const methodVI = `+++
title = "Phương pháp"
date = 2025-09-01
+++

Số liệu của cấp trên bằng tổng số liệu của các đơn vị trực thuộc; tỷ lệ bao phủ tính trên dân số hoặc lực lượng lao động của năm báo cáo.
`

const methodEN = `+++
title = "Methodology"
date = 2025-09-01
+++

A parent's figures are the sums of its children's; coverage rates are of the population or labour force of the year reported.
`
