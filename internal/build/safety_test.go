package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The safety tests of issue 3: a failed build leaves the previous site exactly as it was,
// the destination is never the source, and the same input gives the same bytes whatever the
// time zone, the map order or the number of workers.

// baseSite is the small clean site the check tests use.
const baseSite = "../load/testdata/base"

// copyTree copies the directory src into a new temporary directory and returns it.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}

// What tree records besides bytes.
const (
	bytesOnly  = iota
	fileTimes  // and the mode and mtime of files
	everyTimes // and the mode and mtime of files and folders
)

// tree maps every path under root to its bytes, and to modes and mtimes as times says.
func tree(t *testing.T, root string, times int) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		v := ""
		if times == everyTimes || times == fileTimes && !d.IsDir() {
			v = fmt.Sprintf("%v %d ", info.Mode(), info.ModTime().UnixNano())
		}
		if !d.IsDir() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			v += string(b)
		}
		out[rel] = v
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// treeDiff lists the paths that differ between a and b.
func treeDiff(a, b map[string]string) []string {
	var out []string
	for k, v := range a {
		if w, ok := b[k]; !ok || v != w {
			out = append(out, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func mustRun(t *testing.T, opts Options) Result {
	t.Helper()
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatalf("build %s: %v\n%v", opts.Source, err, res.Diagnostics.Err("en"))
	}
	return res
}

// A build that fails half way — a page that cannot be rendered, two files at one path, a
// data error — leaves the previous public/ byte for byte, mode for mode and mtime for mtime
// as it was, and no temporary directory beside it.
func TestFailedBuildLeavesThePreviousSite(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string // in the error
	}{
		{"a layout fails on one page", map[string]string{
			"layouts/plan.html": `{{define "main"}}{{index .Body.Rows 999}}{{end}}`,
		}, "layouts/plan.html:1:19: error: the layout stopped rendering the page ke-hoach/"},
		{"a static file takes a page's path", map[string]string{
			"static/404.html": "<p>mine</p>",
		}, "nothing was published"},
		{"a static file takes a folder's path", map[string]string{
			"static/dia-phuong": "not a folder",
		}, "nothing was published"},
		{"a data error", map[string]string{
			"data/plans/ke-hoach-a-2023.toml": "title = \"x\"\nbhyt = 1.022.552\n",
		}, "nothing was published"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := copyTree(t, baseSite)
			dest := filepath.Join(t.TempDir(), "public")
			mustRun(t, Options{Source: src, Dest: dest, Workers: 4})
			before := tree(t, dest, everyTimes)
			for name, body := range tt.files {
				p := filepath.Join(src, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			res, err := Run(context.Background(), Options{Source: src, Dest: dest, Workers: 4})
			if err == nil || !strings.Contains(fmt.Sprint(err, res.Diagnostics.Err("en")), tt.want) {
				t.Fatalf("err = %v (%v), want one mentioning %q", err, res.Diagnostics.Err("en"), tt.want)
			}
			if d := treeDiff(before, tree(t, dest, everyTimes)); len(d) > 0 {
				t.Errorf("the previous site changed: %v", d)
			}
			entries, _ := os.ReadDir(filepath.Dir(dest))
			if len(entries) != 1 {
				t.Errorf("left beside public/: %v", entries)
			}
		})
	}
}

// The destination may not be the source or contain it; nothing is written or deleted.
func TestBuildRefusesDangerousDestinations(t *testing.T) {
	src := copyTree(t, baseSite)
	before := tree(t, src, everyTimes)
	for _, dest := range []string{src, filepath.Dir(src), filepath.Join(src, "data")} {
		if _, err := Run(context.Background(), Options{Source: src, Dest: dest}); err == nil || errors.Is(err, ErrInvalid) {
			t.Errorf("dest %s: err = %v, want a refusal", dest, err)
		}
	}
	if d := treeDiff(before, tree(t, src, everyTimes)); len(d) > 0 {
		t.Errorf("the source changed: %v", d)
	}
}

// Building the same input again rewrites nothing: every file keeps its mtime, so a sync
// to the host uploads nothing; a page that is no longer produced disappears.
func TestRebuildKeepsMtimesAndDropsStalePages(t *testing.T) {
	src := copyTree(t, baseSite)
	dest := filepath.Join(t.TempDir(), "public")
	first := mustRun(t, Options{Source: src, Dest: dest})
	before := tree(t, dest, fileTimes)
	second := mustRun(t, Options{Source: src, Dest: dest})
	if second.Unchanged != second.Files || second.Files != first.Files {
		t.Errorf("second build: %d files, %d unchanged; first had %d", second.Files, second.Unchanged, first.Files)
	}
	if d := treeDiff(before, tree(t, dest, fileTimes)); len(d) > 0 {
		t.Errorf("an identical rebuild changed %v", d)
	}
	page := filepath.Join(dest, "tin-tuc", "ket-qua-6-thang", "index.html")
	if _, err := os.Stat(page); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(src, "content", "updates", "2023-07-10-ket-qua-6-thang.md")); err != nil {
		t.Fatal(err)
	}
	mustRun(t, Options{Source: src, Dest: dest})
	if _, err := os.Stat(page); !os.IsNotExist(err) {
		t.Errorf("the removed update's page is still there: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dest, "index.html")); err != nil {
		t.Errorf("the home page went missing: %v", err)
	}
}

const (
	helperDest = "COVSITE_TEST_BUILD_DEST"
	helperSrc  = "COVSITE_TEST_BUILD_SOURCE"
)

// TestHelperBuild is not a test: TestSameBytesInEveryTimeZone runs the test binary with it
// in a child process, under another TZ, to build a site there.
func TestHelperBuild(t *testing.T) {
	dest := os.Getenv(helperDest)
	if dest == "" {
		t.Skip("run by TestSameBytesInEveryTimeZone")
	}
	workers, _ := strconv.Atoi(os.Getenv("COVSITE_TEST_WORKERS"))
	mustRun(t, Options{Source: os.Getenv(helperSrc), Dest: dest, Workers: workers})
	_, offset := time.Now().Zone()
	if err := os.WriteFile(dest+".zone", []byte(strconv.Itoa(offset)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Two builds of the same input are byte-identical whatever TZ says: BurntSushi/toml decodes
// local dates at the machine's offset and covsite keeps only the calendar day. Each build
// runs in its own process (the offset is read once per process, and each process iterates
// maps in its own order) with a different number of workers. Kiritimati is UTC+14 and Adak
// UTC−10 (−9 in summer): a day shifted by the zone would show.
func TestSameBytesInEveryTimeZone(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example site four times")
	}
	src, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	zones := []struct {
		tz      string
		offsets []int // seconds east of UTC, now
		workers string
	}{
		{"UTC", []int{0}, "1"},
		{"Pacific/Kiritimati", []int{14 * 3600}, "8"},
		{"America/Adak", []int{-10 * 3600, -9 * 3600}, "3"},
		{"Asia/Ho_Chi_Minh", []int{7 * 3600}, "0"},
	}
	var first map[string]string
	for _, z := range zones {
		dest := filepath.Join(t.TempDir(), "public")
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperBuild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "TZ="+z.tz, helperDest+"="+dest, helperSrc+"="+src, "COVSITE_TEST_WORKERS="+z.workers)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("TZ=%s: %v\n%s", z.tz, err, out)
		}
		zone, _ := os.ReadFile(dest + ".zone")
		if off, _ := strconv.Atoi(string(zone)); !contains(z.offsets, off) {
			t.Fatalf("TZ=%s: the child ran at offset %d, want one of %v (is tzdata installed?)", z.tz, off, z.offsets)
		}
		got := tree(t, dest, bytesOnly)
		if len(got) < 50 {
			t.Fatalf("TZ=%s: only %d files built", z.tz, len(got))
		}
		if first == nil {
			first = got
			continue
		}
		if d := treeDiff(first, got); len(d) > 0 {
			t.Errorf("TZ=%s gives different bytes than TZ=UTC in %d files, e.g. %v", z.tz, len(d), d[:min(5, len(d))])
		}
	}
}

func contains(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
