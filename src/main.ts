import { createApp, createSSRApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { router } from './router';
import { i18n } from './i18n';
import { useDatasetStore } from './stores/dataset';
import { primePageQueries } from './coordinator/usePageQuery';
import { prerenderMatches, readPrerender, retirePrerenderedCharts } from './prerender/state';
import { useOffline } from './stores/offline';
import './styles/base.css';
import './styles/print.css';

// A prerendered page (src/prerender/) showing this very address is hydrated: the page's results come
// from its state block, the dataset from the snapshot, so the first render is the server's and nothing
// moves. Any other address renders afresh (its prerendered figures were hidden before the first paint).
const pre = readPrerender();
const hydrate = prerenderMatches(pre, window.location);
const app = hydrate ? createSSRApp(App) : createApp(App);
const pinia = createPinia();
app.use(pinia);
app.use(router);
app.use(i18n);
const dataset = useDatasetStore(pinia);
if (hydrate && pre && dataset.serveSnapshot(pre.package)) primePageQueries(dataset.version, pre.results);
else retirePrerenderedCharts();

// DuckDB starts when the person does something (or a view asks what the snapshot has not): a visit that
// only reads the first screen downloads no wasm.
const wake = () => dataset.wake();
for (const type of ['pointerdown', 'keydown', 'focusin'] as const) window.addEventListener(type, wake, { once: true, capture: true, passive: true });
router.afterEach((to, from) => { if (from.matched.length) { retirePrerenderedCharts(); wake(); } });
// on a prerendered page the app starts after the first paint (public/prerender-check.js), which notes
// an interaction that came before
if (document.documentElement.hasAttribute('data-woke')) wake();

// The service worker's "answered from the cache" message for this very page may come before any view
// listens (nothing else is fetched while the snapshot answers): listen from the start.
useOffline();

void router.isReady().then(() => {
  app.mount('#app');
  document.documentElement.removeAttribute('data-prerender');
});
void import('./sw-register').then((m) => m.registerServiceWorker());
