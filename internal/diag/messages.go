package diag

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/covsite/covsite/internal/lang"
)

// Code names a kind of problem. Its messages live in the catalogue below, in Vietnamese and
// English; arguments are filled in with fmt verbs, indexed so both languages may reorder them.
type Code string

// The problems covsite knows how to explain.
const (
	TOMLSyntax           Code = "toml-syntax"
	DuplicateKey         Code = "duplicate-key"
	VietnameseNumber     Code = "vietnamese-number"
	VietnameseDecimal    Code = "vietnamese-decimal"
	QuotedNumber         Code = "quoted-number"
	UnquotedText         Code = "unquoted-text"
	EmptyValue           Code = "empty-value"
	UnknownKey           Code = "unknown-key"
	UnknownKeyNear       Code = "unknown-key-near"
	MissingKey           Code = "missing-key"
	MissingFile          Code = "missing-file"
	WrongType            Code = "wrong-type"
	NotWholeNumber       Code = "not-whole-number"
	FractionalCount      Code = "fractional-count"
	Negative             Code = "negative"
	RateOutOfRange       Code = "rate-out-of-range"
	BadYear              Code = "bad-year"
	BadDate              Code = "bad-date"
	DateNotExist         Code = "date-not-exist"
	QuotedDate           Code = "quoted-date"
	DateOrder            Code = "date-order"
	DateShape            Code = "date-shape"
	BadPeriod            Code = "bad-period"
	BadChoice            Code = "bad-choice"
	BadID                Code = "bad-id"
	BadFileName          Code = "bad-file-name"
	ReservedID           Code = "reserved-id"
	DuplicateID          Code = "duplicate-id"
	UnknownRef           Code = "unknown-ref"
	UnknownRefNear       Code = "unknown-ref-near"
	NotAChild            Code = "not-a-child"
	TwoParents           Code = "two-parents"
	Cycle                Code = "cycle"
	SuccessorEarly       Code = "successor-early"
	EndsBeforeStart      Code = "ends-before-start"
	OutsidePeriod        Code = "outside-period"
	MilestoneOutside     Code = "milestone-outside"
	TotalMismatch        Code = "total-mismatch"
	RollupMismatch       Code = "rollup-mismatch"
	ResultRollupMismatch Code = "result-rollup-mismatch"
	EmptySummary         Code = "empty-summary"
	AmbiguousComma       Code = "ambiguous-comma"
	CountComma           Code = "count-comma"
	UnitInValue          Code = "unit-in-value"
	MultiplierInValue    Code = "multiplier-in-value"
	TextForNumber        Code = "text-for-number"
	SkeletonBody         Code = "skeleton-body"
	OverDenominator      Code = "over-denominator"
	NotNFC               Code = "not-nfc"
	NoDenominator        Code = "no-denominator"
	FrontMatter          Code = "front-matter"
	ReadFile             Code = "read-file"
	NoValue              Code = "no-value"
	DuplicateFigure      Code = "duplicate-figure"
	UnsafeLink           Code = "unsafe-link"
	BrokenLink           Code = "broken-link"
	ImageElsewhere       Code = "image-elsewhere"
	BrokenLinkNear       Code = "broken-link-near"
	RawHTML              Code = "raw-html"
	ComponentMismatch    Code = "component-mismatch"
	ThemeSyntax          Code = "theme-syntax"
	PathConflict         Code = "path-conflict"
	GeneratedFile        Code = "generated-file"
	Symlink              Code = "symlink"
	TooLarge             Code = "too-large"
	SpecialFile          Code = "special-file"
	FormulaText          Code = "formula-text"
	BadURL               Code = "bad-url"
	NumberTooLarge       Code = "number-too-large"
	Implausible          Code = "implausible"
	AsOfOutsidePlan      Code = "as-of-outside-plan"
	OutsideParentPlan    Code = "outside-parent-plan"
	PlanCycle            Code = "plan-cycle"
	AfterPublished       Code = "after-published"
	RelativeBaseURL      Code = "relative-base-url"
	UnportablePath       Code = "unportable-path"
	NoIndicators         Code = "no-indicators"
	GlossCount           Code = "gloss-count"
	TileUnknown          Code = "tile-unknown-locality"
	TileOverlap          Code = "tile-overlap"
	TilePosition         Code = "tile-position"
	TileMissing          Code = "tile-missing"
	StringsOneLanguage   Code = "strings-one-language"
	StringsVerbs         Code = "strings-verbs"
	StringsUnknownKey    Code = "strings-unknown-key"
	LayoutField          Code = "layout-field"
	LayoutExec           Code = "layout-exec"
	RootRelativeLink     Code = "root-relative-link"
	CustomCSSUnlinked    Code = "custom-css-unlinked"
	ConflictingFigures   Code = "conflicting-figures"
	ResultAfterEnd       Code = "result-after-end"
	EmptyText            Code = "empty-text"
)

// Words is an argument that reads differently in each language, such as the name of a
// kind of thing: W("chỉ số", "indicator"). It is the site's one vi/en pair type.
type Words = lang.Text

// W returns Words with a Vietnamese and an English form.
func W(vi, en string) Words { return lang.T(vi, en) }

// Decimal writes v with one decimal as readers of the UI language lang do, for the
// terminal's messages: 1.234,5 in Vietnamese, 1,234.5 in English (FormatNumber's marks).
func Decimal(v float64, lang string) string {
	return localNumber(strconv.FormatFloat(v, 'f', 1, 64), lang)
}

type entry struct{ vi, en, hintVI, hintEN string }

