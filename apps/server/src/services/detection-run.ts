import { sql, type Kysely } from 'kysely';
import {
  addDays,
  daysBetween,
  signalEpisodesOf,
  undefinedResultNote,
  type DetectionMethod,
  type DetectionRow,
  type EvaluatedWeek,
  type IsoDate,
} from '@accord/core';
import type { Database } from '../db/schema.js';
import type { DetectionPool, SeriesJob } from '../detection/detection-pool.js';

/**
 * One detection run over stored weekly series: series are read from the database a batch at a time
 * (never all at once), evaluated by the executor (worker threads for large runs), and each batch's
 * results and signals are written in one transaction, with the run's progress.
 */

/** Runs one method over many series: the worker pool (which runs small batches on the calling thread). */
export type DetectionExecutor = Pick<DetectionPool, 'run'>;

/** How a disease is monitored: which metric's weekly series, by which method with which parameters. */
export interface MonitoredDisease {
  diseaseId: number;
  metricId: number;
  method: DetectionMethod;
  params: Record<string, string>;
}

/** A series to evaluate, with the weeks to evaluate (null: the series' own latest week). */
export interface PlannedSeries {
  locationId: number;
  diseaseId: number;
  metricId: number;
  country: string;
  from: IsoDate | null;
  to: IsoDate | null;
  /** At most this many of the latest weeks up to `to` (automatic runs after an import); null: no limit. */
  latestWeeks: number | null;
}

export interface RunProgress {
  /** First and last week evaluated so far (null before any). */
  firstWeek: IsoDate | null;
  lastWeek: IsoDate | null;
  seriesDone: number;
  weeksEvaluated: number;
  alarms: number;
  signalsOpened: number;
}

/** Series per database read and per transaction: large enough to keep the workers busy, small enough to bound memory. */
export const SERIES_PER_BATCH = 500;

/** Automatic runs (after an import) evaluate at most this many of each series' latest weeks. */
export const AUTOMATIC_RUN_MAX_WEEKS = 52;

export async function executeDetectionRun(
  db: Kysely<Database>,
  executor: DetectionExecutor,
  runId: string,
  plan: readonly PlannedSeries[],
  monitored: ReadonlyMap<number, MonitoredDisease>,
  onBatch: (progress: RunProgress) => Promise<void>,
  clock: () => Date = () => new Date(),
): Promise<RunProgress> {
  const progress: RunProgress = { firstWeek: null, lastWeek: null, seriesDone: 0, weeksEvaluated: 0, alarms: 0, signalsOpened: 0 };
  const load = (at: number) => inFlight(loadSeries(db, plan.slice(at, at + SERIES_PER_BATCH)));
  // A pipeline: while the workers evaluate one batch, the next is read and the previous one written.
  let loading = plan.length > 0 ? load(0) : null;
  let writing: Promise<void> = Promise.resolve();
  for (let at = 0; at < plan.length; at += SERIES_PER_BATCH) {
    const size = Math.min(SERIES_PER_BATCH, plan.length - at);
    const loaded = await loading!;
    loading = at + SERIES_PER_BATCH < plan.length ? load(at + SERIES_PER_BATCH) : null;
    // One executor call per disease (its series share a method and parameters), all at once so no worker idles.
    const groups = [...groupBy(loaded, (s) => s.plan.diseaseId)];
    const evaluated = await Promise.all(
      groups.map(([diseaseId, members]) => {
        const config = monitored.get(diseaseId)!;
        return executor.run(
          config.method,
          config.params,
          members.map((s) => s.job),
        );
      }),
    );
    const results = groups.flatMap(([diseaseId, members], g) =>
      members.map((series, i) => toResult(series, monitored.get(diseaseId)!.method, evaluated[g]![i]!)),
    );
    await writing;
    writing = inFlight(
      (async () => {
        await db.transaction().execute(async (trx) => {
          await writeResults(trx, runId, results);
          const opened = await updateSignals(trx, results, clock());
          countInto(progress, size, results, opened);
          await recordProgress(trx, runId, progress);
        });
        await onBatch(progress);
      })(),
    );
  }
  await writing;
  return progress;
}

/** A promise that may settle while the caller awaits something else: its rejection is seen when it is awaited. */
function inFlight<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

