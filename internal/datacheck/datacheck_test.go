package datacheck

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/covsite/covsite/internal/diag"
)

// Dir checks the example site: its model, no errors; a site whose data holds a symbolic
// link is refused with the link's position.
func TestDir(t *testing.T) {
	site, diags := Dir("../..")
	if diags.HasErrors() || site == nil || len(site.Localities) == 0 {
		t.Fatalf("the example site: %v", diags.Err("en"))
	}

	dir := t.TempDir()
	for _, f := range []string{"data/site.toml", "data/indicators.toml"} {
		b, err := os.ReadFile(filepath.Join("../..", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	secret := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(secret, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(dir, "data", "token.toml")); err != nil {
		t.Fatal(err)
	}
	_, diags = Dir(dir)
	found := false
	for _, d := range diags.Items() {
		found = found || d.Code == diag.Symlink && d.Pos.File == "data/token.toml"
	}
	if !found {
		t.Errorf("the symbolic link data/token.toml was not reported: %v", diags.Err("en"))
	}
}
