package render

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	htmlpkg "html"
	"io"
	"math"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/covsite/covsite/internal/render/asset"
	"github.com/covsite/covsite/internal/view"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/i18n"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/render/download"
	"github.com/covsite/covsite/internal/routes"
	"github.com/covsite/covsite/themes"
)

// Output safety (issue 3): names from data are text, never markup; Markdown runs nothing;
// every page carries the Content-Security-Policy; unknown rates show "—".

const (
	xssScript = `</script><script>alert(1)</script>`
	xssAttr   = `"><img src=x onerror=alert(2)>`
	xss       = xssScript + xssAttr
)

// hostileSite names everything a page shows after the payloads, links its documents to
// javascript: URLs and writes raw HTML in its Markdown. It must still be a valid site.
func hostileSite() fstest.MapFS {
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) } // a TOML basic string
	x := q(xss)
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	return fstest.MapFS{
		"data/site.toml": file("title = " + x + "\ntitle_en = " + x + "\ndescription = " + x + "\npublisher = " + x + "\n"),
		"data/indicators.toml": file(`[[indicator]]
id = "bhyt"
name = ` + x + `
name_en = ` + x + `
short = ` + x + `
short_en = ` + x + `
unit = "people"
denominator = "population"
description = ` + x + `

[[indicator]]
id = "hoi-nghi"
name = ` + x + `
unit = "count"
noun = ` + x + `
noun_en = ` + x + "\n"),
		"data/localities/a.toml": file(`[[locality]]
id = "viet-nam"
name = ` + x + `
kind = "quoc-gia"

[[locality]]
id = "tinh-a"
name = ` + x + `
name_en = ` + x + `
kind = "tinh"
parent = "viet-nam"
note = ` + x + `

[[locality]]
id = "xa-b"
name = ` + q(xssAttr+"B") + `
kind = "xa"
parent = "tinh-a"
until = 2024-12-31
successor = "xa-c"

[[locality]]
id = "xa-c"
name = ` + q(xssScript+"C") + `
kind = "xa"
parent = "tinh-a"
`),
		"data/denominators/a.toml": file(`[[denominator]]
locality = "tinh-a"
year = 2023
source = ` + x + `
population = 1_000_000
`),
		"data/plans/ke-hoach-x.toml": file(`number = ` + x + `
title = ` + x + `
title_en = ` + x + `
issuer = ` + x + `
issuer_en = ` + x + `
signer = ` + x + `
url = "javascript:alert(3)"
based_on = [` + x + `]
summary = ` + x + `
summary_en = ` + x + `
locality = "tinh-a"
period = "2023"

[[target]]
locality = "tinh-a"
bhyt = 950_000
rate.bhyt = 95
note = ` + x + `

[[target]]
locality = "xa-b"
bhyt = 500_000

[[target]]
locality = "xa-c"
bhyt = 440_000

[[target]]
locality = "xa-b"
period = "2023-03/2023-12"
per = "month"
hoi-nghi = 1
note = ` + x + `

[[milestone]]
indicator = "bhyt"
by = 2023-06-30
share = 90
note = ` + x + `
`),
		"data/results/bao-cao-x.toml": file(`[source]
title = ` + x + `
title_en = ` + x + `
kind = "report"
published = 2023-07-10
publisher = ` + x + `
url = "JaVaScRiPt:alert(4)"
note = ` + x + `

[[result]]
locality = "tinh-a"
as_of = 2023-03-31
bhyt = 850_000
note = ` + x + `

[[result]]
locality = "tinh-a"
as_of = 2023-06-30
plan = "ke-hoach-x"
bhyt = 900_000
share.bhyt = 94.74
note = ` + x + `

[[result]]
locality = "xa-b"
as_of = 2023-06-30
bhyt = 480_000

[[result]]
locality = "xa-c"
as_of = 2023-06-30
bhyt = 420_000

[[below_average]]
parent = "tinh-a"
indicator = "bhyt"
as_of = 2023-06-30
localities = ["xa-b"]
note = ` + x + `
`),
		"content/updates/2023-07-10-tin.md":    file("+++\ntitle = " + x + "\ndate = 2023-07-10\nlocalities = [\"tinh-a\"]\nplans = [\"ke-hoach-x\"]\nsummary = " + x + "\n+++\n\n" + hostileMarkdown),
		"content/updates/2023-07-10-tin.en.md": file("+++\ntitle = " + x + "\ndate = 2023-07-10\nsummary = " + x + "\n+++\n\n" + hostileMarkdown),
		"content/gioi-thieu.md":                file("+++\ntitle = " + x + "\ndate = 2023-07-10\n+++\n\n" + hostileMarkdown),
	}
}

