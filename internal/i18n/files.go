package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// A site's strings: the theme's i18n/<lang>.toml holds every UI string; a site's own file
// of the same name changes or adds only the strings it names, laid over the theme's key by
// key (LoadLayers). ReadFile reads one file with where each key is written, for `covsite
// check` to point at a key.

// FileError is a strings file that cannot be read or is not valid TOML.
type FileError struct {
	File string // "i18n/vi.toml"
	Src  []byte // the file's text, when it was read
	Err  error
}

func (e *FileError) Error() string { return e.File + ": " + e.Err.Error() }
func (e *FileError) Unwrap() error { return e.Err }

// ValueError is a key of a strings file whose value is not text: "nav.plans" = 3.
type ValueError struct {
	Key       string
	Line, Col int
	Type      string // what is written instead: "number", "true/false", "list" or "date"
}

func (e *ValueError) Error() string {
	return fmt.Sprintf("%q is a %s, not text in double quotes", e.Key, e.Type)
}

// Pos is where a key is written in a strings file; lines and columns start at 1.
type Pos struct{ Line, Col int }

// File is one strings file as written.
type File struct {
	Name    string            // "i18n/vi.toml"
	Strings map[string]string // by key
	Pos     map[string]Pos    // where each key is written
}

// FileName is the strings file of a language: "i18n/vi.toml".
func FileName(code string) string { return "i18n/" + code + ".toml" }

// ReadFile reads a strings file. A key written without quotes (office.hotline = "…") is the
// key "office.hotline", as is hotline = "…" under a table [office]. A file that does not
// exist gives (nil, nil).
func ReadFile(fsys fs.FS, name string) (*File, error) {
	src, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, &FileError{File: name, Err: err}
	}
	var m map[string]any
	if _, err := toml.Decode(string(src), &m); err != nil {
		return nil, &FileError{File: name, Src: src, Err: err}
	}
	f := &File{Name: name, Strings: map[string]string{}, Pos: keyPositions(src)}
	if err := f.flatten("", m); err != nil {
		return nil, &FileError{File: name, Src: src, Err: err}
	}
	return f, nil
}

// flatten adds the strings of m, a table whose keys start with prefix.
func (f *File) flatten(prefix string, m map[string]any) error {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		key := prefix + k
		switch v := m[k].(type) {
		case string:
			f.Strings[key] = v
		case map[string]any:
			if err := f.flatten(key+".", v); err != nil {
				return err
			}
		default:
			p := f.Pos[key]
			return &ValueError{Key: key, Line: max(p.Line, 1), Col: max(p.Col, 1), Type: tomlType(v)}
		}
	}
	return nil
}

func tomlType(v any) string {
	switch v.(type) {
	case int64:
		return "number"
	case float64:
		return "number"
	case bool:
		return "true/false"
	case []any, []map[string]any:
		return "list"
	}
	return "date"
}

// LoadLayers reads i18n/<code>.toml of every language from each layer, lowest (the
// theme) first, each laid over those below key by key: a layer changes or adds the
// strings it names. The lowest layer must have every language's file.
func LoadLayers(layers ...fs.FS) (map[string]*Lang, error) {
	out := map[string]*Lang{}
	for _, code := range Languages {
		name := FileName(code)
		strs := map[string]string{}
		for i, layer := range layers {
			f, err := ReadFile(layer, name)
			if err != nil {
				return nil, err
			}
			if f == nil && i == 0 {
				return nil, &FileError{File: name, Err: fs.ErrNotExist}
			}
			if f != nil {
				for k, s := range f.Strings {
					strs[k] = s
				}
			}
		}
		out[code] = New(code, strs)
	}
	return out, nil
}

// Load reads i18n/<code>.toml from fsys for every language.
func Load(fsys fs.FS) (map[string]*Lang, error) { return LoadLayers(fsys) }

