package browsertest

import "testing"

// pageReport is what reportJS reads from a loaded page.
type pageReport struct {
	Lang         string        `json:"lang"`
	Title        string        `json:"title"`
	H1           string        `json:"h1"`
	SwitchHref   string        `json:"switchHref"`
	SwitchLang   string        `json:"switchLang"`
	ScrollWidth  float64       `json:"scrollWidth"`
	Pwned        bool          `json:"pwned"`
	Placeholders []string      `json:"placeholders"`
	Charts       []chartReport `json:"charts"`
	SmallTargets []string      `json:"smallTargets"`
	LooseTables  []string      `json:"looseTables"`
	TitleBox     *rect         `json:"titleBox"`    // the h1
	FirstCard    *rect         `json:"firstCard"`   // the first headline card (#so-lieu .card)
	FirstFigure  *rect         `json:"firstFigure"` // its result figure, or "no result yet"
	FirstGoal    *rect         `json:"firstGoal"`   // its first target line: target and share
	SecondCard   *rect         `json:"secondCard"`
	SearchShown  bool          `json:"searchShown"`
}

type rect struct {
	Top    float64 `json:"top"`
	Bottom float64 `json:"bottom"`
}

// chartReport is one [data-chart] container after charts.js ran, with the series and
// categories it was drawn with (charts.js reads them from the figure's table; the JSON
// island holds the rest of the option) and the data table of its figure.
type chartReport struct {
	ID        string     `json:"id"`
	Island    string     `json:"island"`
	Nodes     int        `json:"nodes"`    // elements inside the <svg>
	Paths     int        `json:"paths"`    // <path> elements: bars, lines, axes
	Patterns  int        `json:"patterns"` // decal patterns
	Width     float64    `json:"width"`
	Height    float64    `json:"height"`
	Text      string     `json:"text"` // the text drawn in the SVG
	AriaLabel string     `json:"ariaLabel"`
	Label     string     `json:"label"` // the words the page gives charts.js: chart-tools' words.label with the caption's title
	Title     string     `json:"title"` // the figure's caption title
	Fallback  bool       `json:"fallback"`
	Headers   []string   `json:"headers"`
	Rows      [][]string `json:"rows"`
}

