//go:build !linux

package write

// exchange swaps two directories by two renames: not atomic, but the window is one rename.
func exchange(a, b string) error { return swapByRename(a, b) }
