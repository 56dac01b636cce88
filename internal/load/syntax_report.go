package load

import "github.com/covsite/covsite/internal/diag"

// ReportSyntax reports a TOML file that does not parse the way the data files' mistakes are
// reported: at the line and column of the mistake, in words, in Vietnamese and English.
// `covsite check` uses it for a site's strings files (i18n/*.toml).
func ReportSyntax(name string, src []byte, err error, diags *diag.List) {
	reportSyntax(name, src, err, diags)
}
