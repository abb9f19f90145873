import type { Language } from '../limits.js';
import { parseCsvRecords } from '../text/csv.js';
import { namesFromColumns } from '../i18n/languages.js';

export const IHR_CATEGORIES = ['always_notify', 'always_assess', 'other'] as const;
/** Where a disease enters the IHR Annex 2 instrument (see the Annex 2 specification). */
export type IhrCategory = (typeof IHR_CATEGORIES)[number];

export const DISEASE_CODE_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const METRIC_CODE_PATTERN = DISEASE_CODE_PATTERN;
export const LOCATION_CODE_PATTERN = /^[A-Z0-9][A-Z0-9_.-]{0,63}$/;
export const ICD11_PATTERN = /^[0-9A-Z]{4}(\.[0-9A-Z]{1,2})?$/;

export interface DiseaseDefinition {
  code: string;
  names: Record<Language, string>;
  icd11: string | null;
  ihrCategory: IhrCategory;
}

export interface MetricDefinition {
  code: string;
  names: Record<Language, string>;
  wholeNumbers: boolean;
}

function names(r: Record<string, string>, line: number, file: string): Record<Language, string> {
  const result = namesFromColumns(r);
  for (const [language, name] of Object.entries(result)) {
    if (name.trim() === '') throw new Error(`${file} line ${line}: name_${language} is empty`);
  }
  return result;
}

/** Reads `data/reference/diseases.csv`. */
export function parseDiseasesCsv(text: string): DiseaseDefinition[] {
  return parseCsvRecords(text).map((r, index) => {
    const line = index + 2;
    const code = r.code ?? '';
    if (!DISEASE_CODE_PATTERN.test(code))
      throw new Error(`diseases.csv line ${line}: code "${code}" must be lower-case letters, digits, - or _`);
    const category = r.ihr_category ?? '';
    if (!(IHR_CATEGORIES as readonly string[]).includes(category)) {
      throw new Error(`diseases.csv line ${line}: ihr_category "${category}" is not one of ${IHR_CATEGORIES.join(', ')}`);
    }
    const icd11 = r.icd11 || null;
    if (icd11 !== null && !ICD11_PATTERN.test(icd11)) throw new Error(`diseases.csv line ${line}: icd11 "${icd11}" is not an ICD-11 code`);
    return { code, names: names(r, line, 'diseases.csv'), icd11, ihrCategory: category as IhrCategory };
  });
}

/** Reads `data/reference/metrics.csv`. */
export function parseMetricsCsv(text: string): MetricDefinition[] {
  return parseCsvRecords(text).map((r, index) => {
    const line = index + 2;
    const code = r.code ?? '';
    if (!METRIC_CODE_PATTERN.test(code))
      throw new Error(`metrics.csv line ${line}: code "${code}" must be lower-case letters, digits, - or _`);
    return { code, names: names(r, line, 'metrics.csv'), wholeNumbers: r.whole_numbers === '1' };
  });
}
