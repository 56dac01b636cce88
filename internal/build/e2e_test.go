package build

import (
	"context"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/covsite/covsite/internal/model"
)

// exampleBuild is the repository's example site built once per test binary.
type exampleBuild struct {
	once sync.Once
	dir  string
	err  error
}

var (
	example      exampleBuild // as published
	exampleKeyed exampleBuild // with the figures' keys (Options.FigureKeys)
)

// TestMain removes the example sites the tests built.
func TestMain(m *testing.M) {
	code := m.Run()
	for _, e := range []*exampleBuild{&example, &exampleKeyed} {
		if e.dir != "" {
			os.RemoveAll(filepath.Dir(e.dir))
		}
	}
	os.Exit(code)
}

// exampleSite builds the repository's example site, as published, once per test binary.
func exampleSite(t *testing.T) string { return example.built(t, false) }

// exampleSiteKeyed builds the example site with every printed figure marked with its key
// (data-fig…), once per test binary: for the tests that walk the figures.
func exampleSiteKeyed(t *testing.T) string { return exampleKeyed.built(t, true) }

func (e *exampleBuild) built(t *testing.T, keys bool) string {
	t.Helper()
	e.once.Do(func() {
		dir, err := os.MkdirTemp("", "covsite-e2e-")
		if err != nil {
			e.err = err
			return
		}
		e.dir = filepath.Join(dir, "public")
		res, err := Run(context.Background(), Options{Source: "../..", Dest: e.dir, FigureKeys: keys})
		if err != nil && res.Diagnostics != nil {
			err = res.Diagnostics.Err("en")
		}
		e.err = err
	})
	if e.err != nil {
		t.Fatalf("build example site (figure keys %t): %v", keys, e.err)
	}
	return e.dir
}

var tags = regexp.MustCompile(`(?s)<script.*?</script>|<[^>]+>`)

// pageText returns the visible text of a built page: tags and scripts removed, entities
// decoded, white space (including no-break spaces) folded to single spaces.
func pageText(t *testing.T, dir, page string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, page))
	if err != nil {
		t.Fatalf("read %s: %v", page, err)
	}
	text := html.UnescapeString(tags.ReplaceAllString(string(b), " "))
	return strings.Join(strings.Fields(strings.ReplaceAll(text, "\u00a0", " ")), " ")
}

