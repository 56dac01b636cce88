// Package browsertest proves in a real browser what a reader of the site gets: it builds
// the example site and a small fixture site, serves them on loopback and drives Debian's
// Chromium with chromedp (the DevTools protocol from Go, so the tests need no WebDriver,
// no Node test runner and nothing beyond `go test`).
//
// The tests check every page in both languages and the 404 pages — no console errors, no
// request to another origin, every chart drawn and backed by a table with the same numbers,
// no horizontal scroll on a phone, tap targets of 44 px, the title and first headline card
// on a phone's first screen, indicators named in English on English pages, the locality
// search, the language switch — and run axe-core (npm, pinned in testdata/npm, used only
// here) on representative pages in light and dark mode. Screenshots go to $COVSITE_TEST_OUTPUT or testdata/output.
// TestLiveReload runs `covsite serve` (internal/serve) on a copy of the example site and
// proves its reload script and error overlay in the browser.
//
// Chromium comes from `make test`, which installs it when missing. Outside CI the browser
// tests skip when no Chromium is found; with CI set they fail.
package browsertest
