package load

import (
	"testing"

	"github.com/covsite/covsite/internal/diag"
)

func TestURLRules(t *testing.T) {
	for _, tt := range []struct {
		s         string
		abs, path bool
	}{
		{"https://bhxh.gov.vn/van-ban.pdf", true, false},
		{"HTTP://EXAMPLE.ORG", true, false},
		{"http://[::1]:8080/x", true, false},
		{"/", false, true},
		{"/covsite/", false, true},
		{"javascript:alert(1)", false, false},
		{"JaVaScRiPt:alert(1)", false, false},
		{"data:text/html,x", false, false},
		{"//evil.example/x", false, false},
		{"/\\evil.example/x", false, false},
		{"not a url", false, false},
		{"https://", false, false},
		{"https:evil", false, false},
		{"https://a b/", false, false},
		{"https://x/\x7f", false, false},
		{"ftp://x/", false, false},
		{"covsite/", false, false},
	} {
		if got := absoluteHTTP(tt.s); got != tt.abs {
			t.Errorf("absoluteHTTP(%q) = %v", tt.s, got)
		}
		if got := sitePath(tt.s); got != tt.path {
			t.Errorf("sitePath(%q) = %v", tt.s, got)
		}
	}
}

// A Markdown body that is not UTF-8 is an error at its line and column, and the page is
// not read (it would be copied into the page as it is).
func TestMarkdownBodyMustBeUTF8(t *testing.T) {
	src := "+++\ntitle = \"x\"\ndate = 2023-07-01\n+++\n\nDòng một.\nDòng \xff\xfe hai.\n"
	diags := &diag.List{}
	_, ok := readDocument("content/gioi-thieu.md", []byte(src), diags)
	items := diags.Items()
	if ok || len(items) != 1 || items[0].Code != diag.ReadFile || items[0].Pos != (diag.Pos{File: "content/gioi-thieu.md", Line: 7, Col: 6}) {
		t.Fatalf("ok = %v, %v", ok, diags.Err("en"))
	}

}
