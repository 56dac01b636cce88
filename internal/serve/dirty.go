package serve

import (
	"slices"
	"sync"
)

// dirtyPaths gathers the paths that file events named since the last rebuild took them,
// so that a rebuild looks again at those files only (build.Preparer.PrepareChanged):
// looking at every file of a national site takes longer than decoding the one saved. When
// events may have been lost (the watcher reported an error) or a burst named too many
// paths to keep (a checkout), the next rebuild looks at every file.
type dirtyPaths struct {
	mu    sync.Mutex
	paths map[string]bool
	all   bool
}

// maxDirty bounds the paths kept between two rebuilds; beyond, every file is looked at.
const maxDirty = 1000

func (d *dirtyPaths) add(rel string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.paths == nil {
		d.paths = map[string]bool{}
	}
	if len(d.paths) >= maxDirty {
		d.all = true
		return
	}
	d.paths[rel] = true
}

// lost records that events may have been missed.
func (d *dirtyPaths) lost() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.all = true
}

// take returns the paths gathered (sorted; empty when none) and forgets them, or nil when
// every file must be looked at.
func (d *dirtyPaths) take() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	all, paths := d.all, d.paths
	d.all, d.paths = false, nil
	if all {
		return nil
	}
	out := make([]string, 0, len(paths))
	for p := range paths {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}
