// Package load reads a site's source — TOML data under data/ and Markdown under content/ —
// into typed values that remember where each was written, so that every later problem can
// be reported as file:line:col. It validates syntax and types only; meaning is the model's.
package load

import (
	"bytes"
	"errors"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/textutil"
)

// Load reads the site rooted at fsys. It returns what it could read and every problem found;
// a file with a syntax error is skipped, the others are still read.
func Load(fsys fs.FS) (*Site, *diag.List) {
	return load(fsys, nil)
}

// load is Load, remembering what each file decoded to in c when c is not nil.
func load(fsys fs.FS, c *Cache) (*Site, *diag.List) { return loadSite(fsys, c, false) }

// loadSite is load; when lazy, the plans and results files are only listed, in
// Site.Pending (see Lazy), to be read through c when they are linked (see Cache.Lazy).
func loadSite(fsys fs.FS, c *Cache, lazy bool) (*Site, *diag.List) {
	diags := &diag.List{}
	site := &Site{}
	for _, name := range requiredFiles {
		if _, err := fs.Stat(fsys, name); errors.Is(err, fs.ErrNotExist) {
			diags.Errorf(diag.Pos{File: name}, diag.MissingFile, name)
			site.Unreadable = append(site.Unreadable, name)
		}
	}
	if cs := readEach(fsys, c, "data/site.toml", []string{"data/site.toml"}, diags, &site.Unreadable,
		tomlDecoder(func(root *table, _ string) []Config { return []Config{readConfig(root)} })); len(cs) > 0 {
		site.Config = cs[0]
	}
	site.Indicators = readEach(fsys, c, "data/indicators.toml", []string{"data/indicators.toml"}, diags, &site.Unreadable,
		tomlDecoder(func(root *table, _ string) []Indicator { return readIndicators(root) }))
	if len(site.Indicators) == 0 && !slices.Contains(site.Unreadable, "data/indicators.toml") {
		// Read, but empty (or emptied by a bad merge): that is the cause, not every
		// figure of every file naming an indicator that is not there.
		diags.Errorf(diag.Pos{File: "data/indicators.toml", Line: 1, Col: 1}, diag.NoIndicators)
		site.Unreadable = append(site.Unreadable, "data/indicators.toml")
	}
	// The many files of data/ are decoded in parallel (see readEach), in file order.
	site.Localities = readEach(fsys, c, "data/localities", tomlFiles(fsys, "data/localities", diags), diags, &site.Unreadable,
		tomlDecoder(func(root *table, _ string) []Locality { return readLocalities(root) }))
	site.Denominators = readEach(fsys, c, "data/denominators", tomlFiles(fsys, "data/denominators", diags), diags, &site.Unreadable,
		tomlDecoder(func(root *table, _ string) []Denominator { return readDenominators(root) }))
	if lazy {
		site.Pending = &Pending{
			Plans:   filesThrough(c, fsys, tomlFiles(fsys, "data/plans", diags), func(root *table, name string) Plan { return readPlan(root, FileID(name)) }),
			Reports: filesThrough(c, fsys, tomlFiles(fsys, "data/results", diags), func(root *table, name string) Report { return readReport(root, FileID(name)) }),
		}
		// the results are linked after the plans: their first files are decoded by the
		// plans' workers that have nothing else to do
		site.Pending.Plans.then = site.Pending.Reports
	} else {
		site.Plans = readEach(fsys, c, "data/plans", tomlFiles(fsys, "data/plans", diags), diags, &site.Unreadable,
			tomlDecoder(func(root *table, name string) []Plan { return []Plan{readPlan(root, FileID(name))} }))
		site.Reports = readEach(fsys, c, "data/results", tomlFiles(fsys, "data/results", diags), diags, &site.Unreadable,
			tomlDecoder(func(root *table, name string) []Report { return []Report{readReport(root, FileID(name))} }))
	}
	site.Grids = readEach(fsys, c, MapFile, existing(fsys, MapFile), diags, &site.Unreadable,
		tomlDecoder(func(root *table, _ string) []Grid { return readGrids(root) }))
	// Markdown files that cannot be read are reported, not listed as unreadable: nothing
	// refers to what they declare.
	site.Documents = readEach(fsys, c, "content", filesWithExt(fsys, "content", ".md", diags), diags, nil,
		func(name string, src []byte, diags *diag.List) ([]Document, bool) {
			if doc, ok := readDocument(name, src, diags); ok {
				return []Document{doc}, true
			}
			return nil, true
		})
	return site, diags
}

// requiredFiles must exist in every site; without them --source is probably wrong.
var requiredFiles = []string{"data/site.toml", "data/indicators.toml"}

