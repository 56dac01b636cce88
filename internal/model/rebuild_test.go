package model_test

import (
	"fmt"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/gen/gentest"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
)

// clone copies raw deeply enough for Build with ReleaseRows, which empties raw's plans and
// reports, and for edits of its rows.
func clone(raw *load.Site) *load.Site {
	c := *raw
	c.Plans, c.Reports = slices.Clone(raw.Plans), slices.Clone(raw.Reports)
	return &c
}

// editRow returns raw with a copy of row j of report i changed by edit; the rows of raw
// are left as they were.
func editRow(raw *load.Site, i, j int, edit func(*load.Row)) *load.Site {
	c := clone(raw)
	c.Reports[i].Results = slices.Clone(c.Reports[i].Results)
	row := &c.Reports[i].Results[j]
	row.Values, row.Shares, row.Plans = slices.Clone(row.Values), slices.Clone(row.Shares), slices.Clone(row.Plans)
	edit(row)
	return c
}

// describe writes what a site holds as text, naming linked objects by id, so two sites
// built apart can be compared: every list, every lookup by locality and indicator, and
// the diagnostics.
func describe(s *model.Site, diags *diag.List) string {
	var b strings.Builder
	b.Grow(200 * (len(s.Results) + len(s.Targets)))
	result := func(r *model.Result) string {
		var shares []string
		for _, sh := range r.Shares {
			shares = append(shares, fmt.Sprintf("%s=%v", sh.Plan.ID, sh.Share))
		}
		return fmt.Sprintf("%s/%s/%s %s v%v r%v s%v g%v c%v since %s d%t %q %q %s", r.Source.ID, r.Locality.ID, r.Indicator.ID,
			r.AsOf, r.Value, r.Rate, shares, r.Gap, r.Change, r.ChangeSince, r.Derived, r.Note, r.Note.EN, r.Pos())
	}
	target := func(t *model.Target) string {
		return fmt.Sprintf("%s/%s/%s %s %s v%v r%v %s d%t i%t %v %s", t.Plan.ID, t.Locality.ID, t.Indicator.ID,
			t.Period.Text, t.Deadline, t.Value, t.Rate, t.Base, t.Derived, t.Implied, t.ImpliedShare, t.Pos())
	}
	comparison := func(c *model.Comparison) string {
		var below []string
		for _, l := range c.Below {
			below = append(below, l.ID)
		}
		return fmt.Sprintf("%s/%s/%s %s %v %s", c.Source.ID, c.Parent.ID, c.Indicator.ID, c.AsOf, below, c.Pos)
	}
	// The lists in full; the lookups by the positions of what they hold in the lists.
	resultAt, targetAt, comparisonAt := map[*model.Result]int{}, map[*model.Target]int{}, map[*model.Comparison]int{}
	for _, src := range s.Sources {
		fmt.Fprintf(&b, "source %d %+v\n", s.SourceOrder(src), *src)
	}
	for i, r := range s.Results {
		resultAt[r] = i
		fmt.Fprintf(&b, "result %s\n", result(r))
	}
	for i, t := range s.Targets {
		targetAt[t] = i
		fmt.Fprintf(&b, "target %s\n", target(t))
	}
	for _, p := range s.Plans {
		fmt.Fprintf(&b, "plan %s: %d targets\n", p.ID, len(p.Targets))
	}
	for i, c := range s.Comparisons {
		comparisonAt[c] = i
		fmt.Fprintf(&b, "comparison %s\n", comparison(c))
	}
	positions := func(what string, n int, at func(i int) int) {
		if n == 0 {
			return
		}
		b.WriteString(what)
		for i := range n {
			b.WriteString(" ")
			b.WriteString(strconv.Itoa(at(i)))
		}
		b.WriteString("\n")
	}
	for _, l := range s.Localities {
		rs, named, within := s.ResultsOf(l), s.ComparisonsNaming(l), s.ComparisonsWithin(l)
		positions(l.ID+" results", len(rs), func(i int) int { return resultAt[rs[i]] })
		positions(l.ID+" named", len(named), func(i int) int { return comparisonAt[named[i]] })
		positions(l.ID+" within", len(within), func(i int) int { return comparisonAt[within[i]] })
		for _, ind := range s.Indicators {
			rs, ts := s.ResultsFor(l, ind), s.TargetsFor(l, ind)
			positions(l.ID+"/"+ind.ID+" results", len(rs), func(i int) int { return resultAt[rs[i]] })
			positions(l.ID+"/"+ind.ID+" targets", len(ts), func(i int) int { return targetAt[ts[i]] })
		}
	}
	for _, d := range diags.Items() {
		fmt.Fprintf(&b, "diag %s\n", d.Text("en"))
	}
	return b.String()
}