var catalogue = map[Code]entry{
	StringsOneLanguage: {
		// Args: key, the file that has it, the file that lacks it, the language that lacks it (Words).
		vi: "khóa %[1]q có ở %[2]s nhưng không có ở %[3]s: các trang %[4]s sẽ hiện [%[1]s]", en: "the key %[1]q is in %[2]s but not in %[3]s: the %[4]s pages will show [%[1]s]",
		hintVI: "thêm dòng \"%[1]s\" = \"…\" vào %[3]s của trang (tạo tệp nếu chưa có: chỉ cần ghi các khóa muốn đổi hoặc thêm, các khóa khác vẫn lấy của giao diện)",
		hintEN: "add a line \"%[1]s\" = \"…\" to the site's %[3]s (create the file if needed: it holds only the keys you change or add, the others stay the theme's)",
	},
	StringsVerbs: {
		// Args: key, this string's fill-ins, the other string's fill-ins, where the other is.
		vi: "chuỗi %[1]q có chỗ điền %[2]s, khác với %[3]s của chuỗi cùng khóa ở %[4]s: trang sẽ in ra những dấu lỗi như (MISSING) hay (EXTRA) giữa câu", en: "the string %[1]q has the fill-ins %[2]s, not %[3]s as the string of the same key in %[4]s: the pages would print marks such as (MISSING) or (EXTRA) amid the text",
		hintVI: "giữ đúng các chỗ điền %[3]s (%%s là chữ, %%d là số; đổi thứ tự thì đánh số: %%[2]d … %%[1]s)", hintEN: "keep the fill-ins %[3]s (%%s is text, %%d a number; to change their order, number them: %%[2]d … %%[1]s)",
	},
	StringsUnknownKey: {
		// Args: key.
		vi: "{{T %[1]q}}: không tệp chuỗi nào (i18n/vi.toml, i18n/en.toml, của trang hay của giao diện) có khóa %[1]q, nên trang sẽ hiện [%[1]s]", en: "{{T %[1]q}}: no strings file (i18n/vi.toml, i18n/en.toml, the site's or the theme's) has the key %[1]q, so the pages will show [%[1]s]",
		hintVI: "thêm dòng \"%[1]s\" = \"…\" vào i18n/vi.toml và i18n/en.toml của trang, hoặc sửa tên khóa cho đúng như trong themes/default/i18n/vi.toml",
		hintEN: "add a line \"%[1]s\" = \"…\" to the site's i18n/vi.toml and i18n/en.toml, or spell the key as in themes/default/i18n/en.toml",
	},
	LayoutField: {
		// Args: field, type, page, the type's fields and methods.
		vi: "%[2]s không có trường %[1]s (khi dựng trang %[3]s)", en: "%[2]s has no field %[1]s (rendering the page %[3]s)",
		hintVI: "%[2]s có: %[4]s; sửa tên cho đúng, kể cả chữ hoa (danh sách các trường: docs/data-format.md, mục \"A site's own layouts and strings\")",
		hintEN: "%[2]s has: %[4]s; spell the name as there, capitals included (the list of fields: docs/data-format.md, \"A site's own layouts and strings\")",
	},
	LayoutExec: {
		// Args: page, what went wrong (Words).
		vi: "bố cục dừng lại khi dựng trang %[1]s: %[2]s", en: "the layout stopped rendering the page %[1]s: %[2]s",
		hintVI: "sửa tại vị trí này; một giá trị có thể trống ở một số trang: bọc phần dùng nó trong {{with …}}…{{end}} (danh sách các trường: docs/data-format.md, mục \"A site's own layouts and strings\")",
		hintEN: "fix it here; a value may be empty on some pages: wrap what uses it in {{with …}}…{{end}} (the list of fields: docs/data-format.md, \"A site's own layouts and strings\")",
	},
	RootRelativeLink: {
		// Args: attribute, value, the base URL, the path the helper takes.
		vi: "%[1]s=%[2]q bắt đầu bằng /, nên khi trang đăng ở %[3]s địa chỉ này trỏ ra ngoài trang", en: "%[1]s=%[2]q starts with /, so with the site published at %[3]s it points outside the site",
		hintVI: "viết %[1]s=\"{{asset %[4]q}}\" cho một tệp trong static/, hoặc %[1]s=\"{{url %[4]q}}\" cho một trang", hintEN: "write %[1]s=\"{{asset %[4]q}}\" for a file of static/, or %[1]s=\"{{url %[4]q}}\" for a page",
	},
	CustomCSSUnlinked: {
		// Args: the site's style sheet.
		vi: "bố cục khung trang của trang không nạp %[1]s: màu và quy tắc CSS riêng của trang sẽ không có tác dụng", en: "the site's own frame does not link %[1]s: the site's own colours and CSS rules will not apply",
		hintVI: "thêm {{template \"custom-css\"}} ngay trước </head>", hintEN: "add {{template \"custom-css\"}} just before </head>",
	},
	TileUnknown: {
		vi: "ô bản đồ ở hàng %[2]v, cột %[3]v ghi địa phương %[1]q, nhưng không có địa phương nào mang mã này", en: "the map tile at row %[2]v, column %[3]v names the locality %[1]q, but no locality has this id",
		hintVI: "sửa mã cho đúng như trong data/localities/%[4]s, hoặc xóa ô này", hintEN: "write the id as in data/localities/%[4]s, or delete the tile",
	},
	TileOverlap: {
		vi: "%[1]s đã có ở %[2]s trong cùng bản đồ", en: "%[1]s is already at %[2]s in the same map",
		hintVI: "mỗi địa phương một ô, mỗi ô một vị trí: sửa row/col hoặc xóa ô thừa", hintEN: "one tile per locality and one locality per place: fix row/col or delete the extra tile",
	},
	TilePosition: {
		vi: "%[1]s = %[2]s: hàng và cột của ô bản đồ là số nguyên từ 1 đến %[3]v", en: "%[1]s = %[2]s: a map tile's row and column are whole numbers from 1 to %[3]v",
		hintVI: "đếm hàng từ trên xuống, cột từ trái sang, bắt đầu từ 1", hintEN: "count rows from the top and columns from the left, starting at 1",
	},
	TileMissing: {
		// Args: id, name, the tile to add, where (Words), where its place comes from (Words).
		vi: "tỉnh, thành phố %[1]q (%[2]s) có số liệu nhưng không có ô trên bản đồ nào của trang, nên bản đồ ở trang chủ và trang chỉ số không có nó (bảng xếp hạng vẫn có)", en: "the province %[1]q (%[2]s) has figures but no tile on any of the site's maps, so the maps of the home page and the indicators' pages leave it out (the rankings do not)",
		hintVI: "thêm %[3]s vào %[4]s — %[5]s", hintEN: "add %[3]s to %[4]s — %[5]s",
	},
	TooLarge: {
		vi: "tệp vượt giới hạn an toàn: %[1]s; covsite không đọc tệp này", en: "the file is over a safety limit: %[1]s; covsite does not read it",
		hintVI: "%[2]s", hintEN: "%[2]s",
	},
	NumberTooLarge: {
		vi: "%[1]s = %[2]s quá lớn: số lớn hơn 2^53 (9.007.199.254.740.992) không được lưu chính xác", en: "%[1]s = %[2]s is too large: numbers above 2^53 (9,007,199,254,740,992) cannot be kept exactly",
		hintVI: "kiểm tra số liệu gốc; có thể gõ thừa chữ số", hintEN: "check the source; a digit may have been typed twice",
	},
	AsOfOutsidePlan: {
		vi: "kết quả ngày %[1]s nằm ngoài kỳ %[3]s của kế hoạch %[2]q mà nó được so sánh", en: "the result as of %[1]s is outside the period %[3]s of the plan %[2]q it is compared with",
		hintVI: "kiểm tra as_of (có thể gõ nhầm năm), hoặc bỏ kế hoạch này khỏi plan = …", hintEN: "check as_of (the year may be mistyped), or remove this plan from plan = …",
	},
	OutsideParentPlan: {
		vi:     "kỳ %[1]s của kế hoạch này %[2]s kỳ %[4]s của kế hoạch cấp trên %[3]q mà nó thực hiện (parent)",
		en:     "this plan's period %[1]s %[2]s the period %[4]s of the plan %[3]q it carries out (parent)",
		hintVI: "sửa period của kế hoạch này hoặc của %[3]q theo văn bản; nếu kế hoạch này thực hiện một kế hoạch khác, sửa parent = …",
		hintEN: "correct period here or in %[3]q from the documents; if this plan carries out another plan, correct parent = …",
	},
	PlanCycle: {
		vi:     "các kế hoạch cấp trên (parent) bị vòng lặp: %[1]s",
		en:     "the plans' parents (parent) go round in a circle: %[1]s",
		hintVI: "sửa parent = … để chỉ tới kế hoạch cấp trên mà văn bản này thực hiện, hoặc bỏ parent; một kế hoạch không thực hiện chính nó hay kế hoạch cấp dưới của nó",
		hintEN: "correct parent = … to name the plan this document carries out, or remove it; a plan does not carry out itself or a plan below it",
	},
	NoIndicators: {
		vi: "data/indicators.toml không khai báo chỉ số nào, nên không số liệu nào đọc được", en: "data/indicators.toml declares no indicator, so no figure can be read",
		hintVI: "khôi phục tệp (git checkout data/indicators.toml) hoặc khai báo các chỉ số bằng [[indicator]]; các lỗi về chỉ số ở tệp khác sẽ không báo cho tới khi sửa xong",
		hintEN: "restore the file (git checkout data/indicators.toml) or declare the indicators with [[indicator]]; errors about indicators in other files are not reported until then",
	},
	UnportablePath: {
		vi: "tệp %[1]s không dùng được trên mọi máy: %[2]s", en: "the file %[1]s does not work on every system: %[2]s",
		hintVI: "đổi tên tệp (chữ thường không dấu a–z, số và dấu gạch ngang)", hintEN: "rename the file (lowercase a–z without accents, digits and hyphens)",
	},
	RelativeBaseURL: {
		vi:     "base_url = %[1]q chưa phải là địa chỉ đầy đủ: mã của nguồn tin Atom (<id>) và địa chỉ trong sitemap.xml (<loc>) phải là địa chỉ tuyệt đối, nên trình đọc tin và máy tìm kiếm sẽ bỏ qua chúng",
		en:     "base_url = %[1]q is not a full address: the Atom feed's <id> and the addresses in sitemap.xml (<loc>) must be absolute, so feed readers and search engines will ignore them",
		hintVI: "đặt base_url = \"https://…/\" (địa chỉ trang được đăng), hoặc chạy covsite build --base-url https://…/",
		hintEN: "set base_url = \"https://…/\" (where the site is published), or run covsite build --base-url https://…/",
	},
	AfterPublished: {
		vi: "kết quả ngày %[1]s muộn hơn ngày công bố của văn bản (%[2]s)", en: "the result as of %[1]s is dated after its document was published (%[2]s)",
		hintVI: "kiểm tra as_of và published: một văn bản không báo cáo được số liệu sau ngày nó ra đời", hintEN: "check as_of and published: a document cannot report figures from after it was written",
	},
	Implausible: {
		vi: "%[1]s = %[2]s lớn đến mức khó tin: %[3]s", en: "%[1]s = %[2]s is implausibly large: %[3]s",
		hintVI: "kiểm tra số liệu gốc; có thể gõ thừa chữ số hoặc nhầm đơn vị", hintEN: "check the source; a digit may have been typed twice, or the unit mistaken",
	},
	BadURL: {
		vi: "%[1]s = %[2]q không phải là %[3]s", en: "%[1]s = %[2]q is not %[3]s",
		hintVI: "viết ví dụ %[1]s = %[4]q", hintEN: "write for example %[1]s = %[4]q",
	},
	FormulaText: {
		vi: "%[1]s = %[2]q bắt đầu bằng ký tự mà Excel và LibreOffice hiểu là công thức", en: "%[1]s = %[2]q begins with a character Excel and LibreOffice take for a formula",
		hintVI: "tệp CSV tải về ghi nó thành chữ (thêm dấu ' ở đầu); nếu không cố ý, bỏ ký tự = + - @ ở đầu",
		hintEN: "the CSV downloads write it as text (with a leading '); unless it is meant, remove the leading = + - @",
	},
	SpecialFile: {
		vi: "đây không phải là tệp thường mà là ống dẫn (FIFO), socket hoặc thiết bị; covsite không đọc nó", en: "this is not a regular file but a pipe (FIFO), socket or device; covsite does not read it",
		hintVI: "xóa nó, hoặc thay bằng một tệp thường", hintEN: "delete it, or replace it by a regular file",
	},
	Symlink: {
		vi:     "đây là liên kết tượng trưng (symlink) tới %[1]q; covsite không đọc gì qua liên kết, vì liên kết có thể đưa tệp ngoài thư mục trang (mật khẩu, biến môi trường) lên trang",
		en:     "this is a symbolic link to %[1]q; covsite reads nothing through links, since a link can publish files from outside the site (tokens, the environment)",
		hintVI: "thay liên kết bằng bản sao của tệp (cp --dereference), hoặc xóa nó; trang không được xuất bản khi còn liên kết",
		hintEN: "replace the link by a copy of the file (cp --dereference), or delete it; the site is not published while a link remains",
	},
	ThemeSyntax: {
		vi: "tệp giao diện này có lỗi: %[1]s", en: "this theme file has a mistake: %[1]s",
		hintVI: "sửa tại vị trí này, hoặc xóa tệp để dùng tệp cùng tên của giao diện mặc định",
		hintEN: "fix it here, or delete the file to use the default theme's file of the same name",
	},
	PathConflict: {
		vi: "tệp %[1]s trùng đường dẫn với trang %[2]s mà covsite tạo ra", en: "the file %[1]s has the same output path as the page %[2]s that covsite makes",
		hintVI: "đổi tên hoặc xóa tệp này; muốn đổi trang đó thì viết layout riêng trong layouts/",
		hintEN: "rename or delete this file; to change that page, write your own layout in layouts/",
	},
	GeneratedFile: {
		vi: "tệp %[1]s sẽ bị thay bằng %[2]s do covsite tự tạo (khung các biểu đồ, từ go-echarts)", en: "the file %[1]s would be replaced by %[2]s, which covsite makes itself (the charts' frames, from go-echarts)",
		hintVI: "xóa tệp này; muốn đổi cách biểu đồ hiện ra thì đặt static/js/charts.js của riêng trang",
		hintEN: "delete this file; to change how the charts look or behave, ship the site's own static/js/charts.js",
	},
	TOMLSyntax: {
		// Args: the parser's message as Words (load.translateTOML).
		vi: "dòng này viết chưa đúng: %[1]s", en: "this line is not valid TOML: %[1]s",
		hintVI: "sửa tại vị trí dấu ^: chữ đặt trong ngoặc kép \"…\", số viết liền như 10324, ngày viết 2023-06-30",
		hintEN: "fix it at the ^: text goes in double quotes \"…\", numbers are written like 10324, dates like 2023-06-30",
	},
	DuplicateKey: {
		vi: "khóa %[1]q được viết hai lần trong cùng một bảng", en: "the key %[1]q is written twice in the same table",
		hintVI: "giữ một dòng, xóa dòng kia (mỗi [[target]] hoặc [[result]] mới phải bắt đầu bằng dòng tiêu đề riêng)",
		hintEN: "keep one line and delete the other (each new [[target]] or [[result]] needs its own header line)",
	},
	VietnameseNumber: {
		vi: "%[1]s có dấu ngăn cách hàng nghìn (dấu chấm, dấu phẩy hoặc khoảng trắng), TOML không hiểu", en: "%[1]s has separators between thousands (dots, commas or spaces), which TOML does not accept",
		hintVI: "viết liền các chữ số: %[2]s (hoặc %[3]s)", hintEN: "write the digits together: %[2]s (or %[3]s)",
	},
	AmbiguousComma: {
		vi:     "%[1]s: không rõ dấu phẩy là dấu thập phân hay dấu ngăn cách hàng nghìn, TOML không hiểu",
		en:     "%[1]s: the comma could be a decimal comma or a thousands separator, which TOML does not accept",
		hintVI: "nếu là số nguyên %[2]s (viết kiểu Việt Nam là %[4]s) thì viết %[2]s; nếu là số thập phân (%[1]s kiểu Việt Nam) thì viết %[3]s",
		hintEN: "if it is the whole number %[2]s (%[4]s the Vietnamese way), write %[2]s; if it is a decimal (%[1]s the Vietnamese way), write %[3]s",
	},
	CountComma: {
		// Args: the key, the number as written, with underscores, its digits (load.WholeCounts).
		vi:     "%[1]s = %[2]s: chỉ số này đếm người (hoặc số lần, số đơn vị) nên là số nguyên, dấu phẩy ở đây ngăn cách hàng nghìn, mà TOML không hiểu",
		en:     "%[1]s = %[2]s: this indicator counts people (or events, employers), so it is a whole number and the comma separates thousands, which TOML does not accept",
		hintVI: "viết %[1]s = %[3]s (hoặc %[4]s)", hintEN: "write %[1]s = %[3]s (or %[4]s)",
	},
	UnitInValue: {
		// Args: the key, the value as written, the unit, the number as TOML wants it, what
		// else is wrong with the number (Words, maybe empty).
		vi:     "%[1]s = %[2]s: chỉ ghi con số, bỏ %[3]q (đơn vị của chỉ số đã có trong data/indicators.toml)%[5]s",
		en:     "%[1]s = %[2]s: write the number alone, without %[3]q (the indicator's unit is in data/indicators.toml)%[5]s",
		hintVI: "viết %[1]s = %[4]s", hintEN: "write %[1]s = %[4]s",
	},
	MultiplierInValue: {
		// Args: the key, the value as written, the multiplier word, the number in full as
		// TOML wants it, the unit after the word (Words, maybe empty).
		vi:     "%[1]s = %[2]s: ghi con số viết đủ, không kèm chữ %[3]q%[5]s",
		en:     "%[1]s = %[2]s: write the number in full, without the word %[3]q%[5]s",
		hintVI: "viết %[1]s = %[4]s", hintEN: "write %[1]s = %[4]s",
	},
	TextForNumber: {
		vi: "%[1]s = %[2]s: %[1]s phải là một con số", en: "%[1]s = %[2]s: %[1]s must be a number",
		hintVI: "ghi con số của văn bản gốc, như %[1]s = 10324; nếu văn bản không có số này thì xoá dòng",
		hintEN: "write the figure of the source, such as %[1]s = 10324; if the source has none, delete the line",
	},
	VietnameseDecimal: {
		vi: "%[1]s dùng dấu phẩy thập phân, TOML không hiểu", en: "%[1]s uses a decimal comma, which TOML does not accept",
		hintVI: "dùng dấu chấm thập phân: viết %[2]s", hintEN: "use a decimal point: write %[2]s",
	},
	QuotedNumber: {
		vi: "%[1]s = %[2]s là chữ trong ngoặc kép, không phải số", en: "%[1]s = %[2]s is text in quotes, not a number",
		hintVI: "bỏ ngoặc kép: %[1]s = %[3]s", hintEN: "remove the quotes: %[1]s = %[3]s",
	},
	UnquotedText: {
		vi: "%[1]s = %[2]s: chữ phải đặt trong ngoặc kép", en: "%[1]s = %[2]s: text must be in double quotes",
		hintVI: "viết %[1]s = %[3]s", hintEN: "write %[1]s = %[3]s",
	},
	EmptyValue: {
		vi: "%[1]s = chưa có giá trị", en: "%[1]s = has no value",
		hintVI: "viết giá trị sau dấu =, hoặc xóa dòng này", hintEN: "write a value after =, or delete the line",
	},
	UnknownKey: {
		vi: "khóa %[1]q không dùng được ở %[2]s", en: "unknown key %[1]q in %[2]s",
		hintVI: "các khóa dùng được: %[3]s", hintEN: "valid keys: %[3]s",
	},
	UnknownKeyNear: {
		vi: "khóa %[1]q không dùng được ở %[2]s", en: "unknown key %[1]q in %[2]s",
		hintVI: "có phải ý bạn là %[3]q? (kiểm tra lỗi gõ)", hintEN: "did you mean %[3]q? (check for a typo)",
	},
	MissingKey: {
		// Args: the key, the table that lacks it: a file's name, "[source]", "[[result]] #2".
		vi: "%[2]s thiếu %[1]q", en: "%[2]s is missing %[1]q",
		hintVI: "thêm dòng %[1]s = … vào %[2]s", hintEN: "add a line %[1]s = … to %[2]s",
	},
	MissingFile: {
		vi: "không tìm thấy tệp %[1]s", en: "file %[1]s not found",
		hintVI: "chạy covsite trong thư mục của trang, hoặc chỉ ra thư mục chứa data/ bằng --source", hintEN: "run covsite in the site's folder, or pass the folder that holds data/ with --source",
	},
	WrongType: {
		vi: "%[1]s phải là %[2]s, ở đây là %[3]s", en: "%[1]s must be %[2]s, not %[3]s",
		hintVI: "ví dụ: %[1]s = %[4]s", hintEN: "for example: %[1]s = %[4]s",
	},
	NotWholeNumber: {
		vi: "%[1]s = %[2]s: số người phải là số nguyên, mà trong TOML dấu chấm là dấu thập phân", en: "%[1]s = %[2]s: a number of people must be a whole number, and in TOML a dot is a decimal point",
		hintVI: "bỏ dấu chấm: viết %[3]s (hoặc %[4]s)", hintEN: "remove the dots: write %[3]s (or %[4]s)",
	},
	FractionalCount: {
		vi: "%[1]s = %[2]s: số người (hoặc số lần, số đơn vị) phải là số nguyên", en: "%[1]s = %[2]s: a number of people (or of events, employers) must be a whole number",
		hintVI: "kiểm tra số liệu gốc và viết số nguyên, ví dụ %[3]s", hintEN: "check the source and write a whole number, e.g. %[3]s",
	},
	Negative: {
		vi: "%[1]s = %[2]s không được âm", en: "%[1]s = %[2]s must not be negative",
		hintVI: "kiểm tra số liệu gốc; bỏ dấu trừ", hintEN: "check the source figure and remove the minus sign",
	},
	RateOutOfRange: {
		vi: "%[1]s = %[2]s nằm ngoài khoảng 0–100 %%", en: "%[1]s = %[2]s is outside 0–100 %%",
		hintVI: "tỷ lệ viết theo phần trăm, không kèm dấu %%: 80,58 %% là 80.58", hintEN: "rates are percentages written without the %% sign: 80.58 %% is 80.58",
	},
	BadYear: {
		vi: "year = %[1]s không phải là một năm", en: "year = %[1]s is not a year",
		hintVI: "viết năm bằng bốn chữ số, ví dụ year = 2023", hintEN: "write the year with four digits, e.g. year = 2023",
	},
	BadDate: {
		vi: "%[1]s không phải là ngày hợp lệ", en: "%[1]s is not a valid date",
		hintVI: "viết ngày dạng năm-tháng-ngày, không đặt trong ngoặc kép, ví dụ 2023-06-30", hintEN: "write dates as year-month-day without quotes, e.g. 2023-06-30",
	},
	DateNotExist: {
		vi: "ngày %[1]s không có trên lịch", en: "the date %[1]s does not exist",
		hintVI: "kiểm tra lại ngày và tháng trong văn bản gốc (tháng 2 có 28 hoặc 29 ngày; tháng 4, 6, 9, 11 có 30 ngày)", hintEN: "check the day and month in the source document (February has 28 or 29 days; April, June, September and November have 30)",
	},
	QuotedDate: {
		vi: "%[1]s = %[2]s là chữ trong ngoặc kép, không phải ngày", en: "%[1]s = %[2]s is text in quotes, not a date",
		hintVI: "viết %[1]s = %[3]s (năm-tháng-ngày, không có ngoặc kép)", hintEN: "write %[1]s = %[3]s (year-month-day, without quotes)",
	},
	DateOrder: {
		vi: "%[1]s = %[2]s là một ngày viết theo thứ tự ngày-tháng-năm; TOML chỉ hiểu ngày viết năm-tháng-ngày", en: "%[1]s = %[2]s is a date written day-month-year; TOML reads only dates written year-month-day",
		hintVI: "viết %[1]s = %[3]s", hintEN: "write %[1]s = %[3]s",
	},
	DateShape: {
		vi: "%[1]s = %[2]s: ngày viết năm-tháng-ngày, nối bằng dấu gạch ngang, tháng và ngày đủ hai chữ số", en: "%[1]s = %[2]s: a date is written year-month-day with hyphens, the month and the day with two digits",
		hintVI: "viết %[1]s = %[3]s", hintEN: "write %[1]s = %[3]s",
	},
	BadPeriod: {
		vi: "kỳ %[1]q không hợp lệ", en: "period %[1]q is not valid",
		hintVI: "viết \"2023\", \"2023-Q2\", \"2023-06\", \"2021/2025\" hoặc \"2023-03/2023-12\"", hintEN: "write \"2023\", \"2023-Q2\", \"2023-06\", \"2021/2025\" or \"2023-03/2023-12\"",
	},
	BadChoice: {
		vi: "%[1]s = %[2]q không hợp lệ", en: "%[1]s = %[2]q is not valid",
		hintVI: "chọn một trong: %[3]s", hintEN: "choose one of: %[3]s",
	},
	BadID: {
		vi: "mã %[1]q không dùng được làm địa chỉ trang: %[2]s", en: "id %[1]q cannot be used in a page address: %[2]s",
		hintVI: "chỉ dùng chữ thường không dấu a–z, số và dấu gạch ngang, ví dụ %[3]q", hintEN: "use lowercase a–z without accents, digits and hyphens only, e.g. %[3]q",
	},
	BadFileName: {
		vi: "tên tệp %[1]q không dùng được làm địa chỉ trang: %[2]s", en: "the file name %[1]q cannot be used in a page address: %[2]s",
		hintVI: "đổi tên tệp thành %[3]s (chữ thường không dấu a–z, số và dấu gạch ngang)", hintEN: "rename the file to %[3]s (lowercase a–z without accents, digits and hyphens)",
	},
	ReservedID: {
		vi: "tên trang %[1]q trùng với mục %[2]s của trang web", en: "the page name %[1]q is taken by the site's own %[2]s section",
		hintVI: "đổi tên tệp, ví dụ %[3]s", hintEN: "rename the file, e.g. %[3]s",
	},
	DuplicateID: {
		vi: "%[1]s %[2]q đã được khai báo ở %[3]s", en: "%[1]s %[2]q is already declared at %[3]s",
		hintVI: "đổi mã của một trong hai, hoặc xóa khai báo thừa", hintEN: "rename one of them, or remove the duplicate",
	},
	UnknownRef: {
		vi: "không có %[1]s nào mang mã %[2]q", en: "there is no %[1]s with id %[2]q",
		hintVI: "khai báo nó trước, hoặc sửa mã cho đúng", hintEN: "declare it first, or fix the id",
	},
	UnknownRefNear: {
		vi: "không có %[1]s nào mang mã %[2]q", en: "there is no %[1]s with id %[2]q",
		hintVI: "có phải ý bạn là %[3]q? (kiểm tra lỗi gõ)", hintEN: "did you mean %[3]q? (check for a typo)",
	},
	NotAChild: {
		vi: "%[1]q không phải là đơn vị trực thuộc %[2]q", en: "%[1]q is not part of %[2]q",
		hintVI: "chỉ liệt kê các đơn vị có parent = %[2]q", hintEN: "list only localities whose parent is %[2]q",
	},
	TwoParents: {
		vi: "địa phương %[1]q có hai cấp trên: %[2]q và %[3]q", en: "locality %[1]q has two parents: %[2]q and %[3]q",
		hintVI: "mỗi địa phương chỉ thuộc một cấp trên; khai báo nó một lần", hintEN: "a locality belongs to one parent; declare it once",
	},
	Cycle: {
		vi: "cây địa phương bị vòng lặp: %[1]s", en: "the locality tree goes round in a circle: %[1]s",
		hintVI: "sửa parent để cây đi từ cấp quốc gia xuống, không quay lại", hintEN: "fix parent so the tree runs down from the nation and never back up",
	},
	SuccessorEarly: {
		vi: "đơn vị kế thừa %[1]q kết thúc ngày %[2]s, trước khi %[3]q kết thúc (%[4]s)", en: "successor %[1]q ends on %[2]s, before %[3]q ends (%[4]s)",
		hintVI: "kiểm tra successor và các ngày until", hintEN: "check successor and the until dates",
	},
	EndsBeforeStart: {
		vi: "%[1]q kết thúc (%[2]s) trước khi bắt đầu (%[3]s)", en: "%[1]q ends (%[2]s) before it starts (%[3]s)",
		hintVI: "kiểm tra since và until", hintEN: "check since and until",
	},
	OutsidePeriod: {
		vi: "kết quả %[1]s ngày %[2]s nằm ngoài mọi kỳ kế hoạch của chỉ số này tại %[3]q", en: "the %[1]s result as of %[2]s is outside every plan period of this indicator for %[3]q",
		hintVI: "kiểm tra ngày as_of, hoặc thêm kế hoạch cho kỳ này", hintEN: "check as_of, or add a plan for that period",
	},
	MilestoneOutside: {
		vi: "mốc ngày %[1]s nằm ngoài kỳ của kế hoạch (%[2]s)", en: "the milestone date %[1]s is outside the plan's period (%[2]s)",
		hintVI: "kiểm tra by = … hoặc period của kế hoạch", hintEN: "check by = … or the plan's period",
	},
	GlossCount: {
		vi: "based_on_en có %[1]v mục nhưng based_on chỉ có %[2]v", en: "based_on_en has %[1]v items but based_on has only %[2]v",
		hintVI: "mỗi mục của based_on_en là phần dịch tiếng Anh của mục cùng thứ tự trong based_on; xóa mục thừa", hintEN: "each item of based_on_en glosses the item of based_on in the same place; remove the extra ones",
	},
	TotalMismatch: {
		vi: "%[1]s = %[2]s nhưng các thành phần (%[3]s) cộng lại là %[4]s", en: "%[1]s = %[2]s but its parts (%[3]s) add up to %[4]s",
		hintVI: "sửa số tổng hoặc số thành phần cho khớp với văn bản gốc", hintEN: "fix the total or its parts so they agree with the source",
	},
	RollupMismatch: {
		vi: "%[1]s của %[2]q là %[3]s nhưng các đơn vị trực thuộc cộng lại là %[4]s", en: "%[1]s for %[2]q is %[3]s but its parts add up to %[4]s",
		hintVI: "trang sẽ ghi chú chênh lệch; nếu văn bản gốc cũng vậy thì giữ nguyên", hintEN: "the page will point out the difference; if the source says so too, leave it",
	},
	ResultRollupMismatch: {
		// Args: indicator, locality, date, its figure, the children's sum, the difference,
		// how many children have a figure (all those that existed on the date).
		vi:     "kết quả %[1]s của %[2]q ngày %[3]s là %[4]s nhưng %[7]s đơn vị trực thuộc (mọi đơn vị của nó trong data/localities/) cộng lại là %[5]s (chênh %[6]s)",
		en:     "the %[1]s result for %[2]q on %[3]s is %[4]s but its %[7]s parts (all its localities in data/localities/) add up to %[5]s (difference %[6]s)",
		hintVI: "đối chiếu với văn bản gốc: nếu văn bản cũng ghi vậy thì giữ nguyên; nếu văn bản có đơn vị trực thuộc chưa có trong data/localities/ thì thêm vào; nếu gõ nhầm một số thì sửa lại",
		hintEN: "compare with the source: if it says so too, leave it; if it has parts that data/localities/ lacks, add them; if a figure was mistyped, correct it",
	},
	EmptySummary: {
		vi: "bài viết chưa có tóm tắt (summary) nhưng không phải bản nháp", en: "the update has no summary but is not a draft",
		hintVI: "viết một, hai câu vào summary = \"…\", hoặc giữ draft = true cho tới khi bài xong",
		hintEN: "write a sentence or two in summary = \"…\", or keep draft = true until it is finished",
	},
	SkeletonBody: {
		vi: "nội dung bài vẫn là đoạn mẫu của covsite new update nhưng bài không phải bản nháp", en: "the update's body is still the text covsite new update wrote, but it is not a draft",
		hintVI: "thay đoạn mẫu bằng nội dung bài, hoặc giữ draft = true cho tới khi bài xong",
		hintEN: "replace it with the update's text, or keep draft = true until it is finished",
	},
	OverDenominator: {
		vi: "%[1]s = %[2]s lớn hơn mẫu số %[3]s = %[4]s", en: "%[1]s = %[2]s is larger than its denominator %[3]s = %[4]s",
		hintVI: "kiểm tra số người tham gia hoặc số dân/lực lượng lao động của năm đó", hintEN: "check the participants or that year's population/labour force",
	},
	NotNFC: {
		vi: "%[1]q viết ở dạng Unicode tách dấu (NFD); đã chuẩn hoá sang dạng dựng sẵn (NFC)", en: "%[1]q is in decomposed Unicode (NFD); normalised to NFC",
		hintVI: "lưu tệp ở dạng NFC (thường do sao chép từ macOS hoặc PDF) để tìm kiếm và sắp xếp nhất quán", hintEN: "save the file as NFC (text copied from macOS or PDFs is often NFD) so search and sorting agree",
	},
	NoDenominator: {
		vi: "chỉ số %[1]q có tỷ lệ nhưng chưa khai báo mẫu số", en: "indicator %[1]q has a rate but no denominator",
		hintVI: "thêm denominator = \"population\" hoặc \"labour_force\" cho chỉ số này trong data/indicators.toml", hintEN: "add denominator = \"population\" or \"labour_force\" to this indicator in data/indicators.toml",
	},
	FrontMatter: {
		vi: "phần đầu (front matter) không hợp lệ: %[1]s", en: "invalid front matter: %[1]s",
		hintVI: "bắt đầu tệp bằng dòng +++, viết các khóa TOML, rồi đóng bằng dòng +++", hintEN: "start the file with a +++ line, then TOML keys, then a closing +++ line",
	},
	ReadFile: {
		vi: "không đọc được tệp: %[1]s", en: "cannot read file: %[1]s",
		hintVI: "kiểm tra quyền đọc và lưu tệp ở dạng UTF-8", hintEN: "check permissions and save the file as UTF-8",
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
		vi: "liên kết %[1]q không dùng được: chỉ được liên kết http(s), mailto và đường dẫn trong trang (không dùng //tên-máy)", en: "the link %[1]q cannot be used: only http(s), mailto and site links are allowed (not //host)",
		hintVI: "dùng liên kết https://… hoặc đường dẫn trong trang như /dia-phuong/tra-vinh/", hintEN: "link to https://… or to a site path such as /dia-phuong/tra-vinh/",
	},
	BrokenLink: {
		vi: "liên kết %[1]q không dẫn tới trang hay tệp nào của trang web: người đọc bấm vào sẽ gặp trang \"không tìm thấy\"", en: "the link %[1]q leads to no page or file of the site: a reader who follows it gets \"not found\"",
		hintVI: "sửa đường dẫn cho đúng như địa chỉ của trang (ví dụ /dia-phuong/tra-vinh/), hoặc bỏ liên kết", hintEN: "write the path as the page's address (for example /dia-phuong/tra-vinh/), or remove the link",
	},
	BrokenLinkNear: {
		vi: "liên kết %[1]q không dẫn tới trang hay tệp nào của trang web: người đọc bấm vào sẽ gặp trang \"không tìm thấy\"", en: "the link %[1]q leads to no page or file of the site: a reader who follows it gets \"not found\"",
		hintVI: "có phải ý bạn là %[2]s?", hintEN: "did you mean %[2]s?",
	},
	ImageElsewhere: {
		vi:     "ảnh %[1]q không nằm trong trang web nên không được tải (trang không gửi yêu cầu nào ra ngoài): người đọc chỉ thấy dòng mô tả của ảnh",
		en:     "the image %[1]q is not one of the site's files, so it is not loaded (the site makes no request elsewhere): readers see only its description",
		hintVI: "chép ảnh vào thư mục static/ của trang (ví dụ static/anh/bieu-do.png) rồi viết ![mô tả](/anh/bieu-do.png)",
		hintEN: "copy the image into the site's static/ folder (for example static/anh/bieu-do.png) and write ![description](/anh/bieu-do.png)",
	},
	RawHTML: {
		vi: "mã HTML %[1]s sẽ không hiện trên trang", en: "the HTML %[1]s will not be shown on the site",
		hintVI: "viết bằng Markdown: liên kết [chữ](https://…), chữ đậm **chữ**, bảng bằng dấu |", hintEN: "write it in Markdown: links as [text](https://…), bold as **text**, tables with |",
	},
	ConflictingFigures: {
		// Args: indicator, locality, date, the figure shown, where it is, the other figure,
		// where it is, why the first is shown (Words), the hint (Words: warning or error).
		vi:     "%[1]s của %[2]q ngày %[3]s: %[4]s (%[5]s) ≠ %[6]s (%[7]s); trang hiện %[4]s vì %[8]s",
		en:     "%[1]s of %[2]q on %[3]s: %[4]s (%[5]s) ≠ %[6]s (%[7]s); the pages show %[4]s, as %[8]s",
		hintVI: "%[9]s", hintEN: "%[9]s",
	},
	ResultAfterEnd: {
		// Args: locality, as_of, its until (Words), who took over (Words, may be empty), the hint (Words).
		vi:     "kết quả của %[1]q ngày %[2]s, nhưng %[1]s kết thúc ngày %[3]s%[4]s",
		en:     "a result for %[1]q as of %[2]s, but %[1]s ended on %[3]s%[4]s",
		hintVI: "%[5]s", hintEN: "%[5]s",
	},
	EmptyText: {
		// Args: the key, its table, an example of what to write.
		vi:     "%[1]s = \"\" để trống, như chưa ghi: %[2]s cần có %[1]s",
		en:     "%[1]s = \"\" is empty, as if it were missing: %[2]s needs a %[1]s",
		hintVI: "ghi vào giữa hai dấu ngoặc kép, ví dụ %[3]s", hintEN: "write it between the quotes, e.g. %[3]s",
	},
	ComponentMismatch: {
		vi: "%[1]s gồm %[2]s, nhưng đơn vị tính khác nhau", en: "%[1]s sums %[2]s, but their units differ",
		hintVI: "chỉ cộng các chỉ số cùng đơn vị", hintEN: "only sum indicators with the same unit",
	},
}

