import { createMemoryHistory, createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import Scoreboard from './views/Scoreboard.vue';

// The scoreboard is the home view and ships in the first bundle; other views load on demand.
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'scoreboard', component: Scoreboard },
  { path: '/don-vi/:unitId', name: 'unit', component: () => import('./pages/unit/UnitPage.vue'), props: true },
  { path: '/giam-sat', name: 'oversight', component: () => import('./pages/oversight/OversightPage.vue') },
  { path: '/phuong-phap', name: 'methodology', component: () => import('./pages/methodology/MethodologyPage.vue') },
  { path: '/chi-so', name: 'indices', component: () => import('./pages/indices/IndicesPage.vue') },
  { path: '/cong-khai', name: 'public', component: () => import('./pages/public/PublicPage.vue'), meta: { bare: false } },
  { path: '/embed/:view', name: 'embed', component: () => import('./pages/embed/EmbedPage.vue'), props: true, meta: { bare: true } },
  { path: '/nhap-du-lieu', name: 'import', component: () => import('./pages/import/ImportPage.vue') },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./pages/not-found/NotFoundPage.vue') },
];

export const router = createRouter({
  // the build's server render (src/prerender/) has no window: it walks the routes in memory
  history: import.meta.env.SSR ? createMemoryHistory(import.meta.env.BASE_URL) : createWebHistory(import.meta.env.BASE_URL),
  routes,
  scrollBehavior: () => ({ top: 0 }),
});
