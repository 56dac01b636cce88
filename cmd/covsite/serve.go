package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/serve"
)

func init() {
	register(command{name: "serve", summary: "preview the site at http://127.0.0.1:1313/, rebuilding and reloading on every save",
		summaryVI: "xem trước trang tại http://127.0.0.1:1313/, tự dựng lại và tải lại mỗi khi lưu tệp", run: runServe})
}

func runServe(args []string, stdout, stderr io.Writer) int {
	opts := serve.Options{Lang: messageLang(), Log: stdout}
	fs := newFlags("serve", opts.Lang, diag.W(
		"covsite serve [--source THƯ-MỤC] [--port 1313] [--bind 127.0.0.1]",
		"covsite serve [--source DIR] [--port 1313] [--bind 127.0.0.1]").In(opts.Lang))
	fs.StringVar(&opts.Source, "source", ".", fs.t(diag.W("thư mục của trang, chứa data/ và content/", "site directory holding data/ and content/")))
	port := fs.Int("port", 1313, fs.t(diag.W("cổng để mở trang xem trước (0: chọn một cổng còn trống)", "TCP port to listen on (0 picks a free one)")))
	bind := fs.String("bind", "127.0.0.1", fs.t(diag.W("địa chỉ để mở; khác 127.0.0.1 thì máy khác trong mạng cũng xem được bản xem trước", "address to listen on; anything but loopback makes the preview visible to your network")))
	fs.BoolVar(&opts.FigureKeys, "figure-keys", false, fs.t(figureKeysHelp))
	if ok, code := fs.parseNoArgs(args, stdout, stderr); !ok {
		return code
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(*bind, strconv.Itoa(*port)))
	if err != nil {
		fmt.Fprintf(stderr, "covsite serve: %s\n", listenError(err, *bind, *port, opts.Lang))
		return 1
	}
	if ip := net.ParseIP(*bind); ip == nil || !ip.IsLoopback() {
		fmt.Fprintln(stderr, diag.W(
			"covsite serve: cảnh báo: đang nghe trên "+*bind+" — máy khác trong mạng cũng xem được bản xem trước",
			"covsite serve: warning: listening on "+*bind+" — other computers can see the preview").In(opts.Lang))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := serve.New(opts).Run(ctx, ln); err != nil {
		fmt.Fprintf(stderr, "covsite serve: %v\n", err)
		return 1
	}
	return 0
}

// listenError says why serve cannot listen on bind:port, and what to do, in lang.
func listenError(err error, bind string, port int, lang string) string {
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return fmt.Sprintf(diag.W(
			"cổng %[1]d đang được một chương trình khác dùng, có thể là một covsite serve khác — hãy dừng chương trình đó (Ctrl-C trong cửa sổ của nó) hoặc dùng cổng khác: covsite serve --port %[2]d",
			"port %[1]d is in use by another program, perhaps another covsite serve — stop it (Ctrl-C in its window) or use another port: covsite serve --port %[2]d").In(lang),
			port, port+1)
	case errors.Is(err, syscall.EACCES):
		return fmt.Sprintf(diag.W(
			"cổng %[1]d cần quyền quản trị — hãy dùng cổng lớn hơn 1023, ví dụ covsite serve --port 1313",
			"port %[1]d needs administrator rights — use a port above 1023, such as covsite serve --port 1313").In(lang),
			port)
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		return fmt.Sprintf(diag.W(
			"máy này không có địa chỉ %[1]s — bỏ --bind để dùng 127.0.0.1",
			"this computer has no address %[1]s — leave out --bind to use 127.0.0.1").In(lang),
			bind)
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return fmt.Sprintf(diag.W(
			"%[1]q không phải địa chỉ của máy này — bỏ --bind để dùng 127.0.0.1",
			"%[1]q is not an address of this computer — leave out --bind to use 127.0.0.1").In(lang),
			bind)
	}
	return fmt.Sprintf(diag.W(
		"không mở được %[1]s:%[2]d (%[3]v) — thử covsite serve --port %[4]d",
		"cannot open %[1]s:%[2]d (%[3]v) — try covsite serve --port %[4]d").In(lang),
		bind, port, err, port+1)
}
