package importer

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/covsite/covsite/internal/diag"
)

// outFile is where import writes rel (--out, or the file it chose): rel itself when it is
// absolute, else rel inside the site. A file outside the site's folder — by .., by an
// absolute path, or through a symbolic link on the way — is refused unless --force, so a
// mistyped --out never writes over a file elsewhere.
func (j *job) outFile(rel string) (string, error) {
	opts := j.opts
	full := filepath.Join(opts.Source, filepath.FromSlash(rel))
	if filepath.IsAbs(rel) {
		full = rel
	}
	if opts.Force || insideSite(opts.Source, full) {
		return full, nil
	}
	return "", Problems{{Where: rel, Message: fmt.Sprintf(diag.W(
		"--out %s nằm ngoài thư mục trang %s; chưa ghi gì",
		"--out %s is outside the site's folder %s; nothing was written").In(opts.Lang),
		rel, opts.Source),

		Hint: diag.W(
			"ghi vào một tệp trong thư mục trang, ví dụ data/results/…, hoặc thêm --force nếu thật sự muốn ghi ra đó",
			"write to a file below the site, e.g. data/results/…, or add --force to write there anyway").In(opts.Lang),
	}}
}

// insideSite reports whether the file full is below the folder site once symbolic links
// are followed: the deepest folder of full that exists is resolved, and so is site.
func insideSite(site, full string) bool {
	root, err := filepath.EvalSymlinks(site)
	if err != nil {
		return false
	}
	root, _ = filepath.Abs(root)
	abs, err := filepath.Abs(full)
	if err != nil {
		return false
	}
	rest := ""
	for dir := abs; ; dir = filepath.Dir(dir) {
		real, err := filepath.EvalSymlinks(dir)
		if err == nil {
			abs = filepath.Join(real, rest)
			break
		}
		if !errors.Is(err, fs.ErrNotExist) || dir == filepath.Dir(dir) {
			return false
		}
		rest = filepath.Join(filepath.Base(dir), rest)
	}
	if info, err := os.Lstat(abs); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		return false // the file itself is a link
	}
	r, err := filepath.Rel(root, abs)
	return err == nil && r != "." && filepath.IsLocal(r) && !strings.HasPrefix(r, "..")
}
