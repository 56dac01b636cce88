package i18n

import (
	"fmt"
	"testing"

	"github.com/covsite/covsite/themes"
)

// T fills a string as fmt.Sprintf does: every string of the theme, with texts, whole
// numbers, too few, too many and other arguments, and formats written for the test.
func TestFillIsSprintf(t *testing.T) {
	formats := testFormats(t)
	argLists := [][]any{
		{}, {"a"}, {7}, {"Phường 7", 3}, {3, "x"}, {"<b>", "ệ", "&"}, {1, 2, 3}, {"a", "b", "c", "d", "e"},
		{"a", 2, "c", 4, "e", 6}, {1.5}, {"a", nil}, {int64(4)},
	}
	for _, s := range formats {
		f := parseFormat(s)
		for _, args := range argLists {
			if got, want := f.fill(s, args), fmt.Sprintf(s, args...); got != want {
				t.Errorf("fill(%q, %v) = %q, Sprintf %q", s, args, got, want)
			}
		}
	}
}

// TS and AppendT fill a string as fmt.Sprintf does with texts for arguments: every string
// of the theme and the formats of TestFillIsSprintf, with none, too few, too many texts.
func TestTextsAreSprintf(t *testing.T) {
	formats := testFormats(t)
	argLists := [][]string{{}, {"a"}, {"Phường 7", "3"}, {"<b>", "ệ", "&"}, {"a", "b", "c", "d", "e"}, {"", "%d"}}
	for i, s := range formats {
		l := New("vi", map[string]string{"k": s})
		for _, args := range argLists {
			boxed := make([]any, len(args))
			for j, a := range args {
				boxed[j] = a
			}
			want := fmt.Sprintf(s, boxed...)
			if len(args) == 0 {
				want = s // T and TS give a string without arguments as it is
			}
			if got := l.TS("k", args...); got != want {
				t.Errorf("%d: TS(%q, %q) = %q, Sprintf %q", i, s, args, got, want)
			}
			if got := string(l.AppendT([]byte("x"), "k", args...)); got != "x"+want {
				t.Errorf("%d: AppendT(x, %q, %q) = %q, want x + %q", i, s, args, got, want)
			}
			bs := make([][]byte, len(args))
			for j, a := range args {
				bs[j] = []byte(a)
			}
			if got := string(l.AppendTB([]byte("x"), "k", bs...)); got != "x"+want {
				t.Errorf("%d: AppendTB(x, %q, %q) = %q, want x + %q", i, s, args, got, want)
			}
			if got := l.T("k", boxed...); got != want {
				t.Errorf("%d: T(%q, %q) = %q, TS %q", i, s, args, got, want)
			}
		}
	}
	l := New("vi", nil)
	if got := string(l.AppendT([]byte("x"), "none", "a")); got != "x[none]" {
		t.Errorf("AppendT of a missing key = %q, want x[none]", got)
	}
}

// TS makes its string and nothing else: one allocation, whatever its texts.
func TestTSAllocatesItsStringOnly(t *testing.T) {
	l := New("vi", map[string]string{"k": "đạt %s chỉ tiêu (theo %s)"})
	a, b := "85,3 %", "báo cáo"
	if n := testing.AllocsPerRun(100, func() { _ = l.TS("k", a, b) }); n != 1 {
		t.Errorf("TS: %v allocations, want 1", n)
	}
	buf := make([]byte, 0, 64)
	if n := testing.AllocsPerRun(100, func() { buf = l.AppendTB(buf[:0], "k", []byte(a), []byte(b)) }); n != 0 {
		t.Errorf("AppendTB into room enough: %v allocations, want 0", n)
	}
}

// AppendTN fills a string as fmt.Sprintf does with whole numbers for arguments.
func TestNumbersAreSprintf(t *testing.T) {
	langs, err := Load(themes.Default())
	if err != nil {
		t.Fatal(err)
	}
	formats := []string{"%d/%d", "%[2]d trước %[1]d", "%s %d", "%v", "%5d", "%%d %d", "no verbs", ""}
	for _, l := range langs {
		for _, k := range l.Keys() {
			formats = append(formats, l.strings[k])
		}
	}
	for i, s := range formats {
		l := New("vi", map[string]string{"k": s})
		for _, args := range [][]int{{}, {7}, {15, 19}, {-3, 0, 1234567}} {
			boxed := make([]any, len(args))
			for j, a := range args {
				boxed[j] = a
			}
			want := l.T("k", boxed...)
			if got := string(l.AppendTN([]byte("x"), "k", args...)); got != "x"+want {
				t.Errorf("%d: AppendTN(x, %q, %v) = %q, want x + %q", i, s, args, got, want)
			}
		}
	}
}

// testFormats are formats written for the tests and every string of the theme.
func testFormats(t *testing.T) []string {
	t.Helper()
	langs, err := Load(themes.Default())
	if err != nil {
		t.Fatal(err)
	}
	formats := []string{"%s và %d", "%[2]s trước %[1]s", "%[2]s, %s", "%%d %s", "%v", "%5s", "%.2f", "%q", "%[x]s", "%[0]s", "%", "a%", "%[3]s", "no verbs", ""}
	for _, l := range langs {
		for _, k := range l.Keys() {
			formats = append(formats, l.strings[k])
		}
	}
	return formats
}
