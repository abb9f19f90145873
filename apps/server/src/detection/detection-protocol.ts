import type { DetectionMethod, DetectionRow, IsoDate } from '@accord/core';

/**
 * The messages between the detection pool and its workers. Counts and populations travel as Float64Arrays with NaN
 * for a missing week, and results come back packed (four numbers per row plus a null mask), both transferred rather
 * than copied: a batch is thousands of series.
 */
export interface PackedJob {
  counts: Float64Array;
  population: Float64Array | null;
  start: IsoDate;
  from: number | null;
  to: number | null;
}

export interface WorkerRequest {
  id: number;
  method: DetectionMethod;
  params: Readonly<Record<string, string>>;
  jobs: PackedJob[];
}

export interface PackedResults {
  /** Rows per job. */
  lengths: Int32Array;
  /** index, expected, upperbound, alarm for every row, job after job. */
  values: Float64Array;
  /** Per row: bit 0 = expected null, bit 1 = upperbound null, bit 2 = alarm null. */
  nulls: Uint8Array;
}

export type WorkerResponse = { id: number; ok: true; results: PackedResults } | { id: number; ok: false; message: string };

/** null ↔ NaN: the counts of a series as a Float64Array. */
export function packSeries(values: readonly (number | null)[]): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] ?? Number.NaN;
  return out;
}

export function unpackSeries(values: Float64Array): (number | null)[] {
  const out = new Array<number | null>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    out[i] = Number.isNaN(v) ? null : v;
  }
  return out;
}

export function packResults(results: readonly (readonly DetectionRow[])[]): PackedResults {
  let total = 0;
  for (const rows of results) total += rows.length;
  const lengths = new Int32Array(results.length);
  const values = new Float64Array(4 * total);
  const nulls = new Uint8Array(total);
  let r = 0;
  for (const [j, rows] of results.entries()) {
    lengths[j] = rows.length;
    for (const row of rows) {
      values[4 * r] = row.index;
      values[4 * r + 1] = row.expected ?? 0;
      values[4 * r + 2] = row.upperbound ?? 0;
      values[4 * r + 3] = row.alarm ?? 0;
      nulls[r] = (row.expected === null ? 1 : 0) | (row.upperbound === null ? 2 : 0) | (row.alarm === null ? 4 : 0);
      r++;
    }
  }
  return { lengths, values, nulls };
}

export function unpackResults(packed: PackedResults): DetectionRow[][] {
  const out: DetectionRow[][] = [];
  let r = 0;
  for (const length of packed.lengths) {
    const rows: DetectionRow[] = new Array<DetectionRow>(length);
    for (let k = 0; k < length; k++, r++) {
      const mask = packed.nulls[r] as number;
      rows[k] = {
        index: packed.values[4 * r] as number,
        expected: mask & 1 ? null : (packed.values[4 * r + 1] as number),
        upperbound: mask & 2 ? null : (packed.values[4 * r + 2] as number),
        alarm: mask & 4 ? null : (packed.values[4 * r + 3] as 0 | 1),
      };
    }
    out.push(rows);
  }
  return out;
}
