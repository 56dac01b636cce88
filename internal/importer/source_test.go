package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/sitetest"
)

// A results file's date of publication is --published, or the date --source states, or
// none — never the date of the figures; the warning says which. A missing or blank
// --publisher or --source is refused before anything is written, naming the flag.
func TestImportSourceIsWhatTheRequestSays(t *testing.T) {
	for _, tt := range []struct {
		name, source, publisher string
		published               date.Date
		want                    string // in the file; "" when refused
		notWant, warning        string
		refused                 []string
	}{
		{name: "the date --source states", source: "Báo cáo số 130/BC-BHXH ngày 5/10/2023", publisher: "BHXH tỉnh Trà Vinh",
			want: "published = 2023-10-05\n", warning: `published = 2023-10-05: the date --source states ("ngày 5/10/2023")`},
		{name: "the date in words", source: "Báo cáo ngày 05 tháng 10 năm 2023", publisher: "BHXH",
			want: "published = 2023-10-05\n", warning: "the date --source states"},
		{name: "--published over the date --source states", source: "Báo cáo ngày 5/10/2023", publisher: "BHXH", published: date.New(2023, 10, 9),
			want: "published = 2023-10-09\n"},
		{name: "no date: none invented", source: "Báo cáo số 130/BC-BHXH", publisher: "BHXH",
			want: "# published = YYYY-MM-DD", notWant: "\npublished =", warning: "published is left out"},
		{name: "a date that does not exist: none", source: "Báo cáo ngày 31/2/2023", publisher: "BHXH",
			want: "# published = YYYY-MM-DD", notWant: "\npublished ="},
		{name: "no publisher", source: "Báo cáo", refused: []string{"--publisher", "nothing was written"}},
		{name: "a blank publisher", source: "Báo cáo", publisher: "  ", refused: []string{"--publisher"}},
		{name: "a blank source", source: " ", publisher: "BHXH", refused: []string{"--source"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			site := sitetest.CopyExample(t, repoRoot)
			o := opts(site)
			o.Result, o.Report, o.Publisher, o.Published = date.New(2023, 9, 30), tt.source, tt.publisher, tt.published
			rep, err := Import(readTable(t, seedCSV), o)
			out := filepath.Join(site, "data/results/tp-tra-vinh-2023-09-30.toml")
			if tt.refused != nil {
				if err == nil {
					t.Fatal("imported")
				}
				for _, w := range tt.refused {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("the refusal does not say %q:\n%v", w, err)
					}
				}
				if _, err := os.Stat(out); err == nil {
					t.Error("a file was written")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			checkClean(t, site)
			b, _ := os.ReadFile(out)
			if !strings.Contains(string(b), tt.want) || (tt.notWant != "" && strings.Contains(string(b), tt.notWant)) {
				t.Errorf("want %q and not %q in:\n%s", tt.want, tt.notWant, b)
			}
			if tt.warning == "" {
				return
			}
			var said []string
			for _, w := range rep.Warnings {
				said = append(said, w.Text())
			}
			if !strings.Contains(strings.Join(said, "\n"), tt.warning) {
				t.Errorf("no warning %q in:\n%s", tt.warning, strings.Join(said, "\n"))
			}
		})
	}
}

// A table with a total row and only some of the parent's children is told: its total is
// written as the whole parent's figure. A table of every child is not.
func TestImportPartialTableIsTold(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	for _, tt := range []struct {
		name, table string
		warns       bool
	}{
		{"3 of 10 wards and a total", "Đơn vị,BHYT\nPhường 1,10.324\nPhường 2,3.444\nPhường 3,3.426\nTổng cộng,17.194\n", true},
		{"3 of 10 wards, no total", "Đơn vị,BHYT\nPhường 1,10.324\nPhường 2,3.444\nPhường 3,3.426\n", false},
		{"every ward and a total", "", false},
	} {
		tab := readTable(t, seedCSV)
		if tt.table != "" {
			var err error
			if tab, err = ReadCSV(strings.NewReader(tt.table), "t.csv"); err != nil {
				t.Fatal(err)
			}
		}
		o := opts(site)
		o.Result, o.Report, o.Publisher, o.DryRun = date.New(2023, 6, 30), "Báo cáo", "BHXH", true
		rep, err := Import(tab, o)
		if err != nil {
			t.Fatal(err)
		}
		told := false
		for _, w := range rep.Warnings {
			told = told || strings.Contains(w.Message, "the table has 3 of the 10 localities below tp-tra-vinh")
		}
		if told != tt.warns {
			t.Errorf("%s: told %v, want %v: %v", tt.name, told, tt.warns, rep.Warnings)
		}
	}
}
