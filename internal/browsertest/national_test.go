package browsertest

import (
	"bytes"
	"compress/gzip"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/build"
	"github.com/covsite/covsite/internal/gen/gentest"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/textutil"
)

// nationalScale is the scale of the generated national site the search is tried on; the
// first keystroke's limit, 100 KB gzipped at scale 1, is scaled to it.
const nationalScale = 0.1

// TestNationalSearch builds the national dataset of `covsite gen` at scale 0.1, serves it
// and searches it on a phone, in both languages, as a reader types: names typed without
// accents, in capitals or with accents find the locality (a province, a ward with a
// Vietnamese name, a former commune), and the first keystroke loads at most 100 KB
// of search index, gzipped (scaled to 0.1).
func TestNationalSearch(t *testing.T) {
	browser(t)
	src := gentest.Site(t, nationalScale)
	s, stop, err := serve("national", src, filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	site, diags := build.Check(src)
	if diags.HasErrors() {
		t.Fatal(diags.Err("en"))
	}
	tb := openTab(t, s, phoneWidth, phoneHeight)

	tb.visit(t, "/dia-phuong/")
	tb.eval(t, `performance.clearResourceTimings(), true`, nil)
	if hits := tb.typeSearch(t, "t"); len(hits) == 0 {
		t.Fatal(`typing "t" shows nothing`)
	}
	var loaded []string
	tb.eval(t, `performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes('/tim-kiem'))`, &loaded)
	first := 0
	for _, u := range loaded {
		p, err := url.Parse(u)
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(strings.TrimPrefix(p.Path, "/"))))
		if err != nil {
			t.Fatal(err)
		}
		first += gzipSize(t, b)
	}
	t.Logf("first keystroke: %d bytes gzipped in %d files %q", first, len(loaded), loaded)
	if seen := slices.Compact(slices.Sorted(slices.Values(loaded))); len(seen) != len(loaded) {
		t.Errorf("a file of the search index is loaded twice: %q", loaded)
	}
	if limit := int(100_000 * nationalScale); len(loaded) == 0 || first > limit {
		t.Errorf("the first keystroke loads %d bytes gzipped (%d files), want 1 to %d", first, len(loaded), limit)
	}

	picked := searchable(site)
	if len(picked) != 3 {
		t.Fatalf("found %d localities to search for, want 3", len(picked))
	}
	for _, l := range picked {
		for _, lang := range []string{"vi", "en"} {
			prefix := map[string]string{"vi": "", "en": "/en"}[lang]
			want := prefix + "/dia-phuong/" + l.ID + "/"
			folded := textutil.Fold(l.Name.VI)
			for _, q := range []string{folded, strings.ToUpper(folded), l.Name.VI} {
				tb.visit(t, prefix+"/")
				hits := tb.typeSearch(t, q)
				if !slices.ContainsFunc(hits, func(h searchHit) bool { return h.Href == want }) {
					t.Errorf("%s: searching %q does not list %s: %v", lang, q, want, hits)
				}
			}
		}
	}
}

// searchable picks localities to search for, each with a name no other locality has and
// a letter with an accent: a province, a ward, a former commune.
func searchable(site *model.Site) []*model.Locality {
	count := map[string]int{}
	for _, l := range site.Localities {
		count[l.Name.VI]++
	}
	var out []*model.Locality
	for _, want := range []func(*model.Locality) bool{
		func(l *model.Locality) bool { return l.Kind == "tinh" && !l.Ended() },
		func(l *model.Locality) bool { return l.Kind == "phuong" && !l.Ended() },
		func(l *model.Locality) bool { return l.Kind == "xa" && l.Ended() },
	} {
		for _, l := range site.Localities {
			if want(l) && count[l.Name.VI] == 1 && textutil.Fold(l.Name.VI) != strings.ToLower(l.Name.VI) {
				out = append(out, l)
				break
			}
		}
	}
	return out
}

func gzipSize(t *testing.T, b []byte) int {
	t.Helper()
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, 6)
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Len()
}
