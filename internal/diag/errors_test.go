package diag

import (
	"fmt"
	"io/fs"
	"os"
	"strings"
	"syscall"
	"testing"
)

// Errors with no place in a file read in the user's language: a Localized in its words,
// the system's errors people meet explained, with the system's words kept after them.
func TestErrorText(t *testing.T) {
	// /dev/full answers every write with ENOSPC: the error a full disk gives.
	var full error
	if f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0); err == nil {
		_, full = f.Write([]byte("x"))
		f.Close()
	}
	tests := []struct {
		err    error
		vi, en string
	}{
		{NewError("không ghi vào %[1]s", "refusing to write to %[1]s", "/"), "không ghi vào /", "refusing to write to /"},
		{fmt.Errorf("write du-lieu/covsite.csv: %w", syscall.ENOSPC), "ổ đĩa đã đầy", "the disk is full"},
		{fmt.Errorf("publish public: %w", &fs.PathError{Op: "rename", Path: "public", Err: syscall.EACCES}), "không có quyền", "no permission"},
		{fmt.Errorf("x: %w", syscall.EROFS), "chỉ cho đọc", "read-only"},
	}
	if full != nil {
		tests = append(tests, struct {
			err    error
			vi, en string
		}{fmt.Errorf("write index.html: %w", full), "ổ đĩa đã đầy", "the disk is full"})
	}
	for _, tt := range tests {
		if vi := Text(tt.err, "vi"); !strings.Contains(vi, tt.vi) {
			t.Errorf("vi: %q, want %q", vi, tt.vi)
		}
		if en := Text(tt.err, "en"); !strings.Contains(en, tt.en) {
			t.Errorf("en: %q, want %q", en, tt.en)
		}
	}
	if Text(nil, "vi") != "" {
		t.Error("nil")
	}
}
