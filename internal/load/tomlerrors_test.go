package load

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/covsite/covsite/internal/diag"
)

// tomlMistakes make the TOML parser give each of its messages; the comment names it.
var tomlMistakes = []string{
	"a = 1 2",                   // expected a top-level item to end …
	"[[a]\n",                    // expected end of table array name delimiter
	"[]\n",                      // unexpected end of table name
	"[a..b]\n",                  // unexpected table separator
	"[a b]\n",                   // expected '.' or ']' to end table name
	"a =",                       // unexpected EOF; expected value
	"a = @",                     // expected value but found
	"= 1",                       // unexpected '=': key name appears blank
	".a = 1",                    // unexpected '.': keys cannot start with a '.'
	"a.. = 1",                   // unexpected '.'
	"a",                         // unexpected EOF; expected key separator '='
	"a b = 1",                   // expected '.' or '='
	"a = .5",                    // floats must start with a digit
	"a = [1,,2]",                // unexpected comma
	"a = [1 2]",                 // expected a comma (',') or array terminator
	"a = {b = 1 c = 2}",         // expected a comma or an inline table terminator
	"a = \"abc",                 // unexpected EOF; expected '"'
	"a = \"\"\"abc",             // unexpected EOF; expected '"""'
	"a = \"\"\"abc\"\"\"\"\"\"", // unexpected '""""""'
	"a = 'abc",                  // unexpected EOF; expected "'"
	"a = '''abc",                // unexpected EOF; expected "'''"
	"a = '''abc''''''",          // unexpected "''''''"
	"a = \"\\xZZ\"",             // expected two hexadecimal digits after '\x'
	"a = \"\\uZZZZ\"",           // expected four hexadecimal digits after '\u'
	"a = \"\\UZZZZZZZZ\"",       // expected eight hexadecimal digits after '\U'
	"a = +ix",                   // invalid float
	"a = +0x1F",                 // cannot use sign with non-decimal numbers
	"a = +x",                    // expected a digit but got
	"a = 0b2",                   // not a binary number
	"a = 0o9",                   // not an octal number
	"a = 0xZ",                   // not a hexadecimal number
	"a = \"a\x01b\"",            // TOML files cannot contain control characters
	"a = \"\\q\"",               // invalid escape in string
	"a = \"\xff\"",              // invalid UTF-8 byte
	"a\x00 = 1",                 // files cannot contain NULL bytes
	"a = 2023-13-01",            // invalid datetime
	"a = \"abc\ndef\"",          // strings cannot contain newlines
	"a = 99999999999999999999",  // is out of range for int64
	"a = 1e999",                 // is out of range for float64
	"a = 1\n[a.b]\n",            // Key 'a' was already created as a hash.
	"[a]\n[[a]]\n",              // Key 'a' was already created and cannot be used as an array.
	"a = 1\na = 2",              // Key 'a' has already been defined.
	"a = 1__0",                  // Invalid integer: underscores must be surrounded by digits
	"a = 01",                    // Invalid integer: cannot have leading zeroes
	"a = 1__0.5",                // Invalid float: underscores must be surrounded by digits
	"a = 01.5",                  // Invalid float: cannot have leading zeroes
	"a = 1.",                    // Invalid float: '.' must be followed by one or more digits
	"a = 1.2.3",                 // Invalid float value
	"a = \"\\uD800\"",           // Escaped character '\u…' is not valid UTF-8.
}

// unreachable are messages of the parser that no file makes it give here: its own comments
// say so ("never reached?"), or they concern decoding into types covsite does not use
// (durations, float32), or newer TOML that this version does not parse. They are
// translated all the same.
var unreachable = []string{
	`^unexpected EOF$`, `^unexpected '='$`, `^newlines not allowed within inline tables$`,
	`^"(.*)" is not a table$`, `^invalid escape: '\\(.)'$`, `^(.+) is out of the safe (float32|float64) range$`,
	`^invalid duration: "(.*)"$`,
}

// englishWords are words of the parser's messages that must not be left in Vietnamese.
var englishWords = regexp.MustCompile(`(?i)\b(expected|unexpected|invalid|cannot|must|instead|found|key|table|string|float|integer|newline)\b`)

