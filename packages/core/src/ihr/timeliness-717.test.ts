import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, type IsoDate } from '../time/periods.js';
import {
  EARLY_RESPONSE_ACTIONS,
  TimelinessError,
  aggregateBottleneck,
  aggregateTimeliness,
  timelinessBottleneck,
  computeTimeliness,
  type ResponseActionEntry,
  type TimelinessInput,
} from './timeliness-717.js';

const LATER = '2026-01-01';
const allDone = (date: string | null): ResponseActionEntry[] =>
  EARLY_RESPONSE_ACTIONS.map((code) => ({ code, applicable: true, dateCompleted: date }));
const record = (input: Partial<TimelinessInput>): TimelinessInput => ({
  dateEmergence: null,
  dateDetection: null,
  dateNotification: null,
  responseActions: [],
  ...input,
});

/** The test cases of shared/domain/risk-and-grading.md §3.4, by their numbers. */
describe('7-1-7 timeliness', () => {
  it('1: 5 / 0 / 6 days meets all three targets', () => {
    const actions = allDone('2025-03-08').map((a) => (a.code === 'coordination' ? { ...a, dateCompleted: '2025-03-12' } : a));
    const result = computeTimeliness(
      record({ dateEmergence: '2025-03-01', dateDetection: '2025-03-06', dateNotification: '2025-03-06', responseActions: actions }),
      { today: LATER },
    );
    expect(result).toEqual({
      dateEarlyResponseInitiation: '2025-03-08',
      dateEarlyResponseCompletion: '2025-03-12',
      detect: { days: 5, status: 'met' },
      notify: { days: 0, status: 'met' },
      respond: { days: 6, status: 'met' },
      all717: true,
    });
  });

  it('2: 9 / 2 / 3 days misses detect and notify, meets respond, so all717 is false', () => {
    const result = computeTimeliness(
      record({
        dateEmergence: '2025-03-01',
        dateDetection: '2025-03-10',
        dateNotification: '2025-03-12',
        responseActions: allDone('2025-03-15'),
      }),
      { today: LATER },
    );
    expect(result).toMatchObject({
      detect: { days: 9, status: 'missed' },
      notify: { days: 2, status: 'missed' },
      respond: { days: 3, status: 'met' },
      all717: false,
    });
  });

  it('3: without notification on the day of detection, notify is pending and all717 undecided', () => {
    const result = computeTimeliness(record({ dateEmergence: '2025-03-01', dateDetection: '2025-03-05' }), { today: '2025-03-05' });
    expect(result).toMatchObject({
      detect: { days: 4, status: 'met' },
      notify: { days: null, status: 'pending' },
      respond: { days: null, status: 'pending' },
      all717: null,
    });
  });

  it('4: without notification three days after detection, notify is missed while still open', () => {
    const result = computeTimeliness(record({ dateEmergence: '2025-03-01', dateDetection: '2025-03-05' }), { today: '2025-03-08' });
    expect(result).toMatchObject({ detect: { days: 4, status: 'met' }, notify: { days: null, status: 'missed' }, all717: false });
  });

  it('4b: notify stays pending up to the last day of its target', () => {
    const result = computeTimeliness(record({ dateEmergence: '2025-03-01', dateDetection: '2025-03-05' }), { today: '2025-03-06' });
    expect(result.notify).toEqual({ days: null, status: 'pending' });
  });

  it('5: not-applicable actions are ignored, even with a later date', () => {
    const actions = EARLY_RESPONSE_ACTIONS.map((code) => {
      if (code === 'community_countermeasures') return { code, applicable: false, dateCompleted: null };
      if (code === 'coordination') return { code, applicable: false, dateCompleted: '2025-04-20' };
      return { code, applicable: true, dateCompleted: code === 'investigate' ? '2025-04-03' : '2025-04-09' };
    });
    const result = computeTimeliness(
      record({ dateEmergence: '2025-04-01', dateDetection: '2025-04-03', dateNotification: '2025-04-03', responseActions: actions }),
      { today: LATER },
    );
    expect(result).toMatchObject({
      dateEarlyResponseInitiation: '2025-04-03',
      dateEarlyResponseCompletion: '2025-04-09',
      respond: { days: 6, status: 'met' },
      all717: true,
    });
  });

  it('6: revising emergence earlier after more cases are found turns detect from met into missed', () => {
    const base = record({ dateEmergence: '2025-03-01', dateDetection: '2025-03-06' });
    expect(computeTimeliness(base, { today: '2025-03-06' }).detect).toEqual({ days: 5, status: 'met' });
    const revised = computeTimeliness({ ...base, dateEmergence: '2025-02-20' }, { today: '2025-03-06' });
    expect(revised.detect).toEqual({ days: 14, status: 'missed' });
  });

  it('completion stays null until every applicable action has a date, and respond is then open', () => {
    const actions = allDone('2025-03-07').map((a) => (a.code === 'lab_confirmation' ? { ...a, dateCompleted: null } : a));
    const input = record({
      dateEmergence: '2025-03-01',
      dateDetection: '2025-03-02',
      dateNotification: '2025-03-02',
      responseActions: actions,
    });
    expect(computeTimeliness(input, { today: '2025-03-09' })).toMatchObject({
      dateEarlyResponseInitiation: '2025-03-07',
      dateEarlyResponseCompletion: null,
      respond: { days: null, status: 'pending' },
      all717: null,
    });
    expect(computeTimeliness(input, { today: '2025-03-10' }).respond).toEqual({ days: null, status: 'missed' });
  });

  it('an action left out of the list counts as applicable and not done', () => {
    const actions = allDone('2025-03-04').filter((a) => a.code !== 'coordination');
    const result = computeTimeliness(
      record({ dateEmergence: '2025-03-01', dateDetection: '2025-03-02', dateNotification: '2025-03-02', responseActions: actions }),
      { today: '2025-03-04' },
    );
    expect(result.dateEarlyResponseCompletion).toBeNull();
    expect(result.respond.status).toBe('pending');
  });

  it('targets are configurable', () => {
    const input = record({ dateEmergence: '2025-03-01', dateDetection: '2025-03-10', dateNotification: '2025-03-12' });
    const result = computeTimeliness(input, { today: '2025-03-12', targets: { detect: 10, notify: 2 } });
    expect(result).toMatchObject({
      detect: { days: 9, status: 'met' },
      notify: { days: 2, status: 'met' },
      respond: { status: 'pending' },
    });
  });
});

