// Whether what the page shows came from the offline cache. The service worker (public/sw.js, written
// by the performance work) posts {type: 'chiso-cache', cached: true} to the page when it answered from
// its cache; the browser's own online/offline state covers the rest. That message shape is the whole
// contract between the two: nothing else is read from the worker.
import { computed, readonly, ref } from 'vue';

const online = ref(typeof navigator === 'undefined' ? true : navigator.onLine);
const cached = ref(false);
let listening = false;

export interface CacheMessage {
  type: 'chiso-cache';
  cached: boolean;
}

export function isCacheMessage(data: unknown): data is CacheMessage {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'chiso-cache' && typeof (data as { cached?: unknown }).cached === 'boolean';
}

function listen() {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  window.addEventListener('online', () => { online.value = true; });
  window.addEventListener('offline', () => { online.value = false; });
  const sw = typeof navigator !== 'undefined' ? navigator.serviceWorker : undefined;
  if (sw) {
    sw.addEventListener('message', (e: MessageEvent) => {
      if (isCacheMessage(e.data)) cached.value = e.data.cached;
    });
    // Messages sent before this listener existed are queued until the page starts them.
    sw.startMessages?.();
  }
}

export function useOffline() {
  listen();
  return {
    online: readonly(online),
    cached: readonly(cached),
    /** show the "cached data" notice */
    showsCached: computed(() => cached.value || !online.value),
  };
}
