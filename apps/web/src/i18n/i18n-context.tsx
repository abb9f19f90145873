import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { textDirection, type Language } from '@accord/core';
import { CATALOGUES, type MessageKey } from './catalogues';
import { interpolate, type MessageParams } from './translate';

export interface I18n {
  lang: Language;
  dir: 'ltr' | 'rtl';
  t: (key: MessageKey, params?: MessageParams) => string;
  formatNumber: (value: number) => string;
  formatDateTime: (iso: string) => string;
  formatDate: (iso: string) => string;
}

/**
 * In right-to-left text each inserted value is isolated (FSI … PDI), so a code such as 2024-W05 or a date range
 * keeps its own order instead of being reordered with the Arabic around it.
 */
function isolate(params: MessageParams | undefined): MessageParams | undefined {
  if (!params) return params;
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, `\u2068${value}\u2069`]));
}

function createI18n(lang: Language): I18n {
  const catalogue = CATALOGUES[lang];
  const rtl = textDirection(lang) === 'rtl';
  const numbers = new Intl.NumberFormat(lang);
  const dateTimes = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  const dates = new Intl.DateTimeFormat(lang, { dateStyle: 'medium' });
  return {
    lang,
    dir: textDirection(lang),
    // English is the fallback so a gap shows readable text rather than a raw key.
    t: (key, params) => interpolate(catalogue[key] || CATALOGUES.en[key] || key, rtl ? isolate(params) : params),
    formatNumber: (value) => numbers.format(value),
    formatDateTime: (iso) => dateTimes.format(new Date(iso)),
    formatDate: (iso) => dates.format(new Date(iso)),
  };
}

const I18nContext = createContext<I18n>(createI18n('en'));

export function I18nProvider({ lang, children }: { lang: Language; children: ReactNode }) {
  const value = useMemo(() => createI18n(lang), [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
