package load

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/textutil"
)

// Str is a string value and where it was written. Pos is zero when the key was absent.
type Str struct {
	V   string
	Pos diag.Pos
}

// Set reports whether the key was present.
func (s Str) Set() bool { return s.Pos.File != "" }

// KeyStr is a key of a sub-table and its string value: bhtn = "eligible" in
// denominator = { bhtn = "eligible" }.
type KeyStr struct {
	Key, Value Str
}

// Num is a number and where it was written. Raw keeps the source text ("1.888", "1_888"),
// so messages can quote it and the model can tell 85 from 85.00.
type Num struct {
	V   float64
	Raw string
	Int bool // written as a TOML integer
	Pos diag.Pos
}

// Set reports whether the key was present with a usable number.
func (n Num) Set() bool { return n.Pos.File != "" }

// Day is a calendar date and where it was written.
type Day struct {
	V   date.Date
	Pos diag.Pos
}

// Set reports whether the key was present with a valid date.
func (d Day) Set() bool { return d.Pos.File != "" }

// Figure is one indicator value in a target or result row: "bhyt = 10_324".
type Figure struct {
	Key   Str // the indicator id as written, at the key's position
	Value Num
}

// table wraps one TOML table with the positions of its keys, records which keys were read,
// and reports type errors at the value's position.
type table struct {
	file   string
	path   string // key path of this table within the file ("" for the root)
	prefix string // how messages name its keys: "rate." for the keys of rate.bhyt
	label  string // how messages name it: "[[target]] #3"
	data   map[string]any
	pos    positions
	// used: the keys read (present or not); figured, once figures read the table: the
	// keys it left out, every other key of data being read. A map of the keys read was
	// ~200 MB of a national load's garbage (one a row).
	used    []string
	figured []string
	diags   *diag.List
	// reusable: pos is the fast path's, given back by release
	reusable bool
	// memory a file's tables share (one goroutine reads them), reused from key to key
	buf *tableScratch
}

// tableScratch is the memory a file's tables reuse: a key's path, made to look its
// position up (span), and a row's keys with their spans (figures); and the memory their
// lists of the keys read are cut from (usedList).
type tableScratch struct {
	path []byte
	keys []keyAt
	used []string
}

// usedList is an empty list of keys read, room for usedRoom keys cut from s's memory (a
// table reading more grows it on its own). The list last cut is given back by giveBack.
func (s *tableScratch) usedList() []string {
	if cap(s.used)-len(s.used) < usedRoom {
		s.used = make([]string, 0, 4*usedRoom)
	}
	n := len(s.used)
	s.used = s.used[:n+usedRoom]
	return s.used[n : n : n+usedRoom]
}

// giveBack takes list back when it is the one usedList cut last: the next table's list
// is cut from the same memory (a file's rows are read one after the other).
func (s *tableScratch) giveBack(list []string) {
	n := len(s.used) - usedRoom
	if cap(list) != usedRoom || n < 0 || &s.used[n : n+1][0] != &list[:1][0] {
		return
	}
	clear(s.used[n:])
	s.used = s.used[:n]
}

// usedRoom is how many keys a table reads in most files: a result row reads its 14
// reserved keys, present or not.
const usedRoom = 16

// release gives the positions of t, a file's root table decoded by the fast path, back
// for the next file to be decoded into (positionMaps), once every value of the file is
// read: the values keep their diag.Pos, never the map. t and its sub-tables are not to
// be used after.
func (t *table) release() {
	if !t.reusable {
		return
	}
	clear(t.pos)
	positionMaps.Put(t.pos)
	t.pos, t.reusable = nil, false
}

func newTable(file, path, label string, data map[string]any, pos positions, diags *diag.List) *table {
	return &table{file: file, path: path, label: label, data: data, pos: pos, diags: diags, buf: &tableScratch{}}
}

