package build

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/routes"
	"github.com/covsite/covsite/internal/view"
)

// printed is one element of a built page that prints a figure (data-fig) or a credit
// (data-credit), with its attributes and its text.
type printed struct {
	page  string
	attrs map[string]string
	text  string
}

// walk finds every figure and credit a built page prints, their keys made whole
// (view.ResolveKey) on the page of the locality id.
func walk(t *testing.T, page string, src []byte, id string) (figs, credits []printed) {
	t.Helper()
	z := html.NewTokenizer(bytes.NewReader(src))
	type open struct {
		p     *printed
		depth int
		fig   bool
	}
	var stack []open
	depth := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return figs, credits
		case html.StartTagToken:
			tok := z.Token()
			depth++
			attrs := map[string]string{}
			for _, a := range tok.Attr {
				attrs[a.Key] = a.Val
				if a.Key == "data-fig" || a.Key == "data-credit" {
					keys := strings.Fields(a.Val)
					for i, k := range keys {
						keys[i] = view.ResolveKey(k, id)
					}
					attrs[a.Key] = strings.Join(keys, " ")
				}
			}
			if _, ok := attrs["data-fig"]; ok {
				stack = append(stack, open{&printed{page: page, attrs: attrs}, depth, true})
			}
			if _, ok := attrs["data-credit"]; ok {
				stack = append(stack, open{&printed{page: page, attrs: attrs}, depth, false})
			}
			if voidElement(tok.Data) {
				depth--
			}
		case html.EndTagToken:
			for len(stack) > 0 && stack[len(stack)-1].depth == depth {
				o := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if o.fig {
					figs = append(figs, *o.p)
				} else {
					credits = append(credits, *o.p)
				}
			}
			depth--
		case html.TextToken:
			for _, o := range stack {
				o.p.text += string(z.Text())
			}
		}
	}
}

// figureKeyAttr is an attribute Options.FigureKeys adds to a page, with its space.
var figureKeyAttr = regexp.MustCompile(` data-(?:fig|credit|set-by|decision|inferred)="[^"]*"`)

// withoutKeys is a page of the keyed build less what the keys add: their attributes, and
// the span around a figure that is there only to carry them (its start and end tags).
func withoutKeys(page []byte) (out []byte, keys int) {
	z := html.NewTokenizer(bytes.NewReader(page))
	var spans []bool // open spans: whether each was only for the keys
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out, keys
		}
		raw := z.Raw()
		name, _ := z.TagName()
		span := string(name) == "span"
		switch {
		case tt == html.StartTagToken:
			n := len(figureKeyAttr.FindAll(raw, -1))
			keys += n
			raw = figureKeyAttr.ReplaceAll(raw, nil)
			if span {
				spans = append(spans, n > 0 && string(raw) == "<span>")
				if spans[len(spans)-1] {
					continue
				}
			}
		case tt == html.EndTagToken && span && len(spans) > 0:
			only := spans[len(spans)-1]
			spans = spans[:len(spans)-1]
			if only {
				continue
			}
		}
		out = append(out, raw...)
	}
}

