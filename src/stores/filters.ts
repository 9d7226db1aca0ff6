// The shared filters (period, level, lang, data) as one store, for the header and components that
// read them. The URL is the state: reading, checking and writing it is src/url/useUrlState.ts; this
// store only adds what happens once per app (the page language follows ?lang=).
import { defineStore } from 'pinia';
import { watch } from 'vue';
import { i18n } from '../i18n';
import { useUrlState } from '../url/useUrlState';

export const useFiltersStore = defineStore('filters', () => {
  const url = useUrlState();

  watch(url.lang, (l) => {
    i18n.global.locale.value = l;
    if (typeof document !== 'undefined') document.documentElement.lang = l;
  }, { immediate: true });

  return { ...url };
});
