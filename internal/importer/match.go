package importer

import (
	"regexp"
	"slices"
	"strings"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/textutil"
)

// norm folds a name for matching: lowercase, no accents, punctuation as spaces, single
// spaces. "BHXH  tự-nguyện (người)" → "bhxh tu nguyen nguoi".
func norm(s string) string {
	var b strings.Builder
	for _, r := range textutil.Fold(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// measure is which figure of an indicator a column holds.
type measure int

const (
	valueOf measure = iota // the indicator's value (people, money, a percentage): bhyt
	rateOf                 // its coverage rate, % of its denominator: rate.bhyt
	shareOf                // the share of the plan's target reached, %: share.bhyt
)

// side is whose figure a column holds when a table sets results beside the targets they
// answer: "Kế hoạch giao năm 2026 | Thực hiện | Tỷ lệ % so KH" under "BHXH tự nguyện".
type side int

const (
	eitherSide side = iota // the header does not say: what the import writes
	resultSide             // "Thực hiện", "Kết quả", "Lũy kế"
	targetSide             // "Kế hoạch giao năm 2026", "Chỉ tiêu"
)

// role is what a column's header says of its figures, besides the indicator.
type role struct {
	measure measure
	side    side
}

// column says what one column of the table holds.
type column struct {
	Index   int
	Header  string           // as written
	Ind     *model.Indicator // nil for label columns
	Measure measure          // the value, the coverage rate or the share of plan
	Side    side             // results or targets, when the header says
	// Aside is a column of the other side than the import writes — the targets a table
	// of results states, the results beside a plan's targets, a share of plan in a plan:
	// read and checked, never written.
	Aside bool
	Label bool // names the row: STT, Đơn vị …
	Zeros int  // the header counts in thousands (3) or millions (6): "BHYT (nghìn người)"
}

// Key is the data file key the column is written under: "bhyt", "rate.bhyt" or
// "share.bhyt"; a column set aside has its side before it: "target:bhyt".
func (c column) Key() string {
	k := c.Ind.ID
	switch c.Measure {
	case rateOf:
		k = "rate." + k
	case shareOf:
		k = "share." + k
	}
	if !c.Aside {
		return k
	}
	if c.Side == targetSide {
		return "target:" + k
	}
	return "result:" + k
}

// labelHeaders are headers of columns that name rows rather than hold figures.
var labelHeaders = []string{"stt", "tt", "so tt", "so thu tu", "don vi", "ten don vi", "dia phuong", "ten dia phuong",
	"dia ban", "phuong xa", "xa phuong", "phuong xa thi tran", "xa phuong thi tran", "don vi hanh chinh", "ten", "noi dung", "chi tieu"}

// unitSuffix is a unit written in a header: "(người)", "(%)", "người".
var unitSuffix = regexp.MustCompile(`\s*\((nguoi|%|ty le|the|so nguoi|don vi|trieu dong)\)\s*$`)

// scaledSuffix is a header's unit that counts people or cards in thousands or millions:
// "(nghìn người)", "(ngàn thẻ)", "(triệu người)". A sum of money ("(triệu đồng)") is the
// indicator's own unit, not a multiple.
var scaledSuffix = regexp.MustCompile(`\s*\((nghin|ngan|trieu)(?:\s+(?:nguoi|the|lao dong|don vi))?\)\s*$`)

// headerZeros is the power of ten a header's figures are written in: 3 for "(nghìn
// người)", 6 for "(triệu người)", 0 for any other header.
func headerZeros(header string) int {
	if m := scaledSuffix.FindStringSubmatch(strings.TrimSpace(textutil.Fold(header))); m != nil {
		return load.MultiplierZeros(m[1])
	}
	return 0
}

// unitLine is the line above a table that gives its unit for every column: "Đơn vị tính:
// nghìn người", "ĐVT: triệu người".
var unitLine = regexp.MustCompile(`(?:^|\s)(?:don vi tinh|dvt)\s*[:.]?\s*(nghin|ngan|trieu)\s+(?:nguoi|the|lao dong)\b`)

// tableZeros is the power of ten that a line above the header rows (top) says the whole
// table is written in: 3 for "Đơn vị tính: nghìn người", 0 when none says so.
func tableZeros(t *Table, top int) int {
	for r := 0; r < top && r < len(t.Rows); r++ {
		for _, c := range t.Rows[r] {
			if m := unitLine.FindStringSubmatch(textutil.Fold(c.Text)); m != nil {
				return load.MultiplierZeros(m[1])
			}
		}
	}
	return 0
}

// roleWords are the words around an indicator's name in a header that say which of its
// figures the column holds, each removed from either end of the header in turn until what
// is left names an indicator: "Tỷ lệ bao phủ dân số (%)" under "Bảo hiểm y tế", "Kế hoạch
// giao năm 2026" under "BHXH tự nguyện". Longest first.
var roleWords = []string{
	"ty le tham gia so voi dan so", "ty le tham gia tren dan so", "ty le bao phu so voi dan so", "ty le bao phu dan so",
	"ty le tham gia dan so", "ty le dan so tham gia", "ty le bao phu", "ty le tham gia",
	"ty le so voi ke hoach", "ty le so ke hoach", "ty le so voi kh", "ty le so kh", "ty le dat ke hoach", "ty le dat kh",
	"ty le hoan thanh ke hoach", "ty le hoan thanh kh", "ty le thuc hien so ke hoach", "ty le thuc hien so kh",
	"ty le dat", "ty le hoan thanh", "ty le thuc hien", "so voi ke hoach", "so voi kh", "so ke hoach", "so kh",
	"so voi chi tieu", "so chi tieu", "dat ke hoach", "dat kh", "ty le",
	"so voi dan so", "tren dan so", "so voi luc luong lao dong", "tren luc luong lao dong",
	"tong so nguoi tham gia", "so nguoi tham gia", "nguoi tham gia", "so nguoi", "so the", "tong so",
	"ke hoach giao nam", "ke hoach nam", "ke hoach giao", "ke hoach", "kh giao nam", "kh giao", "kh nam", "kh",
	"chi tieu giao nam", "chi tieu giao", "chi tieu nam", "chi tieu",
	"uoc thuc hien", "so thuc hien", "thuc hien", "ket qua thuc hien", "ket qua", "luy ke", "dat", "hoan thanh", "nam", "so",
}

// yearWord is a year at the end of a header: "Kế hoạch giao năm 2026".
var yearWord = regexp.MustCompile(` (19|20)\d\d$`)

// unitInside is a unit in brackets anywhere in a header joined from several rows:
// "Tỷ lệ bao phủ (%) Bảo hiểm y tế".
var unitInside = regexp.MustCompile(`\((nguoi|%|ty le|the|so nguoi|don vi|trieu dong)\)`)

// headers matches column headers to the indicators of a site.
type headers struct {
	byName map[string]*model.Indicator // folded id, name or short name → indicator, the first one
}

func newHeaders(site *model.Site) *headers {
	h := &headers{byName: map[string]*model.Indicator{}}
	for _, ind := range site.Indicators {
		for _, n := range []string{ind.ID, ind.Name.VI, ind.Short.VI, ind.Name.EN, ind.Short.EN} {
			if k := norm(n); n != "" && h.byName[k] == nil {
				h.byName[k] = ind
			}
		}
	}
	return h
}

// matchHeader finds the indicator a one-row header names, and which of its figures.
func matchHeader(site *model.Site, header string) (*model.Indicator, role) {
	hs := newHeaders(site)
	ind := hs.find(header)
	if ind == nil {
		return nil, role{}
	}
	return ind, roleOf(ind, header)
}

// find is the indicator a header names, with the words that say which of its figures
// (roleWords) and its unit taken away.
func (hs *headers) find(header string) *model.Indicator {
	raw := strings.TrimSpace(textutil.Fold(header))
	h := norm(unitInside.ReplaceAllString(unitSuffix.ReplaceAllString(scaledSuffix.ReplaceAllString(raw, ""), ""), " "))
	for h != "" {
		if ind := hs.byName[h]; ind != nil {
			return ind
		}
		next, ok := cutRoleWord(h)
		if !ok {
			return nil
		}
		h = next
	}
	return nil
}

// cutRoleWord removes one of the roleWords, or a year, from either end of a folded header.
func cutRoleWord(h string) (string, bool) {
	if loc := yearWord.FindStringIndex(h); loc != nil {
		return h[:loc[0]], true
	}
	for _, w := range roleWords {
		if rest, ok := strings.CutPrefix(h, w+" "); ok {
			return rest, true
		}
		if rest, ok := strings.CutSuffix(h, " "+w); ok {
			return rest, true
		}
	}
	return h, false
}

// textRole is what one row of a column's header says of its figures. A percentage ("%",
// "Tỷ lệ") of a plan or of its attainment ("so KH", "đạt", "hoàn thành", "thực hiện") is
// a share of plan; any other percentage a coverage rate; "Kế hoạch", "KH", "Chỉ tiêu"
// name the target, "Thực hiện", "Kết quả", "Lũy kế" the result.
func textRole(text string) role {
	n := " " + norm(text) + " "
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(n, " "+w+" ") {
				return true
			}
		}
		return false
	}
	percent := strings.Contains(text, "%") || has("ty le")
	plan := has("kh", "ke hoach", "chi tieu")
	var r role
	switch {
	case percent && (plan || has("dat", "hoan thanh", "thuc hien")):
		return role{measure: shareOf}
	case percent:
		r.measure = rateOf
	}
	switch {
	case plan:
		r.side = targetSide
	case has("thuc hien", "ket qua", "luy ke"):
		r.side = resultSide
	}
	return r
}