// seedFigures lists, for each page, figures of the five seed documents as a reader sees them.
var seedFigures = map[string][]string{
	// Seed 000: plan 49/KH-BCĐ, Thành phố Trà Vinh 2023.
	"dia-phuong/tp-tra-vinh/index.html": {
		"17.404", "29,72 %", "1.757", "3 % lực lượng lao động", "12.369", "20,52 %", "108.441", "94,44 % dân số", "15.647",
		"1,92 %", "1,75 %", "1,69 %", "1,15 %", "mốc 30/6/2023: 80 % chỉ tiêu", "mốc 30/6/2023: 93 % chỉ tiêu",
		"15.304", "102.720", "Phường 7", "Long Đức",
	},
	"dia-phuong/tra-vinh-phuong-1/index.html": {"1.888", "165", "1.613", "10.324", "1 mỗi tháng"},
	"dia-phuong/tra-vinh-phuong-2/index.html": {"483", "55", "374", "3.444"},
	"dia-phuong/tra-vinh-phuong-3/index.html": {"406", "55", "305", "3.426"},
	"dia-phuong/tra-vinh-phuong-4/index.html": {"1.749", "159", "1.403", "9.534"},
	"dia-phuong/tra-vinh-phuong-5/index.html": {"1.159", "184", "882", "10.306"},
	"dia-phuong/tra-vinh-phuong-6/index.html": {"1.259", "190", "974", "10.632"},
	"dia-phuong/tra-vinh-phuong-7/index.html": {"2.236", "263", "1.842", "14.690", "Cập nhật lần cuối: 23/11/2026 (tin mới nhất về đơn vị này)"},
	"dia-phuong/tra-vinh-phuong-8/index.html": {"1.249", "152", "971", "8.470"},
	"dia-phuong/tra-vinh-phuong-9/index.html": {"1.616", "214", "1.224", "11.958"},
	"dia-phuong/long-duc/index.html":          {"3.259", "319", "2.780", "19.936"},
	// Seed 001: Trà Vinh province at 30/6/2023.
	"dia-phuong/tra-vinh/index.html": {
		"821.563", "80,58 %", "nguồn ghi 85 %", "144.957", "84.268", "16,21 %", "nguồn ghi 74,62 %", "28.668",
		"16.238", "3,13 %", "4.516", "Nguồn ghi đạt 78,07 %, nhưng chính các con số của nguồn cho 78,24 %", "đến 30/6/2023",
		// Credits as the item gives them: BHYT by the Prime Minister and by "Tỉnh ủy, UBND tỉnh", BHXH by "UBND tỉnh"; no decision named.
		"Do Thủ tướng Chính phủ giao, theo", "Do Tỉnh ủy, UBND tỉnh giao, theo", "Do UBND tỉnh giao, theo", "suy luận: văn bản không nêu quyết định giao chỉ tiêu này",
		"966.520", "112.936", "20.754", "Vĩnh Long",
		"Các đơn vị có tỷ lệ tham gia BHYT thấp hơn bình quân chung của Trà Vinh (đến 30/6/2023): Cầu Kè , Tiểu Cần , Cầu Ngang , Trà Cú , Thị xã Duyên Hải",
		"Các đơn vị có tỷ lệ tham gia BHXH tự nguyện thấp hơn bình quân chung của Trà Vinh (đến 30/6/2023): Thành phố Trà Vinh , Cầu Kè , Châu Thành , Trà Cú , Thị xã Duyên Hải , Duyên Hải",
	},
	"dia-phuong/cau-ke/index.html":              {"BHYT thấp hơn bình quân chung của Trà Vinh", "BHXH tự nguyện thấp hơn bình quân chung"},
	"dia-phuong/tieu-can/index.html":            {"BHYT thấp hơn bình quân chung của Trà Vinh"},
	"dia-phuong/cau-ngang/index.html":           {"BHYT thấp hơn bình quân chung của Trà Vinh"},
	"dia-phuong/tra-cu/index.html":              {"BHYT thấp hơn", "BHXH tự nguyện thấp hơn"},
	"dia-phuong/tx-duyen-hai/index.html":        {"BHYT thấp hơn", "BHXH tự nguyện thấp hơn"},
	"dia-phuong/duyen-hai/index.html":           {"BHXH tự nguyện thấp hơn bình quân chung của Trà Vinh"},
	"dia-phuong/chau-thanh-tra-vinh/index.html": {"BHXH tự nguyện thấp hơn bình quân chung của Trà Vinh"},
	// Seed 002: Cần Thơ (before 2025) at 30/6/2019.
	"dia-phuong/can-tho-2004-2025/index.html": {
		"123.784", "nguồn ghi 95,10 %", "tăng 803 so với 31/12/2018", "5.055", "nguồn ghi 86,72 %", "tăng 2.726 so với 31/12/2018",
		"1.022.552", "82,5 %", "1.395.647", "nguồn ghi 45,20 %", "1,71 %", "295", "1.259", "03/QĐ-UBND", "122.981",
		"còn thiếu 1.692.068", // revenue: its own unit, rounded as the document writes it (whole millions)
		"∑ Số do trang suy ra: kết quả ÷ tỷ lệ đạt, 1.395.647 ÷ 45,20 %", "Văn bản không nêu ai giao, theo",
		"Số do trang tính bằng phép trừ — 31/12/2018: 123.784 − 803", // the start-of-2019 figure in the time series, in the note under its table
	},
	// Seed 003: plan 64/KH-UBND, Đà Nẵng 2021–2025.
	"dia-phuong/da-nang-1997-2025/index.html": { // whole rows of the yearly-rate table: year, then SI, voluntary SI, UI, HI, pension, satisfaction
		"2021 40 % 1 % 33 % 97 % 45 % 85 %", "2022 42 % 1,25 % 34 % 97,5 % 49 % 86,5 %", "2023 44,5 % 1,5 % 36 % 98 % 51 % 87,5 %",
		"2024 47 % 2 % 38 % 98,5 % 53 % 88,5 %", "2025 50 % 2,5 % 40 % 99 % 55 % 90 %", "64/KH-UBND",
		"2021–2025: 100 %", // e-transactions: "Từ năm 2021 … đạt 100%", given once for the whole period
	},
	"ke-hoach/da-nang-64-kh-ubnd-2021/index.html": {"12/4/2021", "Hồ Kỳ Minh", "03-NQ/TU", "104-CV/BCSĐ"},
	// Seed 004: plan 53/KH-UBND, Cần Thơ 2025.
	"dia-phuong/can-tho/index.html": {
		"433.364", "40 %", "314.472", "118.892", "3.095.954", "96,11 %", "294.046", "100 % người thuộc diện tham gia", "hạn 20/12/2025",
	},
	"ke-hoach/can-tho-53-kh-ubnd-2025/index.html":    {"27/8/2025", "Trần Văn Lâu", "102/NQ-CP", "69/NQ-CP", "546/QĐ-TTg", "729/QĐ-UBND", "Phấn đấu cơ bản hoàn thành chỉ tiêu"},
	"ke-hoach/tp-tra-vinh-49-kh-bcd-2023/index.html": {"49/KH-BCĐ", "5106/QĐ-", "không ghi trong bản chúng tôi có", "Đến 30/6/2023 đạt ít nhất 80 % chỉ tiêu năm"},
	// The provinces ranked on one indicator, on a page of its own (issue 17): seeds 001 and
	// 002, each row's rank, result, target and share, the older figure flagged.
	"dia-phuong/vn/xep-hang/bhxh-tu-nguyen/index.html": {
		"1 Cần Thơ (đến 30/6/2025) 5.055 5.829 86,7 % 30/6/2019 * số liệu cũ hơn", "2 Trà Vinh (đến 30/6/2025) 16.238 20.754 78,2 % 30/6/2023",
	},
	"en/dia-phuong/vn/xep-hang/bhxh-tu-nguyen/index.html": {"1 Can Tho (until 30 Jun 2025) 5,055 5,829 86.7%", "2 Tra Vinh (until 30 Jun 2025) 16,238 20,754 78.2%"},
	// English pages format numbers and dates the English way.
	"en/dia-phuong/can-tho-2004-2025/index.html": {"1,022,552", "82.5%", "up 803 since 31 Dec 2018", "1,395,647", "The document does not say who set it, according to"},
	"en/dia-phuong/tra-vinh/index.html":          {"821,563", "80.58%", "The source says 78.07% of target, but its own figures give 78.24%"},
}

