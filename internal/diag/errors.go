package diag

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
)

// Localized is an error that has no place in a file (a refused --dest, a full disk),
// worded in both languages. Its Error is the English; Text picks the language.
type Localized struct {
	Words
	Err error // what it wraps, if anything
}

func (e *Localized) Error() string { return e.EN }

func (e *Localized) Unwrap() error { return e.Err }

// NewError returns a *Localized from a Vietnamese and an English format with the same
// arguments (indexed, so either may reorder them).
func NewError(vi, en string, args ...any) error {
	return &Localized{Words: W(fmt.Sprintf(vi, args...), fmt.Sprintf(en, args...))}
}

// Text is err as people read it in lang ("vi" or "en"): a *Localized in its words; the
// system's errors people meet (a full disk, no permission, a read-only disk) explained in
// lang with the system's words after them; anything else as it is.
func Text(err error, lang string) string {
	if err == nil {
		return ""
	}
	var l *Localized
	if errors.As(err, &l) {
		return l.In(lang)
	}
	for _, k := range systemErrors {
		if errors.Is(err, k.err) {
			return k.words.In(lang) + " (" + err.Error() + ")"
		}
	}
	return err.Error()
}

var systemErrors = []struct {
	err   error
	words Words
}{
	{syscall.ENOSPC, W("ổ đĩa đã đầy, không ghi được: giải phóng chỗ trống rồi chạy lại", "the disk is full: free some space and run again")},
	{syscall.EDQUOT, W("đã dùng hết dung lượng được cấp trên ổ đĩa: giải phóng chỗ trống rồi chạy lại", "the disk quota is used up: free some space and run again")},
	{syscall.ENOTDIR, W("đây là một tệp, không phải thư mục", "this is a file, not a folder")},
	{syscall.EROFS, W("ổ đĩa chỉ cho đọc, không ghi được", "the disk is read-only")},
	{fs.ErrPermission, W("không có quyền đọc hoặc ghi tệp này", "no permission to read or write this file")},
	{fs.ErrNotExist, W("không tìm thấy tệp hoặc thư mục", "no such file or folder")},
}
