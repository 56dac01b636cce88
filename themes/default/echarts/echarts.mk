# ---- ECharts bundle: themes/default/echarts --------------------------------
# Make targets for the vendored, custom ECharts bundle.
#
#   make echarts        npm ci (only if node_modules is missing or older than
#                       package.json / package-lock.json), then rebuild
#                       themes/default/static/js/echarts.min.js and
#                       echarts.LICENSE.txt
#   make echarts-check  rebuild into a temp dir and cmp with the committed
#                       files (proves the bundle is byte-for-byte reproducible
#                       from package-lock.json), and check that the bundle's
#                       banner names the echarts and esbuild versions pinned
#                       in package.json
#
# Include it from the top-level Makefile (include themes/default/echarts/echarts.mk)
# or run it directly: make -f themes/default/echarts/echarts.mk echarts-check
# Needs node and npm; npm ci reaches the npm registry only when installing.

ECHARTS_DIR := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
ECHARTS_JS  := $(ECHARTS_DIR)/../static/js
ECHARTS_STAMP := $(ECHARTS_DIR)/node_modules/.covsite-npm-ci

.PHONY: echarts echarts-check

$(ECHARTS_STAMP): $(ECHARTS_DIR)/package.json $(ECHARTS_DIR)/package-lock.json
	cd $(ECHARTS_DIR) && npm ci --no-audit --no-fund
	touch $@

echarts: $(ECHARTS_STAMP)
	cd $(ECHARTS_DIR) && node build.mjs
	@ls -l $(ECHARTS_JS)/echarts.min.js $(ECHARTS_JS)/echarts.LICENSE.txt

echarts-check: $(ECHARTS_STAMP)
	@set -e; \
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	(cd $(ECHARTS_DIR) && node build.mjs --out "$$tmp/echarts.min.js" --license-out "$$tmp/echarts.LICENSE.txt"); \
	cmp "$$tmp/echarts.min.js" $(ECHARTS_JS)/echarts.min.js || { echo "echarts-check: committed echarts.min.js differs from a fresh build; run make echarts" >&2; exit 1; }; \
	cmp "$$tmp/echarts.LICENSE.txt" $(ECHARTS_JS)/echarts.LICENSE.txt || { echo "echarts-check: committed echarts.LICENSE.txt differs from a fresh build; run make echarts" >&2; exit 1; }; \
	banner=$$(head -n 1 $(ECHARTS_JS)/echarts.min.js); \
	for pkg in echarts esbuild; do \
	  want=$$(cd $(ECHARTS_DIR) && node -p "require('./package.json').devDependencies['$$pkg']"); \
	  case "$$banner" in \
	    *"$$pkg $$want "*|*"$$pkg $$want."*) ;; \
	    *) echo "echarts-check: banner does not name $$pkg $$want (package.json): $$banner" >&2; exit 1;; \
	  esac; \
	done; \
	echo "echarts-check: OK (reproducible; banner matches package.json)"
# ---- end ECharts bundle ------------------------------------------------------
