# covsite — `make build` builds the example site into public/, `make test` runs every test.
# Everything a target needs is installed by the target itself when missing.

GO        ?= go
SITE      ?= .
DEST      ?= public
FUZZTIME  ?= 30s
CI_FUZZTIME ?= 3000x
STATICCHECK := $(shell $(GO) env GOPATH)/bin/staticcheck

.PHONY: build check test test-go fuzz fuzz-smoke bench lint serve clean generate

## build: check the data, then build the example site into public/
build:
	$(GO) run ./cmd/covsite build --source $(SITE) --dest $(DEST)

## check: validate data and content, print every problem with file:line:col
check:
	$(GO) run ./cmd/covsite check --source $(SITE)

## test: vet and every test (unit, golden, end-to-end, browser), plus a short run of each fuzz target
test: test-go fuzz-smoke

test-go:
	$(GO) vet ./...
	$(GO) test -count=1 ./...

# fuzz-smoke runs each fuzz target for $(CI_FUZZTIME) inputs (a count, not a time: a time limit can
# end mid-input and fail with "context deadline exceeded"); `make fuzz` runs each for $(FUZZTIME).
fuzz-smoke:
	@$(MAKE) --no-print-directory fuzz FUZZTIME=$(CI_FUZZTIME)

fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "fuzz $$pkg $$target ($(FUZZTIME))"; \
	    $(GO) test -run '^$$' -fuzz "^$$target\$$" -fuzztime $(FUZZTIME) $$pkg; \
	  done; \
	done

## bench: benchmarks of load, model, render, a whole build and serve's save-to-visible on the
## synthetic national dataset (scale COVSITE_BENCH_SCALE, default 1): pages, total ms,
## pages/s, peak RSS. docs/performance.md holds the numbers.
BENCH_PKGS := ./internal/load ./internal/model ./internal/render ./internal/build ./internal/serve
bench:
	$(GO) test -run '^$$' -bench . -benchmem -timeout 0 $(BENCH_PKGS)

## generate: compile the templ components (internal/render/component/*.templ) into the committed
## *_templ.go files, with the templ version go.mod names; a test fails when they are stale
TEMPL_VERSION = $(shell $(GO) list -m -f '{{.Version}}' github.com/a-h/templ)
generate:
	cd internal/render/component && $(GO) run github.com/a-h/templ/cmd/templ@$(TEMPL_VERSION) generate

## lint: gofmt, go vet and staticcheck (installed when missing)
lint: $(STATICCHECK)
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt: files above need formatting"; exit 1; }
	$(GO) vet ./...
	$(STATICCHECK) ./...

$(STATICCHECK):
	$(GO) install honnef.co/go/tools/cmd/staticcheck@latest

clean:
	rm -rf $(DEST)

include themes/default/echarts/echarts.mk

# ---- browser tests: internal/browsertest -------------------------------------
# The browser tests (part of `make test`) need Debian's Chromium, axe-core and the Nu Html
# Checker (npm's vnu-jar; both pinned in internal/browsertest/testdata/npm, used by the tests
# only) and a Java runtime for vnu (Debian's default-jre-headless). All are installed here
# when missing: apt-get needs root (as in CI); npm ci reaches the registry only when
# installing, without running vnu-jar's own Java download (--ignore-scripts).
BROWSERTEST_NPM := internal/browsertest/testdata/npm
BROWSERTEST_AXE := $(BROWSERTEST_NPM)/node_modules/axe-core/axe.min.js
BROWSERTEST_VNU := $(BROWSERTEST_NPM)/node_modules/vnu-jar/build/dist/vnu.jar

.PHONY: browser-deps
test-go: browser-deps
browser-deps: $(BROWSERTEST_AXE) $(BROWSERTEST_VNU)
	@command -v chromium >/dev/null 2>&1 || { echo "installing chromium (Debian package)"; apt-get update && apt-get install -y chromium; }
	@command -v java >/dev/null 2>&1 || { echo "installing default-jre-headless (Debian package, for vnu)"; apt-get update && apt-get install -y default-jre-headless; }

$(BROWSERTEST_AXE) $(BROWSERTEST_VNU) &: $(BROWSERTEST_NPM)/package.json $(BROWSERTEST_NPM)/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "installing npm (Debian package)"; apt-get update && apt-get install -y npm; }
	cd $(BROWSERTEST_NPM) && npm ci --no-audit --no-fund --ignore-scripts
	touch $(BROWSERTEST_AXE) $(BROWSERTEST_VNU)
# ---- end browser tests -------------------------------------------------------

# ---- press officer's loop: serve, new, import, the publishing workflow (issue 4) ----
# `make serve` previews the site with live reload. The workflow test (cmd/covsite) runs
# actionlint on .github/workflows/site.yml; it is installed here when missing, so `make test`
# always lints it (the test fails in CI when actionlint is absent).
ACTIONLINT := $(shell $(GO) env GOPATH)/bin/actionlint

.PHONY: actionlint
test-go: $(ACTIONLINT)

## serve: preview the site at http://127.0.0.1:1313/, rebuilding and reloading on every save.
## The command is built, then run in place of the shell: `go run` would exit 1 on Ctrl-C
## and make would print "Error 1" after a clean stop.
SERVE_BIN := .cache/covsite
PORT      ?= 1313
serve:
	@mkdir -p $(dir $(SERVE_BIN))
	$(GO) build -o $(SERVE_BIN) ./cmd/covsite
	@exec ./$(SERVE_BIN) serve --source $(SITE) --port $(PORT)

## actionlint: lint the GitHub Actions workflow
actionlint: $(ACTIONLINT)
	$(ACTIONLINT) .github/workflows/site.yml

$(ACTIONLINT):
	$(GO) install github.com/rhysd/actionlint/cmd/actionlint@latest
# ---- end press officer's loop ------------------------------------------------
