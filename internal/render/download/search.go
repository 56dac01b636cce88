package download

import (
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/covsite/covsite/internal/lang"
	"github.com/covsite/covsite/internal/routes"
	"github.com/covsite/covsite/internal/textutil"
)

// The search index is, per language, a small manifest, routes.SearchIndex, and, shared
// by the languages, shards, routes.SearchShard(key), one per first letter of a word
// ("a"…"z", "0"…"9", "_" for any other) that some locality has. A locality is in the
// shard of each word of its names that is not a word of its kind ("Phường Tiên Lâm", a
// ward, is in "t" and "l", not in "p"), so no shard holds every ward. The search script
// loads the manifest and, on the first keystroke, the shards of the words typed that do not
// start a word of any kind (of the first word when all do): a query matches a locality when
// each of its words starts a word of the locality's names or kind, or of its parent's label
// ("tra vinh phuong 1"), one word at least the locality's own, accents and case aside.
// Every locality a query of whole words matches is in one of those shards, since a word
// that starts no word of a kind starts only words that put their locality in that shard; a
// query made only of kinds' words ("phuong") finds the localities with another word that
// starts like it, and a ward named with its parent is found once a word of its own name
// that is not its kind's is typed ("tra vinh phuong 1", not yet "tra vinh phuong").
//
// The manifest of a language (JSON):
//
//	{"u": "/en/dia-phuong/{id}/",         locality URL, "{id}" to fill in
//	 "s": "/tim-kiem/{key}.json",         shard URL, "{key}" to fill in
//	 "h": "abcdg…",                       the keys of the shards there are
//	 "n": 1,                              the name to show: 0 Vietnamese, 1 English
//	 "k": [["Ward", "phuong ward"]],      kinds: the label, and the words of the kind in every language
//	 "p": ["An Giang"],                   the labels of parents
//	 "e": ["", " (until 30 Jun 2025)"]}   what follows the name of a former locality
//
// A shard is a JSON array of rows [id, name, kind, parent, ended, english]: kind, parent
// and ended index the manifests' "k", "p" (-1: none) and "e", the same in every
// language; english, the English name, is left out when it is the Vietnamese one.

// SearchEntry is one locality as the search shows it, in both languages.
type SearchEntry struct {
	ID     string
	Name   lang.Text
	Kind   lang.Text // its kind's label
	Parent lang.Text // the parent's label; zero for a root
	Ended  lang.Text // what follows the name of a former locality: " (đến 30/6/2025)"
}

// Search makes the search index, once, when first listed or written.
type Search struct {
	LocalityURL func(code string) string // routes.LocalityPattern's URL in a language
	ShardURL    string                   // routes.SearchShard("{key}")'s URL, shared by the languages
	Entries     func() []SearchEntry     // every locality, in the site's order

	once  sync.Once
	files []File
	err   error
}

// Files are the manifest of each language and the shards.
func (s *Search) Files() []File {
	s.once.Do(s.make)
	return s.files
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
	Have    string      `json:"h"`
	Name    int         `json:"n"`
	Kinds   [][2]string `json:"k"`
	Parents []string    `json:"p"`
	Ended   []string    `json:"e"`
}

// table numbers the distinct values it is given, in the order first seen.
type table struct {
	at   map[lang.Text]int
	list []lang.Text
}

func (t *table) index(v lang.Text) int {
	if t.at == nil {
		t.at = map[lang.Text]int{}
	}
	i, ok := t.at[v]
	if !ok {
		i = len(t.list)
		t.at[v] = i
		t.list = append(t.list, v)
	}
	return i
}

func (s *Search) make() {
	var kinds, parents, ended table
	ended.index(lang.Text{})
	shards := map[string][]any{}
	kindWords := map[lang.Text][]string{} // a few kinds for every locality: folded once each
	for _, e := range s.Entries() {
		kw, ok := kindWords[e.Kind]
		if !ok {
			kw = kindWordsOf(e.Kind)
			kindWords[e.Kind] = kw
		}
		parent := -1
		if !e.Parent.IsZero() {
			parent = parents.index(e.Parent)
		}
		row := []any{e.ID, e.Name.VI, kinds.index(e.Kind), parent, ended.index(e.Ended)}
		if e.Name.EN != "" && e.Name.EN != e.Name.VI {
			row = append(row, e.Name.EN)
		}
		words := append(Words(e.Name.VI), Words(e.Name.EN)...)
		for _, key := range entryKeys(words, kw) {
			shards[key] = append(shards[key], row)
		}
	}
	var have []string
	for key := range shards {
		have = append(have, key)
	}
	slices.Sort(have)
	for _, code := range lang.Codes {
		m := manifest{URL: s.LocalityURL(code), Shard: s.ShardURL, Have: strings.Join(have, ""), Kinds: [][2]string{}}
		if code == lang.EN {
			m.Name = 1
		}
		for _, k := range kinds.list {
			m.Kinds = append(m.Kinds, [2]string{k.In(code), strings.Join(kindWordsOf(k), " ")})
		}
		m.Parents = texts(parents.list, code)
		m.Ended = texts(ended.list, code)
		b, err := json.Marshal(m)
		if err != nil {
			s.err = err
		}
		s.files = append(s.files, File{Path: routes.File(code, routes.SearchIndex), Lang: code, Write: fromBytes(func() ([]byte, error) { return b, s.err })})
	}
	for _, key := range have {
		b, err := json.Marshal(shards[key])
		if err != nil {
			s.err = err
		}
		s.files = append(s.files, File{Path: routes.File(lang.Default, routes.SearchShard(key)), Write: fromBytes(func() ([]byte, error) { return b, s.err })})
	}
}

// kindWordsOf are the words of a kind in every language: "phuong ward".
func kindWordsOf(kind lang.Text) []string {
	return unique(append(Words(kind.VI), Words(kind.EN)...))
}

func texts(list []lang.Text, code string) []string {
	out := make([]string, len(list))
	for i, t := range list {
		out[i] = t.In(code)
	}
	return out
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