// reportJS reads a page as a reader's browser shows it. Tap targets: every visible link,
// button and input must be at least 44×44 CSS pixels unless it sits in running text
// (its block also holds words or figures that are not links). Tables must sit in a box
// that scrolls sideways (overflow-x auto) and that box must fit the viewport.
const reportJS = `(() => {
  const vw = window.innerWidth;
  // Collapse white space but keep no-break spaces: "80,58\u00a0%" is how Vietnamese writes it.
  const text = (el) => (el ? el.textContent.replace(/[ \t\n\r\f]+/g, ' ').replace(/^ | $/g, '') : '');
  const desc = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    if (el.classList.length) s += '.' + [...el.classList].join('.');
    const label = text(el) || el.getAttribute('aria-label') || el.getAttribute('href') || '';
    return s + ' "' + label.slice(0, 40) + '"';
  };
  const shown = (el) => {
    if (!el.getClientRects().length) return false;
    const cs = getComputedStyle(el);
    return cs.visibility !== 'hidden' && cs.display !== 'none';
  };
  const inRunningText = (el) => {
    const block = el.closest('p, li, dd, td, th, figcaption, caption, blockquote');
    if (!block) return false;
    let rest = '';
    const walk = (n) => {
      for (const c of n.childNodes) {
        if (c.nodeType === 3) rest += c.textContent;
        else if (c.nodeType === 1 && c.tagName !== 'A') walk(c);
      }
    };
    walk(block);
    return /[\p{L}\p{N}]{2,}/u.test(rest);
  };
  const small = [];
  for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')) {
    if (!shown(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.bottom + scrollY <= 0 || r.right <= 0) continue; // parked off screen (the skip link until focused)
    if (r.width >= 44 && r.height >= 44) continue;
    if (el.tagName === 'A' && inRunningText(el)) continue;
    small.push(desc(el) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height));
  }
  const loose = [];
  for (const table of document.querySelectorAll('main table')) {
    let box = table.parentElement, ok = false;
    for (let el = table; el && el !== document.body; el = el.parentElement) {
      const ox = getComputedStyle(el).overflowX;
      if (ox === 'auto' || ox === 'scroll') { box = el; ok = true; break; }
    }
    const r = box.getBoundingClientRect();
    if (!ok) loose.push(desc(table) + ' is not in a box that scrolls sideways');
    else if (r.right > vw + 0.5 || r.left < -0.5) loose.push(desc(box) + ' sticks out of the viewport: ' + Math.round(r.left) + '..' + Math.round(r.right));
  }
  const toolsIsland = document.getElementById('chart-tools');
  const tools = toolsIsland ? JSON.parse(toolsIsland.textContent).words : {};
  const charts = [...document.querySelectorAll('[data-chart]')].map((el) => {
    const svg = el.querySelector('svg');
    const fig = el.closest('figure');
    const table = fig ? fig.querySelector('table') : null;
    const chart = window.echarts && window.echarts.getInstanceByDom(el);
    const drawn = chart ? chart.getOption() : null;
    const r = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
    return {
      id: el.id,
      island: drawn ? JSON.stringify({
        series: drawn.series.map((s) => ({ name: s.name, type: s.type, data: s.data })),
        xAxis: drawn.xAxis.map((a) => ({ data: a.data })),
        legend: (drawn.legend || []).map((l) => ({ selectedMode: l.selectedMode })),
      }) : '',
      nodes: svg ? svg.querySelectorAll('*').length : 0,
      paths: svg ? svg.querySelectorAll('path').length : 0,
      patterns: svg ? svg.querySelectorAll('pattern').length : 0,
      width: r.width, height: r.height,
      text: svg ? [...svg.querySelectorAll('text')].map((t) => t.textContent).join('\n') : '',
      ariaLabel: el.getAttribute('aria-label') || '',
      label: el.hasAttribute('data-chart-label') ? el.getAttribute('data-chart-label') : (tools.label || '').split('%s').join(text(fig && fig.querySelector('.chart__title'))),
      title: text(fig && fig.querySelector('.chart__title')),
      fallback: !!el.querySelector('.chart__fallback'),
      headers: table ? [...table.querySelectorAll('thead th')].map(text) : null,
      rows: table ? [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map(text)) : null,
    };
  });
  const box = (el) => {
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { top: r.top + scrollY, bottom: r.bottom + scrollY };
  };
  const cards = document.querySelectorAll('#so-lieu .card');
  const card = cards[0];
  const sw = document.querySelector('.lang-switch');
  const input = document.getElementById('search-input');
  const all = document.title + '\n' + document.body.innerText + '\n' +
    [...document.querySelectorAll('[aria-label], [placeholder], [title], meta[content], img[alt]')]
      .map((el) => [el.getAttribute('aria-label'), el.getAttribute('placeholder'), el.getAttribute('title'), el.getAttribute('content'), el.getAttribute('alt')].join('\n')).join('\n');
  return {
    lang: document.documentElement.lang,
    title: document.title,
    h1: text(document.querySelector('h1')),
    switchHref: sw ? sw.href : '',
    switchLang: sw ? sw.getAttribute('hreflang') : '',
    scrollWidth: document.scrollingElement.scrollWidth,
    pwned: typeof window.__pwned !== 'undefined',
    placeholders: all.match(/\[[a-z][a-z0-9_.-]*\]/g) || [],
    charts,
    smallTargets: small,
    looseTables: loose,
    titleBox: box(document.querySelector('h1')),
    firstCard: box(card),
    firstFigure: box(card && card.querySelector('.card__figure')),
    firstGoal: box(card && card.querySelector('.card__goal')),
    secondCard: box(cards[1]),
    searchShown: !!input && shown(input),
  };
})()`

// report reads the loaded page.
func (tb *tab) report(t testing.TB) pageReport {
	t.Helper()
	var r pageReport
	tb.eval(t, reportJS, &r)
	return r
}
