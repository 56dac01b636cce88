package date

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// FuzzParsePeriod: whatever the text, ParsePeriod either refuses it or returns a period of
// real days, in order, that reads back the same.
func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2023", "2023-Q2", "2023-06", "2021/2025", "2023-03/2023-12", "2023-06-30", "2024-02", "2023-Q5", "1900/2200", " 2023 ", "2023-13", "2023/2021", "/", ""} {
		f.Add(s)
	}
	periods := regexp.MustCompile(`(?m)^period = "([^"]*)"`)
	files, _ := filepath.Glob("../../data/plans/*.toml")
	for _, p := range files {
		b, _ := os.ReadFile(p)
		for _, m := range periods.FindAllStringSubmatch(string(b), -1) {
			f.Add(m[1])
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePeriod(s)
		if err != nil {
			return
		}
		for _, d := range []Date{p.Start, p.End} {
			if d.IsZero() || New(d.Ymd()) != d {
				t.Fatalf("ParsePeriod(%q) = %+v: %v is not a day on the calendar", s, p, d)
			}
			if d.Year < 1900 || d.Year > 2200 {
				t.Fatalf("ParsePeriod(%q): year %d out of range", s, d.Year)
			}
		}
		if p.End.Before(p.Start) {
			t.Fatalf("ParsePeriod(%q) ends before it starts: %+v", s, p)
		}
		if p.Text != strings.TrimSpace(s) {
			t.Fatalf("ParsePeriod(%q).Text = %q", s, p.Text)
		}
		q, err := ParsePeriod(p.Text)
		if err != nil || q != p {
			t.Fatalf("ParsePeriod(%q) = %+v, read back %+v, %v", s, p, q, err)
		}
		if !p.Contains(p.Start) || !p.Contains(p.End) || p.Contains(p.End.AddDays(1)) || p.Contains(p.Start.AddDays(-1)) {
			t.Fatalf("ParsePeriod(%q) = %+v does not contain exactly its days", s, p)
		}
	})
}
