package component

import (
	"context"
	"html"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/i18n"
	"github.com/covsite/covsite/internal/view"
)

// TestTxtEscapesAsTemplDoes checks @txt against html.EscapeString, what templ's { } prints.
func TestTxtEscapesAsTemplDoes(t *testing.T) {
	for _, s := range []string{"", "Phường 7", "<b>", "a & b", `"q"`, "it's", "&&<<>>", "x<", ">x", "Đạt 80,58 % — <a href='x'>\"y\"</a>"} {
		var b strings.Builder
		if err := txt(s).Render(context.Background(), &b); err != nil {
			t.Fatal(err)
		}
		if got, want := b.String(), html.EscapeString(s); got != want {
			t.Errorf("txt(%q) = %q, want %q", s, got, want)
		}
	}
	// every special byte at every place of texts longer than the eight bytes looked at at
	// once, beside bytes that differ from a special one by a bit
	for n := range 20 {
		for i := range n {
			for _, c := range []byte{'<', '>', '&', '\'', '"', '=', '<' ^ 0x80, '&' + 1, '#', '$', '%', '?', ';', '>' ^ 0x80, 0} {
				in := []byte(strings.Repeat("Đạt", n)[:n])
				in[i] = c
				s := string(in) + string(in)
				var b strings.Builder
				if err := txt(s).Render(context.Background(), &b); err != nil {
					t.Fatal(err)
				}
				if got, want := b.String(), html.EscapeString(s); got != want {
					t.Fatalf("txt(%q) = %q, want %q", s, got, want)
				}
				if got, want := string(appendEscaped([]byte("x"), s)), "x"+html.EscapeString(s); got != want {
					t.Fatalf("appendEscaped(%q) = %q, want %q", s, got, want)
				}
			}
		}
	}
}

// line prints each kind of piece as the templ component it replaced did.
func TestLinePrintsEachPiece(t *testing.T) {
	for _, tt := range []struct {
		line view.Line
		want string
	}{
		{view.Line{{Text: "a < b"}}, "a &lt; b"},
		{view.Line{{Text: "Q&A", URL: "/x/?a=1&b=2"}}, `<a href="/x/?a=1&amp;b=2">Q&amp;A</a>`},
		{view.Line{{Text: "Kế hoạch", Cite: true}}, `<cite>Kế hoạch</cite>`},
		{view.Line{{Text: "Kế hoạch", Cite: true, Lang: "vi"}}, `<cite lang="vi">Kế hoạch</cite>`},
		{view.Line{{Text: "UBND", Lang: "vi"}}, `<span lang="vi">UBND</span>`},
		{view.Line{{Text: "Kế hoạch", URL: "/k/", Lang: "vi"}}, `<a href="/k/" lang="vi">Kế hoạch</a>`},
		{view.Line{{Text: "Theo "}, {Text: "49/KH", URL: "/k/"}, {Text: "."}}, `Theo <a href="/k/">49/KH</a>.`},
	} {
		var b strings.Builder
		if err := line(tt.line).Render(context.Background(), &b); err != nil {
			t.Fatal(err)
		}
		if b.String() != tt.want {
			t.Errorf("line %+v = %q, want %q", tt.line, b.String(), tt.want)
		}
	}
}

// The notes under a figure print where it stands in its document escaped, its Vietnamese
// words on an English page (view: whereVI) in a span lang="vi", and nothing else marked.
func TestWhereMarksItsVietnamese(t *testing.T) {
	for _, tt := range []struct {
		computed, where, vi, want string
	}{
		{"", "Where in the document: Section II.2", "", `<br><small class="where">Where in the document: Section II.2</small>`},
		{"", "Where in the document: Bảng <chi tiết>", "Bảng <chi tiết>",
			`<br><small class="where">Where in the document: <span lang="vi">Bảng &lt;chi tiết&gt;</span></small>`},
		{"sum", "Where: Bảng 1 & 2 (ibid.)", "Bảng 1 & 2",
			`<br><small class="calc-note">` + view.CalcMark + ` sum</small> <br><small class="where">Where: <span lang="vi">Bảng 1 &amp; 2</span> (ibid.)</small>`},
		{"", "", "", ``},
		{"", "Where: x", "not in it", `<br><small class="where">Where: x</small>`},
	} {
		var b strings.Builder
		if err := figureNotes(tt.computed, tt.where, tt.vi).Render(context.Background(), &b); err != nil {
			t.Fatal(err)
		}
		if b.String() != tt.want {
			t.Errorf("where %q (%q) = %q, want %q", tt.where, tt.vi, b.String(), tt.want)
		}
	}
}

