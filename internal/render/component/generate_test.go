package component

import (
	"bytes"
	"go/format"
	"os"
	"path/filepath"
	"testing"

	"github.com/a-h/templ"
	"github.com/a-h/templ/generator"
	"github.com/a-h/templ/parser/v2"
)

// TestGeneratedCodeIsFresh fails when a *_templ.go file is not what `make generate` makes
// of its .templ file today: someone edited a component without generating it again.
func TestGeneratedCodeIsFresh(t *testing.T) {
	sources, err := filepath.Glob("*.templ")
	if err != nil || len(sources) == 0 {
		t.Fatalf("no .templ files: %v", err)
	}
	for _, src := range sources {
		tf, err := parser.Parse(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		var b bytes.Buffer
		// As `templ generate` run in this folder writes it.
		if _, err := generator.Generate(tf, &b, generator.WithVersion(templ.Version()), generator.WithFileName(src)); err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		want, err := format.Source(b.Bytes())
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		out := src[:len(src)-len(".templ")] + "_templ.go"
		got, err := os.ReadFile(out)
		if err != nil {
			t.Fatalf("%v (run make generate)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is stale: run make generate and commit it", out)
		}
	}
}
