import { addDays, daysBetween, parseIsoDate, weekPeriodFromMonday, type IsoDate } from '../time/periods.js';
import { createHeaderChecker } from '../text/csv-stream.js';

/**
 * The inputs of `accord detect` and `accord rt`. Detection reads `series,period,count[,population]`
 * in any order, one row per series and ISO week (period = the week's Monday); the rows become one
 * weekly axis shared by every series, as R's `sts` matrix is: a week a series has no row for is
 * missing data, as is an empty count. Rt reads `series,date,incidence`, one row per day, and needs
 * every day from each series' first to its last (EpiEstim takes no gaps).
 */
export const DETECTION_INPUT_COLUMNS = ['series', 'period', 'count'] as const;
export const DETECTION_INPUT_OPTIONAL = ['population'] as const;
export const RT_INPUT_COLUMNS = ['series', 'date', 'incidence'] as const;

interface InputShape {
  columns: readonly [string, string, string];
  optional: readonly string[];
  /** Days between two consecutive periods. */
  step: 7 | 1;
  /** Whether a period without a row (or with an empty value) is missing data rather than an error. */
  gapsAllowed: boolean;
  parsePeriod: (text: string) => IsoDate;
}

const WEEKLY: InputShape = {
  columns: DETECTION_INPUT_COLUMNS,
  optional: DETECTION_INPUT_OPTIONAL,
  step: 7,
  gapsAllowed: true,
  parsePeriod: (text) => weekPeriodFromMonday(text).start,
};
const DAILY: InputShape = { columns: RT_INPUT_COLUMNS, optional: [], step: 1, gapsAllowed: false, parsePeriod: parseIsoDate };

export interface WeeklySeries {
  name: string;
  /** One entry per week of the shared axis; null = missing data. */
  counts: (number | null)[];
  /** Present when the input has a population column. */
  population: (number | null)[] | null;
}

export interface WeeklySeriesSet {
  /** Monday of the first week of the shared axis. */
  firstMonday: IsoDate;
  weeks: number;
  /** In the order each series first appears in the input. */
  series: WeeklySeries[];
}

export interface DetectionInputError {
  line: number;
  column: string | null;
  value: string | null;
  reason: string;
}

interface Cell {
  line: number;
  count: number | null;
  population: number | null;
}

const WHOLE_NUMBER = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;

/** Collects rows as they are parsed; `finish` gives the series, or every error found (with its line). */
class SeriesInputCollector {
  private readonly checkHeader: (
    header: readonly string[],
  ) => { ok: true; indexes: Record<string, number> } | { ok: false; problems: string[] };
  private columns: { series: number; period: number; count: number; population?: number } | null = null;
  private readonly bySeries = new Map<string, Map<number, Cell>>();
  private firstMonday: IsoDate | null = null;
  private minOffset = 0;
  private maxOffset = 0;
  readonly errors: DetectionInputError[] = [];

  constructor(private readonly shape: InputShape) {
    this.checkHeader = createHeaderChecker(shape.columns, { optional: shape.optional });
  }

  /** The header line; returns its problems (empty when it is good). */
  header(fields: readonly string[]): string[] {
    const check = this.checkHeader(fields);
    if (!check.ok) return check.problems;
    const [series, period, value] = this.shape.columns;
    const at = check.indexes;
    this.columns = { series: at[series]!, period: at[period]!, count: at[value]!, population: at.population };
    return [];
  }

