package load

import (
	"bytes"
	"errors"
)

// Errors of SplitFrontMatter.
var (
	ErrNoOpening = errors.New("the first line must be +++")
	ErrNoClosing = errors.New("no closing +++ line")
)

// SplitFrontMatter splits a Markdown file into its TOML front matter (between a first line
// "+++" and the next line "+++") and its body. bodyLine is the 1-based line where the body
// starts. A byte-order mark and Windows line ends are accepted.
func SplitFrontMatter(src []byte) (front, body []byte, bodyLine int, err error) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	first, rest, found := bytes.Cut(src, []byte("\n"))
	if !found || string(bytes.TrimRight(first, " \t\r")) != "+++" {
		return nil, nil, 0, ErrNoOpening
	}
	line := 2
	start := len(first) + 1
	for off := 0; off <= len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		lineEnd := len(rest)
		if end >= 0 {
			lineEnd = off + end
		}
		if string(bytes.TrimRight(rest[off:lineEnd], " \t\r")) == "+++" {
			front = src[start : start+off]
			if lineEnd < len(rest) {
				body = rest[lineEnd+1:]
			}
			return front, body, line + 1, nil
		}
		if end < 0 {
			break
		}
		off = lineEnd + 1
		line++
	}
	return nil, nil, 0, ErrNoClosing
}
