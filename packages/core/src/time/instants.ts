import { addDays, daysBetween, isIsoDate, type IsoDate } from './periods.js';

/**
 * Instants (UTC timestamps) as ISO 8601 text, e.g. 2025-03-10T14:00:00.000Z, with the arithmetic
 * deadlines need (24 hours after an assessment…), without the host's clock or time zone.
 */
export type IsoInstant = string & { readonly __brand: 'IsoInstant' };

const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z$/;
const EPOCH = '1970-01-01' as IsoDate;
const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;

export class InstantError extends Error {
  override readonly name = 'InstantError';
}

/** Milliseconds since 1970-01-01T00:00Z of an ISO 8601 UTC instant; throws InstantError naming the problem. */
export function instantToMs(text: string): number {
  const match = INSTANT.exec(text);
  if (!match) throw new InstantError(`"${text}" is not a UTC instant like 2025-03-10T14:00:00Z`);
  const [, date, hh, mm, ss, frac] = match;
  if (!isIsoDate(date)) throw new InstantError(`"${text}" has no such calendar date`);
  const hours = Number(hh);
  const minutes = Number(mm);
  const seconds = Number(ss ?? '0');
  if (hours > 23 || minutes > 59 || seconds > 59) throw new InstantError(`"${text}" has no such time of day`);
  const millis = Number((frac ?? '').padEnd(3, '0'));
  return daysBetween(EPOCH, date) * MS_PER_DAY + hours * MS_PER_HOUR + minutes * 60_000 + seconds * 1000 + millis;
}

export function isIsoInstant(value: unknown): value is IsoInstant {
  if (typeof value !== 'string') return false;
  try {
    instantToMs(value);
    return true;
  } catch {
    return false;
  }
}

/** The instant `ms` milliseconds after 1970-01-01T00:00Z, written as JavaScript's toISOString writes it. */
export function msToInstant(ms: number): IsoInstant {
  if (!Number.isSafeInteger(ms)) throw new InstantError(`${ms} is not a whole number of milliseconds`);
  const day = Math.floor(ms / MS_PER_DAY);
  let rest = ms - day * MS_PER_DAY;
  const two = (n: number) => String(n).padStart(2, '0');
  const hours = Math.floor(rest / MS_PER_HOUR);
  rest -= hours * MS_PER_HOUR;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  return `${addDays(EPOCH, day)}T${two(hours)}:${two(minutes)}:${two(seconds)}.${String(millis).padStart(3, '0')}Z` as IsoInstant;
}

/** `instant` plus `hours` hours (negative: before). */
export function addHours(instant: string, hours: number): IsoInstant {
  return msToInstant(instantToMs(instant) + Math.round(hours * MS_PER_HOUR));
}

/** Whether something done at `doneAt` missed its deadline `dueAt`, and by how many milliseconds. */
export function lateness(dueAt: string, doneAt: string): { late: boolean; lateByMs: number } {
  const lateByMs = Math.max(0, instantToMs(doneAt) - instantToMs(dueAt));
  return { late: lateByMs > 0, lateByMs };
}
