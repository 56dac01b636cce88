// Locality search for covsite: loads the build-time index on first use and matches names
// accent- and case-insensitively ("tra vinh", "TRA VINH", "trà vinh" all find "Trà Vinh"),
// Ð as Đ: each word typed must start a word of the locality's names or kind, or abbreviate
// its kind ("TP Trà Vinh", "TX", "TT", "P.", "X.", "Q.", "H."). The index is a small
// manifest per language (tim-kiem.json) and shards by first letter of a word, shared by the
// languages (/tim-kiem/t.json); a query loads the shards of its words that start no word
// of a kind (internal/render/download explains why every match is in one). A query may
// name the parent too ("tra vinh phuong 1", "Phường 1 Trà Vinh"): each word must start a
// word of the locality's names or of its parent's, one at least its own; the localities
// the query names wholly come first. No server, no other origin. Keyboard: ↑/↓ to move,
// Enter to open, Esc to close.
(function () {
  'use strict';
  // BEGIN tables of internal/textutil (TestSearchJSFoldsAsGo checks them against Go's)
  var STROKES = [[0x0110, 0x0044], [0x0111, 0x0064], [0x00d0, 0x0044], [0x00f0, 0x0064]];
  var KIND_ABBREVIATIONS = [[["thanh", "pho"], "tp"], [["thi", "xa"], "tx"], [["thi", "tran"], "tt"], [["phuong"], "p"], [["xa"], "x"], [["huyen"], "h"], [["quan"], "q"], [["tinh"], "t"], [["dac", "khu"], "dk"]];
  // END tables of internal/textutil
  // fold removes the marks and lowers the case, as textutil.Fold: "Long Ðức" → "long duc".
  function fold(s) {
    s = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    STROKES.forEach(function (p) { s = s.split(String.fromCharCode(p[0])).join(String.fromCharCode(p[1])); });
    return s.toLowerCase();
  }
  // spelledOut is the kind an abbreviation typed stands for, as words ("tp" → ["thanh",
  // "pho"]), or null.
  function spelledOut(w) {
    for (var i = 0; i < KIND_ABBREVIATIONS.length; i++) {
      if (KIND_ABBREVIATIONS[i][1] === w) { return KIND_ABBREVIATIONS[i][0]; }
    }
    return null;
  }
  // matches reports whether the query word w finds a locality whose words are ew: w starts
  // one of them, or w abbreviates a kind whose words ew holds in a row ("tp": "thanh pho").
  function matches(ew, w) {
    if (ew.some(function (x) { return x.indexOf(w) === 0; })) { return true; }
    var full = spelledOut(w);
    if (!full) { return false; }
    for (var i = 0; i + full.length <= ew.length; i++) {
      if (full.every(function (f, j) { return ew[i + j] === f; })) { return true; }
    }
    return false;
  }
  // words cuts folded text at every character that is not a letter or a digit, as the
  // build does (download.Words).
  // A kind's abbreviation written against a number ("p1", "Q10") is two words, as the
  // importer reads it: "p 1".
  function words(s) {
    var out = [];
    fold(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean).forEach(function (w) {
      var m = /^([a-z]+)(\d+)$/.exec(w);
      if (m && spelledOut(m[1])) { out.push(m[1], m[2]); } else { out.push(w); }
    });
    return out;
  }
  function shardKey(w) {
    return /^[a-z0-9]/.test(w) ? w.charAt(0) : '_';
  }
  function setup(input) {
    var form = input.form;
    var list = document.getElementById(input.getAttribute('aria-controls'));
    var status = form.querySelector('[role="status"]');
    var manifest = null; // a promise of the manifest, asked for once
    var kindWords = [];
    var shards = {};
    var active = -1;
    function get(url) {
      return fetch(url, { credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : null; })
        .catch(function () { return null; });
    }
    function load() {
      if (!manifest) {
        manifest = get(input.dataset.index).then(function (m) {
          m = m && m.k ? m : { u: '', s: '', h: '', n: 0, k: [], p: [], e: [''] };
          m.k.forEach(function (k) { kindWords = kindWords.concat(k[1].split(' ')); });
          return m;
        });
      }
      return manifest;
    }
    // shard loads the localities of one shard, as entries: name shown (n), kind (k),
    // parent (p), URL (u), former (e) and the words a query matches (w).
    function shard(key) {
      if (shards[key]) { return shards[key]; }
      shards[key] = load().then(function (m) {
        if (m.h.indexOf(key) === -1) { return []; }
        return get(m.s.replace('{key}', key)).then(function (rows) {
          return (rows || []).map(function (row) {
            var kind = m.k[row[2]] || ['', ''];
            var name = m.n === 1 && row[5] ? row[5] : row[1];
            return {
              n: name + (m.e[row[4]] || ''),
              k: kind[0],
              p: row[3] >= 0 ? m.p[row[3]] : '',
              u: m.u.replace('{id}', row[0]),
              e: row[4] > 0,
              w: words(row[1] + ' ' + (row[5] || '') + ' ' + kind[1]),
              pw: row[3] >= 0 ? parentWords(m, row[3]) : []
            };
          });
        });
      });
      return shards[key];
    }
    // parentWords are the words of a parent's label, made once a parent.
    var parentCache = {};
    function parentWords(m, i) {
      if (!parentCache[i]) { parentCache[i] = words(m.p[i]); }
      return parentCache[i];
    }
    // keysOf picks the shards of a query: of each word that starts no word of a kind and
    // abbreviates none (a query may name the parent too: "tra vinh phuong 1" is in "1"),
    // else of its first word.
    function keysOf(qw) {
      var keys = [];
      qw.forEach(function (w) {
        var k = shardKey(w);
        if (!spelledOut(w) && !kindWords.some(function (kw) { return kw.indexOf(w) === 0; }) && keys.indexOf(k) === -1) { keys.push(k); }
      });
      return keys.length ? keys : [shardKey(qw[0])];
    }
    // fit says how a locality answers the query words: -1 when it does not, else how many of
    // them only its parent's name holds. At least one word must be the locality's own.
    function fit(e, qw) {
      var own = 0, parent = 0;
      for (var i = 0; i < qw.length; i++) {
        if (matches(e.w, qw[i])) { own++; } else if (matches(e.pw, qw[i])) { parent++; } else { return -1; }
      }
      return own > 0 ? parent : -1;
    }
    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }
    function select(i) {
      var items = list.querySelectorAll('li');
      if (!items.length) { return; }
      active = (i + items.length) % items.length;
      items.forEach(function (li, j) { li.setAttribute('aria-selected', j === active ? 'true' : 'false'); });
      input.setAttribute('aria-activedescendant', items[active].id);
      items[active].scrollIntoView({ block: 'nearest' });
    }
    function search(q) {
      var qw = words(q);
      if (!qw.length) { close(); return; }
      load().then(function () { return Promise.all(keysOf(qw).map(shard)); }).then(function (sets) {
        var seen = {}, hits = [];
        sets.forEach(function (data) {
          data.forEach(function (e) {
            if (seen[e.u]) { return; }
            seen[e.u] = true;
            e.f = fit(e, qw);
            if (e.f >= 0) { hits.push(e); }
          });
        });
        var fq = qw.join(' ');
        hits.sort(function (a, b) {
          var sa = fold(a.n).indexOf(fq) === 0 ? 0 : 1, sb = fold(b.n).indexOf(fq) === 0 ? 0 : 1;
          return sa - sb || a.f - b.f || (a.e ? 1 : 0) - (b.e ? 1 : 0) || a.n.localeCompare(b.n, document.documentElement.lang);
        });
        if (input.value === q) { render(hits.slice(0, 20), q); }
      });
    }
    // render shows the hits for query q; data-query on the list tells which query it shows.
    function render(hits, q) {
      list.textContent = '';
      list.setAttribute('data-query', q);
      hits.forEach(function (e, i) {
        var li = document.createElement('li');
        li.id = 'search-hit-' + i;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        var a = document.createElement('a');
        a.href = e.u;
        a.tabIndex = -1;
        a.textContent = e.n;
        var meta = document.createElement('span');
        meta.className = 'muted';
        meta.textContent = e.k + (e.p ? ' · ' + e.p : '');
        a.appendChild(meta);
        li.appendChild(a);
        list.appendChild(li);
      });
      list.hidden = hits.length === 0;
      input.setAttribute('aria-expanded', hits.length ? 'true' : 'false');
      active = -1;
      if (status) {
        status.textContent = hits.length ? status.dataset.count.replace('%d', hits.length) : status.dataset.none;
      }
    }
    input.addEventListener('input', function () { search(input.value); });
    input.addEventListener('focus', function () { load(); });
    input.addEventListener('keydown', function (ev) {
      if (ev.key === 'ArrowDown') { ev.preventDefault(); select(active + 1); }
      else if (ev.key === 'ArrowUp') { ev.preventDefault(); select(active - 1); }
      else if (ev.key === 'Escape') { close(); }
      else if (ev.key === 'Enter') {
        var items = list.querySelectorAll('li a');
        var target = active >= 0 ? items[active] : items[0];
        if (target && !list.hidden) { ev.preventDefault(); window.location.href = target.href; }
      }
    });
    document.addEventListener('click', function (ev) { if (!form.contains(ev.target)) { close(); } });
    var q = new URLSearchParams(window.location.search).get('q');
    if (q) { input.value = q; search(q); }
  }
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('input[data-index]').forEach(setup);
  });
})();
