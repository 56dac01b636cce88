package diag

import (
	"fmt"
	"strings"
)

// Code names a kind of problem. Its messages live in the catalogue below, in Vietnamese and
// English; arguments are filled in with fmt verbs, indexed so both languages may reorder them.
type Code string

// The problems covsite knows how to explain.
const (
	TOMLSyntax        Code = "toml-syntax"
	VietnameseNumber  Code = "vietnamese-number"
	UnknownKey        Code = "unknown-key"
	UnknownKeyNear    Code = "unknown-key-near"
	MissingKey        Code = "missing-key"
	WrongType         Code = "wrong-type"
	NotWholeNumber    Code = "not-whole-number"
	Negative          Code = "negative"
	RateOutOfRange    Code = "rate-out-of-range"
	BadDate           Code = "bad-date"
	BadPeriod         Code = "bad-period"
	BadChoice         Code = "bad-choice"
	BadID             Code = "bad-id"
	DuplicateID       Code = "duplicate-id"
	UnknownRef        Code = "unknown-ref"
	UnknownRefNear    Code = "unknown-ref-near"
	TwoParents        Code = "two-parents"
	Cycle             Code = "cycle"
	SuccessorEarly    Code = "successor-early"
	EndsBeforeStart   Code = "ends-before-start"
	OutsidePeriod     Code = "outside-period"
	TotalMismatch     Code = "total-mismatch"
	RollupMismatch    Code = "rollup-mismatch"
	OverDenominator   Code = "over-denominator"
	NotNFC            Code = "not-nfc"
	NoDenominator     Code = "no-denominator"
	FrontMatter       Code = "front-matter"
	ReadFile          Code = "read-file"
	NoValue           Code = "no-value"
	DuplicateFigure   Code = "duplicate-figure"
	UnsafeLink        Code = "unsafe-link"
	ComponentMismatch Code = "component-mismatch"
)

type entry struct{ vi, en, hintVI, hintEN string }