// child is a table below t at path, sharing its file's positions, problems and buffer.
func (t *table) child(path, label string, data map[string]any) *table {
	return &table{file: t.file, path: path, label: label, data: data, pos: t.pos, diags: t.diags, buf: t.buf}
}

// span is where key is written, looked up without making its path a string of its own.
func (t *table) span(key string) (span, bool) {
	if t.path == "" {
		sp, ok := t.pos[key]
		return sp, ok
	}
	b := append(append(append(t.buf.path[:0], t.path...), '.'), key...)
	t.buf.path = b
	sp, ok := t.pos[string(b)]
	return sp, ok
}

// where returns the position of the value of key, or of the table itself when unknown.
func (t *table) where(key string) diag.Pos {
	sp, ok := t.span(key)
	return t.valueAt(sp, ok)
}

// valueAt is where for the span sp of a key (ok: it was found).
func (t *table) valueAt(sp span, ok bool) diag.Pos {
	if ok {
		return diag.At(t.file, sp.Line, sp.Col)
	}
	return t.here()
}

func (t *table) keyWhere(key string) diag.Pos {
	if sp, ok := t.span(key); ok {
		return diag.At(t.file, sp.KeyLine, sp.KeyCol)
	}
	return t.here()
}

// here is the position of the table header, or line 1 for the root table.
func (t *table) here() diag.Pos {
	if sp, ok := t.pos[t.path]; ok && t.path != "" {
		return diag.At(t.file, sp.KeyLine, sp.KeyCol)
	}
	return diag.Pos{File: t.file, Line: 1, Col: 1}
}

// keys returns the table's keys in the order they are written.
func (t *table) keys() []string {
	at := t.keySpans(nil)
	ks := make([]string, len(at))
	for i, a := range at {
		ks[i] = a.key
	}
	return ks
}

// keyAt is a key of a table and where it is written (found: its span is known).
type keyAt struct {
	key   string
	sp    span
	found bool
}

// keySpans returns the table's keys in the order they are written, with their spans, in
// the memory of at. Each key's position is looked up once, not at every comparison of the
// sort.
func (t *table) keySpans(at []keyAt) []keyAt {
	at = slices.Grow(at[:0], len(t.data))
	for k := range t.data {
		sp, ok := t.span(k)
		at = append(at, keyAt{k, sp, ok})
	}
	slices.SortFunc(at, func(a, b keyAt) int {
		return cmp.Or(cmp.Compare(a.sp.KeyLine, b.sp.KeyLine), cmp.Compare(a.sp.KeyCol, b.sp.KeyCol), cmp.Compare(a.key, b.key))
	})
	return at
}

func (t *table) wrongType(key string, want diag.Words, example string) {
	t.diags.Errorf(t.where(key), diag.WrongType, t.prefix+key, want, typeName(t.data[key]), example)
}

// quoted is the example for a value that should be text: the value itself in quotes when it
// is a number or true/false (period = 2026 → period = "2026"), else "…".
func quoted(v any) string {
	switch v := v.(type) {
	case int64:
		return `"` + strconv.FormatInt(v, 10) + `"`
	case float64:
		return `"` + strconv.FormatFloat(v, 'f', -1, 64) + `"`
	case bool:
		return `"` + strconv.FormatBool(v) + `"`
	}
	return `"…"`
}

// Names of TOML types in messages.
var (
	typeString  = diag.W("chữ trong ngoặc kép", "text in quotes")
	typeInteger = diag.W("số nguyên", "a whole number")
	typeFloat   = diag.W("số thập phân", "a decimal number")
	typeBool    = diag.W("true hoặc false", "true or false")
	typeDate    = diag.W("ngày", "a date")
	typeArray   = diag.W("danh sách [ … ]", "a list [ … ]")
	typeTable   = diag.W("bảng", "a table")
	typeNumber  = diag.W("số", "a number")
	typeStrings = diag.W("danh sách chữ [\"…\", \"…\"]", "a list of texts [\"…\", \"…\"]")
)