// targetValue prints a target as the templ components it replaced did: figure, base,
// per, the implied mark, the ∑, in a span carrying the figure's data attributes.
func TestTargetValuePrintsAsBefore(t *testing.T) {
	tr := i18n.New("vi", map[string]string{"flag.implied": "suy ra", "calc.short": "Số do trang tính"})
	for _, tt := range []struct {
		v     view.TargetFigure
		keyed bool
		want  string
	}{
		{view.TargetFigure{Text: "2.236"}, false, "2.236"},
		{view.TargetFigure{Text: "2.236", Fig: view.Fig{Set: true, Key: "t/a//b/2023"}}, false, "2.236"},
		{view.TargetFigure{Text: "2.236", Fig: view.Fig{Set: true, Key: "t/a//b/2023"}}, true, `<span data-fig="t/a//b/2023">2.236</span>`},
		{view.TargetFigure{Text: "94,44 %", Details: &view.TargetDetails{Base: "dân số", Per: " mỗi tháng"}}, false, `94,44 % <span class="base">dân số</span> mỗi tháng`},
		{view.TargetFigure{Text: "1", Details: &view.TargetDetails{Per: " mỗi tháng", ImpliedNote: "#note-implied-k"}}, false,
			`1 mỗi tháng<sup><a href="#note-implied-k" class="flag" aria-label="suy ra">≈</a></sup>`},
		{view.TargetFigure{Text: "2.499", Computed: "tổng", Fig: view.Fig{Set: true, Calc: "sum"}}, false,
			`<span data-calc="sum">2.499<abbr class="calc" title="Số do trang tính">∑</abbr></span>`},
		{view.TargetFigure{Text: "2.499", Computed: "tổng", Fig: view.Fig{Set: true, Key: "t/a//b/2023", Calc: "sum"}}, true,
			`<span data-calc="sum" data-fig="t/a//b/2023">2.499<abbr class="calc" title="Số do trang tính">∑</abbr></span>`},
	} {
		ctx := context.Background()
		if tt.keyed {
			ctx = WithFigureKeys(ctx)
		}
		var b strings.Builder
		if err := targetValue(tr, tt.v).Render(ctx, &b); err != nil {
			t.Fatal(err)
		}
		if b.String() != tt.want {
			t.Errorf("targetValue %+v = %q, want %q", tt.v, b.String(), tt.want)
		}
	}
}

