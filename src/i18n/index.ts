// Vietnamese first, English second. Each area of the app keeps its words in messages/<area>.ts
// ({ vi: {...}, en: {...} }) so views can be written side by side; they merge here.
import { createI18n } from 'vue-i18n';

type Tree = { [k: string]: string | Tree };
const modules = import.meta.glob<{ default: { vi: Tree; en: Tree } }>('./messages/*.ts', { eager: true });

const vi: Tree = {};
const en: Tree = {};
for (const mod of Object.values(modules)) {
  Object.assign(vi, mod.default.vi);
  Object.assign(en, mod.default.en);
}

export const i18n = createI18n({
  legacy: false,
  locale: 'vi',
  fallbackLocale: 'vi',
  messages: { vi, en },
  // Dataset text never goes through the message compiler: it is interpolated as plain values.
  warnHtmlMessage: false,
});
