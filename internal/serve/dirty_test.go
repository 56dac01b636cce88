package serve

import (
	"slices"
	"testing"
)

func TestDirtyPaths(t *testing.T) {
	var d dirtyPaths
	if got := d.take(); got == nil || len(got) != 0 {
		t.Errorf("nothing changed: take() = %#v, want an empty list", got)
	}
	d.add("data/results/b.toml")
	d.add("data/results/a.toml")
	d.add("data/results/b.toml")
	if got := d.take(); !slices.Equal(got, []string{"data/results/a.toml", "data/results/b.toml"}) {
		t.Errorf("take() = %q", got)
	}
	if got := d.take(); len(got) != 0 {
		t.Errorf("take() again = %q, want nothing", got)
	}
	d.add("data/results/a.toml")
	d.lost()
	if got := d.take(); got != nil {
		t.Errorf("after lost events: take() = %q, want nil (look at every file)", got)
	}
	for i := range maxDirty + 1 {
		d.add(string(rune('a'+i%26)) + string(rune(i)))
	}
	if got := d.take(); got != nil {
		t.Errorf("after %d paths: take() = %d paths, want nil", maxDirty+1, len(got))
	}
}
