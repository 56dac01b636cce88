package i18n

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/number"
)

// xtext is how golang.org/x/text prints v: what Number and Fixed must match.
func xtext(l *Lang, v float64, decimals int, fixed bool) string {
	opts := []number.Option{number.MaxFractionDigits(decimals)}
	if fixed {
		opts = append(opts, number.MinFractionDigits(decimals))
	}
	return l.printer.Sprint(number.Decimal(v, opts...))
}

func checkAgainstXText(t *testing.T, v float64, decimals int) {
	t.Helper()
	for _, code := range Languages {
		l := New(code, nil)
		if got, want := l.Number(v, decimals), xtext(l, v, decimals, false); got != want {
			t.Errorf("%s Number(%v, %d) = %q, x/text %q", code, v, decimals, got, want)
		}
		if got, want := l.Fixed(v, decimals), xtext(l, v, decimals, true); got != want {
			t.Errorf("%s Fixed(%v, %d) = %q, x/text %q", code, v, decimals, got, want)
		}
	}
}

func TestNumbersAreXText(t *testing.T) {
	values := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, 1.5, 2.5, -2.5, 0.125, 2.675, 1.005, 999.995, 999999.5,
		1022552, 1692067.6, -1692067.6, 85.27, 0.001, -0.001, -0.004, 1e15, 123456789.987654, 1e-9, 95.10}
	for _, v := range values {
		for decimals := range 4 {
			checkAgainstXText(t, v, decimals)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		v := (rng.Float64() - 0.3) * math.Pow(10, float64(rng.IntN(12)))
		checkAgainstXText(t, v, rng.IntN(4))
	}
	for range 20000 { // whole numbers (people, counts), which take a path of their own
		v := math.Trunc((rng.Float64() - 0.3) * math.Pow(10, float64(rng.IntN(16))))
		checkAgainstXText(t, v, rng.IntN(4))
	}
	for _, v := range []float64{999999999999999, 1e15 - 1, -1e15 + 1, 1e15, 1e15 + 2, 4503599627370496, 9007199254740993} {
		checkAgainstXText(t, v, 2)
	}
}

func FuzzNumbers(f *testing.F) {
	f.Add(1692067.6, 2)
	f.Add(-0.004, 2)
	f.Add(2.675, 2)
	f.Fuzz(func(t *testing.T, v float64, decimals int) {
		if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e18 {
			return // not a figure; x/text switches to exponents for huge values
		}
		checkAgainstXText(t, v, ((decimals%5)+5)%5)
	})
}

// AppendNumber, AppendPercent and AppendFixed append what Number, Percent and Fixed return.
func TestAppendIsFormat(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	values := []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(1), math.Inf(-1), 1022552, 80.58, -0.004, 2.675}
	for range 5000 {
		values = append(values, (rng.Float64()-0.3)*math.Pow(10, float64(rng.IntN(12))), math.Trunc(rng.Float64()*1e7))
	}
	for _, code := range Languages {
		l := New(code, nil)
		for i, v := range values {
			d := i % 4
			if got, want := string(l.AppendNumber([]byte("x"), v, d)), "x"+l.Number(v, d); got != want {
				t.Fatalf("%s AppendNumber(%v, %d) = %q, want %q", code, v, d, got, want)
			}
			if got, want := string(l.AppendPercent([]byte("x"), v, d)), "x"+l.Percent(v, d); got != want {
				t.Fatalf("%s AppendPercent(%v, %d) = %q, want %q", code, v, d, got, want)
			}
			if got, want := string(l.AppendFixed([]byte("x"), v, d)), "x"+l.Fixed(v, d); got != want {
				t.Fatalf("%s AppendFixed(%v, %d) = %q, want %q", code, v, d, got, want)
			}
		}
	}
}

// appendScaled writes strconv's digits of a figure rounded to 1–4 decimals, or declines:
// halves and near-halves (0.125, 2.675, 1.005), the figures a page has (80.58, 1692067.6),
// random ones and ones a hair from a half in either direction.
func TestScaledIsStrconv(t *testing.T) {
	values := []float64{0, 0.5, 0.05, 0.005, 0.0005, 0.125, 2.675, 1.005, 999.995, 80.58, 95.1, 1692067.6, 85.3125467,
		1<<33 - 0.5, 4.35, 0.045, 1.0000000001, 0.9999999999}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 200000 {
		values = append(values, rng.Float64()*math.Pow(10, float64(rng.IntN(10))))
		n := float64(rng.IntN(1000000)) + 0.5
		d := math.Pow(10, float64(1+rng.IntN(4)))
		values = append(values, n/d, math.Nextafter(n/d, 0), math.Nextafter(n/d, 1e10))
	}
	declined := 0
	for _, a := range values {
		for decimals := 1; decimals <= 4; decimals++ {
			got, ok := appendScaled(nil, a, decimals)
			if !ok {
				declined++
				continue
			}
			want := strings.Replace(strconv.FormatFloat(a, 'f', decimals, 64), ".", "", 1)
			if string(got) != want {
				t.Fatalf("appendScaled(%v, %d) = %q, strconv %q", a, decimals, got, want)
			}
		}
	}
	if declined > len(values) { // a quarter of the (value, decimals) pairs
		t.Errorf("appendScaled declined %d of %d", declined, 4*len(values))
	}
}