// MapFile holds a site's tile maps; it is optional.
const MapFile = "data/map.toml"

// existing is names without the files fsys does not have.
func existing(fsys fs.FS, names ...string) []string {
	var out []string
	for _, name := range names {
		if _, err := fs.Stat(fsys, name); err == nil {
			out = append(out, name)
		}
	}
	return out
}

// ReadGrids reads the tile maps of the file name in fsys, as Load reads data/map.toml: the
// theme's default maps, for a site that has none of its own.
func ReadGrids(fsys fs.FS, name string) ([]Grid, *diag.List) {
	diags := &diag.List{}
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		diags.Errorf(diag.Pos{File: name}, diag.ReadFile, err.Error())
		return nil, diags
	}
	root := decodeTOML(name, src, diags)
	if root == nil {
		return nil, diags
	}
	return readGrids(root), diags
}

func readGrids(root *table) []Grid {
	var out []Grid
	for _, t := range root.tables("grid") {
		g := Grid{Pos: t.here(), Name: t.str("name", true), NameEN: t.str("name_en", false)}
		for _, tt := range t.tables("tiles") {
			g.Tiles = append(g.Tiles, Tile{Pos: tt.here(), Locality: tt.str("locality", true), Row: tt.num("row", true), Col: tt.num("col", true)})
			tt.checkUnknown()
		}
		out = append(out, g)
		t.checkUnknown()
	}
	root.checkUnknown()
	return out
}

// FileID is a file's name without directory and extension: the id of the plan or report
// it holds.
func FileID(name string) string {
	return strings.TrimSuffix(path.Base(name), path.Ext(name))
}

// tomlFiles lists the .toml files below dir in lexical order; a missing dir is fine.
func tomlFiles(fsys fs.FS, dir string, diags *diag.List) []string {
	return filesWithExt(fsys, dir, ".toml", diags)
}

func filesWithExt(fsys fs.FS, dir, ext string, diags *diag.List) []string {
	var out []string
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir
			}
			return err
		}
		if d.Type()&^fs.ModeDir != 0 {
			return nil // a link, pipe or device is never read; the build reports it (sitefs.Links)
		}
		if !d.IsDir() && strings.HasSuffix(p, ext) && !strings.HasPrefix(path.Base(p), ".") {
			out = append(out, p)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		diags.Errorf(diag.Pos{File: dir}, diag.ReadFile, err.Error())
	}
	sort.Strings(out)
	return out
}

// decodeTOML parses src (the contents of file name) into a table with positions.
func decodeTOML(name string, src []byte, diags *diag.List) *table {
	return decodeTOMLAt(name, src, 1, diags)
}

// decodeTOMLAt parses src, which starts on line firstLine of file name (front matter starts
// on line 2 of its Markdown file), so every position it reports is a line of that file.
func decodeTOMLAt(name string, src []byte, firstLine int, diags *diag.List) *table {
	if !utf8.Valid(src) {
		line, col := firstInvalidUTF8(src)
		diags.Errorf(diag.At(name, line+firstLine-1, col), diag.ReadFile, diag.W("tệp không ở dạng UTF-8", "the file is not UTF-8"))
		return nil
	}
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	if data, pos, ok := fastDecode(src, firstLine); ok {
		t := newTable(name, "", name, data, pos, diags)
		t.reusable = true
		return t
	}
	return decodeTOMLFull(name, src, firstLine, diags)
}

// decodeTOMLFull is decodeTOMLAt for the files fastDecode declines: guard's limits,
// BurntSushi/toml, reportSyntax for its errors, then scanPositions.
func decodeTOMLFull(name string, src []byte, firstLine int, diags *diag.List) *table {
	if p := guard(src); p != nil {
		p.report(name, firstLine, diags)
		return nil
	}
	data := map[string]any{}
	if _, err := toml.Decode(string(src), &data); err != nil {
		local := &diag.List{}
		reportSyntax(name, src, err, local)
		for _, d := range local.Items() {
			if d.Pos.Line > 0 {
				d.Pos.Line += int32(firstLine - 1)
			}
			diags.Add(d)
		}
		return nil
	}
	pos := scanPositions(src)
	if firstLine > 1 {
		pos = shiftLines(pos, firstLine-1)
	}
	return newTable(name, "", name, data, pos, diags)
}

// firstInvalidUTF8 returns the line and column (in characters) of the first byte that is
// not UTF-8.
func firstInvalidUTF8(src []byte) (line, col int) {
	line, col = 1, 1
	for off := 0; off < len(src); {
		r, size := utf8.DecodeRune(src[off:])
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 0
		}
		col++
		off += size
	}
	return line, col
}

