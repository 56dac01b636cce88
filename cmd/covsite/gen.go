package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/gen"
)

func init() {
	register(command{name: "gen", summary: "write a synthetic national dataset (for measuring covsite at scale)",
		summaryVI: "tạo bộ dữ liệu giả cả nước (để đo tốc độ covsite)", run: runGen})
}

func runGen(args []string, stdout, stderr io.Writer) int {
	lang := messageLang()
	fs := newFlags("gen", lang, diag.W(
		"covsite gen --out THƯ-MỤC [--scale F] [--seed N] [--indicators TỆP]",
		"covsite gen --out DIR [--scale F] [--seed N] [--indicators FILE]").In(lang))
	out := fs.String("out", "", fs.t(diag.W("thư mục để ghi trang vào (mới hoặc trống)", "directory to write the site into (new or empty)")))
	scale := fs.Float64("scale", 1, fs.t(diag.W("cỡ: 1 là cả nước (~10.600 xã trước 1/7/2025, ~3.300 từ đó); 0.1 là một phần mười", "size: 1 is the whole country (~10,600 communes before 1/7/2025, ~3,300 since); 0.1 a tenth")))
	seed := fs.Uint64("seed", 1, fs.t(diag.W("hạt giống ngẫu nhiên; cùng seed và scale cho cùng dữ liệu", "random seed; the same seed and scale give the same bytes")))
	indicators := fs.String("indicators", "data/indicators.toml", fs.t(diag.W("tệp chỉ số để chép vào bộ dữ liệu", "indicators file to copy into the dataset and fill in")))
	if ok, code := fs.parseNoArgs(args, stdout, stderr); !ok {
		return code
	}
	if *out == "" {
		fmt.Fprintf(stderr, "covsite gen: %s\n", fs.t(diag.W("hãy cho biết ghi vào đâu: --out THƯ-MỤC", "say where to write it: --out DIR")))
		fs.printUsage(stderr)
		return 2
	}
	src, err := os.ReadFile(*indicators)
	if err != nil {
		fmt.Fprintf(stderr, "covsite gen: %v (%s)\n", err, fs.t(diag.W("chạy trong thư mục covsite hoặc dùng --indicators", "run from the covsite repository or give --indicators")))
		return 1
	}
	start := time.Now()
	sum, err := gen.Generate(*out, gen.Options{Scale: *scale, Seed: *seed, Indicators: src})
	if err != nil {
		fmt.Fprintf(stderr, "covsite gen: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, fs.t(diag.W("đã ghi %s vào %s trong %s ms\n", "wrote %s into %s in %s ms\n")), genSummary(sum, lang), *out, number(time.Since(start).Milliseconds(), lang))
	return 0
}

// genSummary says what gen wrote, in lang's words and numbers.
func genSummary(s gen.Summary, lang string) string {
	n := func(v int) string { return number(int64(v), lang) }
	return fmt.Sprintf(diag.W(
		"%s tỉnh, %s huyện, %s xã trước 1/7/2025; %s tỉnh, %s xã từ đó; %s kế hoạch, %s báo cáo, %s bài viết; %s chỉ tiêu, %s kết quả; %s tệp, %s MB",
		"%s provinces, %s districts, %s communes before 1/7/2025; %s provinces, %s communes since; %s plans, %s reports, %s updates; %s targets, %s results; %s files, %s MB").In(lang),
		n(s.OldProvinces), n(s.Districts), n(s.OldCommunes), n(s.NewProvinces), n(s.NewCommunes),
		n(s.Plans), n(s.Reports), n(s.Updates), n(s.Targets), n(s.Results), n(s.Files), diag.Decimal(float64(s.Bytes)/1e6, lang))
}

// number writes a count as lang does: 1.489 in Vietnamese, 1,489 in English.
func number(v int64, lang string) string { return diag.FormatNumber(float64(v), lang) }