// checkRebuild rebuilds prev (built from before) for after and compares the site with
// Build's; prev must come out as it went in.
func checkRebuild(t *testing.T, before, after *load.Site, changed []string, wantRelinked bool) (diags string) {
	t.Helper()
	prev, prevDiags := model.Build(clone(before))
	prevText := describe(prev, prevDiags)
	in := clone(after)
	got, gotDiags, relinked := model.Rebuild(prev, in, changed)
	want, wantDiags := model.Build(clone(after))
	if relinked != wantRelinked {
		t.Errorf("Rebuild relinked = %t, want %t", relinked, wantRelinked)
	}
	if !reflect.DeepEqual(in, after) {
		t.Error("Rebuild changed its input") // it may be shared with a load.Cache
	}
	if g, w := describe(got, gotDiags), describe(want, wantDiags); g != w {
		t.Errorf("Rebuild differs from Build:\n%s", firstDifference(g, w))
	}
	if again := describe(prev, prevDiags); again != prevText {
		t.Errorf("Rebuild changed the previous site:\n%s", firstDifference(again, prevText))
	}
	// Relink, given only the ids and files of the reports that did not change (what a
	// build knows of them without decoding them), links what Rebuild links, or nothing.
	switch relinked, relinkedDiags := model.Relink(prev, skeleton(after, changed), changed); {
	case wantRelinked && relinked == nil:
		t.Error("Relink did not relink")
	case wantRelinked:
		if g, w := describe(relinked, relinkedDiags), describe(want, wantDiags); g != w {
			t.Errorf("Relink differs from Build:\n%s", firstDifference(g, w))
		}
	case relinked != nil:
		t.Error("Relink relinked a change it cannot")
	}
	var b strings.Builder
	for _, d := range wantDiags.Items() {
		if d.Code == diag.ResultRollupMismatch {
			fmt.Fprintf(&b, "diag %s\n", d.Text("en"))
		}
	}
	return b.String()
}

// skeleton is raw with every report not in changed reduced to its id and file.
func skeleton(raw *load.Site, changed []string) *load.Site {
	out := clone(raw)
	for i, r := range out.Reports {
		if !slices.Contains(changed, r.Pos.File) {
			out.Reports[i] = load.Report{ID: r.ID, Pos: diag.Pos{File: r.Pos.File}}
		}
	}
	return out
}

// childFigureFirst returns raw with a new results file, first in file order, giving a ward
// whose district's result rolls up from its wards a figure 1,000 more than its own file
// gives; and the district's id.
func childFigureFirst(t *testing.T, raw *load.Site) (*load.Site, string) {
	t.Helper()
	site, _ := model.Build(clone(raw))
	for _, r := range site.Results {
		p := r.Locality.Parent
		if p == nil || r.Derived || r.Indicator.Unit == model.Percent || !r.Value.Known {
			continue
		}
		if !slices.ContainsFunc(site.ResultsFor(p, r.Indicator), func(pr *model.Result) bool { return pr.AsOf == r.AsOf && pr.Value.Known }) {
			continue
		}
		for i, rep := range raw.Reports {
			if rep.ID != r.Source.ID {
				continue
			}
			for _, row := range rep.Results {
				if row.Locality.V != r.Locality.ID || len(row.Values) == 0 {
					continue
				}
				after := editRow(raw, i, 0, func(*load.Row) {})
				extra := after.Reports[i]
				extra.ID, extra.Pos.File = "0-bo-sung", "data/results/0-bo-sung.toml"
				// published a day later: its figure is the one the pages show, and sum
				extra.Published.V = r.Source.Published.AddDays(1)
				row.Values = slices.Clone(row.Values)
				for k := range row.Values {
					row.Values[k].Value.V += 1000
				}
				row.Shares, row.Plans = nil, nil
				extra.Results = []load.Row{row}
				after.Reports = slices.Insert(after.Reports, 0, extra)
				return after, p.ID
			}
		}
	}
	t.Fatal("no ward whose district has a result of the same date in the generated data")
	return nil, ""
}

func firstDifference(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) && i < len(w); i++ {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d\n got: %s\nwant: %s", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("got %d lines, want %d", len(g), len(w))
}

