package render

import (
	"bytes"
	"html/template"
	"os"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/covsite/covsite/internal/render/asset"
	"github.com/covsite/covsite/internal/view"
)

// untranslatedPlans is the example site with its plans' and sources' English titles and
// its plans' English issuers taken out, as many offices' documents come: the English pages
// then name them in Vietnamese.
func untranslatedPlans(t *testing.T) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	for _, dir := range []string{"data/plans", "data/results"} {
		files, err := os.ReadDir(path.Join("../..", dir))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			b, err := os.ReadFile(path.Join("../..", dir, f.Name()))
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(string(b), "\n")
			lines = slices.DeleteFunc(lines, func(l string) bool {
				return strings.HasPrefix(l, "title_en") || strings.HasPrefix(l, "issuer_en")
			})
			out[dir+"/"+f.Name()] = &fstest.MapFile{Data: []byte(strings.Join(lines, "\n"))}
		}
	}
	return out
}

// TestVietnameseOnlyNamesMarked: on every English page, the Vietnamese a page prints for
// want of English — a plan's title without title_en, its issuer without issuer_en, a
// source's title without title_en and its publisher (the data has no English name for
// it) — is in an element marked
// lang="vi", so a screen reader reads it with Vietnamese rules; wherever a page names it:
// the locality, plan, update and list pages, the sources and credits, the rankings, the
// embeds. The page's <title> and attributes cannot carry a language and are left out.
func TestVietnameseOnlyNamesMarked(t *testing.T) {
	r := rendererOf(t, asset.Overlay{Upper: untranslatedPlans(t), Lower: os.DirFS("../..")}, "/")
	var names []string
	for _, p := range r.site.Plans {
		names = append(names, p.Title.VI, p.Issuer.VI)
	}
	for _, s := range r.site.Sources {
		names = append(names, s.Publisher, s.Title.VI)
	}
	names = slices.Compact(slices.Sorted(slices.Values(names)))
	pages := allPages(t, r)
	found := 0
	for p, b := range pages {
		if !strings.HasPrefix(p, "en/") || !strings.HasSuffix(p, ".html") {
			continue
		}
		doc, err := html.Parse(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for text, marked := range texts(doc) {
			for _, name := range names {
				if !strings.Contains(text, name) {
					continue
				}
				found++
				if !marked {
					t.Errorf("%s: %q is not marked lang=\"vi\" in %q", p, name, text)
				}
			}
		}
	}
	if found < 20 {
		t.Errorf("the English pages name the plans' titles and issuers and the publishers %d times, want many more", found)
	}
}

// texts yields each text of the page's body outside scripts and the Markdown an update or
// page's author wrote (what an article.prose holds besides its header and footer), and
// whether an element around it says it is Vietnamese.
func texts(doc *html.Node) func(yield func(string, bool) bool) {
	return func(yield func(string, bool) bool) {
		var walk func(n *html.Node, vi bool) bool
		walk = func(n *html.Node, vi bool) bool {
			if n.Type == html.ElementNode {
				switch n.DataAtom {
				case atom.Script, atom.Style, atom.Title, atom.Head:
					return true
				}
				if p := n.Parent; p != nil && p.DataAtom == atom.Article && n.DataAtom != atom.Header && n.DataAtom != atom.Footer {
					return true // the author's Markdown
				}
				for _, a := range n.Attr {
					if a.Key == "lang" {
						vi = a.Val == "vi"
					}
				}
			}
			if n.Type == html.TextNode && !yield(n.Data, vi) {
				return false
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if !walk(c, vi) {
					return false
				}
			}
			return true
		}
		walk(doc, false)
	}
}

// A site's own layout written when a view's credit, meta or notes were texts prints a
// line as its words, escaped, not Go's notation of its pieces; the "line" function prints
// it as the compiled pages do, marks and links included.
func TestLayoutsPrintLines(t *testing.T) {
	l := view.Line{{Text: "Theo "}, {Text: "Ban <Chỉ đạo>", Lang: "vi"}, {Text: "49/KH", URL: "/ke-hoach/49/"}}
	for _, tt := range []struct{ layout, want string }{
		{`<p>{{.}}</p>`, `<p>Theo Ban &lt;Chỉ đạo&gt;49/KH</p>`},
		{`<p>{{line .}}</p>`, `<p>Theo <span lang="vi">Ban &lt;Chỉ đạo&gt;</span><a href="/ke-hoach/49/">49/KH</a></p>`},
	} {
		tpl := template.Must(template.New("").Funcs(template.FuncMap{"line": lineHTML}).Parse(tt.layout))
		var b strings.Builder
		if err := tpl.Execute(&b, l); err != nil {
			t.Fatal(err)
		}
		if b.String() != tt.want {
			t.Errorf("%s printed %q, want %q", tt.layout, b.String(), tt.want)
		}
	}
}