const hostileMarkdown = `# ` + xss + `

<script>alert(5)</script>

Text <img src=x onerror=alert(6)> and <a href="javascript:alert(7)">a link</a>.

[one](javascript:alert(8)) [two](JaVaScRiPt:alert(9)) [three](&#106;avascript:alert(10))
[four](javascript&colon;alert(11)) [five](<javascript:alert(12)>) [six][ref] <javascript:alert(13)>
[seven](data:text/html;base64,PHNjcmlwdD5hbGVydCgxNCk8L3NjcmlwdD4=) [eight](vbscript:msgbox(15))
[nine](  javascript:alert(16)) ![ten](javascript:alert(17))

[ref]: javascript:alert(18)

<iframe src="javascript:alert(19)"></iframe>
`

func renderSite(t testing.TB, fsys fstest.MapFS) (*Renderer, *model.Site) {
	t.Helper()
	raw, diags := load.Load(fsys)
	site, more := model.Build(raw)
	diags.Merge(more)
	// The hostile fixture holds links check refuses (unsafe-link, bad-url): the renderer
	// must stay safe with them anyway, should they ever get past check.
	errs := &diag.List{}
	for _, d := range diags.Items() {
		if d.Code != diag.UnsafeLink && d.Code != diag.BadURL {
			errs.Add(d)
		}
	}
	if err := errs.Err("en"); err != nil {
		t.Fatalf("fixture site has errors:\n%v", err)
	}
	r, err := New(site, Options{BaseURL: "/", Theme: asset.Overlay{Lower: themes.Default()}})
	if err != nil {
		t.Fatal(err)
	}
	return r, site
}

// allPages renders every output file.
func allPages(t *testing.T, r *Renderer) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, p := range r.Pages() {
		b, err := p.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		out[p.Path] = b
	}
	return out
}

