package download

import (
	"os"
	"testing"

	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
)

// exampleSite is the repository's example site, checked.
func exampleSite(t testing.TB) *model.Site {
	t.Helper()
	raw, diags := load.Load(os.DirFS("../../.."))
	site, more := model.Build(raw)
	diags.Merge(more)
	if err := diags.Err("en"); err != nil {
		t.Fatalf("example site: %v", err)
	}
	return site
}
