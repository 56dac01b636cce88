package model

// Provinces are the site's localities right below a root (the country), in tree order:
// those the maps show and the rankings compare.
func (s *Site) Provinces() []*Locality {
	var out []*Locality
	for _, l := range s.Localities {
		if l.Parent != nil && l.Parent.Parent == nil {
			out = append(out, l)
		}
	}
	return out
}

// Current reports whether g maps the present: more of its tiles are current localities
// than ended ones. A map of the provinces before a reorganisation also holds those it
// left unchanged, which are current.
func (g *Grid) Current() bool {
	n := 0
	for _, t := range g.Tiles {
		if t.Locality.Ended() {
			n--
		} else {
			n++
		}
	}
	return n > 0
}