func readConfig(t *table) Config {
	c := Config{
		Title: t.str("title", true), TitleEN: t.str("title_en", false),
		Description: t.str("description", false), DescriptionEN: t.str("description_en", false),
		BaseURL: t.str("base_url", false), Publisher: t.str("publisher", false), PublisherEN: t.str("publisher_en", false),
	}
	c.Languages = t.strs("languages")
	c.Footer, c.FooterEN = t.str("footer", false), t.str("footer_en", false)
	checkBaseURL(c.BaseURL, t.diags)
	t.checkUnknown()
	return c
}

func readIndicators(root *table) []Indicator {
	var out []Indicator
	for _, t := range root.tables("indicator") {
		out = append(out, Indicator{
			Pos: t.here(), ID: t.str("id", true),
			Name: t.str("name", true), NameEN: t.str("name_en", false),
			Short: t.str("short", false), ShortEN: t.str("short_en", false),
			Unit: t.str("unit", true), Noun: t.str("noun", false), NounEN: t.str("noun_en", false),
			Direction: t.str("direction", false), Denominator: t.str("denominator", false),
			SumOf: t.strs("sum_of"), Description: t.str("description", false), DescriptionEN: t.str("description_en", false),
		})
		t.checkUnknown()
	}
	root.checkUnknown()
	return out
}

func readLocalities(root *table) []Locality {
	tables := root.tables("locality")
	out := make([]Locality, 0, len(tables))
	for _, t := range tables {
		out = append(out, Locality{
			Pos: t.here(), ID: t.str("id", true),
			Name: t.str("name", true), NameEN: t.str("name_en", false),
			Kind: t.str("kind", true), Parent: t.str("parent", false),
			Since: t.day("since", false), Until: t.day("until", false),
			Successor: t.str("successor", false),
			Note:      t.str("note", false), NoteEN: t.str("note_en", false),
		})
		t.checkUnknown()
	}
	root.checkUnknown()
	return out
}

func readDenominators(root *table) []Denominator {
	tables := root.tables("denominator")
	out := make([]Denominator, 0, len(tables))
	for _, t := range tables {
		out = append(out, Denominator{
			Pos: t.here(), Locality: t.str("locality", true), Year: t.num("year", true),
			Source: t.str("source", false), Population: t.num("population", false),
			LabourForce: t.num("labour_force", false), Eligible: t.num("eligible", false),
			Retired: t.num("retired", false),
		})
		t.checkUnknown()
	}
	root.checkUnknown()
	return out
}

// targetKeys and resultKeys are the reserved keys of rows; every other key is an indicator.
var (
	targetKeys = []string{"locality", "period", "deadline", "per", "note", "note_en", "where", "where_en", "rate", "denominator"}
	resultKeys = []string{"locality", "as_of", "plan", "change_since", "note", "note_en", "where", "where_en", "set_by", "decision", "rate", "share", "gap", "change"}
)

func readPlan(root *table, id string) Plan {
	p := Plan{
		Pos: diag.Pos{File: root.file, Line: 1, Col: 1}, ID: id,
		Number: root.str("number", false), Title: root.str("title", true), TitleEN: root.str("title_en", false),
		Issued: root.day("issued", false), Issuer: root.str("issuer", true), IssuerEN: root.str("issuer_en", false),
		Signer: root.str("signer", false), URL: root.str("url", false), BasedOn: root.strs("based_on"),
		BasedOnEN: root.strs("based_on_en"), Parent: root.str("parent", false),
		Locality: root.str("locality", true), Period: root.str("period", true),
		Summary: root.str("summary", false), SummaryEN: root.str("summary_en", false),
		Where: root.str("where", false), WhereEN: root.str("where_en", false),
	}
	checkURL(p.URL, "url", root.diags)
	targets := root.tables("target")
	if len(targets) > 0 {
		p.Targets = make([]Row, 0, len(targets))
	}
	for _, t := range targets {
		errs := t.diags.Count(diag.Error)
		row := Row{
			Pos: t.here(), Locality: t.str("locality", false), Period: t.str("period", false),
			Deadline: t.day("deadline", false), Per: t.str("per", false),
			Note: t.str("note", false), NoteEN: t.str("note_en", false),
			Where: t.str("where", false), WhereEN: t.str("where_en", false),
			Rates: subFigures(t, "rate"), Bases: subStrings(t, "denominator"),
		}
		row.Values = t.figures(targetKeys)
		row.Invalid = t.diags.Count(diag.Error) > errs
		p.Targets = append(p.Targets, row)
		t.done()
	}
	for _, t := range root.tables("milestone") {
		p.Milestones = append(p.Milestones, Milestone{
			Pos: t.here(), Indicators: t.strs("indicator"), By: t.day("by", true),
			Share: t.num("share", false), Note: t.str("note", false), NoteEN: t.str("note_en", false),
			Where: t.str("where", false), WhereEN: t.str("where_en", false),
		})
		t.checkUnknown()
	}
	root.checkUnknown()
	return p
}

