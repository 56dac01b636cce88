package build

import (
	"net/url"
	"strings"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/lang"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/render"
	"github.com/covsite/covsite/internal/routes"
	"github.com/covsite/covsite/internal/textutil"
)

// checkLinks warns about every link of an update or page to a path of the site at which
// the site has no page or file — a locality renamed, a typo in a slug — with the nearest
// page's address when one is close: a reader who follows it would get "not found". Each
// link is looked up with r.Page, which makes only the pages of the locality or plan it
// names, so serve runs it after every save too.
func checkLinks(site *model.Site, r *render.Renderer, diags *diag.List) {
	known := map[string]bool{}
	near := map[string][]string{} // by language: the addresses a link most likely meant
	for _, d := range site.Documents {
		for _, link := range load.SiteLinks(d.Pos.File, d.Body, d.BodyLine) {
			out, ok := outputPath(d, link.Dest)
			if !ok {
				continue
			}
			if _, seen := known[out]; !seen {
				known[out] = exists(r, out)
			}
			if known[out] {
				continue
			}
			code := routes.LangOf(link.Dest)
			if near[code] == nil {
				near[code] = likelyAddresses(site, code)
			}
			if n := textutil.NearestID(strings.TrimSuffix(link.Dest, "/"), near[code]); n != "" {
				diags.Warnf(link.Pos, diag.BrokenLinkNear, link.Dest, n+"/")
				continue
			}
			diags.Warnf(link.Pos, diag.BrokenLink, link.Dest)
		}
	}
}

// outputPath is the output file a document's link leads to — a relative link is resolved
// against the document's own address — or false for a link that leaves the site's paths.
func outputPath(d *model.Document, dest string) (string, bool) {
	self := &url.URL{Path: "/" + routes.Prefix(d.Lang) + routes.Document(d.Section, d.Slug)}
	ref, err := url.Parse(strings.TrimSpace(dest))
	if err != nil {
		return "", false
	}
	p := self.ResolveReference(ref).Path
	if !strings.HasPrefix(p, "/") {
		return "", false
	}
	return routes.File(lang.Default, strings.TrimPrefix(p, "/")), true // p holds its language's prefix
}

// exists reports whether the site has a file at out, or a page in the folder out names (a
// link to /dia-phuong/x without its last slash, which hosts redirect).
func exists(r *render.Renderer, out string) bool {
	if _, ok := r.Page(out); ok {
		return true
	}
	_, ok := r.Page(out + "/index.html")
	return ok
}

// likelyAddresses are the addresses of a language's pages a link most likely meant,
// without their last slash: every locality's, plan's and document's.
func likelyAddresses(site *model.Site, code string) []string {
	var out []string
	add := func(route string) {
		out = append(out, "/"+strings.TrimSuffix(routes.Prefix(code)+route, "/"))
	}
	for _, l := range site.Localities {
		add(routes.Locality(l.ID))
	}
	for _, p := range site.Plans {
		add(routes.Plan(p.ID))
	}
	for _, d := range site.Documents {
		if d.Lang == code {
			add(routes.Document(d.Section, d.Slug))
		}
	}
	return out
}
