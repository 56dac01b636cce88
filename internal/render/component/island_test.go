package component

import (
	"context"
	"html"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/view"
)

// TestTxtEscapesAsTemplDoes checks @txt against html.EscapeString, what templ's { } prints.
func TestTxtEscapesAsTemplDoes(t *testing.T) {
	for _, s := range []string{"", "Phường 7", "<b>", "a & b", `"q"`, "it's", "&&<<>>", "x<", ">x", "Đạt 80,58 % — <a href='x'>\"y\"</a>"} {
		var b strings.Builder
		if err := txt(s).Render(context.Background(), &b); err != nil {
			t.Fatal(err)
		}
		if got, want := b.String(), html.EscapeString(s); got != want {
			t.Errorf("txt(%q) = %q, want %q", s, got, want)
		}
	}
}

// line prints each kind of piece as the templ component it replaced did.
func TestLinePrintsEachPiece(t *testing.T) {
	for _, tt := range []struct {
		line view.Line
		want string
	}{
		{view.Line{{Text: "a < b"}}, "a &lt; b"},
		{view.Line{{Text: "Q&A", URL: "/x/?a=1&b=2"}}, `<a href="/x/?a=1&amp;b=2">Q&amp;A</a>`},
		{view.Line{{Text: "Kế hoạch", Cite: true}}, `<cite>Kế hoạch</cite>`},
		{view.Line{{Text: "Kế hoạch", Cite: true, Lang: "vi"}}, `<cite lang="vi">Kế hoạch</cite>`},
		{view.Line{{Text: "UBND", Lang: "vi"}}, `<span lang="vi">UBND</span>`},
		{view.Line{{Text: "Theo "}, {Text: "49/KH", URL: "/k/"}, {Text: "."}}, `Theo <a href="/k/">49/KH</a>.`},
	} {
		var b strings.Builder
		if err := line(tt.line).Render(context.Background(), &b); err != nil {
			t.Fatal(err)
		}
		if b.String() != tt.want {
			t.Errorf("line %+v = %q, want %q", tt.line, b.String(), tt.want)
		}
	}
}
