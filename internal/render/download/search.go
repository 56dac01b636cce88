package download

import (
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/covsite/covsite/internal/routes"
	"github.com/covsite/covsite/internal/textutil"
)

// The search index of a language is a small manifest, routes.SearchIndex, and shards,
// routes.SearchShard(key), one per first letter of a word ("a"…"z", "0"…"9", "_" for
// any other). A locality is in the shard of each word of its names that is not a word of
// its kind ("Phường Tiên Lâm", a ward, is in "t" and "l", not in "p"), so no shard holds
// every ward. The search script loads the manifest and, on the first keystroke, the
// shard of the first word typed that does not start a word of any kind (of the first word
// when all do): a query matches a locality when each of its words starts a word of the
// locality's names or kind, accents and case aside. Every locality a query of whole words
// matches is in that shard, since a word that starts no word of a kind starts only words
// that put their locality in that shard; a query made only of kinds' words ("phuong")
// finds the localities with another word that starts like it.
//
// The manifest (JSON):
//
//	{"u": "/dia-phuong/{id}/",          locality URL, "{id}" to fill in
//	 "s": "/tim-kiem/{key}.json",       shard URL, "{key}" to fill in
//	 "k": [["Phường", "phuong ward"]],  kinds: the label, and the words of the kind in every language
//	 "p": ["An Giang"],                 the labels of parents
//	 "e": ["", " (đến 30/6/2025)"]}     what follows the name of a former locality
//
// A shard is a JSON array of rows [id, name, kind, parent, ended, extra]: kind, parent
// and ended index "k", "p" (-1: none) and "e"; extra (left out when empty) holds the
// words of the name in the other language that the name and the kind do not have.

// shardKeys are the keys of the shards, each always written.
var shardKeys = func() []string {
	var keys []string
	for c := 'a'; c <= 'z'; c++ {
		keys = append(keys, string(c))
	}
	for c := '0'; c <= '9'; c++ {
		keys = append(keys, string(c))
	}
	return append(keys, "_")
}()

// SearchEntry is one locality as the search shows it, in a language.
type SearchEntry struct {
	ID        string
	Name      string // in the language
	Other     string // in the other language, also searched
	Kind      string // in the language
	KindOther string // in the other language
	Parent    string // the parent's label, or ""
	Ended     string // what follows the name of a former locality: " (đến 30/6/2025)"
}

// Search makes the search index of one language, once, when first written.
type Search struct {
	Lang        string
	LocalityURL string               // routes.LocalityPattern's URL in the language
	ShardURL    string               // routes.SearchShard("{key}")'s URL in the language
	Entries     func() []SearchEntry // every locality, in the site's order

	once  sync.Once
	files map[string][]byte // path → bytes
	err   error
}

// Files are the manifest and the shards.
func (s *Search) Files() []File {
	paths := []string{routes.File(s.Lang, routes.SearchIndex)}
	for _, k := range shardKeys {
		paths = append(paths, routes.File(s.Lang, routes.SearchShard(k)))
	}
	files := make([]File, len(paths))
	for i, p := range paths {
		files[i] = File{Path: p, Lang: s.Lang, Write: fromBytes(func() ([]byte, error) {
			s.once.Do(s.make)
			return s.files[p], s.err
		})}
	}
	return files
}

// Words splits text into the words search matches: folded (no accents, lower case) and
// cut at every character that is not a letter or a digit. search.js cuts the same way.
func Words(text string) []string {
	return strings.FieldsFunc(textutil.Fold(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
}

// ShardKey is the shard of the localities with a word that starts like w.
func ShardKey(w string) string {
	if c := w[0]; c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
		return string(c)
	}
	return "_"
}

type manifest struct {
	URL     string      `json:"u"`
	Shard   string      `json:"s"`
	Kinds   [][2]string `json:"k"`
	Parents []string    `json:"p"`
	Ended   []string    `json:"e"`
}

func (s *Search) make() {
	m := manifest{URL: s.LocalityURL, Shard: s.ShardURL, Kinds: [][2]string{}, Parents: []string{}, Ended: []string{""}}
	kinds, parents, ended := map[[2]string]int{}, map[string]int{}, map[string]int{"": 0}
	index := func(table map[string]int, list *[]string, v string) int {
		i, ok := table[v]
		if !ok {
			i = len(*list)
			table[v] = i
			*list = append(*list, v)
		}
		return i
	}
	shards := map[string][]any{}
	for _, e := range s.Entries() {
		kindWords := unique(append(Words(e.Kind), Words(e.KindOther)...))
		kk := [2]string{e.Kind, strings.Join(kindWords, " ")}
		k, ok := kinds[kk]
		if !ok {
			k = len(m.Kinds)
			kinds[kk] = k
			m.Kinds = append(m.Kinds, kk)
		}
		parent := -1
		if e.Parent != "" {
			parent = index(parents, &m.Parents, e.Parent)
		}
		row := []any{e.ID, e.Name, k, parent, index(ended, &m.Ended, e.Ended)}
		own := Words(e.Name)
		var extra []string
		for _, w := range Words(e.Other) {
			if !slices.Contains(own, w) && !slices.Contains(kindWords, w) && !slices.Contains(extra, w) {
				extra = append(extra, w)
			}
		}
		if len(extra) > 0 {
			row = append(row, strings.Join(extra, " "))
		}
		for _, key := range entryKeys(append(own, extra...), kindWords) {
			shards[key] = append(shards[key], row)
		}
	}
	s.files = map[string][]byte{}
	b, err := json.Marshal(m)
	if err != nil {
		s.err = err
		return
	}
	s.files[routes.File(s.Lang, routes.SearchIndex)] = b
	for _, key := range shardKeys {
		rows := shards[key]
		if rows == nil {
			rows = []any{}
		}
		if s.files[routes.File(s.Lang, routes.SearchShard(key))], err = json.Marshal(rows); err != nil {
			s.err = err
			return
		}
	}
}

// entryKeys are the shards a locality with these words is in: the first letters of its
// words that are not words of its kind, or of all its words when every one is.
func entryKeys(words, kindWords []string) []string {
	var keys []string
	for _, w := range words {
		if k := ShardKey(w); !slices.Contains(kindWords, w) && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	if len(keys) > 0 {
		return keys
	}
	for _, w := range words {
		if k := ShardKey(w); !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return []string{"_"} // a name without letters or digits is still listed
	}
	return keys
}

func unique(words []string) []string {
	var out []string
	for _, w := range words {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}
