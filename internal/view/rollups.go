package view

import (
	"slices"
	"strings"
)

// rollupsAgree says in one line that a locality's stated totals equal the sums of its
// children's figures, when every row of its targets' and results' rollups does and sums
// every child: two tables whose differences are all 0, and the sentence explaining a
// difference, would only repeat that. It is "" when a row differs or sums only some
// children, or when there is no rollup: then the tables say it.
func rollupsAgree(f Format, targets, results []RollupRow) string {
	if len(targets)+len(results) == 0 {
		return ""
	}
	var dates []string
	for _, rows := range [][]RollupRow{targets, results} {
		for _, r := range rows {
			if r.Differs || r.Incomplete != "" {
				return ""
			}
			if r.AsOf != "" && !slices.Contains(dates, r.AsOf) {
				dates = append(dates, r.AsOf)
			}
		}
	}
	switch {
	case len(results) == 0:
		return f.TS("rollup.agree.targets")
	case len(targets) == 0:
		return f.TS("rollup.agree.results", strings.Join(dates, ", "))
	}
	return f.TS("rollup.agree.both", strings.Join(dates, ", "))
}

// RollupsDiffer reports whether a row of rows differs from its children's sum: the
// sentence explaining a difference goes under the table only then.
func RollupsDiffer(rows []RollupRow) bool {
	return slices.ContainsFunc(rows, func(r RollupRow) bool { return r.Differs })
}
