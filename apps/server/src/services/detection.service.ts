import { sql, type Kysely, type Selectable } from 'kysely';
import {
  DETECTION_METHODS,
  addDays,
  dayOfWeek,
  isDetectionMethod,
  isIsoDate,
  runDetection,
  type DetectionMethod,
  type IsoDate,
} from '@accord/core';
import type {
  DetectionConfigDto,
  DetectionRunDto,
  DetectionWeekDto,
  SignalDetailDto,
  SignalDto,
  StartDetectionRunDto,
  TriageSignalDto,
  UpdateDetectionConfigDto,
} from '@accord/contracts';
import type { Database, DetectionRunsTable, SignalsTable } from '../db/schema.js';
import { AppError, invalidField, notFound } from './app-error.js';
import { SYSTEM_CONTEXT, actsForCountry, recordAudit, type Clock, type RequestContext } from './context.js';
import {
  AUTOMATIC_RUN_MAX_WEEKS,
  executeDetectionRun,
  type DetectionExecutor,
  type MonitoredDisease,
  type PlannedSeries,
} from './detection-run.js';

/** How a disease with no configuration of its own is monitored: Noufaily on weekly cases, R's defaults. */
export const DEFAULT_DETECTION = { metric: 'cases', method: 'noufaily' as DetectionMethod, params: {} as Record<string, string> };

/** A running run that has not reported progress for this long was interrupted (its process ended). */
const STALE_RUN_MS = 10 * 60 * 1000;

/** Weeks of the series shown around a signal: a year before its first alarm, a quarter after its last. */
const WEEKS_BEFORE_EPISODE = 52;
const WEEKS_AFTER_EPISODE = 13;

type RunTrigger = 'import' | 'manual' | 'cli';

export interface DetectionRunRequest {
  countries?: readonly string[] | undefined;
  diseases?: readonly string[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * Early warning over stored data: each disease's method, runs over its weekly series (after every
 * import and on demand), and the signal triage queue, always within the caller's country scope.
 */
export class DetectionService {
  private readonly background = new Set<Promise<unknown>>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly executor: DetectionExecutor,
  ) {}

  // ── configuration ──────────────────────────────────────────────────────────────────────────

  async listConfigs(): Promise<DetectionConfigDto[]> {
    const rows = await this.db
      .selectFrom('diseases as d')
      .leftJoin('detection_configs as c', 'c.disease_id', 'd.id')
      .leftJoin('metrics as m', 'm.id', 'c.metric_id')
      .select(['d.code as disease', 'm.code as metric', 'c.method', 'c.params', 'c.enabled', 'c.updated_at', 'c.updated_by'])
      .orderBy('d.code')
      .execute();
    return rows.map((row) =>
      row.method === null
        ? { disease: row.disease, ...DEFAULT_DETECTION, enabled: true, isDefault: true, updatedAt: null, updatedBy: null }
        : {
            disease: row.disease,
            metric: row.metric!,
            method: row.method as DetectionMethod,
            params: row.params ?? {},
            enabled: row.enabled!,
            isDefault: false,
            updatedAt: row.updated_at!.toISOString(),
            updatedBy: row.updated_by,
          },
    );
  }

  async updateConfig(ctx: RequestContext, diseaseCode: string, input: UpdateDetectionConfigDto): Promise<DetectionConfigDto> {
    const params = input.params ?? {};
    checkMethodParams(input.method, params);
    const metricCode = input.metric ?? DEFAULT_DETECTION.metric;
    const now = this.clock();
    await this.db.transaction().execute(async (trx) => {
      const disease = await trx.selectFrom('diseases').select('id').where('code', '=', diseaseCode).executeTakeFirst();
      if (!disease) throw notFound(`disease ${diseaseCode}`);
      const metric = await trx.selectFrom('metrics').select('id').where('code', '=', metricCode).executeTakeFirst();
      if (!metric) throw invalidField('body.metric', `unknown metric "${metricCode}"; see GET /api/metrics`);
      const values = {
        metric_id: metric.id,
        method: input.method,
        params: JSON.stringify(params),
        enabled: input.enabled ?? true,
        updated_at: now,
        updated_by: ctx.actorLabel,
      };
      await trx
        .insertInto('detection_configs')
        .values({ disease_id: disease.id, ...values })
        .onConflict((oc) => oc.column('disease_id').doUpdateSet(values))
        .execute();
      await recordAudit(
        trx,
        ctx,
        {
          action: 'detection.configure',
          targetType: 'disease',
          targetId: diseaseCode,
          summary: { metric: metricCode, method: input.method, params, enabled: values.enabled },
        },
        now,
      );
    });
    return (await this.listConfigs()).find((c) => c.disease === diseaseCode)!;
  }

