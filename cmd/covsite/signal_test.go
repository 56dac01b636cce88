package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/fsnotify/fsnotify"

	"github.com/covsite/covsite/internal/gen/gentest"
)

// import stops on SIGTERM and SIGINT while it reads, whatever the read waits on, says so
// in Vietnamese, writes nothing and leaves no temporary file. The table is a FIFO: the
// test's write to it returns once import has opened it, after its signal handler is set.
func TestImportStopsOnSignals(t *testing.T) {
	bin := buildBinary(t)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			site := exampleCopy(t)
			tmp := t.TempDir()
			fifo := filepath.Join(t.TempDir(), "bang.csv")
			if err := syscall.Mkfifo(fifo, 0o600); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(bin, "import", fifo, "--site", site, "--parent", "tp-tra-vinh", "--plan", "x-2024")
			cmd.Env = append(withoutLanguage(), "TMPDIR="+tmp)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			if _, err := w.WriteString("Đơn vị,BHYT\nPhường 1,1.888\n"); err != nil {
				t.Fatal(err)
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			err = cmd.Wait()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 130 {
				t.Fatalf("exit: %v\n%s", err, stderr.String())
			}
			if !strings.Contains(stderr.String(), "đã dừng giữa chừng; không ghi gì cả") {
				t.Errorf("stderr: %q", stderr.String())
			}
			if left, _ := os.ReadDir(tmp); len(left) > 0 {
				t.Errorf("left in TMPDIR: %v", left)
			}
			if _, err := os.Stat(filepath.Join(site, "data/plans/x-2024.toml")); err == nil {
				t.Error("a plan was written")
			}
		})
	}
}

// build stops on SIGTERM as on Ctrl-C: it exits with an error, removes its unfinished
// tree and leaves the destination as it was. The signal is sent when the unfinished
// tree appears beside the destination (rendering a generated site then takes seconds).
func TestBuildStopsOnSIGTERM(t *testing.T) {
	bin := buildBinary(t)
	src := gentest.Site(t, 0.02)
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	w, err := fsnotify.NewWatcher()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.Add(parent); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "build", "--source", src, "--dest", dest)
	cmd.Env = withoutLanguage()
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for ev := range w.Events {
		if strings.HasPrefix(filepath.Base(ev.Name), ".public.new-") && ev.Has(fsnotify.Create) {
			break
		}
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("exit: %v\n%s", err, stderr.String())
	}
	if left, _ := os.ReadDir(parent); len(left) > 0 {
		t.Errorf("left beside public/: %v\n%s", left, stderr.String())
	}
}
