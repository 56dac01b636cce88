package routes

import "testing"

func TestFileAndURL(t *testing.T) {
	b := NewBase("https://example.org/covsite")
	tests := []struct {
		code, route, file, url, abs string
	}{
		{"vi", Home, "index.html", "/covsite/", "https://example.org/covsite/"},
		{"en", Home, "en/index.html", "/covsite/en/", "https://example.org/covsite/en/"},
		{"vi", Locality("tra-vinh"), "dia-phuong/tra-vinh/index.html", "/covsite/dia-phuong/tra-vinh/", "https://example.org/covsite/dia-phuong/tra-vinh/"},
		{"en", Plan("kh-49"), "en/ke-hoach/kh-49/index.html", "/covsite/en/ke-hoach/kh-49/", "https://example.org/covsite/en/ke-hoach/kh-49/"},
		{"en", Feed, "en/tin-tuc/index.xml", "/covsite/en/tin-tuc/index.xml", "https://example.org/covsite/en/tin-tuc/index.xml"},
		{"vi", NotFound, "404.html", "/covsite/404.html", "https://example.org/covsite/404.html"},
		{"vi", Document("updates", "a"), "tin-tuc/a/index.html", "/covsite/tin-tuc/a/", "https://example.org/covsite/tin-tuc/a/"},
		{"en", Document("pages", "gioi-thieu"), "en/gioi-thieu/index.html", "/covsite/en/gioi-thieu/", "https://example.org/covsite/en/gioi-thieu/"},
		{"vi", PlanPart("kh-49", 1), "ke-hoach/kh-49/index.html", "/covsite/ke-hoach/kh-49/", "https://example.org/covsite/ke-hoach/kh-49/"},
		{"en", PlanPart("kh-49", 3), "en/ke-hoach/kh-49/phan-3/index.html", "/covsite/en/ke-hoach/kh-49/phan-3/", "https://example.org/covsite/en/ke-hoach/kh-49/phan-3/"},
		{"en", PlansIn("tra-vinh"), "en/ke-hoach/theo-tinh/tra-vinh/index.html", "/covsite/en/ke-hoach/theo-tinh/tra-vinh/", "https://example.org/covsite/en/ke-hoach/theo-tinh/tra-vinh/"},
		{"vi", ProvinceDownload("tra-vinh", "csv"), "du-lieu/tinh/tra-vinh.csv", "/covsite/du-lieu/tinh/tra-vinh.csv", "https://example.org/covsite/du-lieu/tinh/tra-vinh.csv"},
		{"vi", SiteDownload("csv.gz"), "du-lieu/covsite.csv.gz", "/covsite/du-lieu/covsite.csv.gz", "https://example.org/covsite/du-lieu/covsite.csv.gz"},
		{"vi", SitemapPart(2), "sitemap-2.xml", "/covsite/sitemap-2.xml", "https://example.org/covsite/sitemap-2.xml"},
		{"en", SearchShard("t"), "en/tim-kiem/t.json", "/covsite/en/tim-kiem/t.json", "https://example.org/covsite/en/tim-kiem/t.json"},
		{"en", LocalityPattern(), "en/dia-phuong/{id}/index.html", "/covsite/en/dia-phuong/{id}/", "https://example.org/covsite/en/dia-phuong/{id}/"},
	}
	for _, tt := range tests {
		if got := File(tt.code, tt.route); got != tt.file {
			t.Errorf("File(%s, %q) = %q, want %q", tt.code, tt.route, got, tt.file)
		}
		if got := b.URL(tt.code, tt.route); got != tt.url {
			t.Errorf("URL(%s, %q) = %q, want %q", tt.code, tt.route, got, tt.url)
		}
		if got := b.AbsURL(tt.code, tt.route); got != tt.abs {
			t.Errorf("AbsURL(%s, %q) = %q, want %q", tt.code, tt.route, got, tt.abs)
		}
	}
}