var (
	scriptOpen = regexp.MustCompile(`(?i)<script\b`)
	// The only scripts a page may hold: the theme's files, and JSON data islands.
	themeScript = regexp.MustCompile(`<script defer src="/js/[a-z0-9.-]+\.js"></script>`)
	jsonIsland  = regexp.MustCompile(`(?s)<script type="application/json" id="[a-z0-9-]+">(.*?)</script>`)
	cspMeta     = regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`)
	// A start tag, its attributes with their quoted or bare values.
	startTag  = regexp.MustCompile(`<[a-zA-Z][a-zA-Z0-9-]*((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>` + "`" + `]+))?)*)\s*/?>`)
	attribute = regexp.MustCompile(`([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>` + "`" + `]+))?`)
)

// unsafeMarkup finds, in the real tags of an HTML page (not in escaped text or attribute
// values), an event handler attribute or a URL attribute that runs script.
func unsafeMarkup(page []byte) string {
	for _, tag := range startTag.FindAllSubmatch(page, -1) {
		for _, a := range attribute.FindAllSubmatch(tag[1], -1) {
			name := strings.ToLower(string(a[1]))
			value := strings.ToLower(strings.TrimSpace(htmlpkg.UnescapeString(strings.Trim(string(a[2]), `"'`))))
			value = strings.Map(func(r rune) rune {
				if r < ' ' {
					return -1 // browsers ignore control characters in URLs
				}
				return r
			}, value)
			switch {
			case strings.HasPrefix(name, "on"):
				return string(tag[0])
			case urlAttr[name] && (strings.HasPrefix(value, "javascript:") || strings.HasPrefix(value, "vbscript:") || strings.HasPrefix(value, "data:text")):
				return string(tag[0])
			}
		}
	}
	return ""
}

var urlAttr = map[string]bool{"href": true, "src": true, "action": true, "formaction": true, "xlink:href": true, "poster": true, "data": true}

// checkScripts fails unless every <script of an HTML page is a theme script or a JSON
// island without "</", and returns how many islands there were.
func checkScripts(t *testing.T, path string, page []byte) int {
	t.Helper()
	islands := 0
	for _, m := range jsonIsland.FindAllSubmatch(page, -1) {
		islands++
		if bytes.Contains(m[1], []byte("</")) {
			t.Errorf("%s: a JSON island holds a literal \"</\": %.120s", path, m[1])
		}
		var v any
		if err := json.Unmarshal(m[1], &v); err != nil {
			t.Errorf("%s: a JSON island is not JSON: %v", path, err)
		}
	}
	allowed := len(themeScript.FindAll(page, -1)) + islands
	if n := len(scriptOpen.FindAll(page, -1)); n != allowed {
		t.Errorf("%s: %d <script elements, only %d are the theme's or data islands", path, n, allowed)
	}
	return islands
}

// checkCSP fails unless the page's head starts with a CSP that allows scripts from the site
// only, before any script or style.
func checkCSP(t *testing.T, path string, page []byte) {
	t.Helper()
	metas := cspMeta.FindAllSubmatchIndex(page, -1)
	if len(metas) != 1 {
		t.Errorf("%s: %d Content-Security-Policy meta elements, want 1", path, len(metas))
		return
	}
	csp := string(page[metas[0][2]:metas[0][3]])
	for _, want := range []string{"script-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'self'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("%s: CSP %q lacks %s", path, csp, want)
		}
	}
	for _, bad := range []string{"unsafe-inline", "unsafe-eval", "*", "data: 'self'; script", "http:"} {
		if strings.Contains(csp, bad) {
			t.Errorf("%s: CSP %q allows %s", path, csp, bad)
		}
	}
	if first := scriptOpen.FindIndex(page); first != nil && first[0] < metas[0][0] {
		t.Errorf("%s: a script comes before the CSP", path)
	}
	if bytes.Contains(bytes.ToLower(page), []byte("<style")) {
		t.Errorf("%s: an inline <style> element, which style-src 'self' blocks", path)
	}
}

func TestHostileNamesRunNothing(t *testing.T) {
	r, _ := renderSite(t, hostileSite())
	pages := allPages(t, r)
	islands, html := 0, 0
	for path, page := range pages {
		switch {
		case strings.HasSuffix(path, ".html"):
			html++
			islands += checkScripts(t, path, page)
			checkCSP(t, path, page)
			if m := unsafeMarkup(page); m != "" {
				t.Errorf("%s: a tag that can run script: %s", path, m)
			}
			if bytes.Contains(page, []byte("<img src=x")) || bytes.Contains(page, []byte("<iframe")) {
				t.Errorf("%s: the payload's markup reached the page", path)
			}
		case strings.HasSuffix(path, ".json"):
			var v any
			if err := json.Unmarshal(page, &v); err != nil {
				t.Errorf("%s: not JSON: %v", path, err)
			}
			if scriptOpen.Match(page) {
				t.Errorf("%s: an unescaped <script in JSON", path)
			}
		case strings.HasSuffix(path, ".xml"):
			if err := wellFormedXML(page); err != nil {
				t.Errorf("%s: %v", path, err)
			}
			if scriptOpen.Match(page) {
				t.Errorf("%s: an unescaped <script in XML", path)
			}
		}
	}
	if html < 15 || islands == 0 {
		t.Fatalf("the fixture renders %d HTML pages and %d data islands: the test would prove nothing", html, islands)
	}
	// The payload is shown, as text, where the name belongs.
	for _, path := range []string{"dia-phuong/tinh-a/index.html", "ke-hoach/ke-hoach-x/index.html", "tin-tuc/tin/index.html", "en/dia-phuong/tinh-a/index.html"} {
		if !bytes.Contains(pages[path], []byte("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;")) {
			t.Errorf("%s: the name is not shown as escaped text", path)
		}
	}
}

func wellFormedXML(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		if _, err := d.Token(); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
}

// The example site holds to the same rules on every page.
func TestExampleSitePagesAreSafe(t *testing.T) {
	pages := allPages(t, exampleRenderer(t))
	n := 0
	for path, page := range pages {
		if !strings.HasSuffix(path, ".html") {
			continue
		}
		n++
		checkScripts(t, path, page)
		checkCSP(t, path, page)
		if m := unsafeMarkup(page); m != "" {
			t.Errorf("%s: a tag that can run script: %s", path, m)
		}
	}
	if n < 50 {
		t.Fatalf("only %d HTML pages", n)
	}
}

func TestMarkdownRunsNothing(t *testing.T) {
	r, _ := renderSite(t, hostileSite())
	tests := []struct {
		name, src string
		keep      string // text that must remain
	}{
		{"javascript link", "[one](javascript:alert(1))", "one"},
		{"mixed case", "[two](JaVaScRiPt:alert(1))", "two"},
		{"entity-encoded", "[three](&#106;avascript:alert(1))", "three"},
		{"hex entity", "[four](&#x6A;avascript:alert(1))", "four"},
		{"named entity colon", "[five](javascript&colon;alert(1))", "five"},
		{"tab inside", "[six](java&#x09;script:alert(1))", "six"},
		{"angle brackets", "[seven](<javascript:alert(1)>)", "seven"},
		{"leading spaces", "[eight](  javascript:alert(1))", "eight"},
		{"reference link", "[nine][r]\n\n[r]: javascript:alert(1)", "nine"},
		{"reference, mixed case", "[ten][r]\n\n[r]: <JAVASCRIPT:alert(1)>", "ten"},
		{"autolink", "<javascript:alert(1)>", "alert(1)"},
		{"autolink mixed case", "<JaVaScRiPt:alert(1)>", "alert(1)"},
		{"data URL", "[eleven](data:text/html;base64,PHNjcmlwdD4=)", "eleven"},
		{"vbscript", "[twelve](vbscript:msgbox(1))", "twelve"},
		{"image", "![thirteen](javascript:alert(1))", "thirteen"},
		{"nested in emphasis", "*[fourteen](javascript:alert(1))*", "fourteen"},
		{"raw script block", "<script>alert(1)</script>", ""},
		{"raw inline img", "x <img src=x onerror=alert(1)> y", "y"},
		{"raw anchor", `<a href="javascript:alert(1)">fifteen</a>`, "fifteen"},
		{"raw iframe", `<iframe src="https://example.org"></iframe>`, ""},
		{"raw svg", `<svg onload=alert(1)>`, ""},
		{"html comment", `<!-- <script>alert(1)</script> -->`, ""},
	}
	for _, tt := range tests {
		for _, lang := range i18n.Languages {
			out, err := r.renderMarkdown([]byte(tt.src), lang)
			if err != nil {
				t.Fatal(err)
			}
			s := string(out)
			low := strings.ToLower(s)
			if strings.Contains(low, "<script") || strings.Contains(low, "<iframe") || strings.Contains(low, "<svg") || strings.Contains(low, "<img src=x") {
				t.Errorf("%s (%s): raw HTML passed through: %s", tt.name, lang, s)
			}
			if m := unsafeMarkup([]byte(out)); m != "" || strings.Contains(low, `href="javascript`) {
				t.Errorf("%s (%s): a script URL or handler survived: %s", tt.name, lang, s)
			}
			if strings.Contains(low, "<a ") {
				t.Errorf("%s (%s): the unsafe link is still a link: %s", tt.name, lang, s)
			}
			if !strings.Contains(s, tt.keep) {
				t.Errorf("%s (%s): the text %q was lost: %s", tt.name, lang, tt.keep, s)
			}
		}
	}
}

// Safe links stay links, site paths under the base path and language.
func TestMarkdownKeepsSafeLinks(t *testing.T) {
	r, _ := renderSite(t, hostileSite())
	tests := []struct{ src, lang, want string }{
		{"[a](https://example.org/x?y=1)", "vi", `href="https://example.org/x?y=1"`},
		{"[a](http://example.org/)", "vi", `href="http://example.org/"`},
		{"[a](mailto:bao@example.org)", "vi", `href="mailto:bao@example.org"`},
		{"[a](/dia-phuong/tinh-a/)", "vi", `href="/dia-phuong/tinh-a/"`},
		{"[a](/dia-phuong/tinh-a/)", "en", `href="/en/dia-phuong/tinh-a/"`},
		{"[a](#muc-1)", "vi", `href="#muc-1"`},
		{"<https://example.org>", "vi", `href="https://example.org"`},
	}
	for _, tt := range tests {
		out, err := r.renderMarkdown([]byte(tt.src), tt.lang)
		if err != nil || !strings.Contains(string(out), tt.want) {
			t.Errorf("%s (%s) = %s, %v; want %s", tt.src, tt.lang, out, err, tt.want)
		}
	}
}

// A site path that is a file of no language (a locality's data file, a static file) keeps no
// language prefix on an English page — /en/… has nothing there — while a page, or a file
// each language has (a share card), gets it; an image of the site's own files shows, one
// from elsewhere shows as its description, never as an empty <img src="">.
func TestMarkdownLinksFilesAndImages(t *testing.T) {
	r, _ := renderSite(t, hostileSite())
	tests := []struct{ src, lang, want, not string }{
		{"[a](/dia-phuong/tinh-a/du-lieu.csv)", "en", `href="/dia-phuong/tinh-a/du-lieu.csv"`, "/en/"},
		{"[a](/dia-phuong/tinh-a/du-lieu.csv)", "vi", `href="/dia-phuong/tinh-a/du-lieu.csv"`, ""},
		{"[a](/dia-phuong/tinh-a/anh-chia-se.png)", "en", `href="/en/dia-phuong/tinh-a/anh-chia-se.png"`, ""},
		{"![Thẻ](/dia-phuong/tinh-a/anh-chia-se.png)", "en", `<img src="/en/dia-phuong/tinh-a/anh-chia-se.png" alt="Thẻ">`, ""},
		{"![Dữ liệu](/dia-phuong/tinh-a/du-lieu.csv#x)", "en", `<img src="/dia-phuong/tinh-a/du-lieu.csv#x"`, ""},
		{"![Biểu đồ ngoài](https://example.org/a.png)", "vi", "Biểu đồ ngoài", "<img"},
		{"![Biểu đồ tương đối](anh/a.png)", "vi", "Biểu đồ tương đối", "<img"},
	}
	for _, tt := range tests {
		out, err := r.renderMarkdown([]byte(tt.src), tt.lang)
		if err != nil || !strings.Contains(string(out), tt.want) || (tt.not != "" && strings.Contains(string(out), tt.not)) {
			t.Errorf("%s (%s) = %s, %v; want %s and no %q", tt.src, tt.lang, out, err, tt.want, tt.not)
		}
	}
}

// load.UnsafeLink, which warns the author, and the renderer, which drops the link, agree.
func TestLinkRulesAgree(t *testing.T) {
	for _, dest := range linkSamples {
		_, kept := safeDestination(dest, rootLink)
		if kept == load.UnsafeLink(dest) {
			t.Errorf("%q: the renderer keeps it = %v, check warns = %v", dest, kept, load.UnsafeLink(dest))
		}
	}
}

var linkSamples = []string{
	"https://example.org", "HTTP://EXAMPLE.ORG", "mailto:a@b.c", "/x/", "#x", "x/y", "./x", "../x",
	"javascript:alert(1)", "JaVaScRiPt:x", " javascript:x", "data:text/html,x", "vbscript:x", "file:///etc/passwd",
	"//example.org", "x:y", "tel:123", "", " ", "%6Aavascript:x", "java\tscript:x", "http://[::1", "ftp://x",
	"///evil.example/x", "/\\evil.example/x", "\\\\evil.example\\x", "//evil.example/x",
}

// A rate whose denominator is missing or zero shows "—", never 0 %, NaN or Inf.
func TestUnknownRatesShowADash(t *testing.T) {
	fsys := hostileSite()
	// tinh-a's population is known for another year only; xa-b and xa-c have none.
	fsys["data/denominators/a.toml"] = &fstest.MapFile{Data: []byte("[[denominator]]\nlocality = \"tinh-a\"\nyear = 2022\npopulation = 990_000\n")}
	r, site := renderSite(t, fsys)
	ind := site.Indicator("bhyt")
	for _, id := range []string{"tinh-a", "xa-b", "xa-c"} {
		res := site.LatestResult(site.Locality(id), ind)
		if res == nil {
			t.Fatalf("%s: no result in the fixture", id)
		}
		if rate := site.RateOf(res); rate.Known {
			t.Errorf("%s: rate %v is known without a usable denominator", id, rate.V)
		}
	}
	pages := allPages(t, r)
	for path, page := range pages {
		if strings.HasSuffix(path, ".js") || strings.HasSuffix(path, ".css") {
			continue
		}
		for _, bad := range []string{"NaN", "Inf", "+Inf", "∞"} {
			if bytes.Contains(page, []byte(bad)) {
				t.Errorf("%s contains %q", path, bad)
			}
		}
	}
	home := string(pages["index.html"])
	for _, cell := range []string{`<td class="num">0 %</td>`, `<td class="num">0,00 %</td>`, `<td class="num">0%</td>`} {
		if strings.Contains(home, cell) {
			t.Errorf("the home page shows %s for an unknown rate", cell)
		}
	}
	if !strings.Contains(home, `<td class="num">—</td>`) {
		t.Error("the home page's latest results show no — for the unknown rate")
	}
	var records []map[string]any
	if err := json.Unmarshal(pages["du-lieu/covsite.json"], &records); err != nil {
		var wrapped map[string]json.RawMessage
		if err2 := json.Unmarshal(pages["du-lieu/covsite.json"], &wrapped); err2 != nil {
			t.Fatalf("covsite.json: %v", err)
		}
	}
	for _, lang := range i18n.Languages {
		f := view.Format{Lang: r.langs[lang]}
		for _, n := range []model.Num{model.Unknown, {V: math.NaN(), Known: true}, {V: math.Inf(1), Known: false}} {
			for name, got := range map[string]string{
				"num": f.Num(n), "pct": f.Pct(n), "value": f.Value(ind, model.Unknown), "pp": f.Points(model.Unknown),
			} {
				if got != "—" {
					t.Errorf("%s %s(%v) = %q, want —", lang, name, n, got)
				}
			}
		}
	}
}

// A name typed in decomposed Unicode is found, sorted and compared like the same name
// typed composed.
func TestDecomposedNamesAgreeWithComposed(t *testing.T) {
	fsys := hostileSite()
	fsys["data/localities/b.toml"] = &fstest.MapFile{Data: []byte(
		"[[locality]]\nid = \"xa-duc\"\nname = \"Xa\u0303 \u0110u\u031b\u0301c\"\nkind = \"xa\"\nparent = \"tinh-a\"\n" +
			"[[locality]]\nid = \"xa-duong\"\nname = \"Xã Dương\"\nkind = \"xa\"\nparent = \"tinh-a\"\n")}
	raw, diags := load.Load(fsys)
	site, _ := model.Build(raw)
	for _, d := range diags.Items() {
		if d.Severity == diag.Error && d.Code != diag.UnsafeLink && d.Code != diag.BadURL { // the fixture's hostile links
			t.Fatalf("errors: %v", diags.Err("en"))
		}
	}
	duc := site.Locality("xa-duc")
	if duc.Name.VI != "Xã Đức" {
		t.Fatalf("name %q (% x) is not NFC", duc.Name, duc.Name)
	}
	if model.CompareLocalities(site.Locality("xa-duong"), duc) >= 0 { // Đ comes after D
		t.Error(`"Xã Dương" does not sort before "Xã Đức"`)
	}
	r, err := New(site, Options{BaseURL: "/", Theme: asset.Overlay{Lower: themes.Default()}})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range r.searchEntries() {
		if e.ID == "xa-duc" && !slices.Equal(download.Words(e.Name.VI), []string{"xa", "duc"}) {
			t.Errorf("search folds %q to %q, want xa duc", e.Name.VI, download.Words(e.Name.VI))
		}
	}
	shard, ok := r.Page(routes.SearchShard("d"))
	if !ok {
		t.Fatal("no search shard d")
	}
	b, err := shard.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(`"xa-duc"`)) {
		t.Errorf("the search shard of \"d\" lacks Xã Đức: %s", b)
	}
}

