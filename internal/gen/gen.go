// Package gen writes a synthetic but realistic national dataset in covsite's data format:
// Vietnam before 1 July 2025 (63 provinces, about 700 districts, about 10,600 communes) and
// since (34 provinces, about 3,300 communes, no district level) with the lineage between
// them; population and labour force per locality and year; yearly plans 2021–2025 that set
// targets for every locality; half-year and year-end results for every locality with the
// report they come from; and a few hundred updates. It exists to measure covsite at the
// size of a real national site (see docs/performance.md).
//
// The numbers are invented but consistent: a parent's figures are the sums of its
// children's, results never exceed their denominators and reported shares agree with the
// figures, so `covsite check` finds nothing to report. The same seed gives the same bytes.
package gen

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/BurntSushi/toml"
)

// Options say how big a dataset to make.
type Options struct {
	// Scale multiplies the numbers of districts, communes and updates: 1 is the country
	// (about 10,600 + 3,300 communes), 0.1 a tenth of it. Provinces are always the 63 and 34.
	Scale float64
	// Seed picks the dataset; the same seed and scale give the same bytes.
	Seed uint64
	// Indicators is the contents of data/indicators.toml; it is copied into the output and
	// decides which figures each plan and report carries.
	Indicators []byte
}

// Summary counts what Generate wrote.
type Summary struct {
	OldProvinces, Districts, OldCommunes int
	NewProvinces, NewCommunes            int
	Plans, Reports, Updates              int
	Targets, Results                     int // figures written (rows × indicators)
	Files                                int
	Bytes                                int64
}

func (s Summary) String() string {
	return fmt.Sprintf("%d provinces, %d districts, %d communes before 1/7/2025; %d provinces, %d communes since; "+
		"%d plans, %d reports, %d updates; %d targets, %d results; %d files, %.1f MB",
		s.OldProvinces, s.Districts, s.OldCommunes, s.NewProvinces, s.NewCommunes,
		s.Plans, s.Reports, s.Updates, s.Targets, s.Results, s.Files, float64(s.Bytes)/1e6)
}

// Generate writes the dataset into dir, which must not exist or be empty.
func Generate(dir string, opts Options) (Summary, error) {
	if opts.Scale <= 0 || math.IsNaN(opts.Scale) || math.IsInf(opts.Scale, 0) {
		return Summary{}, fmt.Errorf("scale must be a positive number, not %v", opts.Scale)
	}
	if opts.Scale > 20 {
		return Summary{}, fmt.Errorf("scale %v is too large (at most 20)", opts.Scale)
	}
	inds, err := parseIndicators(opts.Indicators)
	if err != nil {
		return Summary{}, err
	}
	if err := emptyDir(dir); err != nil {
		return Summary{}, err
	}
	g := &generator{
		opts: opts,
		rng:  rand.New(rand.NewPCG(opts.Seed, 0x636f7673697465)), // "covsite"
		inds: inds,
		ids:  map[string]bool{},
		out:  &writer{dir: dir},
	}
	g.structure()
	g.denominators()
	g.figures()
	g.writeAll()
	g.sum.Files, g.sum.Bytes = g.out.files, g.out.bytes
	return g.sum, g.out.err
}

// emptyDir creates dir or checks that it is empty, so no stale file mixes in.
func emptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("%s is not empty; give a new or empty directory", dir)
	}
	return nil
}

// indicator is what the generator needs to know of one [[indicator]].
type indicator struct {
	ID          string   `toml:"id"`
	Unit        string   `toml:"unit"`
	Denominator string   `toml:"denominator"`
	Direction   string   `toml:"direction"`
	SumOf       []string `toml:"sum_of"`
	Short       string   `toml:"short"`
	ShortEN     string   `toml:"short_en"`
	Name        string   `toml:"name"`
	NameEN      string   `toml:"name_en"`

	idx      int
	written  bool // not a sum of others (those the model derives)
	core     bool // people with a population or labour-force denominator: communes carry these
	additive bool // people, counts, money: a parent's figure is its children's sum
	flow     bool // counted since the start of the year (half-year ≈ half the target)
}

// indicatorSet is the parsed data/indicators.toml plus the raw bytes to copy.
type indicatorSet struct {
	raw  []byte
	all  []*indicator
	byID map[string]*indicator
}

func parseIndicators(src []byte) (*indicatorSet, error) {
	var file struct {
		Indicator []*indicator `toml:"indicator"`
	}
	if _, err := toml.Decode(string(src), &file); err != nil {
		return nil, fmt.Errorf("indicators: %w", err)
	}
	if len(file.Indicator) == 0 {
		return nil, fmt.Errorf("indicators: no [[indicator]] found")
	}
	set := &indicatorSet{raw: src, byID: map[string]*indicator{}}
	for i, ind := range file.Indicator {
		ind.idx = i
		ind.written = len(ind.SumOf) == 0
		ind.additive = ind.Unit == "people" || ind.Unit == "count" || ind.Unit == "million_vnd"
		ind.core = ind.written && ind.Unit == "people" && (ind.Denominator == "population" || ind.Denominator == "labour_force")
		ind.flow = ind.additive && !ind.core
		set.all = append(set.all, ind)
		set.byID[ind.ID] = ind
	}
	return set, nil
}

// writer writes files under dir and remembers the first error.
type writer struct {
	dir   string
	files int
	bytes int64
	err   error
}

func (w *writer) write(rel string, data []byte) {
	if w.err != nil {
		return
	}
	p := filepath.Join(w.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		w.err = err
		return
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		w.err = err
		return
	}
	w.files++
	w.bytes += int64(len(data))
}

func (w *writer) writeBuf(rel string, b *bytes.Buffer) { w.write(rel, b.Bytes()) }