function countInto(progress: RunProgress, series: number, results: readonly SeriesResult[], opened: number): void {
  progress.seriesDone += series;
  progress.signalsOpened += opened;
  for (const { weeks } of results) {
    progress.weeksEvaluated += weeks.length;
    progress.alarms += weeks.filter((w) => w.alarm === true).length;
    if (weeks.length === 0) continue;
    const first = weeks[0]!.week;
    const last = weeks[weeks.length - 1]!.week;
    if (progress.firstWeek === null || first < progress.firstWeek) progress.firstWeek = first;
    if (progress.lastWeek === null || last > progress.lastWeek) progress.lastWeek = last;
  }
}

async function recordProgress(trx: Kysely<Database>, runId: string, progress: RunProgress): Promise<void> {
  await trx
    .updateTable('detection_runs')
    .set({
      series_done: progress.seriesDone,
      weeks_evaluated: progress.weeksEvaluated,
      alarms: progress.alarms,
      signals_opened: progress.signalsOpened,
      heartbeat_at: new Date(),
    })
    .where('id', '=', runId)
    .execute();
}

interface LoadedSeries {
  plan: PlannedSeries;
  /** Monday of each week of the axis is `job.start` + 7 × index; from and to are set. */
  job: SeriesJob & { from: number; to: number };
}

interface SeriesResult {
  plan: PlannedSeries;
  method: DetectionMethod;
  weeks: (EvaluatedWeek & { note: string | null })[];
}

/** Reads the batch's series (every week up to the last one to evaluate) and their populations. */
async function loadSeries(db: Kysely<Database>, batch: readonly PlannedSeries[]): Promise<LoadedSeries[]> {
  const locations = batch.map((s) => s.locationId);
  // One row per series, its weeks (days since its first week) and counts as text: reading a few hundred rows of
  // text is many times cheaper for the driver than a row per week (measured: most of a run's main-thread time).
  const rows = await sql<{ index: number; start: string; days: string; counts: string }>`
    SELECT s.index, min(o.period_start) AS start,
           string_agg((o.period_start - DATE '2000-01-03')::text, ',' ORDER BY o.period_start) AS days,
           string_agg(o.value::text, ',' ORDER BY o.period_start) AS counts
    FROM unnest(${locations}::int[], ${batch.map((s) => s.diseaseId)}::int[], ${batch.map((s) => s.metricId)}::int[],
                ${batch.map((s) => s.to)}::date[]) WITH ORDINALITY AS s (location_id, disease_id, metric_id, last_week, index)
    JOIN observations o
      ON o.location_id = s.location_id AND o.disease_id = s.disease_id AND o.metric_id = s.metric_id AND o.period_type = 'W'
     AND (s.last_week IS NULL OR o.period_start <= s.last_week)
    GROUP BY s.index`.execute(db);
  const populations = await db
    .selectFrom('location_populations')
    .select(['location_id', 'year', 'population'])
    .where('location_id', 'in', [...new Set(locations)])
    .execute();
  const populationOf = new Map<number, Map<number, number>>();
  for (const p of populations) {
    if (!populationOf.has(p.location_id)) populationOf.set(p.location_id, new Map());
    populationOf.get(p.location_id)!.set(p.year, Number(p.population));
  }
  const loaded: LoadedSeries[] = [];
  for (const row of rows.rows.sort((a, b) => Number(a.index) - Number(b.index))) {
    const plan = batch[Number(row.index) - 1]!;
    const start = row.start as IsoDate;
    const days = row.days.split(',').map(Number);
    const values = row.counts.split(',').map(Number);
    // Weeks after the series' last report are not evaluated: there is nothing new to say about them.
    const length = (days[days.length - 1]! - days[0]!) / 7 + 1;
    const counts: (number | null)[] = new Array<number | null>(length).fill(null);
    for (let i = 0; i < days.length; i++) counts[(days[i]! - days[0]!) / 7] = values[i]!;
    const yearly = populationOf.get(plan.locationId);
    const population = yearly ? counts.map((_, i) => yearly.get(Number(addDays(start, i * 7).slice(0, 4))) ?? null) : null;
    let from = plan.from === null ? length - 1 : Math.max(0, Math.ceil(daysBetween(start, plan.from) / 7));
    if (plan.latestWeeks !== null) from = Math.max(from, length - plan.latestWeeks);
    if (from > length - 1) continue;
    loaded.push({ plan, job: { counts, population, start, from, to: length - 1 } });
  }
  return loaded;
}

