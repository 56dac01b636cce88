package view

import (
	"encoding/json"
	"slices"
	"strconv"
	"unicode/utf8"
)

// The data islands a page carries — a chart's own part of its option, the page's chart
// tools — are written by hand in the bytes encoding/json writes (escaping <, > and &), not
// through its reflection: a national site writes 37,000 of each. TestJSONIsEncodingJSON
// holds them to json.Marshal's output.

// appendJSONString appends s as a JSON string, as encoding/json writes it: quoted as it
// is when it holds nothing json escapes (most texts, Vietnamese included), else through
// json.Marshal.
func appendJSONString(b []byte, s string) []byte {
	if !plainJSON(s) {
		q, _ := json.Marshal(s) // a string always marshals
		return append(b, q...)
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// plainJSON reports whether encoding/json writes s as it is between quotes: valid UTF-8
// without control characters, quotes, backslashes, <, >, &, DEL or the line and paragraph
// separators (U+2028, U+2029).
func plainJSON(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			return false
		}
		i += size
	}
	return true
}

// appendJSONStrings appends ss as a JSON array of strings.
func appendJSONStrings(b []byte, ss []string) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

// appendJSONObject appends m as a JSON object of strings, its keys in order, as
// encoding/json writes a map.
func appendJSONObject(b []byte, m map[string]string) []byte {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(appendJSONString(b, k), ':')
		b = appendJSONString(b, m[k])
	}
	return append(b, '}')
}

// chartOptionJSON is what json.Marshal writes of a chart's own option (chart.option): its
// kind, its value axis's name when it has one, and how the site computed its values, by
// series (an int, nil or []string each; see chartComputed), when it did.
func chartOptionJSON(kind, axis string, computed []any) (string, error) {
	var buf [256]byte
	b := append(buf[:0], `{"kind":`...)
	b = appendJSONString(b, kind)
	if axis != "" {
		b = append(b, `,"yAxis":[{"name":`...)
		b = append(appendJSONString(b, axis), "}]"...)
	}
	if computed != nil {
		b = append(b, `,"computed":[`...)
		for i, c := range computed {
			if i > 0 {
				b = append(b, ',')
			}
			switch c := c.(type) {
			case nil:
				b = append(b, "null"...)
			case int:
				b = strconv.AppendInt(b, int64(c), 10)
			case []string:
				if c == nil {
					b = append(b, "null"...)
					continue
				}
				b = appendJSONStrings(b, c)
			default:
				m, err := json.Marshal(c)
				if err != nil {
					return "", err
				}
				b = append(b, m...)
			}
		}
		b = append(b, ']')
	}
	return string(append(b, '}')), nil
}
