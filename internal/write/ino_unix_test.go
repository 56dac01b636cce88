//go:build unix

package write

import (
	"os"
	"syscall"
)

func sysIno(info os.FileInfo) uint64 { return uint64(info.Sys().(*syscall.Stat_t).Ino) }
