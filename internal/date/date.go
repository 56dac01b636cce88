// Package date provides civil dates (a day on the calendar, with no time or zone) and
// periods (a closed range of days written as "2023", "2023-Q2", "2023-06" or "2021/2025").
//
// Plans and reports speak of days, not instants: "đến 30/6/2023". Keeping them as civil
// dates makes every computation independent of the machine's time zone.
package date

import (
	"cmp"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Date is a day on the Gregorian calendar. The zero Date means "not given".
//
// It takes 4 bytes: a national site holds a million of them (each target and result has
// two or three), so narrow fields save tens of megabytes of a build's peak memory. Years
// outside int16 do not occur in data (periods are 1900–2200); Of and New clamp them.
type Date struct {
	Year  int16
	Month Month
	Day   uint8
}

// Month is a month of the year, 1 (January) to 12, in one byte; 0 only in the zero Date.
type Month uint8

// Of returns the calendar day of t as written in its own location.
func Of(t time.Time) Date {
	y, m, d := t.Date()
	return Date{int16(min(max(y, math.MinInt16), math.MaxInt16)), Month(m), uint8(d)}
}

// Ymd returns the date's year, month and day as the time package takes them.
func (d Date) Ymd() (int, time.Month, int) { return int(d.Year), time.Month(d.Month), int(d.Day) }

// New returns the date y-m-d, normalising overflow the way time.Date does.
func New(y int, m time.Month, d int) Date {
	return Of(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// Parse reads an ISO date (2023-06-30) and rejects days that do not exist.
func Parse(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date YYYY-MM-DD that exists", s)
	}
	return Of(t), nil
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Time returns midnight UTC of d.
func (d Date) Time() time.Time {
	y, m, day := d.Ymd()
	return time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
}

// String formats d as ISO 2006-01-02.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	// Dates are made normalised (New, Parse, Of), so their fields order them as time does,
	// without making two time.Time values per comparison: pages compare dates by the million.
	// year, month and day packed in one integer, compared once
	return cmp.Compare(d.ordinal(), e.ordinal())
}

// ordinal is d's fields in one integer that orders dates as Compare does.
func (d Date) ordinal() int32 { return int32(d.Year)<<16 | int32(d.Month)<<8 | int32(d.Day) }

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.ordinal() < e.ordinal() }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.ordinal() > e.ordinal() }

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date {
	if !d.valid() {
		y, m, day := d.Ymd()
		return New(y, m, day+n) // as time normalises it
	}
	if day := int(d.Day) + n; day >= 1 && day <= d.DaysInMonth() {
		return Date{d.Year, d.Month, uint8(day)} // within the month: most moves
	}
	return fromDays(d.days() + int64(n))
}

// DaysInMonth returns the number of days of d's month.
func (d Date) DaysInMonth() int {
	if d.Month < 1 || d.Month > 12 {
		y, m, _ := d.Ymd()
		return int(New(y, m+1, 0).Day) // as time normalises the month
	}
	if d.Month == 2 && isLeap(int(d.Year)) {
		return 29
	}
	return int(monthDays[d.Month])
}

