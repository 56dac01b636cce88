// Package scaffold is `covsite new`: it writes the skeleton of a new update
// (content/updates/YYYY-MM-DD-slug.md) or of a new results file (data/results/ID-DATE.toml)
// for a person to fill in. It never overwrites a file.
package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/textutil"
)

// ExistsError is returned instead of overwriting a file.
type ExistsError struct {
	Path string // relative to the site
	Hint string // what to do instead, in the caller's language
}

func (e *ExistsError) Error() string { return e.Path + ": " + e.Hint }

// writeNew creates source/rel with content, failing if it exists; exists is the hint.
func writeNew(source, rel string, content []byte, exists string) error {
	full := filepath.Join(source, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return fmt.Errorf("create %s: %w", filepath.Dir(rel), err)
	}
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return &ExistsError{Path: rel, Hint: exists}
	}
	if err != nil {
		return fmt.Errorf("create %s: %w", rel, err)
	}
	if _, err := f.Write(content); err != nil {
		f.Close()
		os.Remove(full)
		return fmt.Errorf("write %s: %w", rel, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", rel, err)
	}
	return nil
}

// maxSlug keeps file names and URLs readable; ids may be up to textutil.MaxIDLength.
const maxSlug = 80

// slugOf is the URL segment of a title, cut at a hyphen to at most maxSlug characters.
func slugOf(title string) string {
	s := textutil.Slug(title)
	if len(s) > maxSlug {
		s = s[:maxSlug]
		if i := strings.LastIndexByte(s, '-'); i > maxSlug/2 {
			s = s[:i]
		}
		s = strings.TrimSuffix(s, "-")
	}
	return s
}

// formatDate writes d the Vietnamese way (30/6/2023) or ISO for English.
func formatDate(d date.Date, lang string) string {
	if lang == "en" {
		return d.String()
	}
	return fmt.Sprintf("%d/%d/%d", d.Day, int(d.Month), d.Year)
}