func typeName(v any) diag.Words {
	switch v.(type) {
	case string:
		return typeString
	case int64:
		return typeInteger
	case float64:
		return typeFloat
	case bool:
		return typeBool
	case time.Time:
		return typeDate
	case []any, []map[string]any:
		return typeArray
	case map[string]any:
		return typeTable
	}
	return diag.W("giá trị không đọc được", "a value that cannot be read")
}

// str reads a string key; required keys that are missing are reported.
func (t *table) str(key string, required bool) Str {
	t.use(key)
	v, ok := t.data[key]
	if !ok {
		if required {
			t.diags.Errorf(t.here(), diag.MissingKey, key, t.label)
		}
		return Str{}
	}
	s, ok := v.(string)
	if !ok {
		t.wrongType(key, typeString, quoted(v))
		return Str{}
	}
	out := t.normalised(key, s)
	if formulaKeys[key] && startsLikeFormula(out.V) {
		t.diags.Warnf(out.Pos, diag.FormulaText, key, out.V)
	}
	return out
}

// formulaKeys are the keys of names and titles, which go into the CSV downloads.
var formulaKeys = map[string]bool{"name": true, "name_en": true, "unit": true, "number": true,
	"title": true, "title_en": true, "issuer": true, "publisher": true, "publisher_en": true}

// startsLikeFormula reports whether a spreadsheet would take s for a formula: it begins
// with = + - @, a tab or a carriage return (the CSV downloads write it as text anyway).
func startsLikeFormula(s string) bool {
	return s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0]))
}

// normalised returns s in NFC, warning when the file held it decomposed. The string is a
// copy: the decoder's strings share the memory of the whole file, which one short value
// kept by the model would hold alive (40 MB of TOML source at national scale).
func (t *table) normalised(key, s string) Str {
	if nfc, changed := textutil.NFC(s); changed {
		t.diags.Warnf(t.where(key), diag.NotNFC, nfc)
		s = nfc
	} else {
		s = strings.Clone(s)
	}
	return Str{V: s, Pos: t.where(key)}
}

// strs reads a string or an array of strings.
func (t *table) strs(key string) []Str {
	t.use(key)
	v, ok := t.data[key]
	if !ok {
		return nil
	}
	if s, ok := v.(string); ok {
		return []Str{t.normalised(key, s)}
	}
	list, ok := v.([]any)
	if !ok {
		t.wrongType(key, typeStrings, `["…", "…"]`)
		return nil
	}
	var out []Str
	for i, item := range list {
		s, ok := item.(string)
		elem := key + "." + strconv.Itoa(i)
		if !ok {
			t.diags.Errorf(t.where(elem), diag.WrongType, key, typeStrings, typeName(item), `["…", "…"]`)
			continue
		}
		out = append(out, t.normalised(elem, s))
	}
	return out
}

// num reads a number key (integer or float).
func (t *table) num(key string, required bool) Num {
	t.use(key)
	v, ok := t.data[key]
	if !ok {
		if required {
			t.diags.Errorf(t.here(), diag.MissingKey, key, t.label)
		}
		return Num{}
	}
	return t.number(key, v)
}

// MaxExact is 2^53, the largest whole number a figure holds exactly (figures are float64):
// above it 9007199254740993 would silently become 9007199254740992.
const MaxExact = 1 << 53

// number converts a decoded value to a Num, explaining strings written like numbers.
func (t *table) number(key string, v any) Num {
	sp, ok := t.span(key)
	return t.numberAt(key, v, sp, ok)
}

