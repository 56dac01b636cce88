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
	out := fs.String("out", "", fs.t("directory to write the site into (new or empty)", "thư mục để ghi trang vào (mới hoặc trống)"))
	scale := fs.Float64("scale", 1, fs.t("size: 1 is the whole country (~10,600 communes before 1/7/2025, ~3,300 since); 0.1 a tenth",
		"cỡ: 1 là cả nước (~10.600 xã trước 1/7/2025, ~3.300 từ đó); 0.1 là một phần mười"))
	seed := fs.Uint64("seed", 1, fs.t("random seed; the same seed and scale give the same bytes", "hạt giống ngẫu nhiên; cùng seed và scale cho cùng dữ liệu"))
	indicators := fs.String("indicators", "data/indicators.toml", fs.t("indicators file to copy into the dataset and fill in", "tệp chỉ số để chép vào bộ dữ liệu"))
	if ok, code := fs.parseNoArgs(args, stdout, stderr); !ok {
		return code
	}
	if *out == "" {
		fmt.Fprintf(stderr, "covsite gen: %s\n", fs.t("say where to write it: --out DIR", "hãy cho biết ghi vào đâu: --out THƯ-MỤC"))
		fs.printUsage(stderr)
		return 2
	}
	src, err := os.ReadFile(*indicators)
	if err != nil {
		fmt.Fprintf(stderr, "covsite gen: %v (%s)\n", err, fs.t("run from the covsite repository or give --indicators", "chạy trong thư mục covsite hoặc dùng --indicators"))
		return 1
	}
	start := time.Now()
	sum, err := gen.Generate(*out, gen.Options{Scale: *scale, Seed: *seed, Indicators: src})
	if err != nil {
		fmt.Fprintf(stderr, "covsite gen: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, fs.t("wrote %s into %s in %d ms\n", "đã ghi %s vào %s trong %d ms\n"), sum, *out, time.Since(start).Milliseconds())
	return 0
}
