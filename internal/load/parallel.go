package load

import (
	"errors"
	"io"
	"io/fs"
	"runtime"
	"sync"

	"github.com/covsite/covsite/internal/diag"
)

// decoder turns the contents of one file into values, reporting problems in diags; ok is
// false when the file could not be read as a whole (its name then goes to Unreadable).
type decoder[T any] func(name string, src []byte, diags *diag.List) (values []T, ok bool)

// tomlDecoder decodes a TOML file and hands its root table to read.
func tomlDecoder[T any](read func(root *table, name string) []T) decoder[T] {
	return func(name string, src []byte, diags *diag.List) ([]T, bool) {
		root := decodeTOML(name, src, diags)
		if root == nil {
			return nil, false
		}
		defer root.release()
		return read(root, name), true
	}
}

// fileResult is what reading one file gave: its values, its problems, whether it failed.
type fileResult struct {
	diags  diag.List
	values any // []T of the decoder
	failed bool
}

// readEach reads and decodes the files names on a pool of workers (decoding is most of
// loading a national site) and returns what decode makes of each, in the order of names.
// Each file reports into its own list, merged into diags in file order afterwards, so
// values, diagnostics and unreadable files come out exactly as a one-at-a-time read gives
// them. With a cache, files that did not change are not read again (see Cache), and when
// none of the group's files changed, the values of the previous load of the group are
// returned as they were. unreadable may be nil: then failures are only reported.
func readEach[T any](fsys fs.FS, c *Cache, group string, names []string, diags *diag.List, unreadable *[]string, decode decoder[T]) []T {
	out := make([]*fileResult, len(names))
	entries := make([]*cacheEntry, len(names)) // what c keeps of each file, made by the workers
	work := func(i int) {
		out[i], entries[i] = c.read(fsys, names[i], func(src []byte) *fileResult {
			res := &fileResult{}
			values, ok := decode(names[i], src, &res.diags)
			res.values, res.failed = values, !ok
			return res
		}, nil)
	}
	workers := min(runtime.GOMAXPROCS(0), len(names))
	if workers <= 1 {
		for i := range names {
			work(i)
		}
	} else {
		next := make(chan int)
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for i := range next {
					work(i)
				}
			})
		}
		for i := range names {
			next <- i
		}
		close(next)
		wg.Wait()
	}
	c.store(names, entries)
	reused, keep := c.group(group, entries)
	for i, res := range out {
		diags.Merge(&res.diags)
		if res.failed && unreadable != nil {
			*unreadable = append(*unreadable, names[i])
		}
	}
	if values, ok := reused.([]T); ok {
		return values
	}
	n := 0
	for _, res := range out {
		if v, ok := res.values.([]T); ok {
			n += len(v)
		}
	}
	var values []T
	if n > 0 {
		values = make([]T, 0, n)
	}
	for _, res := range out {
		if v, ok := res.values.([]T); ok {
			values = append(values, v...)
		}
	}
	keep(values)
	return values
}

// readFile reads one file. A file that is gone (since its directory was listed) reads as
// an empty result, as if it had not been there; a file that cannot be read is reported.
// src and info are nil unless the file was read; info is the open file's, taken before
// it was read.
func readFile(fsys fs.FS, name string) (src []byte, info fs.FileInfo, res *fileResult) {
	src, info, err := readLimited(fsys, name)
	var big *limitProblem
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil, &fileResult{}
	case errors.As(err, &big):
		res = &fileResult{failed: true}
		big.report(name, 1, &res.diags)
		return nil, nil, res
	case err != nil:
		res = &fileResult{failed: true}
		res.diags.Errorf(diag.Pos{File: name}, diag.ReadFile, err.Error())
		return nil, nil, res
	}
	return src, info, nil
}

// readLimited reads the file name, or fails with a *limitProblem without reading it when
// it is larger than MaxFileSize (a file that says it is small but is not is cut off there).
// info is the open file's, before it was read.
func readLimited(fsys fs.FS, name string) ([]byte, fs.FileInfo, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if info.Size() > MaxFileSize {
		return nil, nil, tooBig(info.Size())
	}
	buf := make([]byte, 0, info.Size()+1) // one allocation when the size is true
	src, err := readAll(io.LimitReader(f, MaxFileSize+1), buf)
	if err == nil && int64(len(src)) > MaxFileSize {
		return nil, nil, tooBig(int64(len(src)))
	}
	return src, info, err
}

// readAll is io.ReadAll into buf.
func readAll(r io.Reader, buf []byte) ([]byte, error) {
	for {
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // grow
		}
	}
}
