package main

import (
	"fmt"
	"io"

	"github.com/covsite/covsite/internal/build"
	"github.com/covsite/covsite/internal/diag"
)

func init() {
	register(command{name: "check", summary: "validate data and content; report every problem with file:line:col",
		summaryVI: "kiểm tra dữ liệu và bài viết; báo từng lỗi kèm tệp:dòng:cột", run: runCheck})
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	msgLang := messageLang()
	fs := newFlags("check", msgLang, diag.W(
		"covsite check [--source THƯ-MỤC] [--format text|github|json] [--strict] [--lang vi|en]",
		"covsite check [--source DIR] [--format text|github|json] [--strict] [--lang vi|en]").In(msgLang))
	source := fs.String("source", ".", fs.t("site directory holding data/ and content/", "thư mục của trang, chứa data/ và content/"))
	format := fs.String("format", "text", fs.t("output: text, github (Actions annotations) or json", "dạng kết quả: text, github (chú thích trên GitHub) hoặc json"))
	strict := fs.Bool("strict", false, fs.t("fail on warnings too", "coi cảnh báo cũng là lỗi"))
	lang := fs.String("lang", msgLang, fs.t("language of messages: vi or en", "ngôn ngữ của thông báo: vi hoặc en"))
	cacheDir := fs.String("cache-dir", "", fs.t("decode through the build cache in this directory and fill it (as build does; e.g. "+build.DefaultCacheDir+")",
		"đọc qua bộ nhớ đệm của lần dựng trong thư mục này và ghi thêm vào đó (như build; ví dụ "+build.DefaultCacheDir+")"))
	if ok, code := fs.parseNoArgs(args, stdout, stderr); !ok {
		return code
	}
	f, err := diag.ParseFormat(*format)
	if err != nil {
		fmt.Fprintf(stderr, "covsite check: %s\n", fs.t(err.Error(), fmt.Sprintf("không có dạng %q: dùng text, github hoặc json", *format)))
		return 2
	}
	if *lang != "vi" && *lang != "en" {
		fmt.Fprintf(stderr, "covsite check: %s\n", fs.t(fmt.Sprintf("unknown language %q: use vi or en", *lang), fmt.Sprintf("không có ngôn ngữ %q: dùng vi hoặc en", *lang)))
		return 2
	}
	var diags *diag.List
	if *cacheDir != "" {
		_, d, notices := build.CheckCached(*source, *cacheDir)
		diags = d
		for _, n := range notices {
			fmt.Fprintf(stderr, "covsite check: %s\n", n.In(*lang))
		}
	} else {
		_, diags = build.Check(*source)
	}
	if err := diag.Write(stdout, diags, f, *lang); err != nil {
		fmt.Fprintf(stderr, "covsite check: %v\n", err)
		return 2
	}
	if f == diag.FormatText {
		fmt.Fprintln(stdout, diags.Summary(*lang))
	}
	if diags.HasErrors() || (*strict && diags.Count(diag.Warning) > 0) {
		return 1
	}
	return 0
}