// bars and childLinks write what the templ loops they replaced wrote, spaces included.
func TestBarsAndChildLinksPrintAsBefore(t *testing.T) {
	var b strings.Builder
	bs := []view.Bar{{Name: "Cà Mau", Value: "100,8 %", Width: 47.8, Y: 36, TextY: 51, X: 40, ValueX: 88.8, Met: true}, {Name: "A&B", Value: "90 %", Width: 42.5, Y: 64, TextY: 79, X: 40, ValueX: 83.5}}
	if err := bars(bs).Render(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	want := `<text class="barchart__name" x="0" y="51">Cà Mau</text> <rect class="barchart__bar barchart__bar--met" x="40%" y="36" width="47.8%" height="20"></rect> <text class="barchart__value" x="88.8%" y="51">100,8 %</text>` +
		`<text class="barchart__name" x="0" y="79">A&amp;B</text> <rect class="barchart__bar" x="40%" y="64" width="42.5%" height="20"></rect> <text class="barchart__value" x="83.5%" y="79">90 %</text>`
	if b.String() != want {
		t.Errorf("bars:\n%s\nwant\n%s", b.String(), want)
	}
	b.Reset()
	cs := []view.ChildLink{{Link: view.Link{Text: "Phường 1", URL: "/dia-phuong/p-1/"}, Kind: "Phường"}, {Link: view.Link{Text: "Xã A", URL: "/dia-phuong/a/"}, Kind: "Xã", Ended: " · đến 30/6/2025"}}
	if err := childLinks(cs).Render(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	want = `<li><a href="/dia-phuong/p-1/">Phường 1</a> <span class="muted">Phường</span></li><li><a href="/dia-phuong/a/">Xã A</a> <span class="muted">Xã · đến 30/6/2025</span></li>`
	if b.String() != want {
		t.Errorf("childLinks:\n%s\nwant\n%s", b.String(), want)
	}
}

// onlyBytes is a writer without WriteString.
type onlyBytes struct{ b []byte }

func (w *onlyBytes) Write(p []byte) (int, error) { w.b = append(w.b, p...); return len(p), nil }

// The components write the same bytes to a writer of strings (templ's buffer) and to one
// that only takes bytes.
func TestWritersOfBytesGetTheSame(t *testing.T) {
	var sb strings.Builder
	var ob onlyBytes
	for _, w := range []io.Writer{&sb, &ob} {
		if err := writeTag(w, `<a href="`, `/x?a=1&b="2"`, `">`, `<Phường 7> & 'B'`, `</a>`); err != nil {
			t.Fatal(err)
		}
		if err := writeStrings(w, " · ", "ok"); err != nil {
			t.Fatal(err)
		}
	}
	want := `<a href="/x?a=1&amp;b=&#34;2&#34;">&lt;Phường 7&gt; &amp; &#39;B&#39;</a> · ok`
	if sb.String() != want || string(ob.b) != want {
		t.Errorf("to a writer of strings %q, of bytes %q; want %q", sb.String(), ob.b, want)
	}
}

// TestCardNoteLinks: a card's notes are anchored by its id, or on a plan page by its
// position — the first ones' links made once, the others' each time, all the same.
func TestCardNoteLinks(t *testing.T) {
	withNotes := view.Card{Result: &view.CardResult{Computed: "Số do trang tính: tổng các thành phần, 1.888 + 165"}}
	if !hasCardNotes(withNotes) {
		t.Fatal("a card with a computed figure has no notes")
	}
	for _, tt := range []struct {
		id       string
		i        int
		wantID   string
		wantHref string
	}{
		{"chi-so-bhyt", 0, "ghi-chu-chi-so-bhyt", "#ghi-chu-chi-so-bhyt"},
		{"", 0, "ghi-chu-1", "#ghi-chu-1"},
		{"", 11, "ghi-chu-12", "#ghi-chu-12"},
		{"", len(numberedNotes) - 1, "ghi-chu-" + strconv.Itoa(len(numberedNotes)), "#ghi-chu-" + strconv.Itoa(len(numberedNotes))},
		{"", len(numberedNotes), "ghi-chu-" + strconv.Itoa(len(numberedNotes)+1), "#ghi-chu-" + strconv.Itoa(len(numberedNotes)+1)},
	} {
		c := withNotes
		c.ID = tt.id
		if got := cardNoteID(c, tt.i); got != tt.wantID {
			t.Errorf("cardNoteID(%q, %d) = %q, want %q", tt.id, tt.i, got, tt.wantID)
		}
		if got := cardNoteHref(c, tt.i); got != tt.wantHref {
			t.Errorf("cardNoteHref(%q, %d) = %q, want %q", tt.id, tt.i, got, tt.wantHref)
		}
		if got := cardNoteHref(view.Card{ID: tt.id}, tt.i); got != "" {
			t.Errorf("a card without notes links to %q", got)
		}
	}
}

// A long name is written on its lines, each a tspan at its baseline, escaped.
func TestBarOfALongName(t *testing.T) {
	var b strings.Builder
	bs := []view.Bar{{Name: "Phường A&B (Thành phố Hồ Chí Minh)", Lines: []view.BarLine{{Text: "Phường A&B", Y: 23}, {Text: "(Thành phố Hồ Chí Minh)", Y: 38}}, Value: "90 %", Width: 42.5, Y: 15, TextY: 30, X: 50, ValueX: 93.5}}
	if err := bars(bs).Render(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	want := `<text class="barchart__name" x="0" y="30"><tspan x="0" y="23">Phường A&amp;B</tspan><tspan x="0" y="38">(Thành phố Hồ Chí Minh)</tspan></text> <rect class="barchart__bar" x="50%" y="15" width="42.5%" height="20"></rect> <text class="barchart__value" x="93.5%" y="30">90 %</text>`
	if b.String() != want {
		t.Errorf("bars:\n%s\nwant\n%s", b.String(), want)
	}
}
