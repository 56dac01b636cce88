// Package sitetest gives tests a private copy of the repository's example site, so they
// can edit its data and content freely.
package sitetest

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// CopyExample copies data/ and content/ of the site at root (the repository, "../.." from a
// package directory) into a new temporary directory, removed when tb ends, and returns it.
func CopyExample(tb testing.TB, root string) string {
	tb.Helper()
	dst := filepath.Join(tb.TempDir(), "site")
	for _, dir := range []string{"data", "content"} {
		if err := os.CopyFS(filepath.Join(dst, dir), os.DirFS(filepath.Join(root, dir))); err != nil {
			tb.Fatal(err)
		}
	}
	return dst
}

// LongPlan is a site of one plan allocating five indicators among 90 wards of a city
// (450 cells: a table long enough to be split in parts), with a results file giving the
// first indicator of every ward: file names and contents.
func LongPlan() map[string]string {
	var ind, loc, plan, res strings.Builder
	loc.WriteString("[[locality]]\nid = \"city\"\nname = \"Thành phố Dài\"\nkind = \"thanh-pho\"\n")
	plan.WriteString("number = \"9/KH\"\ntitle = \"Kế hoạch dài\"\nissuer = \"UBND\"\nlocality = \"city\"\nperiod = \"2025\"\n[[target]]\n")
	res.WriteString("[source]\ntitle = \"Báo cáo\"\nkind = \"report\"\npublisher = \"BHXH\"\n")
	for j := range 5 {
		fmt.Fprintf(&ind, "[[indicator]]\nid = \"i%d\"\nname = \"Chỉ số %d\"\nunit = \"people\"\n", j, j)
		fmt.Fprintf(&plan, "i%d = 90000\n", j)
	}
	for i := 1; i <= 90; i++ {
		fmt.Fprintf(&loc, "[[locality]]\nid = \"w%d\"\nname = \"Phường %d\"\nkind = \"phuong\"\nparent = \"city\"\n", i, i)
		fmt.Fprintf(&plan, "[[target]]\nlocality = \"w%d\"\n", i)
		for j := range 5 {
			fmt.Fprintf(&plan, "i%d = 1000\n", j)
		}
		fmt.Fprintf(&res, "[[result]]\nlocality = \"w%d\"\nas_of = 2025-06-30\ni0 = %d\n", i, 400+i)
	}
	return map[string]string{
		"data/site.toml":            `title = "Kế hoạch dài"`,
		"data/indicators.toml":      ind.String(),
		"data/localities/a.toml":    loc.String(),
		"data/plans/kh.toml":        plan.String(),
		"data/results/bao-cao.toml": res.String(),
	}
}

// caMau is a new user's province of 1/7/2025 with its plan and results (ward by ward), and
// the former provinces it was formed from: data files only, no tile in data/map.toml.
//
//go:embed camau
var caMau embed.FS

// AddCaMau adds to the site at dir the province Cà Mau (from 1/7/2025), its wards, its
// plan 12/KH-BCĐ for 2026 and its results at 31/10/2026, as a press officer added them —
// without a tile on the site's map.
func AddCaMau(tb testing.TB, dir string) {
	tb.Helper()
	sub, err := fs.Sub(caMau, "camau")
	if err != nil {
		tb.Fatal(err)
	}
	err = fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(sub, p)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		tb.Fatal(err)
	}
}
