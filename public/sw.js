// chiso's service worker: repeat visits start from the local cache, and the app keeps working offline.
// - content-hashed build files (assets/: JS, CSS, the DuckDB and Parquet wasm, workers) never change
//   under their name: cache first;
// - the page, the build-time snapshot charts and the data files (datapackage.json, CSV, Parquet…) may
//   change: network first, the cached copy when the network fails — and then the page is told
//   {type: 'chiso-cache', cached: true} so it can say the figures come from the cache;
// - only GET requests of this origin, never Range requests (DuckDB reads parts of files), never files
//   bigger than MAX_BYTES (a 10-million-row Parquet file is not copied into the cache).
const CACHE = 'chiso-v1';
const MAX_BYTES = 200 * 1024 * 1024;

self.addEventListener('install', (event) => {
  event.waitUntil(self.skipWaiting());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

function cacheable(response) {
  if (!response || !response.ok || response.type !== 'basic' || response.status !== 200) return false;
  const length = Number(response.headers.get('content-length') || 0);
  return length <= MAX_BYTES;
}

async function put(request, response) {
  if (!cacheable(response)) return;
  try {
    const cache = await caches.open(CACHE);
    await cache.put(request, response);
  } catch { /* quota or a body already used: the network answer still stands */ }
}

async function tell(clientId) {
  // a navigation's page may not exist yet when its answer is sent: look for it a few times
  for (let i = 0; i < 20; i++) {
    const client = clientId ? await self.clients.get(clientId) : null;
    if (client) { client.postMessage({ type: 'chiso-cache', cached: true }); return; }
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function cacheFirst(event) {
  const hit = await caches.match(event.request);
  if (hit) return hit;
  const response = await fetch(event.request);
  event.waitUntil(put(event.request, response.clone()));
  return response;
}

async function networkFirst(event) {
  try {
    const response = await fetch(event.request);
    event.waitUntil(put(event.request, response.clone()));
    return response;
  } catch (err) {
    const hit = (await caches.match(event.request, { ignoreSearch: event.request.mode === 'navigate' }))
      || (event.request.mode === 'navigate' ? await caches.match('/') : undefined);
    if (!hit) throw err;
    event.waitUntil(tell(event.resultingClientId || event.clientId));
    return hit;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || request.headers.has('range')) return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname === '/sw.js') return;
  if (url.pathname.startsWith('/assets/')) event.respondWith(cacheFirst(event));
  else event.respondWith(networkFirst(event));
});

// What the first visit loaded before this worker controlled the page (the page lists it once the worker
// is ready): copied into the cache so that a visit offline finds the same files. Same origin only.
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'chiso-precache' || !Array.isArray(data.urls)) return;
  if (event.origin && event.origin !== self.location.origin) return;
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    for (const u of data.urls.slice(0, 500)) {
      let url;
      try { url = new URL(String(u), self.location.origin); } catch { continue; }
      if (url.origin !== self.location.origin || url.pathname === '/sw.js') continue;
      if (await cache.match(url.href)) continue;
      try { await put(new Request(url.href), await fetch(url.href, { credentials: 'omit' })); } catch { /* offline already */ }
    }
  })());
});
