package scaffold

import (
	"errors"
	"fmt"
	"os"
	"path"
	"strings"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/textutil"
)

// Update asks for a new update.
type Update struct {
	Title string    // the update's title, as it will be shown
	Date  date.Date // its date: today, unless backdated
	Lang  string    // "vi" writes slug.md, "en" writes slug.en.md
	Slug  string    // the address, when not made from the title (an English version takes the Vietnamese one's)
}

// NewUpdate writes content/updates/YYYY-MM-DD-slug.md (slug.en.md for English) under
// source with its front matter filled in, and returns the path relative to source. msgLang
// is the language of errors.
func NewUpdate(source string, u Update, msgLang string) (string, error) {
	title, _ := textutil.NFC(strings.TrimSpace(u.Title))
	slug := slugOf(title)
	if u.Slug != "" {
		if why, bad := load.IDProblem(u.Slug); bad {
			return "", errors.New(diag.W(
				fmt.Sprintf("--slug %q không dùng làm địa chỉ được (%s); ví dụ %s", u.Slug, why.VI, textutil.Slug(u.Slug)),
				fmt.Sprintf("--slug %q cannot be an address: %s; for example %s", u.Slug, why.EN, textutil.Slug(u.Slug))).In(msgLang))
		}
		slug = u.Slug
	}
	if slug == "" {
		return "", errors.New(diag.W(
			fmt.Sprintf("tiêu đề %q không có chữ hay số để làm địa chỉ trang — đặt tiêu đề như \"Trà Vinh: kết quả 6 tháng\"", u.Title),
			fmt.Sprintf("the title %q has no letters or digits to make an address from — give a title such as \"Trà Vinh: kết quả 6 tháng\"", u.Title)).In(msgLang))
	}
	ext := ".md"
	if u.Lang == "en" {
		ext = ".en.md"
	}
	rel := path.Join("content/updates", u.Date.String()+"-"+slug+ext)
	if other := sameSlug(source, slug, ext); other != "" && other != path.Base(rel) {
		return "", &ExistsError{Path: path.Join("content/updates", other), Hint: diag.W(
			"đã có bài với địa chỉ /tin-tuc/"+slug+"/ — sửa tệp đó, hoặc chọn tiêu đề khác",
			"an update with the address /tin-tuc/"+slug+"/ already exists — edit that file, or choose another title").In(msgLang)}
	}
	err := writeNew(source, rel, updateText(title, u.Date, u.Lang), diag.W(
		"bài này đã có và được giữ nguyên — hãy sửa tệp đó, hoặc chọn tiêu đề khác",
		"this update already exists and was left as it is — edit it, or choose another title").In(msgLang))
	return rel, err
}

// sameSlug returns the name of an update in content/updates whose address would be slug in
// the same language, or "".
func sameSlug(source, slug, ext string) string {
	entries, err := os.ReadDir(path.Join(source, "content/updates"))
	if err != nil {
		return ""
	}
	for _, e := range entries {
		name := e.Name()
		base, ok := strings.CutSuffix(name, ext)
		if !ok || ext == ".md" && strings.HasSuffix(base, ".en") {
			continue
		}
		if base == slug || strings.HasSuffix(base, "-"+slug) && len(base) == len(slug)+11 {
			return name
		}
	}
	return ""
}

// updateText is the new update: the same front matter keys, in the same order, as the
// updates already in content/updates, then a body to replace.
func updateText(title string, d date.Date, lang string) []byte {
	var b strings.Builder
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "title = %s\n", textutil.TOMLString(title))
	fmt.Fprintf(&b, "date = %s\n", d)
	b.WriteString(diag.W(
		"# id các địa phương và kế hoạch bài viết nói tới, ví dụ [\"tra-vinh\", \"tp-tra-vinh\"]\n",
		"# ids of the localities and plans the update is about, e.g. [\"tra-vinh\", \"tp-tra-vinh\"]\n").In(lang))
	b.WriteString("localities = []\nplans = []\n")
	b.WriteString(diag.W(
		"# một, hai câu tóm tắt cho danh sách tin, nguồn tin và máy tìm kiếm\n",
		"# one or two sentences for lists, the feed and search engines\n").In(lang))
	b.WriteString("summary = \"\"\n")
	b.WriteString(diag.W(
		"# bản nháp: covsite serve hiển thị (có ghi chú \"bản nháp\") nhưng không đăng lên trang; xoá dòng này khi bài đã xong\n",
		"# a draft is shown by covsite serve, marked, but not published; delete this line when the update is ready\n").In(lang))
	b.WriteString("draft = true\n+++\n\n")
	b.WriteString(model.UpdateSkeleton[diag.W("vi", "en").In(lang)] + "\n")
	return []byte(b.String())
}