// FuzzMarkdownRunsNothing: no Markdown, however written, turns into markup that runs
// script — no <script>, <iframe>, <object>, <embed>, <svg>, event handler or script URL.
func FuzzMarkdownRunsNothing(f *testing.F) {
	f.Add(hostileMarkdown)
	for _, dest := range linkSamples {
		f.Add("[x](" + dest + ") <" + dest + "> ![y](" + dest + ")\n\n[r]: " + dest + "\n[z][r]")
	}
	for _, p := range []string{"../../content/gioi-thieu.md", "../../content/phuong-phap.md"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	r, _ := renderSite(f, hostileSite())
	f.Fuzz(func(t *testing.T, src string) {
		for _, lang := range i18n.Languages {
			out, err := r.renderMarkdown([]byte(src), lang)
			if err != nil {
				return
			}
			low := strings.ToLower(string(out))
			for _, tag := range []string{"<script", "<iframe", "<object", "<embed", "<svg", "<math", "<style", "<base", "<form", "<meta", "<link"} {
				if strings.Contains(low, tag) {
					t.Fatalf("%q renders %s: %s", src, tag, out)
				}
			}
			if m := unsafeMarkup([]byte(out)); m != "" {
				t.Fatalf("%q renders %s", src, m)
			}
		}
	})
}

// FuzzLinkRulesAgree: the check's warning and the renderer's rule never disagree about a
// link, so an author is warned exactly when a link will be dropped.
func FuzzLinkRulesAgree(f *testing.F) {
	for _, dest := range linkSamples {
		f.Add(dest)
	}
	f.Fuzz(func(t *testing.T, dest string) {
		if _, kept := safeDestination(dest, rootLink); kept == load.UnsafeLink(dest) {
			t.Fatalf("%q: the renderer keeps it = %v, check warns = %v", dest, kept, load.UnsafeLink(dest))
		}
	})
}

// rootLink is siteLink for a site at "/" in its default language: the path as it is.
func rootLink(p string) string { return p }
