// Package lang names the site's languages and holds Text, the one type for a piece of text
// given in Vietnamese and, optionally, in English.
package lang

// Codes lists the site's languages; the first is the default, served at the site's root.
var Codes = []string{VI, EN}

// The language codes.
const (
	VI = "vi"
	EN = "en"
)

// Default is the language of the site's root and of every text without a translation.
const Default = VI

// Other returns the language a page's switch leads to.
func Other(code string) string {
	if code == VI {
		return EN
	}
	return VI
}

// Text is a text in Vietnamese with, when there is one, its English version.
type Text struct {
	VI, EN string
}

// T returns the Text with these Vietnamese and English forms.
func T(vi, en string) Text { return Text{VI: vi, EN: en} }

// In returns the text in code: the English when asked for and given, else the Vietnamese.
func (t Text) In(code string) string {
	if code == EN && t.EN != "" {
		return t.EN
	}
	return t.VI
}

// Translated reports whether t has its own form in code (Vietnamese always has one).
func (t Text) Translated(code string) bool { return code != EN || t.EN != "" }

// IsZero reports whether t has no text in any language.
func (t Text) IsZero() bool { return t.VI == "" && t.EN == "" }

// String is the Vietnamese form, the default language.
func (t Text) String() string { return t.VI }