var catalogue = map[Code]entry{
	TOMLSyntax: {
		vi: "TOML không hợp lệ: %[1]s", en: "invalid TOML: %[1]s",
		hintVI: "sửa cú pháp tại vị trí này (chuỗi đặt trong \"…\", ngày viết 2023-06-30)",
		hintEN: "fix the syntax here (strings in \"…\", dates as 2023-06-30)",
	},
	VietnameseNumber: {
		vi: "%[1]s viết theo kiểu Việt Nam (dấu chấm ngăn cách hàng nghìn), TOML không hiểu", en: "%[1]s is written the Vietnamese way (dots between thousands), which TOML does not accept",
		hintVI: "viết %[2]s (hoặc %[3]s)", hintEN: "write %[2]s (or %[3]s)",
	},
	UnknownKey: {
		vi: "khóa %[1]q không dùng được ở %[2]s", en: "unknown key %[1]q in %[2]s",
		hintVI: "các khóa hợp lệ: %[3]s", hintEN: "valid keys: %[3]s",
	},
	UnknownKeyNear: {
		vi: "khóa %[1]q không dùng được ở %[2]s", en: "unknown key %[1]q in %[2]s",
		hintVI: "có phải ý bạn là %[3]q?", hintEN: "did you mean %[3]q?",
	},
	MissingKey: {
		vi: "thiếu %[1]q trong %[2]s", en: "%[2]s is missing %[1]q",
		hintVI: "thêm dòng %[1]s = …", hintEN: "add a line %[1]s = …",
	},
	WrongType: {
		vi: "%[1]s phải là %[2]s, ở đây là %[3]s", en: "%[1]s must be %[2]s, not %[3]s",
		hintVI: "ví dụ: %[1]s = %[4]s", hintEN: "for example: %[1]s = %[4]s",
	},
	NotWholeNumber: {
		vi: "%[1]s = %[2]s: số người phải là số nguyên", en: "%[1]s = %[2]s: a number of people must be a whole number",
		hintVI: "viết %[3]s (hoặc %[4]s); trong TOML dấu chấm là dấu thập phân", hintEN: "write %[3]s (or %[4]s); in TOML a dot is a decimal point",
	},
	Negative: {
		vi: "%[1]s = %[2]s không được âm", en: "%[1]s = %[2]s must not be negative",
		hintVI: "kiểm tra lại số liệu gốc", hintEN: "check the source figure",
	},
	RateOutOfRange: {
		vi: "%[1]s = %[2]s nằm ngoài khoảng 0–100 %%", en: "%[1]s = %[2]s is outside 0–100 %%",
		hintVI: "tỷ lệ viết theo phần trăm: 80,58 %% là 80.58", hintEN: "rates are percentages: 80.58 %% is 80.58",
	},
	BadDate: {
		vi: "ngày %[1]q không hợp lệ: %[2]s", en: "date %[1]q is not valid: %[2]s",
		hintVI: "viết ngày dạng YYYY-MM-DD không đặt trong ngoặc kép, ví dụ 2023-06-30", hintEN: "write dates as YYYY-MM-DD without quotes, e.g. 2023-06-30",
	},
	BadPeriod: {
		vi: "kỳ %[1]q không hợp lệ", en: "period %[1]q is not valid",
		hintVI: "viết \"2023\", \"2023-Q2\", \"2023-06\" hoặc \"2021/2025\"", hintEN: "write \"2023\", \"2023-Q2\", \"2023-06\" or \"2021/2025\"",
	},
	BadChoice: {
		vi: "%[1]s = %[2]q không hợp lệ", en: "%[1]s = %[2]q is not valid",
		hintVI: "chọn một trong: %[3]s", hintEN: "choose one of: %[3]s",
	},
	BadID: {
		vi: "mã %[1]q không dùng được: %[2]s", en: "id %[1]q cannot be used: %[2]s",
		hintVI: "chỉ dùng chữ thường a–z, số và dấu gạch ngang, ví dụ %[3]q", hintEN: "use lowercase a–z, digits and hyphens only, e.g. %[3]q",
	},
	DuplicateID: {
		vi: "%[1]s %[2]q đã được khai báo ở %[3]s", en: "%[1]s %[2]q is already declared at %[3]s",
		hintVI: "đổi mã hoặc xóa một khai báo", hintEN: "rename one or remove the duplicate",
	},
	UnknownRef: {
		vi: "không có %[1]s mang mã %[2]q", en: "there is no %[1]s with id %[2]q",
		hintVI: "khai báo nó trước, hoặc sửa mã", hintEN: "declare it first, or fix the id",
	},
	UnknownRefNear: {
		vi: "không có %[1]s mang mã %[2]q", en: "there is no %[1]s with id %[2]q",
		hintVI: "có phải ý bạn là %[3]q?", hintEN: "did you mean %[3]q?",
	},
	TwoParents: {
		vi: "địa phương %[1]q có hai cấp trên: %[2]q và %[3]q", en: "locality %[1]q has two parents: %[2]q and %[3]q",
		hintVI: "mỗi địa phương chỉ thuộc một cấp trên; khai báo nó một lần", hintEN: "a locality belongs to one parent; declare it once",
	},
	Cycle: {
		vi: "cây địa phương có vòng lặp: %[1]s", en: "the locality tree has a cycle: %[1]s",
		hintVI: "sửa parent để cây đi từ cấp quốc gia xuống", hintEN: "fix parent so the tree runs down from the nation",
	},
	SuccessorEarly: {
		vi: "đơn vị kế thừa %[1]q kết thúc ngày %[2]s, trước khi %[3]q kết thúc (%[4]s)", en: "successor %[1]q ends on %[2]s, before %[3]q ends (%[4]s)",
		hintVI: "kiểm tra successor và ngày until", hintEN: "check successor and the until dates",
	},
	EndsBeforeStart: {
		vi: "%[1]q kết thúc (%[2]s) trước khi bắt đầu (%[3]s)", en: "%[1]q ends (%[2]s) before it starts (%[3]s)",
		hintVI: "kiểm tra since và until", hintEN: "check since and until",
	},
	OutsidePeriod: {
		vi: "kết quả %[1]s ngày %[2]s nằm ngoài mọi kỳ kế hoạch của chỉ tiêu này tại %[3]q", en: "result %[1]s as of %[2]s is outside every plan period of this indicator for %[3]q",
		hintVI: "kiểm tra ngày as_of, hoặc thêm kế hoạch cho kỳ này", hintEN: "check as_of, or add a plan for that period",
	},
	TotalMismatch: {
		vi: "%[1]s = %[2]s nhưng tổng các thành phần (%[3]s) là %[4]s", en: "%[1]s = %[2]s but its parts (%[3]s) add up to %[4]s",
		hintVI: "sửa số tổng hoặc số thành phần cho khớp", hintEN: "fix the total or its parts so they agree",
	},
	RollupMismatch: {
		vi: "%[1]s của %[2]q là %[3]s nhưng tổng các đơn vị trực thuộc là %[4]s", en: "%[1]s for %[2]q is %[3]s but its children add up to %[4]s",
		hintVI: "trang sẽ ghi chú chênh lệch; kiểm tra bảng gốc", hintEN: "the page will flag the difference; check the source table",
	},
	OverDenominator: {
		vi: "%[1]s = %[2]s lớn hơn mẫu số %[3]s = %[4]s", en: "%[1]s = %[2]s is larger than its denominator %[3]s = %[4]s",
		hintVI: "kiểm tra số người tham gia hoặc số dân/lực lượng lao động", hintEN: "check the participants or the population/labour force",
	},
	NotNFC: {
		vi: "%[1]q viết ở dạng Unicode tách dấu (NFD); đã chuẩn hoá sang NFC", en: "%[1]q is in decomposed Unicode (NFD); normalised to NFC",
		hintVI: "lưu tệp ở dạng NFC để tìm kiếm và sắp xếp nhất quán", hintEN: "save the file as NFC so search and sorting agree",
	},
	NoDenominator: {
		vi: "chỉ tiêu %[1]q có tỷ lệ nhưng chưa khai báo mẫu số", en: "indicator %[1]q has a rate but no denominator",
		hintVI: "thêm denominator = \"population\" hoặc \"labour_force\"", hintEN: "add denominator = \"population\" or \"labour_force\"",
	},
	FrontMatter: {
		vi: "phần đầu (front matter) không hợp lệ: %[1]s", en: "invalid front matter: %[1]s",
		hintVI: "bắt đầu tệp bằng dòng +++, viết các khóa TOML, rồi đóng bằng dòng +++", hintEN: "start the file with a +++ line, TOML keys, then a closing +++ line",
	},
	ReadFile: {
		vi: "không đọc được tệp: %[1]s", en: "cannot read file: %[1]s",
		hintVI: "kiểm tra quyền đọc và mã hoá UTF-8", hintEN: "check permissions and UTF-8 encoding",
	},
	NoValue: {
		vi: "dòng %[1]s không có số liệu nào", en: "%[1]s row has no figure",
		hintVI: "thêm ít nhất một chỉ số, ví dụ bhyt = 10324", hintEN: "add at least one indicator, e.g. bhyt = 10324",
	},
	DuplicateFigure: {
		vi: "%[1]s của %[2]q kỳ %[3]s đã có ở %[4]s", en: "%[1]s for %[2]q, %[3]s is already given at %[4]s",
		hintVI: "xóa một trong hai dòng", hintEN: "remove one of the two",
	},
	UnsafeLink: {
		vi: "liên kết %[1]q bị bỏ vì không an toàn", en: "link %[1]q was dropped as unsafe",
		hintVI: "dùng liên kết http(s) hoặc đường dẫn trong trang", hintEN: "use an http(s) link or a site path",
	},
	ComponentMismatch: {
		vi: "%[1]s gồm %[2]s, nhưng đơn vị tính khác nhau", en: "%[1]s sums %[2]s, but their units differ",
		hintVI: "chỉ cộng các chỉ số cùng đơn vị", hintEN: "only sum indicators with the same unit",
	},
}

func (c Code) format(lang, kind string, args []any) string {
	e, ok := catalogue[c]
	if !ok {
		return string(c)
	}
	tmpl := map[string]string{"vi/msg": e.vi, "en/msg": e.en, "vi/hint": e.hintVI, "en/hint": e.hintEN}
	key := "vi/" + kind
	if lang == "en" {
		key = "en/" + kind
	}
	t := tmpl[key]
	if t == "" {
		return ""
	}
	if !strings.Contains(t, "%[") {
		return strings.ReplaceAll(t, "%%", "%") // no arguments: only %% escapes
	}
	return fmt.Sprintf(t, args...)
}
