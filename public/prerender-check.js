// Runs before the first paint of a prerendered page (a plain script file in <head>, which blocks the
// parser: the strict CSP allows it, it is of this origin and not inline). The HTML shows the figures of
// one view, the path in data-prerender-path with no query string. Opened at another address (?period=,
// ?level=, ?lang=, ?data=…, or a page the service worker answered with a cached one), those figures are
// hidden (base.css) until the live app has rendered its own: never the wrong numbers first.
(function () {
  var root = document.documentElement;
  var rendered = root.getAttribute('data-prerender-path');
  if (rendered === null) return;
  var trim = function (p) { return p.length > 1 ? p.replace(/\/+$/, '') : p; };
  if (trim(location.pathname) !== trim(rendered) || (location.search !== '' && location.search !== '?')) {
    root.setAttribute('data-prerender', 'stale');
  }
})();
