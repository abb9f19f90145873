import { describe, expect, it } from 'vitest';
import {
  type IsoDate,
  type Period,
  PeriodError,
  addDays,
  comparePeriods,
  dayOfWeek,
  daysBetween,
  formatDhis2Period,
  formatPeriod,
  isIsoDate,
  isoWeekOf,
  mondayOfIsoWeek,
  nextPeriod,
  parseDhis2Period,
  parseIsoDate,
  parsePeriod,
  periodEnd,
  periodFromDateAndType,
  periodStartsAfter,
  toPeriod,
  tryParseDhis2Period,
  tryParsePeriod,
  weekPeriodFromMonday,
  weeksInIsoYear,
} from './periods.js';

const d = (text: string): IsoDate => parseIsoDate(text);
const week = (start: string): Period => ({ type: 'week', start: d(start) });
const month = (start: string): Period => ({ type: 'month', start: d(start) });
const day = (start: string): Period => ({ type: 'day', start: d(start) });

function reasonOf(result: ReturnType<typeof tryParsePeriod>): string {
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.period)}`);
  return result.reason;
}

// Independent reference for the tests only: JavaScript's Date in UTC (core itself has no Date).
function utcDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}
function referenceIsoWeek(date: string): { year: number; week: number } {
  const t = utcDate(date);
  const weekday = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - weekday);
  const year = t.getUTCFullYear();
  const week = Math.ceil(((t.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return { year, week };
}

describe('ISO weeks', () => {
  it('starts week 1 on the Monday of the week holding the first Thursday', () => {
    expect(mondayOfIsoWeek(2024, 1)).toBe('2024-01-01');
    expect(mondayOfIsoWeek(2021, 1)).toBe('2021-01-04');
    expect(mondayOfIsoWeek(2009, 1)).toBe('2008-12-29');
    expect(parsePeriod('2024-W01')).toEqual(week('2024-01-01'));
    expect(parsePeriod('2021-W01')).toEqual(week('2021-01-04'));
  });

  it('knows which years have 53 weeks', () => {
    expect(weeksInIsoYear(2020)).toBe(53);
    expect(weeksInIsoYear(2026)).toBe(53);
    expect(weeksInIsoYear(2021)).toBe(52);
    expect(weeksInIsoYear(2024)).toBe(52);
    expect(weeksInIsoYear(2004)).toBe(53); // leap year starting on a Thursday
    expect(weeksInIsoYear(1992)).toBe(53); // leap year starting on a Wednesday
    expect(parsePeriod('2020-W53')).toEqual(week('2020-12-28'));
    expect(parsePeriod('2026-W53')).toEqual(week('2026-12-28'));
    expect(() => parsePeriod('2021-W53')).toThrow(new PeriodError('"2021-W53" is not a valid ISO week: 2021 has 52 weeks'));
    expect(() => parsePeriod('2024-W54')).toThrow('"2024-W54" is not a valid ISO week: 2024 has 52 weeks');
    expect(() => mondayOfIsoWeek(2021, 53)).toThrow('2021 has 52 ISO weeks, numbered 1 to 52: there is no week 53');
    expect(() => weeksInIsoYear(1899)).toThrow('1899 is not a supported year: years run from 1900 to 2999');
  });

  it('puts days around New Year in the right ISO year', () => {
    expect(isoWeekOf(d('2027-01-01'))).toEqual({ year: 2026, week: 53 });
    expect(isoWeekOf(d('2008-12-29'))).toEqual({ year: 2009, week: 1 });
    expect(isoWeekOf(d('2021-01-03'))).toEqual({ year: 2020, week: 53 });
    expect(isoWeekOf(d('2024-12-30'))).toEqual({ year: 2025, week: 1 });
    expect(isoWeekOf(d('2999-12-31'))).toEqual({ year: 3000, week: 1 });
    expect(formatPeriod(periodFromDateAndType(d('2027-01-01'), 'week'))).toBe('2026-W53');
    expect(formatPeriod(periodFromDateAndType(d('2008-12-29'), 'week'))).toBe('2009-W01');
  });

  it('agrees with Date for every day from 1990 to 2040', () => {
    // Plain checks collected into one assertion: 18,628 days times several expect() calls would dominate the run time.
    const failures: string[] = [];
    let date = d('1990-01-01');
    let days = 0;
    for (;;) {
      const { year, week: weekNumber } = isoWeekOf(date);
      const reference = referenceIsoWeek(date);
      if (year !== reference.year || weekNumber !== reference.week)
        failures.push(`${date}: ${year}-W${weekNumber}, Date says ${reference.year}-W${reference.week}`);
      const monday = mondayOfIsoWeek(year, weekNumber);
      const offset = daysBetween(monday, date);
      if (!(monday <= date) || offset < 0 || offset > 6) failures.push(`${date}: Monday ${monday} is ${offset} days before it`);
      if (dayOfWeek(monday) !== 1 || utcDate(monday).getUTCDay() !== 1) failures.push(`${date}: ${monday} is not a Monday`);
      if (periodFromDateAndType(date, 'week').start !== monday) failures.push(`${date}: week period does not start on ${monday}`);
      days++;
      if (date === '2040-12-31') break;
      date = addDays(date, 1);
    }
    expect(failures).toEqual([]);
    expect(days).toBe(18_628);
  });

  it('round-trips every week of every supported year', () => {
    for (let year = 1900; year <= 2999; year++) {
      const weeks = weeksInIsoYear(year);
      expect(weeks).toBe(referenceIsoWeek(`${year}-12-28`).week);
      for (let n = 1; n <= weeks; n++) {
        const text = `${year}-W${String(n).padStart(2, '0')}`;
        const result = tryParsePeriod(text);
        if (!result.ok) throw new Error(result.reason);
        if (formatPeriod(result.period) !== text) throw new Error(`${text} formats as ${formatPeriod(result.period)}`);
        if (formatDhis2Period(result.period) !== `${year}W${n}`)
          throw new Error(`${text} formats for DHIS2 as ${formatDhis2Period(result.period)}`);
      }
    }
  });
});

describe('dates', () => {
  it('knows leap days', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(() => parseIsoDate('2023-02-29')).toThrow('"2023-02-29" is not a valid date: February 2023 has 28 days');
    expect(() => parseIsoDate('1900-02-29')).toThrow('"1900-02-29" is not a valid date: February 1900 has 28 days');
    expect(() => parsePeriod('2023-02-29')).toThrow('"2023-02-29" is not a valid date: February 2023 has 28 days');
    expect(parsePeriod('2000-02-29')).toEqual(day('2000-02-29'));
  });

  it('explains malformed dates', () => {
    expect(() => parseIsoDate('')).toThrow('the date is empty: use YYYY-MM-DD, e.g. 2024-03-15');
    expect(() => parseIsoDate('2024-3-15')).toThrow('"2024-3-15" is not a date: use YYYY-MM-DD, e.g. 2024-03-15');
    expect(() => parseIsoDate('2024-04-31')).toThrow('"2024-04-31" is not a valid date: April 2024 has 30 days');
    expect(() => parseIsoDate('2024-13-01')).toThrow('"2024-13-01" is not a valid date: months run from 01 to 12');
    expect(() => parseIsoDate('2024-01-00')).toThrow('"2024-01-00" is not a valid date: days are numbered from 01');
    expect(() => parseIsoDate('1899-12-31')).toThrow('"1899-12-31": the year 1899 is outside the supported range 1900–2999');
    expect(() => parseIsoDate('3000-01-01')).toThrow('"3000-01-01": the year 3000 is outside the supported range 1900–2999');
    expect(isIsoDate(20240315)).toBe(false);
  });

  it('agrees with Date on every day of the supported years', () => {
    let date = d('1900-01-01');
    let time = Date.UTC(1900, 0, 1);
    for (;;) {
      const expected = new Date(time).toISOString().slice(0, 10);
      if (date !== expected) throw new Error(`${date} should be ${expected}`);
      if (dayOfWeek(date) !== (new Date(time).getUTCDay() || 7)) throw new Error(`wrong weekday for ${date}`);
      if (date === '2999-12-31') break;
      date = addDays(date, 1);
      time += 86_400_000;
    }
    expect(daysBetween(d('1900-01-01'), d('2999-12-31'))).toBe((Date.UTC(2999, 11, 31) - Date.UTC(1900, 0, 1)) / 86_400_000);
  });

  it('adds and counts days', () => {
    expect(addDays(d('2024-02-28'), 1)).toBe('2024-02-29');
    expect(addDays(d('2023-02-28'), 1)).toBe('2023-03-01');
    expect(addDays(d('2024-01-01'), -1)).toBe('2023-12-31');
    expect(addDays(d('2024-03-15'), 0)).toBe('2024-03-15');
    expect(daysBetween(d('2024-03-01'), d('2024-03-08'))).toBe(7);
    expect(daysBetween(d('2024-03-08'), d('2024-03-01'))).toBe(-7);
    expect(dayOfWeek(d('2024-03-15'))).toBe(5);
    expect(dayOfWeek(d('2024-03-17'))).toBe(7);
    expect(() => addDays(d('2999-12-31'), 1)).toThrow('adding 1 days to 2999-12-31 leaves the supported years 1900–2999');
    expect(() => addDays(d('2024-01-01'), 0.5)).toThrow('addDays needs a whole number of days, not 0.5');
  });
});

describe('Accord period syntax', () => {
  it('parses and formats weeks, months and days', () => {
    expect(parsePeriod('2024-W05')).toEqual(week('2024-01-29'));
    expect(parsePeriod('2024-03')).toEqual(month('2024-03-01'));
    expect(parsePeriod('2024-03-15')).toEqual(day('2024-03-15'));
    for (const text of ['2024-W05', '2009-W01', '2020-W53', '2024-03', '1900-01', '2999-12', '2024-03-15', '2024-02-29']) {
      expect(formatPeriod(parsePeriod(text))).toBe(text);
    }
    expect(tryParsePeriod('2024-03')).toEqual({ ok: true, period: month('2024-03-01') });
  });

  it('rejects malformed periods, saying what is wrong', () => {
    const forms = 'use an ISO week (2024-W05), a month (2024-03) or a day (2024-03-15)';
    const cases: [string, string][] = [
      ['2024-13', '"2024-13" is not a valid month: months run from 01 to 12'],
      ['2024-00', '"2024-00" is not a valid month: months run from 01 to 12'],
      ['2024-W00', '"2024-W00" is not a valid ISO week: weeks are numbered from 1'],
      ['2024-W5', '"2024-W5" is not a valid ISO week: the week needs two digits (2024-W05)'],
      ['24-W05', `"24-W05" is not a period: the year needs four digits; ${forms}`],
      ['2024/03/15', `"2024/03/15" is not a period: separate the year, month and day with hyphens (-); ${forms}`],
      ['', `the period is empty: ${forms}`],
      [' 2024-03', '" 2024-03" is not a period: remove the spaces around it'],
      ['2024Q1', 'quarterly periods (2024Q1) are not supported; send weekly, monthly or daily data'],
      ['2024-Q1', 'quarterly periods (2024-Q1) are not supported; send weekly, monthly or daily data'],
      ['2024', 'yearly periods (2024) are not supported; send weekly, monthly or daily data'],
      ['2024W05', `"2024W05" is not a period in Accord syntax (it looks like DHIS2 syntax); ${forms}`],
      ['202403', `"202403" is not a period in Accord syntax (it looks like DHIS2 syntax); ${forms}`],
      ['1850-03', '"1850-03": the year 1850 is outside the supported range 1900–2999'],
      ['3000-W01', '"3000-W01": the year 3000 is outside the supported range 1900–2999'],
      ['2024-w05', `"2024-w05" is not a period: ${forms}`],
      ['2024-W055', `"2024-W055" is not a period: ${forms}`],
      ['2024-03-1', `"2024-03-1" is not a period: ${forms}`],
      ['March 2024', `"March 2024" is not a period: ${forms}`],
    ];
    for (const [text, reason] of cases) {
      expect(reasonOf(tryParsePeriod(text)), text).toBe(reason);
      expect(() => parsePeriod(text), text).toThrow(new PeriodError(reason));
    }
  });

  it('throws PeriodError', () => {
    expect(() => parsePeriod('nonsense')).toThrow(PeriodError);
  });
});

describe('DHIS2 period syntax', () => {
  it('round-trips weeks, months and days', () => {
    expect(parseDhis2Period('2024W5')).toEqual(parsePeriod('2024-W05'));
    expect(parseDhis2Period('2024W05')).toEqual(parsePeriod('2024-W05'));
    expect(formatDhis2Period(parsePeriod('2024-W05'))).toBe('2024W5');
    expect(formatPeriod(parseDhis2Period('2024W5'))).toBe('2024-W05');
    expect(parseDhis2Period('202403')).toEqual(parsePeriod('2024-03'));
    expect(formatDhis2Period(parsePeriod('2024-03'))).toBe('202403');
    expect(parseDhis2Period('20240315')).toEqual(parsePeriod('2024-03-15'));
    expect(formatDhis2Period(parsePeriod('2024-03-15'))).toBe('20240315');
    expect(formatDhis2Period(parsePeriod('2020-W53'))).toBe('2020W53');
    expect(parseDhis2Period('2009W1')).toEqual(week('2008-12-29'));
    expect(tryParseDhis2Period('202412')).toEqual({ ok: true, period: month('2024-12-01') });
  });

  it('rejects other DHIS2 period types, naming them', () => {
    const tail = 'are not supported; send weekly, monthly or daily data';
    const cases: [string, string][] = [
      ['2024Q1', `quarterly periods (2024Q1) ${tail}`],
      ['2024', `yearly periods (2024) ${tail}`],
      ['2024BiW1', `bi-weekly periods (2024BiW1) ${tail}`],
      ['2024WedW5', 'Wednesday-start weekly periods (2024WedW5) are not supported; send ISO weekly (Monday-start), monthly or daily data'],
      ['2024SunW12', 'Sunday-start weekly periods (2024SunW12) are not supported; send ISO weekly (Monday-start), monthly or daily data'],
      ['202401B', `bi-monthly periods (202401B) ${tail}`],
      ['2024S2', `six-monthly periods (2024S2) ${tail}`],
      ['2024AprilS1', `six-monthly (April start) periods (2024AprilS1) ${tail}`],
      ['2024NovQ1', `quarterly (November start) periods (2024NovQ1) ${tail}`],
      ['2024July', `financial-year periods (2024July) ${tail}`],
    ];
    for (const [text, reason] of cases) {
      const result = tryParseDhis2Period(text);
      expect(result.ok ? null : result.reason, text).toBe(reason);
      expect(() => parseDhis2Period(text), text).toThrow(new PeriodError(reason));
    }
  });

  it('rejects malformed DHIS2 periods', () => {
    const forms = 'use a DHIS2 week (2024W5), month (202403) or day (20240315)';
    const cases: [string, string][] = [
      ['', `the period is empty: ${forms}`],
      ['2024W0', '"2024W0" is not a valid ISO week: weeks are numbered from 1'],
      ['2021W53', '"2021W53" is not a valid ISO week: 2021 has 52 weeks'],
      ['2024W105', '"2024W105" is not a valid ISO week: weeks are numbered 1 to 53'],
      ['202413', '"202413" is not a valid month: months run from 01 to 12'],
      ['20230229', '"20230229" is not a valid date: February 2023 has 28 days'],
      ['185003', '"185003": the year 1850 is outside the supported range 1900–2999'],
      ['24W5', `"24W5" is not a period: the year needs four digits; ${forms}`],
      ['2024-03', `"2024-03" is not a period in DHIS2 syntax (DHIS2 periods have no hyphens); ${forms}`],
      ['2024w5', `"2024w5" is not a DHIS2 period: ${forms}`],
      ['2024031', `"2024031" is not a DHIS2 period: ${forms}`],
    ];
    for (const [text, reason] of cases) {
      const result = tryParseDhis2Period(text);
      expect(result.ok ? null : result.reason, text).toBe(reason);
    }
  });
});

describe('period helpers', () => {
  it('finds the period containing a date', () => {
    expect(periodFromDateAndType(d('2024-03-15'), 'week')).toEqual(week('2024-03-11'));
    expect(periodFromDateAndType(d('2024-03-17'), 'week')).toEqual(week('2024-03-11'));
    expect(periodFromDateAndType(d('2024-03-15'), 'month')).toEqual(month('2024-03-01'));
    expect(periodFromDateAndType(d('2024-03-15'), 'day')).toEqual(day('2024-03-15'));
    expect(() => periodFromDateAndType(d('2999-12-31'), 'week')).toThrow(
      '2999-12-31 is in an ISO week of 3000, outside the supported years 1900–2999',
    );
  });

  it('ends periods on their last day, inclusive', () => {
    expect(periodEnd(parsePeriod('2024-02'))).toBe('2024-02-29');
    expect(periodEnd(parsePeriod('2023-02'))).toBe('2023-02-28');
    expect(periodEnd(parsePeriod('2024-04'))).toBe('2024-04-30');
    expect(periodEnd(parsePeriod('2024-12'))).toBe('2024-12-31');
    expect(periodEnd(parsePeriod('2020-W53'))).toBe('2021-01-03');
    expect(periodEnd(parsePeriod('2024-03-15'))).toBe('2024-03-15');
  });

  it('steps to the next period', () => {
    expect(formatPeriod(nextPeriod(parsePeriod('2020-W52')))).toBe('2020-W53');
    expect(formatPeriod(nextPeriod(parsePeriod('2020-W53')))).toBe('2021-W01');
    expect(formatPeriod(nextPeriod(parsePeriod('2024-12')))).toBe('2025-01');
    expect(formatPeriod(nextPeriod(parsePeriod('2024-09')))).toBe('2024-10');
    expect(formatPeriod(nextPeriod(parsePeriod('2024-02-28')))).toBe('2024-02-29');
    expect(() => nextPeriod(parsePeriod('2999-12'))).toThrow('the period after 2999-12 leaves the supported years 1900–2999');
    expect(() => nextPeriod(parsePeriod('2999-12-31'))).toThrow('the period after 2999-12-31 leaves the supported years 1900–2999');
    expect(() => nextPeriod(parsePeriod('2999-W52'))).toThrow('the period after 2999-W52 is in an ISO week of 3000');
  });

  it('compares by type, then start', () => {
    const sorted = [
      parsePeriod('2024-03-15'),
      parsePeriod('2024-03'),
      parsePeriod('2024-W11'),
      parsePeriod('2024-W02'),
      parsePeriod('2023-12'),
    ]
      .sort(comparePeriods)
      .map(formatPeriod);
    expect(sorted).toEqual(['2024-W02', '2024-W11', '2023-12', '2024-03', '2024-03-15']);
    expect(comparePeriods(parsePeriod('2024-03'), parsePeriod('2024-03'))).toBe(0);
  });

  it('refuses only periods that start after today', () => {
    const today = d('2024-03-13');
    expect(periodStartsAfter(parsePeriod('2024-W11'), today)).toBe(false); // the current week, started Monday 11 March
    expect(periodStartsAfter(parsePeriod('2024-03'), today)).toBe(false);
    expect(periodStartsAfter(parsePeriod('2024-03-13'), today)).toBe(false);
    expect(periodStartsAfter(parsePeriod('2024-03-14'), today)).toBe(true);
    expect(periodStartsAfter(parsePeriod('2024-W12'), today)).toBe(true);
    expect(periodStartsAfter(parsePeriod('2024-04'), today)).toBe(true);
  });

  it('identifies weeks by their Monday', () => {
    expect(weekPeriodFromMonday('2024-03-11')).toEqual(parsePeriod('2024-W11'));
    expect(weekPeriodFromMonday('2008-12-29')).toEqual(parsePeriod('2009-W01'));
    expect(() => weekPeriodFromMonday('2024-03-13')).toThrow(
      '"2024-03-13" is a Wednesday, not a Monday: weekly periods are identified by their Monday (that week\'s Monday is 2024-03-11)',
    );
    expect(() => weekPeriodFromMonday('2024-W11')).toThrow('"2024-W11" is not a date: use YYYY-MM-DD, e.g. 2024-03-15');
    expect(() => weekPeriodFromMonday('2999-12-30')).toThrow(
      '"2999-12-30" is in an ISO week of 3000, outside the supported years 1900–2999',
    );
  });

  it('checks stored (type, start) pairs', () => {
    expect(toPeriod('week', '2024-03-11')).toEqual(week('2024-03-11'));
    expect(toPeriod('month', '2024-03-01')).toEqual(month('2024-03-01'));
    expect(toPeriod('day', '2024-03-15')).toEqual(day('2024-03-15'));
    expect(() => toPeriod('quarter', '2024-01-01')).toThrow('"quarter" is not a period type: use week, month, day');
    expect(() => toPeriod('week', '2024-03-13')).toThrow(
      'a weekly period starts on a Monday, not on 2024-03-13 (that week starts on 2024-03-11)',
    );
    expect(() => toPeriod('month', '2024-03-15')).toThrow(
      'a monthly period starts on the first day of the month, not on 2024-03-15 (that month starts on 2024-03-01)',
    );
  });
});
