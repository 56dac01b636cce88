// Package serve is `covsite serve`: it builds a site into memory, serves it over HTTP,
// watches the site's sources and rebuilds on save, and reloads open browser tabs through
// Server-Sent Events. While the data has errors it keeps serving the last good build with
// an overlay naming every error (file:line:col, message, hint); the reload script and the
// overlay exist only in the server's responses, never in `covsite build` output.
//
// A rebuild decodes only the files that changed and, when they are all results files,
// links only those again (build.Preparer), then swaps in a new generation of pages that
// render on first use: the pages open in a browser at once, to know whether their tabs
// reload, any other when it is asked for. So a save re-renders only the open pages, in
// milliseconds even for a national site. A page that renders to the same bytes as before
// keeps the old bytes and its tab is not reloaded.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/covsite/covsite/internal/build"
	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/render/asset"
	"github.com/covsite/covsite/internal/sitefs"
	"github.com/covsite/covsite/themes"
)

// Options say what to serve and how.
type Options struct {
	Source   string        // the site directory holding data/ and content/
	Lang     string        // language of log messages: "vi" or "en"
	Log      io.Writer     // where to log builds and errors; nil discards
	Debounce time.Duration // quiet time after the last file event before rebuilding; 0 means 50 ms
	// FigureKeys marks every printed figure with the key of its row in the data (data-fig…).
	FigureKeys bool
}

// Server is a running preview of one site.
type Server struct {
	opts     Options
	theme    fs.FS
	preparer *build.Preparer // used by one rebuild at a time
	dirty    dirtyPaths      // what changed since the last rebuild, by the watcher
	hub      hub
	closing  chan struct{}
	loopback bool

	mu      sync.RWMutex
	gen     *generation // the last good build; nil until one succeeds
	fail    *failure    // why the latest rebuild failed; nil when it succeeded
	version uint64      // bumped whenever what is shown changes
	logMu   sync.Mutex
	shown   map[string]bool // warnings whose text the log has printed, under logMu
}

// view is what a request sees: one consistent state.
type view struct {
	gen     *generation
	fail    *failure
	version uint64
}

