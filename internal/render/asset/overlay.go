// Package asset reads the theme: the overlay of a site's own files on the default theme, and
// the static files, CSS and JavaScript fingerprinted so hosts may cache them for a year.
package asset

import (
	"errors"
	"io/fs"
	"sort"
)

// Overlay is a file system where files in Upper replace files of the same name in Lower:
// a site's own layouts/ and static/ override the theme's.
type Overlay struct {
	Upper, Lower fs.FS
}

// Open opens name from Upper if it exists there, else from Lower.
func (o Overlay) Open(name string) (fs.File, error) {
	if o.Upper != nil {
		f, err := o.Upper.Open(name)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return o.Lower.Open(name)
}

// ReadDir merges the directory listings of both layers.
func (o Overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]fs.DirEntry{}
	var firstErr error
	for _, layer := range []fs.FS{o.Lower, o.Upper} {
		if layer == nil {
			continue
		}
		entries, err := fs.ReadDir(layer, name)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		for _, e := range entries {
			seen[e.Name()] = e
		}
	}
	if len(seen) == 0 && firstErr != nil {
		return nil, firstErr
	}
	out := make([]fs.DirEntry, 0, len(seen))
	for _, e := range seen {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// Layers lists the layers of fsys, lowest first: an Overlay's lower layers, then its upper
// one; any other file system is its only layer. Strings files are laid over each other
// key by key (i18n.LoadLayers), not replaced whole.
func Layers(fsys fs.FS) []fs.FS {
	o, ok := fsys.(Overlay)
	if !ok {
		return []fs.FS{fsys}
	}
	out := Layers(o.Lower)
	if o.Upper != nil {
		out = append(out, o.Upper)
	}
	return out
}
