package model_test

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
)

// withFile is the check tests' base site (internal/load/testdata/base) with one more file.
func withFile(t *testing.T, name, body string) fstest.MapFS {
	t.Helper()
	site := fstest.MapFS{}
	base := os.DirFS("../load/testdata/base")
	err := fs.WalkDir(base, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(base, p)
		site[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	site[name] = &fstest.MapFile{Data: []byte(body)}
	return site
}

// A parent's result is compared with its children's sum only when every child that existed
// on the date has a figure: a sum of some of them differs from the total by what the others
// hold, which says nothing of the total (the page's table says "n of m"). With all of them,
// the warning says how many parts it added, and its hint no longer names import's --parent.
func TestResultRollupWarnsOnlyWithEveryChild(t *testing.T) {
	const head = "[source]\ntitle = \"Báo cáo 9 tháng\"\nkind = \"report\"\npublished = 2023-10-10\npublisher = \"BHXH tỉnh A\"\n\n" +
		"[[result]]\nlocality = \"tinh-a\"\nas_of = 2023-09-30\nbhyt = 950_500\n\n[[result]]\nlocality = \"xa-b\"\nas_of = 2023-09-30\nbhyt = 550_000\n"
	for _, tt := range []struct {
		name, body string
		warns      bool
	}{
		{"one of two children", head, false},
		{"both children", head + "\n[[result]]\nlocality = \"xa-c\"\nas_of = 2023-09-30\nbhyt = 400_000\n", true},
	} {
		raw, diags := load.Load(withFile(t, "data/results/bao-cao-b-2023-09-30.toml", tt.body))
		_, more := model.Build(raw)
		diags.Merge(more)
		var got []diag.Diagnostic
		for _, d := range diags.Items() {
			if d.Code == diag.ResultRollupMismatch {
				got = append(got, d)
			}
		}
		if (len(got) > 0) != tt.warns {
			t.Errorf("%s: %d rollup warnings, want them: %v", tt.name, len(got), tt.warns)
			continue
		}
		for _, d := range got {
			if text := d.Text("en"); !strings.Contains(text, "its 2 parts") || strings.Contains(text, "--parent") {
				t.Errorf("%s: %s", tt.name, text)
			}
		}
	}
}
