/*
 * covsite charts: draws every chart on the page with the vendored ECharts
 * bundle (echarts.min.js, loaded before this file; it sets window.echarts).
 *
 * Contract (docs/architecture.md): each chart is
 *
 *   <figure class="chart">
 *     <div class="chart__canvas" id="chart-…" data-chart="chart-…-data">fallback text</div>
 *     <script type="application/json" id="chart-…-data">{ ECharts option }</script>
 *     <table>…the same numbers…</table>
 *   </figure>
 *
 * On DOMContentLoaded this script parses each data island and draws the chart
 * into the container with the SVG renderer and the page's language
 * (<html lang="vi"> → locale 'VI', lang="en" → 'EN'). Before drawing it:
 *  - makes the whole option of an island that names its "kind" (the option's
 *    own part: the value axis's name, the computed figures): the skeleton of
 *    that kind from the site's chart kit (js/chart-kit.js, loaded before this
 *    file; it sets window.covsiteChartKit, internal/view ChartKit), whose
 *    "series" is copied for each column of the figure's table and named by
 *    the column's header, then the island merged over it (objects by key,
 *    arrays by index); a kind the kit lacks leaves the fallback;
 *  - gives a series without "data" its column of the figure's table, read in
 *    the page's number format, and a category axis without "data" the rows'
 *    headers: the page prints the figures once, in the table;
 *
 *  - turns on ECharts aria (decal patterns + a screen-reader description of
 *    the data in the page's number and date formats) when the option has no
 *    `aria` of its own. The description starts with the chart's label: the
 *    page's words for it (the chart-tools island's words.label, filled from
 *    i18n/*.toml, "%s" where the caption's title goes, e.g. 'Biểu đồ “Chỉ
 *    tiêu và kết quả thực hiện”.'), or the container's data-chart-label when
 *    a layout gives one: this file holds no words a reader sees, only
 *    numbers, names from the data and punctuation;
 *  - formats numbers the page's way (vi: 1.022.552 and 80,58; en: 1,022,552
 *    and 80.58) in tooltips (tooltip.valueFormatter), on value/log axes
 *    (axisLabel.formatter) and on markLine labels. JSON cannot carry
 *    functions, so a string containing "{value}" in those places (for example
 *    "{value} %") is kept as a template and filled with the formatted number;
 *  - adds to the tooltip of every figure the site computed the sign \u2211 and
 *    how, in the page's words, from the option's own "computed" (by series:
 *    null, or the words with "%s" where a point's figures go followed by each
 *    point's figures, "" for a document's figure, or the number of the note
 *    under the table whose words are said of each point whose table cell has
 *    the class calc-cell), taken out before the option goes to ECharts;
 *  - owns the chart "chrome" colours (text, axis lines, grid lines, tooltip):
 *    a light or dark palette by prefers-color-scheme, each colour overridable
 *    from CSS on the container with --chart-text, --chart-muted,
 *    --chart-axis, --chart-grid, --chart-tooltip-bg, --chart-tooltip-border;
 *  - colours the series with --chart-series-1 … --chart-series-9 (site.css; a
 *    site's custom.css changes them), each unset one ECharts' own colour of
 *    that place, unless the option sets its colours.
 *
 * Category labels on a horizontal axis are all shown, wrapped to the room
 * each category has (unless the option sets axisLabel.interval or width);
 * time-axis labels that would overlap are hidden.
 *
 * Charts resize (debounced) with the window and are redrawn when the colour
 * scheme changes. If a data island is missing or not valid JSON, a series
 * type is not in the bundle (only bar and line are), or ECharts throws, the
 * container keeps its fallback text and nothing is logged: the table beside
 * the chart always carries the numbers. The container must get its size from
 * CSS (e.g. .chart__canvas { height: 320px }); one with no width or height
 * (hidden, unstyled) keeps its fallback and is tried again on resize.
 *
 * Load order: <script src="/js/echarts.min.js" defer></script> then
 * <script src="/js/charts.js" defer></script>. String literals are ASCII
 * (\u escapes), so the file works whatever charset it is served with.
 *
 * Plain ES2018, no eval, no inline script or style needed (CSP script-src
 * 'self'; style-src 'self'). Tooltips use ECharts' richText mode, drawn inside
 * the SVG, because the HTML tooltip writes style="…" attributes through
 * innerHTML, which style-src 'self' blocks.
 */