// numberAt is number for the span sp of key (ok: it was found).
func (t *table) numberAt(key string, v any, sp span, ok bool) Num {
	pos := t.valueAt(sp, ok)
	rawOr := func(fallback string) string {
		if sp.Raw != "" {
			return sp.Raw
		}
		return fallback
	}
	switch x := v.(type) {
	case int64:
		if x > MaxExact || x < -MaxExact {
			t.diags.Errorf(pos, diag.NumberTooLarge, t.prefix+key, rawOr(strconv.FormatInt(x, 10)))
			return Num{}
		}
		return Num{V: float64(x), Raw: rawOr(strconv.FormatInt(x, 10)), Int: true, Pos: pos}
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			t.diags.Errorf(pos, diag.WrongType, t.prefix+key, typeNumber, diag.W("nan/inf", "nan/inf"), "10324")
			return Num{}
		}
		if math.Abs(x) > MaxExact {
			t.diags.Errorf(pos, diag.NumberTooLarge, t.prefix+key, rawOr(strconv.FormatFloat(x, 'f', -1, 64)))
			return Num{}
		}
		return Num{V: x, Raw: rawOr(strconv.FormatFloat(x, 'f', -1, 64)), Pos: pos}
	case string:
		if t.quotedNumber(key, x, pos) {
			return Num{}
		}
	}
	t.wrongType(key, typeNumber, "10324")
	return Num{}
}

// quotedNumber explains a number written in quotes ("10.324", "80,58", "10324") and
// reports whether it did.
func (t *table) quotedNumber(key, s string, pos diag.Pos) bool {
	if plain, ok := VietnameseNumber(s); ok {
		if strings.ContainsAny(strings.TrimSpace(s), ". ") {
			t.diags.Errorf(pos, diag.VietnameseNumber, strconv.Quote(s), plain, Underscored(plain))
		} else {
			t.diags.Errorf(pos, diag.VietnameseDecimal, strconv.Quote(s), plain)
		}
		return true
	}
	plain := strings.TrimSpace(s)
	if _, err := strconv.ParseFloat(strings.ReplaceAll(plain, "_", ""), 64); err == nil && plain != "" && !strings.ContainsAny(plain, "xXoObBnNiI+") {
		t.diags.Errorf(pos, diag.QuotedNumber, t.prefix+key, strconv.Quote(s), plain)
		return true
	}
	return false
}

// day reads a TOML local date.
func (t *table) day(key string, required bool) Day {
	t.use(key)
	v, ok := t.data[key]
	if !ok {
		if required {
			t.diags.Errorf(t.here(), diag.MissingKey, key, t.label)
		}
		return Day{}
	}
	switch x := v.(type) {
	case time.Time:
		return Day{V: date.Of(x), Pos: t.where(key)}
	case string:
		t.quotedDate(key, x)
		return Day{}
	}
	t.wrongType(key, typeDate, "2023-06-30")
	return Day{}
}

// quotedDate explains a date written as text: "2023-06-30" or "30/6/2023" in quotes.
func (t *table) quotedDate(key, s string) {
	iso := strings.TrimSpace(s)
	if _, err := date.Parse(iso); err != nil {
		var ok bool
		if iso, ok = dayMonthYear(s); !ok {
			t.diags.Errorf(t.where(key), diag.BadDate, strconv.Quote(s))
			return
		}
	}
	t.diags.Errorf(t.where(key), diag.QuotedDate, key, strconv.Quote(s), iso)
}

// boolean reads a true/false key.
func (t *table) boolean(key string) bool {
	t.use(key)
	v, ok := t.data[key]
	if !ok {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		t.wrongType(key, typeBool, "true")
	}
	return b
}

// sub returns the sub-table at key, or nil.
func (t *table) sub(key string) *table {
	t.use(key)
	v, ok := t.data[key]
	if !ok {
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.wrongType(key, typeTable, key+".bhyt = 80.5")
		return nil
	}
	label := t.label + " " + key
	if t.path == "" {
		label = "[" + key + "]" // the file is in the message's position already
	}
	sub := t.child(join(t.path, key), label, m)
	sub.prefix = key + "."
	return sub
}

