package render

import (
	"encoding/json"
	"html/template"
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/covsite/covsite/internal/model"
)

// chart is what a figure shows: categories along one axis and one or more series. The same
// values fill the ECharts option and the data table beside it.
type chart struct {
	ID         string
	Title      string
	Kind       string // "bar" or "line"
	Axis       string // what the value axis measures
	Categories []string
	Series     []series
	Format     func(model.Num) string // formats a cell of the data table
	Note       string
}

type series struct {
	Name   string
	Values []model.Num
}

// Rows returns the data table: one row per category with one cell per series.
func (c chart) Rows() [][]string {
	rows := make([][]string, len(c.Categories))
	for i, cat := range c.Categories {
		rows[i] = []string{cat}
		for _, s := range c.Series {
			rows[i] = append(rows[i], c.Format(s.Values[i]))
		}
	}
	return rows
}

// Option returns the chart's ECharts option as JSON for a data island. It sets no aria:
// charts.js adds aria with decal patterns and a description in the page's number format. encoding/json
// escapes <, > and & so no name can close the script element.
func (c chart) Option() (template.JS, error) {
	var obj map[string]any
	switch c.Kind {
	case "line":
		obj = c.lineOption()
	default:
		obj = c.barOption()
	}
	b, err := json.Marshal(obj)
	if err != nil {
		return "", err
	}
	return template.JS(b), nil
}

func (c chart) globals() []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(c.Series) > 1), Bottom: "0"}),
		charts.WithGridOpts(opts.Grid{Left: "3%", Right: "4%", Top: "12%", Bottom: "14%", ContainLabel: opts.Bool(true)}),
		charts.WithYAxisOpts(opts.YAxis{Name: c.Axis, Type: "value"}),
		charts.WithAnimation(false),
	}
}

func (c chart) barOption() map[string]any {
	bar := charts.NewBar()
	bar.SetGlobalOptions(c.globals()...)
	bar.SetXAxis(c.Categories)
	for _, s := range c.Series {
		data := make([]opts.BarData, len(s.Values))
		for i, v := range s.Values {
			data[i] = opts.BarData{Value: echartsValue(v)}
		}
		bar.AddSeries(s.Name, data)
	}
	bar.Validate()
	return bar.JSON()
}

func (c chart) lineOption() map[string]any {
	line := charts.NewLine()
	line.SetGlobalOptions(c.globals()...)
	line.SetXAxis(c.Categories)
	for _, s := range c.Series {
		data := make([]opts.LineData, len(s.Values))
		for i, v := range s.Values {
			data[i] = opts.LineData{Value: echartsValue(v)}
		}
		line.AddSeries(s.Name, data, charts.WithLineChartOpts(opts.LineChart{ConnectNulls: opts.Bool(true)}))
	}
	line.Validate()
	return line.JSON()
}

// echartsValue is a number, or "-" which ECharts draws as a gap.
func echartsValue(n model.Num) any {
	if !n.Known || math.IsNaN(n.V) {
		return "-"
	}
	return math.Round(n.V*100) / 100
}
