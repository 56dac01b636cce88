// Package keep holds values made once and read by many goroutines: what the pages of a
// site ask again and again (a locality's targets by indicator, a parent's rates on a date,
// a locality's link), made by the first page that asks and given to every page after it.
package keep

import (
	"maps"
	"sync"
	"sync/atomic"
)

// Map keeps one kind of value, by key: read by every page, written by the first that asks.
// Its reads, nearly all of them, look in a map no one writes to any more (read), without a
// lock; the values made since it was copied are in dirty, behind the lock, until enough
// pages looked for them there that a new read map holds them too. A sync.Map did this,
// with each key and value in an interface: a page asks some fifty times, and hashing the
// interfaces cost more than the map. The zero Map is empty and ready to use; a Map must
// not be copied after first use.
type Map[K comparable, V any] struct {
	read   atomic.Pointer[map[K]V]
	mu     sync.Mutex
	dirty  map[K]V // every value made: read's and those since
	misses int     // reads that went to dirty since read was copied from it
}

// Get returns what m holds for key, else what made gives, kept for the pages after this
// one (made runs without the lock: it may ask another Map; when two pages make the same
// value at once, the first one kept is the one every page gets).
func (m *Map[K, V]) Get(key K, made func() V) V {
	if read := m.read.Load(); read != nil {
		if v, ok := (*read)[key]; ok {
			return v
		}
	}
	m.mu.Lock()
	v, ok := m.dirty[key]
	if ok {
		m.missed()
	}
	m.mu.Unlock()
	if ok {
		return v
	}
	v = made()
	m.mu.Lock()
	defer m.mu.Unlock()
	if old, ok := m.dirty[key]; ok {
		return old
	}
	if m.dirty == nil {
		m.dirty = map[K]V{}
	}
	m.dirty[key] = v
	m.missed()
	return v
}

// missed counts a read that read could not answer, and copies dirty into a new read map
// when they were as many as read's values (and at least 8): the read map at least doubles
// from one copy to the next, so each value is copied about twice in all (at a quarter,
// five times: a national build's memos copied 58 MB), and most reads of a value still
// find it in read.
func (m *Map[K, V]) missed() {
	m.misses++
	n := 0
	if read := m.read.Load(); read != nil {
		n = len(*read)
	}
	if m.misses < max(8, n) {
		return
	}
	read := maps.Clone(m.dirty)
	m.read.Store(&read)
	m.misses = 0
}
