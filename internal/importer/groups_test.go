package importer

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/sitetest"
)

// wardRows are the example's wards of tp-tra-vinh with a BHYT figure each; they add up to
// 82.784, and Long Đức, its commune, has 19.936: 102.720 in all.
const wardRows = `1;Phường 1;10.324
2;Phường 2;3.444
3;Phường 3;3.426
4;Phường 4;9.534
5;Phường 5;10.306
6;Phường 6;10.632
7;Phường 7;14.690
8;Phường 8;8.470
9;Phường 9;11.958
`

// TestImportGroupSubtotals: a table whose units are in groups, each with its subtotal row
// ("I;Các phường;…" above its rows, or "Cộng các phường" below them), reads the name from
// the name column, takes the subtotals for no unit and leaves them out of the total's sum,
// and checks each against its own group's rows.
func TestImportGroupSubtotals(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	for _, c := range []struct {
		name, table string
		units       int      // rows of localities matched
		notes       []string // in the list of matches, for each subtotal
		warnings    []string // every warning, in part
	}{{
		name:  "Roman numerals above their groups",
		table: "STT;Đơn vị;BHYT\nI;Các phường;82.784\n" + wardRows + "II;Các xã;19.936\n1;Long Đức;19.936\n;Tổng cộng;102.720\n",
		units: 10,
		notes: []string{
			`dòng 2  "Các phường" → dòng cộng nhóm, không phải đơn vị — bỏ qua; được đối chiếu với 9 dòng bên dưới (dòng 3–11)`,
			`dòng 12  "Các xã" → dòng cộng nhóm, không phải đơn vị — bỏ qua; được đối chiếu với 1 dòng bên dưới (dòng 13–13)`,
		},
	}, {
		name:  "groups named without a number",
		table: "STT;Đơn vị;BHYT\n;Các phường;82.784\n" + wardRows + ";Khối xã;19.936\n1;Long Đức;19.936\n;Tổng cộng;102.720\n",
		units: 10,
		notes: []string{`dòng 2  "Các phường" → dòng cộng nhóm`, `dòng 12  "Khối xã" → dòng cộng nhóm`},
	}, {
		name:  "subtotals below their groups, the total on top",
		table: "STT;Đơn vị;BHYT\n;Tổng cộng;102.720\n" + wardRows + ";Cộng các phường;82.784\n1;Long Đức;19.936\n;Tổng cộng các xã;19.936\n",
		units: 10,
		notes: []string{
			`dòng 12  "Cộng các phường" → dòng cộng nhóm, không phải đơn vị — bỏ qua; được đối chiếu với 9 dòng bên trên (dòng 3–11)`,
			`dòng 14  "Tổng cộng các xã" → dòng cộng nhóm, không phải đơn vị — bỏ qua; được đối chiếu với 1 dòng bên trên (dòng 13–13)`,
		},
	}, {
		name:  "a section numbered but not named",
		table: "STT;Đơn vị;BHYT\nI;Các phường;82.784\n" + wardRows + "II;;19.936\n1;Long Đức;19.936\n;Tổng cộng;102.720\n",
		units: 10,
		notes: []string{`dòng 12  (không ghi tên) → dòng cộng nhóm, không phải đơn vị — bỏ qua; được đối chiếu với 1 dòng bên dưới (dòng 13–13)`},
	}, {
		name:  "a section heading without figures ends the group above it",
		table: "STT;Đơn vị;BHYT\nI;Các phường;82.784\n" + wardRows + "II;Các xã;\n1;Long Đức;19.936\n;Tổng cộng;102.720\n",
		units: 10,
		notes: []string{`dòng 2  "Các phường" → dòng cộng nhóm, không phải đơn vị — bỏ qua; được đối chiếu với 9 dòng bên dưới (dòng 3–11)`},
	}, {
		name:     "a subtotal that does not add up",
		table:    "STT;Đơn vị;BHYT\nI;Các phường;83.784\n" + wardRows + "II;Các xã;19.936\n1;Long Đức;19.936\n;Tổng cộng;102.720\n",
		units:    10,
		warnings: []string{`t.csv:2:3: cột "BHYT" (bhyt): dòng cộng nhóm "Các phường" ghi 83.784 nhưng 9 dòng của nhóm (dòng 3–11) cộng được 82.784 (chênh 1.000)`},
	}, {
		name:     "the total still checked against the units alone",
		table:    "STT;Đơn vị;BHYT\nI;Các phường;82.784\n" + wardRows + "II;Các xã;19.936\n1;Long Đức;19.936\n;Tổng cộng;103.720\n",
		units:    10,
		warnings: []string{`dòng tổng ghi 103.720 nhưng cộng các dòng được 102.720 (chênh 1.000)`},
	}} {
		t.Run(c.name, func(t *testing.T) {
			tab, err := ReadCSV(strings.NewReader(c.table), "t.csv")
			if err != nil {
				t.Fatal(err)
			}
			o := opts(site)
			o.Plan, o.Lang, o.DryRun = planID, "vi", true
			rep, err := Import(tab, o)
			if err != nil {
				t.Fatalf("the import stops: %v", err)
			}
			units := 0
			for _, m := range rep.Matches {
				if m.Locality != nil && !m.Total {
					units++
				}
			}
			if units != c.units {
				t.Errorf("%d rows of localities, want %d", units, c.units)
			}
			var b strings.Builder
			WriteMatches(&b, rep, "t.csv", "vi")
			for _, want := range c.notes {
				if !strings.Contains(b.String(), want) {
					t.Errorf("no %q in:\n%s", want, b.String())
				}
			}
			var ws []string
			for _, w := range rep.Warnings {
				ws = append(ws, w.Text())
			}
			if len(ws) != len(c.warnings) {
				t.Errorf("warnings:\n%s\nwant %d", strings.Join(ws, "\n"), len(c.warnings))
			}
			for _, want := range c.warnings {
				if !strings.Contains(strings.Join(ws, "\n"), want) {
					t.Errorf("no %q in:\n%s", want, strings.Join(ws, "\n"))
				}
			}
		})
	}
}

