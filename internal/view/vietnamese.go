package view

import (
	"unicode/utf8"

	"github.com/covsite/covsite/internal/lang"
	"github.com/covsite/covsite/internal/model"
)

// A plan's title and issuer, and a source's publisher, are Vietnamese on an English page
// when the data gives no English for them: there they are marked lang="vi" (Inline.Lang,
// or a view's Lang field beside a string), so a screen reader reads them with Vietnamese
// rules — as a source's title is (cite). A page's <title> and attributes, which cannot
// carry a language, print the same words unmarked.

// inVietnamese reports whether t, on a page in code, is printed in Vietnamese for want of
// a translation: the data gives no English (the model then gives the Vietnamese twice).
func inVietnamese(t lang.Text, code string) bool {
	return code != lang.VI && (t.EN == "" || t.EN == t.VI)
}

// langOf is lang.VI when t is printed in Vietnamese on a page in code (inVietnamese), else "".
func langOf(t lang.Text, code string) string {
	if inVietnamese(t, code) {
		return lang.VI
	}
	return ""
}

// planTitle is a plan's title as a piece of a line.
func (c *Context) planTitle(p *model.Plan) Inline {
	return Inline{Text: c.F.PlanTitle(p), Lang: langOf(p.Title, c.Lang())}
}

// issuer is who issued a plan, as a piece of a line.
func (c *Context) issuer(p *model.Plan) Inline {
	return Inline{Text: c.F.Issuer(p), Lang: langOf(p.Issuer, c.Lang())}
}

// planNameLang is the language a plan's name (Format.PlanName) is printed in on the page.
func (c *Context) planNameLang(p *model.Plan) string { return PlanNameLang(p, c.Lang()) }

// planLink is a link to a plan's page named as lines cite it (Format.PlanName).
func (c *Context) planLink(p *model.Plan) Inline {
	return Inline{Text: c.F.PlanName(p), URL: c.planURL(p), Lang: c.planNameLang(p)}
}

// PlanTitleLang is the language of a plan's title on a page in code: lang.VI on an English
// page when the plan has no English title, else "" (the page's). For the site's layouts.
func PlanTitleLang(p *model.Plan, code string) string { return langOf(p.Title, code) }

// PlanNameLang is the language of a plan's name (Format.PlanName) on a page in code: its
// number is no language's, its title may be Vietnamese.
func PlanNameLang(p *model.Plan, code string) string {
	if p.Number != "" {
		return ""
	}
	return langOf(p.Title, code)
}

// IssuerLang is the language of a plan's issuer on a page in code.
func IssuerLang(p *model.Plan, code string) string { return langOf(p.Issuer, code) }

// sourceNamed is sourceName as a piece of a line: a publisher's name, which the data gives
// in Vietnamese only, or a title without English, marked Vietnamese on an English page.
func sourceNamed(f Format, src *model.Source) Inline {
	name := sourceName(f, src)
	// the rule sourceName chose its name by
	if f.Code == lang.VI {
		return text(name)
	}
	if src.Publisher == "" || src.Title.EN != "" {
		return Inline{Text: name, Lang: langOf(src.Title, f.Code)}
	}
	return Inline{Text: name, Lang: lang.VI}
}

// lineT is the UI string key filled with lines: its own words plain text between them.
func lineT(f Format, key string, args ...Line) Line {
	marks := make([]string, len(args))
	for i := range args {
		marks[i] = string(rune(placeholder + i))
	}
	var out Line
	s := f.TS(key, marks...)
	start := 0
	for i, r := range s {
		if r < placeholder || r >= placeholder+rune(len(args)) {
			continue
		}
		if start < i {
			out = append(out, text(s[start:i]))
		}
		out = append(out, args[r-placeholder]...)
		start = i + utf8.RuneLen(r)
	}
	if start < len(s) {
		out = append(out, text(s[start:]))
	}
	return out
}

// placeholder is the first of the private-use characters lineT stands its lines in with.
const placeholder = 0xE000

// String is the line's words without its links and marks: what a site's own layout
// written for a text prints of a view's Line (ChildRanking.Credit, PlanBlock.Meta and the
// notes of a plan were texts), instead of Go's notation of its pieces.
func (l Line) String() string { return plainLine(l) }

// langsOnly is l as plain text but for its pieces in another language than the page's,
// which stay marked: no link, no cited title (a plan's page notes the credit of a target
// it implies so, without linking to itself).
func langsOnly(l Line) Line {
	var out Line
	for _, p := range l {
		switch {
		case p.Lang != "":
			out = append(out, Inline{Text: p.Text, Lang: p.Lang})
		case len(out) > 0 && out[len(out)-1].Lang == "":
			out[len(out)-1].Text += p.Text
		default:
			out = append(out, text(p.Text))
		}
	}
	return out
}
