package i18n

import (
	"fmt"
	"testing"

	"github.com/covsite/covsite/themes"
)

// T fills a string as fmt.Sprintf does: every string of the theme, with texts, whole
// numbers, too few, too many and other arguments, and formats written for the test.
func TestFillIsSprintf(t *testing.T) {
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
