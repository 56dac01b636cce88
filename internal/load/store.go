package load

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// A Store is what a Cache decoded, kept in a file between runs of covsite, so that a build
// decodes only the files whose contents changed since the previous one (`.covsite-cache/`
// at the site root). Each entry is keyed by the SHA-256 of a file's path and contents, not
// by its time: a fresh checkout (CI) gives every file a new time, and the same bytes.
//
// Only files that decoded without any problem are stored; the others are decoded every
// time, so the diagnostics are the same with and without a store.
//
// The store also remembers each stored file's size and modification time as it was read:
// a file found with the same ones, modified more than racyWindow before it was read, is
// taken from the store without being read again (as Cache does between two loads), so a
// rebuild on the machine of the previous build does not read and hash 5,000 files. A
// fresh checkout gives every file a new time: each is then read and found by its hash.
//
// The file starts with a magic string, the format version and the version of the program
// that wrote it, and ends with a CRC-32C of everything before. OpenStore refuses a file
// whose checksum, format or program version does not match (ErrStoreCorrupt,
// ErrStoreVersion); the caller then goes on without it.
type Store struct {
	entries map[[32]byte][]byte   // by key: the encoded values (see codec.go)
	files   map[string]storedFile // by path: the stored files as they were read
}

// storedFile is a stored file as it was read: its key, size and modification time, and
// when it was read (times in Unix nanoseconds).
type storedFile struct {
	key               [32]byte
	size, mod, readAt int64
}

// StoreFormat is the version of the store's file format and encoding; a store of another
// format is ignored. Change it with codec.go.
const StoreFormat = 8

const storeMagic = "covsite-cache\n"

