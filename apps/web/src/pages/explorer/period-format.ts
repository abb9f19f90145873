import type { Language } from '@accord/core';
import type { PeriodSpan } from './scales';

const cache = new Map<string, Intl.DateTimeFormat>();

function format(lang: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}:${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    // Periods are calendar dates, not instants: UTC keeps them from shifting a day in the reader's time zone.
    f = new Intl.DateTimeFormat(lang, { ...options, timeZone: 'UTC' });
    cache.set(key, f);
  }
  return f;
}

/** The dates a period covers, in the reader's language: "1–7 Aug 2022", "March 2024", "15 Mar 2020". */
export function periodDates(span: PeriodSpan, lang: Language): string {
  const start = new Date(span.startMs);
  if (span.type === 'month') return format(lang, { month: 'long', year: 'numeric' }).format(start);
  const days = format(lang, { day: 'numeric', month: 'short', year: 'numeric' });
  if (span.type === 'day') return days.format(start);
  return days.formatRange(start, new Date(span.endMs - 1));
}

/** A time-axis label: month and year, or the year alone. */
export function axisDate(ms: number, yearOnly: boolean, lang: Language): string {
  return format(lang, yearOnly ? { year: 'numeric' } : { month: 'short', year: 'numeric' }).format(new Date(ms));
}