// monthDays are the days of each month (1–12) of a common year.
var monthDays = [13]uint8{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// isLeap reports whether y is a leap year of the proleptic Gregorian calendar.
func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// valid reports whether d is a day on the calendar: New, Parse and Of make only such
// dates; the zero Date is not one.
func (d Date) valid() bool {
	return d.Month >= 1 && d.Month <= 12 && d.Day >= 1 && int(d.Day) <= d.DaysInMonth()
}

// days is the number of d's day counted from 1970-01-01 (negative before it) on the
// proleptic Gregorian calendar, as time counts them, with integers only: pages move and
// measure dates by the million (Howard Hinnant's days_from_civil). d must be valid.
func (d Date) days() int64 {
	y, m := int64(d.Year), int64(d.Month)
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400 // [0, 399]
	mp := (m + 9) % 12 // March is 0
	doy := (153*mp+2)/5 + int64(d.Day) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// fromDays is the date of day number n (Date.days), its year clamped as Of clamps it.
func fromDays(n int64) Date {
	n += 719468
	era := n / 146097
	if n < 0 && n%146097 != 0 {
		era--
	}
	doe := n - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	y := yoe + era*400
	if m <= 2 {
		y++
	}
	return Date{int16(min(max(y, math.MinInt16), math.MaxInt16)), Month(m), uint8(day)}
}

// HoursUntil returns the hours from midnight of d to midnight of e, as
// e.Time().Sub(d.Time()).Hours() returns them to the bit — whole days of 24 hours,
// saturated as time.Duration saturates — without making either time.
func (d Date) HoursUntil(e Date) float64 {
	const maxDays = math.MaxInt64 / int64(24*time.Hour)
	if !d.valid() || !e.valid() {
		return e.Time().Sub(d.Time()).Hours()
	}
	n := e.days() - d.days()
	if n > maxDays || n < -maxDays {
		return e.Time().Sub(d.Time()).Hours() // past 292 years: the duration saturates
	}
	return float64(n * 24)
}

// IsMonthEnd reports whether d is the last day of its month.
func (d Date) IsMonthEnd() bool { return int(d.Day) == d.DaysInMonth() }

// MonthsUntil returns how many months lie between d and e (negative if e is before d):
// whole calendar months, then the remaining days as a fraction of the month they fall in.
// Month ends count as month ends: 30/6 → 31/12 is 6 months, 31/8 → 20/12 is 3 + 20/31.
func (d Date) MonthsUntil(e Date) float64 {
	if e.Before(d) {
		return -e.MonthsUntil(d)
	}
	months := (int(e.Year)-int(d.Year))*12 + int(e.Month) - int(d.Month)
	for months > 0 && d.addMonths(months).After(e) {
		months--
	}
	anchor, next := d.addMonths(months), d.addMonths(months+1)
	return float64(months) + anchor.HoursUntil(e)/anchor.HoursUntil(next)
}

// addMonths moves d by n calendar months; a month end stays a month end and a day past the
// end of the target month is clamped to it.
func (d Date) addMonths(n int) Date {
	y, m, _ := d.Ymd()
	first := firstOfMonth(y, int(m)+n)
	day := int(d.Day)
	if d.IsMonthEnd() || day > first.DaysInMonth() {
		day = first.DaysInMonth()
	}
	return Date{first.Year, first.Month, uint8(day)}
}

// firstOfMonth is New(y, time.Month(m), 1): the first day of month m of year y, m
// normalised into the years before or after.
func firstOfMonth(y, m int) Date {
	total := y*12 + m - 1
	ny, nm := total/12, total%12
	if nm < 0 {
		ny, nm = ny-1, nm+12
	}
	if ny < math.MinInt16 || ny > math.MaxInt16 {
		return New(y, time.Month(m), 1) // clamped as Of clamps it
	}
	return Date{int16(ny), Month(nm + 1), 1}
}

// Period is a closed range of days with the text it was written as.
type Period struct {
	Start, End Date
	Text       string
}

// Contains reports whether d lies within p, ends included.
func (p Period) Contains(d Date) bool { return !d.Before(p.Start) && !d.After(p.End) }

// Overlaps reports whether p and q share a day.
func (p Period) Overlaps(q Period) bool { return !p.End.Before(q.Start) && !q.End.Before(p.Start) }

// Year returns the period's start year.
func (p Period) Year() int { return int(p.Start.Year) }

// ParsePeriod reads "2023", "2023-Q2", "2023-06", "2021/2025" or "2023-03/2023-12".
func ParsePeriod(s string) (Period, error) {
	s = strings.TrimSpace(s)
	if from, to, ok := strings.Cut(s, "/"); ok {
		a, err := ParsePeriod(from)
		if err != nil {
			return Period{}, err
		}
		b, err := ParsePeriod(to)
		if err != nil {
			return Period{}, err
		}
		if b.End.Before(a.Start) {
			return Period{}, fmt.Errorf("period %q ends before it starts", s)
		}
		return Period{Start: a.Start, End: b.End, Text: s}, nil
	}
	if len(s) == 10 {
		d, err := Parse(s)
		if err != nil {
			return Period{}, err
		}
		if d.Year < 1900 || d.Year > 2200 {
			return Period{}, fmt.Errorf("period %q: the year must be between 1900 and 2200", s)
		}
		return Period{Start: d, End: d, Text: s}, nil
	}
	yearText, rest, hasRest := strings.Cut(s, "-")
	year, err := strconv.Atoi(yearText)
	if err != nil || len(yearText) != 4 || year < 1900 || year > 2200 {
		return Period{}, fmt.Errorf("period %q does not start with a year", s)
	}
	if !hasRest {
		return Period{Start: Date{int16(year), 1, 1}, End: Date{int16(year), 12, 31}, Text: s}, nil
	}
	if q, ok := strings.CutPrefix(rest, "Q"); ok {
		n, err := strconv.Atoi(q)
		if err != nil || n < 1 || n > 4 || len(q) != 1 {
			return Period{}, fmt.Errorf("period %q: quarter must be Q1 to Q4", s)
		}
		start := Date{int16(year), Month(3*n - 2), 1}
		return Period{Start: start, End: New(year, time.Month(3*n+1), 0), Text: s}, nil
	}
	m, err := strconv.Atoi(rest)
	if err != nil || len(rest) != 2 || m < 1 || m > 12 {
		return Period{}, fmt.Errorf("period %q: month must be 01 to 12", s)
	}
	return Period{Start: Date{int16(year), Month(m), 1}, End: New(year, time.Month(m+1), 0), Text: s}, nil
}
