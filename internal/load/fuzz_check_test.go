package load_test

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/textutil"
)

// FuzzCheck runs what `covsite check` runs — load.Load on a file system, then model.Build —
// on testdata/base with a fuzzed locality list, plan, results file and update. Whatever
// the input: no panic, every position inside its file, every message well formed in both
// languages, every id the model accepts safe as a path segment.
func FuzzCheck(f *testing.F) {
	tomls, mds := seeds(f, ".toml"), seeds(f, ".md")
	for i, b := range tomls {
		f.Add(tomls[(i+1)%len(tomls)], b, tomls[(i+2)%len(tomls)], mds[i%len(mds)])
	}
	base := caseSite(f, "")
	f.Fuzz(func(t *testing.T, locality, plan, results, update []byte) {
		site := maps.Clone(base)
		site["data/localities/z.toml"] = &fstest.MapFile{Data: locality}
		site["data/plans/ke-hoach-z.toml"] = &fstest.MapFile{Data: plan}
		site["data/results/ket-qua-z.toml"] = &fstest.MapFile{Data: results}
		site["content/updates/2023-08-01-z.md"] = &fstest.MapFile{Data: update}
		diags := checkData(site)
		for _, d := range diags.Items() {
			checkDiagnostic(t, site, d)
		}
		if diags.HasErrors() {
			return
		}
		built := buildSite(site)
		var ids []string
		for _, l := range built.Localities {
			ids = append(ids, l.ID)
		}
		for _, p := range built.Plans {
			ids = append(ids, p.ID)
		}
		for _, d := range built.Documents {
			ids = append(ids, d.Slug)
		}
		for _, id := range ids {
			if why := textutil.CheckID(id); why != "" {
				t.Fatalf("id %q accepted: %s", id, why)
			}
		}
	})
}

func checkDiagnostic(t *testing.T, site fstest.MapFS, d diag.Diagnostic) {
	t.Helper()
	for _, lang := range []string{"vi", "en"} {
		if text := d.Text(lang); strings.Contains(text, "%!") {
			t.Fatalf("badly formatted: %s", text)
		}
	}
	f, ok := site[d.Pos.File]
	if !ok {
		if d.Code != diag.MissingFile {
			t.Fatalf("%s names no file of the site: %s", d.Pos, d.Text("en"))
		}
		return
	}
	lines := strings.Split(string(bytes.TrimPrefix(f.Data, []byte("\ufeff"))), "\n")
	line, col := int(d.Pos.Line), int(d.Pos.Col)
	if line < 1 || line > len(lines) {
		t.Fatalf("%s: line outside the file's %d lines: %s", d.Pos, len(lines), d.Text("en"))
	}
	if n := utf8.RuneCountInString(lines[line-1]) + 1; col < 1 || col > n {
		t.Fatalf("%s: column outside %q: %s", d.Pos, lines[line-1], d.Text("en"))
	}
}

func buildSite(site fs.FS) *model.Site {
	raw, _ := load.Load(site)
	built, _ := model.Build(raw)
	return built
}

func seeds(f *testing.F, ext string) [][]byte {
	f.Helper()
	var out [][]byte
	for _, root := range []string{"../../data", "../../content", "testdata"} {
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ext) {
				if b, err := os.ReadFile(p); err == nil {
					out = append(out, b)
				}
			}
			return nil
		})
	}
	return out
}
