package render

import (
	"os"
	"strings"
	"testing"
)

// docs/data-format.md lists the fields a site's own layouts get, as LayoutFields makes them
// from the Go types: a field renamed, added or removed there fails here (-update rewrites
// the list).
func TestLayoutFieldsDocMatchesTheTypes(t *testing.T) {
	const file, begin, end = "../../docs/data-format.md", "<!-- layout-fields: begin -->\n", "<!-- layout-fields: end -->"
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	i, j := strings.Index(doc, begin), strings.Index(doc, end)
	if i < 0 || j < i {
		t.Fatalf("%s has no %q … %q", file, begin, end)
	}
	want := "\n" + LayoutFields() + "\n"
	if got := doc[i+len(begin) : j]; got != want {
		if *update {
			if err := os.WriteFile(file, []byte(doc[:i+len(begin)]+want+doc[j:]), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("%s lists other fields than the layouts get (go test ./internal/render -run LayoutFields -update):\n--- doc:\n%s--- types:\n%s", file, got, want)
	}
}

// A layout's mistake names the type of the page's view, with its fields; a type a layout
// does not get from covsite has none listed.
func TestFieldsOfTheViews(t *testing.T) {
	for _, name := range []string{"view.LocalityPage", "*view.LocalityPage", "view.Card", "view.PlanPage"} {
		if f := FieldsOf(name); len(f) == 0 || !strings.Contains(strings.Join(f, " "), "Title") {
			t.Errorf("FieldsOf(%q) = %v", name, f)
		}
	}
	if f := FieldsOf("interface {}"); f != nil {
		t.Errorf("FieldsOf(interface {}) = %v", f)
	}
}
