package write

import (
	"bytes"
	"encoding/gob"
	"maps"
	"testing"
)

// A manifest comes back from its binary form (and through gob, which the build cache
// uses) as it was; bytes cut short or followed by more are refused.
func TestManifestBinary(t *testing.T) {
	for _, m := range []Manifest{
		{},
		{"index.html": {Size: 1234, ModTime: 1_700_000_000_123_456_789, Sum: [32]byte{1, 2, 3, 31: 9}}},
		{"a/index.html": {Size: 0, ModTime: -5}, "dia-phuong/phường-một/index.html": {Size: 1 << 40, ModTime: 7, Sum: [32]byte{0: 0xff}}, Marker: {}},
	} {
		b, err := m.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var got Manifest
		if err := got.UnmarshalBinary(b); err != nil || !maps.Equal(got, m) {
			t.Errorf("%v came back as %v, %v", m, got, err)
		}
		var buf bytes.Buffer
		var viaGob Manifest
		if err := gob.NewEncoder(&buf).Encode(m); err != nil {
			t.Fatal(err)
		}
		if err := gob.NewDecoder(&buf).Decode(&viaGob); err != nil || !maps.Equal(viaGob, m) {
			t.Errorf("through gob, %v came back as %v, %v", m, viaGob, err)
		}
		if len(m) == 0 {
			continue
		}
		for _, bad := range [][]byte{b[:len(b)-1], append(b[:len(b):len(b)], 0), b[:1]} {
			if err := new(Manifest).UnmarshalBinary(bad); err == nil {
				t.Errorf("%d bytes of a %d-byte manifest decoded", len(bad), len(b))
			}
		}
	}
}
