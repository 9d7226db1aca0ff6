// Register the service worker (public/sw.js) in built pages only: a second visit then starts from the
// local cache, and the app opens offline. Registration waits for the page's load so it never competes
// with the first paint.
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const go = () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => { /* the app works without it */ });
    // The first visit's files were fetched before the worker controlled the page: list them for its cache
    // (now, and once more when the data has had time to arrive).
    void navigator.serviceWorker.ready.then((reg) => {
      const send = () => reg.active?.postMessage({ type: 'chiso-precache', urls: loadedUrls() });
      send();
      setTimeout(send, 5000);
    });
  };
  if (document.readyState === 'complete') go();
  else window.addEventListener('load', go, { once: true });
}

/** Same-origin files this page has loaded, plus the page itself and the app's root. */
function loadedUrls(): string[] {
  const urls = new Set<string>([location.href, new URL('/', location.href).href]);
  for (const e of performance.getEntriesByType('resource')) {
    if (new URL(e.name).origin === location.origin) urls.add(e.name);
  }
  return [...urls];
}
