// Runs before the first paint of a prerendered page (a plain script file in <head>, which blocks the
// parser: the strict CSP allows it, it is of this origin and not inline). The HTML shows the figures of
// one view, the path in data-prerender-path with no query string. Opened at another address (?period=,
// ?level=, ?lang=, ?data=…, or a page the service worker answered with a cached one), those figures are
// hidden (base.css) until the live app has rendered its own: never the wrong numbers first.
//
// It also starts the live app (data-entry: the entry module, which the page preloads with its imports):
// once the document is parsed and, when the prerendered view is shown, once its first paint is on
// screen. Evaluating the app's modules and hydrating is a long main-thread task; run before that paint
// is presented, it holds the figures back (the plain page with the same content has no such task).
(function () {
  var root = document.documentElement;
  var rendered = root.getAttribute('data-prerender-path');
  if (rendered === null) return;
  var trim = function (p) { return p.length > 1 ? p.replace(/\/+$/, '') : p; };
  var stale = trim(location.pathname) !== trim(rendered) || (location.search !== '' && location.search !== '?');
  if (stale) root.setAttribute('data-prerender', 'stale');

  var entry = root.getAttribute('data-entry');
  if (!entry) return;
  var types = (typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes) || [];
  // nothing to wait for: hidden figures, a tab in the background (it does not paint), no paint timing
  var painted = stale || document.visibilityState === 'hidden' || types.indexOf('paint') < 0;
  var parsed = false;
  var started = false;
  var start = function () {
    if (started || !painted || !parsed) return;
    started = true;
    var s = document.createElement('script');
    s.type = 'module';
    s.crossOrigin = '';
    s.src = entry;
    document.head.appendChild(s);
  };
  var paint = function () { painted = true; setTimeout(start, 0); };
  // someone acts before the app runs: start it now, and tell it (main.ts wakes DuckDB, as its own
  // listeners would have; data-woke is read once, when it starts)
  var act = function () { root.setAttribute('data-woke', ''); painted = true; start(); };
  ['pointerdown', 'keydown', 'focusin'].forEach(function (type) {
    window.addEventListener(type, act, { once: true, capture: true, passive: true });
  });
  if (!painted) {
    try {
      new PerformanceObserver(function (list, observer) {
        if (list.getEntriesByName('first-contentful-paint').length) { observer.disconnect(); paint(); }
      }).observe({ type: 'paint', buffered: true });
    } catch (e) { painted = true; }
    setTimeout(paint, 3000); // a paint that is never reported must not keep the app from starting
  }
  document.addEventListener('DOMContentLoaded', function () { parsed = true; start(); });
})();
