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
		"covsite check [--source THƯ-MỤC] [--format text|github|json] [--strict] [--strict-links] [--lang vi|en]",
		"covsite check [--source DIR] [--format text|github|json] [--strict] [--strict-links] [--lang vi|en]").In(msgLang))
	source := fs.String("source", ".", fs.t(diag.W("thư mục của trang, chứa data/ và content/", "site directory holding data/ and content/")))
	format := fs.String("format", "text", fs.t(diag.W("dạng kết quả: text, github (chú thích trên GitHub) hoặc json", "output: text, github (Actions annotations) or json")))
	strict := fs.Bool("strict", false, fs.t(diag.W("coi cảnh báo cũng là lỗi", "fail on warnings too")))
	strictLinks := fs.Bool("strict-links", false, fs.t(strictLinksHelp))
	lang := fs.String("lang", msgLang, fs.t(diag.W("ngôn ngữ của thông báo: vi hoặc en", "language of messages: vi or en")))
	cacheDir := fs.String("cache-dir", "", fs.t(diag.W("đọc qua bộ nhớ đệm của lần dựng trong thư mục này và ghi thêm vào đó (như build; ví dụ "+build.DefaultCacheDir+")", "decode through the build cache in this directory and fill it (as build does; e.g. "+build.DefaultCacheDir+")")))
	if ok, code := fs.parseNoArgs(args, stdout, stderr); !ok {
		return code
	}
	f, err := diag.ParseFormat(*format)
	if err != nil {
		fmt.Fprintf(stderr, "covsite check: %s\n", fs.t(diag.W(fmt.Sprintf("không có dạng %q: dùng text, github hoặc json", *format), err.Error())))
		return 2
	}
	if *lang != "vi" && *lang != "en" {
		fmt.Fprintf(stderr, "covsite check: %s\n", fs.t(diag.W(fmt.Sprintf("không có ngôn ngữ %q: dùng vi hoặc en", *lang), fmt.Sprintf("unknown language %q: use vi or en", *lang))))
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
	if diags.HasErrors() {
		return 1
	}
	if *strict && diags.Count(diag.Warning) > 0 {
		fmt.Fprintln(stderr, "covsite check: "+strictNote.In(*lang))
		return 1
	}
	if *strictLinks && diags.LinkWarnings() > 0 {
		fmt.Fprintln(stderr, "covsite check: "+strictLinksNote.In(*lang))
		return 1
	}
	return 0
}

// strictLinksHelp is the help of --strict-links, on check and build.
var strictLinksHelp = diag.W(
	"coi cảnh báo về liên kết (liên kết tới trang không có, địa chỉ bắt đầu bằng / trong bố cục, ảnh ở trang khác) là lỗi, để không đăng liên kết hỏng; quy trình đăng trang (.github/workflows/site.yml) dùng tuỳ chọn này",
	"fail on warnings about links (a link to a page the site has not, a layout's address starting with /, an image from elsewhere), so that no broken link is published; the publishing workflow (.github/workflows/site.yml) uses it")

// strictLinksNote says why a site with warnings only fails: --strict-links.
var strictLinksNote = diag.W(
	"không có lỗi, nhưng --strict-links coi mỗi cảnh báo về liên kết là một lỗi: sửa các liên kết được báo ở trên",
	"no errors, but --strict-links counts each warning about a link as an error: fix the links reported above")

// strictNote says why a site with warnings only fails: --strict.
var strictNote = diag.W(
	"không có lỗi, nhưng --strict coi mỗi cảnh báo là một lỗi: sửa các cảnh báo, hoặc bỏ --strict",
	"no errors, but --strict counts each warning as an error: fix the warnings, or drop --strict")