// TestFigureKeysAddOnlyTheirAttributes: the example site built with the figures' keys is,
// file by file and byte for byte, the site as published plus those attributes (and the
// spans that carry only them) — so the
// build the figure tests walk and the build that ships cannot drift apart — and the
// published site carries none of them but keeps data-calc.
func TestFigureKeysAddOnlyTheirAttributes(t *testing.T) {
	plain, keyed := exampleSite(t), exampleSiteKeyed(t)
	files, keys, calcs := 0, 0, 0
	err := filepath.WalkDir(keyed, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(keyed, path)
		want, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		got, err := os.ReadFile(filepath.Join(plain, rel))
		if err != nil {
			t.Errorf("%s is built only with the figures' keys: %v", rel, err)
			return nil
		}
		files++
		if strings.HasSuffix(rel, ".html") {
			var n int
			want, n = withoutKeys(want)
			keys += n
			calcs += bytes.Count(got, []byte(` data-calc="`))
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the keyed build less its keys at byte %d", rel, firstDiff(got, want))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	_ = filepath.WalkDir(plain, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	})
	if n != files {
		t.Errorf("the published build has %d files, the keyed one %d", n, files)
	}
	if keys < 500 || calcs < 50 {
		t.Errorf("%d files compared, %d keys taken out, %d data-calc kept: fewer than the example site holds", files, keys, calcs)
	}
	t.Logf("%d files compared, %d keys taken out, %d data-calc kept", files, keys, calcs)
}

// firstDiff is the offset of the first byte where a and b differ.
func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func voidElement(tag string) bool {
	switch tag {
	case "br", "meta", "link", "img", "input", "hr", "source", "wbr":
		return true
	}
	return false
}

// TestEveryFigureExplainsItself walks every figure of the built example site, in both
// languages, and fails when a figure has no source named on its page, when a figure the
// site computed is not marked (data-calc and the ∑ sign) or a figure a document gives is,
// and when a credit names an authority or decision the data — read again here, straight
// from the files — does not give for that figure.
func TestEveryFigureExplainsItself(t *testing.T) {
	dir := exampleSiteKeyed(t)
	site, diags := Check("../..")
	if err := diags.Err("en"); err != nil {
		t.Fatal(err)
	}
	raw, _ := load.Load(os.DirFS("../.."))
	targets, results := map[string]*model.Target{}, map[string]*model.Result{}
	for _, tg := range site.Targets {
		targets[view.TargetKey(tg)] = tg
	}
	for _, r := range site.Results {
		results[view.ResultKey(r)] = r
	}
	seen := map[string]map[string]bool{} // page → figure keys printed on it
	nFigs, nCredits, nComputed := 0, 0, 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		page, _ := filepath.Rel(dir, path)
		page = filepath.ToSlash(page)
		code := routes.LangOf("/" + page)
		kind, id := routes.Parse(page)
		if kind != routes.LocalityKind {
			id = ""
		}
		figs, credits := walk(t, page, src, id)
		seen[page] = map[string]bool{}
		for _, f := range figs {
			nFigs++
			key := f.attrs["data-fig"]
			seen[page][key] = true
			calc, computed := f.attrs["data-calc"]
			var how model.Computation
			switch {
			case targets[key] != nil:
				tg := targets[key]
				how = tg.Calc.How
				if !bytes.Contains(src, []byte(`href="`+routes.NewBase("/").URL(code, routes.Plan(tg.Plan.ID))+`"`)) {
					t.Errorf("%s: target %s is printed without a link to its plan", page, key)
				}
			case results[key] != nil:
				r := results[key]
				how = r.Calc.How
				if !bytes.Contains(src, []byte(html.EscapeString(r.Source.Title.In(code)))) {
					t.Errorf("%s: result %s is printed without naming its source %q", page, key, r.Source.Title.In(code))
				}
			default:
				t.Errorf("%s: a figure %q that is no target or result of the data: it has no source", page, key)
				continue
			}
			if how == model.NotComputed {
				if computed {
					t.Errorf("%s: %s is a document's figure but is marked computed (%s)", page, key, calc)
				}
				continue
			}
			nComputed++
			if calc != string(how) || !strings.Contains(f.text, view.CalcMark) {
				t.Errorf("%s: %s was computed by the site (%s) but is printed as %q with data-calc %q", page, key, how, f.text, calc)
			}
		}
		for _, c := range credits {
			nCredits += len(strings.Fields(c.attrs["data-credit"]))
			checkCredit(t, raw, targets, c, code)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Every target is printed, with its marks, on its locality's page and its plan's page,
	// in both languages.
	for _, tg := range site.Targets {
		key := view.TargetKey(tg)
		for _, code := range []string{"vi", "en"} {
			for _, route := range []string{routes.Locality(tg.Locality.ID), routes.Plan(tg.Plan.ID)} {
				page := strings.TrimPrefix(routes.File(code, route), "/")
				if !seen[page][key] {
					t.Errorf("%s does not print the target %s", page, key)
				}
			}
		}
	}
	if nFigs < 500 || nCredits < 100 || nComputed < 50 {
		t.Errorf("walked %d figures, %d credits, %d computed figures: fewer than the example site holds", nFigs, nCredits, nComputed)
	}
	t.Logf("walked %d figures (%d computed) and %d credits", nFigs, nComputed, nCredits)
}

// checkCredit compares what a credit names with the data files themselves: a plan's own
// target is credited to its issuer and number; a target a results row implies to the
// authority the row says (set_by) and the decision it names (decision), else "theo" the
// row's document, inferred.
func checkCredit(t *testing.T, raw *load.Site, targets map[string]*model.Target, c printed, code string) {
	t.Helper()
	keys := strings.Fields(c.attrs["data-credit"]) // one credit may name several targets: the cards' plan, once
	if len(keys) == 0 {
		t.Errorf("%s: a credit that names no target", c.page)
	}
	for _, key := range keys {
		checkCreditOf(t, raw, targets[key], key, c, code)
	}
}

// checkCreditOf checks what a credit names for one of its targets.
func checkCreditOf(t *testing.T, raw *load.Site, tg *model.Target, key string, c printed, code string) {
	t.Helper()
	if tg == nil {
		t.Errorf("%s: a credit for %q, no target of the data", c.page, key)
		return
	}
	wantBy, wantDecision, wantInferred, wantSource := "", "", false, ""
	if !tg.Implied {
		for _, p := range raw.Plans {
			if p.ID == tg.Plan.ID {
				wantBy, wantDecision = p.Issuer.V, p.Number.V
			}
		}
	} else {
		wantInferred = true
		for _, rep := range raw.Reports {
			for _, row := range rep.Results {
				if row.Locality.V != tg.Locality.ID || !slices.ContainsFunc(row.Plans, func(s load.Str) bool { return s.V == tg.Plan.ID }) || !states(row, tg.Indicator.ID) {
					continue
				}
				wantBy, wantDecision = row.SetBy.V, row.Decision.V
				for _, kv := range row.SetByPlan {
					if kv.Key.V == tg.Plan.ID {
						wantBy = kv.Value.V
					}
				}
				wantSource = or(rep.TitleEN.V, rep.Title.V)
				if code == "vi" {
					wantSource = rep.Title.V
				}
				wantInferred = wantDecision == ""
			}
		}
	}
	got := [3]string{c.attrs["data-set-by"], c.attrs["data-decision"], c.attrs["data-inferred"]}
	want := [3]string{wantBy, wantDecision, ""}
	if wantInferred {
		want[2] = "true"
	}
	if got != want {
		t.Errorf("%s: credit of %s names %q, %q, inferred %q; the data gives %q, %q, inferred %q", c.page, key, got[0], got[1], got[2], want[0], want[1], want[2])
	}
	if wantInferred && !strings.Contains(html.UnescapeString(c.text), wantSource) {
		t.Errorf("%s: the inferred credit of %s does not name its document %q: %q", c.page, key, wantSource, c.text)
	}
	if wantInferred && tg.Plan.Number != "" && strings.Index(c.text, tg.Plan.Number) < strings.Index(c.text, wantSource) {
		t.Errorf("%s: the inferred credit of %s names decision %s before its document: %q", c.page, key, tg.Plan.Number, c.text)
	}
}

// states reports whether a results row states a share or gap of indicator id.
func states(row load.Row, id string) bool {
	for _, fs := range [][]load.Figure{row.Shares, row.Gaps} {
		for _, f := range fs {
			if f.Key.V == id {
				return true
			}
		}
	}
	return false
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
