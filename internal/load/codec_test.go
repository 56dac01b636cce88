package load

import (
	"bytes"
	"math/rand"
	"reflect"
	"testing"
	"testing/quick"

	"github.com/covsite/covsite/internal/diag"
)

// TestCodecRoundTrip fills every field of every type the store keeps with random values
// (testing/quick) and checks that decoding the encoding gives them back exactly, nil and
// empty slices included: a field added to a type and forgotten by the codec fails here.
func TestCodecRoundTrip(t *testing.T) {
	const file = "data/x.toml"
	rng := rand.New(rand.NewSource(1))
	for _, typ := range []reflect.Type{
		reflect.TypeFor[[]Config](), reflect.TypeFor[[]Indicator](), reflect.TypeFor[[]Locality](),
		reflect.TypeFor[[]Denominator](), reflect.TypeFor[[]Plan](), reflect.TypeFor[[]Report](),
		reflect.TypeFor[[]Document](), reflect.TypeFor[[]Grid](),
	} {
		t.Run(typ.Elem().Name(), func(t *testing.T) {
			sc := &scratch{} // decodes each value over the one before, as filesThrough does
			for i := range 20 {
				v, ok := quick.Value(typ, rng)
				if !ok {
					t.Fatalf("quick cannot make a %v", typ)
				}
				values := v.Interface()
				if i%3 == 0 { // positions in the file itself, as a decoder makes them
					inFile(reflect.ValueOf(values), file)
				}
				enc, ok := encodeValues(values, file)
				if !ok {
					t.Fatalf("encodeValues does not know %v", typ)
				}
				got, err := decodeValues(enc, file, nil)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, values) {
					t.Fatalf("round trip changed the values:\n got %+v\nwant %+v", got, values)
				}
				sc.reset()
				if got, err := decodeValues(enc, file, sc); err != nil || !reflect.DeepEqual(got, values) {
					t.Fatalf("round trip through a scratch used before changed the values (%v):\n got %+v\nwant %+v", err, got, values)
				}
			}
			for _, empty := range []reflect.Value{reflect.Zero(typ), reflect.MakeSlice(typ, 0, 0)} {
				enc, _ := encodeValues(empty.Interface(), file)
				got, err := decodeValues(enc, file, nil)
				if err != nil || !reflect.DeepEqual(got, empty.Interface()) {
					t.Fatalf("round trip of %#v: %#v, %v", empty.Interface(), got, err)
				}
			}
		})
	}
	if _, ok := encodeValues([]int{1}, file); ok {
		t.Error("encodeValues encoded a type it does not know")
	}
}

// inFile sets the file of every position in v to file.
func inFile(v reflect.Value, file string) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			inFile(v.Elem(), file)
		}
	case reflect.Slice:
		for i := range v.Len() {
			inFile(v.Index(i), file)
		}
	case reflect.Struct:
		if p, ok := v.Addr().Interface().(*diag.Pos); ok {
			p.File = file
			return
		}
		for i := range v.NumField() {
			inFile(v.Field(i), file)
		}
	}
}

// TestCodecRefusesDamage checks that every truncation of a valid entry, and a few
// corruptions, are reported as errors rather than decoded into something else or a panic.
func TestCodecRefusesDamage(t *testing.T) {
	enc, _ := encodeValues(samples()[0], "f")
	for n := range len(enc) {
		if _, err := decodeValues(enc[:n], "f", nil); err == nil {
			t.Fatalf("a truncation to %d of %d bytes decoded", n, len(enc))
		}
	}
	if _, err := decodeValues(append(enc[:len(enc):len(enc)], 0), "f", nil); err == nil {
		t.Error("trailing bytes decoded")
	}
	bad := append([]byte{}, enc...)
	bad[0] = 99
	if _, err := decodeValues(bad, "f", nil); err == nil {
		t.Error("an unknown kind decoded")
	}
}

// FuzzDecodeValues: no input makes the entry decoder panic or allocate without bound, and
// whatever decodes encodes to bytes that decode to the same values.
func FuzzDecodeValues(f *testing.F) {
	for _, v := range samples() {
		enc, _ := encodeValues(v, "f")
		f.Add(enc)
	}
	f.Add([]byte{kindLocality, 0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, b []byte) {
		v, err := decodeValues(b, "f", nil)
		if err != nil {
			return
		}
		again, ok := encodeValues(v, "f")
		if !ok {
			t.Fatalf("decoded a %T the encoder does not know", v)
		}
		w, err := decodeValues(again, "f", nil)
		if err != nil {
			t.Fatalf("what the encoder wrote does not decode: %v", err)
		}
		if third, _ := encodeValues(w, "f"); !bytes.Equal(third, again) { // bytes: NaN ≠ NaN
			t.Fatal("encode(decode(encode(decode(b)))) differs from encode(decode(b))")
		}
	})
}

// samples are small values of what files decode to, in file "f".
func samples() []any {
	at := diag.Pos{File: "f", Line: 3, Col: 1}
	row := Row{Pos: at, Locality: Str{"x", at}, AsOf: Day{Pos: at}, Plans: []Str{{"p", at}},
		Values: []Figure{{Key: Str{"bhyt", at}, Value: Num{V: 1.5, Raw: "1.5", Pos: at}}}}
	return []any{
		[]Report{{Pos: at, ID: "r", Title: Str{"Báo cáo", at}, Results: []Row{row}, Comparisons: []Comparison{{Below: []Str{{"y", diag.Pos{File: "g"}}}}}}},
		[]Plan{{Pos: at, ID: "p", Targets: []Row{row}, Milestones: []Milestone{{Share: Num{V: 50}}}}},
		[]Document{{Pos: at, Path: "a.md", Body: []byte("# x")}},
		[]Locality{{Pos: at, ID: Str{"x", at}}},
	}
}
