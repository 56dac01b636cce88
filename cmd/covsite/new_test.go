package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// exampleCopy copies the example site's data/ and content/ into a temporary directory.
func exampleCopy(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "site")
	for _, dir := range []string{"data", "content"} {
		if err := os.CopyFS(filepath.Join(dst, dir), os.DirFS(filepath.Join("../..", dir))); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

func TestNewUpdateCommandUsesTheClock(t *testing.T) {
	t.Setenv("COVSITE_LANG", "en")
	saved := now
	now = func() time.Time { return time.Date(2026, 3, 9, 23, 30, 0, 0, time.FixedZone("ICT", 7*3600)) }
	t.Cleanup(func() { now = saved })
	site := exampleCopy(t)
	var out, errOut bytes.Buffer
	if code := run([]string{"new", "update", "Trà Vinh: kết quả 6 tháng", "--source", site}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	name := filepath.Join(site, "content/updates/2026-03-09-tra-vinh-ket-qua-6-thang.md")
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatalf("%v (stdout %q)", err, out.String())
	}
	if !strings.Contains(string(b), "date = 2026-03-09") {
		t.Errorf("date not today's:\n%s", b)
	}
	if !strings.Contains(out.String(), "content/updates/2026-03-09-tra-vinh-ket-qua-6-thang.md") {
		t.Errorf("does not say what it created: %q", out.String())
	}
	errOut.Reset()
	if code := run([]string{"new", "update", "--source", site, "Trà Vinh: kết quả 6 tháng"}, &out, &errOut); code != 1 ||
		!strings.Contains(errOut.String(), "already exists") {
		t.Errorf("second run: exit %d, %q", code, errOut.String())
	}
}

func TestNewResultCommand(t *testing.T) {
	t.Setenv("COVSITE_LANG", "vi")
	site := exampleCopy(t)
	var out, errOut bytes.Buffer
	args := []string{"new", "result", "--source", site, "--locality", "tp-tra-vinh", "--date", "2023-06-30"}
	if code := run(args, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	b, err := os.ReadFile(filepath.Join(site, "data/results/tp-tra-vinh-2023-06-30.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "chỉ tiêu 2023: 108_441, tỷ lệ 94.44 %") {
		t.Errorf("city targets missing:\n%s", b)
	}
	errOut.Reset()
	if code := run(args, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "giữ nguyên") {
		t.Errorf("second run: exit %d, %q", code, errOut.String())
	}
	for _, bad := range [][]string{
		{"new", "result", "--source", site, "--date", "2023-06-30"},
		{"new", "result", "--source", site, "--locality", "tp-tra-vinh", "--date", "30/6/2023"},
		{"new", "update"},
		{"new", "plan"},
	} {
		if code := run(bad, &out, &errOut); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
}
