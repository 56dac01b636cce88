package main

import (
	"go/build"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const workflow = "../../.github/workflows/site.yml"

// actionlintPath finds actionlint on PATH or where `go install` puts it.
func actionlintPath() string {
	if p, err := exec.LookPath("actionlint"); err == nil {
		return p
	}
	p := filepath.Join(build.Default.GOPATH, "bin", "actionlint")
	if _, err := os.Stat(p); err == nil {
		return p
	}
	return ""
}

// TestWorkflowPassesActionlint lints the publishing workflow. `make test` installs
// actionlint first; without it the test skips on a developer's machine but fails in CI.
func TestWorkflowPassesActionlint(t *testing.T) {
	bin := actionlintPath()
	if bin == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("actionlint is not installed; in CI run make test, which installs it (go install github.com/rhysd/actionlint/cmd/actionlint@latest)")
		}
		t.Skip("actionlint not installed; make test installs it")
	}
	out, err := exec.Command(bin, "-no-color", workflow).CombinedOutput()
	if err != nil {
		t.Fatalf("actionlint %s: %v\n%s", workflow, err, out)
	}
}

// TestWorkflowDoesWhatTheGuideSays: checks with GitHub annotations, builds with the build
// cache and the previous output restored, and deploys to Pages only from main, with the
// permissions and concurrency Pages needs.
func TestWorkflowDoesWhatTheGuideSays(t *testing.T) {
	b, err := os.ReadFile(workflow)
	if err != nil {
		t.Fatal(err)
	}
	wf := string(b)
	for _, want := range []string{
		"push:", "pull_request:", `"data/**"`, `"content/**"`, `"themes/**"`, `"cmd/**"`, `"internal/**"`, `"go.mod"`,
		"actions/setup-go@", "go-version-file: go.mod",
		"go run ./cmd/covsite check --format github",
		"go run ./cmd/covsite build --dest public --base-url",
		"actions/configure-pages@", "steps.pages.outputs.base_url",
		"actions/upload-pages-artifact@", "path: public/",
		"actions/deploy-pages@", "pages: write", "id-token: write",
		"group: pages", "cancel-in-progress: false", "name: github-pages",
		"github.ref == 'refs/heads/main'",
		"actions/cache@", ".covsite-cache", "            public\n",
	} {
		if !strings.Contains(wf, want) {
			t.Errorf("workflow lacks %q", want)
		}
	}
	deploy := wf[strings.Index(wf, "\n  deploy:"):]
	if !strings.Contains(deploy, "if: github.event_name != 'pull_request' && github.ref == 'refs/heads/main'") {
		t.Error("deploy job is not limited to pushes to main")
	}
}
