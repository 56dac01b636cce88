package load

import "github.com/covsite/covsite/internal/diag"

// Site is everything read from a site's source directory, before validation.
type Site struct {
	Config       Config
	Indicators   []Indicator
	Localities   []Locality
	Denominators []Denominator
	Plans        []Plan
	Reports      []Report
	// Pending holds the plans and results files instead of Plans and Reports when the site
	// was loaded with Lazy: decoded while model.Build links them.
	Pending   *Pending
	Documents []Document
	// Grids are the tile maps of data/map.toml; DefaultGrids says they are the theme's
	// (see ReadGrids), whose tiles name the ids of a national site and are kept only for
	// the localities a site has.
	Grids        []Grid
	DefaultGrids bool
	// Unreadable lists the data files that are missing or could not be parsed, so that
	// references to what they would have declared are not reported a second time.
	Unreadable []string
}

// Config is data/site.toml.
type Config struct {
	Title, TitleEN             Str
	Description, DescriptionEN Str
	BaseURL                    Str
	Publisher, PublisherEN     Str
	Languages                  []Str // the languages built: ["vi"], ["en"]; nil for every one
	Footer, FooterEN           Str   // a line the footer of every page adds
}

// Indicator is one [[indicator]] of data/indicators.toml.
type Indicator struct {
	Pos                        diag.Pos
	ID                         Str
	Name, NameEN               Str
	Short, ShortEN             Str
	Unit                       Str // people, percent, million_vnd, count
	Noun, NounEN               Str // what a count counts: "cuộc", "đơn vị"
	Direction                  Str // higher, lower
	Denominator                Str // population, labour_force, eligible, retired
	SumOf                      []Str
	Description, DescriptionEN Str
}

// Locality is one [[locality]] of data/localities/*.toml.
type Locality struct {
	Pos          diag.Pos
	ID           Str
	Name, NameEN Str
	Kind         Str
	Parent       Str
	Since, Until Day
	Successor    Str
	Note, NoteEN Str
}

// Denominator is one [[denominator]] row: population and labour force of a locality in a year.
type Denominator struct {
	Pos         diag.Pos
	Locality    Str
	Year        Num
	Source      Str
	Population  Num
	LabourForce Num
	Eligible    Num
	Retired     Num
}

// Plan is one file of data/plans/: a document setting targets.
type Plan struct {
	Pos                diag.Pos // the file
	ID                 string   // the file name without .toml
	Number             Str
	Title, TitleEN     Str
	Issued             Day
	Issuer, IssuerEN   Str
	Signer             Str
	URL                Str
	BasedOn            []Str
	BasedOnEN          []Str // English glosses of BasedOn, item by item
	Parent             Str   // the id of the plan this one carries out (a province's plan for a city's), if any
	Locality           Str
	Period             Str
	Summary, SummaryEN Str
	Where, WhereEN     Str // where in the document its figures stand, unless a row says otherwise
	Targets            []Row
	Milestones         []Milestone
}

// Milestone is an intermediate goal: by a date, at least a share of the target.
type Milestone struct {
	Pos          diag.Pos
	Indicators   []Str
	By           Day
	Share        Num // absent: the milestone is the document's words only, never computed with
	Note, NoteEN Str
	Where        Str
	WhereEN      Str
}

// Report is one file of data/results/: results from one source document.
type Report struct {
	Pos          diag.Pos
	ID           string
	Title        Str
	TitleEN      Str
	Kind         Str // report, news, conference, decision
	Published    Day
	Publisher    Str
	URL          Str
	Note, NoteEN Str
	Where        Str // where in the document its figures stand, unless a row says otherwise
	WhereEN      Str
	Results      []Row
	Comparisons  []Comparison
}

// Row is a [[target]] or [[result]] row: a locality, a time, and figures per indicator.
type Row struct {
	Pos         diag.Pos
	Locality    Str
	Period      Str // targets
	Deadline    Day // targets
	Per         Str // targets: "month" or "quarter" when the figure is per month or quarter
	AsOf        Day // results
	Plans       []Str
	ChangeSince Day
	Note        Str
	NoteEN      Str
	Where       Str // where in the document the row's figures stand: "Bảng chi tiết, dòng Phường 1"
	WhereEN     Str
	SetBy       Str      // results: the authority the document names for the targets its shares refer to
	SetByPlan   []KeyStr // results: set_by.<plan id> = "…"
	Decision    Str      // results: the numbered decision the document names for those targets
	Values      []Figure // bhyt = 10_324
	Rates       []Figure // rate.bhyt = 94.44
	Bases       []KeyStr // denominator.bhtn = "eligible": the rate's denominator when not the indicator's
	Shares      []Figure // share.bhyt = 85 (results: reported % of plan)
	Gaps        []Figure // gap.bhyt = 144_957 (results: reported remaining)
	Changes     []Figure // change.bhyt = 803 (results: change since ChangeSince)
	Invalid     bool     // some key of the row could not be read (and was reported)
}

// Comparison is a reported statement that some localities are below their parent's average.
type Comparison struct {
	Pos       diag.Pos
	Parent    Str
	Indicator Str
	AsOf      Day
	Below     []Str
	Note      Str
}

// Document is a Markdown file of content/: an update (content/updates/) or a page.
type Document struct {
	Pos        diag.Pos
	Path       string // relative to content/, with forward slashes
	Section    string // "updates" or "" for a stand-alone page
	Slug       string // file name without date prefix, language and extension
	Lang       string // "vi" or "en" (from a .en.md suffix)
	Title      Str
	Date       Day
	Localities []Str
	Plans      []Str
	Summary    Str
	Draft      bool
	Body       []byte
	BodyLine   int // line of the file where Body starts
}

// Grid is one [[grid]] of data/map.toml: a tile map, one equal tile per locality, laid out
// roughly as the country is.
type Grid struct {
	Pos          diag.Pos
	Name, NameEN Str
	Tiles        []Tile
}

// Tile is one { locality, row, col } of a grid's tiles; rows and columns count from 1.
type Tile struct {
	Pos      diag.Pos
	Locality Str
	Row, Col Num
}
