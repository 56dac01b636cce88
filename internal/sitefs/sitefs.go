// Package sitefs opens a site's source folder so that nothing outside it can be read: no
// symbolic link is followed, and no path leaves the folder. A site's files come from
// strangers (CI builds pull requests), and a link such as static/env.txt → /proc/self/environ
// or → ../.git/config would otherwise publish what it points at.
package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"strings"
	"sync"
)

// Inputs are the folders of a site that covsite reads: every file below them is input.
var Inputs = []string{"data", "content", "static", "layouts", "themes", "i18n"}

// ErrLink is the error of opening a path that is, or passes through, a symbolic link.
var ErrLink = errors.New("symbolic link")

// ErrSpecial is the error of opening a file that is neither a regular file nor a folder:
// a named pipe would make a build wait forever, a device could be read without end.
var ErrSpecial = errors.New("not a regular file")

// Open returns the site folder dir as a file system that refuses symbolic links. It is
// rooted with os.Root, so even a link made while a build runs cannot lead outside dir.
func Open(dir string) (fs.FS, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return NoLinks(root.FS()), nil
}

// NoLinks wraps fsys so that opening a path fails with ErrLink when the path or any folder
// on it is a symbolic link. fsys must implement fs.ReadLinkFS (os.DirFS, os.Root.FS and
// fstest.MapFS do); otherwise it cannot hold links and is returned as it is.
//
// A folder found not to be a link is not looked at again through the same file system (a
// national site's 5,000 files sit in a dozen folders): a link put in a folder's place
// later is still found by Links, which build and check run on every site they read, and
// os.Root keeps every path inside the site folder.
func NoLinks(fsys fs.FS) fs.FS {
	if _, ok := fsys.(noLinks); ok {
		return fsys // already refusing links
	}
	if _, ok := fsys.(fs.ReadLinkFS); !ok {
		return fsys
	}
	return noLinks{fsys: fsys, folders: &sync.Map{}}
}

type noLinks struct {
	fsys    fs.FS
	folders *sync.Map // paths found to be folders, not links
}

// check returns ErrLink (as a *fs.PathError of op) when name or a folder on it is a link.
func (n noLinks) check(op, name string) error {
	if !fs.ValidPath(name) {
		return &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		return nil
	}
	for i := 0; ; {
		j := strings.IndexByte(name[i:], '/')
		prefix := name
		if j >= 0 {
			prefix = name[:i+j]
		}
		if _, ok := n.folders.Load(prefix); ok {
			if j < 0 {
				return nil
			}
			i += j + 1
			continue
		}
		info, err := fs.Lstat(n.fsys, prefix)
		if err != nil {
			if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
				pe.Op, pe.Path = op, name
				return pe
			}
			return err
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			return &fs.PathError{Op: op, Path: prefix, Err: ErrLink}
		}
		if special(info.Mode()) {
			return &fs.PathError{Op: op, Path: prefix, Err: ErrSpecial}
		}
		if info.IsDir() {
			n.folders.Store(prefix, true)
		}
		if j < 0 {
			return nil
		}
		i += j + 1
	}
}

func (n noLinks) Open(name string) (fs.File, error) {
	if err := n.check("open", name); err != nil {
		return nil, err
	}
	return n.fsys.Open(name)
}

func (n noLinks) ReadFile(name string) ([]byte, error) {
	if err := n.check("open", name); err != nil {
		return nil, err
	}
	return fs.ReadFile(n.fsys, name)
}

func (n noLinks) ReadDir(name string) ([]fs.DirEntry, error) {
	if err := n.check("open", name); err != nil {
		return nil, err
	}
	return fs.ReadDir(n.fsys, name)
}

func (n noLinks) Stat(name string) (fs.FileInfo, error) {
	if err := n.check("stat", name); err != nil {
		return nil, err
	}
	return fs.Stat(n.fsys, name)
}

// Lstat reports a link as a link, so Links can find it; the folders above must not be links.
func (n noLinks) Lstat(name string) (fs.FileInfo, error) {
	if dir := path.Dir(name); dir != "." {
		if err := n.check("lstat", dir); err != nil {
			return nil, err
		}
	}
	return fs.Lstat(n.fsys, name)
}

// ReadLink says where a link points, so its error can name the target; the folders
// above must not be links.
func (n noLinks) ReadLink(name string) (string, error) {
	if dir := path.Dir(name); dir != "." {
		if err := n.check("readlink", dir); err != nil {
			return "", err
		}
	}
	return fs.ReadLink(n.fsys, name)
}

// special reports whether a file of mode m is neither a regular file, a folder nor a link.
func special(m fs.FileMode) bool {
	return m&(fs.ModeNamedPipe|fs.ModeSocket|fs.ModeDevice|fs.ModeCharDevice|fs.ModeIrregular) != 0
}

// Link is a symbolic link, or a special file (Special), found among a site's inputs.
type Link struct {
	Path    string // slash path relative to the site
	Target  string // where a link points, as written in it ("" when unreadable)
	Special bool   // a named pipe, socket or device rather than a link
}

// Links lists every symbolic link and special file among the inputs of the site in fsys (the folders of
// Inputs and everything below them, and the folders themselves), in lexical order. Links
// to folders are listed, not followed. Reading a folder that fails for another reason is
// not its business: the stage that reads the folder reports it.
func Links(fsys fs.FS) []Link {
	var out []Link
	add := func(p string) {
		target, _ := fs.ReadLink(fsys, p)
		out = append(out, Link{Path: p, Target: target})
	}
	for _, dir := range Inputs {
		info, err := fs.Lstat(fsys, dir)
		if err != nil {
			continue
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			add(dir)
			continue
		}
		_ = fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // reported by whoever reads it
			}
			switch {
			case d.Type()&fs.ModeSymlink != 0:
				add(p)
			case special(d.Type()):
				out = append(out, Link{Path: p, Special: true})
			}
			return nil
		})
	}
	return out
}