// Verbs lists what a string asks of T's arguments: each verb as "argument:verb", the
// argument counted from 1, sorted — "1:s 2:d" for "%s có %d người" and for
// "%[2]d people in %[1]s". Two strings of a key must ask the same, or a page prints
// fmt's "%!d(MISSING)". Flags, width and precision are left out.
func Verbs(s string) []string {
	var out []string
	arg := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			continue
		}
		i++
		if i < len(s) && s[i] == '%' {
			continue
		}
		for i < len(s) && strings.IndexByte("+-# 0123456789.", s[i]) >= 0 {
			i++
		}
		if i < len(s) && s[i] == '[' {
			end := strings.IndexByte(s[i:], ']')
			if end < 0 {
				break
			}
			if n, err := strconv.Atoi(s[i+1 : i+end]); err == nil {
				arg = n - 1
			}
			i += end + 1
			for i < len(s) && strings.IndexByte("+-# 0123456789.", s[i]) >= 0 {
				i++
			}
		}
		if i >= len(s) {
			out = append(out, strconv.Itoa(arg+1)+":")
			break
		}
		out = append(out, strconv.Itoa(arg+1)+":"+string(s[i]))
		arg++
	}
	slices.Sort(out)
	return out
}

// keyPositions finds where each key of a strings file is written: a key at the start of a
// line, under the table the last [header] opened. Lines inside a multi-line string are
// skipped. A key it cannot read is left out (check then points at the file's first line).
func keyPositions(src []byte) map[string]Pos {
	out := map[string]Pos{}
	table := ""
	inMulti := ""
	for n, line := range strings.Split(string(src), "\n") {
		if inMulti != "" {
			if strings.Count(line, inMulti)%2 == 1 {
				inMulti = ""
			}
			continue
		}
		trimmed := strings.TrimLeft(line, " \t")
		col := len([]rune(line)) - len([]rune(trimmed)) + 1
		if trimmed == "" || trimmed[0] == '#' {
			continue
		}
		if trimmed[0] == '[' {
			parts, _ := keyParts(strings.Trim(strings.TrimSpace(strings.SplitN(trimmed, "]", 2)[0]), "[ \t"))
			table = strings.Join(parts, ".")
			if table != "" {
				table += "."
			}
			continue
		}
		parts, rest := keyParts(trimmed)
		if len(parts) == 0 || !strings.HasPrefix(strings.TrimLeft(rest, " \t"), "=") {
			continue
		}
		out[table+strings.Join(parts, ".")] = Pos{Line: n + 1, Col: col}
		value := strings.TrimLeft(strings.TrimPrefix(strings.TrimLeft(rest, " \t"), "="), " \t")
		for _, q := range []string{`"""`, `'''`} {
			if strings.HasPrefix(value, q) && strings.Count(value, q)%2 == 1 {
				inMulti = q
			}
		}
	}
	return out
}

// keyParts reads a dotted key at the start of s — bare parts and "quoted" ones — and
// returns its parts and the rest of s.
func keyParts(s string) ([]string, string) {
	var parts []string
	for {
		s = strings.TrimLeft(s, " \t")
		switch {
		case strings.HasPrefix(s, `"`):
			end := 1
			for end < len(s) && s[end] != '"' {
				if s[end] == '\\' {
					end++
				}
				end++
			}
			if end >= len(s) {
				return nil, s
			}
			k, err := strconv.Unquote(s[:end+1])
			if err != nil {
				return nil, s
			}
			parts, s = append(parts, k), s[end+1:]
		case strings.HasPrefix(s, "'"):
			end := strings.IndexByte(s[1:], '\'')
			if end < 0 {
				return nil, s
			}
			parts, s = append(parts, s[1:end+1]), s[end+2:]
		default:
			end := 0
			for end < len(s) && (s[end] == '_' || s[end] == '-' || s[end] >= '0' && s[end] <= '9' || s[end]|0x20 >= 'a' && s[end]|0x20 <= 'z') {
				end++
			}
			if end == 0 {
				return nil, s
			}
			parts, s = append(parts, s[:end]), s[end:]
		}
		s = strings.TrimLeft(s, " \t")
		if !strings.HasPrefix(s, ".") {
			return parts, s
		}
		s = s[1:]
	}
}
