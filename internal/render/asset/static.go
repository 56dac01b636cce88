package asset

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// File is a static file of the theme as it is published.
type File struct {
	Path string // the output path, fingerprinted for CSS and JavaScript: css/site.3f2a9c1b.css
	Data []byte
}

// Static is the theme's static/ folder as published.
type Static struct {
	Files []File
	out   map[string]string // path below static/ → output path
}

// ReadStatic reads static/ of theme and fingerprints CSS and JavaScript: css/site.css
// becomes css/site.3f2a9c1b.css.
func ReadStatic(theme fs.FS) (Static, error) {
	s := Static{out: map[string]string{}}
	err := fs.WalkDir(theme, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(theme, p)
		if err != nil {
			return err
		}
		s.Add(strings.TrimPrefix(p, "static/"), data)
		return nil
	})
	return s, err
}

// Add publishes data as the static file rel (a path below static/), fingerprinted when it
// is CSS or JavaScript, in place of a file of the theme at rel: the site makes some static
// files itself (render's chart kit).
func (s *Static) Add(rel string, data []byte) {
	out := rel
	if ext := path.Ext(rel); ext == ".css" || ext == ".js" {
		sum := sha256.Sum256(data)
		out = strings.TrimSuffix(rel, ext) + "." + hex.EncodeToString(sum[:4]) + ext
	}
	if old, ok := s.out[rel]; ok {
		s.Files = slices.DeleteFunc(s.Files, func(f File) bool { return f.Path == old })
	}
	s.out[rel] = out
	s.Files = append(s.Files, File{Path: out, Data: data})
}

// Has reports whether the theme or the site has the static file rel (a path below
// static/): a site's optional css/custom.css.
func (s Static) Has(rel string) bool {
	_, ok := s.out[rel]
	return ok
}

// Path is where a static file (a path below static/) is published; a path the theme
// does not have is returned as it is.
func (s Static) Path(rel string) string {
	if out, ok := s.out[rel]; ok {
		return out
	}
	return rel
}