describe('7-1-7 data errors', () => {
  const today = LATER;
  it('a negative interval names both dates', () => {
    expect(() => computeTimeliness(record({ dateEmergence: '2025-03-08', dateDetection: '2025-03-05' }), { today })).toThrow(
      new TimelinessError('detection 2025-03-05 is before emergence 2025-03-08'),
    );
    expect(() =>
      computeTimeliness(record({ dateEmergence: '2025-03-01', dateDetection: '2025-03-05', dateNotification: '2025-03-04' }), { today }),
    ).toThrow('notification 2025-03-04 is before detection 2025-03-05');
    expect(() =>
      computeTimeliness(
        record({
          dateEmergence: '2025-03-01',
          dateDetection: '2025-03-05',
          dateNotification: '2025-03-06',
          responseActions: allDone('2025-03-05'),
        }),
        { today },
      ),
    ).toThrow('early response completion 2025-03-05 is before notification 2025-03-06');
  });

  it('an end date without its start date names both', () => {
    expect(() => computeTimeliness(record({ dateDetection: '2025-03-05' }), { today })).toThrow(
      'detection 2025-03-05 is recorded but emergence is missing',
    );
    expect(() => computeTimeliness(record({ dateEmergence: '2025-03-01', dateNotification: '2025-03-05' }), { today })).toThrow(
      'notification 2025-03-05 is recorded but detection is missing',
    );
  });

  it('bad dates name the field', () => {
    expect(() => computeTimeliness(record({ dateEmergence: '2025-02-30' }), { today })).toThrow(/^dateEmergence: '2025-02-30'/);
    expect(() => computeTimeliness(record({ dateDetection: '5/3/2025' }), { today })).toThrow(/^dateDetection:/);
    expect(() => computeTimeliness(record({ dateNotification: '' }), { today })).toThrow(/^dateNotification:/);
    expect(() => computeTimeliness(record({}), { today: '2025-3-1' })).toThrow(/^today:/);
    const actions = allDone(null).map((a) => (a.code === 'coordination' ? { ...a, applicable: false, dateCompleted: '2025-13-01' } : a));
    expect(() => computeTimeliness(record({ responseActions: actions }), { today })).toThrow(
      /^responseActions\.coordination\.dateCompleted:/,
    );
  });

  it('unknown, duplicate or all-not-applicable actions and bad targets are rejected', () => {
    const unknown = [{ code: 'pray', applicable: true, dateCompleted: null }] as unknown as ResponseActionEntry[];
    expect(() => computeTimeliness(record({ responseActions: unknown }), { today })).toThrow(/^responseActions\[0\]\.code: 'pray'/);
    expect(() => computeTimeliness(record({ responseActions: [...allDone(null), ...allDone(null)] }), { today })).toThrow(/listed twice/);
    const none = EARLY_RESPONSE_ACTIONS.map((code) => ({ code, applicable: false, dateCompleted: null }));
    expect(() => computeTimeliness(record({ responseActions: none }), { today })).toThrow(/not applicable/);
    expect(() => computeTimeliness(record({}), { today, targets: { notify: -1 } })).toThrow(/^targets\.notify:/);
    expect(() => computeTimeliness(record({}), { today, targets: { respond: 1.5 } })).toThrow(/^targets\.respond:/);
  });
});