  /** Enabled diseases by id, with the metric, method and parameters that monitor them. */
  private async monitoredDiseases(): Promise<Map<number, MonitoredDisease & { code: string }>> {
    const rows = await this.db
      .selectFrom('diseases as d')
      .leftJoin('detection_configs as c', 'c.disease_id', 'd.id')
      .select(['d.id', 'd.code', 'c.metric_id', 'c.method', 'c.params', 'c.enabled'])
      .execute();
    const defaultMetric = await this.db.selectFrom('metrics').select('id').where('code', '=', DEFAULT_DETECTION.metric).executeTakeFirst();
    const monitored = new Map<number, MonitoredDisease & { code: string }>();
    for (const row of rows) {
      if (row.method === null) {
        if (defaultMetric) monitored.set(row.id, { diseaseId: row.id, code: row.code, metricId: defaultMetric.id, ...DEFAULT_DETECTION });
      } else if (row.enabled) {
        monitored.set(row.id, {
          diseaseId: row.id,
          code: row.code,
          metricId: row.metric_id!,
          method: row.method as DetectionMethod,
          params: row.params ?? {},
        });
      }
    }
    return monitored;
  }

  // ── runs ───────────────────────────────────────────────────────────────────────────────────

  /** Starts a run and answers at once; the run reports its progress in its row. */
  async startRun(ctx: RequestContext, request: StartDetectionRunDto, trigger: RunTrigger = 'manual'): Promise<DetectionRunDto> {
    const { run, work } = await this.prepareRun(ctx, request, trigger);
    this.track(work());
    return run;
  }

  /** Runs and waits for the end (the CLI); `onProgress` sees the run after every batch. */
  async runAndWait(
    ctx: RequestContext,
    request: DetectionRunRequest,
    onProgress?: (run: DetectionRunDto) => void,
  ): Promise<DetectionRunDto> {
    const { run, work } = await this.prepareRun(ctx, request, 'cli', onProgress);
    await work();
    return this.getRunById(run.id);
  }

  /** After a completed import: evaluates the weeks it changed (at most the latest year of each series it touched). */
  afterImport(batchId: string): void {
    this.track(
      (async () => {
        const monitored = await this.monitoredDiseases();
        const series = await sql<{ location_id: number; disease_id: number; metric_id: number; country: string; first: string }>`
          SELECT o.location_id, o.disease_id, o.metric_id, l.country, min(o.period_start) AS first
          FROM observations o JOIN locations l ON l.id = o.location_id
          WHERE o.batch_id = ${batchId}::uuid AND o.period_type = 'W'
          GROUP BY o.location_id, o.disease_id, o.metric_id, l.country
          ORDER BY o.location_id, o.disease_id, o.metric_id`.execute(this.db);
        const plan: PlannedSeries[] = series.rows
          .filter((s) => monitored.get(s.disease_id)?.metricId === s.metric_id)
          .map((s) => ({
            locationId: s.location_id,
            diseaseId: s.disease_id,
            metricId: s.metric_id,
            country: s.country,
            from: s.first as IsoDate,
            to: null,
            latestWeeks: AUTOMATIC_RUN_MAX_WEEKS,
          }));
        if (plan.length === 0) return;
        const from = plan.reduce((min, s) => (s.from! < min ? s.from! : min), plan[0]!.from!);
        const row = await this.insertRun(
          { actorLabel: 'system (after import)', createdBy: null, trigger: 'import', importBatchId: batchId },
          { countries: null, diseases: null, from, to: null },
          plan.length,
        );
        await this.execute(row.id, plan, monitored);
      })(),
    );
  }