  add(line: number, fields: readonly string[]): void {
    const columns = this.columns;
    if (columns === null) throw new Error('header() must accept the header before rows are added');
    const field = (index: number | undefined) => (index === undefined ? '' : (fields[index] ?? '').trim());
    const [, periodName, valueName] = this.shape.columns;
    const fail = (column: string | null, value: string | null, reason: string): void => {
      this.errors.push({ line, column, value, reason });
    };
    const name = field(columns.series);
    if (name === '') return fail('series', '', 'the series name is empty');
    const periodText = field(columns.period);
    let monday: IsoDate;
    try {
      monday = this.shape.parsePeriod(periodText);
    } catch (error) {
      return fail(periodName, periodText, (error as Error).message);
    }
    const countText = field(columns.count);
    let count: number | null = null;
    if (countText === '' && !this.shape.gapsAllowed)
      return fail(valueName, '', `the ${valueName} is empty; write 0 for a day without cases`);
    if (countText !== '') {
      if (countText.startsWith('-')) return fail(valueName, countText, `negative ${valueName} ${countText}: counts cannot be below zero`);
      if (!WHOLE_NUMBER.test(countText)) {
        const empty = this.shape.gapsAllowed ? ', or leave it empty for missing data' : '';
        return fail(valueName, countText, `"${countText}" is not a count: write a whole number${empty}`);
      }
      count = Number(countText);
    }
    const populationText = field(columns.population);
    let population: number | null = null;
    if (populationText !== '') {
      if (!DECIMAL.test(populationText) || Number(populationText) <= 0) {
        return fail('population', populationText, `"${populationText}" is not a population: write a positive number, or leave it empty`);
      }
      population = Number(populationText);
    }
    this.firstMonday ??= monday;
    const offset = daysBetween(this.firstMonday, monday) / this.shape.step;
    let cells = this.bySeries.get(name);
    if (!cells) {
      cells = new Map();
      this.bySeries.set(name, cells);
    }
    const earlier = cells.get(offset);
    if (earlier) {
      const what = this.shape.step === 7 ? 'week' : 'day';
      return fail(periodName, periodText, `series "${name}" has ${what} ${periodText} twice (also on line ${earlier.line}); keep one row`);
    }
    cells.set(offset, { line, count, population });
    this.minOffset = Math.min(this.minOffset, offset);
    this.maxOffset = Math.max(this.maxOffset, offset);
  }

  finish(): { ok: true; set: WeeklySeriesSet } | { ok: false; errors: DetectionInputError[] } {
    if (this.errors.length > 0) return { ok: false, errors: this.errors };
    if (this.firstMonday === null)
      return { ok: false, errors: [{ line: 1, column: null, value: null, reason: 'the file has no rows after the header' }] };
    if (!this.shape.gapsAllowed) {
      const missing = this.firstGap();
      if (missing) return { ok: false, errors: [missing] };
    }
    const weeks = this.maxOffset - this.minOffset + 1;
    const withPopulation = this.columns?.population !== undefined;
    const series = [...this.bySeries.entries()].map(([name, cells]) => {
      const counts: (number | null)[] = new Array<number | null>(weeks).fill(null);
      const population = withPopulation ? new Array<number | null>(weeks).fill(null) : null;
      for (const [offset, cell] of cells) {
        counts[offset - this.minOffset] = cell.count;
        if (population) population[offset - this.minOffset] = cell.population;
      }
      return { name, counts, population };
    });
    return { ok: true, set: { firstMonday: addDays(this.firstMonday, this.shape.step * this.minOffset), weeks, series } };
  }

  /** A day missing inside a daily series, named by its date and the series. */
  private firstGap(): DetectionInputError | null {
    for (const [name, cells] of this.bySeries) {
      const offsets = [...cells.keys()].sort((a, b) => a - b);
      for (let i = 1; i < offsets.length; i++) {
        if (offsets[i]! !== offsets[i - 1]! + 1) {
          const day = addDays(this.firstMonday!, offsets[i - 1]! + 1);
          const line = cells.get(offsets[i]!)!.line;
          return {
            line,
            column: null,
            value: day,
            reason: `series "${name}" has no row for ${day}: give every day, with 0 for days without cases`,
          };
        }
      }
    }
    return null;
  }
}

/** The collector for `accord detect` (weekly, gaps are missing data). */
export function createDetectionInputCollector(): SeriesInputCollector {
  return new SeriesInputCollector(WEEKLY);
}

/** The collector for `accord rt` (daily, every day required). */
export function createRtInputCollector(): SeriesInputCollector {
  return new SeriesInputCollector(DAILY);
}

export type { SeriesInputCollector };

/** The index on the shared axis of a Monday, or why it cannot be used as a bound of the range. */
export function weekIndexOf(set: WeeklySeriesSet, text: string, option: string): number {
  const monday = weekPeriodFromMonday(text).start;
  const index = daysBetween(set.firstMonday, monday) / 7;
  if (index < 0 || index >= set.weeks) {
    const last = addDays(set.firstMonday, 7 * (set.weeks - 1));
    throw new Error(`${option} ${text} is outside the data, which run from ${set.firstMonday} to ${last}`);
  }
  return index;
}

/** The Monday of week `index` of the axis. */
export function mondayAt(set: WeeklySeriesSet, index: number): IsoDate {
  return addDays(set.firstMonday, 7 * index);
}
