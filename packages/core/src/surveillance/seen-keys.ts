import { daysBetween, type IsoDate } from '../time/periods.js';
import type { CheckedObservation } from './observation-row.js';

/** A Monday before any period Accord accepts, so week ordinals are whole numbers. */
const FIRST_MONDAY = '1970-01-05' as IsoDate;
const FIRST_DAY = '1970-01-01' as IsoDate;

/**
 * Which (location, disease, metric, period) keys a batch has seen, as one bit per period of each
 * series: a file of millions of rows is checked for repeated keys in a few hundred KiB, while it
 * streams, instead of by a grouping over the whole staged batch afterwards.
 */
export class SeenKeys {
  private readonly series = new Map<string, PeriodBits>();

  /** True when this key was already seen in the batch; records it otherwise. */
  testAndSet(o: Pick<CheckedObservation, 'locationId' | 'diseaseId' | 'metricId' | 'periodType' | 'periodStart'>): boolean {
    const key = `${o.locationId},${o.diseaseId},${o.metricId},${o.periodType}`;
    let bits = this.series.get(key);
    if (bits === undefined) {
      bits = new PeriodBits();
      this.series.set(key, bits);
    }
    return bits.testAndSet(periodOrdinal(o.periodType, o.periodStart));
  }
}

/** Consecutive periods of one type have consecutive ordinals. */
function periodOrdinal(type: 'W' | 'M' | 'D', start: IsoDate): number {
  if (type === 'M') return Number(start.slice(0, 4)) * 12 + Number(start.slice(5, 7)) - 1;
  const days = daysBetween(FIRST_DAY, start);
  return type === 'D' ? days : (days - daysBetween(FIRST_DAY, FIRST_MONDAY)) / 7;
}

/** A growable bit set over a window of ordinals (widened on both sides as needed). */
class PeriodBits {
  private low = 0;
  private bits: Uint8Array | null = null;

  testAndSet(ordinal: number): boolean {
    if (this.bits === null) {
      this.low = ordinal - 256;
      this.bits = new Uint8Array(64);
    }
    let offset = ordinal - this.low;
    if (offset < 0 || offset >= this.bits.length * 8) {
      this.widen(ordinal);
      offset = ordinal - this.low;
    }
    const byte = offset >> 3;
    const mask = 1 << (offset & 7);
    if ((this.bits[byte]! & mask) !== 0) return true;
    this.bits[byte]! |= mask;
    return false;
  }

  private widen(ordinal: number): void {
    const bits = this.bits!;
    const high = this.low + bits.length * 8;
    // Whole bytes only, so existing bits keep their positions; doubled so widening stays rare.
    const span = Math.max(high, ordinal + 1) - Math.min(this.low, ordinal);
    const extraBelow = ordinal < this.low ? Math.ceil((this.low - ordinal + span) / 8) : 0;
    const wider = new Uint8Array(bits.length + extraBelow + (ordinal >= high ? Math.ceil((ordinal - high + 1 + span) / 8) : 0));
    wider.set(bits, extraBelow);
    this.low -= extraBelow * 8;
    this.bits = wider;
  }
}
