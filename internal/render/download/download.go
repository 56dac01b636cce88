// Package download writes the site's files that are not pages: the data downloads (the
// whole site's gzipped CSV, each province's CSV and JSON, each locality's CSV and JSON,
// and the whole site's plain CSV and JSON when the site is small enough to read whole),
// the Atom feeds, the sitemap index and its parts, and the search index in shards.
//
// It knows the model and the routes, not the theme: what a reader sees in words (names in
// a language, kinds of locality, the titles of updates) is handed to it by the caller,
// internal/render, which adapts each File to a page of the site. Every output path and
// URL comes from internal/routes.
package download

import (
	"bytes"
	"fmt"
	"io"
)

// File is one output file: where it goes and how to write its bytes.
type File struct {
	Path string // relative to the output directory, with forward slashes
	Lang string // the language of a language's file; "" for a file of the whole site
	// Large files (the whole-site and province downloads, megabytes at national scale)
	// are best streamed to their file than gathered in memory.
	Large bool
	Write func(w io.Writer) error
	// Group, when not nil, is the province whose files share their rows when written one
	// after another, its pack first (Group.Lead), while a batch holds it (shared.go).
	Group *Group
}

// Bytes writes f into memory.
func (f File) Bytes() ([]byte, error) {
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("%s: %w", f.Path, err)
	}
	return buf.Bytes(), nil
}

// fromBytes is a File.Write that writes what make returns.
func fromBytes(make func() ([]byte, error)) func(io.Writer) error {
	return func(w io.Writer) error {
		b, err := make()
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	}
}

// counter counts the bytes written to it.
type counter int64

func (c *counter) Write(p []byte) (int, error) {
	*c += counter(len(p))
	return len(p), nil
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