// TestNumberedRowWithoutAName: a row with a number in STT, figures and no name is still
// refused for having no name, not taken for a locality named "5".
func TestNumberedRowWithoutAName(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	tab, err := ReadCSV(strings.NewReader("STT;Đơn vị;BHYT\n1;Phường 1;10.324\n2;;3.444\n"), "t.csv")
	if err != nil {
		t.Fatal(err)
	}
	o := opts(site)
	o.Plan, o.DryRun = planID, true
	_, err = Import(tab, o)
	if err == nil || !strings.Contains(err.Error(), "row 3 has figures but no name") {
		t.Errorf("got %v", err)
	}
}

// TestRomanNumberedLocalities: a row numbered with a Roman numeral that names a locality
// is that locality's row, not a group's.
func TestRomanNumberedLocalities(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	tab, err := ReadCSV(strings.NewReader("STT;Đơn vị;BHYT\nI;TP Trà Vinh;100\nII;Càng Long;200\n;Tổng cộng;300\n"), "t.csv")
	if err != nil {
		t.Fatal(err)
	}
	o := opts(site)
	o.Parent, o.Plan, o.Period, o.DryRun = "tra-vinh", "tra-vinh-thu-2023", "2023", true
	rep, err := Import(tab, o)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range rep.Matches {
		if m.Locality != nil {
			got = append(got, m.Label+"="+m.Locality.ID)
		}
	}
	if strings.Join(got, " ") != "TP Trà Vinh=tp-tra-vinh Càng Long=cang-long Tổng cộng=tra-vinh" {
		t.Errorf("matches: %v", got)
	}
	// the one warning: the table's total is written as the province's, from 2 of its 9
	// districts (partialTable), not a group's subtotal
	if len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0].Message, "2 of the 9 localities below tra-vinh") {
		t.Errorf("warnings: %v", rep.Warnings)
	}
}

func TestSubtotalOf(t *testing.T) {
	for _, c := range []struct {
		name  string
		roman bool
		want  groupEnd
	}{
		{"Các phường", false, below}, {"Khối xã", false, below}, {"Nhóm 1", false, below},
		{"Cộng các phường", false, above}, {"Tổng cộng các xã", false, above}, {"Tổng khối phường", false, above},
		{"Tổng cộng", false, noGroup}, {"Cộng", false, noGroup}, {"Tổng số", false, noGroup},
		{"Tổng cộng toàn thành phố", false, noGroup}, {"Phường 1", false, noGroup},
		{"Thị trấn", true, below}, {"Tổng cộng", true, noGroup},
	} {
		if got := subtotalOf(c.name, c.roman); got != c.want {
			t.Errorf("subtotalOf(%q, %v) = %v, want %v", c.name, c.roman, got, c.want)
		}
	}
	for s, want := range map[string]bool{"I": true, "IV": true, "XII.": true, "II)": true, "A": false, "1": false, "IIII": false, "": false, "C": false} {
		if got := isRoman(s); got != want {
			t.Errorf("isRoman(%q) = %v", s, got)
		}
	}
	for s, want := range map[string]bool{"1": true, "I": true, "a)": true, "1.2": true, "B.": true, "Phường 1": false, "Long Đức": false, "": false} {
		if got := isOrdinal(s); got != want {
			t.Errorf("isOrdinal(%q) = %v", s, got)
		}
	}
}

// TestListedCountsTheRest: a message lists ten figures, one per line, then counts the others.
func TestListedCountsTheRest(t *testing.T) {
	var items []string
	for i := range 44 {
		items = append(items, "f"+strconv.Itoa(i+1))
	}
	got := listed(items, "vi")
	if lines := strings.Split(got, "\n"); len(lines) != 12 || lines[10] != "    f10" || lines[11] != "    … và 34 số khác" {
		t.Errorf("44 figures:%s", got)
	}
	if got := listed(items[:11], "en"); strings.Count(got, "\n") != 11 || strings.Contains(got, "more") {
		t.Errorf("11 figures are all listed:%s", got)
	}
	if got := listed(items[:12], "en"); !strings.HasSuffix(got, "\n    … and 2 more figures") {
		t.Errorf("12 figures:%s", got)
	}
}

// TestReadErrorTextSaysNoSuchFile: a table that is not there is said so in the language of
// the messages, without the system's English.
func TestReadErrorTextSaysNoSuchFile(t *testing.T) {
	_, err := ReadFile(filepath.Join(t.TempDir(), "khong-co.xlsx"), "")
	for lang, want := range map[string]string{"vi": "khong-co.xlsx: không có tệp này", "en": "khong-co.xlsx: there is no such file"} {
		got := ReadErrorText("khong-co.xlsx", err, lang)
		if !strings.HasPrefix(got, want) || strings.Contains(got, "no such file or directory") {
			t.Errorf("%s: %q", lang, got)
		}
	}
}
