package view

import (
	"testing"

	"github.com/covsite/covsite/internal/lang"
	"github.com/covsite/covsite/internal/routes"
)

// TestWhereInEnglish: a place in a document is said in English when every part is a known
// word and a number, separators and capitals kept; anything else is not.
func TestWhereInEnglish(t *testing.T) {
	for _, tt := range []struct{ vi, en string }{
		{"Mục II.2", "Section II.2"},
		{"mục 2", "section 2"},
		{"Mục II.2.đ", "Section II.2.đ"},
		{"Phụ lục 1", "Annex 1"},
		{"Phụ lục IV", "Annex IV"},
		{"Bảng 3", "Table 3"},
		{"Bảng số 3", "Table 3"},
		{"Biểu số 01", "Form 01"},
		{"trang 5", "page 5"},
		{"Trang 12", "Page 12"},
		{"tr. 5", "page 5"},
		{"tr.5", "page 5"},
		{"Phụ lục 1, Bảng 3, trang 5", "Annex 1, Table 3, page 5"},
		{"Mục II.2 - trang 7", "Section II.2 - page 7"},
		{"Bảng 2; dòng 8", "Table 2; row 8"},
		{"Đoạn 2–5", "Paragraph 2–5"},
		{"điểm a, khoản 2, Điều 5", "point a, clause 2, Article 5"},
		{"Bảng 3a", "Table 3a"},
		{"Mục tiêu cụ thể", ""},
		{"Đoạn 2–5 của tin bài", ""},
		{"Mục II.2.đ (năm 2025)", ""},
		{"Bảng chi tiết, dòng Phường 1", ""},
		{"Phần mục tiêu, mục 2 (Mục tiêu cụ thể), câu đầu", ""},
		{"Mục", ""},
		{"Mục II.", ""},
		{"trang 5 6", ""},
		{"Bảng 3 trang 5", "Table 3 page 5"},
		{"Mục -2", ""},
		{"Mục II..2", ""},
		{"", ""},
		{"Bảngx 3", ""},
		{"Section 2", ""},
	} {
		en, ok := whereInEnglish(tt.vi)
		if ok != (tt.en != "") || en != tt.en {
			t.Errorf("%q: %q, %v; want %q", tt.vi, en, ok, tt.en)
		}
	}
}

// TestWhereOnEnglishPages: an English page says where a figure stands with where_en, else
// in English when it can, else in Vietnamese marked as such — its words apart (lang="vi")
// in a sentence or a line, said in words in an attribute; a Vietnamese page says the
// Vietnamese as it is.
func TestWhereOnEnglishPages(t *testing.T) {
	tr := langs(t)
	for _, tt := range []struct {
		lang           string
		where          lang.Text
		text, vi, attr string
		line           Line
	}{
		{"en", lang.T("Mục II.2", "Section II, point 2"), "Where in the document: Section II, point 2", "", "Section II, point 2",
			Line{text("Where in the document: Section II, point 2")}},
		{"en", lang.T("Mục II.2", ""), "Where in the document: Section II.2", "", "Section II.2",
			Line{text("Where in the document: Section II.2")}},
		{"en", lang.T("Bảng chi tiết", ""), "Where in the document: Bảng chi tiết", "Bảng chi tiết", "Bảng chi tiết (in Vietnamese)",
			Line{text("Where in the document: "), Inline{Text: "Bảng chi tiết", Lang: "vi"}}},
		{"vi", lang.T("Mục II.2", ""), "Vị trí trong văn bản: Mục II.2", "", "Mục II.2",
			Line{text("Vị trí trong văn bản: Mục II.2")}},
		{"en", lang.T("", ""), "", "", "", Line{text("")}},
	} {
		c := NewContext(nil, tr[tt.lang], routes.NewBase("/"))
		if got := c.Where(tt.where); got != tt.text {
			t.Errorf("%s %v: %q, want %q", tt.lang, tt.where, got, tt.text)
		}
		if got := c.whereVI(tt.where); got != tt.vi {
			t.Errorf("%s %v: Vietnamese %q, want %q", tt.lang, tt.where, got, tt.vi)
		}
		if got := c.whereAttr(tt.where); got != tt.attr {
			t.Errorf("%s %v: attribute %q, want %q", tt.lang, tt.where, got, tt.attr)
		}
		if got := whereLine(c.Where(tt.where), c.whereVI(tt.where)); lineText(got) != lineText(tt.line) || len(got) != len(tt.line) || got[len(got)-1].Lang != tt.line[len(tt.line)-1].Lang {
			t.Errorf("%s %v: line %+v, want %+v", tt.lang, tt.where, got, tt.line)
		}
	}
}