// TestRebuildIsBuild: after a change to results files, Rebuild gives exactly the site and
// the diagnostics of Build — relinking only the changed files when it can — and leaves the
// previous site as it was.
func TestRebuildIsBuild(t *testing.T) {
	raw, diags := load.Load(os.DirFS(gentest.Site(t, 0.01)))
	if diags.HasErrors() {
		t.Fatal(diags.Err("en"))
	}
	// i, j: a report and a row of it stating shares of a plan, as provinces' rows do.
	i, j := -1, -1
	for ri, r := range raw.Reports {
		for rj, row := range r.Results {
			if len(row.Shares) > 0 && len(row.Values) > 0 && i < 0 && ri > 0 && ri < len(raw.Reports)-1 {
				i, j = ri, rj
			}
		}
	}
	if i < 0 {
		t.Fatal("no results row with shares in the generated data")
	}
	file := raw.Reports[i].Pos.File
	changed := []string{file}

	t.Run("a value changes", func(t *testing.T) {
		checkRebuild(t, raw, editRow(raw, i, j, func(r *load.Row) { r.Values[0].Value.V++ }), changed, true)
	})
	t.Run("a row goes", func(t *testing.T) {
		after := clone(raw)
		after.Reports[i].Results = slices.Delete(slices.Clone(after.Reports[i].Results), j, j+1)
		checkRebuild(t, raw, after, changed, true)
	})
	t.Run("a file goes", func(t *testing.T) {
		after := clone(raw)
		after.Reports = slices.Delete(after.Reports, i, i+1)
		checkRebuild(t, raw, after, changed, true)
	})
	t.Run("a file comes", func(t *testing.T) {
		before := clone(raw)
		before.Reports = slices.Delete(before.Reports, i, i+1)
		checkRebuild(t, before, raw, changed, true)
	})
	t.Run("a second source of the same figures comes first", func(t *testing.T) {
		// Its results share locality, indicator and date with report i's: lists of results
		// put them first, as they come first in file order.
		after := clone(raw)
		dup := after.Reports[i]
		dup.ID, dup.Pos.File = "0-ban-sao", "data/results/0-ban-sao.toml"
		after.Reports = slices.Insert(after.Reports, 0, dup)
		checkRebuild(t, raw, after, []string{dup.Pos.File}, true)
	})
	t.Run("a child's figure in a new file changes a kept file's rollup", func(t *testing.T) {
		// A new file, first in file order but published later, gives a ward a figure far
		// from the one its district's file gives: the district's result, in a file that did
		// not change, no longer matches the sum of its wards.
		after, parent := childFigureFirst(t, raw)
		got := checkRebuild(t, raw, after, []string{after.Reports[0].Pos.File}, true)
		if !strings.Contains(got, "diag ") || !strings.Contains(got, parent) {
			t.Fatalf("no rollup warning names %s: the case does not test what it says", parent)
		}
	})
	t.Run("an unknown locality", func(t *testing.T) {
		checkRebuild(t, raw, editRow(raw, i, j, func(r *load.Row) { r.Locality.V = "khong-co-dau" }), changed, true)
	})
	t.Run("more people than live there", func(t *testing.T) {
		checkRebuild(t, raw, editRow(raw, i, j, func(r *load.Row) {
			for k := range r.Values {
				r.Values[k].Value.V *= 1000
			}
		}), changed, true)
	})
	t.Run("a share of a plan without that target", func(t *testing.T) {
		// Another locality's plan publishes no target for this row's locality: the share
		// implies one, in that plan, so the file is not independent any more.
		other := ""
		for _, p := range raw.Plans {
			if p.Locality.V != raw.Reports[i].Results[j].Locality.V && len(p.Targets) > 0 {
				other = p.ID
				break
			}
		}
		after := editRow(raw, i, j, func(r *load.Row) { r.Plans = []load.Str{{V: other, Pos: r.Plans[0].Pos}} })
		checkRebuild(t, raw, after, changed, false)
		checkRebuild(t, after, raw, changed, false) // and back: its implied targets must go
	})
	t.Run("two changes in a row", func(t *testing.T) {
		mid := editRow(raw, i, j, func(r *load.Row) { r.Values[0].Value.V++ })
		after := editRow(mid, i+1, 0, func(r *load.Row) { r.Values[0].Value.V++ })
		prev, _ := model.Build(clone(raw))
		prev, _, _ = model.Rebuild(prev, clone(mid), changed)
		got, gotDiags, relinked := model.Rebuild(prev, clone(after), []string{raw.Reports[i+1].Pos.File})
		want, wantDiags := model.Build(clone(after))
		if !relinked {
			t.Error("the second change was not relinked")
		}
		if g, w := describe(got, gotDiags), describe(want, wantDiags); g != w {
			t.Errorf("Rebuild differs from Build:\n%s", firstDifference(g, w))
		}
	})
	t.Run("a plan changes", func(t *testing.T) {
		checkRebuild(t, raw, raw, []string{raw.Plans[0].Pos.File}, false)
	})
	t.Run("changed does not name the file", func(t *testing.T) {
		after := clone(raw)
		after.Reports = slices.Delete(after.Reports, i, i+1)
		checkRebuild(t, raw, after, []string{raw.Reports[i+1].Pos.File}, false)
	})
}

// Build leaves its input as it was; only with ReleaseRows does it empty the plans and
// reports it has linked.
func TestBuildDoesNotChangeItsInput(t *testing.T) {
	raw, _ := load.Load(os.DirFS("../.."))
	keep := clone(raw)
	model.Build(raw)
	if !reflect.DeepEqual(raw, keep) {
		t.Fatal("Build changed the site it was given")
	}
	model.Build(raw, model.ReleaseRows())
	if len(raw.Plans) == 0 || raw.Plans[0].ID != "" || raw.Reports[0].ID != "" {
		t.Errorf("Build with ReleaseRows kept the rows it linked: plan %q, report %q", raw.Plans[0].ID, raw.Reports[0].ID)
	}
}