function toResult(series: LoadedSeries, method: DetectionMethod, rows: readonly DetectionRow[]): SeriesResult {
  const byIndex = new Map(rows.map((row) => [row.index, row]));
  const weeks: SeriesResult['weeks'] = [];
  for (let index = series.job.from; index <= series.job.to; index++) {
    const observed = series.job.counts[index] ?? null;
    const row = byIndex.get(index);
    const defined = row !== undefined && row.upperbound !== null;
    weeks.push({
      week: addDays(series.job.start, index * 7),
      observed,
      expected: row?.expected ?? null,
      upperbound: row?.upperbound ?? null,
      alarm: row && row.alarm !== null ? row.alarm === 1 : null,
      note: defined ? null : undefinedResultNote(observed),
    });
  }
  return { plan: series.plan, method, weeks };
}

async function writeResults(trx: Kysely<Database>, runId: string, results: readonly SeriesResult[]): Promise<void> {
  const columns = {
    location: [] as number[],
    disease: [] as number[],
    metric: [] as number[],
    week: [] as string[],
    method: [] as string[],
    observed: [] as (number | null)[],
    expected: [] as (number | null)[],
    upperbound: [] as (number | null)[],
    alarm: [] as (boolean | null)[],
    note: [] as (string | null)[],
  };
  for (const result of results) {
    for (const w of result.weeks) {
      columns.location.push(result.plan.locationId);
      columns.disease.push(result.plan.diseaseId);
      columns.metric.push(result.plan.metricId);
      columns.week.push(w.week);
      columns.method.push(result.method);
      columns.observed.push(w.observed);
      columns.expected.push(finiteOrNull(w.expected));
      columns.upperbound.push(finiteOrNull(w.upperbound));
      columns.alarm.push(w.alarm);
      columns.note.push(w.note);
    }
  }
  if (columns.location.length === 0) return;
  await sql`
    INSERT INTO detection_results (location_id, disease_id, metric_id, period_start, method, observed, expected, upperbound, alarm, note, run_id)
    SELECT r.*, ${runId}::uuid
    FROM unnest(${columns.location}::int[], ${columns.disease}::int[], ${columns.metric}::int[], ${columns.week}::date[], ${columns.method}::text[],
                ${columns.observed}::float8[], ${columns.expected}::float8[], ${columns.upperbound}::float8[], ${columns.alarm}::bool[], ${columns.note}::text[]) AS r
    ON CONFLICT (location_id, disease_id, metric_id, period_start) DO UPDATE SET
      method = excluded.method, observed = excluded.observed, expected = excluded.expected, upperbound = excluded.upperbound,
      alarm = excluded.alarm, note = excluded.note, run_id = excluded.run_id`.execute(trx);
}

/** Infinity (e.g. an upperbound R also gives as Inf) cannot travel as JSON; it is stored as undefined. */
const finiteOrNull = (value: number | null) => (value !== null && Number.isFinite(value) ? value : null);

/**
 * Brings the signals of the batch's series up to date with every stored evaluation: series with an
 * alarm now, or with an episode that was still going. Returns how many signals were opened.
 */
