// Package component holds the compiled HTML of the locality and plan pages — 99 % of a
// national site's pages. templ components (locality.templ, plan.templ, childranking.templ)
// give a page its structure; they print typed views from internal/view and decide nothing,
// and UI strings come from the theme's strings files. The pieces a page prints by the
// hundred — a text, a line, a target's value, a status, a card, a chart, a table and its
// cells — are Go values whose Render writes them (island.go, cards.go, plantable.go,
// writers.go): a templ component costs a call, a context and, for every attribute, its
// value boxed and resolved, each time.
package component
