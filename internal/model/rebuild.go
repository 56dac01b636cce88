package model

import (
	"strings"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/load"
)

// Rebuild is Build for raw input that differs from the input prev was built from only in
// the files named in changed (paths such as "data/results/x.toml"), as after a save in
// `covsite serve`. When every changed file is a results file, it links only those files
// again and shares everything else with prev — localities, plans, targets, the other
// files' results — so a national site takes milliseconds instead of seconds; relinked is
// then true. Otherwise, or when a changed file implies targets or two results files share
// an id, it runs Build. Either way the site and the diagnostics are those Build would
// give, and prev is not changed: pages of it may still be rendering. Rebuild does not
// change raw, which may be shared with a load.Cache.
func Rebuild(prev *Site, raw *load.Site, changed []string) (site *Site, diags *diag.List, relinked bool) {
	if s := relink(prev, raw, changed); s != nil {
		return s, s.diagnostics(), true
	}
	site, diags = Build(raw)
	return site, diags, false
}

// Relink is Rebuild when it can link only the changed results files again, and nil, nil
// otherwise: it never links the whole site. A build relinks the previous version of the
// files it changed into the site it built, to see what the previous site showed
// (build.affectedPages: a ward's standing among its siblings). raw need only hold, for
// the files not named in changed, each report's id and file (Report.ID, Report.Pos.File).
func Relink(prev *Site, raw *load.Site, changed []string) (*Site, *diag.List) {
	if s := relink(prev, raw, changed); s != nil {
		return s, s.diagnostics()
	}
	return nil, nil
}

// relink builds the site of raw from prev by linking the changed results files again, or
// returns nil when that would not give what Build gives. Of the files not named in
// changed, it reads only the reports' ids and files.
func relink(prev *Site, raw *load.Site, changed []string) *Site {
	if prev == nil || prev.index == nil {
		return nil
	}
	if len(changed) == 0 {
		return prev // nothing to link again; prev is never changed
	}
	isChanged := map[string]bool{}
	for _, f := range changed {
		if !strings.HasPrefix(f, "data/results/") {
			return nil // the declarations results link to may have changed
		}
		isChanged[f] = true
	}
	before := map[string]*sourceLinks{}
	var gone []*sourceLinks
	for _, sl := range prev.links {
		before[sl.file] = sl
		if isChanged[sl.file] {
			if sl.implies {
				return nil // its implied targets are in prev's plans
			}
			gone = append(gone, sl)
		}
	}
	if sharedIDs(prev.links) || sharedReportIDs(raw.Reports) {
		return nil // which of two files with one id counts depends on every file
	}
	s := *prev
	s.memo = &memo{} // what was computed of prev's results may not hold for s
	s.links = make([]*sourceLinks, 0, len(raw.Reports))
	b := &builder{site: &s, broken: prev.broken}
	var added []*sourceLinks
	seen := map[string]diag.Pos{}
	kept := 0
	for _, r := range raw.Reports {
		if !isChanged[r.Pos.File] {
			sl := before[r.Pos.File]
			if sl == nil {
				return nil // changed does not name every file that changed
			}
			s.links = append(s.links, sl)
			kept++
			continue
		}
		sl := b.linkReport(r, seen)
		if sl.implies {
			return nil
		}
		s.links = append(s.links, sl)
		added = append(added, sl)
	}
	if kept != len(prev.links)-len(gone) {
		return nil // a file went that changed does not name
	}
	s.collectSources()
	s.index = prev.index.withSources(&s, gone, added)
	b.checkResults(added)
	s.rollups = relinkRollups(prev, &s, gone, added)
	s.conflictsOf = relinkConflicts(prev, &s, gone, added)
	return &s
}

// sharedIDs reports whether two results files have the same id.
func sharedIDs(links []*sourceLinks) bool {
	seen := make(map[string]bool, len(links))
	for _, sl := range links {
		if seen[sl.id] {
			return true
		}
		seen[sl.id] = true
	}
	return false
}

func sharedReportIDs(reports []load.Report) bool {
	seen := make(map[string]bool, len(reports))
	for _, r := range reports {
		if seen[r.ID] {
			return true
		}
		seen[r.ID] = true
	}
	return false
}