func TestExampleSiteShowsEverySeedFigure(t *testing.T) {
	dir := exampleSite(t)
	for page, figures := range seedFigures {
		t.Run(page, func(t *testing.T) {
			text := pageText(t, dir, page)
			for _, f := range figures {
				if !strings.Contains(text, f) {
					t.Errorf("%s does not show %q", page, f)
				}
			}
		})
	}
}

// The methodology page, in both languages, defines every status the site can show, by the
// label the pages use.
func TestMethodologyDefinesEveryStatus(t *testing.T) {
	for _, lang := range []struct{ strings, page string }{
		{"../../themes/default/i18n/vi.toml", "../../content/phuong-phap.md"},
		{"../../themes/default/i18n/en.toml", "../../content/phuong-phap.en.md"},
	} {
		labels, err := os.ReadFile(lang.strings)
		if err != nil {
			t.Fatal(err)
		}
		page, err := os.ReadFile(lang.page)
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range model.Statuses {
			m := regexp.MustCompile(`(?m)^"status\.` + regexp.QuoteMeta(string(st)) + `" = "([^"]+)"`).FindSubmatch(labels)
			if m == nil {
				t.Errorf("%s has no label for status %s", lang.strings, st)
				continue
			}
			if row := "| **" + string(m[1]) + "**"; !strings.Contains(string(page), row) {
				t.Errorf("%s does not define the status %q (no table row starting %q)", lang.page, m[1], row)
			}
		}
	}
}