// tables returns the array of tables at key ([[key]]).
func (t *table) tables(key string) []*table {
	t.use(key)
	v, ok := t.data[key]
	if !ok {
		return nil
	}
	list, ok := v.([]map[string]any)
	if !ok {
		if anyList, isList := v.([]any); isList { // an array of inline tables
			for _, item := range anyList {
				m, isMap := item.(map[string]any)
				if !isMap {
					t.wrongType(key, tableList(key), "[["+key+"]]")
					return nil
				}
				list = append(list, m)
			}
		} else {
			t.wrongType(key, tableList(key), "[["+key+"]]")
			return nil
		}
	}
	out := make([]*table, len(list))
	for i, m := range list {
		out[i] = t.child(join(join(t.path, key), strconv.Itoa(i)), "[["+key+"]] #"+strconv.Itoa(i+1), m)
	}
	return out
}

func tableList(key string) diag.Words {
	return diag.W("danh sách bảng [["+key+"]]", "a list of tables [["+key+"]]")
}

// use records that key was read.
func (t *table) use(key string) {
	if t.used == nil {
		t.used = t.buf.usedList()
	}
	if !slices.Contains(t.used, key) {
		t.used = append(t.used, key)
	}
}

// done says t is read: the memory of its list of keys read goes to the next table.
func (t *table) done() {
	if t.used != nil {
		t.buf.giveBack(t.used)
		t.used = nil
	}
}

// read reports whether key, one of data's, was read.
func (t *table) read(key string) bool {
	return slices.Contains(t.used, key) || (t.figured != nil && !slices.Contains(t.figured, key))
}

// checkUnknown reports keys that were never read, naming the closest valid key.
func (t *table) checkUnknown(allowed ...string) {
	unknown := false
	for k := range t.data {
		if !t.read(k) && !slices.Contains(allowed, k) {
			unknown = true
			break
		}
	}
	if !unknown {
		t.done()
		return
	}
	defer t.done()
	for _, k := range t.keys() {
		if t.read(k) || slices.Contains(allowed, k) {
			continue
		}
		valid := allowed
		valid = append(valid, t.used...)
		for u := range t.data {
			if t.figured != nil && !slices.Contains(t.figured, u) {
				valid = append(valid, u)
			}
		}
		slices.Sort(valid)
		valid = slices.Compact(valid)
		if near := textutil.Nearest(k, valid); near != "" {
			t.diags.Errorf(t.keyWhere(k), diag.UnknownKeyNear, k, t.label, near)
			continue
		}
		t.diags.Errorf(t.keyWhere(k), diag.UnknownKey, k, t.label, strings.Join(valid, ", "))
	}
}

// unknownTable reports a dotted key such as rte.bhyt whose first part is not a reserved key.
func (t *table) unknownTable(k string, reserved []string) {
	if near := textutil.Nearest(k, reserved); near != "" {
		t.diags.Errorf(t.keyWhere(k), diag.UnknownKeyNear, k, t.label, near)
		return
	}
	t.diags.Errorf(t.keyWhere(k), diag.UnknownKey, k, t.label, strings.Join(reserved, ", "))
}

// figures reads every key not in reserved as an indicator figure, in written order.
func (t *table) figures(reserved []string) []Figure {
	keys := t.keySpans(t.buf.keys)
	t.buf.keys = keys
	t.figured = reserved
	if t.figured == nil {
		t.figured = []string{} // every key is a figure
	}
	n := 0
	for _, k := range keys {
		if !slices.Contains(reserved, k.key) {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]Figure, 0, n) // a file's rows are kept until it is linked: no spare room
	for _, ks := range keys {
		k := ks.key
		if slices.Contains(reserved, k) {
			continue
		}
		if _, isTable := t.data[k].(map[string]any); isTable {
			t.unknownTable(k, reserved)
			continue
		}
		n := t.numberAt(k, t.data[k], ks.sp, ks.found)
		if !n.Set() {
			continue
		}
		keyPos := t.here()
		if ks.found {
			keyPos = diag.At(t.file, ks.sp.KeyLine, ks.sp.KeyCol)
		}
		out = append(out, Figure{Key: Str{V: k, Pos: keyPos}, Value: n})
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
