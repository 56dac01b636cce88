package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/build"
)

// vnuJar is the Nu Html Checker, installed by `make test` (npm ci in testdata/npm; the
// package's own Java download is not used: it runs on Debian's default-jre-headless).
var vnuJar = filepath.Join("testdata", "npm", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")

// TestValidHTML: the Nu Html Checker reports no error on any page of the example site
// and of the fixture site, in both languages, nor of the example built in English only
// (its root is a page leading to /en/, and the English 404 page).
func TestValidHTML(t *testing.T) {
	java, err := exec.LookPath("java")
	_, jarErr := os.Stat(vnuJar)
	if err != nil || jarErr != nil {
		msg := fmt.Sprintf("vnu needs java (%v) and %s (%v); `make test` installs both", err, vnuJar, jarErr)
		if ciMode() {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	englishOnly := &site{name: "english-only", dir: filepath.Join(t.TempDir(), "public")}
	if _, err := build.Run(context.Background(), build.Options{Source: "../..", Dest: englishOnly.dir, Languages: []string{"en"}}); err != nil {
		t.Fatal(err)
	}
	for _, s := range []*site{example, fixture, englishOnly} {
		t.Run(s.name, func(t *testing.T) {
			// One run over the whole folder: the checker starts in a second, checks a page
			// in milliseconds. Warnings (such as a redundant role) are not errors.
			out, err := exec.Command(java, "-jar", vnuJar, "--errors-only", "--format", "json", "--skip-non-html", s.dir).CombinedOutput()
			var report struct {
				Messages []struct {
					Type, URL, Message, Extract string
					LastLine                    int
				}
			}
			if jerr := json.Unmarshal(out, &report); jerr != nil {
				t.Fatalf("vnu: %v (%v)\n%s", err, jerr, out)
			}
			pages := 0
			filepath.WalkDir(s.dir, func(p string, d os.DirEntry, err error) error {
				if err == nil && strings.HasSuffix(p, ".html") {
					pages++
				}
				return nil
			})
			if pages < 10 {
				t.Fatalf("only %d pages checked", pages)
			}
			for _, m := range report.Messages {
				t.Errorf("%s:%d: %s: %s\n\t%s", strings.TrimPrefix(m.URL, "file:"+s.dir), m.LastLine, m.Type, m.Message, m.Extract)
			}
			t.Logf("vnu: %d pages, %d errors", pages, len(report.Messages))
		})
	}
}
