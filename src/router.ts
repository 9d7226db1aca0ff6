import { createMemoryHistory, createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import Scoreboard from './pages/scoreboard/ScoreboardPage.vue';
import type { HeaderFilter } from './url/useUrlState';

// The scoreboard is the home view and ships in the first bundle; other views load on demand.
// meta.filters: the header filters a page applies (AppHeader shows only these, so a control is never
// shown where it would change nothing).
export type { HeaderFilter };
declare module 'vue-router' {
  interface RouteMeta { filters?: HeaderFilter[]; bare?: boolean }
}
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'scoreboard', component: Scoreboard, meta: { filters: ['period', 'level', 'channel'] } },
  { path: '/don-vi/:unitId', name: 'unit', component: () => import('./pages/unit/UnitPage.vue'), props: true, meta: { filters: ['period', 'channel'] } },
  { path: '/giam-sat', name: 'oversight', component: () => import('./pages/oversight/OversightPage.vue'), meta: { filters: ['level'] } },
  { path: '/phuong-phap', name: 'methodology', component: () => import('./pages/methodology/MethodologyPage.vue'), meta: { filters: [] } },
  { path: '/chi-so', name: 'indices', component: () => import('./pages/indices/IndicesPage.vue'), meta: { filters: [] } },
  { path: '/cong-khai', name: 'public', component: () => import('./pages/public/PublicPage.vue'), meta: { bare: false, filters: ['period', 'level'] } },
  { path: '/embed/:view', name: 'embed', component: () => import('./pages/embed/EmbedPage.vue'), props: true, meta: { bare: true } },
  { path: '/nhap-du-lieu', name: 'import', component: () => import('./pages/import/ImportPage.vue'), meta: { filters: [] } },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./pages/not-found/NotFoundPage.vue'), meta: { filters: [] } },
];

export const router = createRouter({
  // the build's server render (src/prerender/) has no window: it walks the routes in memory
  history: import.meta.env.SSR ? createMemoryHistory(import.meta.env.BASE_URL) : createWebHistory(import.meta.env.BASE_URL),
  routes,
  scrollBehavior: () => ({ top: 0 }),
});
