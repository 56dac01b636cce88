package date

import (
	"math"
	"testing"
	"time"
)

func mustParse(t *testing.T, s string) Date {
	t.Helper()
	d, err := Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestMonthsUntil(t *testing.T) {
	tests := []struct {
		from, to string
		want     float64
	}{
		{"2023-06-30", "2023-12-31", 6},
		{"2025-08-31", "2025-12-20", 3 + 20.0/31},
		{"2023-01-15", "2023-02-15", 1},
		{"2023-01-31", "2023-02-28", 1},
		{"2024-01-31", "2024-02-29", 1},
		{"2023-06-30", "2023-06-30", 0},
		{"2023-12-31", "2023-06-30", -6},
		{"2023-03-10", "2023-03-25", 15.0 / 31},
	}
	for _, tt := range tests {
		got := mustParse(t, tt.from).MonthsUntil(mustParse(t, tt.to))
		if math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("%s → %s = %v, want %v", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in         string
		start, end string
		bad        bool
	}{
		{in: "2023", start: "2023-01-01", end: "2023-12-31"},
		{in: "2023-Q2", start: "2023-04-01", end: "2023-06-30"},
		{in: "2023-Q4", start: "2023-10-01", end: "2023-12-31"},
		{in: "2024-02", start: "2024-02-01", end: "2024-02-29"},
		{in: "2021/2025", start: "2021-01-01", end: "2025-12-31"},
		{in: "2023-03/2023-12", start: "2023-03-01", end: "2023-12-31"},
		{in: "2023-06-30", start: "2023-06-30", end: "2023-06-30"},
		{in: "2025/2021", bad: true},
		{in: "2023-Q5", bad: true},
		{in: "2023-13", bad: true},
		{in: "23", bad: true},
		{in: "2023-02-30", bad: true},
		{in: "", bad: true},
	}
	for _, tt := range tests {
		p, err := ParsePeriod(tt.in)
		if tt.bad {
			if err == nil {
				t.Errorf("ParsePeriod(%q) = %v, want an error", tt.in, p)
			}
			continue
		}
		if err != nil || p.Start.String() != tt.start || p.End.String() != tt.end {
			t.Errorf("ParsePeriod(%q) = %v–%v, %v; want %s–%s", tt.in, p.Start, p.End, err, tt.start, tt.end)
		}
	}
}

func TestParseRejectsDaysThatDoNotExist(t *testing.T) {
	for _, s := range []string{"2023-02-29", "2023-04-31", "2023-13-01", "30/6/2023"} {
		if _, err := Parse(s); err == nil {
			t.Errorf("Parse(%q) accepted a day that does not exist", s)
		}
	}
	if _, err := Parse("2024-02-29"); err != nil {
		t.Errorf("2024-02-29 exists: %v", err)
	}
}

// Compare orders dates as their times do, the zero date first.
func TestCompareIsTimeOrder(t *testing.T) {
	dates := []Date{{}, New(1999, 12, 31), New(2000, 1, 1), New(2023, 6, 30), New(2023, 7, 1), New(2024, 2, 29), New(2024, 3, 1)}
	for i := 0; i < 2000; i++ {
		dates = append(dates, New(1990+i%40, time.Month(1+i*7%12), 1+i*13%28))
	}
	for _, a := range dates {
		for _, b := range dates[:50] {
			if got, want := a.Compare(b), a.Time().Compare(b.Time()); got != want {
				t.Fatalf("%v.Compare(%v) = %d, time says %d", a, b, got, want)
			}
		}
	}
}