// What the audit of issue 16 took out: figures and words no document gives.
var neverShown = map[string][]string{
	// "Cơ bản hoàn thành chỉ tiêu" is not "at least 100 %".
	"dia-phuong/can-tho/index.html":               {"30/11/2025: 100 %"},
	"ke-hoach/can-tho-53-kh-ubnd-2025/index.html": {"Đến 30/11/2025 đạt ít nhất"},
	// The implied revenue target is in whole millions, as the document writes money.
	// No pace towards a deadline no document gives, and no decision the item does not name.
	"dia-phuong/can-tho-2004-2025/index.html":    {"1.692.067,6", "3.087.714,6", "cần bình quân", "theo 03/QĐ-UBND"},
	"en/dia-phuong/can-tho-2004-2025/index.html": {"million VND a month", "set by 03/QĐ-UBND"},
	// The Trà Vinh item's own headline, not a made-up title; it gives no publication date.
	"dia-phuong/tra-vinh/index.html": {"Hội nghị đánh giá kết quả 6 tháng đầu năm 2023 của Ban Chỉ đạo", "theo 546/QĐ-TTg"},
}

func TestExampleSiteShowsNothingItsDocumentsDoNotGive(t *testing.T) {
	dir := exampleSite(t)
	for page, texts := range neverShown {
		text := pageText(t, dir, page)
		for _, f := range texts {
			if strings.Contains(text, f) {
				t.Errorf("%s shows %q", page, f)
			}
		}
	}
}

// A former locality says what it became, with a link; the successor links back.
func TestBoundaryChangesLinkBothWays(t *testing.T) {
	dir := exampleSite(t)
	for old, successor := range map[string]string{"tra-vinh": "vinh-long", "can-tho-2004-2025": "can-tho", "da-nang-1997-2025": "da-nang", "soc-trang": "can-tho"} {
		b, _ := os.ReadFile(filepath.Join(dir, "dia-phuong", old, "index.html"))
		if !strings.Contains(string(b), `href="/dia-phuong/`+successor+`/"`) {
			t.Errorf("%s does not link to its successor %s", old, successor)
		}
		b, _ = os.ReadFile(filepath.Join(dir, "dia-phuong", successor, "index.html"))
		if !strings.Contains(string(b), `href="/dia-phuong/`+old+`/"`) {
			t.Errorf("%s does not link back to %s", successor, old)
		}
	}
}

func TestEveryPageOfTheSiteExists(t *testing.T) {
	dir := exampleSite(t)
	for _, p := range []string{
		"index.html", "en/index.html", "404.html", "en/404.html", "sitemap.xml", "tim-kiem.json", "en/tim-kiem.json",
		"tin-tuc/index.html", "tin-tuc/index.xml", "en/tin-tuc/index.xml", "gioi-thieu/index.html", "phuong-phap/index.html",
		"en/phuong-phap/index.html", "du-lieu/index.html", "du-lieu/covsite.csv", "du-lieu/covsite.json",
		"dia-phuong/tra-vinh/du-lieu.csv", "dia-phuong/tra-vinh/du-lieu.json", "ke-hoach/index.html", "dia-phuong/index.html",
		"tin-tuc/tra-vinh-ket-qua-6-thang-dau-nam-2023/index.html", "en/tin-tuc/tra-vinh-ket-qua-6-thang-dau-nam-2023/index.html",
		"dia-phuong/vn/xep-hang/bhxh-tu-nguyen/index.html", "en/dia-phuong/vn/xep-hang/bhxh-tu-nguyen/index.html",
	} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Errorf("missing %s", p)
		}
	}
}

func TestDownloadsCarryTheFigures(t *testing.T) {
	dir := exampleSite(t)
	b, err := os.ReadFile(filepath.Join(dir, "du-lieu", "covsite.csv"))
	if err != nil {
		t.Fatal(err)
	}
	csv := string(b)
	for _, row := range []string{
		"result,tra-vinh,Trà Vinh,bhyt,people,tra-vinh-chi-tieu-ubnd-tinh-2023,,,,2023-06-30,821563,80.58,85,144957",
		"target,tra-vinh-phuong-7,Phường 7,bhyt,people,tp-tra-vinh-49-kh-bcd-2023,49/KH-BCĐ,2023,2023-12-31,,14690,",
		"target,can-tho,Cần Thơ,bhyt,people,can-tho-53-kh-ubnd-2025,53/KH-UBND,2025,2025-12-20,,3095954,96.11",
	} {
		if !strings.Contains(csv, row) {
			t.Errorf("covsite.csv lacks the row\n%s", row)
		}
	}
}

