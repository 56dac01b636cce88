package browsertest

import (
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/BurntSushi/toml"
)

// indicator is an entry of a site's data/indicators.toml, with the names a page shows.
type indicator struct {
	ID      string `toml:"id"`
	Name    string `toml:"name"`
	NameEN  string `toml:"name_en"`
	Short   string `toml:"short"`
	ShortEN string `toml:"short_en"`
}

var (
	indicatorsMu    sync.Mutex
	indicatorsCache = map[string][]indicator{}
)

// indicatorsOf reads the indicators of the site built from source, once per source.
func indicatorsOf(t testing.TB, s *site) []indicator {
	t.Helper()
	indicatorsMu.Lock()
	defer indicatorsMu.Unlock()
	if inds, ok := indicatorsCache[s.source]; ok {
		return inds
	}
	var file struct {
		Indicator []indicator `toml:"indicator"`
	}
	if _, err := toml.DecodeFile(filepath.Join(s.source, "data", "indicators.toml"), &file); err != nil {
		t.Fatalf("%s: %v", s.name, err)
	}
	indicatorsCache[s.source] = file.Indicator
	return file.Indicator
}

// hasVietnameseLetter reports whether s has a letter outside ASCII (ư, đ, ộ…).
func hasVietnameseLetter(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r > unicode.MaxASCII && unicode.IsLetter(r) }) >= 0
}

var cardTitle = regexp.MustCompile(`<li class="card"[^>]*><h3>([^<]*)</h3>`)

// TestIndicatorsInEnglish: every indicator of data/indicators.toml has an English name and
// short name; the English methodology page's glossary gives both; and on every locality
// and plan page the English headline cards are titled with the English short names of the
// Vietnamese page's cards, in the same order, every indicator on some page.
func TestIndicatorsInEnglish(t *testing.T) {
	inds := indicatorsOf(t, example)
	if len(inds) < 10 {
		t.Fatalf("data/indicators.toml lists %d indicators", len(inds))
	}
	byShort := map[string]indicator{}
	for _, ind := range inds {
		if strings.TrimSpace(ind.NameEN) == "" || strings.TrimSpace(ind.ShortEN) == "" {
			t.Errorf("indicator %q has no English name or short name (name_en %q, short_en %q)", ind.ID, ind.NameEN, ind.ShortEN)
		}
		for _, en := range []string{ind.NameEN, ind.ShortEN} {
			if hasVietnameseLetter(en) {
				t.Errorf("indicator %q: the English name %q is written in Vietnamese", ind.ID, en)
			}
		}
		if _, dup := byShort[ind.Short]; dup {
			t.Errorf("two indicators have the short name %q", ind.Short)
		}
		byShort[ind.Short] = ind
	}

	read := func(page string) string {
		b, err := os.ReadFile(pageFile(example, page))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	glossary := read("/en/phuong-phap/")
	if i := strings.Index(glossary, `id="thuat-ngu"`); i >= 0 {
		glossary = glossary[i:]
	} else {
		t.Error("/en/phuong-phap/: no glossary (#thuat-ngu)")
	}
	for _, ind := range inds {
		want := "<dfn>" + html.EscapeString(ind.ShortEN) + "</dfn> — " + html.EscapeString(ind.NameEN)
		if !strings.Contains(glossary, want) {
			t.Errorf("/en/phuong-phap/: the glossary lacks %q", want)
		}
	}

	onCards := map[string]int{}
	pages := 0
	for _, page := range pagesOf(t, example) {
		if langOf(page) != "vi" || !(strings.HasPrefix(page, "/dia-phuong/") || strings.HasPrefix(page, "/ke-hoach/")) {
			continue
		}
		var vi, en []string
		for _, m := range cardTitle.FindAllStringSubmatch(read(page), -1) {
			vi = append(vi, html.UnescapeString(m[1]))
		}
		for _, m := range cardTitle.FindAllStringSubmatch(read(counterpart(page)), -1) {
			en = append(en, html.UnescapeString(m[1]))
		}
		if len(vi) == 0 {
			continue
		}
		pages++
		var want []string
		for _, v := range vi {
			ind, ok := byShort[v]
			if !ok {
				t.Errorf("%s: card title %q is no indicator's short name", page, v)
				continue
			}
			want = append(want, ind.ShortEN)
			onCards[ind.ID]++
		}
		if !slices.Equal(en, want) {
			t.Errorf("%s: English card titles %q, want %q", counterpart(page), en, want)
		}
	}
	for _, ind := range inds {
		if onCards[ind.ID] == 0 {
			t.Errorf("indicator %q (%s) heads no card on any locality or plan page; the check of its English card title never ran", ind.ID, ind.ShortEN)
		}
	}
	if pages < 20 {
		t.Errorf("only %d pages with headline cards", pages)
	}
}

// leakJS lists the text on the page that holds one of the given names as a whole word,
// outside what is marked Vietnamese (lang="vi") and outside editors' Markdown (.prose),
// which may explain the Vietnamese terms. Chart descriptions (aria-label) count too.
const leakJS = `((names) => {
  const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp('(?:^|[^\\p{L}\\p{N}])(' + names.map(esc).join('|') + ')(?=$|[^\\p{L}\\p{N}])', 'u');
  const skip = (el) => el.closest('[lang="vi"], .prose, script, style');
  const hits = [];
  const add = (el, text) => {
    const m = re.exec(text);
    if (m) hits.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '') + ': ' + JSON.stringify(m[1]) + ' in ' + JSON.stringify(text.trim().slice(0, 100)));
  };
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    if (!skip(n.parentElement)) add(n.parentElement, n.textContent);
  }
  for (const el of document.querySelectorAll('[aria-label]')) {
    if (!skip(el)) add(el, el.getAttribute('aria-label'));
  }
  return hits;
})(%s)`

// checkEnglishIndicators: an English page names no indicator by a Vietnamese short name
// that has an English one ("BHYT" where "HI" exists).
func checkEnglishIndicators(t *testing.T, tb *tab, page string) {
	t.Helper()
	var names []string
	for _, ind := range indicatorsOf(t, tb.site) {
		if ind.ShortEN != "" && ind.ShortEN != ind.Short {
			names = append(names, ind.Short)
		}
	}
	if len(names) == 0 {
		return
	}
	// Longest first, so "BHXH tự nguyện" is reported as itself, not as "BHXH".
	slices.SortFunc(names, func(a, b string) int { return len(b) - len(a) })
	js, err := json.Marshal(names)
	if err != nil {
		t.Fatal(err)
	}
	var hits []string
	tb.eval(t, fmt.Sprintf(leakJS, js), &hits)
	for _, h := range hits {
		t.Errorf("%s: a Vietnamese indicator name on the English page: %s", page, h)
	}
}
