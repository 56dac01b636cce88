package i18n

import (
	"math"
	"sync"
	"testing"
	"time"

	"github.com/covsite/covsite/internal/date"
)

// The formats of each language, on the seeds' own figures.
func TestFormats(t *testing.T) {
	vi, en := New("vi", nil), New("en", nil)
	d, err := date.Parse("2023-06-30")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ got, want string }{
		{vi.Number(1022552, 0), "1.022.552"},
		{en.Number(1022552, 0), "1,022,552"},
		{vi.Number(1692067.6, 2), "1.692.067,6"},
		{en.Number(1692067.6, 2), "1,692,067.6"},
		{vi.Percent(80.58, 2), "80,58\u00a0%"},
		{en.Percent(80.58, 2), "80.58%"},
		{vi.Percent(85, 2), "85,00\u00a0%"},
		{vi.PercentUpTo(80, 2), "80\u00a0%"},
		{vi.PercentUpTo(86.5, 2), "86,5\u00a0%"},
		{en.PercentUpTo(86.5, 2), "86.5%"},
		{vi.PercentUpTo(math.NaN(), 2), "—"},
		{vi.Date(d), "30/6/2023"},
		{en.Date(d), "30 Jun 2023"},
		{en.Period(period(t, "2023-03/2023-12")), "Mar 2023–Dec 2023"},
		{en.Period(period(t, "2021/2025")), "2021–2025"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func period(t *testing.T, text string) date.Period {
	t.Helper()
	p, err := date.ParsePeriod(text)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Date keeps each date it formats: the same text, the first time and after, on several
// goroutines (-race), and for dates outside the years it keeps.
func TestDateKeptIsDateFormatted(t *testing.T) {
	for _, code := range Languages {
		l := New(code, nil)
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				for y := datesFrom - 2; y <= datesTo+2; y += 7 {
					for m := 1; m <= 12; m++ {
						for day := 1; day <= 31; day += 3 {
							d := date.New(y, time.Month(m), day)
							if got, want := l.Date(d), l.formatDate(d); got != want {
								t.Errorf("%s Date(%v) = %q, want %q", code, d, got, want)
							}
						}
					}
				}
			})
		}
		wg.Wait()
	}
}
