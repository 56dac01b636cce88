package model

import "slices"

// FileRefs is what one results file's links reach: the localities its results and
// comparisons name, the plans its reported shares name, and whether it implies targets in
// plans (see sourceLinks.implies). A build keeps them, so that when only results files
// changed it knows which pages can show something else (build's incremental render).
type FileRefs struct {
	Localities []string // ids, sorted, each once
	Plans      []string // ids, sorted, each once
	Implies    bool
}

// ResultsFileRefs returns the FileRefs of every results file of the site, by path.
func (s *Site) ResultsFileRefs() map[string]FileRefs {
	return s.ResultsFileRefsOf(nil)
}

// ResultsFileRefsOf returns the FileRefs of the results files of the site named in files
// (paths), or of every one when files is nil.
func (s *Site) ResultsFileRefsOf(files []string) map[string]FileRefs {
	out := make(map[string]FileRefs, len(s.links))
	for _, sl := range s.links {
		if files != nil && !slices.Contains(files, sl.file) {
			continue
		}
		var refs FileRefs
		for _, r := range sl.results {
			refs.Localities = append(refs.Localities, r.Locality.ID)
			for _, sh := range r.Shares {
				refs.Plans = append(refs.Plans, sh.Plan.ID)
			}
		}
		for _, c := range sl.comparisons {
			refs.Localities = append(refs.Localities, c.Parent.ID)
			for _, l := range c.Below {
				refs.Localities = append(refs.Localities, l.ID)
			}
		}
		slices.Sort(refs.Localities)
		slices.Sort(refs.Plans)
		refs.Localities, refs.Plans = slices.Compact(refs.Localities), slices.Compact(refs.Plans)
		refs.Implies = sl.implies
		out[sl.file] = refs
	}
	return out
}
