package importer

import (
	"os/exec"
	"strings"
	"testing"
)

// The importer checks a site's data (datacheck) without linking the stages that render
// and write a site (issue 12): it reads spreadsheets and writes TOML, nothing else.
func TestImporterLinksNeitherRenderNorWrite(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 10 {
		t.Fatalf("go list gave %d packages", len(deps))
	}
	for _, p := range deps {
		for _, stage := range []string{"/internal/render", "/internal/write", "/internal/build", "/internal/view"} {
			if strings.HasSuffix(p, stage) || strings.Contains(p, stage+"/") {
				t.Errorf("the importer links %s", p)
			}
		}
	}
}
