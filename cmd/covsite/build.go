package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/covsite/covsite/internal/build"
	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/load"
)

func init() {
	register(command{name: "build", summary: "check the data, then build the site into --dest atomically",
		summaryVI: "kiểm tra dữ liệu rồi dựng trang vào thư mục --dest (mặc định public/)", run: runBuild})
}

// figureKeysHelp is the help of --figure-keys, on build and serve.
var figureKeysHelp = diag.W(
	"đánh dấu mỗi con số in ra bằng khoá của dòng của nó trong dữ liệu (data-fig…), để kiểm thử và kiểm tra trang đã dựng",
	"mark every printed figure with the key of its row in the data (data-fig…), for tests and audits of the built site")

func runBuild(args []string, stdout, stderr io.Writer) int {
	opts := build.Options{Lang: messageLang()}
	fs := newFlags("build", opts.Lang, diag.W(
		"covsite build [--source THƯ-MỤC] [--dest THƯ-MỤC] [--base-url ĐỊA-CHỈ] [--strict] [--strict-links] [--drafts]",
		"covsite build [--source DIR] [--dest DIR] [--base-url URL] [--strict] [--strict-links] [--drafts]").In(opts.Lang))
	fs.StringVar(&opts.Source, "source", ".", fs.t(diag.W("thư mục của trang, chứa data/ và content/", "site directory holding data/ and content/")))
	fs.StringVar(&opts.Dest, "dest", "public", fs.t(diag.W("thư mục kết quả (được thay trọn một lần)", "output directory (replaced atomically)")))
	fs.StringVar(&opts.BaseURL, "base-url", "", fs.t(diag.W("địa chỉ trang sẽ đăng lên (mặc định: base_url trong data/site.toml)", "URL the site is published at (default: base_url of data/site.toml)")))
	fs.BoolVar(&opts.Strict, "strict", false, fs.t(diag.W("coi cảnh báo như lỗi", "treat warnings as errors")))
	fs.BoolVar(&opts.StrictLinks, "strict-links", false, fs.t(strictLinksHelp))
	fs.BoolVar(&opts.Drafts, "drafts", false, fs.t(diag.W("đăng cả các bài còn là bản nháp (draft = true)", "publish updates marked draft = true too")))
	fs.BoolVar(&opts.FigureKeys, "figure-keys", false, fs.t(figureKeysHelp))
	fs.IntVar(&opts.Workers, "workers", 0, fs.t(diag.W("số trang dựng cùng lúc (mặc định: gấp đôi số nhân CPU)", "pages rendered at once (default: two per CPU)")))
	cacheDir := fs.String("cache-dir", "", fs.t(diag.W("giữ dữ liệu đã đọc và trạng thái của lần dựng này ở đây cho lần sau (mặc định: SOURCE/"+build.DefaultCacheDir+")", "keep decoded data and the state of this build here for the next one (default: SOURCE/"+build.DefaultCacheDir+")")))
	fs.BoolVar(&opts.InPlace, "in-place", false, fs.t(diag.W("khi có bộ nhớ đệm, cập nhật --dest tại chỗ, chỉ ghi các tệp đã đổi (cho CI; mặc định: dựng cây mới rồi tráo vào)", "with the cache, update --dest in place, writing only the files that changed (for CI; default: build a new tree and swap it in)")))
	noCache := fs.Bool("no-cache", false, fs.t(diag.W("dựng mà không đọc hay ghi bộ nhớ đệm", "build without reading or writing the cache")))
	fs.Int64Var(&opts.MemoryLimit, "memory-limit", 0, fs.t(diag.W("giới hạn mềm bộ nhớ heap của Go khi dựng, tính bằng byte (mặc định: 448 MiB khi dựng mọi trang, hoặc gấp đôi dữ liệu của trang nếu nhiều hơn; -1: không giới hạn; GOMEMLIMIT được ưu tiên); đổi thời gian CPU lấy bộ nhớ", "soft limit on the build's Go heap in bytes (default: 448 MiB when every page is rendered, or twice the site's data if more; -1: none; GOMEMLIMIT wins); trades CPU for peak memory")))
	languages := fs.String("languages", "", fs.t(diag.W("chỉ dựng trang của các ngôn ngữ này, cách nhau bằng dấu phẩy (vi, en hoặc vi,en); mặc định: languages trong data/site.toml, hoặc cả hai", "build only these languages' pages, comma-separated (vi, en or vi,en); default: languages of data/site.toml, or both")))
	cpuProfile := fs.String("profile-cpu", "", fs.t(diag.W("ghi hồ sơ CPU của lần dựng vào tệp này (go tool pprof)", "write a CPU profile of the build to this file (go tool pprof)")))
	memProfile := fs.String("profile-mem", "", fs.t(diag.W("ghi hồ sơ bộ nhớ của lần dựng vào tệp này (go tool pprof -sample_index=alloc_space)", "write a memory profile of the build to this file (go tool pprof -sample_index=alloc_space)")))
	tracePath := fs.String("trace", "", fs.t(diag.W("ghi vết chạy của lần dựng vào tệp này (go tool trace), các bước được đánh dấu", "write an execution trace of the build to this file (go tool trace), its phases marked")))
	timings := fs.Bool("timings", false, fs.t(diag.W("in thời điểm mỗi bước của lần dựng kết thúc, tính từ lúc bắt đầu (ms), ra stderr", "print when each phase of the build ended, from its start (ms), to stderr")))
	if ok, code := fs.parseNoArgs(args, stdout, stderr); !ok {
		return code
	}
	if opts.BaseURL != "" && !load.ValidBaseURL(opts.BaseURL) {
		fmt.Fprintf(stderr, "covsite build: %s\n", diag.W(
			fmt.Sprintf("--base-url %q không phải là địa chỉ http(s) đầy đủ hay đường dẫn bắt đầu bằng /; viết ví dụ --base-url https://example.org/covsite/", opts.BaseURL),
			fmt.Sprintf("--base-url %q is not an absolute http(s) address or a path beginning with /; write e.g. --base-url https://example.org/covsite/", opts.BaseURL)).In(opts.Lang))
		return 2
	}
	stopProfiles, err := startProfiles(*cpuProfile, *memProfile, *tracePath)
	if err != nil {
		fmt.Fprintf(stderr, "covsite build: %v\n", err)
		return 1
	}
	defer stopProfiles()
	if *languages != "" {
		opts.Languages = strings.Split(*languages, ",")
	}
	switch {
	case *noCache:
	case *cacheDir != "":
		opts.CacheDir = *cacheDir
	default:
		opts.CacheDir = filepath.Join(opts.Source, build.DefaultCacheDir)
	}
	// SIGTERM (CI cancelling a job, a container stopping) stops the build as Ctrl-C does:
	// the unfinished tree is removed and the destination stays as it was.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	res, err := build.Run(ctx, opts)
	if *timings {
		printPhases(stderr, res.Phases, opts.Lang)
	}
	for _, n := range res.Notices {
		fmt.Fprintf(stderr, "covsite build: %s\n", n.In(opts.Lang))
	}
	if res.Diagnostics != nil {
		_ = diag.Write(stderr, res.Diagnostics, diag.FormatText, opts.Lang)
	}
	if err != nil {
		if !errors.Is(err, build.ErrInvalid) || res.Diagnostics == nil {
			fmt.Fprintf(stderr, "covsite build: %s\n", diag.Text(err, opts.Lang))
		} else {
			fmt.Fprintf(stderr, diag.W("covsite build: %s; %s được giữ nguyên\n", "covsite build: %s; %s left unchanged\n").In(opts.Lang),
				res.Diagnostics.Summary(opts.Lang), opts.Dest)
			switch {
			case res.Diagnostics.HasErrors():
			case opts.Strict:
				fmt.Fprintln(stderr, "covsite build: "+strictNote.In(opts.Lang))
			default:
				fmt.Fprintln(stderr, "covsite build: "+strictLinksNote.In(opts.Lang))
			}
		}
		return 1
	}
	fmt.Fprintf(stdout, diag.W(
		"đã dựng %s trang, %s tệp (%s MB, %s tệp không đổi) vào %s trong %s ms\n",
		"built %s pages, %s files (%s MB, %s unchanged) into %s in %s ms\n").In(opts.Lang),
		number(int64(res.Pages), opts.Lang), number(int64(res.Files), opts.Lang), diag.Decimal(float64(res.Bytes)/1e6, opts.Lang),
		number(int64(res.Unchanged), opts.Lang), opts.Dest, number(res.Duration.Milliseconds(), opts.Lang))
	if opts.CacheDir != "" {
		fmt.Fprintf(stdout, diag.W(
			"bộ nhớ đệm %s: %s tệp lấy từ đó, %s tệp giữ lại từ lần dựng trước mà không dựng lại\n",
			"cache %s: %s files decoded from it, %s files kept from the previous build without rendering\n").In(opts.Lang),
			opts.CacheDir, number(int64(res.FromStore), opts.Lang), number(int64(res.Kept), opts.Lang))
	}
	return 0
}

// printPhases prints when each phase of a build ended, how long it took and the CPU time
// the process had used by then, in ms.
func printPhases(w io.Writer, phases []build.Phase, lang string) {
	var prev time.Duration
	for _, p := range phases {
		cpu := ""
		if p.CPU > 0 {
			cpu = fmt.Sprintf(", CPU %s ms", number(p.CPU.Milliseconds(), lang))
		}
		fmt.Fprintf(w, "covsite build: %s %6s ms (+%s ms%s) %s\n", diag.W("bước", "phase").In(lang),
			number(p.End.Milliseconds(), lang), number((p.End-prev).Milliseconds(), lang), cpu, p.Name)
		prev = p.End
	}
}
