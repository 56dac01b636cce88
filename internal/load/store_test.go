package load

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/covsite/covsite/internal/sitetest"
)

// storedSite is the example site with a file that decodes with a warning (an unknown key)
// and one that does not decode at all.
func storedSite(t *testing.T) string {
	t.Helper()
	dir := sitetest.CopyExample(t, "../..")
	write := func(rel, src string) {
		if err := os.WriteFile(filepath.Join(dir, rel), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("data/localities/zz-warn.toml", "[[locality]]\nid = \"zz\"\nname = \"Zz\"\nkind = \"xa\"\nparent = \"tra-vinh\"\ncolour = \"red\"\n")
	write("data/results/zz-broken.toml", "[source\ntitle = 1\n")
	return dir
}

// loadWith loads dir with a cache using the store at path (opened with version), writes the
// store back and returns what the load gave and how many files came from the store.
func loadWith(t *testing.T, dir, path, version string) (*Site, []string, int) {
	t.Helper()
	st, err := OpenStore(path, version)
	if err != nil {
		t.Fatalf("OpenStore: %v", err)
	}
	var c Cache
	c.UseStore(st)
	site, diags, _ := c.Load(os.DirFS(dir))
	if c.StoreChanged() {
		if err := c.WriteStore(path, version); err != nil {
			t.Fatal(err)
		}
	}
	return site, texts(diags.Items()), c.FromStore()
}

func texts[T interface{ Text(string) string }](items []T) []string {
	var out []string
	for _, d := range items {
		out = append(out, d.Text("en"))
	}
	return out
}

// TestStoreGivesWhatDecodingGives loads a site without a store, with an empty one (which
// it fills) and with the filled one: the values and the diagnostics, warnings with their
// positions included, are the same each time, and the second load decodes only the files
// that had problems.
func TestStoreGivesWhatDecodingGives(t *testing.T) {
	dir := storedSite(t)
	path := filepath.Join(t.TempDir(), "cache", "load.bin")
	want, wantDiags := Load(os.DirFS(dir))
	if wantDiags.Len() < 2 {
		t.Fatalf("the fixture should have a warning and an error: %v", texts(wantDiags.Items()))
	}
	for i, wantStored := range []int{0, -1, -1} {
		got, gotDiags, stored := loadWith(t, dir, path, "v1")
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("load %d: the site differs from Load's", i)
		}
		if !reflect.DeepEqual(gotDiags, texts(wantDiags.Items())) {
			t.Fatalf("load %d: diagnostics\n%q\nwant\n%q", i, gotDiags, texts(wantDiags.Items()))
		}
		if wantStored < 0 {
			files := 0
			for _, sub := range []string{"data", "content"} {
				_ = filepath.WalkDir(filepath.Join(dir, sub), func(_ string, d os.DirEntry, _ error) error {
					if d != nil && !d.IsDir() {
						files++
					}
					return nil
				})
			}
			wantStored = files - 2 // all but the two files with problems
		}
		if stored != wantStored {
			t.Errorf("load %d took %d files from the store, want %d", i, stored, wantStored)
		}
	}
	// A file changed: only it is decoded again, and the store follows.
	p := filepath.Join(dir, "data/site.toml")
	src, _ := os.ReadFile(p)
	if err := os.WriteFile(p, append(src, "\n# edited\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	want, _ = Load(os.DirFS(dir))
	got, _, stored := loadWith(t, dir, path, "v1")
	if !reflect.DeepEqual(got, want) {
		t.Fatal("after an edit the site differs from Load's")
	}
	if _, _, again := loadWith(t, dir, path, "v1"); again != stored+1 {
		t.Errorf("after an edit: %d then %d files from the store, want one more the second time", stored, again)
	}
}

// TestOpenStoreRefuses checks that a damaged store, one of another version of covsite and
// one of another format are refused with the right error, and a missing one is empty.
func TestOpenStoreRefuses(t *testing.T) {
	dir := storedSite(t)
	path := filepath.Join(t.TempDir(), "load.bin")
	loadWith(t, dir, path, "v1")
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if st, err := OpenStore(path, "v1"); err != nil || st.Len() == 0 {
		t.Fatalf("the store just written: %d entries, %v", st.Len(), err)
	}
	flipped := append([]byte{}, good...)
	flipped[len(flipped)/2] ^= 0x10
	reformatted := append([]byte{}, good[:len(good)-4]...)
	reformatted[len(storeMagic)] = StoreFormat + 1
	reformatted = binary.LittleEndian.AppendUint32(reformatted, crc32.Checksum(reformatted, castagnoli))
	for _, tc := range []struct {
		name    string
		data    []byte
		version string
		want    error
	}{
		{"a flipped bit", flipped, "v1", ErrStoreCorrupt},
		{"cut short", good[:len(good)-100], "v1", ErrStoreCorrupt},
		{"empty", nil, "v1", ErrStoreCorrupt},
		{"not a store", []byte("[source]\ntitle = \"x\"\n"), "v1", ErrStoreCorrupt},
		{"another covsite", good, "v2", ErrStoreVersion},
		{"another format", reformatted, "v1", ErrStoreVersion},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "load.bin")
			if err := os.WriteFile(p, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			st, err := OpenStore(p, tc.version)
			if !errors.Is(err, tc.want) || st != nil {
				t.Fatalf("OpenStore = %v, %v; want %v", st, err, tc.want)
			}
		})
	}
	st, err := OpenStore(filepath.Join(t.TempDir(), "none"), "v1")
	if err != nil || st.Len() != 0 {
		t.Fatalf("a missing store: %v, %v", st, err)
	}
}

// FuzzParseStore: no file makes OpenStore panic; a file it accepts has entries that decode
// or are skipped.
func FuzzParseStore(f *testing.F) {
	e := &storeEncoder{}
	e.buf = append(e.buf, storeMagic...)
	e.uint(StoreFormat)
	e.str("v")
	e.count(false, 1)
	e.buf = append(e.buf, make([]byte, 32)...)
	enc, _ := encodeValues(samples()[0], "f")
	e.count(false, len(enc))
	e.buf = append(e.buf, enc...)
	f.Add(binary.LittleEndian.AppendUint32(e.buf, crc32.Checksum(e.buf, castagnoli)))
	f.Fuzz(func(t *testing.T, data []byte) {
		st, err := parseStore(data, "v")
		if err != nil {
			return
		}
		for key := range st.entries {
			st.lookup(key, "f", nil)
		}
	})
}
