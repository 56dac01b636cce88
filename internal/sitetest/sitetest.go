// Package sitetest gives tests a private copy of the repository's example site, so they
// can edit its data and content freely.
package sitetest

import (
	"fmt"
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
