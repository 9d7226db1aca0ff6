// Filters live in the URL (?period=2026-10&level=agency&lang=en&data=…): a link or a reload shows the
// same view. Values read from the URL are checked here before anyone uses them.
import { defineStore } from 'pinia';
import { computed, watch } from 'vue';
import { router } from '../router';
import { i18n } from '../i18n';
import { LEVELS } from '../datasets/contract';
import { parsePeriod, periodOf, type Period, type PeriodKind } from '../metrics/periods';
import { useDatasetStore } from './dataset';
import type { Lang } from '../format';

type Query = Record<string, string | undefined>;

function q(name: string): string | undefined {
  const v = router.currentRoute.value.query[name];
  return typeof v === 'string' ? v : undefined;
}

export const useFiltersStore = defineStore('filters', () => {
  const dataset = useDatasetStore();

  const lang = computed<Lang>(() => (q('lang') === 'en' ? 'en' : 'vi'));
  const level = computed<string>(() => {
    const l = q('level');
    return l && (LEVELS as readonly string[]).includes(l) ? l : 'agency';
  });
  /** the chosen period; defaults to the last month of the data */
  const period = computed<Period | null>(() => {
    const p = q('period');
    const parsed = p ? parsePeriod(p) : null;
    if (parsed) return parsed;
    const span = dataset.span;
    if (!span) return null;
    // Figures that run from 1 January to a day inside a month (the 766 portal's year to date) fit in no
    // month: open on the year to that day instead.
    const to = span.to;
    if (!dataset.hasDays && span.from === `${to.slice(0, 4)}-01-01` && to !== periodOf('month', to).to) return periodOf('ytd', to);
    return periodOf('month', to);
  });
  const dataUrl = computed(() => q('data'));

  function set(patch: Query) {
    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...router.currentRoute.value.query, ...patch })) {
      if (typeof v === 'string' && v !== '') query[k] = v;
    }
    return router.replace({ query });
  }

  function setPeriod(p: Period) { return set({ period: p.key }); }
  function setPeriodKind(kind: PeriodKind) {
    const end = period.value?.to ?? dataset.span?.to;
    if (end) return set({ period: periodOf(kind, end).key });
  }
  function setLevel(l: string) { return set({ level: l }); }
  function setLang(l: Lang) { return set({ lang: l === 'vi' ? undefined : l }); }

  watch(lang, (l) => {
    i18n.global.locale.value = l;
    if (typeof document !== 'undefined') document.documentElement.lang = l;
  }, { immediate: true });

  /** The query string to carry across links (period, level, lang, data). */
  const carry = computed(() => {
    const out: Record<string, string> = {};
    for (const k of ['period', 'level', 'lang', 'data']) {
      const v = q(k);
      if (v) out[k] = v;
    }
    return out;
  });

  return { lang, level, period, dataUrl, carry, set, setPeriod, setPeriodKind, setLevel, setLang };
});