func readReport(root *table, id string) Report {
	r := Report{Pos: diag.Pos{File: root.file, Line: 1, Col: 1}, ID: id,
		Where: root.str("where", false), WhereEN: root.str("where_en", false)}
	if src := root.sub("source"); src != nil {
		r.Title, r.TitleEN = src.str("title", true), src.str("title_en", false)
		r.Kind, r.Published = src.str("kind", true), src.day("published", false)
		r.Publisher, r.URL = src.str("publisher", true), src.str("url", false)
		r.Note, r.NoteEN = src.str("note", false), src.str("note_en", false)
		checkURL(r.URL, "url", src.diags)
		src.checkUnknown()
	} else {
		root.diags.Errorf(root.here(), diag.MissingKey, "[source]", root.label)
	}
	results := root.tables("result")
	if len(results) > 0 {
		r.Results = make([]Row, 0, len(results))
	}
	for _, t := range results {
		errs := t.diags.Count(diag.Error)
		row := Row{
			Pos: t.here(), Locality: t.str("locality", true), AsOf: t.day("as_of", true),
			Plans: t.strs("plan"), ChangeSince: t.day("change_since", false),
			Note: t.str("note", false), NoteEN: t.str("note_en", false),
			Where: t.str("where", false), WhereEN: t.str("where_en", false),
			Decision: t.str("decision", false),
			Rates:    subFigures(t, "rate"), Shares: subFigures(t, "share"),
			Gaps: subFigures(t, "gap"), Changes: subFigures(t, "change"),
		}
		row.SetBy, row.SetByPlan = strOrStrings(t, "set_by")
		row.Values = t.figures(resultKeys)
		row.Invalid = t.diags.Count(diag.Error) > errs
		r.Results = append(r.Results, row)
		t.done()
	}
	for _, t := range root.tables("below_average") {
		r.Comparisons = append(r.Comparisons, Comparison{
			Pos: t.here(), Parent: t.str("parent", true), Indicator: t.str("indicator", true),
			AsOf: t.day("as_of", true), Below: t.strs("localities"), Note: t.str("note", false),
		})
		t.checkUnknown()
	}
	root.checkUnknown()
	return r
}

// subFigures reads a sub-table such as rate = { bhyt = 94.44 } as figures.
func subFigures(t *table, key string) []Figure {
	sub := t.sub(key)
	if sub == nil {
		return nil
	}
	return sub.figures(nil)
}

// subStrings reads a sub-table of strings such as denominator = { bhtn = "eligible" }, in
// the file's order; each key carries its value's position, so the model can report either.
func subStrings(t *table, key string) []KeyStr {
	sub := t.sub(key)
	if sub == nil {
		return nil
	}
	var out []KeyStr
	for _, k := range sub.keys() {
		v := sub.str(k, true)
		if v.Set() {
			out = append(out, KeyStr{Key: Str{V: k, Pos: v.Pos}, Value: v})
		}
	}
	return out
}

// strOrStrings reads a key that is either one string for every case (set_by = "UBND tỉnh")
// or a sub-table of strings by id (set_by.qd-546-ttg-2022 = "Thủ tướng Chính phủ").
func strOrStrings(t *table, key string) (Str, []KeyStr) {
	if _, isTable := t.data[key].(map[string]any); isTable {
		return Str{}, subStrings(t, key)
	}
	return t.str(key, false), nil
}

