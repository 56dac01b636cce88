// Package sitetest gives tests a private copy of the repository's example site, so they
// can edit its data and content freely.
package sitetest

import (
	"os"
	"path/filepath"
	"testing"
)

// CopyExample copies data/ and content/ of the site at root (the repository, "../.." from a
// package directory) into a new temporary directory, removed when tb ends, and returns it.
func CopyExample(tb testing.TB, root string) string {
	tb.Helper()
	dst := filepath.Join(tb.TempDir(), "site")
	for _, dir := range []string{"data", "content"} {
		if err := os.CopyFS(filepath.Join(dst, dir), os.DirFS(filepath.Join(root, dir))); err != nil {
			tb.Fatal(err)
		}
	}
	return dst
}