// TestEveryTOMLErrorIsTranslated: every message the TOML parser gives is said in
// Vietnamese (and plain English) with the line and a caret under the place.
func TestEveryTOMLErrorIsTranslated(t *testing.T) {
	used := map[string]bool{}
	for _, src := range tomlMistakes {
		var m map[string]any
		_, err := toml.Decode(src, &m)
		var perr toml.ParseError
		if !errors.As(err, &perr) {
			t.Errorf("%q: the parser gave no parse error: %v", src, err)
			continue
		}
		vi, en, ok := translateTOML(perr.Message)
		if !ok {
			t.Errorf("%q: %q is not translated", src, perr.Message)
			continue
		}
		for _, tm := range tomlMessages {
			if tm.pattern.MatchString(perr.Message) {
				used[tm.pattern.String()] = true
				break
			}
		}
		if w := englishWords.FindString(vi); w != "" || vi == perr.Message {
			t.Errorf("%q: %q is left in English in %q", src, w, vi)
		}
		if en == perr.Message {
			t.Errorf("%q: the English is the parser's own %q", src, en)
		}
		// As check shows it: the message, the line, a caret under the place.
		var diags diag.List
		reportSyntax("data/a.toml", []byte(src), err, &diags)
		var b strings.Builder
		if err := diag.Write(&b, &diags, diag.FormatText, "vi"); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if len(lines) < 3 || !strings.HasPrefix(lines[1], "    ") || strings.TrimSpace(lines[2]) != "^" {
			t.Errorf("%q: no line with a caret:\n%s", src, out)
		}
		if strings.Contains(out, perr.Message) {
			t.Errorf("%q: the parser's English is shown:\n%s", src, out)
		}
	}
	skip := map[string]bool{}
	for _, u := range unreachable {
		skip[u] = true
	}
	for _, tm := range tomlMessages {
		if p := tm.pattern.String(); !used[p] && !skip[p] {
			t.Errorf("no case makes the parser say %s", p)
		}
	}
}

// TestCaretUnderTheColumn: the caret stands under the column, tabs kept.
func TestCaretUnderTheColumn(t *testing.T) {
	d := diag.Diagnostic{Pos: diag.Pos{File: "a", Line: 1, Col: 9}, Source: "\tbhyt = 1.888"}
	if got, want := d.Excerpt(), "    \tbhyt = 1.888\n    \t       ^"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// A number written with its multiplier word, as documents print it, is told with the number
// in full: the hint of "12 nghìn người" was bhyt = 12, a thousandth of the figure.
func TestMultiplierWordsGiveTheNumberInFull(t *testing.T) {
	tests := []struct {
		line string
		code diag.Code
		full string // the number the hint gives
	}{
		{"bhyt = 12 nghìn người", diag.MultiplierInValue, "12_000"},
		{"bhyt = 12 ngàn", diag.MultiplierInValue, "12_000"},
		{"bhyt = 1,2 triệu người", diag.MultiplierInValue, "1_200_000"},
		{"bhyt = 1.234,5 nghìn", diag.MultiplierInValue, "1_234_500"},
		{"tong-thu = 0,5 tỷ đồng", diag.MultiplierInValue, "500_000_000"},
		{"tong-thu = 2,75 Tỉ", diag.MultiplierInValue, "2_750_000_000"},
		{"bhyt = 1.5 million people", diag.MultiplierInValue, "1_500_000"},
		{"ty-le = 1,2345 nghìn", diag.MultiplierInValue, "1_234.5"},
		{"bhyt = 12 người", diag.UnitInValue, "12"},
		{"bhxh = 410.250 người", diag.UnitInValue, "410_250"}, // was 410.250: the next error
		{"rate.bhyt = 82.500 %", diag.UnitInValue, "82.500"},
	}
	for _, tt := range tests {
		v, ok := findValueMistake(tt.line)
		if !ok || v.code != tt.code {
			t.Errorf("%q: %v %q, want %q", tt.line, ok, v.code, tt.code)
			continue
		}
		if got := fmt.Sprint(v.args[3]); got != tt.full {
			t.Errorf("%q: the number in full is %s, want %s", tt.line, got, tt.full)
		}
	}
}

// InFull reads what the importer finds in a cell the same way: the number in full, or not.
func TestInFull(t *testing.T) {
	for text, want := range map[string]string{"1,2 triệu người": "1200000", "12 nghìn": "12000", " 3 Tỷ ": "3000000000",
		"12 người": "", "nhiều": "", "nghìn": "", "1.888": ""} {
		got, _, ok := InFull(text)
		if got != want || ok != (want != "") {
			t.Errorf("InFull(%q) = %q, %v; want %q", text, got, ok, want)
		}
	}
}

// Text that lost only its opening quote is offered with one pair of quotes, not with its
// stray closing quote escaped inside them.
func TestUnquotedTextKeepsOnePairOfQuotes(t *testing.T) {
	var diags diag.List
	reportBareValue(diag.At("a.toml", 2, 9), "title", `Báo cáo 2026"`, &diags)
	if got := diags.Err("en").Error(); !strings.Contains(got, `write title = "Báo cáo 2026"`) || strings.Contains(got, `\"`) {
		t.Errorf("the hint is not the value in one pair of quotes:\n%s", got)
	}
}