// readDocument parses one Markdown file with TOML front matter.
func readDocument(name string, src []byte, diags *diag.List) (Document, bool) {
	rel := strings.TrimPrefix(name, "content/")
	doc := Document{Pos: diag.Pos{File: name, Line: 1, Col: 1}, Path: rel, Lang: "vi"}
	if dir := path.Dir(rel); dir != "." {
		doc.Section = dir
	}
	base := strings.TrimSuffix(path.Base(rel), ".md")
	if b, ok := strings.CutSuffix(base, ".en"); ok {
		base, doc.Lang = b, "en"
	}
	doc.Slug = stripDatePrefix(base)
	if why, bad := IDProblem(doc.Slug); bad {
		diags.Errorf(doc.Pos, diag.BadFileName, path.Base(name), why, renamed(path.Base(name), doc))
		return doc, false
	}
	fm, body, bodyLine, err := SplitFrontMatter(src)
	if err != nil {
		diags.Errorf(doc.Pos, diag.FrontMatter, frontMatterProblem(err))
		return doc, false
	}
	if !utf8.Valid(body) { // it would be copied into the page as it is
		line, col := firstInvalidUTF8(body)
		diags.Errorf(diag.At(name, bodyLine+line-1, col), diag.ReadFile, diag.W("tệp không ở dạng UTF-8", "the file is not UTF-8"))
		return doc, false
	}
	t := decodeTOMLAt(name, fm, 2, diags) // front matter starts on line 2
	if t == nil {
		return doc, false
	}
	doc.Title, doc.Date = t.str("title", true), t.day("date", true)
	doc.Localities, doc.Plans = t.strs("localities"), t.strs("plans")
	doc.Summary = t.str("summary", false)
	doc.Draft = t.boolean("draft")
	t.checkUnknown()
	doc.Body, doc.BodyLine = body, bodyLine
	normaliseBody(&doc, diags)
	checkBody(doc, diags)
	return doc, true
}

// renamed suggests a file name for a document whose name cannot be a URL segment: the same
// date prefix and language, with the name made a slug.
func renamed(base string, doc Document) string {
	lang := ""
	if doc.Lang == "en" {
		lang = ".en"
	}
	prefix := strings.TrimSuffix(base, doc.Slug+lang+".md")
	return prefix + or(textutil.Slug(doc.Slug), "trang-1") + lang + ".md"
}

func frontMatterProblem(err error) diag.Words {
	if errors.Is(err, ErrNoOpening) {
		return diag.W("dòng đầu tiên phải là +++", "the first line must be +++")
	}
	return diag.W("thiếu dòng +++ đóng phần đầu", "there is no closing +++ line")
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// stripDatePrefix removes a leading "2023-07-26-" from a file name.
func stripDatePrefix(s string) string {
	if len(s) > 11 && s[4] == '-' && s[7] == '-' && s[10] == '-' && isDigits(s[:4]+s[5:7]+s[8:10]) {
		return s[11:]
	}
	return s
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// shiftLines moves every recorded position down by n lines.
func shiftLines(p positions, n int) positions {
	out := make(positions, len(p))
	for k, sp := range p {
		sp.Line += n
		sp.KeyLine += n
		out[k] = sp
	}
	return out
}

// checkURL reports a url (of a plan or a source) that is not an absolute http(s) address:
// it reaches the pages and the JSON downloads as a link, so javascript:, data:, //host and
// plain words are refused where they are written.
func checkURL(v Str, key string, diags *diag.List) {
	if !v.Set() || absoluteHTTP(v.V) {
		return
	}
	diags.Errorf(v.Pos, diag.BadURL, key, v.V, diag.W("một địa chỉ http(s) đầy đủ", "an absolute http(s) address"), "https://example.gov.vn/van-ban.pdf")
}

// checkBaseURL reports a base_url that is neither an absolute http(s) address nor a path
// beginning with / (the site served below a folder of its host).
func checkBaseURL(v Str, diags *diag.List) {
	if !v.Set() || ValidBaseURL(v.V) {
		return
	}
	diags.Errorf(v.Pos, diag.BadURL, "base_url", v.V, diag.W("một địa chỉ http(s) đầy đủ hay một đường dẫn bắt đầu bằng /", "an absolute http(s) address or a path beginning with /"), "https://bhxh.example.gov.vn/")
}

// ValidBaseURL reports whether s can be a base_url (or build's --base-url): an absolute
// http(s) address, or a path beginning with / (not //host).
func ValidBaseURL(s string) bool { return absoluteHTTP(s) || sitePath(s) }

// absoluteHTTP reports whether s is an absolute http or https address with a host and
// nothing a browser would read another way (spaces, control characters, backslashes).
func absoluteHTTP(s string) bool {
	if strings.ContainsAny(s, " \t\r\n\\\x00") || strings.ContainsFunc(s, unicode.IsControl) {
		return false
	}
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	scheme := strings.ToLower(u.Scheme)
	return (scheme == "http" || scheme == "https") && u.Host != "" && u.Opaque == ""
}

// sitePath reports whether s is a path of the host: /, or /covsite/, never //host.
func sitePath(s string) bool {
	return strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "//") &&
		!strings.ContainsAny(s, " \t\r\n\\\x00?#") && !strings.ContainsFunc(s, unicode.IsControl)
}
