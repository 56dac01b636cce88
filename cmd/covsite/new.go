package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/covsite/covsite/internal/build"
	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/scaffold"
)

func init() {
	register(command{name: "new", summary: `start a file: new update "Tiêu đề" | new result --locality ID --date YYYY-MM-DD`,
		summaryVI: `tạo tệp mới: new update "Tiêu đề" (bài viết) | new result --locality ID --date YYYY-MM-DD (tệp kết quả)`, run: runNew})
}

// now is the clock of `covsite new`; tests replace it.
var now = time.Now

func runNew(args []string, stdout, stderr io.Writer) int {
	lang := messageLang()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		w := stderr
		if len(args) > 0 {
			w = stdout
		}
		fmt.Fprintln(w, diag.W(
			`covsite new: hãy nói cần tạo gì: covsite new update "Tiêu đề" hoặc covsite new result --locality ID --date YYYY-MM-DD`,
			`covsite new: say what to create: covsite new update "Title" or covsite new result --locality ID --date YYYY-MM-DD`).In(lang))
		if len(args) > 0 {
			return 0
		}
		return 2
	}
	switch args[0] {
	case "update":
		return newUpdate(args[1:], stdout, stderr, lang)
	case "result":
		return newResult(args[1:], stdout, stderr, lang)
	}
	fmt.Fprintf(stderr, "covsite new: %q? %s\n", args[0], diag.W("dùng update hoặc result", "use update or result").In(lang))
	return 2
}

func newUpdate(args []string, stdout, stderr io.Writer, lang string) int {
	fs := newFlags("new update", lang, diag.W(
		`covsite new update "Tiêu đề" [--date YYYY-MM-DD] [--lang vi|en] [--slug ĐỊA-CHỈ]`,
		`covsite new update "Title" [--date YYYY-MM-DD] [--lang vi|en] [--slug ADDRESS]`).In(lang))
	source := fs.String("source", ".", fs.t("site directory holding data/ and content/", "thư mục của trang, chứa data/ và content/"))
	day := fs.String("date", "", fs.t("date of the update, YYYY-MM-DD (default: today)", "ngày của bài, YYYY-MM-DD (mặc định: hôm nay)"))
	docLang := fs.String("lang", "vi", fs.t("language of the update: vi, or en for the English version (slug.en.md)", "ngôn ngữ của bài: vi, hoặc en cho bản tiếng Anh (slug.en.md)"))
	slug := fs.String("slug", "", fs.t("the update's address (default: made from the title); an English version uses its Vietnamese one's",
		"địa chỉ của bài (mặc định: lấy từ tiêu đề); bản tiếng Anh dùng địa chỉ của bản tiếng Việt"))
	titles, ok, code := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if len(titles) != 1 || (*docLang != "vi" && *docLang != "en") {
		fmt.Fprintln(stderr, diag.W(
			`cách dùng: covsite new update "Tiêu đề" [--date YYYY-MM-DD] [--lang vi|en] [--slug ĐỊA-CHỈ] (tiêu đề đặt trong dấu ngoặc kép)`,
			`usage: covsite new update "Title" [--date YYYY-MM-DD] [--lang vi|en] [--slug ADDRESS]`).In(lang))
		return 2
	}
	d, ok := dateFlag(*day, stderr, lang)
	if !ok {
		return 2
	}
	rel, err := scaffold.NewUpdate(*source, scaffold.Update{Title: titles[0], Date: d, Lang: *docLang, Slug: *slug}, lang)
	if err != nil {
		return reportNewError(stderr, err)
	}
	fmt.Fprintf(stdout, diag.W(
		"đã tạo %s, là bản nháp — viết nội dung bài và tóm tắt (summary), xem trước bằng covsite serve, rồi xoá dòng draft = true để đăng\n",
		"created %s, a draft — write the update and its summary, preview it with covsite serve, and delete the line draft = true to publish it\n").In(lang),
		rel)
	return 0
}

// dateFlag reads a --date value; empty means today by the clock.
func dateFlag(s string, stderr io.Writer, lang string) (date.Date, bool) {
	if s == "" {
		return date.Of(now()), true
	}
	d, err := date.Parse(s)
	if err != nil {
		fmt.Fprintf(stderr, "covsite new: %s\n", badDate("--date", s, lang))
		return date.Date{}, false
	}
	return d, true
}

func newResult(args []string, stdout, stderr io.Writer, lang string) int {
	fs := newFlags("new result", lang, diag.W("covsite new result --locality ID --date YYYY-MM-DD", "covsite new result --locality ID --date YYYY-MM-DD").In(lang))
	source := fs.String("source", ".", fs.t("site directory holding data/ and content/", "thư mục của trang, chứa data/ và content/"))
	locality := fs.String("locality", "", fs.t("id of the locality the results are for (see data/localities/)", "id của địa phương có số liệu (xem data/localities/)"))
	day := fs.String("date", "", fs.t("the date the figures are as of, YYYY-MM-DD (default: today)", "số liệu tính đến ngày nào, YYYY-MM-DD (mặc định: hôm nay)"))
	rest, ok, code := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if *locality == "" || len(rest) > 0 {
		fmt.Fprintln(stderr, diag.W(
			"cách dùng: covsite new result --locality ID --date YYYY-MM-DD",
			"usage: covsite new result --locality ID --date YYYY-MM-DD").In(lang))
		return 2
	}
	d, ok := dateFlag(*day, stderr, lang)
	if !ok {
		return 2
	}
	site, diags := build.Check(*source)
	rel, err := scaffold.NewResult(*source, site, scaffold.Result{Locality: strings.TrimSpace(*locality), AsOf: d}, lang)
	if err != nil {
		if diags.HasErrors() {
			fmt.Fprintf(stderr, diag.W(
				"covsite new: lưu ý: dữ liệu đang có %d lỗi; chạy covsite check để xem\n",
				"covsite new: note: the site has %d errors; run covsite check\n").In(lang),
				diags.Count(diag.Error))
		}
		return reportNewError(stderr, err)
	}
	fmt.Fprintf(stdout, diag.W(
		"đã tạo %s — điền [source] và các con số, rồi chạy: covsite check\n",
		"created %s — fill in [source] and the figures, then run: covsite check\n").In(lang),
		rel)
	return 0
}

func reportNewError(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "covsite new: %v\n", err)
	return 1
}