(function () {
  'use strict';

  var RESIZE_DELAY_MS = 150;
  // The series types in the ECharts bundle (themes/default/echarts/entry.js).
  var SERIES_TYPES = { bar: true, line: true };

  var PALETTES = {
    light: {
      text: '#1f2933',
      muted: '#52606d',
      axis: '#7b8794',
      grid: '#e4e7eb',
      tooltipBg: '#ffffff',
      tooltipBorder: '#cbd2d9',
    },
    dark: {
      text: '#e4e7eb',
      muted: '#9aa5b1',
      axis: '#7b8794',
      grid: '#3e4c59',
      tooltipBg: '#1f2933',
      tooltipBorder: '#52606d',
    },
  };
  var CSS_VARS = {
    text: '--chart-text',
    muted: '--chart-muted',
    axis: '--chart-axis',
    grid: '--chart-grid',
    tooltipBg: '--chart-tooltip-bg',
    tooltipBorder: '--chart-tooltip-border',
  };

  // ECharts' default series colours: the series' colours when the page's style
  // sets no --chart-series-N.
  var SERIES = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de', '#3ba272', '#fc8452', '#9a60b4', '#ea7ccc'];

  var charts = []; // {el, chart, fallback, attrs}
  var darkQuery = null;

  function pageLang() {
    var lang = (document.documentElement.getAttribute('lang') || 'vi').toLowerCase();
    return lang.indexOf('en') === 0 ? 'en' : 'vi';
  }

  function isPlainObject(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  }

  // obj[key] as an object, created (or replaced, if not an object) on demand.
  function child(obj, key) {
    if (!isPlainObject(obj[key])) obj[key] = {};
    return obj[key];
  }

  // Apply fn to a component option that may be absent, one object or an array.
  function each(value, fn) {
    if (Array.isArray(value)) {
      value.forEach(function (v) { if (isPlainObject(v)) fn(v); });
    } else if (isPlainObject(value)) {
      fn(value);
    }
  }

  function isDark() {
    return !!(darkQuery && darkQuery.matches);
  }

  function palette(el) {
    var base = PALETTES[isDark() ? 'dark' : 'light'];
    var out = {};
    var style = null;
    try {
      style = window.getComputedStyle(el);
    } catch (e) {
      style = null;
    }
    Object.keys(base).forEach(function (k) {
      var v = style ? style.getPropertyValue(CSS_VARS[k]).trim() : '';
      out[k] = v || base[k];
    });
    return out;
  }

  // The series' colours: --chart-series-N from the container's computed style,
  // else ECharts' default of that place.
  function seriesColours(el) {
    var style = null;
    try {
      style = window.getComputedStyle(el);
    } catch (e) {
      style = null;
    }
    return SERIES.map(function (fallback, i) {
      var v = style ? style.getPropertyValue('--chart-series-' + (i + 1)).trim() : '';
      return v || fallback;
    });
  }

  function makeFormatter(lang) {
    var nf;
    try {
      nf = new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'vi-VN', { maximumFractionDigits: 2 });
    } catch (e) {
      nf = null;
    }
    function fmt(v) {
      if (Array.isArray(v)) return v.map(fmt).join(', ');
      if (typeof v === 'string' && v.trim() !== '' && isFinite(Number(v))) v = Number(v);
      if (typeof v !== 'number' || !isFinite(v)) return v == null || v === '' ? '-' : String(v);
      return nf ? nf.format(v) : String(v);
    }
    return fmt;
  }

  function makeDateFormatter(lang) {
    var locale = lang === 'en' ? 'en-US' : 'vi-VN';
    var opts = { year: 'numeric', month: 'numeric', day: 'numeric' };
    var local, utc;
    try {
      local = new Intl.DateTimeFormat(locale, opts);
      utc = new Intl.DateTimeFormat(locale, Object.assign({ timeZone: 'UTC' }, opts));
    } catch (e) {
      return function (v) { return String(v); };
    }
    return function (v) {
      if (typeof v === 'number' && isFinite(v)) return local.format(new Date(v));
      var m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
      if (m) return utc.format(new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])));
      return v == null ? '' : String(v);
    };
  }

  function firstAxis(axis) {
    return Array.isArray(axis) ? axis[0] : axis;
  }

  // A screen-reader description with the page's number and date formats,
  // after the label the page gives (data-chart-label), e.g. 'Biểu đồ “Số
  // người tham gia”. Chỉ tiêu: BHXH bắt buộc 1.022.552; BHYT 2.450.300.'
  // ECharts' own aria label reads raw values ("0, 1022552", timestamps,
  // "80.58", which a Vietnamese voice reads as eighty thousand). Returns null
  // for shapes it does not know (datasets): ECharts' label is used then.
  var MAX_DESCRIBED = 40;
  function describe(option, fmt, fmtDate, label) {
    if (option.dataset != null || !Array.isArray(option.series)) return null;
    var x = firstAxis(option.xAxis);
    var y = firstAxis(option.yAxis);
    if (!isPlainObject(x) || !isPlainObject(y)) return null;
    var catOnY = y.type === 'category' || y.type === 'time';
    var catAxis = catOnY ? y : x;
    var isTime = catAxis.type === 'time';
    var categories = Array.isArray(catAxis.data) ? catAxis.data.map(function (c) {
      return isPlainObject(c) ? c.value : c;
    }) : [];
    var nameOf = function (n) {
      return isTime ? fmtDate(n) : (n == null ? '' : String(n));
    };
    var parts = [];
    for (var i = 0; i < option.series.length; i++) {
      var s = option.series[i];
      if (!isPlainObject(s) || s.datasetIndex != null || !Array.isArray(s.data)) return null;
      var items = [];
      for (var j = 0; j < s.data.length && j < MAX_DESCRIBED; j++) {
        var d = s.data[j];
        var name = null;
        var v = d;
        if (isPlainObject(d)) {
          name = d.name;
          v = d.value;
        }
        if (Array.isArray(v)) {
          if (name == null) name = v[catOnY ? 1 : 0];
          v = v[catOnY ? 0 : 1];
        } else if (name == null) {
          name = categories[j];
        }
        name = nameOf(name);
        items.push((name ? name + ' ' : '') + fmt(v));
      }
      if (s.data.length > MAX_DESCRIBED) items.push('\u2026');
      parts.push((s.name ? s.name + ': ' : '') + items.join('; ') + '.');
    }
    return (label ? label + ' ' : '') + parts.join(' ');
  }

  // The start of a chart's screen-reader description: its container's data-chart-label, else
  // the page's words for it (words.label of chart-tools) with the caption's title.
  function chartLabel(el) {
    var own = el.getAttribute('data-chart-label');
    if (own != null) return own.trim();
    var words = tools && isPlainObject(tools.words) ? tools.words.label : null;
    var fig = el.closest ? el.closest('figure') : null;
    var caption = fig ? fig.querySelector('.chart__title') : null;
    if (typeof words !== 'string' || !caption) return '';
    return words.split('%s').join(caption.textContent.trim());
  }

  // A function formatting a value with fmt, honouring a "{value}" template if
  // the option already had one as a string.
  function templated(existing, fmt) {
    if (typeof existing === 'string' && existing.indexOf('{value}') !== -1) {
      return function (value) {
        return existing.split('{value}').join(fmt(value));
      };
    }
    return function (value) {
      return fmt(value);
    };
  }

  function styleAxis(axis, isValueAxis, fmt, pal) {
    var label = child(axis, 'axisLabel');
    label.color = pal.muted;
    if (isValueAxis && typeof label.formatter !== 'function') {
      label.formatter = templated(label.formatter, fmt);
    }
    child(child(axis, 'axisLine'), 'lineStyle').color = pal.axis;
    child(child(axis, 'axisTick'), 'lineStyle').color = pal.axis;
    child(child(axis, 'splitLine'), 'lineStyle').color = pal.grid;
    child(axis, 'nameTextStyle').color = pal.muted;
  }

  function styleTooltip(tooltip, fmt, pal) {
    if (typeof tooltip.valueFormatter !== 'function') {
      tooltip.valueFormatter = templated(tooltip.valueFormatter, fmt);
    }
    if (tooltip.renderMode == null) tooltip.renderMode = 'richText';
    tooltip.backgroundColor = pal.tooltipBg;
    tooltip.borderColor = pal.tooltipBorder;
    child(tooltip, 'textStyle').color = pal.text;
  }

  // The option marks the figures the site computed (its "computed", by series: null for a
  // series without any; the page's words with "%s" where a point's figures go, then each
  // point's figures, "" for a document's figure; or the number n of the figure's note (its
  // n-th p.calc-note, from 1) whose <span> holds the words said of each point whose cell the
  // figure's table marks as computed, class calc-cell). Their tooltips add the sign and
  // those words, so a reader never takes the site's arithmetic for a document's figure.
  function markComputed(option, marks, fmt, el) {
    if (!Array.isArray(marks) || !Array.isArray(option.series)) return;
    option.series.forEach(function (s, i) {
      var how = marks[i];
      var at = null; // a point's words, '' for a document's figure
      if (typeof how === 'number') {
        var cells = markedCells(el, i + 1);
        var words = noteWords(el, how);
        at = function (j) { return cells[j] ? words : ''; };
      } else if (Array.isArray(how) && typeof how[0] === 'string') {
        at = function (j) {
          var h = how[j + 1];
          return h ? how[0].replace('%s', function () { return h; }) : '';
        };
      }
      if (!isPlainObject(s) || !at) return;
      var tip = child(s, 'tooltip');
      var base = typeof tip.valueFormatter === 'function' ? tip.valueFormatter : function (v) { return fmt(v); };
      tip.valueFormatter = function (value, dataIndex) {
        var text = base(value, dataIndex);
        var words = at(dataIndex);
        return words ? text + ' \u2211 ' + words : text;
      };
    });
  }

  // The words of the figure's n-th note (from 1) under its table: its <span>.
  function noteWords(el, n) {
    var fig = el.closest ? el.closest('figure') : null;
    var note = fig ? fig.querySelectorAll('.calc-note')[n - 1] : null;
    var span = note ? note.querySelector('span') : null;
    return span ? span.textContent.trim() : '';
  }

  // Whether each row's cell in the column of the figure's table is marked as computed.
  function markedCells(el, column) {
    var fig = el.closest ? el.closest('figure') : null;
    var table = fig ? fig.querySelector('table') : null;
    var rows = table && table.tBodies.length ? table.tBodies[0].rows : [];
    var out = [];
    for (var r = 0; r < rows.length; r++) {
      var cell = rows[r].cells[column];
      out.push(!!cell && cell.classList.contains('calc-cell'));
    }
    return out;
  }

  // Turn the option parsed from JSON into the one given to setOption.
  function prepare(option, el, lang) {
    var fmt = makeFormatter(lang);
    var pal = palette(el);
    var marks = option.computed; // not an ECharts option: the page's own
    delete option.computed;

    if (option.aria == null) {
      option.aria = { enabled: true, decal: { show: true } };
      var description = describe(option, fmt, makeDateFormatter(lang), chartLabel(el));
      if (description) option.aria.label = { description: description };
    }
    if (option.backgroundColor == null) option.backgroundColor = 'transparent';
    if (option.color == null) option.color = seriesColours(el);

    child(option, 'textStyle').color = pal.text;
    each(option.title, function (t) {
      child(t, 'textStyle').color = pal.text;
      child(t, 'subtextStyle').color = pal.muted;
    });
    each(option.legend, function (l) {
      child(l, 'textStyle').color = pal.text;
      l.inactiveColor = pal.grid;
    });
    // ECharts defaults: xAxis is a category axis, yAxis a value axis.
    each(option.xAxis, function (a) {
      styleAxis(a, a.type === 'value' || a.type === 'log', fmt, pal);
      var label = a.axisLabel;
      if ((a.type == null || a.type === 'category') && Array.isArray(a.data) && a.data.length &&
          label.interval == null && label.width == null) {
        // Show every category, wrapping long names ("BHXH tự nguyện") onto
        // two lines instead of letting ECharts skip some; where a category has
        // less than 40 px (ten wards on a phone), the names stand upright,
        // shortened with "…" past 96 px, instead of running into each other.
        label.interval = 0;
        var room = Math.floor((el.clientWidth - 60) / a.data.length) - 8;
        if (room >= 40) {
          label.overflow = 'break';
          label.width = room;
        } else {
          label.rotate = 90;
          label.overflow = 'truncate';
          label.width = 96;
        }
      }
      if (a.type === 'time' && label.hideOverlap == null) label.hideOverlap = true;
    });
    each(option.yAxis, function (a) {
      styleAxis(a, a.type == null || a.type === 'value' || a.type === 'log', fmt, pal);
    });
    each(option.tooltip, function (t) {
      styleTooltip(t, fmt, pal);
    });
    markComputed(option, marks, fmt, el);
    each(option.series, function (s) {
      if (isPlainObject(s.tooltip) && s.tooltip.valueFormatter != null &&
          typeof s.tooltip.valueFormatter !== 'function') {
        s.tooltip.valueFormatter = templated(s.tooltip.valueFormatter, fmt);
      }
      if (isPlainObject(s.markLine)) {
        var mlLabel = child(s.markLine, 'label');
        var f = mlLabel.formatter;
        if (f == null || (typeof f === 'string' && f.indexOf('{value}') !== -1)) {
          var tpl = templated(f, fmt);
          mlLabel.formatter = function (p) {
            return tpl(p.value);
          };
        }
        if (mlLabel.color == null) mlLabel.color = pal.text;
        // Inside the grid, so the label is never cut off at the chart's edge.
        if (mlLabel.position == null) mlLabel.position = 'insideEndTop';
      }
    });
    return option;
  }

  // A series without data takes its values from the figure's table, its column (the
  // first column heads the rows); a category axis without data the rows' headers. False
  // when the figure has no table to read.
  function fillFromTable(option, el, lang) {
    var series = Array.isArray(option.series) ? option.series : [];
    if (!series.some(function (s) { return isPlainObject(s) && s.data == null; })) return true;
    var fig = el.closest ? el.closest('figure') : null;
    var table = fig ? fig.querySelector('table') : null;
    if (!table || !table.tBodies.length) return false;
    var rows = table.tBodies[0].rows;
    var categories = [];
    var columns = series.map(function () { return []; });
    for (var r = 0; r < rows.length; r++) {
      var cells = rows[r].cells;
      categories.push(cells.length ? cells[0].textContent.trim() : '');
      for (var i = 0; i < series.length; i++) {
        columns[i].push(cells[i + 1] ? parseFigure(cells[i + 1].textContent, lang) : '-');
      }
    }
    series.forEach(function (s, i) {
      if (isPlainObject(s) && s.data == null) s.data = columns[i];
    });
    each(option.xAxis, function (a) {
      if ((a.type == null || a.type === 'category') && a.data == null) a.data = categories;
    });
    return true;
  }

  // A figure as the page prints it ("1.022.552", "80,58 %"; "1,022,552", "80.58%") as a
  // number; "-", which ECharts draws as a gap, for "—" and anything else.
  function parseFigure(text, lang) {
    var t = text.replace(/[\s\u00a0\u202f%]/g, '').replace(/\u2212/g, '-');
    t = lang === 'en' ? t.replace(/,/g, '') : t.replace(/\./g, '').replace(',', '.');
    return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : '-';
  }

  // The chart's option: its data island (data-chart names it), made whole when it names
  // its kind. Null when the island is missing, not JSON or of a kind the kit lacks.
  function readOption(el) {
    var islandId = el.getAttribute('data-chart');
    var island = islandId ? document.getElementById(islandId) : null;
    if (!island) return null;
    var option;
    try {
      option = JSON.parse(island.textContent);
    } catch (e) {
      return null;
    }
    if (!isPlainObject(option)) return null;
    delete option.credit; // the chart's own credit, for its tools (chartCredit), not ECharts'
    if (option.kind != null) option = ofKind(option, el);
    if (!option) return null;
    // A series type the bundle lacks would draw an empty chart silently.
    var ok = true;
    each(option.series, function (s) {
      if (!SERIES_TYPES[s.type]) ok = false;
    });
    return ok ? option : null;
  }

  // The whole option of a chart whose island names its kind: the kit's skeleton of the
  // kind, its "series" (every series' settings) copied for each column of the figure's
  // table and named by the column's header, then the island merged over it.
  function ofKind(own, el) {
    var kit = window.covsiteChartKit;
    var skeleton = isPlainObject(kit) && isPlainObject(kit.kinds) && Object.prototype.hasOwnProperty.call(kit.kinds, own.kind) ? kit.kinds[own.kind] : null;
    var names = columnNames(el);
    if (!isPlainObject(skeleton) || !names) return null;
    var option = copyJSON(skeleton);
    var each = isPlainObject(option.series) ? option.series : {};
    option.series = names.map(function (name) {
      var s = copyJSON(each);
      s.name = name;
      return s;
    });
    delete own.kind;
    return merged(option, own);
  }

  // The headers of the figure's table's columns after the first (which heads the rows).
  function columnNames(el) {
    var fig = el.closest ? el.closest('figure') : null;
    var table = fig ? fig.querySelector('table') : null;
    var head = table && table.tHead ? table.tHead.rows[0] : null;
    if (!head) return null;
    var names = [];
    for (var i = 1; i < head.cells.length; i++) names.push(head.cells[i].textContent.trim());
    return names;
  }

  function copyJSON(v) {
    return JSON.parse(JSON.stringify(v));
  }

  // over merged into base: objects by key, arrays by index, anything else replaced.
  function merged(base, over) {
    if (isPlainObject(over) && isPlainObject(base)) {
      Object.keys(over).forEach(function (k) {
        if (k !== '__proto__') base[k] = merged(base[k], over[k]);
      });
      return base;
    }
    if (Array.isArray(over) && Array.isArray(base)) {
      over.forEach(function (v, i) { base[i] = i < base.length ? merged(base[i], v) : v; });
      return base;
    }
    return over;
  }

  function detachFallback(el) {
    var nodes = [];
    while (el.firstChild) nodes.push(el.removeChild(el.firstChild));
    return nodes;
  }

  function restore(rec) {
    var el = rec.el;
    try {
      var inst = rec.chart || window.echarts.getInstanceByDom(el);
      if (inst) inst.dispose();
    } catch (e) {
      // ignore: we are falling back anyway
    }
    rec.chart = null;
    while (el.firstChild) el.removeChild(el.firstChild);
    rec.fallback.forEach(function (n) { el.appendChild(n); });
    ['role', 'aria-label'].forEach(function (name) {
      if (rec.attrs[name] == null) el.removeAttribute(name);
      else el.setAttribute(name, rec.attrs[name]);
    });
    el.removeAttribute('_echarts_instance_');
  }

  function labelIfUnlabelled(el, option) {
    if (el.hasAttribute('aria-label')) return;
    el.setAttribute('role', 'img');
    var name = '';
    each(option.title, function (t) {
      if (!name && typeof t.text === 'string') name = t.text;
    });
    if (!name) {
      var fig = el.closest ? el.closest('figure') : null;
      var cap = fig ? fig.querySelector('figcaption') : null;
      if (cap) name = cap.textContent.trim();
    }
    if (name) el.setAttribute('aria-label', name);
  }

  // Draw (or redraw) one chart. Returns true if it is on screen.
  function draw(rec) {
    var echarts = window.echarts;
    if (!echarts || typeof echarts.init !== 'function') return false;
    var option = readOption(rec.el);
    if (!option) return false;
    var lang = pageLang();
    var el = rec.el;
    if (!fillFromTable(option, el, lang)) return false;
    try {
      if (!rec.chart) {
        rec.attrs = { role: el.getAttribute('role'), 'aria-label': el.getAttribute('aria-label') };
        rec.fallback = detachFallback(el);
        if (el.clientWidth === 0 || el.clientHeight === 0) {
          // Hidden or not sized by CSS: keep the fallback, retry on resize.
          restore(rec);
          return false;
        }
        rec.chart = echarts.init(el, null, { renderer: 'svg', locale: lang === 'en' ? 'EN' : 'VI' });
      }
      // Redraws merge into the drawn chart, so they transition smoothly.
      rec.chart.setOption(prepare(option, el, lang));
      labelIfUnlabelled(el, option);
      return true;
    } catch (e) {
      restore(rec);
      rec.failed = true; // do not retry on resize
      return false;
    }
  }


  // ---- Chart tools: download as PNG and SVG, and the embed code ("Nhúng") ----------
  //
  // The layout gives a JSON data island <script type="application/json"
  // id="chart-tools"> (internal/view ChartTools), once per page: the words (of the buttons,
  // and the start of a chart's screen-reader label), the credit line (source and date) of
  // the page's charts — a chart whose figures come from other documents carries its own
  // in its island ("credit", chartCredit) —, to which this script adds the site's name,
  // and the address of their embeds less the chart's id, which it adds too. A chart's title is its caption's
  // .chart__title and its qualifier the caption's .chart__note (in an embed, the caption is
  // the heading's), its files are named after the page's path and its id
  // ("an-duong-chart-1"), and the iframe code is the chart kit's (js/chart-kit.js), with
  // "{src}" where the embed's absolute address goes, then the host's optional resize script.
  // A chart is exported with ECharts' own SVG export (renderToSVGString, the bundle's SVG
  // renderer), framed with its title and qualifier above and its credit below, each wrapped
  // to the image's width; PNG is that SVG drawn on a canvas at twice the size. Each export
  // dispatches a "chartexport" event on the figure (detail: type, blob, file) before the
  // download starts.

  var tools = null;

  function readTools(doc) {
    var island = doc.getElementById('chart-tools');
    if (!island) return null;
    try {
      var t = JSON.parse(island.textContent);
      return isPlainObject(t) && isPlainObject(t.words) ? t : null;
    } catch (e) {
      return null;
    }
  }

  var SVG_NS = 'http://www.w3.org/2000/svg';
  var PAD = 16;
  // The export's lines: the title (bold), its qualifier (the caption's note: "chỉ tiêu 2026
  // theo …", without which a chart of targets reads as results) and the credit, each wrapped
  // to the image's width less its margins, as many lines as it needs.
  var TITLE = { size: 20, weight: 700, line: 26 };
  var NOTE = { size: 14, weight: 400, line: 20 };
  var CREDIT = { size: 13, weight: 400, line: 18 };
  var XML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\u0022': '&quot;' };

  function escapeXML(s) {
    return String(s).replace(/[&<>\u0022]/g, function (c) { return XML_ESCAPES[c]; });
  }

  // svgTag writes an element as text (elements made in the page would apply the
  // export's style attributes there, which the Content-Security-Policy forbids).
  function svgTag(name, attrs, content) {
    var out = '<' + name;
    Object.keys(attrs).forEach(function (k) {
      out += ' ' + k + '=\u0022' + escapeXML(attrs[k]) + '\u0022';
    });
    return out + '>' + (content == null ? '' : content) + '</' + name + '>';
  }

  // measurer measures text in a font family with a canvas; without one, by an average
  // glyph width with a margin (0.62 em, wider than the average of Vietnamese text).
  function measurer(family) {
    var ctx = null;
    try {
      ctx = document.createElement('canvas').getContext('2d');
    } catch (e) {
      ctx = null;
    }
    return function (text, kind) {
      if (!ctx) return text.length * kind.size * 0.62;
      ctx.font = kind.weight + ' ' + kind.size + 'px ' + family;
      return ctx.measureText(text).width;
    };
  }

  // wrap cuts text into lines no wider than width, at spaces; a word wider than width
  // alone is cut between its characters.
  function wrap(text, kind, width, measure) {
    var lines = [], line = '';
    String(text || '').split(/\s+/).filter(Boolean).forEach(function (word) {
      var next = line ? line + ' ' + word : word;
      if (measure(next, kind) <= width) {
        line = next;
        return;
      }
      if (line) lines.push(line);
      line = '';
      Array.from(word).forEach(function (ch) {
        if (line && measure(line + ch, kind) > width) {
          lines.push(line);
          line = '';
        }
        line += ch;
      });
    });
    if (line) lines.push(line);
    return lines;
  }

  // textBlock writes lines of one kind from y (the first line's top), in a group of class
  // cls; it returns the SVG and the y below it.
  function textBlock(lines, kind, y, font, cls) {
    var out = '';
    lines.forEach(function (l) {
      y += kind.line;
      out += svgTag('text', Object.assign({ x: PAD, y: y - Math.round((kind.line - kind.size) / 2 + kind.size * 0.2), 'font-size': kind.size, 'font-weight': kind.weight }, font), escapeXML(l));
    });
    return { svg: out ? svgTag('g', { class: cls }, out) : '', y: y };
  }

  // framedSVG is the chart's SVG (ECharts' own export) with its title and qualifier above
  // and its credit below, on the page's background colour and in its font.
  function framedSVG(rec, use) {
    var inst = rec.chart;
    var inner = inst.renderToSVGString().replace(/^<\?xml[^>]*>/, '');
    var w = inst.getWidth(), h = inst.getHeight();
    var style = getComputedStyle(document.body);
    var font = { 'font-family': style.fontFamily, fill: style.color };
    var measure = measurer(style.fontFamily), width = w - 2 * PAD;
    var title = textBlock(wrap(use.title, TITLE, width, measure), TITLE, PAD / 2, font, 'export-title');
    var note = textBlock(wrap(use.note, NOTE, width, measure), NOTE, title.y, font, 'export-note');
    var top = note.y + PAD / 2;
    var credit = textBlock(wrap(use.credit, CREDIT, width, measure), CREDIT, top + h + PAD / 2, font, 'export-credit');
    var height = Math.ceil(credit.y + PAD / 2);
    return svgTag('svg', { xmlns: SVG_NS, width: w, height: height },
      svgTag('rect', { width: w, height: height, fill: style.backgroundColor }) +
      title.svg + note.svg +
      svgTag('g', { transform: 'translate(0,' + top + ')' }, inner) +
      credit.svg);
  }

  function deliver(fig, type, blob, file) {
    try {
      fig.dispatchEvent(new CustomEvent('chartexport', { detail: { type: type, blob: blob, file: file + '.' + type } }));
    } catch (e) {
      // old browsers: the download still happens
    }
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = file + '.' + type;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () {
      URL.revokeObjectURL(a.href);
      a.remove();
    }, 1000);
  }

  function exportChart(rec, use, type) {
    if (!rec.chart || typeof rec.chart.renderToSVGString !== 'function') return;
    var fig = rec.el.closest('figure') || rec.el;
    var svg = framedSVG(rec, use);
    if (type === 'svg') {
      deliver(fig, 'svg', new Blob([svg], { type: 'image/svg+xml' }), use.file);
      return;
    }
    var img = new Image();
    img.onload = function () {
      var scale = 2;
      var canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth * scale;
      canvas.height = img.naturalHeight * scale;
      var ctx = canvas.getContext('2d');
      ctx.scale(scale, scale);
      ctx.drawImage(img, 0, 0);
      canvas.toBlob(function (blob) {
        if (blob) deliver(fig, 'png', blob, use.file);
      }, 'image/png');
    };
    // A data: URL: the Content-Security-Policy allows img-src 'self' data:, not blob:.
    img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg);
  }

  function button(text, cls) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = cls;
    b.textContent = text;
    return b;
  }

  // What a chart's tools need: its title (its caption), credit, file name and embed address.
  function chartUse(rec) {
    var id = rec.el.id;
    var fig = rec.el.closest('figure');
    // An embed moves the caption into its heading (#embed-title): its title, its note.
    var cap = (fig && fig.querySelector('figcaption')) || document.getElementById('embed-title');
    var caption = cap ? cap.querySelector('.chart__title') : null;
    var note = cap ? cap.querySelector('.chart__note') : null;
    var embed = typeof tools.embed === 'string' && tools.embed ? tools.embed + id : '';
    return {
      title: caption ? caption.textContent.trim() : '',
      note: note ? note.textContent.trim() : '',
      credit: creditLine(chartCredit(rec.el, tools.credit), tools.site),
      file: fileName(tools.path, id),
      embed: embed,
    };
  }

  // The credit (sources and date) of the chart drawn in el: its island's own "credit",
  // given when the figures it draws are not of the documents of the page's other charts,
  // else pageCredit, the page's (chart-tools' credit).
  // key reads another member of the credit's ("creditVI": the names in it an English
  // page gives in Vietnamese), from the island whose credit it is.
  function chartCredit(el, pageCredit, key) {
    var id = el.getAttribute('data-chart');
    var island = id ? el.ownerDocument.getElementById(id) : null;
    try {
      var own = island ? JSON.parse(island.textContent) : null;
      if (isPlainObject(own) && typeof own.credit === 'string') return key ? own[key] : own.credit;
    } catch (e) {
      // an unreadable island draws no chart; its credit is the page's
    }
    return pageCredit;
  }

  // markVietnamese wraps in <span lang="vi"> each of names (strings) found in el's text,
  // so a screen reader reads the Vietnamese of an English credit with Vietnamese rules.
  function markVietnamese(el, names) {
    if (!Array.isArray(names)) return;
    names.forEach(function (name) {
      if (typeof name !== 'string' || !name) return;
      var nodes = [];
      for (var n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 3) nodes.push(n);
      nodes.forEach(function (node) {
        var at = node.data.indexOf(name);
        if (at < 0) return;
        var rest = node.splitText(at);
        rest.splitText(name.length);
        var span = document.createElement('span');
        span.lang = 'vi';
        el.replaceChild(span, rest);
        span.appendChild(rest);
      });
    });
  }

  // A chart's credit line: its credit (sources and date), then the site's name.
  function creditLine(credit, site) {
    credit = typeof credit === 'string' ? credit : '';
    return credit && site ? credit + ' \u00b7 ' + site : credit || site || '';
  }

  // The site's name as the page gives it: its og:site_name, else its brand link's text.
  function siteName(doc) {
    var meta = doc.querySelector('meta[property="og:site_name"]');
    var brand = doc.querySelector('.brand');
    return meta ? meta.getAttribute('content') || '' : (brand ? brand.textContent.trim() : '');
  }

  // The name of a chart's files: the last segment of its page's path, then its id —
  // "/dia-phuong/an-duong/" and "chart-1" → "an-duong-chart-1".
  function fileName(path, id) {
    var parts = String(path || '').replace(/index\.html$/, '').split('/').filter(Boolean);
    return parts.length ? parts[parts.length - 1] + '-' + id : id;
  }

  function addTools(rec) {
    if (!tools || rec.tools) return;
    var id = rec.el.id;
    var use = chartUse(rec);
    var w = tools.words;
    var kit = window.covsiteChartKit;
    var snippet = isPlainObject(kit) && typeof kit.snippet === 'string' ? kit.snippet : '';
    var bar = document.createElement('div');
    bar.className = 'chart__tools';
    var png = button(w.png, 'chart__tool');
    var svg = button(w.svg, 'chart__tool');
    png.addEventListener('click', function () { exportChart(rec, use, 'png'); });
    svg.addEventListener('click', function () { exportChart(rec, use, 'svg'); });
    bar.appendChild(png);
    bar.appendChild(svg);
    if (use.embed && snippet) {
      var open = button(w.embed, 'chart__tool');
      var panel = document.createElement('div');
      panel.className = 'chart__embed';
      panel.id = id + '-embed';
      panel.hidden = true;
      open.setAttribute('aria-expanded', 'false');
      open.setAttribute('aria-controls', panel.id);
      var label = document.createElement('label');
      label.htmlFor = id + '-snippet';
      label.textContent = w.snippet;
      var code = document.createElement('textarea');
      code.id = id + '-snippet';
      code.readOnly = true;
      code.rows = 5;
      code.value = fill(snippet, {
        src: escapeXML(new URL(use.embed, location.href).href),
        title: escapeXML(use.title),
      });
      var copy = button(w.copy, 'chart__tool');
      var status = document.createElement('p');
      status.className = 'chart__status';
      status.setAttribute('role', 'status');
      copy.addEventListener('click', function () {
        code.select();
        var done = function () { status.textContent = w.copied; };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(code.value).then(done, function () {});
        }
      });
      open.addEventListener('click', function () {
        var show = panel.hidden;
        panel.hidden = !show;
        open.setAttribute('aria-expanded', show ? 'true' : 'false');
        if (show) code.focus();
      });
      panel.appendChild(label);
      panel.appendChild(code);
      panel.appendChild(copy);
      panel.appendChild(status);
      bar.appendChild(open);
      bar.appendChild(panel);
    }
    rec.el.parentNode.insertBefore(bar, rec.el.nextSibling);
    rec.tools = bar;
  }

  function redrawAll() {
    charts.forEach(function (rec) {
      if (rec.chart) draw(rec);
    });
  }

  var resizeTimer = 0;
  function onResize() {
    if (resizeTimer) clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      resizeTimer = 0;
      charts.forEach(function (rec) {
        if (!rec.chart) {
          if (!rec.failed && draw(rec)) addTools(rec);
          return;
        }
        try {
          rec.chart.resize();
        } catch (e) {
          restore(rec);
          return;
        }
        draw(rec); // label widths follow the new size
      });
    }, RESIZE_DELAY_MS);
  }

  // fill replaces each {key} of a template with values[key] (no $-patterns: a title may
  // hold a dollar sign).
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : m;
    });
  }

  // ---- The charts' embed page (layouts/embed.html, internal/routes ChartEmbed) --------
  //
  // One page per language shows any chart of the site alone, in an iframe on another
  // site: its query names the chart's page, relative to the language's root (the main
  // element's data-root), and the chart's id: ?p=dia-phuong/x/&c=chart-1. The page is
  // fetched from this site (connect-src 'self'), parsed inertly (DOMParser runs no script)
  // and the chart's figure — caption, chart island, table, marks of computed figures —
  // copied here; its caption becomes the heading, after the page's name (the title said
  // once); its credit (source and date) is its island's own or the page's chart-tools
  // island's — a ranking's, the one in its figure —, shown at the top; its words are that
  // island's, its files are named after the page, and the link back leads to the figure on
  // its page. The chart takes the height the frame leaves (fitEmbed), and the page tells
  // its parent its height (postHeight). The words shown while loading, when the page or
  // chart is missing, and of the link back are the main element's data attributes.

  var EMBED_ROUTE = /^(?:[a-z0-9][a-z0-9-]*\/)+$/;
  var EMBED_CHART = /^[a-z0-9][a-z0-9-]*$/;

  function loadEmbed(main) {
    var status = document.getElementById('embed-status');
    var say = function (key) { status.textContent = main.getAttribute('data-' + key) || ''; };
    var query = new URLSearchParams(location.search);
    var route = query.get('p') || '';
    var id = query.get('c') || '';
    if (!EMBED_ROUTE.test(route) || !EMBED_CHART.test(id)) {
      say('nopage');
      return;
    }
    var root = new URL(main.getAttribute('data-root') || '/', location.href);
    var url = new URL(route, root);
    if (url.origin !== location.origin) {
      say('nopage');
      return;
    }
    say('loading');
    fetch(url.href, { credentials: 'same-origin' }).then(function (res) {
      if (!res.ok) throw new Error(res.status);
      return res.text();
    }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, 'text/html');
      var fig = embeddable(doc, id);
      if (!fig) {
        say('nochart');
        return;
      }
      showEmbed(main, doc, fig, url);
      status.textContent = '';
      status.hidden = true;
      drawAll();
    }).catch(function () {
      say('nopage');
    });
  }

  // embeddable is the figure the query names: a chart's (<id>-figure, holding the chart),
  // or a figure drawn without ECharts that says it may be embedded (<figure id="<id>"
  // data-embed>: the ranking of a locality's children, its credit in the figure).
  function embeddable(doc, id) {
    var fig = doc.getElementById(id + '-figure');
    if (fig && fig.querySelector('[data-chart]')) return fig;
    fig = doc.getElementById(id);
    return fig && fig.tagName === 'FIGURE' && fig.hasAttribute('data-embed') ? fig : null;
  }

  function showEmbed(main, doc, fig, url) {
    // A figure drawn without ECharts (data-embed) holds its own credit, and has no tools.
    var pageTools = fig.hasAttribute('data-embed') ? null : readTools(doc);
    var h1 = doc.querySelector('h1');
    var name = h1 ? h1.textContent.trim() : '';
    var copy = document.importNode(fig, true);
    var chartTitle = headEmbed(name, copy);
    var title = name && chartTitle ? name + ' \u2014 ' + chartTitle : (chartTitle || name);
    document.title = title + ' \u00b7 ' + (main.getAttribute('data-site') || '');
    // Links of the figure lead to the site, in a new tab, not inside the iframe.
    var links = copy.querySelectorAll('a[href]');
    for (var i = 0; i < links.length; i++) {
      var to = new URL(links[i].getAttribute('href'), url);
      if (to.protocol !== 'http:' && to.protocol !== 'https:') {
        links[i].removeAttribute('href');
        continue;
      }
      links[i].href = to.href;
      links[i].target = '_blank';
      links[i].rel = 'noopener';
    }
    // A figure's own credit (a ranking's) goes to the top, where the reader of a short
    // iframe sees it without scrolling.
    var own = pageTools ? null : copy.querySelector(':scope > .childranking__credit');
    if (own) own.remove();
    document.getElementById('embed-figure').appendChild(copy);
    var site = main.getAttribute('data-site') || '';
    var canvas = pageTools ? fig.querySelector('[data-chart]') : null;
    var credit = canvas ? chartCredit(canvas, pageTools.credit) : (own ? own.textContent.trim() : '');
    var creditEl = document.getElementById('embed-credit');
    if (own) {
      // the ranking's credit as its page wrote it: its links, and the names an English page
      // gives in Vietnamese marked lang="vi"
      creditEl.textContent = '';
      while (own.firstChild) creditEl.appendChild(own.firstChild);
      if (site) creditEl.appendChild(document.createTextNode(' \u00b7 ' + site));
    } else if (pageTools) {
      creditEl.textContent = creditLine(credit, site);
      markVietnamese(creditEl, chartCredit(canvas, pageTools.creditVI, 'creditVI'));
    }
    var back = document.getElementById('embed-back');
    back.href = url.href + '#' + fig.id;
    if (name) back.textContent = (main.getAttribute('data-back') || '%s').split('%s').join(name);
    if (pageTools) { // an embed offers downloads, not its own embed code
      tools = { words: pageTools.words, credit: credit, site: site, path: url.pathname };
    }
    fitEmbed(main);
  }

  // headEmbed moves the figure's caption (its title and note) into the embed's heading,
  // after the page's name, so the embed says its title once; what the caption labelled,
  // the heading labels. It returns the caption's title.
  function headEmbed(name, copy) {
    var heading = document.getElementById('embed-title');
    var cap = copy.querySelector(':scope > figcaption');
    var caption = cap ? cap.querySelector('.chart__title') : null;
    var chartTitle = caption ? caption.textContent.trim() : '';
    heading.textContent = name && chartTitle ? name + ' \u2014 ' : name;
    if (!cap) return chartTitle;
    while (cap.firstChild) heading.appendChild(cap.firstChild);
    if (cap.id) {
      var labelled = copy.querySelectorAll('[aria-labelledby]');
      for (var i = 0; i < labelled.length; i++) {
        labelled[i].setAttribute('aria-labelledby', labelled[i].getAttribute('aria-labelledby').split(/\s+/).map(function (ref) {
          return ref === cap.id ? heading.id : ref;
        }).join(' '));
      }
    }
    if (copy.querySelector('[data-chart]') && !copy.hasAttribute('aria-labelledby')) copy.setAttribute('aria-labelledby', heading.id);
    // A table captioned with the figure's title (a ranking's) is named by the heading too.
    var captions = copy.querySelectorAll('table > caption');
    for (var j = 0; j < captions.length; j++) {
      if (!chartTitle || captions[j].textContent.trim().indexOf(chartTitle) !== 0) continue;
      captions[j].parentNode.setAttribute('aria-labelledby', heading.id);
      captions[j].remove();
    }
    cap.remove();
    return chartTitle;
  }

  // The chart of an embed takes the height its frame leaves below the heading and credit,
  // less its tools' row, between EMBED_MIN and EMBED_MAX pixels; it is set once, when the
  // chart is shown (a frame that grows to its content, see postHeight, does not grow the
  // chart with it).
  var EMBED_MIN = 200, EMBED_MAX = 440, EMBED_TOOLS = 60;

  function fitEmbed(main) {
    var canvas = main.querySelector('#embed-figure [data-chart]');
    if (canvas) {
      var left = window.innerHeight - canvas.getBoundingClientRect().top - EMBED_TOOLS;
      canvas.style.height = Math.round(Math.max(EMBED_MIN, Math.min(EMBED_MAX, left))) + 'px';
    }
    postHeight();
    if (typeof ResizeObserver === 'function') new ResizeObserver(postHeight).observe(document.body);
  }

  // postHeight tells the page that frames this embed (and no one else) the height of its
  // content, for the host's resize script (view.EmbedResizeScript) to set the iframe's
  // height: {covsite: "embed-height", src: this embed's address, height: pixels}. The
  // script finds the iframe by the message's source window.
  var lastHeight = 0;
  function postHeight() {
    if (window.parent === window) return;
    var height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === lastHeight) return;
    lastHeight = height;
    window.parent.postMessage({ covsite: 'embed-height', src: location.href, height: height }, parentOrigin());
  }

  // parentOrigin is the origin of the page that frames this one, where the browser says
  // (ancestorOrigins, else the referrer the host's policy sends), else "*": the message
  // goes to the parent window alone either way, and holds nothing but a height and this
  // page's address.
  function parentOrigin() {
    var a = location.ancestorOrigins;
    if (a && a.length && a[0] !== 'null') return a[0];
    try {
      return document.referrer ? new URL(document.referrer).origin : '*';
    } catch (e) {
      return '*';
    }
  }

  function start() {
    try {
      darkQuery = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
    } catch (e) {
      darkQuery = null;
    }
    var main = document.querySelector('[data-embed-chart]');
    if (main) {
      loadEmbed(main);
      return;
    }
    tools = readTools(document);
    if (tools) {
      tools.path = location.pathname;
      tools.site = siteName(document);
    }
    drawAll();
  }

  function drawAll() {
    if (!window.echarts) return;
    var els = document.querySelectorAll('[data-chart]');
    for (var i = 0; i < els.length; i++) {
      var rec = { el: els[i], chart: null, fallback: [], attrs: {} };
      // Unreadable JSON never becomes readable: do not retry it on resize.
      rec.failed = !readOption(rec.el);
      charts.push(rec);
      if (!rec.failed && draw(rec)) addTools(rec);
    }
    if (!charts.length) return;
    window.addEventListener('resize', onResize);
    if (darkQuery) {
      if (typeof darkQuery.addEventListener === 'function') {
        darkQuery.addEventListener('change', redrawAll);
      } else if (typeof darkQuery.addListener === 'function') {
        darkQuery.addListener(redrawAll); // Safari < 14
      }
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
