// The one typed way to read and write the URL's state (?period=2026-10&level=agency&lang=en&data=…&unit=…).
// A link or a reload shows the same view, so every filter lives here. Values read from the URL are
// checked here before anyone uses them (unknown → default). The router comes from the app's injection
// (useRoute/useRouter), never from a module import: state modules stay free of the route table, which
// imports the pages, which import the state (the cycle this file replaced).
import { computed, type ComputedRef } from 'vue';
import { useRoute, useRouter, type LocationQuery } from 'vue-router';
import { periodOf, type Period, type PeriodKind } from '../metrics/periods';
import { useDatasetStore } from '../stores/dataset';
import type { Lang } from '../format';
import { levelFrom, periodFrom } from './defaults';

export { DEFAULT_LEVEL, levelFrom, periodFrom } from './defaults';

/** Every query parameter the app knows. A name outside this list fails the typecheck. */
export const URL_PARAMS = [
  // shared filters, carried across links
  'period', 'level', 'lang', 'data', 'channel',
  // the part of a packed package to attach (src/url/packParts.ts; years is also the oversight range)
  'province',
  // the scoreboard and tables
  'sort', 'dir', 'pack', 'unit',
  // oversight and embeds
  'units', 'metric', 'years', 'window', 'lineage', 'rank', 'fieldUnit', 'report',
] as const;
export type UrlParam = (typeof URL_PARAMS)[number];
export type UrlPatch = Partial<Record<UrlParam, string | undefined>>;

/** The header's filters; a route's meta.filters lists those its page applies (router.ts). */
export type HeaderFilter = 'period' | 'level' | 'channel';

/** Carried across links (header, back links, embeds' "full page"): the view's shared filters. */
export const CARRIED: readonly UrlParam[] = ['period', 'level', 'lang', 'data', 'channel', 'province'];

const str = (q: LocationQuery, name: string): string | undefined => {
  const v = q[name];
  return typeof v === 'string' ? v : undefined;
};

export interface UrlState {
  /** a raw parameter (string or undefined), for page-specific state checked by the page */
  param(name: UrlParam): ComputedRef<string | undefined>;
  lang: ComputedRef<Lang>;
  level: ComputedRef<string>;
  period: ComputedRef<Period | null>;
  dataUrl: ComputedRef<string | undefined>;
  /** the query to carry across links (period, level, lang, data, channel) */
  carry: ComputedRef<Record<string, string>>;
  /** merge a patch into the URL (empty or undefined removes a parameter); replaces the history entry */
  set(patch: UrlPatch): Promise<unknown>;
  setPeriod(p: Period): Promise<unknown>;
  setPeriodKind(kind: PeriodKind): Promise<unknown> | undefined;
  setLevel(l: string): Promise<unknown>;
  setLang(l: Lang): Promise<unknown>;
}

export function useUrlState(): UrlState {
  const route = useRoute();
  const router = useRouter();
  const dataset = useDatasetStore();
  const get = (name: UrlParam) => str(route.query, name);

  const lang = computed<Lang>(() => (get('lang') === 'en' ? 'en' : 'vi'));
  const level = computed(() => levelFrom(get('level')));
  const period = computed(() => periodFrom(get('period'), dataset.span, dataset.hasDays));
  const dataUrl = computed(() => get('data'));
  const carry = computed(() => {
    const out: Record<string, string> = {};
    for (const k of CARRIED) {
      const v = get(k);
      if (v) out[k] = v;
    }
    return out;
  });

  function set(patch: UrlPatch) {
    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...route.query, ...patch })) {
      if (typeof v === 'string' && v !== '') query[k] = v;
    }
    return router.replace({ query });
  }

  return {
    param: (name) => computed(() => get(name)),
    lang, level, period, dataUrl, carry, set,
    setPeriod: (p) => set({ period: p.key }),
    setPeriodKind(kind) {
      const end = period.value?.to ?? dataset.span?.to;
      return end ? set({ period: periodOf(kind, end).key }) : undefined;
    },
    setLevel: (l) => set({ level: l }),
    setLang: (l) => set({ lang: l === 'vi' ? undefined : l }),
  };
}