// The reasons a store file is not used.
var (
	ErrStoreCorrupt = errors.New("the cache file is damaged")
	ErrStoreVersion = errors.New("the cache file was written by another version of covsite")
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// OpenStore reads the store file at path, written by WriteStore with the same version
// (which names the program: see build.Version). A missing file gives an empty store and no
// error; a damaged one ErrStoreCorrupt, one of another format or version ErrStoreVersion.
func OpenStore(path, version string) (*Store, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return &Store{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return parseStore(data, version)
}

// parseStore reads a store from the bytes of its file. The entries share data's memory.
func parseStore(data []byte, version string) (*Store, error) {
	if len(data) < len(storeMagic)+4 || string(data[:len(storeMagic)]) != storeMagic {
		return nil, fmt.Errorf("%w: not a covsite cache file", ErrStoreCorrupt)
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if crc32.Checksum(body, castagnoli) != sum {
		return nil, fmt.Errorf("%w: checksum mismatch", ErrStoreCorrupt)
	}
	d := &storeDecoder{buf: body, off: len(storeMagic)}
	if format := d.uint(); d.err == nil && format != StoreFormat {
		return nil, fmt.Errorf("%w (format %d, want %d)", ErrStoreVersion, format, StoreFormat)
	}
	if v := d.str(); d.err == nil && v != version {
		return nil, fmt.Errorf("%w (%q)", ErrStoreVersion, v)
	}
	n, _ := d.count()
	s := &Store{entries: make(map[[32]byte][]byte, n)}
	for range n {
		var key [32]byte
		copy(key[:], d.raw(32))
		size, _ := d.count()
		payload := d.raw(size)
		if d.err != nil {
			break
		}
		s.entries[key] = payload
	}
	n, _ = d.count()
	s.files = make(map[string]storedFile, n)
	for range n {
		name := d.str()
		var f storedFile
		copy(f.key[:], d.raw(32))
		f.size, f.mod, f.readAt = int64(d.uint()), int64(d.uint()), int64(d.uint())
		if d.err != nil {
			break
		}
		s.files[name] = f
	}
	if d.err == nil && d.off != len(body) {
		d.fail("end")
	}
	if d.err != nil {
		return nil, fmt.Errorf("%w: %v", ErrStoreCorrupt, d.err)
	}
	return s, nil
}

// Len is the number of files the store holds.
func (s *Store) Len() int {
	if s == nil {
		return 0
	}
	return len(s.entries)
}

// storeKey is the key of a file's entry: its path and contents.
func storeKey(name string, src []byte) [32]byte {
	h := sha256.New()
	h.Write([]byte(name))
	h.Write([]byte{0})
	h.Write(src)
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// lookup returns the values the store holds for the file name with this key, decoded
// with sc (nil: none).
func (s *Store) lookup(key [32]byte, name string, sc *scratch) (any, []byte, bool) {
	if s == nil {
		return nil, nil, false
	}
	payload, ok := s.entries[key]
	if !ok {
		return nil, nil, false
	}
	values, err := decodeValues(payload, name, sc)
	if err != nil {
		return nil, nil, false // decoded from the source instead
	}
	return values, payload, true
}

// unchanged returns the entry of the file name, taken from the store without reading the
// file, when the store read it with the same size and modification time as it has now,
// modified more than racyWindow before it was read (a second save in the same clock tick
// could keep both), and holds its values; else nil: the file is read.
func (s *Store) unchanged(fsys fs.FS, name string, sc *scratch) *cacheEntry {
	if s == nil {
		return nil
	}
	f, ok := s.files[name]
	if !ok || f.mod >= f.readAt-racyWindow.Nanoseconds() || f.size > MaxFileSize {
		return nil // racy, or too large now (COVSITE_MAX_FILE_MB): read, and reported
	}
	info, err := fs.Lstat(fsys, name)
	if err != nil || !info.Mode().IsRegular() || info.Size() != f.size || info.ModTime().UnixNano() != f.mod {
		return nil
	}
	values, payload, ok := s.lookup(f.key, name, sc)
	if !ok {
		return nil
	}
	return &cacheEntry{size: f.size, mod: info.ModTime(), readAt: time.Unix(0, f.readAt), sum: f.key,
		result: fileResult{values: values}, payload: payload, changed: true, stored: true}
}

// Values returns what the file name with this key (its path and contents, as Cache.Sums
// gives them) decoded to, when the store holds it: a []Report for a results file.
func (s *Store) Values(key [32]byte, name string) (any, bool) {
	values, _, ok := s.lookup(key, name, nil)
	return values, ok
}

// UseStore makes c look in s for files it has not decoded yet, and keep every file it
// decodes ready for WriteStore. s may be empty (a first build).
func (c *Cache) UseStore(s *Store) {
	if s == nil {
		s = &Store{}
	}
	c.disk = s
}

// FromStore is the number of files the last Load took from the store instead of decoding.
func (c *Cache) FromStore() int { return c.stored }

// StoreChanged reports whether the files of the last Load are not exactly those of the
// store c uses, so that WriteStore would write something new.
// A file read again only because it was modified close to its reading
// (racyWindow) changes nothing: it is read again next time too.
func (c *Cache) StoreChanged() bool {
	if c.disk == nil {
		return false
	}
	n := 0
	for name, e := range c.files {
		if e.payload == nil {
			continue
		}
		if _, ok := c.disk.entries[e.sum]; !ok {
			return true
		}
		if f, ok := c.disk.files[name]; !ok || f.key != e.sum || f.size != e.size || f.mod != e.mod.UnixNano() {
			return true
		}
		n++
	}
	return n != len(c.disk.entries) || n != len(c.disk.files)
}

// WriteStore writes the files of the last Load that decoded without problems to path,
// marked with version, atomically: a reader sees the old file or the new one.
func (c *Cache) WriteStore(path, version string) error {
	type item struct {
		key     [32]byte
		payload []byte
	}
	var items []item
	var names []string
	for name, e := range c.files {
		if e.payload != nil {
			items = append(items, item{e.sum, e.payload})
			names = append(names, name)
		}
	}
	slices.SortFunc(items, func(a, b item) int { return bytes.Compare(a.key[:], b.key[:]) })
	slices.Sort(names)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".new-")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // after the rename, nothing is there
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return err
	}
	crc := crc32.New(castagnoli)
	w := bufio.NewWriterSize(io.MultiWriter(f, crc), 1<<20)
	e := &storeEncoder{}
	e.buf = append(e.buf, storeMagic...)
	e.uint(StoreFormat)
	e.str(version)
	e.count(false, len(items))
	for _, it := range items {
		e.buf = append(e.buf, it.key[:]...)
		e.count(false, len(it.payload))
		if _, err := w.Write(e.buf); err != nil {
			break
		}
		e.buf = e.buf[:0]
		if _, err := w.Write(it.payload); err != nil {
			break
		}
	}
	e.count(false, len(names))
	for _, name := range names {
		f := c.files[name]
		e.str(name)
		e.buf = append(e.buf, f.sum[:]...)
		e.uint(uint64(f.size))
		e.uint(uint64(f.mod.UnixNano()))
		e.uint(uint64(f.readAt.UnixNano()))
	}
	_, err = w.Write(e.buf)
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		_, err = f.Write(binary.LittleEndian.AppendUint32(nil, crc.Sum32()))
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// Values returns what the file name decoded to in the last Load (a []Report for a results
// file): the values c keeps, or those of its entry in the store, decoded again (Lazy).
func (c *Cache) Values(name string) (any, bool) {
	e := c.files[name]
	switch {
	case e == nil:
		return nil, false
	case e.result.values != nil:
		return e.result.values, true
	case e.payload != nil:
		values, err := decodeValues(e.payload, name, nil)
		return values, err == nil
	}
	return nil, false
}

// Sums returns, by path, the SHA-256 of the path and contents of every file the last Load
// read: what a build compares with the previous build's to tell which inputs changed.
func (c *Cache) Sums() map[string][32]byte {
	out := make(map[string][32]byte, len(c.files))
	for name, e := range c.files {
		out[name] = e.sum
	}
	return out
}

// ReportDigest summarizes a results file for telling which localities and indicators an
// edit of it reached: the hash of everything but its results (the source's fields and the
// comparisons), and for each locality and figure key (DigestKey: an indicator's id, "" for
// a row without figures) the hash of its rows holding only that key's figures, in order.
// Positions are left out: a line added above a row moves the row but does not change it.
func ReportDigest(r Report) (rest [32]byte, rows map[string][32]byte) {
	e := &storeEncoder{noPos: true}
	head := r
	head.Results = nil
	e.report(head)
	rest = sha256.Sum256(e.buf)
	byKey := map[string][]Row{}
	for _, row := range r.Results {
		keys := figureKeys(row)
		if len(keys) == 0 {
			keys = []string{""}
		}
		for _, k := range keys {
			dk := DigestKey(row.Locality.V, k)
			byKey[dk] = append(byKey[dk], row.only(k))
		}
	}
	rows = make(map[string][32]byte, len(byKey))
	for dk, rs := range byKey {
		e.buf = e.buf[:0]
		e.rows(rs)
		rows[dk] = sha256.Sum256(e.buf)
	}
	return rest, rows
}

// DigestKey is the key of a locality's figures of one key in a ReportDigest.
func DigestKey(locality, key string) string { return locality + "\x00" + key }

// SplitDigestKey is the locality and figure key of a ReportDigest's key.
func SplitDigestKey(dk string) (locality, key string) {
	locality, key, _ = strings.Cut(dk, "\x00")
	return locality, key
}

// figureKeys lists the keys of a row's figures (indicators' ids), each once, in order.
func figureKeys(row Row) []string {
	var keys []string
	add := func(k string) {
		if !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	for _, fs := range [][]Figure{row.Values, row.Rates, row.Shares, row.Gaps, row.Changes} {
		for _, f := range fs {
			add(f.Key.V)
		}
	}
	for _, b := range row.Bases {
		add(b.Key.V)
	}
	slices.Sort(keys)
	return keys
}

// only is the row with only the figures of key: its other fields as they are.
func (row Row) only(key string) Row {
	figures := func(fs []Figure) []Figure {
		var out []Figure
		for _, f := range fs {
			if f.Key.V == key {
				out = append(out, f)
			}
		}
		return out
	}
	row.Values, row.Rates, row.Shares, row.Gaps, row.Changes = figures(row.Values), figures(row.Rates), figures(row.Shares), figures(row.Gaps), figures(row.Changes)
	var bases []KeyStr
	for _, b := range row.Bases {
		if b.Key.V == key {
			bases = append(bases, b)
		}
	}
	row.Bases = bases
	return row
}
