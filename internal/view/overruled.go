package view

import "github.com/covsite/covsite/internal/model"

// overruledLine names, after a result's source, the figures other documents give for the
// same date that the page does not show (model.Local.Overruled): " · Nguồn khác ghi 11.900
// (<cite>Tin BHXH</cite>)"; nil for none.
func (c *Context) overruledLine(res *model.Result) Line {
	var out Line
	for _, o := range c.localOf(res.Locality).Overruled(res) {
		out = append(out, text(" · "+c.F.TS("result.other", c.F.Value(o.Indicator, o.Value))+" ("), c.cite(o.Source), text(")"))
	}
	return out
}
