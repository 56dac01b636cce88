package load

import (
	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/textutil"
)

// idProblems words, in both languages, the reasons textutil.CheckID gives.
var idProblems = map[string]diag.Words{
	"empty":                      diag.W("mã trống", "it is empty"),
	"longer than 100 characters": diag.W("dài quá 100 ký tự", "it is longer than 100 characters"),
	"contains a path separator, '..' or NUL": diag.W("có dấu /, \\, '..' hoặc ký tự NUL, có thể ghi ra ngoài thư mục trang",
		"it contains /, \\, '..' or NUL, which could write outside the site's folder"),
	"starts or ends with a hyphen": diag.W("bắt đầu hoặc kết thúc bằng dấu gạch ngang", "it starts or ends with a hyphen"),
	"has two hyphens in a row":     diag.W("có hai dấu gạch ngang liền nhau", "it has two hyphens in a row"),
	"is a name Windows reserves": diag.W("Windows không cho đặt tên tệp hay thư mục như vậy (con, prn, aux, nul, com1–com9, lpt1–lpt9)",
		"Windows cannot hold a file or folder of that name (con, prn, aux, nul, com1–com9, lpt1–lpt9)"),
	"has characters other than a-z, 0-9 and '-'": diag.W("có ký tự khác a-z, 0-9 và '-' (chữ hoa, chữ có dấu, khoảng trắng…)", "it has characters other than a-z, 0-9 and '-' (capitals, accents, spaces…)"),
}

// IDProblem reports why id cannot be an id and a URL segment, in words for messages.
func IDProblem(id string) (diag.Words, bool) {
	why := textutil.CheckID(id)
	if why == "" {
		return diag.Words{}, false
	}
	if w, ok := idProblems[why]; ok {
		return w, true
	}
	return diag.W(why, why), true
}
