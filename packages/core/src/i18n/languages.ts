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