func TestBase(t *testing.T) {
	tests := []struct {
		in, path string
		absolute bool
	}{
		{"/", "/", false},
		{"", "/", false},
		{"covsite", "/covsite/", false},
		{"/covsite/", "/covsite/", false},
		{"https://example.org", "/", true},
		{"https://example.org/a/b/", "/a/b/", true},
	}
	for _, tt := range tests {
		b := NewBase(tt.in)
		if b.Path() != tt.path || b.Absolute() != tt.absolute {
			t.Errorf("NewBase(%q) = %q absolute %v, want %q %v", tt.in, b.Path(), b.Absolute(), tt.path, tt.absolute)
		}
		if got := b.AbsURL("vi", Locality("x")); !tt.absolute && got != tt.path+"dia-phuong/x/" {
			t.Errorf("relative AbsURL = %q", got)
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		out  string
		kind Kind
		id   string
	}{
		{"dia-phuong/tra-vinh/index.html", LocalityKind, "tra-vinh"},
		{"en/dia-phuong/tra-vinh/index.html", LocalityKind, "tra-vinh"},
		{"dia-phuong/tra-vinh/du-lieu.csv", LocalityKind, "tra-vinh"},
		{"en/dia-phuong/tra-vinh/nhung/chart-1/index.html", LocalityKind, "tra-vinh"},
		{"ke-hoach/kh-49/index.html", PlanKind, "kh-49"},
		{File("en", ChildRanking("tra-vinh", "bhyt")), LocalityKind, "tra-vinh"},
		{"dia-phuong/index.html", Other, ""},
		{"tin-tuc/a/index.html", Other, ""},
		{"index.html", Other, ""},
		{"dia-phuong//index.html", Other, ""},
		{"ke-hoach/theo-tinh/tra-vinh/index.html", Other, ""},
		{"ke-hoach/kh-49/phan-2/index.html", PlanKind, "kh-49"},
		{"en/ke-hoach/kh-49/phan-12/index.html", PlanKind, "kh-49"},
		{"ke-hoach/theo-tinh/phan-thiet/index.html", Other, ""},
		{"ke-hoach/kh-49/khac/index.html", Other, ""},
		{"en/ke-hoach/theo-tinh/index.html", PlanKind, "theo-tinh"},
	}
	for _, tt := range tests {
		kind, id := Parse(tt.out)
		if kind != tt.kind || id != tt.id {
			t.Errorf("Parse(%q) = %v %q, want %v %q", tt.out, kind, id, tt.kind, tt.id)
		}
	}
	for _, p := range []string{"en/404.html", "/en/x/", "en"} {
		if LangOf(p) != "en" {
			t.Errorf("LangOf(%q) is not en", p)
		}
	}
	if NotFoundFile("en/dia-phuong/nope/") != "en/404.html" || NotFoundFile("dia-phuong/nope/") != "404.html" {
		t.Error("NotFoundFile")
	}
}

func TestEmbeds(t *testing.T) {
	if got, want := ChartEmbedOf(Locality("tra-vinh"), "chart-2"), "nhung/bieu-do/?p=dia-phuong/tra-vinh/&c=chart-2"; got != want {
		t.Errorf("ChartEmbedOf = %q, want %q", got, want)
	}
	if got, want := NewBase("https://example.org/bhxh").AbsURL("en", ChartEmbedOf(Locality("x"), "chart-1")), "https://example.org/bhxh/en/nhung/bieu-do/?p=dia-phuong/x/&c=chart-1"; got != want {
		t.Errorf("absolute chart embed = %q, want %q", got, want)
	}
	if got, want := ChartEmbedsOf(Locality("tra-vinh"))+"chart-2", ChartEmbedOf(Locality("tra-vinh"), "chart-2"); got != want {
		t.Errorf("ChartEmbedsOf + id = %q, want %q", got, want)
	}
	if _, ok := Reserved["nhung"]; !ok {
		t.Error(`"nhung" is not reserved: a stand-alone page could take the charts' embed page`)
	}
	tests := []struct {
		path string
		want bool
	}{
		{File("vi", ChartEmbed), true},
		{File("en", ChartEmbed), true},
		{"/nhung/bieu-do/", true},
		{"/en/nhung/bieu-do/", true},
		{File("en", Embed(Indicator("bhyt"), "map-1-rate")), true},
		{"/chi-so/bhyt/nhung/map-1-rate/", true},
		{File("vi", Locality("nhung")), false}, // a commune called Nhừng
		{"/dia-phuong/nhung/", false},
		{File("vi", Locality("x")), false},
		{"index.html", false},
		{"/", false},
	}
	for _, tt := range tests {
		if got := IsEmbed(tt.path); got != tt.want {
			t.Errorf("IsEmbed(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

func TestProvinceOfDownload(t *testing.T) {
	for _, tt := range []struct {
		path, id string
		ok       bool
	}{
		{ProvinceDownload("tra-vinh", "zip"), "tra-vinh", true},
		{ProvinceDownload("can-tho-2004-2025", "csv"), "can-tho-2004-2025", true},
		{SiteDownload("csv.gz"), "", false},
		{"du-lieu/tinh/a/b.zip", "", false},
		{"du-lieu/tinh/.zip", "", false},
		{LocalityDownload("x", "csv"), "", false},
	} {
		if id, ok := ProvinceOfDownload(tt.path); id != tt.id || ok != tt.ok {
			t.Errorf("ProvinceOfDownload(%q) = %q, %v; want %q, %v", tt.path, id, ok, tt.id, tt.ok)
		}
	}
}

func TestIndicatorOf(t *testing.T) {
	for _, tt := range []struct {
		path, id string
		ok       bool
	}{
		{"chi-so/bhyt/index.html", "bhyt", true},
		{"en/chi-so/bhyt/xep-hang/index.html", "bhyt", true},
		{"chi-so/bhxh/nhung/map-1-rate/index.html", "bhxh", true},
		{File("en", Ranking("hai-long")), "hai-long", true},
		{"chi-so/index.html", "", false},
		{"dia-phuong/chi-so/index.html", "", false},
		{"index.html", "", false},
	} {
		if id, ok := IndicatorOf(tt.path); id != tt.id || ok != tt.ok {
			t.Errorf("IndicatorOf(%q) = %q, %v; want %q, %v", tt.path, id, ok, tt.id, tt.ok)
		}
	}
}
