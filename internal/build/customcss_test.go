package build

import (
	"testing"
	"testing/fstest"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/render/asset"
	"github.com/covsite/covsite/themes"
)

// TestCustomCSSUnlinked: a site with its own custom.css and its own base.html that never
// links it — itself or through a template of the site's own layouts — is warned at the
// frame's </head>; one that links it, one without custom.css and one with the theme's
// frame are not.
func TestCustomCSSUnlinked(t *testing.T) {
	const css = ":root { --link: green; }"
	for _, tt := range []struct {
		name  string
		files map[string]string
		at    string // "" for no warning
	}{
		{"unlinked", map[string]string{
			"static/css/custom.css": css,
			"layouts/base.html":     "<!DOCTYPE html>\n<html><head><title>{{.Title}}</title>\n  </head><body>{{.Main}}</body></html>",
		}, "layouts/base.html:3:3"},
		{"linked", map[string]string{
			"static/css/custom.css": css,
			"layouts/base.html":     "<html><head>{{template \"custom-css\"}}</head><body>{{.Main}}</body></html>",
		}, ""},
		{"linked by a partial", map[string]string{
			"static/css/custom.css":      css,
			"layouts/base.html":          "<html><head>{{if .Title}}{{template \"head\" .}}{{end}}</head><body>{{.Main}}</body></html>",
			"layouts/partials/head.html": "{{define \"head\"}}<title>{{.Title}}</title>{{template \"custom-css\"}}{{end}}",
		}, ""},
		{"a theme's template does not link it", map[string]string{
			"static/css/custom.css": css,
			"layouts/base.html":     "<html><head>{{template \"chrome-head\" .}}</head><body>{{.Main}}</body></html>",
		}, "layouts/base.html:1:41"},
		{"no custom.css", map[string]string{
			"layouts/base.html": "<html><head></head><body>{{.Main}}</body></html>",
		}, ""},
		{"the theme's frame", map[string]string{"static/css/custom.css": css}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			own := fstest.MapFS{}
			for name, text := range tt.files {
				own[name] = &fstest.MapFile{Data: []byte(text)}
			}
			var diags diag.List
			checkCustomCSS(asset.Overlay{Upper: own, Lower: themes.Default()}, &diags)
			var got string
			for _, d := range diags.Items() {
				if d.Code != diag.CustomCSSUnlinked || d.Severity != diag.Warning {
					t.Errorf("unexpected %+v", d)
				}
				got = d.Pos.String()
			}
			if got != tt.at || diags.Len() > 1 {
				t.Errorf("warned at %q (%d), want %q", got, diags.Len(), tt.at)
			}
		})
	}
}