async function updateSignals(trx: Kysely<Database>, results: readonly SeriesResult[], now: Date): Promise<number> {
  const keyOf = (plan: PlannedSeries) => seriesKey(plan.locationId, plan.diseaseId, plan.metricId);
  const byKey = new Map(results.map((r) => [keyOf(r.plan), r]));
  const ongoing = await sql<{ location_id: number; disease_id: number; metric_id: number }>`
    SELECT DISTINCT g.location_id, g.disease_id, g.metric_id FROM signals g
    JOIN unnest(${results.map((r) => r.plan.locationId)}::int[], ${results.map((r) => r.plan.diseaseId)}::int[],
                ${results.map((r) => r.plan.metricId)}::int[]) AS s (location_id, disease_id, metric_id)
      ON g.location_id = s.location_id AND g.disease_id = s.disease_id AND g.metric_id = s.metric_id
    WHERE g.ongoing`.execute(trx);
  const toUpdate = new Map<string, SeriesResult>();
  for (const result of results) if (result.weeks.some((w) => w.alarm === true)) toUpdate.set(keyOf(result.plan), result);
  for (const row of ongoing.rows) {
    const key = seriesKey(row.location_id, row.disease_id, row.metric_id);
    toUpdate.set(key, byKey.get(key)!);
  }
  if (toUpdate.size === 0) return 0;
  const series = [...toUpdate.values()];
  const stored = await sql<{
    location_id: number;
    disease_id: number;
    metric_id: number;
    period_start: string;
    observed: number | null;
    expected: number | null;
    upperbound: number | null;
    alarm: boolean | null;
  }>`
    SELECT r.location_id, r.disease_id, r.metric_id, r.period_start, r.observed, r.expected, r.upperbound, r.alarm
    FROM detection_results r
    JOIN unnest(${series.map((r) => r.plan.locationId)}::int[], ${series.map((r) => r.plan.diseaseId)}::int[],
                ${series.map((r) => r.plan.metricId)}::int[]) AS s (location_id, disease_id, metric_id)
      ON r.location_id = s.location_id AND r.disease_id = s.disease_id AND r.metric_id = s.metric_id`.execute(trx);
  const weeksOf = new Map<string, EvaluatedWeek[]>();
  for (const row of stored.rows) {
    const key = seriesKey(row.location_id, row.disease_id, row.metric_id);
    if (!weeksOf.has(key)) weeksOf.set(key, []);
    weeksOf.get(key)!.push({
      week: row.period_start as IsoDate,
      observed: row.observed,
      expected: row.expected,
      upperbound: row.upperbound,
      alarm: row.alarm,
    });
  }
  let opened = 0;
  for (const result of series) {
    const { plan } = result;
    const episodes = signalEpisodesOf(weeksOf.get(seriesKey(plan.locationId, plan.diseaseId, plan.metricId)) ?? []);
    for (const episode of episodes) {
      const values = {
        method: result.method,
        last_alarm: episode.lastAlarm,
        alarms: episode.alarms,
        peak_week: episode.peakWeek,
        peak_observed: episode.peakObserved,
        peak_expected: episode.peakExpected,
        peak_upperbound: episode.peakUpperbound,
        score: episode.score,
        ongoing: episode.ongoing,
        updated_at: now,
      };
      const row = await trx
        .insertInto('signals')
        .values({
          ...values,
          location_id: plan.locationId,
          disease_id: plan.diseaseId,
          metric_id: plan.metricId,
          country: plan.country,
          first_alarm: episode.firstAlarm,
          status: 'new',
          created_at: now,
        })
        .onConflict((oc) => oc.columns(['location_id', 'disease_id', 'metric_id', 'first_alarm']).doUpdateSet(values))
        .returning(sql<boolean>`xmax = 0`.as('inserted'))
        .executeTakeFirstOrThrow();
      if (row.inserted) opened++;
    }
    // An untriaged signal whose episode no longer exists (its data were corrected) goes; a decided one stays, with its decision.
    let stale = trx
      .deleteFrom('signals')
      .where('location_id', '=', plan.locationId)
      .where('disease_id', '=', plan.diseaseId)
      .where('metric_id', '=', plan.metricId)
      .where('status', '=', 'new');
    if (episodes.length > 0)
      stale = stale.where(
        'first_alarm',
        'not in',
        episodes.map((e) => e.firstAlarm),
      );
    await stale.execute();
    // A decided signal whose episode is gone is no longer growing.
    await trx
      .updateTable('signals')
      .set({ ongoing: false })
      .where('location_id', '=', plan.locationId)
      .where('disease_id', '=', plan.diseaseId)
      .where('metric_id', '=', plan.metricId)
      .where('ongoing', '=', true)
      .where('first_alarm', 'not in', episodes.length > 0 ? episodes.map((e) => e.firstAlarm) : ['0001-01-01'])
      .execute();
  }
  return opened;
}

const seriesKey = (location: number, disease: number, metric: number) => `${location}:${disease}:${metric}`;

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(item);
  }
  return groups;
}