// roleOf is what the header rows of a column (texts, the top one first) say of its
// figures of ind: a share of plan in any row makes it one, else a rate in any row; the
// lowest row that names a side decides it. A percentage of an indicator with no
// denominator ("Tỷ lệ giao dịch điện tử (%)") is its value.
func roleOf(ind *model.Indicator, texts ...string) role {
	var r role
	for i := len(texts) - 1; i >= 0; i-- {
		t := textRole(texts[i])
		r.measure = max(r.measure, t.measure)
		if r.side == eitherSide {
			r.side = t.side
		}
	}
	if r.measure == shareOf {
		r.side = eitherSide
	}
	if r.measure == rateOf && ind.Base == model.NoBase {
		r.measure = valueOf
	}
	return r
}

// indicatorNames are what a header could have said, for suggestions: each indicator's
// short name and name, each once (many indicators' short name is their name).
func indicatorNames(site *model.Site) []string {
	var out []string
	seen := map[string]bool{}
	for _, ind := range site.Indicators {
		for _, n := range []string{ind.Short.VI, ind.Name.VI} {
			if key := textutil.Fold(n); n != "" && !seen[key] {
				seen[key] = true
				out = append(out, n)
			}
		}
	}
	return out
}

func isLabelHeader(h string) bool {
	n := norm(h)
	for _, l := range labelHeaders {
		if n == l {
			return true
		}
	}
	return false
}

