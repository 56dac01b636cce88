// Tile maps: the arrow keys move the focus between the tiles of a map, to the nearest tile
// in that direction (tiles are links, so Tab and Enter work without this script). The
// layout gives each link its place in data-row and data-col; this script holds no text.
(function () {
  "use strict";
  var moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

  function place(a) { return [Number(a.dataset.row), Number(a.dataset.col)]; }

  // nearest returns the tile closest to from in direction d, or null.
  function nearest(links, from, d) {
    var p = place(from), best = null, bestCost = Infinity;
    links.forEach(function (a) {
      if (a === from) { return; }
      var q = place(a), dr = q[0] - p[0], dc = q[1] - p[1];
      var along = dr * d[0] + dc * d[1];
      if (along <= 0) { return; }
      var across = Math.abs(d[0] !== 0 ? dc : dr);
      var cost = along + 2 * across;
      if (cost < bestCost) { best = a; bestCost = cost; }
    });
    return best;
  }

  function init(map) {
    var links = Array.prototype.slice.call(map.querySelectorAll("a[data-row]"));
    map.addEventListener("keydown", function (e) {
      var d = moves[e.key];
      if (!d || e.altKey || e.ctrlKey || e.metaKey) { return; }
      var to = nearest(links, e.target.closest("a[data-row]"), d);
      if (to) { e.preventDefault(); to.focus(); }
    });
    map.addEventListener("keydown", function (e) {
      if (e.key !== "Home" && e.key !== "End") { return; }
      e.preventDefault();
      (e.key === "Home" ? links[0] : links[links.length - 1]).focus();
    });
  }

  document.querySelectorAll("[data-tilemap]").forEach(init);
})();

// An embed code written with the site's path (a site whose base URL has no origin) gets
// this page's origin, so it works when pasted on another site. The code holds the address
// escaped as an attribute (Go's html.EscapeString: a ranking's embed has "&" in its query).
(function () {
  "use strict";
  var escapes = [["&", "&amp;"], ["<", "&lt;"], [">", "&gt;"], ["\u0022", "&#34;"], ["\u0027", "&#39;"]];
  function escape(s) {
    escapes.forEach(function (e) { s = s.split(e[0]).join(e[1]); });
    return s;
  }
  document.querySelectorAll("textarea[data-src]").forEach(function (ta) {
    var src = ta.getAttribute("data-src");
    var abs = escape(new URL(src, location.href).href);
    ta.value = ta.value.replace(escape(src), function () { return abs; });
  });
})();

// A map's embed page (body.page-embed) tells the page that frames it its content's height,
// as charts.js does for the charts' embeds ({covsite: "embed-height", src, height}), for the
// resize script the embed code offers (internal/view EmbedResizeScript).
(function () {
  "use strict";
  if (!document.body.classList.contains("page-embed") || window.parent === window) { return; }
  var last = 0;
  function post() {
    var height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === last) { return; }
    last = height;
    window.parent.postMessage({ covsite: "embed-height", src: location.href, height: height }, parentOrigin());
  }
  // The framing page's origin, as charts.js finds it; else "*" (the parent window alone).
  function parentOrigin() {
    var a = location.ancestorOrigins;
    if (a && a.length && a[0] !== "null") { return a[0]; }
    try { return document.referrer ? new URL(document.referrer).origin : "*"; } catch (e) { return "*"; }
  }
  post();
  if (typeof ResizeObserver === "function") { new ResizeObserver(post).observe(document.body); }
})();
