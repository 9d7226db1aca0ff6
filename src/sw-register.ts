// Register the service worker (public/sw.js) in built pages only: a second visit then starts from the
// local cache, and the app opens offline. Registration waits for the page's load so it never competes
// with the first paint.
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const go = () => { navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => { /* the app works without it */ }); };
  if (document.readyState === 'complete') go();
  else window.addEventListener('load', go, { once: true });
}