func TestUpdatesAreNewestFirstAndInTheFeed(t *testing.T) {
	dir := exampleSite(t)
	text := pageText(t, dir, "tin-tuc/index.html")
	first := strings.Index(text, "2025")
	older := strings.Index(text, "11/7/2019")
	if first < 0 || older < 0 || first > older {
		t.Errorf("updates are not newest first:\n%s", text)
	}
	feed, _ := os.ReadFile(filepath.Join(dir, "tin-tuc", "index.xml"))
	if !strings.Contains(string(feed), "<entry>") || !strings.Contains(string(feed), "tra-vinh-ket-qua-6-thang-dau-nam-2023") {
		t.Errorf("feed lacks entries")
	}
}

// TestSharingUsesTheBaseURL: published with an absolute base URL, every page's Open Graph
// URL and canonical link, the sitemap and the feed use it; with a relative base ("/") there
// is no og:url, since a sharing card needs an absolute one.
func TestSharingUsesTheBaseURL(t *testing.T) {
	const base = "https://bhxh.example.vn/bao-phu/"
	dir := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Source: "../..", Dest: dir, BaseURL: base}); err != nil {
		t.Fatal(err)
	}
	read := func(dir, name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	ward := read(dir, "en/dia-phuong/tra-vinh-phuong-7/index.html")
	for _, want := range []string{
		`<meta property="og:url" content="` + base + `en/dia-phuong/tra-vinh-phuong-7/">`,
		`<link rel="canonical" href="` + base + `en/dia-phuong/tra-vinh-phuong-7/">`,
		`<link rel="alternate" hreflang="vi" href="` + base + `dia-phuong/tra-vinh-phuong-7/">`,
		`<meta property="og:locale" content="en_US">`,
		`<meta property="og:description" content="SI: the 2023 target is 2,499 people (∑ computed); no result reported yet.">`,
		`href="/bao-phu/dia-phuong/tra-vinh-phuong-7/"`, // the language switch, site-relative
	} {
		if !strings.Contains(ward, want) {
			t.Errorf("en ward page lacks %s", want)
		}
	}
	for _, name := range []string{"sitemap.xml", "sitemap-1.xml", "tin-tuc/index.xml"} {
		locs := regexp.MustCompile(`<(?:loc|id)>([^<]*)<`).FindAllStringSubmatch(read(dir, name), -1)
		if len(locs) < 5 && name != "sitemap.xml" { // the index lists one part
			t.Fatalf("%s: %d URLs", name, len(locs))
		}
		for _, m := range locs {
			if !strings.HasPrefix(m[1], base) {
				t.Errorf("%s: %s is not under %s", name, m[1], base)
			}
		}
	}
	if page := read(exampleSite(t), "dia-phuong/tra-vinh-phuong-7/index.html"); strings.Contains(page, "og:url") {
		t.Error(`with base_url "/" a page still has an og:url, which cannot be relative`)
	}
}

// TestChildRankingsLinked: the page ranking a locality's children on an indicator is
// linked from the locality's page, links back to it, and is in the sitemap, in both
// languages (issue 17).
func TestChildRankingsLinked(t *testing.T) {
	dir := exampleSite(t)
	read := func(p string) string {
		b, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	sitemap := read("sitemap-1.xml")
	for _, prefix := range []string{"", "en/"} {
		page := "/" + prefix + "dia-phuong/vn/xep-hang/bhxh-tu-nguyen/"
		if !strings.Contains(read(prefix+"dia-phuong/vn/index.html"), `href="`+page+`"`) {
			t.Errorf("%sdia-phuong/vn/ does not link %s", prefix, page)
		}
		if !strings.Contains(read(strings.TrimPrefix(page, "/")+"index.html"), `href="/`+prefix+`dia-phuong/vn/"`) {
			t.Errorf("%s does not link back to its locality", page)
		}
		if !strings.Contains(sitemap, page+"</loc>") {
			t.Errorf("the sitemap does not list %s", page)
		}
	}
}