// totalLabels name the total row of a table.
var totalLabels = []string{"tong cong", "tong", "cong", "tong so", "toan bo", "chung", "total"}

// isTotalLabel reports whether a cell names the total row ("Tổng cộng", "Toàn thành phố").
func isTotalLabel(s string) bool {
	if isGroupName(s) {
		return false // "Tổng cộng các phường": a group's subtotal
	}
	n := norm(s)
	for _, l := range totalLabels {
		if n == l {
			return true
		}
	}
	return strings.HasPrefix(n, "tong cong ") || strings.HasPrefix(n, "toan ")
}

// kindWords are the words of a locality's kind that tables add or leave out, with the
// abbreviations offices use: "P. 1", "TT Càng Long", "TP Trà Vinh".
var kindWords = textutil.KindAbbreviations

// nameKey folds a locality's name for matching: norm, then a number apart from the letters
// before it and without leading zeros: "P4" → "p 4", "Phường 02" → "phuong 2".
func nameKey(s string) string {
	var b strings.Builder
	prevLetter := false
	for _, r := range norm(s) {
		digit := r >= '0' && r <= '9'
		if digit && prevLetter {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
		prevLetter = r >= 'a' && r <= 'z'
	}
	fields := strings.Fields(b.String())
	for i, f := range fields {
		if t := strings.TrimLeft(f, "0"); t != "" && strings.Trim(f, "0123456789") == "" {
			fields[i] = t
		}
	}
	return strings.Join(fields, " ")
}

// bareName removes the leading kind words or abbreviations: "phuong 1" → "1", "tp tra
// vinh" → "tra vinh", "tt phuong 7" → "7", "long duc" → "long duc".
func bareName(n string) string {
	for {
		rest, ok := cutKindWord(n)
		if !ok || rest == "" {
			return n
		}
		n = rest
	}
}

// cutKindWord removes one leading kind word.
func cutKindWord(n string) (string, bool) {
	for _, kw := range kindWords {
		for _, w := range kw {
			if rest, ok := strings.CutPrefix(n, w+" "); ok {
				return rest, true
			}
		}
	}
	return n, false
}

// localityMatcher finds localities below a parent by the names tables give them.
type localityMatcher struct {
	parent     *model.Locality
	candidates []*model.Locality // children first, then deeper descendants
	on         date.Date         // the date the table is about: prefer localities existing then
}

func newLocalityMatcher(parent *model.Locality, on date.Date) *localityMatcher {
	m := &localityMatcher{parent: parent, on: on}
	m.candidates = append(m.candidates, parent.Children...)
	var walk func(l *model.Locality)
	walk = func(l *model.Locality) {
		for _, c := range l.Children {
			m.candidates = append(m.candidates, c.Children...)
			walk(c)
		}
	}
	walk(parent)
	return m
}

// match returns the locality a table names, or nil. It tries, in order: the exact folded
// name or id, then the name without its kind words; children before grandchildren; among
// several, those that existed on the table's date; it gives up on a tie.
func (m *localityMatcher) match(name string) *model.Locality {
	l, _ := m.matchAll(name)
	return l
}

// matchAll is match, and when it gives up on a tie, the localities that tied.
func (m *localityMatcher) matchAll(name string) (*model.Locality, []*model.Locality) {
	n := nameKey(name)
	if n == "" {
		return nil, nil
	}
	exact := func(l *model.Locality) bool {
		return nameKey(l.Name.VI) == n || l.ID == strings.TrimSpace(name) || nameKey(l.Name.EN) == n
	}
	bare := func(l *model.Locality) bool {
		return bareName(nameKey(l.Name.VI)) == bareName(n) && sameKind(l, n)
	}
	for _, test := range []func(*model.Locality) bool{exact, bare} {
		if l, tied := m.pick(test); l != nil || len(tied) > 0 {
			return l, tied
		}
	}
	return nil, nil
}

// isParent reports whether a row's name is the parent's own: "TP Trà Vinh" in a table of
// its wards is the city's row, its total.
func (m *localityMatcher) isParent(name string) bool {
	n, p := nameKey(name), nameKey(m.parent.Name.VI)
	return n == p || m.parent.ID == strings.TrimSpace(name) || bareName(n) == bareName(p) && bareName(n) != n && sameKind(m.parent, n)
}

// sameKind is false when a name says a kind ("phường 1") that the locality is not ("xã").
// Of several kind words ("TT Phường 7") the last counts.
func sameKind(l *model.Locality, n string) bool {
	said := lastKindWord(n)
	if said == "" {
		return true
	}
	if ln := nameKey(l.Name.VI); bareName(ln) != ln {
		return lastKindWord(ln) == said
	}
	return kindWordOf(norm(string(l.Kind))) == said
}

// lastKindWord is the last of the kind words a folded name starts with, spelled out.
func lastKindWord(n string) string {
	last := ""
	for {
		k := kindWordOf(n)
		rest, ok := cutKindWord(n)
		if k == "" || !ok || rest == "" {
			return or(k, last)
		}
		last, n = k, rest
	}
}

// kindWordOf returns the kind word a folded name starts with, spelled out.
func kindWordOf(n string) string {
	for _, kw := range kindWords {
		for _, w := range kw {
			if n == w || strings.HasPrefix(n, w+" ") {
				return kw[0]
			}
		}
	}
	return ""
}

// pick returns the one candidate passing test, preferring children and localities that
// existed on the table's date; nil and the candidates still tied if there are several.
func (m *localityMatcher) pick(test func(*model.Locality) bool) (*model.Locality, []*model.Locality) {
	var found []*model.Locality
	for _, l := range m.candidates {
		if test(l) {
			found = append(found, l)
		}
	}
	if len(found) > 1 && !m.on.IsZero() {
		var existing []*model.Locality
		for _, l := range found {
			if l.ExistedOn(m.on) {
				existing = append(existing, l)
			}
		}
		if len(existing) > 0 {
			found = existing
		}
	}
	if len(found) > 1 && found[0].Parent == m.parent && found[1].Parent != m.parent {
		return found[0], nil
	}
	if len(found) == 1 {
		return found[0], nil
	}
	return nil, found
}

// suggest returns up to three candidates closest to name, as "Name (id)".
func (m *localityMatcher) suggest(name string) []string {
	n := bareName(nameKey(name))
	type scored struct {
		label string
		dist  int
	}
	var all []scored
	for _, l := range m.candidates {
		d := min(textutil.Distance(nameKey(name), nameKey(l.Name.VI)), textutil.Distance(n, bareName(nameKey(l.Name.VI))))
		all = append(all, scored{l.Name.VI + " (" + l.ID + ")", d})
	}
	slices.SortStableFunc(all, func(a, b scored) int { return a.dist - b.dist })
	var out []string
	for i := 0; i < len(all) && i < 3; i++ {
		out = append(out, all[i].label)
	}
	return out
}
