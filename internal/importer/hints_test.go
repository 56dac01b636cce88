package importer

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/sitetest"
)

// closestList finds the candidate lists of "closest: a, b, c; …" hints.
var closestList = regexp.MustCompile(`(?:closest:|headers such as) ([^;—\n]+)`)

// TestImportSuggestsEachNameOnce: an indicator whose short name is its name (BHXH tự
// nguyện) is suggested once, in the hint of an unknown column and in the list of headers.
func TestImportSuggestsEachNameOnce(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	for name, table := range map[string]string{
		"cot.csv":       "Đơn vị,BHXH tu ngyen that,BHYT\nPhường 1,165,10.324\n",
		"khong-cot.csv": "Đơn vị,Số thẻ\nPhường 1,165\n",
	} {
		csv := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(csv, []byte(table), 0o644); err != nil {
			t.Fatal(err)
		}
		o := opts(site)
		o.Plan = "tp-tra-vinh-thu-2023"
		_, err := Import(readTable(t, csv), o)
		if err == nil {
			t.Fatalf("%s imported", name)
		}
		lists := closestList.FindAllStringSubmatch(err.Error(), -1)
		if len(lists) == 0 {
			t.Fatalf("%s: no suggestions in:\n%v", name, err)
		}
		for _, l := range lists {
			seen := map[string]bool{}
			for _, n := range strings.Split(l[1], ", ") {
				n = strings.TrimSpace(n)
				if seen[n] {
					t.Errorf("%s: %q suggested twice: %s", name, n, l[0])
				}
				seen[n] = true
			}
		}
	}
}

// TestImportSkipUnknownHint: the final hint offers --skip-unknown only when every error is
// a name matching no locality, which is all that flag can let through.
func TestImportSkipUnknownHint(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	for _, c := range []struct {
		name, table string
		offer       bool
	}{
		{"ten.csv", "Đơn vị,BHYT\nPhường 1,10.324\nPhường 22,3.444\n", true},
		{"ten-va-cot.csv", "Đơn vị,BHYT,Số thẻ\nPhường 1,10.324,5\nPhường 22,3.444,6\n", false},
		{"ten-va-so.csv", "Đơn vị,BHYT\nPhường 1,nhiều\nPhường 22,3.444\n", false},
		{"so.csv", "Đơn vị,BHYT\nPhường 1,nhiều\n", false},
	} {
		csv := filepath.Join(t.TempDir(), c.name)
		if err := os.WriteFile(csv, []byte(c.table), 0o644); err != nil {
			t.Fatal(err)
		}
		o := opts(site)
		o.Result, o.Report, o.Publisher = date.New(2023, 6, 30), "Báo cáo thử", "BHXH"
		_, err := Import(readTable(t, csv), o)
		if err == nil {
			t.Fatalf("%s imported", c.name)
		}
		msg := err.Error()
		if got := strings.Contains(msg, "--skip-unknown"); got != c.offer {
			t.Errorf("%s: mentions --skip-unknown: %v, want %v:\n%s", c.name, got, c.offer, msg)
		}
		if !strings.Contains(msg, "nothing was written") {
			t.Errorf("%s: does not say nothing was written:\n%s", c.name, msg)
		}
		if c.offer {
			continue
		}
		// and --skip-unknown indeed does not get it through
		o.SkipUnknown = true
		if _, err := Import(readTable(t, csv), o); err == nil {
			t.Errorf("%s: imported with --skip-unknown", c.name)
		}
	}
}
