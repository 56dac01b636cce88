// Locality search for covsite: loads the build-time index (tim-kiem.json) on first use and
// matches names accent- and case-insensitively ("tra vinh", "TRA VINH", "trà vinh" all find
// "Trà Vinh"). No server, no other origin. Keyboard: ↑/↓ to move, Enter to open, Esc to close.
(function () {
  'use strict';
  function fold(s) {
    return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
  }
  function setup(input) {
    var form = input.form;
    var list = document.getElementById(input.getAttribute('aria-controls'));
    var status = form.querySelector('[role="status"]');
    var entries = null;
    var active = -1;
    function load() {
      if (entries) { return Promise.resolve(entries); }
      return fetch(input.dataset.index, { credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (data) { entries = data; return data; })
        .catch(function () { entries = []; return entries; });
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
      var words = fold(q).split(/\s+/).filter(Boolean);
      if (!words.length) { close(); return; }
      load().then(function (data) {
        var hits = data.filter(function (e) {
          return words.every(function (w) { return e.f.indexOf(w) !== -1; });
        });
        hits.sort(function (a, b) {
          var fq = words.join(' ');
          var sa = fold(a.n).indexOf(fq) === 0 ? 0 : 1, sb = fold(b.n).indexOf(fq) === 0 ? 0 : 1;
          return sa - sb || (a.e ? 1 : 0) - (b.e ? 1 : 0) || a.n.localeCompare(b.n, document.documentElement.lang);
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
