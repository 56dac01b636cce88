package model

// Overruled are the figures other documents state for res's locality, indicator and date
// that differ from res's, when res is the figure the pages show (the rules of
// precedence.go chose it): the pages name them beside it, "Nguồn khác ghi …", so a reader
// learns a source disagrees without opening the check's report. In ResultsFor's order;
// nil for none (most figures). A sum the site computes is not a document's figure, and a
// figure of res's own source is its own correction: neither is named.
func (x Local) Overruled(res *Result) []*Result {
	if res == nil || !res.Value.Known {
		return nil
	}
	return overruled(x.ResultsFor(res.Indicator), res)
}

// overruled is Overruled among rs, ResultsFor's results (oldest first).
func overruled(rs []*Result, res *Result) []*Result {
	if shownOn(rs, res.AsOf) != res {
		return nil
	}
	var out []*Result
	for _, r := range rs {
		if r.AsOf != res.AsOf || r == res || !r.Value.Known || r.Derived || r.Value.V == res.Value.V || r.Source == res.Source {
			continue
		}
		out = append(out, r)
	}
	return out
}