describe('7-1-7 aggregates', () => {
  /** Synthetic events matching the published reference (Bochner et al. 2023): 41 events, 22 / 29 / 20 met, 11 all three. */
  function referenceEvents() {
    const start = '2025-01-01' as IsoDate;
    return Array.from({ length: 41 }, (_, i) => {
      const detectMet = i < 22;
      const notifyMet = i < 29;
      const respondMet = i < 11 || (i >= 22 && i < 31);
      const detection = addDays(start, detectMet ? 6 : 10);
      const notification = addDays(detection, notifyMet ? 0 : 3);
      return computeTimeliness(
        record({
          dateEmergence: start,
          dateDetection: detection,
          dateNotification: notification,
          responseActions: allDone(addDays(notification, respondMet ? 5 : 8)),
        }),
        { today: LATER },
      );
    });
  }

  it('reproduces the proportions and medians of the published reference', () => {
    const aggregate = aggregateTimeliness(referenceEvents());
    expect(aggregate).toEqual({
      events: 41,
      detect: { met: 22, assessed: 41, proportion: 22 / 41, medianDays: 6 },
      notify: { met: 29, assessed: 41, proportion: 29 / 41, medianDays: 0 },
      respond: { met: 20, assessed: 41, proportion: 20 / 41, medianDays: 8 },
      all717: { met: 11, assessed: 41, proportion: 11 / 41 },
    });
    expect(Math.round((aggregate.all717.proportion ?? 0) * 100)).toBe(27);
  });

  it('leaves pending events out of the denominator and open intervals out of the median', () => {
    const pending = computeTimeliness(record({ dateEmergence: '2025-03-01', dateDetection: '2025-03-05' }), { today: '2025-03-05' });
    const openMissed = computeTimeliness(record({ dateEmergence: '2025-03-01', dateDetection: '2025-03-03' }), { today: '2025-03-08' });
    const aggregate = aggregateTimeliness([pending, openMissed]);
    expect(aggregate.notify).toEqual({ met: 0, assessed: 1, proportion: 0, medianDays: null });
    expect(aggregate.detect).toEqual({ met: 2, assessed: 2, proportion: 1, medianDays: 3 });
    expect(aggregate.all717).toEqual({ met: 0, assessed: 1, proportion: 0 });
    expect(aggregateTimeliness([])).toMatchObject({ events: 0, all717: { met: 0, assessed: 0, proportion: null } });
  });
});

describe('7-1-7 properties', () => {
  const base = '2024-06-01' as IsoDate;
  it('a closed interval is met iff its days are within the target; an open one is pending iff elapsed time is', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 14 }),
        (offset, days, elapsed, target) => {
          const emergence = addDays(base, offset);
          const closed = computeTimeliness(record({ dateEmergence: emergence, dateDetection: addDays(emergence, days) }), {
            today: LATER,
            targets: { detect: target },
          });
          expect(closed.detect).toEqual({ days, status: days <= target ? 'met' : 'missed' });
          const open = computeTimeliness(record({ dateEmergence: emergence }), {
            today: addDays(emergence, elapsed),
            targets: { detect: target },
          });
          expect(open.detect).toEqual({ days: null, status: elapsed <= target ? 'pending' : 'missed' });
        },
      ),
    );
  });

  it('all717 is true iff all three are met, false iff any is missed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 12 }), (d, n, r) => {
        const detection = addDays(base, d);
        const notification = addDays(detection, n);
        const result = computeTimeliness(
          record({
            dateEmergence: base,
            dateDetection: detection,
            dateNotification: notification,
            responseActions: allDone(addDays(notification, r)),
          }),
          { today: LATER },
        );
        expect(result.all717).toBe(d <= 7 && n <= 1 && r <= 7);
      }),
    );
  });
});

describe('bottlenecks', () => {
  const interval = (status: 'met' | 'missed' | 'pending') => ({ days: status === 'pending' ? null : 1, status });
  const result = (detect: 'met' | 'missed' | 'pending', notify: 'met' | 'missed' | 'pending', respond: 'met' | 'missed' | 'pending') => ({
    dateEarlyResponseInitiation: null,
    dateEarlyResponseCompletion: null,
    detect: interval(detect),
    notify: interval(notify),
    respond: interval(respond),
    all717: null,
  });

  it('names the first missed interval of an event', () => {
    expect(timelinessBottleneck(result('met', 'missed', 'missed'))).toBe('notify');
    expect(timelinessBottleneck(result('met', 'met', 'pending'))).toBeNull();
  });

  it('names the interval met least often in a group, the earlier one on ties', () => {
    const aggregate = aggregateTimeliness([
      result('met', 'missed', 'missed'),
      result('met', 'met', 'missed'),
      result('missed', 'met', 'met'),
    ]);
    expect(aggregateBottleneck(aggregate)).toBe('respond');
    expect(aggregateBottleneck(aggregateTimeliness([result('missed', 'met', 'met'), result('met', 'missed', 'met')]))).toBe('detect');
    expect(aggregateBottleneck(aggregateTimeliness([result('met', 'met', 'met')]))).toBeNull();
  });
});
