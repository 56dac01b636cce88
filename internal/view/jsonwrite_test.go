package view

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
)

// The data islands written by hand are what encoding/json writes: strings of every kind
// (HTML characters, control characters, invalid UTF-8, the line separators, Vietnamese),
// a chart's own option and a page's chart tools.
func TestJSONIsEncodingJSON(t *testing.T) {
	pieces := []string{"a", "Số", " ", "%s", "<", ">", "&", `"`, `\`, "\n", "\t", "\x00", "\x1f", "\x7f", "\u2028", "\u2029",
		"\xff", "\xe1\xbb", "ệ", "∑", "1.277 + 80", "—", "'", "/", "😀", "\u00a0"}
	rng := rand.New(rand.NewPCG(3, 4))
	var samples []string
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		samples = append(samples, b.String())
	}
	for _, s := range samples {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Fatalf("%q: %s, json writes %s", s, got, want)
		}
	}
	type axis struct {
		Name string `json:"name"`
	}
	type option struct {
		Kind     string `json:"kind"`
		YAxis    []axis `json:"yAxis,omitempty"`
		Computed []any  `json:"computed,omitempty"`
	}
	for i, s := range samples[:2000] {
		opt := option{Kind: []string{"line", "bar-1"}[i%2]}
		if i%3 > 0 && s != "" { // a chart's option names its axis when it has a name
			opt.YAxis = []axis{{Name: s}}
		}
		if i%4 > 0 {
			opt.Computed = []any{nil, i % 5, []string{"%s", s, ""}, []string(nil)}[:1+i%4]
		}
		want, err := json.Marshal(opt)
		if err != nil {
			t.Fatal(err)
		}
		var name string
		if opt.YAxis != nil {
			name = s
		}
		if got, err := chartOptionJSON(opt.Kind, name, opt.Computed); err != nil || got != string(want) {
			t.Fatalf("option %+v: %s, %v; json writes %s", opt, got, err, want)
		}
		tools := ChartTools{Words: map[string]string{"png": "PNG", "label": s, "copy": samples[i+1], "a<b": "&"}, Embed: "/nhung/?p=" + s, Credit: samples[i+2]}
		if want, err := json.Marshal(tools); err != nil || string(tools.JSON()) != string(want) {
			t.Fatalf("tools %+v: %s; json writes %s, %v", tools, tools.JSON(), want, err)
		}
	}
}
