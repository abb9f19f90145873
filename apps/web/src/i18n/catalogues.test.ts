import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '@accord/core';

const SRC = fileURLToPath(new URL('..', import.meta.url));

function readCatalogue(lang: Language): Record<string, string> {
  return JSON.parse(readFileSync(join(SRC, 'locales', `${lang}.json`), 'utf8')) as Record<string, string>;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const catalogues = Object.fromEntries(LANGUAGES.map((lang) => [lang, readCatalogue(lang)])) as Record<Language, Record<string, string>>;
const en = catalogues.en;
const enKeys = Object.keys(en).sort();
const source = sourceFiles(SRC)
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Values that are the same as English on purpose: the product name, and words spelled alike. */
const SAME_AS_ENGLISH: Partial<Record<Language, string[]>> = {
  ar: ['app.name', 'country.populationValue', 'chart.point', 'explorer.map.value'],
  zh: ['app.name'],
  ru: ['app.name', 'chart.point', 'explorer.map.value'],
  fr: [
    'app.name',
    'nav.administration',
    'common.actions',
    'pager.label',
    'audit.action',
    'country.population',
    'country.populationValue',
    'explorer.seriesTitle',
    'explorer.dates',
    'reference.sections',
    'reference.code',
    'reference.population',
  ],
  es: ['app.name', 'common.no', 'audit.hash', 'country.populationValue', 'chart.point', 'explorer.seriesTitle', 'explorer.map.value'],
};

/** Latin-script words allowed in non-Latin catalogues: product names, standards, file formats and example codes. */
const LATIN_ALLOWED = /\b(Accord|API|ISO|M49|KEN|UGA|CSV|JSON|DHIS2|ICD-11)(?![\w-])/g;

describe('message catalogues', () => {
  it.each(LANGUAGES)('%s has exactly the English keys, none of them empty', (lang) => {
    const catalogue = catalogues[lang];
    expect(Object.keys(catalogue).sort()).toEqual(enKeys);
    for (const [key, value] of Object.entries(catalogue)) {
      expect(value.trim(), `${lang}: ${key}`).not.toBe('');
    }
  });

  it.each(LANGUAGES)('%s uses the same {placeholders} as English', (lang) => {
    for (const key of enKeys) {
      expect(placeholders(catalogues[lang][key] ?? ''), `${lang}: ${key}`).toEqual(placeholders(en[key] ?? ''));
    }
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s is translated (no English copied over)', (lang) => {
    const allowed = new Set(SAME_AS_ENGLISH[lang] ?? []);
    const untranslated = enKeys.filter((key) => !allowed.has(key) && catalogues[lang][key] === en[key]);
    expect(untranslated).toEqual([]);
  });

  it.each(['ar', 'zh', 'ru'] as const)('%s has no Latin-script words beyond names and codes', (lang) => {
    const latin = Object.entries(catalogues[lang]).filter(([, value]) =>
      /[A-Za-z]/.test(value.replace(/\{\w+\}/g, '').replace(LATIN_ALLOWED, '')),
    );
    expect(latin).toEqual([]);
  });

  it('every t() key used in the source exists in en.json', () => {
    const used = [...source.matchAll(/\bt\(\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(100);
    expect(used.filter((key) => key === undefined || !(key in en))).toEqual([]);
  });

  it('every catalogue key is used somewhere in the source', () => {
    // Keys appear either in t('…') calls or in typed key tables (e.g. REGION_NAME_KEYS), always as string literals.
    const unused = enKeys.filter((key) => !source.includes(`'${key}'`) && !source.includes(`"${key}"`));
    expect(unused).toEqual([]);
  });
});
