package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"

	"github.com/covsite/covsite/internal/serve"
)

func init() {
	register(command{name: "serve", summary: "preview the site at http://127.0.0.1:1313/, rebuilding and reloading on every save", run: runServe})
}

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	opts := serve.Options{Lang: messageLang(), Log: stdout}
	fs.StringVar(&opts.Source, "source", ".", "site directory holding data/ and content/")
	port := fs.Int("port", 1313, "TCP port to listen on (0 picks a free one)")
	bind := fs.String("bind", "127.0.0.1", "address to listen on; anything but loopback makes the preview visible to your network")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(*bind, strconv.Itoa(*port)))
	if err != nil {
		fmt.Fprintf(stderr, "covsite serve: %v — %s\n", err, pick(opts.Lang,
			"another program may use this port: try --port 1314", "có thể một chương trình khác đang dùng cổng này: thử --port 1314"))
		return 1
	}
	if ip := net.ParseIP(*bind); ip == nil || !ip.IsLoopback() {
		fmt.Fprintln(stderr, pick(opts.Lang,
			"covsite serve: warning: listening on "+*bind+" — other computers can see the preview",
			"covsite serve: cảnh báo: đang nghe trên "+*bind+" — máy khác trong mạng cũng xem được bản xem trước"))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := serve.New(opts).Run(ctx, ln); err != nil {
		fmt.Fprintf(stderr, "covsite serve: %v\n", err)
		return 1
	}
	return 0
}

// pick returns the English or the Vietnamese text for lang.
func pick(lang, en, vi string) string {
	if lang == "en" {
		return en
	}
	return vi
}
