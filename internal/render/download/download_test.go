package download

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/lang"
	"github.com/covsite/covsite/internal/routes"
)

// TestProvincesHoldEveryRowOnce: the provinces' CSV files and the roots' own files hold
// every row of the whole site's CSV once; the gzipped CSV is the whole site's CSV; a
// locality's file holds its own rows only.
func TestProvincesHoldEveryRowOnce(t *testing.T) {
	d := NewData(exampleSite(t))
	if len(d.Provinces()) < 2 {
		t.Fatalf("%d provinces in the example site", len(d.Provinces()))
	}
	files := map[string][]byte{}
	for _, f := range d.Files() {
		b, err := f.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Path] = b
	}
	whole := files[routes.SiteDownload("csv")]
	zr, err := gzip.NewReader(bytes.NewReader(files[routes.SiteDownload("csv.gz")]))
	if err != nil {
		t.Fatal(err)
	}
	unzipped, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(unzipped, whole) {
		t.Fatalf("covsite.csv.gz is not covsite.csv gzipped (%v)", err)
	}
	rows := func(b []byte) []string {
		recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		if len(recs) == 0 {
			return nil // no file
		}
		for _, r := range recs[1:] {
			out = append(out, strings.Join(r, ","))
		}
		return out
	}
	var parts []string
	for _, p := range d.Provinces() {
		got := rows(files[routes.ProvinceDownload(p.Loc.ID, "csv")])
		if len(got) == 0 {
			t.Errorf("%s: no rows", p.Loc.ID)
		}
		parts = append(parts, got...)
	}
	for _, root := range d.site.Roots {
		if b, ok := files[routes.LocalityDownload(root.ID, "csv")]; ok {
			parts = append(parts, rows(b)...)
		}
	}
	want := rows(whole)
	slices.Sort(parts)
	slices.Sort(want)
	if !slices.Equal(parts, want) {
		t.Errorf("the provinces and roots hold %d rows, the whole site %d", len(parts), len(want))
	}
	for _, l := range d.site.Localities {
		b, ok := files[routes.LocalityDownload(l.ID, "csv")]
		if ok != d.Has(l) {
			t.Errorf("%s: a download %v, figures %v", l.ID, ok, d.Has(l))
		}
		for _, r := range rows(b) {
			if strings.SplitN(r, ",", 3)[1] != l.ID {
				t.Errorf("%s's download holds the row %s", l.ID, r)
			}
		}
	}
	if n, err := d.Size(routes.SiteDownload("csv.gz")); err != nil || n != int64(len(files[routes.SiteDownload("csv.gz")])) {
		t.Errorf("Size(csv.gz) = %d, %v; the file is %d bytes", n, err, len(files[routes.SiteDownload("csv.gz")]))
	}
}

// TestSitemapParts: the index lists every part and the parts hold each URL once, at most
// limit each.
func TestSitemapParts(t *testing.T) {
	for _, n := range []int{0, 1, 3, 4, 7} {
		urls := make([]string, n)
		for i := range urls {
			urls[i] = fmt.Sprintf("https://example.org/p%d/", i)
		}
		files := Sitemap(n, func() []string { return urls }, func(r string) string { return "https://example.org/" + r }, 3)
		wantParts := max(1, (n+2)/3)
		if len(files) != 1+wantParts {
			t.Fatalf("%d URLs: %d files, want the index and %d parts", n, len(files), wantParts)
		}
		index, _ := files[0].Bytes()
		if got := strings.Count(string(index), "<sitemap>"); got != wantParts || files[0].Path != routes.Sitemap {
			t.Errorf("%d URLs: the index %s lists %d parts", n, files[0].Path, got)
		}
		var all []string
		for i, f := range files[1:] {
			b, _ := f.Bytes()
			locs := regexp.MustCompile(`<loc>([^<]*)</loc>`).FindAllStringSubmatch(string(b), -1)
			if len(locs) > 3 || f.Path != routes.SitemapPart(i+1) {
				t.Errorf("%s lists %d URLs", f.Path, len(locs))
			}
			for _, m := range locs {
				all = append(all, m[1])
			}
			if !strings.Contains(string(index), "https://example.org/"+f.Path) {
				t.Errorf("the index does not list %s", f.Path)
			}
		}
		if !slices.Equal(all, urls) && !(n == 0 && len(all) == 0) {
			t.Errorf("%d URLs: the parts list %q", n, all)
		}
	}
}