  private async prepareRun(
    ctx: RequestContext,
    request: DetectionRunRequest,
    trigger: RunTrigger,
    onProgress?: (run: DetectionRunDto) => void,
  ): Promise<{ run: DetectionRunDto; work: () => Promise<void> }> {
    const from = request.from === undefined ? null : monday('from', request.from);
    const requestedTo = request.to === undefined ? null : monday('to', request.to);
    if (from !== null && requestedTo !== null && from > requestedTo)
      throw invalidField('body.from', `${from} is after to (${requestedTo})`);
    const countries = await this.runCountries(ctx, request.countries);
    const monitored = await this.monitoredDiseases();
    let diseaseIds = [...monitored.keys()];
    if (request.diseases !== undefined) {
      const byCode = new Map([...monitored.values()].map((m) => [m.code, m.diseaseId]));
      const known = await this.db.selectFrom('diseases').select('code').execute();
      const unknown = request.diseases.filter((code) => !known.some((k) => k.code === code));
      if (unknown.length > 0) throw invalidField('body.diseases', `unknown disease ${unknown.join(', ')}; see GET /api/diseases`);
      const off = request.diseases.filter((code) => !byCode.has(code));
      if (off.length > 0)
        throw invalidField('body.diseases', `detection is turned off for ${off.join(', ')}; turn it on in its configuration`);
      diseaseIds = request.diseases.map((code) => byCode.get(code)!);
    }
    const series =
      diseaseIds.length === 0 || (countries !== null && countries.length === 0)
        ? []
        : (
            await sql<{ location_id: number; disease_id: number; metric_id: number; country: string; last: string }>`
              SELECT o.location_id, o.disease_id, o.metric_id, l.country, max(o.period_start) AS last
              FROM observations o
              JOIN locations l ON l.id = o.location_id
              JOIN unnest(${diseaseIds}::int[], ${diseaseIds.map((id) => monitored.get(id)!.metricId)}::int[]) AS m (disease_id, metric_id)
                ON o.disease_id = m.disease_id AND o.metric_id = m.metric_id
              WHERE o.period_type = 'W' ${countries === null ? sql`` : sql`AND l.country = ANY(${countries}::text[])`}
                ${requestedTo === null ? sql`` : sql`AND o.period_start <= ${requestedTo}::date`}
              GROUP BY o.location_id, o.disease_id, o.metric_id, l.country
              ORDER BY o.location_id, o.disease_id, o.metric_id`.execute(this.db)
          ).rows;
    const to =
      requestedTo ?? (series.reduce<string | null>((max, s) => (max === null || s.last > max ? s.last : max), null) as IsoDate | null);
    const plan: PlannedSeries[] = series.map((s) => ({
      locationId: s.location_id,
      diseaseId: s.disease_id,
      metricId: s.metric_id,
      country: s.country,
      from: from ?? to,
      to,
      latestWeeks: null,
    }));
    const actor = ctx.actor;
    const row = await this.insertRun(
      { actorLabel: ctx.actorLabel, createdBy: actor.kind === 'anonymous' ? null : actor.userId, trigger, importBatchId: null },
      { countries, diseases: request.diseases ? [...request.diseases] : null, from: from ?? to, to },
      plan.length,
    );
    if (trigger === 'manual') {
      await recordAudit(
        this.db,
        ctx,
        { action: 'detection.run', targetType: 'detection_run', targetId: row.id, summary: { ...row.filter, series: plan.length } },
        this.clock(),
      );
    }
    const run = this.toRunDto(row);
    const report = onProgress ? async () => onProgress(await this.getRunById(row.id)) : undefined;
    return { run, work: () => this.execute(row.id, plan, monitored, report) };
  }

  /** The countries a run covers: those asked for (each in the caller's scope), or the caller's whole scope. */
  private async runCountries(ctx: RequestContext, asked: readonly string[] | undefined): Promise<string[] | null> {
    const actor = ctx.actor;
    if (asked === undefined) {
      if (ctx.system) return null;
      if (actor.kind === 'anonymous') return [];
      return actor.scope.kind === 'all' ? null : [...actor.scope.countries];
    }
    const known = new Set(
      (
        await this.db
          .selectFrom('countries')
          .select('iso3')
          .where('iso3', 'in', asked.length ? [...asked] : [''])
          .execute()
      ).map((c) => c.iso3),
    );
    const unknown = asked.filter((c) => !known.has(c));
    if (unknown.length > 0) throw invalidField('body.countries', `unknown country ${unknown.join(', ')} (ISO 3166-1 alpha-3, e.g. KEN)`);
    const outside = asked.filter((c) => !actsForCountry(ctx, c));
    if (outside.length > 0)
      throw new AppError('forbidden', `you may not run detection for ${outside.join(', ')}: outside your country scope`);
    return [...new Set(asked)];
  }

