package component

import (
	"context"
	"html"
	"strings"
	"testing"
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
