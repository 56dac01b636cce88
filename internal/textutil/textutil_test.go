package textutil

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Trà Vinh", "tra vinh"},
		{"TRÀ VINH", "tra vinh"},
		{"Đà Nẵng", "da nang"},
		{"Cần Thơ", "can tho"},
		{"Xa\u0303 \u0110u\u031b\u0301c", "xa duc"}, // NFD
		{"Phường 1", "phuong 1"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Trà Vinh: kết quả 6 tháng", "tra-vinh-ket-qua-6-thang"},
		{"  Đà Nẵng -- 2021/2025  ", "da-nang-2021-2025"},
		{"../../etc/passwd", "etc-passwd"},
		{`C:\Windows`, "c-windows"},
		{"a\x00b", "a-b"},
		{"日本", ""},
		{"", ""},
		{strings.Repeat("ab ", 60), strings.TrimRight(strings.Repeat("ab-", 34)[:100], "-")},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCheckID(t *testing.T) {
	tests := []struct {
		id string
		ok bool
	}{
		{"tra-vinh", true},
		{"tra-vinh-phuong-1", true},
		{"2023", true},
		{"", false},
		{"..", false},
		{"a..b", false},
		{"../x", false},
		{"/abs", false},
		{"a/b", false},
		{`a\b`, false},
		{"a\x00b", false},
		{"-a", false},
		{"a-", false},
		{"a--b", false},
		{"Tra-vinh", false},
		{"trà-vinh", false},
		{"a b", false},
		{"a.b", false},
		{strings.Repeat("a", 100), true},
		{strings.Repeat("a", 101), false},
	}
	for _, tt := range tests {
		if got := CheckID(tt.id) == ""; got != tt.ok {
			t.Errorf("CheckID(%q) = %q, want ok=%v", tt.id, CheckID(tt.id), tt.ok)
		}
	}
}

func TestDistanceAndNearest(t *testing.T) {
	dist := []struct {
		a, b string
		want int
	}{
		{"bhyt", "bhyt", 0},
		{"bhty", "bhyt", 1}, // transposition
		{"bhyt", "bhxh", 2},
		{"", "abc", 3},
		{"parnet", "parent", 1},
		{"ca", "abc", 3},
		{"Trà", "Tra", 1},
	}
	for _, tt := range dist {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
	ids := []string{"bhtn", "bhxh", "bhxh-bat-buoc", "bhxh-tu-nguyen", "bhyt"}
	near := []struct{ in, want string }{
		{"bhty", "bhyt"},
		{"BHYT", "bhyt"},
		{"bhxh-tu-nguyn", "bhxh-tu-nguyen"},
		{"tong-thu", ""},
		{"parnet", ""},
	}
	for _, tt := range near {
		if got := Nearest(tt.in, ids); got != tt.want {
			t.Errorf("Nearest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := Ranked("bhty", ids, 2); len(got) != 2 || got[0] != "bhyt" {
		t.Errorf("Ranked = %v", got)
	}
}

func TestVietnameseOrder(t *testing.T) {
	ordered := []string{"An Giang", "Ăn", "Âu", "Bình", "Dương", "Đà Nẵng", "Phường 2", "Phường 10"}
	for i := 1; i < len(ordered); i++ {
		if CompareVietnamese(ordered[i-1], ordered[i]) >= 0 {
			t.Errorf("%q does not sort before %q", ordered[i-1], ordered[i])
		}
	}
	if CompareVietnamese("Xa\u0303", "Xã") != 0 {
		t.Error("NFD and NFC forms of a name sort apart")
	}
	if CompareVietnamese("Long Ðức", "Long Đức") != 0 || CompareVietnamese("Long Ðức", "Long Hòa") >= 0 || CompareVietnamese("ðồng", "Đồng") >= 0 {
		t.Error("Ð and ð (U+00D0, U+00F0) do not sort as Đ and đ")
	}
}

func TestNFC(t *testing.T) {
	if s, changed := NFC("Xa\u0303"); !changed || s != "Xã" {
		t.Errorf("NFC = %q, %v", s, changed)
	}
	if s, changed := NFC("Xã"); changed || s != "Xã" {
		t.Errorf("NFC of NFC = %q, %v", s, changed)
	}
}

// exampleNames are the names written in the example data, as fuzz seeds.
func exampleNames(f *testing.F) []string {
	f.Helper()
	re := regexp.MustCompile(`(?m)^(?:name|name_en|title|short|id|locality) = ("[^"\n]*")`)
	var out []string
	_ = filepath.WalkDir("../../data", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		b, _ := os.ReadFile(p)
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			if s, err := strconv.Unquote(m[1]); err == nil {
				out = append(out, s)
			}
		}
		return nil
	})
	if len(out) < 20 {
		f.Fatalf("only %d seed names", len(out))
	}
	return append(out, "../x", "a\\b", "a\x00b", "..", "Xa\u0303 \u0110u\u031b\u0301c", "\u212a", "İstanbul")
}

// Slug output is always a valid id or empty, and slugging it again changes nothing.
func FuzzSlug(f *testing.F) {
	for _, s := range exampleNames(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Slug(s)
		if out == "" {
			return
		}
		if why := CheckID(out); why != "" {
			t.Fatalf("Slug(%q) = %q, which CheckID rejects: %s", s, out, why)
		}
		if again := Slug(out); again != out {
			t.Fatalf("Slug is not idempotent: %q → %q → %q", s, out, again)
		}
	})
}

// CheckID never accepts anything that could leave the output directory or that is not
// its own slug.
func FuzzCheckID(f *testing.F) {
	for _, s := range exampleNames(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		if CheckID(id) != "" {
			return
		}
		if strings.ContainsAny(id, "/\\\x00") || strings.Contains(id, "..") || id == "." || id == "" {
			t.Fatalf("CheckID accepts %q", id)
		}
		if !fs.ValidPath(id) || filepath.Base(id) != id || filepath.IsAbs(id) || len(id) > MaxIDLength {
			t.Fatalf("CheckID accepts %q, which is not one path segment", id)
		}
		if Slug(id) != id {
			t.Fatalf("a valid id %q is not its own slug %q", id, Slug(id))
		}
	})
}

