package i18n

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"
)

func theme() fstest.MapFS {
	return fstest.MapFS{
		"i18n/vi.toml": {Data: []byte("\"nav.plans\" = \"Kế hoạch\"\n\"lang.switch\" = \"English\"\n")},
		"i18n/en.toml": {Data: []byte("\"nav.plans\" = \"Plans\"\n\"lang.switch\" = \"Tiếng Việt\"\n")},
	}
}

// A site's strings file changes or adds the strings it names; every other string stays the
// theme's (it replaced the theme's whole file, and every other label became "[key]").
func TestSiteStringsAreLaidOverTheThemes(t *testing.T) {
	site := fstest.MapFS{"i18n/vi.toml": {Data: []byte("\"office.hotline\" = \"Đường dây nóng 1900 9068\"\n\"nav.plans\" = \"Các kế hoạch\"\n")}}
	langs, err := LoadLayers(theme(), site)
	if err != nil {
		t.Fatal(err)
	}
	vi, en := langs["vi"], langs["en"]
	for _, tt := range []struct{ got, want string }{
		{vi.T("lang.switch"), "English"},
		{vi.T("nav.plans"), "Các kế hoạch"},
		{vi.T("office.hotline"), "Đường dây nóng 1900 9068"},
		{en.T("nav.plans"), "Plans"},
		{en.T("office.hotline"), "[office.hotline]"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

// A key written without quotes is the dotted key, and a table's keys are prefixed with its
// name; ReadFile says where each is.
func TestReadFileKeysAndPositions(t *testing.T) {
	src := "# site strings\noffice.hotline = \"1900 9068\"\n  \"nav.plans\" = \"Kế hoạch\"\n[footer]\nnote = \"\"\"\nhai\ndòng\"\"\"\n'raw.key' = 'x'\n"
	f, err := ReadFile(fstest.MapFS{"i18n/vi.toml": {Data: []byte(src)}}, "i18n/vi.toml")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Pos{"office.hotline": {2, 1}, "nav.plans": {3, 3}, "footer.note": {5, 1}, "footer.raw.key": {8, 1}}
	for k, p := range want {
		if f.Pos[k] != p {
			t.Errorf("%s at %v, want %v", k, f.Pos[k], p)
		}
		if _, ok := f.Strings[k]; !ok {
			t.Errorf("%s not read: %v", k, f.Strings)
		}
	}
	if len(f.Strings) != len(want) {
		t.Errorf("strings %v, want the keys of %v", f.Strings, want)
	}
	if f, err := ReadFile(fstest.MapFS{}, "i18n/en.toml"); f != nil || err != nil {
		t.Errorf("a missing file: %v, %v; want nothing", f, err)
	}
}

// A value that is not text, and a file that is not TOML, are errors that say where.
func TestReadFileErrors(t *testing.T) {
	_, err := ReadFile(fstest.MapFS{"i18n/vi.toml": {Data: []byte("\"a\" = \"x\"\n\"nav.count\" = 3\n")}}, "i18n/vi.toml")
	var ve *ValueError
	if !errors.As(err, &ve) || ve.Key != "nav.count" || ve.Line != 2 || ve.Col != 1 {
		t.Errorf("a number for a string: %v", err)
	}
	_, err = ReadFile(fstest.MapFS{"i18n/vi.toml": {Data: []byte("\"a\" = \"x\n")}}, "i18n/vi.toml")
	var fe *FileError
	var pe toml.ParseError
	if !errors.As(err, &fe) || !errors.As(err, &pe) || pe.Position.Line != 1 || len(fe.Src) == 0 {
		t.Errorf("not TOML: %v", err)
	}
	if _, err := LoadLayers(fstest.MapFS{}); err == nil || !strings.Contains(err.Error(), "i18n/vi.toml") {
		t.Errorf("a theme without strings: %v", err)
	}
}

func TestVerbs(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want []string
	}{
		{"Không có", nil},
		{"80 %%", nil},
		{"%s có %d người", []string{"1:s", "2:d"}},
		{"%[2]d people in %[1]s", []string{"1:s", "2:d"}},
		{"%.1f %%", []string{"1:f"}},
		{"cuối %", []string{"1:"}},
	} {
		if got := Verbs(tt.s); !slices.Equal(got, tt.want) {
			t.Errorf("Verbs(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
}
