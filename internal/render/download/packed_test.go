package download

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/gen/gentest"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/routes"
)

// TestPackedSite: a site over PlainLimit figures packs each province's CSV and JSON in
// one zip, byte for byte the files a smaller site would publish plain, the same bytes at
// each build; a locality offers its own CSV and its province's pack, no JSON of its own.
func TestPackedSite(t *testing.T) {
	raw, diags := load.Load(os.DirFS(gentest.Site(t, 0.1)))
	site, more := model.Build(raw)
	diags.Merge(more)
	if err := diags.Err("en"); err != nil {
		t.Fatal(err)
	}
	d := NewData(site)
	if d.Plain() {
		t.Fatalf("%d figures and the site is plain", figureCount(site))
	}
	p := d.Provinces()[0]
	files := d.ProvinceFiles(p)
	if len(files) != 1 || files[0].Path != routes.ProvinceDownload(p.Loc.ID, "zip") {
		t.Fatalf("%s's files: %+v", p.Loc.ID, files)
	}
	first, err := files[0].Bytes()
	if err != nil {
		t.Fatal(err)
	}
	again, _ := NewData(site).ProvinceFiles(p)[0].Bytes()
	if !bytes.Equal(first, again) {
		t.Error("two builds of the same pack differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]func(io.Writer, scope) error{p.Loc.ID + ".csv": d.csv, p.Loc.ID + ".json": d.json,
		routes.SourcesFile: func(w io.Writer, s scope) error { return d.sourcesCSV(w, s.locs) }}
	for _, f := range zr.File {
		write, ok := want[f.Name]
		if !ok {
			t.Errorf("the pack holds %s", f.Name)
			continue
		}
		delete(want, f.Name)
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		if err != nil {
			t.Fatal(err)
		}
		var plain bytes.Buffer
		if err := write(&plain, p.scope()); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, plain.Bytes()) || len(got) == 0 {
			t.Errorf("%s: %d bytes in the pack, %d plain", f.Name, len(got), plain.Len())
		}
		if f.Modified.Year() < 2021 {
			t.Errorf("%s is dated %v, not by its newest document", f.Name, f.Modified)
		}
	}
	if len(want) > 0 {
		t.Errorf("the pack misses %v", want)
	}
	if n, err := d.Size(files[0].Path); err != nil || n != int64(len(first)) {
		t.Errorf("Size = %d, %v; the pack is %d bytes", n, err, len(first))
	}

	commune := p.Locs[len(p.Locs)-1]
	var got []string
	for _, o := range d.Offers(commune) {
		got = append(got, o.Format+" "+o.Route+" "+o.Of.ID)
	}
	wantOffers := []string{"CSV " + routes.LocalityDownload(commune.ID, "csv") + " " + commune.ID, "ZIP " + routes.ProvinceDownload(p.Loc.ID, "zip") + " " + p.Loc.ID}
	if strings.Join(got, "|") != strings.Join(wantOffers, "|") {
		t.Errorf("%s offers %q, want %q", commune.ID, got, wantOffers)
	}
	for _, f := range d.Files() {
		if strings.HasSuffix(f.Path, ".json") {
			t.Errorf("a packed site writes %s", f.Path)
		}
	}
}

// TestPlainSiteOffersItsOwnFiles: the example site is plain, and a locality offers its
// CSV and JSON.
func TestPlainSiteOffersItsOwnFiles(t *testing.T) {
	site := exampleSite(t)
	d := NewData(site)
	l := site.Locality("tra-vinh-phuong-7")
	var got []string
	for _, o := range d.Offers(l) {
		got = append(got, o.Format+" "+o.Route)
	}
	want := "CSV " + routes.LocalityDownload(l.ID, "csv") + "|JSON " + routes.LocalityDownload(l.ID, "json")
	if !d.Plain() || strings.Join(got, "|") != want {
		t.Errorf("plain %v, offers %q, want %q", d.Plain(), got, want)
	}
}

// TestOffersAreTheLocalityFiles: what a locality's page offers is its own files, each as
// LocalityFiles lists it, then on a packed site its province's pack; nothing for a locality
// without figures. Offers makes none of the files.
func TestOffersAreTheLocalityFiles(t *testing.T) {
	for _, site := range []*model.Site{exampleSite(t), packedSite(t)} {
		d := NewData(site)
		for _, l := range site.Localities {
			var want []string
			for _, f := range d.LocalityFiles(l) {
				want = append(want, strings.ToUpper(f.Path[strings.LastIndexByte(f.Path, '.')+1:])+" "+f.Path+" "+l.ID)
			}
			if p := d.provinceOf[l].p; p != nil && !d.Plain() && len(want) > 0 {
				want = append(want, "ZIP "+routes.ProvinceDownload(p.Loc.ID, "zip")+" "+p.Loc.ID)
			}
			var got []string
			for _, o := range d.Offers(l) {
				got = append(got, o.Format+" "+o.Route+" "+o.Of.ID)
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s offers %q, want %q", l.ID, got, want)
			}
		}
	}
}
