package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watchedDirs are the directories of a site whose changes trigger a rebuild. Of themes/
// only layouts/, static/ and i18n/ of each theme are watched (not, say, node_modules/).
var watchedDirs = []string{"content", "data", "layouts", "static", "i18n", "themes"}

// watcher turns file system events below a site into debounced change notices.
type watcher struct {
	root  string
	fsw   *fsnotify.Watcher
	dirty *dirtyPaths // every relevant path goes there too, for the rebuild to take
}

// newWatcher watches the site root (to see watched directories appear) and every
// directory below the watched ones; the paths of relevant events also go to dirty.
func newWatcher(root string, dirty *dirtyPaths) (*watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", root, err)
	}
	w := &watcher{root: root, fsw: fsw, dirty: dirty}
	if err := fsw.Add(root); err != nil {
		fsw.Close()
		return nil, fmt.Errorf("watch %s: %w", root, err)
	}
	for _, d := range watchedDirs {
		if err := w.addTree(filepath.Join(root, d)); err != nil {
			fsw.Close()
			return nil, err
		}
	}
	return w, nil
}

// addTree watches dir and every directory below it that matters; a missing dir is fine.
func (w *watcher) addTree(dir string) error {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if !w.relevantDir(p) {
			return filepath.SkipDir
		}
		return w.fsw.Add(p)
	})
	if err != nil {
		return fmt.Errorf("watch %s: %w", dir, err)
	}
	return nil
}

// rel returns p relative to the site root with forward slashes.
func (w *watcher) rel(p string) string {
	r, err := filepath.Rel(w.root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

// relevantDir reports whether a directory below the root can hold site input.
func (w *watcher) relevantDir(p string) bool {
	parts := strings.Split(w.rel(p), "/")
	for _, s := range parts {
		if strings.HasPrefix(s, ".") && s != "." || s == "node_modules" {
			return false
		}
	}
	if !isWatchedTop(parts[0]) {
		return false
	}
	// themes/<name>/<layouts|static|i18n>/…
	if parts[0] == "themes" && len(parts) >= 3 {
		return parts[2] == "layouts" || parts[2] == "static" || parts[2] == "i18n"
	}
	return true
}

func isWatchedTop(name string) bool {
	for _, d := range watchedDirs {
		if d == name {
			return true
		}
	}
	return false
}

// relevant reports whether an event can change the site, and starts watching directories
// that were created.
func (w *watcher) relevant(ev fsnotify.Event) bool {
	if ev.Op == fsnotify.Chmod || ignoredName(filepath.Base(ev.Name)) {
		return false
	}
	rel := w.rel(ev.Name)
	top, _, _ := strings.Cut(rel, "/")
	if !isWatchedTop(top) {
		return false
	}
	if ev.Has(fsnotify.Create) {
		if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
			_ = w.addTree(ev.Name)
		}
	}
	if !strings.Contains(rel, "/") { // a watched directory itself appeared or went
		return true
	}
	return w.relevantDir(filepath.Dir(ev.Name))
}

// ignoredName is true for editors' swap, backup and lock files.
func ignoredName(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") ||
		strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") ||
		strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".tmp") || name == "4913"
}

// run sends the first changed path of each burst of events on changes (buffered), once no
// event has come for quiet. It returns when ctx is done.
func (w *watcher) run(ctx context.Context, quiet time.Duration, changes chan<- change, logf func(string, ...any)) {
	defer w.fsw.Close()
	var (
		timer   *time.Timer
		fire    <-chan time.Time
		pending *burst
	)
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if !w.relevant(ev) {
				continue
			}
			if pending == nil {
				pending = &burst{at: time.Now()}
			}
			pending.add(w.rel(ev.Name))
			w.dirty.add(w.rel(ev.Name))
			if timer == nil {
				timer = time.NewTimer(quiet)
			} else {
				timer.Reset(quiet)
			}
			fire = timer.C
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			w.dirty.lost()
			logf("watch: %v", err)
		case <-fire:
			fire = nil
			select {
			case changes <- change{path: w.named(pending.paths), at: pending.at}:
			default: // a rebuild is already queued and will read this change too
			}
			pending = nil
		}
	}
}

// change is a burst of file events: the path that changed and when the burst began.
type change struct {
	path string
	at   time.Time
}

// burst gathers the paths of the events of one burst, in order, each once.
type burst struct {
	at    time.Time
	paths []string
}

// maxBurstPaths bounds what a burst remembers: enough for any save, not for a checkout.
const maxBurstPaths = 64

func (b *burst) add(rel string) {
	if len(b.paths) < maxBurstPaths && !slices.Contains(b.paths, rel) {
		b.paths = append(b.paths, rel)
	}
}

// named is the path a burst is logged under. An editor that saves by writing a temporary
// file and renaming it over the real one (sed -i, many IDEs) makes events for both; the
// one that names the change is the first that still exists as a file the site reads (a
// .toml of data/, a .md of content/, any file of the theme), else the first that exists,
// else the first path of the burst (a deletion).
func (w *watcher) named(paths []string) string {
	exists := func(rel string) bool {
		fi, err := os.Stat(filepath.Join(w.root, filepath.FromSlash(rel)))
		return err == nil && fi.Mode().IsRegular()
	}
	for _, p := range paths {
		if siteInput(p) && exists(p) {
			return p
		}
	}
	for _, p := range paths {
		if exists(p) {
			return p
		}
	}
	if len(paths) == 0 {
		return ""
	}
	return paths[0]
}

// siteInput reports whether a path relative to the site root is a file a build reads.
func siteInput(rel string) bool {
	top, _, _ := strings.Cut(rel, "/")
	switch top {
	case "data":
		return path.Ext(rel) == ".toml"
	case "content":
		return path.Ext(rel) == ".md"
	}
	return strings.Contains(rel, "/")
}
