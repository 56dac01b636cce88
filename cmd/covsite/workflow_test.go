package main

import (
	"errors"
	"fmt"
	"go/build"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/sitefs"
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
		"go run ./cmd/covsite check --format github --strict-links",
		"go run ./cmd/covsite build --in-place --strict-links --dest public --base-url",
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

// TestWorkflowWatchesEverySiteInput: a push that changes any folder covsite reads
// (sitefs.Inputs: a site's own strings in i18n/ too) runs the workflow, push and pull request
// alike; and the workflow says plainly that it runs no tests.
func TestWorkflowWatchesEverySiteInput(t *testing.T) {
	b, err := os.ReadFile(workflow)
	if err != nil {
		t.Fatal(err)
	}
	wf := string(b)
	on := wf[strings.Index(wf, "\non:"):strings.Index(wf, "\npermissions:")]
	push, pr, ok := strings.Cut(on, "pull_request:")
	if !ok {
		t.Fatal("the workflow has no pull_request trigger")
	}
	for _, dir := range sitefs.Inputs {
		line := fmt.Sprintf("- %q", dir+"/**")
		if !strings.Contains(push, line) || !strings.Contains(pr, line) {
			t.Errorf("the workflow's paths (push and pull_request) lack %s", line)
		}
	}
	if !strings.Contains(wf, "This workflow runs no tests") || !strings.Contains(wf, "`make test`") {
		t.Error("the workflow's header does not say that it runs no tests and that make test is for code changes")
	}
}

// TestWorkflowSpeaksVietnamese: the workflow's name, jobs and steps are in Vietnamese, as
// press officers see them in the Actions tab (issue 15).
func TestWorkflowSpeaksVietnamese(t *testing.T) {
	b, err := os.ReadFile(workflow)
	if err != nil {
		t.Fatal(err)
	}
	names := regexp.MustCompile(`(?m)^(?:name|    name|      - name): (.+)$`).FindAllStringSubmatch(string(b), -1)
	if len(names) < 10 {
		t.Fatalf("only %d names in the workflow", len(names))
	}
	vietnamese := regexp.MustCompile(`[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]`)
	for _, m := range names {
		name := m[1]
		if name == "github-pages" { // the Pages environment's fixed name
			continue
		}
		if !vietnamese.MatchString(strings.ToLower(name)) {
			t.Errorf("name %q is not in Vietnamese", name)
		}
	}
}

// TestWorkflowExplainsPagesNotEnabled: when GitHub Pages is not enabled, configure-pages
// fails; the workflow goes on to a step that stops it with an explanation in Vietnamese of
// how to enable Pages, instead of "Get Pages site failed". The step's script is run here.
func TestWorkflowExplainsPagesNotEnabled(t *testing.T) {
	b, err := os.ReadFile(workflow)
	if err != nil {
		t.Fatal(err)
	}
	wf := string(b)
	configure := wf[strings.Index(wf, "id: pages"):]
	configure = configure[:strings.Index(configure, "uses: actions/configure-pages@")]
	if !strings.Contains(configure, "continue-on-error: true") {
		t.Error("configure-pages does not go on when it fails, so its English error is all the user sees")
	}
	step := wf[strings.Index(wf, "- name: Dừng lại nếu GitHub Pages chưa được bật"):]
	step = step[:strings.Index(step, "\n\n")]
	if !strings.Contains(step, "if: steps.pages.outcome == 'failure'") {
		t.Fatalf("the explanation does not run when configure-pages fails:\n%s", step)
	}
	// The script: the lines after "run: |", unindented.
	var script []string
	in := false
	for _, line := range strings.Split(step, "\n") {
		if strings.TrimSpace(line) == "run: |" {
			in = true
			continue
		}
		if in {
			script = append(script, strings.TrimPrefix(line, "          "))
		}
	}
	summary := filepath.Join(t.TempDir(), "summary.md")
	cmd := exec.Command("bash", "-e", "-c", strings.Join(script, "\n"))
	cmd.Env = append(os.Environ(), "SETTINGS=https://github.com/bhxh/trang/settings/pages", "GITHUB_STEP_SUMMARY="+summary)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Errorf("the step does not stop the workflow: %v\n%s", err, out)
	}
	for _, want := range []string{"::error title=GitHub Pages chưa được bật::", "https://github.com/bhxh/trang/settings/pages", "Source chọn GitHub Actions", "Re-run all jobs"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the annotation lacks %q:\n%s", want, out)
		}
	}
	if sum, _ := os.ReadFile(summary); !strings.Contains(string(sum), "chọn **GitHub Actions**") {
		t.Errorf("the run's summary does not explain it:\n%s", sum)
	}
	if strings.Contains(wf, "Get Pages site failed") {
		t.Error("the workflow mentions GitHub's English error")
	}
}
