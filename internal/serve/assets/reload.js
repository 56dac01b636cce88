// covsite serve only: never part of a built site. Reloads this tab when `covsite serve`
// rebuilt the page it shows, or when the data became broken or fixed again; hides the error
// overlay on request. Same-origin script, allowed by the Content-Security-Policy
// script-src 'self'; the event stream is allowed by connect-src 'self'.
(function () {
  "use strict";
  var me = document.currentScript;
  var shown = me ? me.getAttribute("data-version") : null;
  var events = new EventSource("/__covsite/events?path=" + encodeURIComponent(location.pathname));
  function reloadIfNewer(e) {
    if (e.data !== shown) {
      events.close();
      location.reload();
    }
  }
  events.addEventListener("hello", reloadIfNewer);
  events.addEventListener("reload", reloadIfNewer);
  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("[data-covsite-close]");
    if (button) {
      var overlay = document.getElementById("covsite-overlay");
      if (overlay) overlay.hidden = true;
    }
  });
})();
