// Package themes embeds the default theme (layouts, static assets, UI strings) in the
// covsite binary, so `covsite build` works from any directory.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed default/layouts default/static default/i18n default/maps default/fonts
var embedded embed.FS

// MapFile is the theme's default tile maps, for a site without data/map.toml.
const MapFile = "maps/viet-nam.toml"

// Default returns the default theme's files: layouts/, static/, i18n/, maps/, fonts/.
func Default() fs.FS {
	sub, err := fs.Sub(embedded, "default")
	if err != nil {
		panic(err) // the embed pattern guarantees the directory exists
	}
	return sub
}
