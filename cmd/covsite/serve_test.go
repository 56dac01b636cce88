package main

import (
	"bufio"
	"bytes"
	"errors"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// buildBinary builds covsite into a temporary directory, for tests that run it as a
// process (signals, exit codes).
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "covsite")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// withoutLanguage is the environment without the variables that choose the language of
// messages, so the command speaks its default, Vietnamese.
func withoutLanguage() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if name == "COVSITE_LANG" || name == "LANG" || name == "LANGUAGE" || strings.HasPrefix(name, "LC_") {
			continue
		}
		env = append(env, kv)
	}
	return env
}

// TestServeCommandDefaults runs `covsite serve --port 0` as a user does: it listens on
// 127.0.0.1 only (no --bind), speaks Vietnamese, and Ctrl-C (SIGINT) stops it cleanly with
// exit status 0 and a last line saying so.
func TestServeCommandDefaults(t *testing.T) {
	bin := buildBinary(t)
	cmd := exec.Command(bin, "serve", "--port", "0", "--source", exampleCopy(t))
	cmd.Env = withoutLanguage()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	lines := make(chan string, 64)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
		exited <- cmd.Wait()
	}()
	t.Cleanup(func() { _ = cmd.Process.Kill() })

	var log []string
	next := func(what string) string {
		t.Helper()
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("covsite serve ended while waiting for %s; output:\n%s\nstderr:\n%s", what, strings.Join(log, "\n"), stderr.String())
			}
			log = append(log, l)
			return l
		case <-time.After(30 * time.Second):
			t.Fatalf("no %s within 30 s; output:\n%s\nstderr:\n%s", what, strings.Join(log, "\n"), stderr.String())
		}
		return ""
	}
	var serving string
	for serving == "" {
		if l := next("serving line"); strings.Contains(l, "đang phục vụ ") {
			serving = l
		}
	}
	raw := regexp.MustCompile(`http://\S+/`).FindString(serving)
	u, err := url.Parse(raw)
	if err != nil || !strings.Contains(serving, "đang phục vụ http://127.0.0.1:") || u.Port() == "" || u.Port() == "0" {
		t.Fatalf("serving line %q: want http://127.0.0.1:PORT/", serving)
	}
	resp, err := http.Get(raw)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d", raw, resp.StatusCode)
	}
	// Loopback only: the same port on this computer's other addresses refuses connections.
	if ip := otherAddress(); ip != nil {
		conn, err := net.DialTimeout("tcp", net.JoinHostPort(ip.String(), u.Port()), 2*time.Second)
		if err == nil {
			conn.Close()
			t.Errorf("serve accepts connections on %s, not only on loopback", ip)
		}
	}
	if strings.Contains(stderr.String(), "cảnh báo") {
		t.Errorf("warning about a non-loopback address although none was asked for: %s", stderr.String())
	}

	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	for l := ""; !strings.HasSuffix(l, " đã dừng"); {
		l = next("stop line")
	}
	select {
	case err := <-exited:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
				t.Fatalf("killed by %v instead of stopping cleanly", ws.Signal())
			}
			t.Fatalf("exit status %d after SIGINT; stderr:\n%s", exit.ExitCode(), stderr.String())
		}
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("still running 10 s after SIGINT")
	}
	if _, err := net.DialTimeout("tcp", u.Host, time.Second); err == nil {
		t.Error("the port still accepts connections after exit")
	}
}

// otherAddress returns an address of this computer that is not loopback, or nil.
func otherAddress() net.IP {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return nil
	}
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && !n.IP.IsLinkLocalUnicast() && n.IP.To4() != nil {
			return n.IP
		}
	}
	return nil
}

// TestMakeServeStopsCleanly: `make serve` stopped with Ctrl-C — SIGINT to the whole
// foreground process group, as a terminal sends it — ends without "make: *** … Error 1"
// (issue 15).
func TestMakeServeStopsCleanly(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("make is not installed")
	}
	cmd := exec.Command("make", "--no-print-directory", "-C", "../..", "serve", "SITE="+exampleCopy(t), "PORT=0")
	cmd.Env = withoutLanguage()
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = w, w
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	t.Cleanup(func() { _ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) })
	lines := make(chan string, 64)
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var out []string
	wait := func(what string, done func(string) bool) {
		t.Helper()
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("make serve ended while waiting for %s:\n%s", what, strings.Join(out, "\n"))
				}
				out = append(out, l)
				if done(l) {
					return
				}
			case <-time.After(120 * time.Second):
				t.Fatalf("no %s within 120 s:\n%s", what, strings.Join(out, "\n"))
			}
		}
	}
	wait("serving line", func(l string) bool { return strings.Contains(l, "đang phục vụ http://") })
	if err := syscall.Kill(-cmd.Process.Pid, syscall.SIGINT); err != nil { // Ctrl-C
		t.Fatal(err)
	}
	for l := range lines {
		out = append(out, l)
	}
	_ = cmd.Wait()
	text := strings.Join(out, "\n")
	if strings.Contains(text, "make: ***") || strings.Contains(text, "Error 1") {
		t.Errorf("make reports an error after a clean stop:\n%s", text)
	}
	if !strings.HasSuffix(text, " đã dừng") {
		t.Errorf("serve does not say it stopped:\n%s", text)
	}
}