// Fold is idempotent, lowercase, free of Vietnamese marks, and the same for NFC and NFD.
func FuzzFold(f *testing.F) {
	for _, s := range exampleNames(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		out := Fold(s)
		if again := Fold(out); again != out {
			t.Fatalf("Fold is not idempotent: %q → %q → %q", s, out, again)
		}
		if nfd := Fold(norm.NFD.String(s)); nfd != out {
			t.Fatalf("Fold(NFD(%q)) = %q, Fold = %q", s, nfd, out)
		}
		for _, r := range out {
			if unicode.Is(unicode.Mn, r) && isVietnameseMark(r) || r == 'đ' || r == 'Đ' || r == 'ð' || r == 'Ð' {
				t.Fatalf("Fold(%q) = %q keeps %q", s, out, r)
			}
		}
	})
}

// isVietnameseMark reports the combining marks Vietnamese uses: the five tones, the
// circumflex, the breve and the horn.
func isVietnameseMark(r rune) bool {
	switch r {
	case '\u0300', '\u0301', '\u0303', '\u0309', '\u0323', '\u0302', '\u0306', '\u031b':
		return true
	}
	return false
}

// Distance is zero only between equal strings, symmetric, and at most the longer length.
func FuzzDistance(f *testing.F) {
	f.Add("bhty", "bhyt")
	f.Add("parnet", "parent")
	f.Add("", "Trà Vinh")
	f.Fuzz(func(t *testing.T, a, b string) {
		d := Distance(a, b)
		if (d == 0) != (string([]rune(a)) == string([]rune(b))) { // invalid bytes read as U+FFFD
			t.Fatalf("Distance(%q, %q) = %d", a, b, d)
		}
		if e := Distance(b, a); e != d {
			t.Fatalf("Distance(%q, %q) = %d but %d the other way", a, b, d, e)
		}
		if n := max(utf8.RuneCountInString(a), utf8.RuneCountInString(b)); d > n {
			t.Fatalf("Distance(%q, %q) = %d > %d", a, b, d, n)
		}
	})
}

// TOMLString's output decodes, with BurntSushi/toml, back to the string it quoted.
func TestTOMLStringRoundTrips(t *testing.T) {
	for _, s := range []string{"", "Phường 1", `Ban "Chỉ đạo"`, `C:\dữ liệu`, "dòng 1\ndòng 2\tcột", "\x00\x1f\x7f", "Đà Nẵng\u0301"} {
		var got struct{ V string }
		if _, err := toml.Decode("V = "+TOMLString(s), &got); err != nil {
			t.Errorf("TOMLString(%q) = %s: %v", s, TOMLString(s), err)
			continue
		}
		if got.V != s {
			t.Errorf("TOMLString(%q) decodes to %q", s, got.V)
		}
	}
}

