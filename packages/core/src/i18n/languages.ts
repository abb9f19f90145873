import type { Language } from '../limits.js';
import { LANGUAGES } from '../limits.js';

/** Writing direction of each UN language; Arabic is the only right-to-left one. */
export function textDirection(language: Language): 'rtl' | 'ltr' {
  return language === 'ar' ? 'rtl' : 'ltr';
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The name of each language in itself, for language pickers. */
export const LANGUAGE_AUTONYMS: Record<Language, string> = {
  ar: 'العربية',
  zh: '中文',
  en: 'English',
  fr: 'Français',
  ru: 'Русский',
  es: 'Español',
};

/** Reads `name_ar` … `name_zh` columns of a reference CSV record into names by language. */
export function namesFromColumns(record: { readonly [column in `name_${Language}`]?: string }): Record<Language, string> {
  return {
    ar: record.name_ar ?? '',
    zh: record.name_zh ?? '',
    en: record.name_en ?? '',
    fr: record.name_fr ?? '',
    ru: record.name_ru ?? '',
    es: record.name_es ?? '',
  };
}