  private async insertRun(
    who: { actorLabel: string; createdBy: string | null; trigger: RunTrigger; importBatchId: string | null },
    filter: { countries: string[] | null; diseases: string[] | null; from: string | null; to: string | null },
    seriesTotal: number,
  ): Promise<Selectable<DetectionRunsTable>> {
    return this.db
      .insertInto('detection_runs')
      .values({
        actor_label: who.actorLabel,
        created_by: who.createdBy,
        trigger: who.trigger,
        import_batch_id: who.importBatchId,
        status: 'running',
        filter: JSON.stringify(filter),
        period_from: filter.from,
        period_to: filter.to,
        series_total: seriesTotal,
        heartbeat_at: this.clock(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  private async execute(
    runId: string,
    plan: readonly PlannedSeries[],
    monitored: ReadonlyMap<number, MonitoredDisease>,
    onBatch?: () => Promise<void>,
  ): Promise<void> {
    try {
      const progress = await executeDetectionRun(this.db, this.executor, runId, plan, monitored, async () => onBatch?.(), this.clock);
      await this.db
        .updateTable('detection_runs')
        .set({
          status: 'completed',
          finished_at: this.clock(),
          // An automatic run knows its weeks only once it has read the series.
          ...(progress.firstWeek !== null ? { period_from: progress.firstWeek, period_to: progress.lastWeek } : {}),
          message: `${progress.weeksEvaluated} series-weeks evaluated, ${progress.alarms} alarms, ${progress.signalsOpened} signals opened`,
        })
        .where('id', '=', runId)
        .execute();
    } catch (error) {
      await this.db
        .updateTable('detection_runs')
        .set({ status: 'failed', finished_at: this.clock(), message: (error as Error).message })
        .where('id', '=', runId)
        .execute()
        .catch(() => undefined);
      throw error;
    }
  }

  private track(work: Promise<unknown>): void {
    // A background run's failure is recorded in its row; it must never bring the server down.
    const settled = work.catch(() => undefined).finally(() => this.background.delete(settled));
    this.background.add(settled);
  }

  /** Resolves when no background run is going (tests, and a clean shutdown). */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.all([...this.background]);
  }

  /** Runs as a caller sees them: WHO and administrators all, a focal point the runs they started. */
  private runs(ctx: RequestContext) {
    const query = this.db.selectFrom('detection_runs');
    const actor = ctx.actor;
    if (ctx.system) return query;
    if (actor.kind === 'anonymous') return query.where(sql<boolean>`false`);
    return actor.role === 'nfp' ? query.where('created_by', '=', actor.userId) : query;
  }

  async listRuns(ctx: RequestContext, page: { limit: number; offset: number }) {
    const [rows, count] = await Promise.all([
      this.runs(ctx).selectAll().orderBy('created_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute(),
      this.runs(ctx)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map((row) => this.toRunDto(row)), total: Number(count.n), ...page };
  }

  async getRun(ctx: RequestContext, id: string): Promise<DetectionRunDto> {
    const row = await this.runs(ctx).selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound(`detection run ${id}`);
    return this.toRunDto(row);
  }

  private getRunById(id: string): Promise<DetectionRunDto> {
    return this.getRun({ ...SYSTEM_CONTEXT }, id);
  }

  private toRunDto(row: Selectable<DetectionRunsTable>): DetectionRunDto {
    const interrupted = row.status === 'running' && this.clock().getTime() - row.heartbeat_at.getTime() > STALE_RUN_MS;
    return {
      id: row.id,
      createdAt: row.created_at.toISOString(),
      finishedAt: row.finished_at?.toISOString() ?? null,
      actorLabel: row.actor_label,
      trigger: row.trigger,
      importBatchId: row.import_batch_id,
      status: interrupted ? 'failed' : row.status,
      countries: row.filter.countries,
      diseases: row.filter.diseases,
      from: row.period_from,
      to: row.period_to,
      seriesTotal: row.series_total,
      seriesDone: row.series_done,
      weeksEvaluated: row.weeks_evaluated,
      alarms: row.alarms,
      signalsOpened: row.signals_opened,
      message: interrupted ? 'interrupted: its process stopped before the run ended; start it again' : row.message,
    };
  }

  // ── signals ────────────────────────────────────────────────────────────────────────────────

  private signals(ctx: RequestContext) {
    let query = this.db
      .selectFrom('signals as g')
      .innerJoin('locations as l', 'l.id', 'g.location_id')
      .innerJoin('diseases as d', 'd.id', 'g.disease_id')
      .innerJoin('metrics as m', 'm.id', 'g.metric_id');
    const actor = ctx.actor;
    if (!ctx.system) {
      if (actor.kind === 'anonymous') return query.where(sql<boolean>`false`);
      if (actor.scope.kind === 'countries')
        query = query.where('g.country', 'in', actor.scope.countries.length > 0 ? [...actor.scope.countries] : ['']);
    }
    return query;
  }

  private readonly signalColumns = [
    'g.id',
    'l.code as location',
    'l.name as location_name',
    'g.country',
    'd.code as disease',
    'm.code as metric',
    'g.method',
    'g.first_alarm',
    'g.last_alarm',
    'g.alarms',
    'g.peak_week',
    'g.peak_observed',
    'g.peak_expected',
    'g.peak_upperbound',
    'g.score',
    'g.ongoing',
    'g.status',
    'g.decided_at',
    'g.decided_by_label',
    'g.decision_note',
    'g.created_at',
    'g.updated_at',
    'g.location_id',
    'g.disease_id',
    'g.metric_id',
  ] as const;

  async listSignals(
    ctx: RequestContext,
    filter: { status?: string; country?: string; disease?: string; ongoing?: boolean },
    page: { limit: number; offset: number },
  ) {
    let query = this.signals(ctx);
    if (filter.status !== undefined) query = query.where('g.status', '=', filter.status);
    if (filter.country !== undefined) query = query.where('g.country', '=', filter.country);
    if (filter.disease !== undefined) query = query.where('d.code', '=', filter.disease);
    if (filter.ongoing !== undefined) query = query.where('g.ongoing', '=', filter.ongoing);
    const [rows, count] = await Promise.all([
      query
        .select([...this.signalColumns])
        .orderBy('g.score', 'desc')
        .orderBy('g.last_alarm', 'desc')
        .orderBy('g.id')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toSignalDto), total: Number(count.n), ...page };
  }

  /** The signals among `ids` that the caller may see (an event's linked signals). */
  async signalsByIds(ctx: RequestContext, ids: readonly string[]): Promise<SignalDto[]> {
    if (ids.length === 0) return [];
    const rows = await this.signals(ctx)
      .select([...this.signalColumns])
      .where('g.id', 'in', [...ids])
      .orderBy('g.first_alarm')
      .execute();
    return rows.map(toSignalDto);
  }

  async getSignal(ctx: RequestContext, id: string): Promise<SignalDetailDto> {
    const row = await this.signals(ctx)
      .select([...this.signalColumns])
      .where('g.id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound(`signal ${id}`);
    const from = addDays(row.first_alarm as IsoDate, -7 * WEEKS_BEFORE_EPISODE);
    const to = addDays(row.last_alarm as IsoDate, 7 * WEEKS_AFTER_EPISODE);
    const series = (q: typeof this.db) =>
      q
        .selectFrom('observations')
        .select(['period_start', 'value'])
        .where('location_id', '=', row.location_id)
        .where('disease_id', '=', row.disease_id)
        .where('metric_id', '=', row.metric_id)
        .where('period_type', '=', 'W')
        .where('period_start', '>=', from)
        .where('period_start', '<=', to);
    const [observations, results] = await Promise.all([
      series(this.db).execute(),
      this.db
        .selectFrom('detection_results')
        .select(['period_start', 'expected', 'upperbound', 'alarm', 'note'])
        .where('location_id', '=', row.location_id)
        .where('disease_id', '=', row.disease_id)
        .where('metric_id', '=', row.metric_id)
        .where('period_start', '>=', from)
        .where('period_start', '<=', to)
        .execute(),
    ]);
    const observedOf = new Map(observations.map((o) => [o.period_start, o.value]));
    const resultOf = new Map(results.map((r) => [r.period_start, r]));
    const weeksWithData = [...observedOf.keys(), ...resultOf.keys()].sort();
    const weeks: DetectionWeekDto[] = [];
    if (weeksWithData.length > 0) {
      for (let week = weeksWithData[0]! as IsoDate; week <= weeksWithData[weeksWithData.length - 1]!; week = addDays(week, 7)) {
        const result = resultOf.get(week);
        weeks.push({
          week,
          observed: observedOf.get(week) ?? null,
          expected: result?.expected ?? null,
          upperbound: result?.upperbound ?? null,
          alarm: result?.alarm ?? null,
          note: result?.note ?? null,
        });
      }
    }
    return { signal: toSignalDto(row), weeks };
  }

  async triageSignal(ctx: RequestContext, id: string, input: TriageSignalDto): Promise<SignalDto> {
    const note = input.note?.trim() ?? '';
    if (input.decision === 'dismiss' && note === '') {
      throw invalidField('body.note', 'a reason is required to dismiss a signal (e.g. "reporting backlog cleared this week")');
    }
    const now = this.clock();
    const actor = ctx.actor;
    await this.db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('signals')
        .select(['id', 'country', 'status', 'decision_note'])
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!before || !actsForCountry(ctx, before.country)) throw notFound(`signal ${id}`);
      const status = input.decision === 'accept' ? 'accepted' : 'dismissed';
      await trx
        .updateTable('signals')
        .set({
          status,
          decided_at: now,
          decided_by: actor.kind === 'anonymous' ? null : actor.userId,
          decided_by_label: ctx.actorLabel,
          decision_note: note === '' ? null : note,
        })
        .where('id', '=', id)
        .execute();
      await recordAudit(
        trx,
        ctx,
        {
          action: `signal.${input.decision}`,
          targetType: 'signal',
          targetId: id,
          summary: { before: { status: before.status, note: before.decision_note }, after: { status, note: note === '' ? null : note } },
        },
        now,
      );
    });
    return (await this.getSignal(ctx, id)).signal;
  }
}

/** A signal row joined with its location, disease and metric codes (see `signalColumns`). */
type SignalRow = Omit<Selectable<SignalsTable>, 'location_id' | 'disease_id' | 'metric_id' | 'decided_by'> & {
  location: string;
  location_name: string;
  disease: string;
  metric: string;
};

function toSignalDto(row: SignalRow): SignalDto {
  return {
    id: row.id,
    location: row.location,
    locationName: row.location_name,
    country: row.country.trim(),
    disease: row.disease,
    metric: row.metric,
    method: row.method,
    firstAlarm: row.first_alarm,
    lastAlarm: row.last_alarm,
    alarms: row.alarms,
    peakWeek: row.peak_week,
    peakObserved: row.peak_observed,
    peakExpected: row.peak_expected,
    peakUpperbound: row.peak_upperbound,
    score: row.score,
    ongoing: row.ongoing,
    status: row.status as SignalDto['status'],
    decidedAt: row.decided_at?.toISOString() ?? null,
    decidedBy: row.decided_by_label,
    decisionNote: row.decision_note,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function monday(field: 'from' | 'to', text: string): IsoDate {
  if (!isIsoDate(text)) throw invalidField(`body.${field}`, `"${text}" is not a date (YYYY-MM-DD, the Monday of an ISO week)`);
  if (dayOfWeek(text) !== 1) throw invalidField(`body.${field}`, `${text} is not a Monday; weeks are given by their Monday`);
  return text;
}

/** Refuses an unknown method or parameter, or a bad value, with the method's own message (which lists the valid names). */
export function checkMethodParams(method: string, params: Readonly<Record<string, string>>): asserts method is DetectionMethod {
  if (!isDetectionMethod(method))
    throw invalidField('body.method', `unknown method "${method}"; use one of ${DETECTION_METHODS.join(', ')}`);
  try {
    runDetection(method, [0, 0, 0], { from: 2, to: 2, population: null, start: '2024-01-01' as IsoDate }, params);
  } catch (error) {
    throw invalidField('body.params', (error as Error).message);
  }
}