// titleGroups name kinds of problems in words a press officer understands: the title of a
// GitHub annotation, for example. Every code belongs to one (TestEveryCodeHasATitle).
var titleGroups = map[string]Words{
	"line":    W("Dòng viết chưa đúng", "A line is not written correctly"),
	"number":  W("Số viết chưa đúng", "A number is written wrongly"),
	"date":    W("Ngày hoặc kỳ chưa đúng", "A date or period is wrong"),
	"key":     W("Thiếu hoặc thừa thông tin", "Missing or unknown entry"),
	"id":      W("Mã địa phương, kế hoạch hoặc tệp chưa khớp", "An id does not match"),
	"figures": W("Số liệu không khớp nhau", "Figures do not agree"),
	"text":    W("Bài viết cần sửa", "An article needs fixing"),
	"file":    W("Không đọc được tệp", "A file cannot be read"),
	"theme":   W("Giao diện trang cần sửa", "The site's layout needs fixing"),
}

var titleOf = map[Code]string{
	TOMLSyntax: "line", DuplicateKey: "line", UnquotedText: "line", EmptyValue: "line",
	VietnameseNumber: "number", VietnameseDecimal: "number", AmbiguousComma: "number", CountComma: "number", UnitInValue: "number", MultiplierInValue: "number", TextForNumber: "number", QuotedNumber: "number", WrongType: "number",
	NotWholeNumber: "number", FractionalCount: "number", Negative: "number", RateOutOfRange: "number", NoValue: "number",
	BadYear: "date", BadDate: "date", DateShape: "date", DateNotExist: "date", QuotedDate: "date", DateOrder: "date", BadPeriod: "date",
	SuccessorEarly: "date", EndsBeforeStart: "date", OutsidePeriod: "date", MilestoneOutside: "date",
	UnknownKey: "key", UnknownKeyNear: "key", MissingKey: "key", BadChoice: "key",
	BadID: "id", BadFileName: "id", ReservedID: "id", DuplicateID: "id", UnknownRef: "id", UnknownRefNear: "id",
	NotAChild: "id", TwoParents: "id", Cycle: "id",
	TotalMismatch: "figures", RollupMismatch: "figures", ResultRollupMismatch: "figures", OverDenominator: "figures",
	NoDenominator: "figures", DuplicateFigure: "figures", ComponentMismatch: "figures", ConflictingFigures: "figures", ResultAfterEnd: "date", EmptyText: "key",
	EmptySummary: "text", SkeletonBody: "text", FrontMatter: "text", NotNFC: "text", UnsafeLink: "text", BrokenLink: "text", ImageElsewhere: "text", BrokenLinkNear: "text", RawHTML: "text",
	MissingFile: "file", ReadFile: "file",
	ThemeSyntax: "theme", PathConflict: "theme", GeneratedFile: "theme",
	StringsOneLanguage: "theme", StringsVerbs: "theme", StringsUnknownKey: "theme", LayoutField: "theme", LayoutExec: "theme", RootRelativeLink: "theme", CustomCSSUnlinked: "theme",
	Symlink: "file", TooLarge: "file", SpecialFile: "file", UnportablePath: "file", NoIndicators: "file",
	FormulaText: "text", BadURL: "key", RelativeBaseURL: "key",
	NumberTooLarge: "number", Implausible: "number", AsOfOutsidePlan: "date", OutsideParentPlan: "date", PlanCycle: "id", AfterPublished: "date",
	GlossCount:  "text",
	TileUnknown: "id", TileOverlap: "key", TilePosition: "number", TileMissing: "key",
}

