package build

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/gen/gentest"
	"github.com/covsite/covsite/internal/model"
)

// The page-weight budgets of issue 6, in bytes sent gzipped (level 6, what web servers and
// CDNs commonly use; KB = 1000 bytes). docs/performance.md lists the measured weights.
const (
	wardPageBudget = 30_000  // the HTML of one ward page
	cssBudget      = 15_000  // every style sheet of the site
	echartsBudget  = 200_000 // the custom ECharts bundle (the full echarts.min.js is ~370 KB)
)

// gzipped returns the size of b compressed at gzip level 6.
func gzipped(t *testing.T, b []byte) int {
	t.Helper()
	var buf bytes.Buffer
	w, err := gzip.NewWriterLevel(&buf, 6)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Len()
}

// isWard is true for the communes, wards, towns and special zones: the lowest level.
func isWard(l *model.Locality) bool {
	switch l.Kind {
	case "phuong", "xa", "thi-tran", "dac-khu":
		return true
	}
	return false
}

// heaviest keeps the largest gzipped page seen.
type heaviest struct {
	page    string
	raw, gz int
}

func (h *heaviest) see(t *testing.T, page string, b []byte) {
	if gz := gzipped(t, b); gz > h.gz {
		*h = heaviest{page: page, raw: len(b), gz: gz}
	}
}

func (h heaviest) check(t *testing.T, what string) {
	t.Helper()
	if h.page == "" {
		t.Fatalf("%s: no ward page found", what)
	}
	t.Logf("%s: heaviest ward page %s, %d bytes, %d gzipped (budget %d)", what, h.page, h.raw, h.gz, wardPageBudget)
	if h.gz > wardPageBudget {
		t.Errorf("%s: ward page %s is %d bytes gzipped, over the budget of %d", what, h.page, h.gz, wardPageBudget)
	}
}

// TestWardPagesAreLight: every ward page of the example site, in both languages, fits the
// budget.
func TestWardPagesAreLight(t *testing.T) {
	dir := exampleSite(t)
	site, diags := Check("../..")
	if diags.HasErrors() {
		t.Fatal(diags.Err("en"))
	}
	var h heaviest
	for _, l := range site.Localities {
		if !isWard(l) {
			continue
		}
		for _, page := range []string{"dia-phuong/" + l.ID + "/index.html", "en/dia-phuong/" + l.ID + "/index.html"} {
			b, err := os.ReadFile(filepath.Join(dir, page))
			if err != nil {
				t.Fatal(err)
			}
			h.see(t, page, b)
		}
	}
	h.check(t, "example site")
}

// TestNationalWardPagesAreLight renders the ward pages of a small national dataset (every
// ward carries five years of plans and half-year results, whatever the scale) without
// building the rest of the site.
func TestNationalWardPagesAreLight(t *testing.T) {
	p, err := Prepare(Options{Source: gentest.Site(t, 0.01)}, nil)
	if err != nil {
		t.Fatal(err, p.Diagnostics.Err("en"))
	}
	wards := map[string]bool{}
	for _, l := range p.Site.Localities {
		if isWard(l) {
			wards["dia-phuong/"+l.ID+"/index.html"] = true
		}
	}
	var h heaviest
	for _, pg := range p.Pages() {
		if !wards[strings.TrimPrefix(pg.Path, "en/")] {
			continue
		}
		b, err := pg.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		h.see(t, pg.Path, b)
	}
	h.check(t, "national dataset")
}

// fingerprinted is an asset name with the first 8 hex digits of its SHA-256 before the
// extension: site.3f2a9c1b.css.
var fingerprinted = regexp.MustCompile(`^[^/]+\.([0-9a-f]{8})\.(css|js)$`)

// TestAssetsAreLightAndFingerprinted: the style sheets and the ECharts bundle fit their
// budgets; every CSS and JavaScript file carries the hash of its content in its name, and
// pages link only such names, so hosts may cache them for a year.
func TestAssetsAreLightAndFingerprinted(t *testing.T) {
	dir := exampleSite(t)
	sizes := map[string]int{} // output path → gzipped size
	css, echarts := 0, 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		ext := path.Ext(p)
		if ext != ".css" && ext != ".js" {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		m := fingerprinted.FindStringSubmatch(path.Base(rel))
		sum := sha256.Sum256(b)
		if m == nil || m[1] != hex.EncodeToString(sum[:4]) {
			t.Errorf("%s is not named by its content (want the hash %x before %s)", rel, sum[:4], ext)
		}
		sizes[rel] = gzipped(t, b)
		switch {
		case ext == ".css":
			css += sizes[rel]
		case strings.HasPrefix(path.Base(rel), "echarts."):
			echarts += sizes[rel]
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("gzipped: %v", sizes)
	if css == 0 || echarts == 0 {
		t.Fatalf("no style sheet or no ECharts bundle in the output: %v", sizes)
	}
	if css > cssBudget {
		t.Errorf("the style sheets are %d bytes gzipped, over the budget of %d", css, cssBudget)
	}
	if echarts > echartsBudget {
		t.Errorf("the ECharts bundle is %d bytes gzipped, over the budget of %d", echarts, echartsBudget)
	}

	// Pages link the fingerprinted names only.
	linked := 0
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range linkAttr.FindAllStringSubmatch(string(b), -1) {
			if ext := path.Ext(m[2]); ext != ".css" && ext != ".js" {
				continue
			}
			linked++
			if _, ok := sizes[strings.TrimPrefix(m[2], "/")]; !ok {
				t.Errorf("%s links %s, which is not a fingerprinted asset of the site", p, m[2])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if linked == 0 {
		t.Fatal("no page links a style sheet or a script")
	}
}