// New prepares a server for the site at opts.Source. Nothing runs until Run.
func New(opts Options) *Server {
	if opts.Debounce <= 0 {
		opts.Debounce = 50 * time.Millisecond
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	theme := liveTheme(opts.Source)
	return &Server{
		opts: opts, theme: theme, closing: make(chan struct{}),
		preparer: build.NewPreparer(build.Options{Source: opts.Source, BaseURL: "/", Lang: opts.Lang, Drafts: true, FigureKeys: opts.FigureKeys}, theme),
	}
}

// liveTheme is the site's own layouts/, static/ and i18n/ over the default theme — read
// from disk when the site carries the default theme's sources (so editing them shows at
// once), else the theme embedded in the binary.
func liveTheme(source string) fs.FS {
	lower := themes.Default()
	dir := filepath.Join(source, "themes", "default")
	if fi, err := os.Stat(filepath.Join(dir, "layouts")); err == nil && fi.IsDir() {
		lower = os.DirFS(dir) // its links are reported by build (themes/ is an input)
	}
	return asset.Overlay{Upper: build.SourceFS(source), Lower: sitefs.NoLinks(lower)}
}

func (s *Server) view() view {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return view{gen: s.gen, fail: s.fail, version: s.version}
}

func (s *Server) currentVersion() uint64 { return s.view().version }

// Run builds the site, then serves it on ln and rebuilds on every change until ctx is
// cancelled; then it stops the server gracefully and returns nil.
func (s *Server) Run(ctx context.Context, ln net.Listener) error {
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok {
		s.loopback = tcp.IP.IsLoopback()
	}
	w, err := newWatcher(s.opts.Source, &s.dirty)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	changes := make(chan change, 1)
	var wg sync.WaitGroup
	wg.Go(func() { w.run(ctx, s.opts.Debounce, changes, s.logf) })
	s.rebuild(change{at: time.Now()})
	wg.Go(func() { s.rebuildLoop(ctx, changes) })
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	s.logf("%s", s.listening(ln.Addr()))
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	cancel()
	close(s.closing)
	// Requests under way get a moment to finish. Connections a browser opened ahead of
	// time and never used count as busy for 5 s in net/http, so past the moment every
	// connection is closed: Ctrl-C stops the preview at once.
	shutCtx, done := context.WithTimeout(context.Background(), 2*time.Second)
	defer done()
	shutErr := srv.Shutdown(shutCtx)
	if errors.Is(shutErr, context.DeadlineExceeded) {
		shutErr = srv.Close()
	}
	wg.Wait()
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	if shutErr != nil {
		return fmt.Errorf("serve: stopping: %w", shutErr)
	}
	s.logf("%s", diag.W("đã dừng", "stopped").In(s.opts.Lang))
	return nil
}

func (s *Server) rebuildLoop(ctx context.Context, changes <-chan change) {
	for {
		select {
		case <-ctx.Done():
			return
		case c := <-changes:
			s.rebuild(c)
		}
	}
}

// rebuild loads and checks the site; on success it swaps in a new generation, whose pages
// render when asked for, and reloads the tabs whose page changed; on failure it keeps the
// last good build and shows the overlay.
func (s *Server) rebuild(c change) {
	p, err := s.preparer.PrepareChanged(s.dirty.take())
	if err != nil {
		s.failed(p, err, c)
		return
	}
	s.mu.Lock()
	old, hadFail := s.gen, s.fail != nil
	s.version++
	g := newGeneration(s.version, p, old)
	s.gen, s.fail = g, nil
	s.mu.Unlock()
	s.logReady(p, c, time.Since(c.at))
	s.announce(g, hadFail || old == nil, c)
}

// failed records a failed rebuild and reloads every tab so the overlay shows.
func (s *Server) failed(p *build.Prepared, err error, c change) {
	f := &failure{err: err}
	if errors.Is(err, build.ErrInvalid) && p != nil {
		f = &failure{diags: p.Diagnostics}
	}
	s.mu.Lock()
	s.fail = f
	s.version++
	haveBuild := s.gen != nil
	s.mu.Unlock()
	s.logFailure(f, c, haveBuild)
	s.announce(nil, true, c)
}

// announce tells open tabs to reload: all of them, or only those whose page changed in g.
// The page of each open tab is rendered at once, each in its own goroutine; once all are,
// the log says how many changed and how long after the change (c) their tabs were told.
func (s *Server) announce(g *generation, all bool, c change) {
	v := s.currentVersion()
	tabs := s.hub.snapshot()
	if all || g == nil {
		for _, t := range tabs {
			t.notify(v)
		}
		return
	}
	var (
		wg       sync.WaitGroup
		reloaded atomic.Int32
	)
	for _, t := range tabs {
		wg.Go(func() {
			e := g.entry(t.path)
			if e != nil {
				if _, err := e.bytes(); err == nil && !e.changed {
					return
				}
			}
			t.notify(v)
			reloaded.Add(1)
		})
	}
	if len(tabs) > 0 && c.path != "" {
		go func() {
			wg.Wait()
			s.logf(diag.W("tab đang mở: %d, đã tải lại: %d, sau khi thay đổi %.0f ms", "open tabs: %d, reloaded: %d, %.0f ms after the change").In(s.opts.Lang),
				len(tabs), reloaded.Load(), ms(time.Since(c.at)))
		}()
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// logReady logs a swapped-in build: how long from the first file event (or the start) until
// requests see it, and where that time went.
func (s *Server) logReady(p *build.Prepared, c change, ready time.Duration) {
	what, how := diag.W("đã dựng", "built").In(s.opts.Lang), ""
	if c.path != "" {
		what = fmt.Sprintf(diag.W("đã dựng lại sau khi %s thay đổi", "rebuilt after a change to %s").In(s.opts.Lang), c.path)
		how = fmt.Sprintf(diag.W("%d tệp dữ liệu thay đổi", "data files changed: %d").In(s.opts.Lang), len(p.Changed))
		if p.Relinked && len(p.Changed) > 0 { // none: a layout, strings or static file
			how += diag.W(", chỉ liên kết lại kết quả của chúng", ", only their results linked again").In(s.opts.Lang)
		}
		how += "; "
	}
	l := s.opts.Lang
	s.logf(diag.W(
		"%s: sẵn sàng sau %.0f ms (đọc %s, kiểm tra %s, chuẩn bị %s ms; %s%d cảnh báo)",
		"%s: ready in %.0f ms (load %s, model %s, setup %s ms; %s%d warnings)").In(l),
		what, ms(ready), diag.Decimal(ms(p.Load), l), diag.Decimal(ms(p.Model), l), diag.Decimal(ms(p.Setup), l), how, p.Diagnostics.Count(diag.Warning))
	s.logWarnings(p.Diagnostics)
}

// logWarnings prints the text of each warning the log has not printed yet: once, the first
// time it appears, not again at every rebuild.
func (s *Server) logWarnings(l *diag.List) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	if s.shown == nil {
		s.shown = map[string]bool{}
	}
	fresh := &diag.List{}
	for _, d := range l.Items() {
		if text := d.Text(s.opts.Lang); d.Severity == diag.Warning && !s.shown[text] {
			s.shown[text] = true
			fresh.Add(d)
		}
	}
	_ = diag.Write(s.opts.Log, fresh, diag.FormatText, s.opts.Lang)
}

func (s *Server) logFailure(f *failure, c change, haveBuild bool) {
	s.logMu.Lock()
	if f.diags != nil {
		_ = diag.Write(s.opts.Log, onlyErrors(f.diags), diag.FormatText, s.opts.Lang)
	} else {
		fmt.Fprintf(s.opts.Log, "%v\n", f.err)
	}
	s.logMu.Unlock()
	n := len(f.problems(s.opts.Lang))
	if haveBuild {
		s.logf(diag.W("%d lỗi sau khi %s thay đổi — vẫn phục vụ bản dựng tốt gần nhất", "errors: %d, after a change to %s — still serving the last good build").In(s.opts.Lang), n, orDash(c.path))
		return
	}
	s.logf(diag.W("%d lỗi — chưa có trang nào để phục vụ cho đến khi sửa xong", "errors: %d — nothing to serve until they are fixed").In(s.opts.Lang), n)
}

// renderFailed is the failure of a page that could not be rendered: a mistake of a site's
// own layout (build.RenderDiagnostic) with its place, or else the error as it is. The
// terminal says it once, the first time it happens.
func (s *Server) renderFailed(err error) *failure {
	d, ok := build.RenderDiagnostic(err)
	if !ok {
		s.logf("%v", err)
		return &failure{err: err}
	}
	l := &diag.List{}
	l.Add(d)
	s.logMu.Lock()
	defer s.logMu.Unlock()
	if s.shown == nil {
		s.shown = map[string]bool{}
	}
	if text := d.Text(s.opts.Lang); !s.shown[text] {
		s.shown[text] = true
		_ = diag.Write(s.opts.Log, l, diag.FormatText, s.opts.Lang)
	}
	return &failure{diags: l}
}

// onlyErrors drops the warnings of l: they do not stop a build and `covsite check` lists them.
func onlyErrors(l *diag.List) *diag.List {
	out := &diag.List{}
	for _, d := range l.Items() {
		if d.Severity == diag.Error {
			out.Add(d)
		}
	}
	return out
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// logf writes one time-stamped line to the log.
func (s *Server) logf(format string, args ...any) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(s.opts.Log, "%s %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, args...))
}