// IsLink reports whether c is a problem of a link or address: a link to a page the site
// does not have, a layout's address that leaves a site published under a path, an image
// from elsewhere, an unsafe link. `--strict-links` fails on these warnings.
func (c Code) IsLink() bool {
	switch c {
	case BrokenLink, BrokenLinkNear, RootRelativeLink, ImageElsewhere, UnsafeLink:
		return true
	}
	return false
}

// IsTheme reports whether c is a problem of the site's layouts, strings or static files,
// not of its data or content.
func (c Code) IsTheme() bool { return titleOf[c] == "theme" }

// Title names the kind of problem c is in lang, in plain words: "Số viết chưa đúng".
func (c Code) Title(lang string) string {
	if w, ok := titleGroups[titleOf[c]]; ok {
		return w.In(lang)
	}
	return W("Cần xem lại", "Needs a look").In(lang)
}

// Codes returns every code of the catalogue in alphabetical order.
func Codes() []Code {
	out := make([]Code, 0, len(catalogue))
	for c := range catalogue {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

func (c Code) format(lang, kind string, args []any) string {
	e, ok := catalogue[c]
	if !ok {
		return string(c)
	}
	t := e.vi
	switch {
	case lang == "en" && kind == "hint":
		t = e.hintEN
	case lang == "en":
		t = e.en
	case kind == "hint":
		t = e.hintVI
	}
	if t == "" {
		return ""
	}
	if !strings.Contains(t, "%[") {
		return strings.ReplaceAll(t, "%%", "%") // no arguments: only %% escapes
	}
	return fmt.Sprintf(t, localize(args, lang)...)
}

// localize replaces Words arguments by their form in lang, and Figures by their digits
// as lang writes them.
func localize(args []any, lang string) []any {
	out := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case Words:
			a = v.In(lang)
		case Figure:
			a = FormatNumber(float64(v), lang)
		}
		out[i] = a
	}
	return out
}

// Figure is an argument that is a figure for people to read, as a message compares it
// with others: written 17.404 in Vietnamese and 17,404 in English. A number a person is
// to type into a file is not a Figure: TOML reads it as written.
type Figure float64

// FormatNumber writes v as readers of lang do: 17.404 and 29,72 in Vietnamese, 17,404 and
// 29.72 in English; as few decimals as v needs, at most four.
func FormatNumber(v float64, lang string) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if r := strconv.FormatFloat(v, 'f', 4, 64); len(s) > len(r) {
		s = strings.TrimRight(strings.TrimRight(r, "0"), ".")
	}
	return localNumber(s, lang)
}

// localNumber writes s, a number as strconv writes it ("-1234.5"), with lang's thousands
// separator and decimal mark.
func localNumber(s, lang string) string {
	intPart, frac, hasFrac := strings.Cut(s, ".")
	sign := ""
	if strings.HasPrefix(intPart, "-") {
		sign, intPart = "-", intPart[1:]
	}
	group, dec := ".", ","
	if lang == "en" {
		group, dec = ",", "."
	}
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteRune(r)
	}
	out := sign + b.String()
	if hasFrac {
		out += dec + frac
	}
	return out
}