// Unaccent keeps its transformers in a pool: goroutines folding at once get the same
// answers as one alone (run with -race to see the pool shares nothing).
func TestUnaccentConcurrently(t *testing.T) {
	names := []string{"Trà Vinh", "Đà Nẵng", "Phường 7", "Xã Hòa Lợi", "Thừa Thiên Huế", "Bà Rịa – Vũng Tàu", "ascii only"}
	want := make([]string, len(names))
	for i, n := range names {
		want[i] = Unaccent(n)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				for i, n := range names {
					if got := Unaccent(n); got != want[i] {
						t.Errorf("Unaccent(%q) = %q, want %q", n, got, want[i])
						return
					}
				}
			}
		})
	}
	wg.Wait()
	if want[0] != "Tra Vinh" || want[1] != "Da Nang" {
		t.Errorf("Unaccent: %q", want)
	}
}

// TestSearchJSFoldsAsGo: the site's search box folds and reads abbreviations with the
// tables the importer and the build use: search.js holds them as this test writes them.
func TestSearchJSFoldsAsGo(t *testing.T) {
	src, err := os.ReadFile("../../themes/default/static/js/search.js")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(src), "// BEGIN tables of internal/textutil")
	block, _, ok2 := strings.Cut(rest, "// END tables of internal/textutil")
	if !ok || !ok2 {
		t.Fatal("search.js has no block of textutil's tables")
	}
	_, block, _ = strings.Cut(block, "\n")
	want := "  var STROKES = " + jsCodePoints(Strokes) + ";\n" +
		"  var KIND_ABBREVIATIONS = " + jsAbbreviations(KindAbbreviations) + ";\n  "
	if block != want {
		t.Errorf("search.js's tables are not textutil's; write them as\n%s", want)
	}
}

// jsCodePoints writes pairs of one-letter strings as a JavaScript array of pairs of code
// points, as search.js holds them (its strings are only technical ones, not letters of a
// language: TestScriptsHaveNoUIText).
func jsCodePoints(pairs [][2]string) string {
	out := make([]string, len(pairs))
	for i, p := range pairs {
		a, _ := utf8.DecodeRuneInString(p[0])
		b, _ := utf8.DecodeRuneInString(p[1])
		out[i] = fmt.Sprintf("[0x%04x, 0x%04x]", a, b)
	}
	return "[" + strings.Join(out, ", ") + "]"
}

// jsAbbreviations writes the abbreviations of kinds as a JavaScript array of [words,
// abbreviation]: [["thanh", "pho"], "tp"].
func jsAbbreviations(pairs [][2]string) string {
	out := make([]string, len(pairs))
	for i, p := range pairs {
		words := strings.Fields(p[0])
		for j, w := range words {
			words[j] = strconv.Quote(w)
		}
		out[i] = "[[" + strings.Join(words, ", ") + "], " + strconv.Quote(p[1]) + "]"
	}
	return "[" + strings.Join(out, ", ") + "]"
}

// TestFoldLookAlikes: Ð and ð (U+00D0, U+00F0), which converted TCVN3 and VNI text holds
// for Đ and đ, fold as they do.
func TestFoldLookAlikes(t *testing.T) {
	for _, s := range []string{"Long \u00d0\u1ee9c", "long \u00f0\u1ee9c", "LONG \u00d0\u01afC"} {
		if got := Fold(s); got != "long duc" {
			t.Errorf("Fold(%q) = %q, want %q", s, got, "long duc")
		}
	}
	if got := Slug("Xã Long \u00d0ức"); got != "xa-long-duc" {
		t.Errorf("Slug = %q", got)
	}
}

// An id written with its kind ("phuong-ninh-kieu") or without its province
// ("/dia-phuong/phong-dien") finds the locality its words name; letters alone offered
// nothing for the first and "long-duc" for the second.
func TestNearestIDByWords(t *testing.T) {
	ids := []string{"ninh-kieu", "phong-dien-can-tho", "long-duc", "tra-vinh-phuong-1", "can-tho", "phong-dien-hue", "phong-dien-hue-2"}
	paths := []string{"/dia-phuong/ninh-kieu", "/dia-phuong/phong-dien-can-tho", "/dia-phuong/long-duc", "/ke-hoach/long-duc"}
	tests := []struct {
		s    string
		in   []string
		want string
	}{
		{"phuong-ninh-kieu", ids, "ninh-kieu"},
		{"quan-ninh-kieu", ids, "ninh-kieu"},
		{"/dia-phuong/phong-dien", paths, "/dia-phuong/phong-dien-can-tho"},
		{"/dia-phuong/long-dc", paths, "/dia-phuong/long-duc"}, // letters, as Nearest
		{"phong-dien", ids, ""},                                // three hold its words: none is told
		{"xa-khong-co", ids, ""},
		{"tinh-b", []string{"tinh-a", "xa-b"}, "tinh-a"}, // one short word: letters decide
	}
	for _, tt := range tests {
		if got := NearestID(tt.s, tt.in); got != tt.want {
			t.Errorf("NearestID(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
}
