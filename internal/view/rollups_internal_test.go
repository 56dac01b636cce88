package view

import (
	"testing"

	"github.com/covsite/covsite/internal/i18n"
	"github.com/covsite/covsite/themes"
)

// When every rollup agrees and sums every child, one line says so in place of two tables
// of zeros; a difference, or a sum of only some children, keeps the tables.
func TestRollupsAgree(t *testing.T) {
	langs, err := i18n.Load(themes.Default())
	if err != nil {
		t.Fatal(err)
	}
	vi, en := Format{Lang: langs["vi"]}, Format{Lang: langs["en"]}
	zero := RollupRow{Indicator: "BHYT", Parent: "511.500", Sum: "511.500", Difference: "0"}
	result := zero
	result.AsOf = "31/10/2026"
	differs := zero
	differs.Differs, differs.Difference = true, "-344"
	partial := zero
	partial.Incomplete = "(3/10 đơn vị)"
	for _, tt := range []struct {
		name             string
		f                Format
		targets, results []RollupRow
		want             string
	}{
		{"both agree", vi, []RollupRow{zero, zero}, []RollupRow{result, result},
			"Đối chiếu: chỉ tiêu và kết quả (31/10/2026) của đơn vị bằng đúng tổng của các đơn vị trực thuộc."},
		{"both agree, in English", en, []RollupRow{zero}, []RollupRow{result},
			"Checked: the stated targets and results (31/10/2026) equal the sums of the subdivisions."},
		{"targets only", vi, []RollupRow{zero}, nil, "Đối chiếu: chỉ tiêu của đơn vị bằng đúng tổng của các đơn vị trực thuộc."},
		{"results only", vi, nil, []RollupRow{result}, "Đối chiếu: kết quả (31/10/2026) của đơn vị bằng đúng tổng của các đơn vị trực thuộc."},
		{"a difference keeps the tables", vi, []RollupRow{zero, differs}, []RollupRow{result}, ""},
		{"a sum of some children keeps the tables", vi, []RollupRow{zero}, []RollupRow{partial}, ""},
		{"no rollup", vi, nil, nil, ""},
	} {
		if got := rollupsAgree(tt.f, tt.targets, tt.results); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
	if !RollupsDiffer([]RollupRow{zero, differs}) || RollupsDiffer([]RollupRow{zero, partial}) {
		t.Error("RollupsDiffer: the note goes under a table with a difference only")
	}
}
