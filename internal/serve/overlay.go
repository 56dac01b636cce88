package serve

import (
	"bytes"
	"fmt"
	"html/template"

	"github.com/covsite/covsite/internal/diag"
)

// problem is one line of the overlay: where and what, in one language.
type problem struct {
	Where, Message, Hint string
	Excerpt              string // the line and a caret under the mistake, when known
}

// overlayStrings are the overlay's own words. They are serve-only tooling, not part of the
// published site, so they live here rather than in the theme's i18n files.
var overlayStrings = map[string]map[string]string{
	"vi": {
		"title":   "Dữ liệu có lỗi — trang đang hiện bản dựng tốt gần nhất",
		"nobuild": "Dữ liệu có lỗi — chưa dựng được trang nào",
		// a mistake of the site's own layouts or strings files, not of its data
		"theme.title":   "Bố cục (layouts/, i18n/) của trang có lỗi — trang đang hiện bản dựng tốt gần nhất",
		"theme.nobuild": "Bố cục (layouts/, i18n/) của trang có lỗi — chưa dựng được trang này",
		"fix":           "Sửa các chỗ trên rồi lưu tệp; trang sẽ tự tải lại khi hết lỗi. Chạy covsite check để xem đủ danh sách.",
		"more":          "… và %d lỗi khác",
		"close":         "Ẩn thông báo",
	},
	"en": {
		"title":         "The data has errors — showing the last good build",
		"nobuild":       "The data has errors — no page could be built yet",
		"theme.title":   "A layout or strings file of the site (layouts/, i18n/) has errors — showing the last good build",
		"theme.nobuild": "A layout or strings file of the site (layouts/, i18n/) has errors — this page could not be built",
		"fix":           "Fix the places above and save the file; this page reloads by itself once the errors are gone. Run covsite check for the full list.",
		"more":          "… and %d more errors",
		"close":         "Hide this message",
	},
}

// maxProblems bounds the overlay; `covsite check` lists everything.
const maxProblems = 30

var overlayTemplate = template.Must(template.New("overlay").Parse(
	`<div class="covsite-overlay" id="covsite-overlay" role="alert" lang="{{.Lang}}">` +
		`<div class="covsite-overlay__box"><h2>{{.Title}}</h2><ol>` +
		`{{range .Problems}}<li>{{with .Where}}<code>{{.}}</code>: {{end}}{{.Message}}` +
		`{{with .Hint}} <span class="covsite-overlay__hint">— {{.}}</span>{{end}}` +
		`{{with .Excerpt}}<pre class="covsite-overlay__line">{{.}}</pre>{{end}}</li>{{end}}</ol>` +
		`{{with .More}}<p>{{.}}</p>{{end}}<p>{{.Fix}}</p>` +
		`<button type="button" data-covsite-close>{{.Close}}</button></div></div>`))

// failure is why the latest rebuild could not replace the last good build.
type failure struct {
	diags *diag.List // data errors, with positions
	err   error      // anything else (a template that does not parse, an unreadable theme)
}

// problems lists a failure's errors in lang.
func (f *failure) problems(lang string) []problem {
	var out []problem
	if f.diags != nil {
		for _, d := range f.diags.Items() {
			if d.Severity == diag.Error {
				out = append(out, problem{Where: d.Pos.String(), Message: d.Message(lang), Hint: d.Hint(lang), Excerpt: d.Excerpt()})
			}
		}
	}
	if f.err != nil {
		out = append(out, problem{Message: f.err.Error()})
	}
	return out
}

// themeOnly reports whether every error of f is in the site's own layouts or strings files
// (diag.Code.IsTheme): the data is fine.
func (f *failure) themeOnly() bool {
	if f.diags == nil || f.err != nil {
		return false
	}
	n := 0
	for _, d := range f.diags.Items() {
		if d.Severity == diag.Error {
			if !d.Code.IsTheme() {
				return false
			}
			n++
		}
	}
	return n > 0
}

// overlayHTML renders the overlay for f in lang; haveBuild says whether an older good build
// is still being served underneath.
func overlayHTML(f *failure, lang string, haveBuild bool) []byte {
	s, ok := overlayStrings[lang]
	if !ok {
		lang, s = "vi", overlayStrings["vi"]
	}
	probs := f.problems(lang)
	title, nobuild := "title", "nobuild"
	if f.themeOnly() {
		title, nobuild = "theme.title", "theme.nobuild"
	}
	data := map[string]any{"Lang": lang, "Title": s[title], "Fix": s["fix"], "Close": s["close"]}
	if !haveBuild {
		data["Title"] = s[nobuild]
	}
	if len(probs) > maxProblems {
		data["More"] = fmt.Sprintf(s["more"], len(probs)-maxProblems)
		probs = probs[:maxProblems]
	}
	data["Problems"] = probs
	var buf bytes.Buffer
	if err := overlayTemplate.Execute(&buf, data); err != nil {
		return []byte(template.HTMLEscapeString(err.Error()))
	}
	return buf.Bytes()
}

// placeholderPage is served for every page while no build has ever succeeded.
func placeholderPage(f *failure, lang, head string) []byte {
	var b bytes.Buffer
	b.WriteString(`<!DOCTYPE html><html lang="` + template.HTMLEscapeString(lang) + `"><head><meta charset="utf-8">`)
	b.WriteString(`<meta name="viewport" content="width=device-width, initial-scale=1"><title>covsite serve</title>`)
	b.WriteString(head + `</head><body>`)
	b.Write(overlayHTML(f, lang, false))
	b.WriteString(`</body></html>`)
	return b.Bytes()
}
