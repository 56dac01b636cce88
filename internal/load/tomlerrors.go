package load

import (
	"regexp"
	"strings"
)

// tomlMessage is one message of the TOML parser (BurntSushi/toml v1.6.0, lex.go, parse.go
// and error.go) in the words of the people who edit the data files, in Vietnamese and
// English. ${1} is the token or value the parser quoted.
type tomlMessage struct {
	pattern *regexp.Regexp
	vi, en  string
}

// tomlMessages lists every message the parser gives for a file it cannot read. The messages
// the loader explains with its own codes (invalid datetime, a key defined twice, a value
// missing after "=") are here too, for where they are not explained further.
// TestEveryTOMLErrorIsTranslated makes each one happen.
var tomlMessages = []tomlMessage{
	{rx(`^unexpected EOF$`),
		"tệp kết thúc giữa chừng", "the file ends in the middle of a line"},
	{rx(`^expected a top-level item to end with a newline, comment, or EOF, but got (.+) instead$`),
		"sau giá trị còn thừa ${1}: mỗi dòng chỉ ghi một khoá = giá trị (chữ thì đặt trong ngoặc kép \"…\")",
		"${1} after the value: a line holds one key = value (text goes in double quotes \"…\")"},
	{rx(`^expected end of table array name delimiter '\]', but got (.+) instead$`),
		"tên bảng [[…]] phải đóng bằng hai dấu ]], ở đây gặp ${1}", "a table name [[…]] must end with ]], not ${1}"},
	{rx(`^unexpected end of table name \(table names cannot be empty\)$`),
		"tên bảng trong [ ] đang để trống", "the table name in [ ] is empty"},
	{rx(`^unexpected table separator \(table names cannot be empty\)$`),
		"tên bảng trong [ ] có một phần để trống (hai dấu chấm liền nhau)", "part of the table name in [ ] is empty (two dots in a row)"},
	{rx(`^expected '\.' or '\]' to end table name, but got (.+) instead$`),
		"tên bảng trong [ ] phải đóng bằng ], ở đây gặp ${1}", "a table name in [ ] must end with ], not ${1}"},
	{rx(`^unexpected EOF; expected value$`),
		"tệp kết thúc ngay sau dấu =, thiếu giá trị", "the file ends right after =, without a value"},
	{rx(`^expected value but found (.+) instead$`),
		"cần một giá trị (số, \"chữ trong ngoặc kép\", true/false hoặc ngày) nhưng gặp ${1}",
		"a value (a number, \"text in quotes\", true/false or a date) is needed here, not ${1}"},
	{rx(`^unexpected '=': key name appears blank$`),
		"thiếu tên khoá trước dấu =", "the key before = is missing"},
	{rx(`^unexpected '\.': keys cannot start with a '\.'$`),
		"tên khoá không được bắt đầu bằng dấu chấm", "a key cannot start with a dot"},
	{rx(`^unexpected '='$`),
		"thừa dấu =", "one = too many"},
	{rx(`^unexpected '\.'$`),
		"thừa dấu chấm trong tên khoá", "a dot too many in the key"},
	{rx(`^unexpected EOF; expected key separator '='$`),
		"tệp kết thúc khi tên khoá chưa có dấu = và giá trị", "the file ends after a key without = and a value"},
	{rx(`^expected '\.' or '=', but got (.+) instead$`),
		"sau tên khoá cần dấu =, ở đây gặp ${1} (tên khoá có dấu cách hay dấu tiếng Việt thì đặt trong ngoặc kép)",
		"= must follow the key, not ${1} (a key with spaces or accents goes in double quotes)"},
	{rx(`^floats must start with a digit, not '\.'$`),
		"số thập phân phải bắt đầu bằng chữ số: viết 0.5, không viết .5", "a decimal starts with a digit: write 0.5, not .5"},
	{rx(`^unexpected comma$`),
		"thừa dấu phẩy", "a comma too many"},
	{rx(`^expected a comma \(','\) or array terminator \('\]'\), but got (.+)$`),
		"trong danh sách [ … ] các phần tử cách nhau bằng dấu phẩy và danh sách đóng bằng ], ở đây gặp ${1}",
		"in a list [ … ] items are separated by commas and the list ends with ], not ${1}"},
	{rx(`^expected a comma or an inline table terminator '\}', but got (.+) instead$`),
		"trong bảng { … } các cặp khoá = giá trị cách nhau bằng dấu phẩy và bảng đóng bằng }, ở đây gặp ${1}",
		"in a table { … } pairs are separated by commas and the table ends with }, not ${1}"},
	{rx(`^unexpected EOF; expected '"'$`),
		"chữ trong ngoặc kép chưa có dấu \" đóng trước khi hết tệp", "text in quotes has no closing \" before the end of the file"},
	{rx(`^unexpected EOF; expected '"""'$`),
		"đoạn chữ nhiều dòng chưa đóng bằng \"\"\" trước khi hết tệp", "multi-line text has no closing \"\"\" before the end of the file"},
	{rx(`^unexpected '""""""'$`),
		"thừa dấu ngoặc kép ở cuối đoạn chữ nhiều dòng", "too many quotes at the end of multi-line text"},
	{rx(`^unexpected EOF; expected "'"$`),
		"chữ trong ngoặc đơn chưa có dấu ' đóng trước khi hết tệp", "text in single quotes has no closing ' before the end of the file"},
	{rx(`^unexpected EOF; expected "'''"$`),
		"đoạn chữ nhiều dòng chưa đóng bằng ''' trước khi hết tệp", "multi-line text has no closing ''' before the end of the file"},
	{rx(`^unexpected "''''''"$`),
		"thừa dấu ngoặc đơn ở cuối đoạn chữ nhiều dòng", "too many single quotes at the end of multi-line text"},
	{rx(`^expected two hexadecimal digits after '\\x', but got (.+) instead$`),
		"sau \\x cần hai chữ số hệ 16, ở đây gặp ${1}; muốn viết dấu \\ thì viết \\\\", "\\x needs two hexadecimal digits, not ${1}; write \\\\ for a backslash"},
	{rx(`^expected four hexadecimal digits after '\\u', but got (.+) instead$`),
		"sau \\u cần bốn chữ số hệ 16, ở đây gặp ${1}; muốn viết dấu \\ thì viết \\\\", "\\u needs four hexadecimal digits, not ${1}; write \\\\ for a backslash"},
	{rx(`^expected eight hexadecimal digits after '\\U', but got (.+) instead$`),
		"sau \\U cần tám chữ số hệ 16, ở đây gặp ${1}; muốn viết dấu \\ thì viết \\\\", "\\U needs eight hexadecimal digits, not ${1}; write \\\\ for a backslash"},
	{rx(`^invalid float: '(.*)'$`),
		"số thập phân '${1}' viết sai: viết như 29.72", "the decimal '${1}' is not written right: write it like 29.72"},
	{rx(`^cannot use sign with non-decimal numbers: '(.*)'$`),
		"số '${1}' viết ở hệ 16, 8 hoặc 2 không có dấu + hay -", "the number '${1}' is hexadecimal, octal or binary and cannot have a sign"},
	{rx(`^expected a digit but got (.+)$`),
		"cần một chữ số nhưng gặp ${1}", "a digit is needed here, not ${1}"},
	{rx(`^not a binary number: '(.*)'$`),
		"'${1}' không phải số hệ 2 (0b chỉ đi với chữ số 0 và 1)", "'${1}' is not a binary number (0b takes only 0 and 1)"},
	{rx(`^not an octal number: '(.*)'$`),
		"'${1}' không phải số hệ 8 (0o chỉ đi với chữ số 0–7)", "'${1}' is not an octal number (0o takes only 0–7)"},
	{rx(`^not a hexadecimal number: '(.*)'$`),
		"'${1}' không phải số hệ 16 (0x chỉ đi với 0–9 và a–f)", "'${1}' is not a hexadecimal number (0x takes only 0–9 and a–f)"},
	{rx(`^TOML files cannot contain control characters: '(0x[0-9a-f]+)'$`),
		"tệp có một ký tự điều khiển vô hình (mã ${1}), thường do sao chép từ Word hay PDF: xoá rồi gõ lại chỗ này",
		"the file holds an invisible control character (${1}), often copied from Word or a PDF: delete it and type the text again"},
	{rx(`^invalid escape in string '\\(.)'$`),
		"trong chữ đặt trong ngoặc kép, \\${1} không có nghĩa: muốn viết dấu \\ thì viết \\\\, hoặc đặt chữ trong ngoặc đơn '…'",
		"\\${1} means nothing in text in double quotes: write \\\\ for a backslash, or put the text in single quotes '…'"},
	{rx(`^invalid escape: '\\(.)'$`),
		"trong chữ đặt trong ngoặc kép, \\${1} không có nghĩa: muốn viết dấu \\ thì viết \\\\, hoặc đặt chữ trong ngoặc đơn '…'",
		"\\${1} means nothing in text in double quotes: write \\\\ for a backslash, or put the text in single quotes '…'"},
	{rx(`^invalid UTF-8 byte: (0x[0-9a-f]+)$`),
		"tệp không được lưu bằng mã UTF-8 (gặp byte ${1}): mở tệp và lưu lại với mã hoá UTF-8",
		"the file is not saved as UTF-8 (byte ${1}): open it and save it again as UTF-8"},
	{rx(`^files cannot contain NULL bytes; probably using UTF-16; TOML files must be UTF-8$`),
		"tệp có vẻ được lưu bằng mã UTF-16: mở tệp và lưu lại với mã hoá UTF-8",
		"the file seems to be saved as UTF-16: open it and save it again as UTF-8"},
	{rx(`^invalid datetime: "(.*)"$`),
		"\"${1}\" không phải là ngày: viết ngày như 2023-06-30", "\"${1}\" is not a date: write dates like 2023-06-30"},
	{rx(`^newlines not allowed within inline tables$`),
		"bảng { … } phải viết trọn trên một dòng", "a table { … } must be on one line"},
	{rx(`^strings cannot contain newlines$`),
		"chữ trong ngoặc kép phải kết thúc trên cùng dòng: thiếu dấu \" đóng ở cuối", "text in quotes must end on the same line: the closing \" is missing"},
	{rx(`^(.+) is out of range for (int64|float64)$`),
		"số ${1} quá lớn", "the number ${1} is too large"},
	{rx(`^(.+) is out of the safe (float32|float64) range$`),
		"số ${1} quá lớn để lưu chính xác", "the number ${1} is too large to keep exactly"},
	{rx(`^"(.*)" is not a table$`),
		"\"${1}\" đã là một giá trị, không mở bảng [${1}] được", "\"${1}\" is a value already and cannot be a table [${1}]"},
	{rx(`^Key '(.*)' was already created as a hash\.$`),
		"khoá ${1} đã có giá trị ở trên, không mở bảng con bên dưới nó được", "the key ${1} has a value above and cannot hold a table too"},
	{rx(`^Key '(.*)' was already created and cannot be used as an array\.$`),
		"khoá ${1} đã có ở trên, không dùng làm danh sách [[${1}]] được", "the key ${1} exists already above and cannot be a list [[${1}]]"},
	{rx(`^Key '(.*)' has already been defined\.$`),
		"khoá ${1} đã có ở trên", "the key ${1} is given above already"},
	{rx(`^Invalid integer "(.*)": underscores must be surrounded by digits$`),
		"số ${1}: dấu _ phải nằm giữa hai chữ số, như 10_324", "the number ${1}: _ goes between two digits, as in 10_324"},
	{rx(`^Invalid integer "(.*)": cannot have leading zeroes$`),
		"số ${1} không được bắt đầu bằng chữ số 0", "the number ${1} cannot start with 0"},
	{rx(`^Invalid float "(.*)": underscores must be surrounded by digits$`),
		"số ${1}: dấu _ phải nằm giữa hai chữ số", "the number ${1}: _ goes between two digits"},
	{rx(`^Invalid float "(.*)": cannot have leading zeroes$`),
		"số ${1} không được bắt đầu bằng chữ số 0", "the number ${1} cannot start with 0"},
	{rx(`^Invalid float "(.*)": '\.' must be followed by one or more digits$`),
		"số ${1}: sau dấu chấm thập phân phải có chữ số", "the number ${1}: a digit must follow the decimal point"},
	{rx(`^Invalid float value: "(.*)"$`),
		"số thập phân ${1} viết sai: viết như 29.72", "the decimal ${1} is not written right: write it like 29.72"},
	{rx(`^Escaped character '\\u(.*)' is not valid UTF-8\.$`),
		"\\u${1} không phải ký tự hợp lệ", "\\u${1} is not a valid character"},
	{rx(`^invalid duration: "(.*)"$`),
		"\"${1}\" không phải khoảng thời gian", "\"${1}\" is not a duration"},
}

func rx(s string) *regexp.Regexp { return regexp.MustCompile(s) }

// tokenWords name the tokens the parser quotes that a person cannot see.
var tokenWords = []struct{ token, vi, en string }{
	{`'\n'`, "chỗ hết dòng", "the end of the line"},
	{`'\r'`, "chỗ hết dòng", "the end of the line"},
	{`'\t'`, "dấu tab", "a tab"},
	{`' '`, "dấu cách", "a space"},
	{"end of file", "chỗ hết tệp", "the end of the file"},
}

// translateTOML returns the parser's message msg in Vietnamese and English; ok is false for
// a message the table does not know, which is then shown as the parser wrote it.
func translateTOML(msg string) (vi, en string, ok bool) {
	for _, m := range tomlMessages {
		sub := m.pattern.FindStringSubmatchIndex(msg)
		if sub == nil {
			continue
		}
		vi = string(m.pattern.ExpandString(nil, m.vi, msg, sub))
		en = string(m.pattern.ExpandString(nil, m.en, msg, sub))
		for _, w := range tokenWords {
			vi = strings.ReplaceAll(vi, w.token, w.vi)
			en = strings.ReplaceAll(en, w.token, w.en)
		}
		return vi, en, true
	}
	return msg, msg, false
}
