package write

import (
	"encoding/binary"
	"errors"
)

// MarshalBinary encodes m compactly — each file's path, size, time and hash, in no order —
// for the build cache, which keeps a national site's 54,000-file manifest between builds:
// encoding/gob, which uses it, writes a [32]byte one byte at a time otherwise.
func (m Manifest) MarshalBinary() ([]byte, error) {
	b := make([]byte, 0, len(m)*(40+3*binary.MaxVarintLen64+32)) // paths of about 40 bytes
	b = binary.AppendUvarint(b, uint64(len(m)))
	for rel, st := range m {
		b = binary.AppendUvarint(b, uint64(len(rel)))
		b = append(b, rel...)
		b = binary.AppendVarint(b, st.Size)
		b = binary.AppendVarint(b, st.ModTime)
		b = append(b, st.Sum[:]...)
	}
	return b, nil
}

// errManifest is the error of bytes that are not an encoded manifest.
var errManifest = errors.New("not an encoded manifest")

// UnmarshalBinary decodes what MarshalBinary encoded into *m.
func (m *Manifest) UnmarshalBinary(b []byte) error {
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)) {
		return errManifest
	}
	b = b[k:]
	out := make(Manifest, n)
	for range n {
		size, k := binary.Uvarint(b)
		if k <= 0 || size > uint64(len(b)-k) {
			return errManifest
		}
		rel := string(b[k : k+int(size)])
		b = b[k+int(size):]
		var st FileState
		if st.Size, k = binary.Varint(b); k <= 0 {
			return errManifest
		}
		b = b[k:]
		if st.ModTime, k = binary.Varint(b); k <= 0 {
			return errManifest
		}
		b = b[k:]
		if len(b) < len(st.Sum) {
			return errManifest
		}
		copy(st.Sum[:], b)
		b = b[len(st.Sum):]
		out[rel] = st
	}
	if len(b) != 0 {
		return errManifest
	}
	*m = out
	return nil
}
