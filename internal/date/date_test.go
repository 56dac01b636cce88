package date

import (
	"math"
	"testing"
	"time"
	"unsafe"
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
	dates := []Date{{}, New(1999, 12, 31), New(2000, 1, 1), New(2023, 6, 30), New(2023, 7, 1), New(2024, 2, 29), New(2024, 3, 1),
		New(-3, 12, 31), New(-1, 1, 1), New(1, 1, 1), New(9999, 12, 31)}
	for i := 0; i < 2000; i++ {
		dates = append(dates, New(1990+i%40, time.Month(1+i*7%12), 1+i*13%28))
	}
	for _, a := range dates {
		for _, b := range dates[:60] {
			if got, want := a.Compare(b), a.Time().Compare(b.Time()); got != want {
				t.Fatalf("%v.Compare(%v) = %d, time says %d", a, b, got, want)
			}
			if a.Before(b) != (a.Time().Compare(b.Time()) < 0) || a.After(b) != (a.Time().Compare(b.Time()) > 0) {
				t.Fatalf("%v.Before/After(%v) disagree with time", a, b)
			}
		}
	}
}

// A national site holds a million dates: they must stay 4 bytes.
func TestDateSize(t *testing.T) {
	if n := unsafe.Sizeof(Date{}); n != 4 {
		t.Errorf("Date takes %d bytes, want 4", n)
	}
}

// The narrow fields keep what the wide ones held: every day of 1900–2200 round-trips
// through Time, String and Parse, and Compare orders dates as time does.
func TestDateRoundTrip(t *testing.T) {
	prev := Date{}
	for tm := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC); tm.Year() <= 2200; tm = tm.AddDate(0, 0, 1) {
		d := Of(tm)
		if !d.Time().Equal(tm) {
			t.Fatalf("Of(%s).Time() = %s", tm, d.Time())
		}
		if p, err := Parse(d.String()); err != nil || p != d || d.String() != tm.Format("2006-01-02") {
			t.Fatalf("%s: String %q, Parse back %v, %v", tm, d.String(), p, err)
		}
		if !prev.IsZero() && (!prev.Before(d) || d.Compare(prev) != 1 || prev.AddDays(1) != d) {
			t.Fatalf("%v and %v are out of order", prev, d)
		}
		prev = d
	}
	if y := Of(time.Date(40000, 1, 1, 0, 0, 0, 0, time.UTC)).Year; y != math.MaxInt16 {
		t.Errorf("year 40000 is kept as %d, want %d", y, math.MaxInt16)
	}
}

// AddDays, DaysInMonth, HoursUntil and MonthsUntil count with integers what time counts
// with instants: the same dates and the same float64 bits, for every day of 1900–2200
// and, for the spans, pairs of them (MonthsUntil against its instants' version).
func TestIntegerArithmeticIsTime(t *testing.T) {
	var all []Date
	for tm := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC); tm.Year() <= 2200; tm = tm.AddDate(0, 0, 1) {
		all = append(all, Of(tm))
	}
	for i, d := range all {
		y, m, day := d.Ymd()
		for _, n := range []int{-400, -31, -1, 0, 1, 27, 31, 366, 1000} {
			if got, want := d.AddDays(n), New(y, m, day+n); got != want {
				t.Fatalf("%v.AddDays(%d) = %v, want %v", d, n, got, want)
			}
		}
		if got, want := d.DaysInMonth(), int(New(y, m+1, 0).Day); got != want {
			t.Fatalf("%v.DaysInMonth() = %d, want %d", d, got, want)
		}
		e := all[(i*7919+13)%len(all)]
		if got, want := d.HoursUntil(e), e.Time().Sub(d.Time()).Hours(); got != want {
			t.Fatalf("%v.HoursUntil(%v) = %v, want %v", d, e, got, want)
		}
		if i%37 == 0 {
			if got, want := d.MonthsUntil(e), monthsUntilByTime(d, e); math.Float64bits(got) != math.Float64bits(want) {
				t.Fatalf("%v.MonthsUntil(%v) = %v, want %v", d, e, got, want)
			}
		}
	}
	far := []struct{ a, b Date }{{New(1600, 1, 1), New(2200, 1, 1)}, {New(2200, 1, 1), New(1600, 1, 1)}, {Date{}, New(2023, 6, 30)}, {New(2023, 6, 30), Date{}}}
	for _, p := range far {
		if got, want := p.a.HoursUntil(p.b), p.b.Time().Sub(p.a.Time()).Hours(); got != want {
			t.Errorf("%v.HoursUntil(%v) = %v, want %v (saturated as time saturates)", p.a, p.b, got, want)
		}
	}
	for _, d := range []Date{{}, {2023, 0, 5}, {2023, 13, 1}} {
		y, m, day := d.Ymd()
		if got, want := d.AddDays(3), New(y, m, day+3); got != want {
			t.Errorf("%+v.AddDays(3) = %v, want %v", d, got, want)
		}
		if got, want := d.DaysInMonth(), int(New(y, m+1, 0).Day); got != want {
			t.Errorf("%+v.DaysInMonth() = %d, want %d", d, got, want)
		}
	}
}

// monthsUntilByTime is MonthsUntil as it was written with time: the reference.
func monthsUntilByTime(d, e Date) float64 {
	if e.Before(d) {
		return -monthsUntilByTime(e, d)
	}
	addMonths := func(d Date, n int) Date {
		y, m, _ := d.Ymd()
		first := New(y, m+time.Month(n), 1)
		daysIn := func(x Date) int { y, m, _ := x.Ymd(); return int(New(y, m+1, 0).Day) }
		day := int(d.Day)
		if day == daysIn(d) || day > daysIn(first) {
			day = daysIn(first)
		}
		return Date{first.Year, first.Month, uint8(day)}
	}
	months := (int(e.Year)-int(d.Year))*12 + int(e.Month) - int(d.Month)
	for months > 0 && addMonths(d, months).After(e) {
		months--
	}
	anchor, next := addMonths(d, months), addMonths(d, months+1)
	span := next.Time().Sub(anchor.Time()).Hours()
	return float64(months) + e.Time().Sub(anchor.Time()).Hours()/span
}
