package build

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/sitetest"
)

// languageSite is a copy of the example site whose data/site.toml says languages (a TOML
// value; "" for none).
func languageSite(t *testing.T, languages string) string {
	t.Helper()
	src := sitetest.CopyExample(t, "../..")
	if languages == "" {
		return src
	}
	p := filepath.Join(src, "data", "site.toml")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, append(b, []byte("languages = "+languages+"\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	return src
}

// htmlFiles reads every HTML file of a built site, by slash path.
func htmlFiles(t *testing.T, dest string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dest, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A site of one language (data/site.toml's languages) is a whole site: no language switch
// and no alternate to pages not built, a sitemap and search index of its pages only, and a
// root that works — the Vietnamese home, or without Vietnamese a page leading to /en/ and
// the English 404 page where hosts look for it. --languages overrides the setting.
func TestOneLanguageSite(t *testing.T) {
	for _, tt := range []struct {
		name, setting string
		flag          []string
		want, absent  []string // files the build has, and has not
		root          string   // what index.html holds
	}{
		{"vi", `["vi"]`, nil,
			[]string{"index.html", "404.html", "tim-kiem.json", "dia-phuong/tra-vinh/index.html"},
			[]string{"en/index.html", "en/tim-kiem.json", "en/404.html"}, `<html lang="vi">`},
		{"en", `["en"]`, nil,
			[]string{"index.html", "404.html", "en/index.html", "en/tim-kiem.json", "en/dia-phuong/tra-vinh/index.html"},
			[]string{"tim-kiem.json", "dia-phuong/tra-vinh/index.html", "gioi-thieu/index.html"}, `<meta http-equiv="refresh" content="0; url=/en/">`},
		{"the flag overrides", `["en"]`, []string{"vi", "en"},
			[]string{"index.html", "en/index.html", "tim-kiem.json", "en/tim-kiem.json"}, nil, `<a class="lang-switch" href="/en/"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			if _, err := Run(context.Background(), Options{Source: languageSite(t, tt.setting), Dest: dest, Languages: tt.flag}); err != nil {
				t.Fatal(err)
			}
			pages := htmlFiles(t, dest)
			for _, f := range tt.want {
				if _, err := os.Stat(filepath.Join(dest, f)); err != nil {
					t.Errorf("no %s", f)
				}
			}
			for _, f := range tt.absent {
				if _, err := os.Stat(filepath.Join(dest, f)); err == nil {
					t.Errorf("%s was built", f)
				}
			}
			if !strings.Contains(pages["index.html"], tt.root) {
				t.Errorf("index.html lacks %q:\n%.600s", tt.root, pages["index.html"])
			}
			sitemap, _ := os.ReadFile(filepath.Join(dest, "sitemap-1.xml"))
			if tt.flag != nil {
				return
			}
			for p, html := range pages {
				if strings.Contains(html, "lang-switch") || strings.Contains(html, "hreflang=") {
					t.Errorf("%s has a language switch or an alternate:\n%.300s", p, html[strings.Index(html, "<head>"):])
					break
				}
			}
			other := map[string]string{"vi": "/en/", "en": "<loc>/dia-phuong/"}[tt.name]
			if strings.Contains(string(sitemap), other) {
				t.Errorf("the sitemap names pages not built (%s)", other)
			}
			if tt.name == "en" && !strings.Contains(pages["404.html"], `<html lang="en">`) {
				t.Errorf("the root's 404.html is not the English one:\n%.300s", pages["404.html"])
			}
		})
	}
}

// languages holds the site's languages only.
func TestLanguagesSettingIsChecked(t *testing.T) {
	_, diags := Check(languageSite(t, `["vi", "fr"]`))
	for _, d := range diags.Items() {
		if d.Code == diag.BadChoice && strings.Contains(d.Text("en"), `languages = "fr" is not valid — choose one of: vi, en`) {
			return
		}
	}
	t.Errorf("languages = [\"vi\", \"fr\"]: no bad-choice error:\n%v", diags.Err("en"))
}
