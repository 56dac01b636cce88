package main

import (
	"bytes"
	"net"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestLanguageFollowsPOSIX: COVSITE_LANG decides; otherwise LC_ALL, then LC_MESSAGES,
// then LANG, the first set; Vietnamese when none says English (issue 15).
func TestLanguageFollowsPOSIX(t *testing.T) {
	for _, c := range []struct {
		covsite, all, messages, lang string
		want                         string
	}{
		{"", "", "", "", "vi"},
		{"", "", "", "en_US.UTF-8", "en"},
		{"", "", "vi_VN.UTF-8", "en_US.UTF-8", "vi"},
		{"", "en_GB.UTF-8", "vi_VN.UTF-8", "vi_VN.UTF-8", "en"},
		{"", "C", "en_US.UTF-8", "en_US.UTF-8", "vi"}, // LC_ALL is set: it decides
		{"", "", "en_US.UTF-8", "", "en"},
		{"vi", "en_US.UTF-8", "en_US.UTF-8", "en_US.UTF-8", "vi"},
		{"en", "", "", "vi_VN.UTF-8", "en"},
	} {
		t.Setenv("COVSITE_LANG", c.covsite)
		t.Setenv("LC_ALL", c.all)
		t.Setenv("LC_MESSAGES", c.messages)
		t.Setenv("LANG", c.lang)
		if got := messageLang(); got != c.want {
			t.Errorf("COVSITE_LANG=%q LC_ALL=%q LC_MESSAGES=%q LANG=%q: %s, want %s", c.covsite, c.all, c.messages, c.lang, got, c.want)
		}
	}
}

// englishHelp are words of the commands' English help; none is left in Vietnamese.
var englishHelp = regexp.MustCompile(`\b(usage|Usage|flags|default|directory|holding|file|the|of|provided|defined|needs an argument)\b`)

// TestHelpInVietnamese: help, -h and the usage of every command, and the errors of their
// flags, are in Vietnamese (issue 15).
func TestHelpInVietnamese(t *testing.T) {
	t.Setenv("COVSITE_LANG", "vi")
	check := func(name, text string) {
		t.Helper()
		if w := englishHelp.FindString(text); w != "" {
			t.Errorf("%s: English %q in:\n%s", name, w, text)
		}
	}
	var out, errOut bytes.Buffer
	for _, args := range [][]string{{"help"}, {"-h"}} {
		out.Reset()
		if code := run(args, &out, &errOut); code != 0 || !strings.Contains(out.String(), "Cách dùng: covsite <lệnh>") {
			t.Errorf("%v: exit %d\n%s", args, code, out.String())
		}
		check(strings.Join(args, " "), out.String())
	}
	for _, cmd := range [][]string{{"build"}, {"check"}, {"serve"}, {"import"}, {"gen"}, {"new", "update"}, {"new", "result"}} {
		name := strings.Join(cmd, " ")
		out.Reset()
		if code := run(append(cmd, "-h"), &out, &errOut); code != 0 || !strings.Contains(out.String(), "cách dùng: covsite "+name) || !strings.Contains(out.String(), "tuỳ chọn:") {
			t.Errorf("%s -h: exit %d\n%s", name, code, out.String())
		}
		check(name+" -h", out.String())
		errOut.Reset()
		if code := run(append(cmd, "--khong-co"), &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "không có tuỳ chọn --khong-co") {
			t.Errorf("%s --khong-co: exit %d\n%s", name, code, errOut.String())
		}
		check(name+" --khong-co", errOut.String())
	}
	out.Reset()
	if code := run([]string{"help", "import"}, &out, &errOut); code != 0 || !strings.Contains(out.String(), "cách dùng: covsite import") {
		t.Errorf("help import: exit %d\n%s", code, out.String())
	}
	errOut.Reset()
	if code := run([]string{"serve", "--port"}, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "tuỳ chọn --port cần một giá trị") {
		t.Errorf("serve --port: exit %d\n%s", code, errOut.String())
	}
	errOut.Reset()
	if code := run([]string{"serve", "--port", "mười"}, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), `giá trị "mười" không dùng được cho --port`) {
		t.Errorf("serve --port mười: exit %d\n%s", code, errOut.String())
	}
}

// TestServePortInUse: a port another program holds is explained in Vietnamese, with what
// to do (issue 15).
func TestServePortInUse(t *testing.T) {
	t.Setenv("COVSITE_LANG", "vi")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	var out, errOut bytes.Buffer
	code := run([]string{"serve", "--source", "../..", "--port", strconv.Itoa(port)}, &out, &errOut)
	msg := errOut.String()
	if code != 1 || !strings.Contains(msg, "cổng "+strconv.Itoa(port)+" đang được một chương trình khác dùng") ||
		!strings.Contains(msg, "--port "+strconv.Itoa(port+1)) || strings.Contains(msg, "address already in use") {
		t.Errorf("exit %d: %q", code, msg)
	}
}
