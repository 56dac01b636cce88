package write

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchange swaps two directories atomically with renameat2(RENAME_EXCHANGE); where the
// file system does not support it, it falls back to two renames.
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if err == nil {
		return nil
	}
	if !errors.Is(err, unix.ENOSYS) && !errors.Is(err, unix.EINVAL) && !errors.Is(err, unix.EPERM) {
		return err
	}
	return swapByRename(a, b)
}
