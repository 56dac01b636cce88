package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// import --out writes where it says, and never outside the site without --force: not by
// .., not by an absolute path, not through a linked folder.
func TestImportOutStaysInTheSite(t *testing.T) {
	t.Setenv("COVSITE_LANG", "vi")
	outside := t.TempDir()
	for _, tt := range []struct {
		name string
		out  func(site string) (arg, written string)
	}{
		{"..", func(site string) (string, string) {
			return "../ket-qua.toml", filepath.Join(filepath.Dir(site), "ket-qua.toml")
		}},
		{"an absolute path", func(string) (string, string) {
			return filepath.Join(outside, "abs.toml"), filepath.Join(outside, "abs.toml")
		}},
		{"a linked folder", func(site string) (string, string) {
			if err := os.Symlink(outside, filepath.Join(site, "data", "ra-ngoai")); err != nil {
				t.Fatal(err)
			}
			return "data/ra-ngoai/x.toml", filepath.Join(outside, "x.toml")
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			site := exampleCopy(t)
			arg, written := tt.out(site)
			args := []string{"import", seedTable, "--site", site, "--parent", "tp-tra-vinh", "--result", "2023-06-30",
				"--source", "Báo cáo thử", "--publisher", "BHXH", "--out", arg}
			var out, errOut bytes.Buffer
			if code := run(args, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "nằm ngoài thư mục trang") {
				t.Fatalf("exit %d:\n%s", code, errOut.String())
			}
			if _, err := os.Stat(written); err == nil {
				t.Fatalf("%s was written", written)
			}
			if tt.name == "a linked folder" {
				return // with --force the file is written, and check then refuses the link
			}
			errOut.Reset()
			if code := run(append(args, "--force"), &out, &errOut); code != 0 {
				t.Fatalf("--force: exit %d:\n%s", code, errOut.String())
			}
			if b, err := os.ReadFile(written); err != nil || !strings.Contains(string(b), "[[result]]") {
				t.Errorf("--force did not write %s: %v", written, err)
			}
		})
	}
}