// TestSearchShards: a locality is in the shard of each word of its names but not the
// words of its kind; the shards are the same for both languages, the manifests differ.
func TestSearchShards(t *testing.T) {
	s := &Search{
		LocalityURL: func(code string) string { return "/" + routes.Prefix(code) + routes.LocalityPattern() },
		ShardURL:    "/" + routes.SearchShard("{key}"),
		Entries: func() []SearchEntry {
			return []SearchEntry{
				{ID: "tien-lam", Name: lang.T("Phường Tiên Lâm", "Tien Lam Ward"), Kind: lang.T("Phường", "Ward"), Parent: lang.T("An Giang", "An Giang"), Ended: lang.T(" (đến 30/6/2025)", " (until 30 Jun 2025)")},
				{ID: "thanh-hoa", Name: lang.T("Thanh Hóa", ""), Kind: lang.T("Tỉnh", "Province")},
				{ID: "xa", Name: lang.T("Xã", "Commune"), Kind: lang.T("Xã", "Commune")},
			}
		},
	}
	in := map[string]string{} // path → bytes
	for _, f := range s.Files() {
		b, err := f.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		in[f.Path] = string(b)
	}
	shard := func(k string) string { return in[routes.SearchShard(k)] }
	for key, want := range map[string][]string{"t": {"tien-lam", "thanh-hoa"}, "l": {"tien-lam"}, "h": {"thanh-hoa"}, "x": {"xa"}, "c": {"xa"}} {
		for _, id := range want {
			if !strings.Contains(shard(key), `"`+id+`"`) {
				t.Errorf("shard %s lacks %s: %s", key, id, shard(key))
			}
		}
	}
	for _, key := range []string{"p", "w"} {
		if _, ok := in[routes.SearchShard(key)]; ok {
			t.Errorf("a shard %s, of words of kinds only: %s", key, shard(key))
		}
	}
	vi, en := in[routes.File("vi", routes.SearchIndex)], in[routes.File("en", routes.SearchIndex)]
	for _, want := range []string{`"u":"/dia-phuong/{id}/"`, `"h":"chltx"`, `"n":0`, `["Phường","phuong ward"]`, `" (đến 30/6/2025)"`} {
		if !strings.Contains(vi, want) {
			t.Errorf("the Vietnamese manifest lacks %s: %s", want, vi)
		}
	}
	for _, want := range []string{`"u":"/en/dia-phuong/{id}/"`, `"n":1`, `["Ward","phuong ward"]`, `" (until 30 Jun 2025)"`} {
		if !strings.Contains(en, want) {
			t.Errorf("the English manifest lacks %s: %s", want, en)
		}
	}
}

func TestWords(t *testing.T) {
	for in, want := range map[string][]string{
		"Phường Tiên Lâm": {"phuong", "tien", "lam"},
		"Đắk Lắk":         {"dak", "lak"},
		"</script><b>x1":  {"script", "b", "x1"},
		"Thị trấn  30/4 ": {"thi", "tran", "30", "4"},
		"":                nil,
	} {
		if got := Words(in); !slices.Equal(got, want) {
			t.Errorf("Words(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSitemapIsEncodingXML: the sitemap's index and parts are, byte for byte, what
// encoding/xml writes of them, for URLs with characters to escape too.
func TestSitemapIsEncodingXML(t *testing.T) {
	type siteURL struct {
		Loc string `xml:"loc"`
	}
	type urlset struct {
		XMLName xml.Name  `xml:"urlset"`
		NS      string    `xml:"xmlns,attr"`
		URLs    []siteURL `xml:"url"`
	}
	type sitemapIndex struct {
		XMLName  xml.Name  `xml:"sitemapindex"`
		NS       string    `xml:"xmlns,attr"`
		Sitemaps []siteURL `xml:"sitemap"`
	}
	marshal := func(v any) []byte {
		out, err := xml.MarshalIndent(v, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		return append([]byte(xml.Header), append(out, '\n')...)
	}
	for _, locs := range [][]string{nil, {"https://example.org/"}, {"https://example.org/a/", "https://example.org/?a=1&b=<2>", "https://ví-dụ.vn/phường-1/", "tab\tnew\nline \"'", "bad \xff utf-8 \x00"}} {
		set := urlset{NS: sitemapNS}
		idx := sitemapIndex{NS: sitemapNS}
		for _, l := range locs {
			set.URLs = append(set.URLs, siteURL{l})
			idx.Sitemaps = append(idx.Sitemaps, siteURL{l})
		}
		for _, c := range []struct {
			element, item string
			want          []byte
		}{{"urlset", "url", marshal(set)}, {"sitemapindex", "sitemap", marshal(idx)}} {
			if got, _ := marshalXML(c.element, c.item, locs); !bytes.Equal(got, c.want) {
				t.Errorf("%s of %q:\n got %s\nwant %s", c.element, locs, got, c.want)
			}
		}
	}
}
