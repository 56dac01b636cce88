package component

// dataIsland is a chart's ECharts option as a JSON data island. The id is the chart's
// own ("chart-1-data") and the JSON comes from encoding/json, which escapes <, > and &, so
// nothing in it can close the script element.
func dataIsland(id, json string) string {
	return `<script type="application/json" id="` + id + `">` + json + `</script>`
}
