package asset

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestStaticAdd: a file the site makes is published fingerprinted like the theme's, in
// place of a theme file of the same name; other files keep theirs.
func TestStaticAdd(t *testing.T) {
	theme := fstest.MapFS{
		"static/js/kit.js":   {Data: []byte("theme's")},
		"static/js/other.js": {Data: []byte("other")},
		"static/img/a.png":   {Data: []byte("png")},
	}
	s, err := ReadStatic(theme)
	if err != nil {
		t.Fatal(err)
	}
	old := s.Path("js/kit.js")
	s.Add("js/kit.js", []byte("made"))
	s.Add("js/new.js", []byte("new"))
	for _, tt := range []struct{ rel, data string }{{"js/kit.js", "made"}, {"js/new.js", "new"}, {"js/other.js", "other"}, {"img/a.png", "png"}} {
		out := s.Path(tt.rel)
		if tt.rel != "img/a.png" && (out == tt.rel || !strings.HasSuffix(out, ".js")) {
			t.Errorf("%s published as %s, not fingerprinted", tt.rel, out)
		}
		n := 0
		for _, f := range s.Files {
			if f.Path == out {
				n++
				if string(f.Data) != tt.data {
					t.Errorf("%s holds %q, want %q", out, f.Data, tt.data)
				}
			}
		}
		if n != 1 {
			t.Errorf("%s published %d times", out, n)
		}
	}
	if old == s.Path("js/kit.js") || len(s.Files) != 4 {
		t.Errorf("the theme's kit.js (%s) is still published: %d files", old, len(s.Files))
	}
}
