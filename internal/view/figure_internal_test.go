package view

import (
	"testing"

	"github.com/covsite/covsite/internal/i18n"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/themes"
)

// A card's figures, kept as numbers, read as the strings the view made of them before:
// appended after what a buffer holds, or as a string for a site's own layouts.
func TestCardFiguresAppendTheirText(t *testing.T) {
	langs, err := i18n.Load(themes.Default())
	if err != nil {
		t.Fatal(err)
	}
	vi, en := Format{Lang: langs["vi"]}, Format{Lang: langs["en"]}
	people := &model.Indicator{ID: "bhxh", Unit: model.People}
	rate := &model.Indicator{ID: "ty-le", Unit: model.Percent}
	num := func(v float64, decimals int8) model.Num { return model.Num{V: v, Known: true, Decimals: decimals} }
	for _, tt := range []struct {
		name string
		fig  interface {
			Append([]byte) []byte
			String() string
		}
		want string
	}{
		{"figure", CardFigure{vi, people, num(1022552, 0)}, "1.022.552"},
		{"figure, percent", CardFigure{en, rate, num(80.58, 2)}, "80.58%"},
		{"figure, unknown", CardFigure{vi, people, model.Num{}}, "—"},
		{"figure, zero", CardFigure{}, ""},
		{"share", CardShare{f: vi, share: num(85.314, 2)}, " · Đạt 85,31\u00a0% chỉ tiêu"},
		{"share, as reported", CardShare{f: vi, share: num(85.314, 2), reported: num(85.3, 1)}, " · Đạt 85,31\u00a0% chỉ tiêu (nguồn ghi 85,3\u00a0%)"},
		{"share, en", CardShare{f: en, share: num(100, 0)}, " · 100.00% of target"},
		{"share, zero", CardShare{}, ""},
		{"needed", CardNeeded{f: vi, ind: people, gap: num(1234, 0), pace: num(123.4, 1)}, "còn phải phát triển thêm 1.234 · cần bình quân 123 người/tháng"},
		{"needed, pace only", CardNeeded{f: en, ind: people, pace: num(12, 0)}, "needs 12 people a month"},
		{"needed, points", CardNeeded{f: vi, ind: rate, gap: num(3.2, 1), byRate: true}, "còn thiếu 3,20 điểm phần trăm"},
		{"needed, nothing left", CardNeeded{f: vi, ind: people, gap: num(-5, 0)}, ""},
		{"needed, zero", CardNeeded{}, ""},
	} {
		if got := tt.fig.String(); got != tt.want {
			t.Errorf("%s: String() = %q, want %q", tt.name, got, tt.want)
		}
		if got := string(tt.fig.Append([]byte("x"))); got != "x"+tt.want {
			t.Errorf("%s: Append = %q, want %q", tt.name, got, "x"+tt.want)
		}
	}
}

// A card's meter draws the share on the default range 0 to 1, to three places, within it.
func TestMeterValue(t *testing.T) {
	for _, tt := range []struct {
		pct  float64
		want string
	}{
		{91.98, "0.92"}, {85.31, "0.853"}, {100, "1"}, {137.5, "1"}, {0, "0"}, {-4, "0"}, {0.04, "0"}, {0.05, "0.001"}, {99.99, "1"},
	} {
		s := CardShare{share: model.Num{V: tt.pct, Known: true}}
		if got := s.Meter(); got != tt.want {
			t.Errorf("meter of %v = %q, want %q", tt.pct, got, tt.want)
		}
	}
	if got := (CardShare{}).Meter(); got != "" {
		t.Errorf("meter without a share = %q, want none", got)
	}
}
