package browsertest

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/BurntSushi/toml"
)

// These tests read files only; they need no browser.

var themeDir = filepath.Join("..", "..", "themes", "default")

func loadStrings(t *testing.T, lang string) map[string]string {
	t.Helper()
	m := map[string]string{}
	if _, err := toml.DecodeFile(filepath.Join(themeDir, "i18n", lang+".toml"), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

var verb = regexp.MustCompile(`%(\[(\d+)\])?[-+# 0]*\d*(\.\d+)?([a-zA-Z%])`)

// argsUsed is the number of arguments a format string reads: "%s của %s" → 2,
// "%[4]s %[3]s" → 4.
func argsUsed(format string) int {
	n, next := 0, 1
	for _, m := range verb.FindAllStringSubmatch(format, -1) {
		if m[4] == "%" {
			continue
		}
		i := next
		if m[2] != "" {
			i, _ = strconv.Atoi(m[2])
		}
		n = max(n, i)
		next = i + 1
	}
	return n
}

// TestUIStringsMatch: vi.toml and en.toml have the same keys, and each pair of strings
// takes the same number of arguments, so no page shows "%!s(MISSING)" or drops a figure.
func TestUIStringsMatch(t *testing.T) {
	vi, en := loadStrings(t, "vi"), loadStrings(t, "en")
	for k := range vi {
		if _, ok := en[k]; !ok {
			t.Errorf("key %q is in vi.toml but not in en.toml", k)
		}
	}
	for k := range en {
		if _, ok := vi[k]; !ok {
			t.Errorf("key %q is in en.toml but not in vi.toml", k)
		}
	}
	for k, v := range vi {
		if e, ok := en[k]; ok && argsUsed(v) != argsUsed(e) {
			t.Errorf("key %q: vi takes %d arguments (%q), en %d (%q)", k, argsUsed(v), v, argsUsed(e), e)
		}
		if strings.TrimSpace(v) == "" {
			t.Errorf("key %q is empty in vi.toml", k)
		}
	}
	if len(vi) < 100 {
		t.Errorf("vi.toml has only %d strings", len(vi))
	}
}

// TestLayoutsUseKnownStrings: every string a layout asks for by name exists.
func TestLayoutsUseKnownStrings(t *testing.T) {
	vi := loadStrings(t, "vi")
	call := regexp.MustCompile(`\bT "([^"]+)"`)
	n := 0
	walkLayouts(t, func(name, src string) {
		for _, m := range call.FindAllStringSubmatch(src, -1) {
			n++
			if _, ok := vi[m[1]]; !ok {
				t.Errorf("%s asks for string %q, which i18n/vi.toml lacks", name, m[1])
			}
		}
	})
	if n < 50 {
		t.Errorf("found only %d T calls in the layouts", n)
	}
}

func walkLayouts(t *testing.T, fn func(name, src string)) {
	t.Helper()
	err := filepath.WalkDir(filepath.Join(themeDir, "layouts"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fn(filepath.Base(p), string(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestLayoutsHaveNoUIText: the words a reader sees come from i18n/*.toml, never from a
// layout. Outside template actions a layout may only hold markup, punctuation, file
// format names and file names.
func TestLayoutsHaveNoUIText(t *testing.T) {
	allowed := map[string]bool{"Atom": true, "CSV": true, "JSON": true, "covsite": true, "csv": true, "json": true, "du": true, "lieu": true}
	action := regexp.MustCompile(`(?s)\{\{.*?\}\}`)
	tag := regexp.MustCompile(`(?s)<[^>]*>`)
	attr := regexp.MustCompile(`\b(?:aria-label|aria-description|placeholder|title|alt|data-none|data-count|data-chart-label)="([^"]*)"`)
	word := regexp.MustCompile(`[^\W\d_]+`)
	walkLayouts(t, func(name, src string) {
		src = action.ReplaceAllString(src, " ")
		var texts []string
		for _, m := range attr.FindAllStringSubmatch(src, -1) {
			texts = append(texts, m[1])
		}
		texts = append(texts, tag.ReplaceAllString(src, " "))
		for _, text := range texts {
			for _, w := range word.FindAllString(text, -1) {
				if !allowed[w] {
					t.Errorf("%s: %q is written in the layout; put UI text in i18n/vi.toml and en.toml", name, w)
				}
			}
		}
	})
}

// placeholder is what internal/i18n's T returns for a key the language lacks: "[key]" or
// "[locality.headlines]".
var placeholder = regexp.MustCompile(`\[[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*\]`)

var scriptElement = regexp.MustCompile(`(?s)<script\b.*?</script>`)

// TestNoMissingStringMarker: no built page, feed or index of either site carries the
// marker of a missing UI string.
func TestNoMissingStringMarker(t *testing.T) {
	files := 0
	for _, s := range []*site{example, fixture} {
		err := filepath.WalkDir(s.dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !slices.Contains([]string{".html", ".xml", ".json"}, filepath.Ext(p)) {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			files++
			text := string(b)
			if filepath.Ext(p) == ".html" {
				text = scriptElement.ReplaceAllString(text, "")
			}
			for _, m := range placeholder.FindAllString(text, -1) {
				rel, _ := filepath.Rel(s.dir, p)
				t.Errorf("%s %s: missing UI string %s", s.name, rel, m)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if files < 150 {
		t.Errorf("checked only %d files", files)
	}
	// The check must catch the marker it looks for.
	if got := placeholder.FindString(fmt.Sprintf("x [%s] y", "locality.headlines")); got == "" {
		t.Error("the marker pattern misses [locality.headlines]")
	}
}

// TestGlossaryInBothLanguages: the methodology page ends with a glossary of every
// indicator and the terms of the site, each with its name in the other language.
func TestGlossaryInBothLanguages(t *testing.T) {
	for _, c := range []struct{ page, own, other string }{
		{"phuong-phap/index.html", "Bảo hiểm y tế", "Health insurance"},
		{"en/phuong-phap/index.html", "Health insurance", "Bảo hiểm y tế"},
	} {
		b, err := os.ReadFile(filepath.Join(example.dir, c.page))
		if err != nil {
			t.Fatal(err)
		}
		html := string(b)
		i := strings.Index(html, `id="thuat-ngu"`)
		if i < 0 {
			t.Errorf("%s: no glossary section (#thuat-ngu)", c.page)
			continue
		}
		glossary := html[i:]
		if n := strings.Count(glossary, `class="glossary__item"`); n < 20 {
			t.Errorf("%s: the glossary has %d entries, want every indicator and term", c.page, n)
		}
		if !strings.Contains(glossary, c.own) || !strings.Contains(glossary, c.other) {
			t.Errorf("%s: the glossary does not name BHYT as %q and %q", c.page, c.own, c.other)
		}
	}
}

// jsStrings returns the string literals of a JavaScript source, escapes decoded, skipping
// comments. Regular expression literals are read as code, which is enough for the
// theme's scripts: none holds a quote.
func jsStrings(src string) ([]string, error) {
	var out []string
	for i := 0; i < len(src); i++ {
		switch c := src[i]; {
		case strings.HasPrefix(src[i:], "//"):
			j := strings.IndexByte(src[i:], '\n')
			if j < 0 {
				return out, nil
			}
			i += j
		case strings.HasPrefix(src[i:], "/*"):
			j := strings.Index(src[i+2:], "*/")
			if j < 0 {
				return nil, fmt.Errorf("unclosed comment at byte %d", i)
			}
			i += j + 3
		case c == '\'' || c == '"' || c == '`':
			var b strings.Builder
			j := i + 1
			for ; j < len(src) && src[j] != c; j++ {
				if src[j] != '\\' {
					b.WriteByte(src[j])
					continue
				}
				j++
				if j >= len(src) {
					break
				}
				switch e := src[j]; e {
				case 'u':
					hex := ""
					if strings.HasPrefix(src[j+1:], "{") {
						k := strings.IndexByte(src[j:], '}')
						hex, j = src[j+2:j+k], j+k
					} else if j+4 < len(src) {
						hex, j = src[j+1:j+5], j+4
					}
					r, err := strconv.ParseUint(hex, 16, 32)
					if err != nil {
						return nil, fmt.Errorf("escape \\u%s at byte %d: %v", hex, j, err)
					}
					b.WriteRune(rune(r))
				case 'n', 't', 'r':
					b.WriteByte(' ')
				default:
					b.WriteByte(e)
				}
			}
			if j >= len(src) {
				return nil, fmt.Errorf("unclosed string at byte %d", i)
			}
			out = append(out, b.String())
			i = j
		}
	}
	return out, nil
}

// TestScriptsHaveNoUIText: the theme's scripts carry no words a reader sees, in either
// language; the layouts hand them over in data attributes filled from i18n/*.toml
// (data-chart-label, data-none, data-count). A string literal fails when it holds a letter
// outside ASCII (Vietnamese, even written as \u escapes), a capitalised word ("Chart") or
// words separated by spaces, unless it is one of the technical strings listed here.
func TestScriptsHaveNoUIText(t *testing.T) {
	technical := map[string]bool{
		"use strict": true, "(prefers-color-scheme: dark)": true, "li a": true, // directive, media query, selector
		"Enter": true, "Escape": true, "ArrowUp": true, "ArrowDown": true, "Home": true, "End": true, // KeyboardEvent.key values
		"DOMContentLoaded": true, "NFD": true, "UTC": true, "EN": true, "VI": true, // event, normal form, time zone, ECharts locales
	}
	capitalised := regexp.MustCompile(`\b[A-Z][a-z]+\b`)
	spacedWords := regexp.MustCompile(`[A-Za-z]{2,}\s+[A-Za-z]{2,}`)
	dir := filepath.Join(themeDir, "static", "js")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files, literals := 0, 0
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".js") || strings.HasPrefix(name, "echarts") { // the vendored bundle is checked by make echarts-check
			continue
		}
		files++
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		lits, err := jsStrings(string(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		literals += len(lits)
		for _, s := range lits {
			if technical[s] {
				continue
			}
			switch {
			case strings.IndexFunc(s, func(r rune) bool { return r > unicode.MaxASCII && unicode.IsLetter(r) }) >= 0:
				t.Errorf("%s: string %q has words in a language; take it from the page (a data attribute filled by {{T …}})", name, s)
			case capitalised.MatchString(s) || spacedWords.MatchString(s):
				t.Errorf("%s: string %q looks like UI text; take it from the page (a data attribute filled by {{T …}})", name, s)
			}
		}
	}
	if files < 2 {
		t.Errorf("checked %d scripts, want charts.js and search.js", files)
	}
	if literals < 20*files/2 { // map.js is small; charts.js alone has hundreds
		t.Errorf("found only %d string literals in %d scripts; is the scanner broken?", literals, files)
	}
	// The check must see what it looks for.
	lits, err := jsStrings(`var a = 'Bi\u1EC3u \u0111\u1ED3'; // 'Chart'` + "\n" + `/* "Chart" */ var b = "Chart";`)
	if err != nil || !slices.Equal(lits, []string{"Biểu đồ", "Chart"}) {
		t.Errorf("jsStrings reads %q, %v", lits, err)
	}
}
