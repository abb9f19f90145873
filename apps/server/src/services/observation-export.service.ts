import { sql, type Kysely } from 'kysely';
import {
  PERIOD_TYPE_CODES,
  formatPeriod,
  tryParsePeriod,
  type CountryCode,
  type IsoDate,
  type Period,
  type PeriodType,
} from '@accord/core';
import type { Database } from '../db/schema.js';
import { OBSERVATION_KEY_COLUMNS, afterObservationKey, type ObservationKey } from './observation-keyset.js';
import { AppError, invalidField } from './app-error.js';
import type { RequestContext } from './context.js';

export interface ObservationFilterInput {
  location?: string;
  disease?: string;
  metric?: string;
  from?: string;
  to?: string;
}

interface ResolvedFilter {
  locationId: number | null;
  countries: string[] | null;
  diseaseId: number | null;
  metricId: number | null;
  periodType: 'W' | 'M' | 'D' | null;
  from: IsoDate | null;
  to: IsoDate | null;
}

export interface ObservationRow {
  location: string;
  disease: string;
  metric: string;
  period: string;
  value: number;
}

const TYPE_OF_CODE: Record<string, PeriodType> = { W: 'week', M: 'month', D: 'day' };
/** Rows read per query while streaming a CSV export: bounded memory whatever the size of the export. */
const EXPORT_PAGE_ROWS = 10_000;

/** Observations out of Accord, for any filter, never beyond the reader's country scope. */
export class ObservationExportService {
  constructor(private readonly db: Kysely<Database>) {}

  async page(ctx: RequestContext, input: ObservationFilterInput, page: { limit: number; offset: number }) {
    const filter = await this.resolve(ctx, input);
    const rows = await this.query(filter, null, page.limit + 1, page.offset);
    return { items: rows.slice(0, page.limit).map(toRow), ...page, more: rows.length > page.limit };
  }

  /** The whole export as canonical CSV (re-importable as it is), read in keyset pages. */
  async *csv(ctx: RequestContext, input: ObservationFilterInput): AsyncGenerator<string> {
    const filter = await this.resolve(ctx, input);
    yield 'location,disease,metric,period,value\n';
    let after: ObservationKey | null = null;
    for (;;) {
      const rows = await this.query(filter, after, EXPORT_PAGE_ROWS, 0);
      if (rows.length === 0) return;
      yield rows
        .map((r) => {
          const o = toRow(r);
          return `${o.location},${o.disease},${o.metric},${o.period},${o.value}\n`;
        })
        .join('');
      after = rows[rows.length - 1]!;
      if (rows.length < EXPORT_PAGE_ROWS) return;
    }
  }

  /**
   * One location's series. A location that sent nothing itself (typically a country whose data come
   * by district) shows the sum of its sub-areas per period: the first level below it that has data.
   */
  async series(
    ctx: RequestContext,
    input: Required<Pick<ObservationFilterInput, 'location' | 'disease' | 'metric'>> & ObservationFilterInput,
  ) {
    const filter = await this.resolve(ctx, input);
    const locationId = filter.locationId!;
    const base = () => {
      let q = this.db
        .selectFrom('observations as o')
        .where('o.disease_id', '=', filter.diseaseId!)
        .where('o.metric_id', '=', filter.metricId!);
      if (filter.periodType !== null) q = q.where('o.period_type', '=', filter.periodType);
      if (filter.from !== null) q = q.where('o.period_start', '>=', filter.from);
      if (filter.to !== null) q = q.where('o.period_start', '<=', filter.to);
      return q;
    };
    const identity = {
      location: input.location.trim().toUpperCase(),
      disease: input.disease.trim().toLowerCase(),
      metric: input.metric.trim().toLowerCase(),
    };
    const own = await base()
      .select(['o.period_type', 'o.period_start', 'o.value'])
      .where('o.location_id', '=', locationId)
      .orderBy('o.period_type')
      .orderBy('o.period_start')
      .execute();
    if (own.length > 0) return { ...identity, source: 'reported' as const, points: own.map(toPoint) };
    for (const depth of [1, 2]) {
      const areas =
        depth === 1
          ? this.db.selectFrom('locations').select('id').where('parent_id', '=', locationId)
          : this.db
              .selectFrom('locations')
              .select('id')
              .where('parent_id', 'in', this.db.selectFrom('locations').select('id').where('parent_id', '=', locationId));
      const summed = await base()
        .select(['o.period_type', 'o.period_start', (eb) => eb.fn.sum<number>('o.value').as('value')])
        .where('o.location_id', 'in', areas)
        .groupBy(['o.period_type', 'o.period_start'])
        .orderBy('o.period_type')
        .orderBy('o.period_start')
        .execute();
      if (summed.length > 0) return { ...identity, source: 'sum-of-sub-areas' as const, points: summed.map(toPoint) };
    }
    return { ...identity, source: 'none' as const, points: [] };
  }

  /**
   * Each country's most recent weekly value, for the world map: its own value, or the sum of its
   * first-level areas for their latest week when the country reports only by area.
   */
  async latestByCountry(ctx: RequestContext, input: { disease: string; metric: string }) {
    const filter = await this.resolve(ctx, input);
    const countries = filter.countries;
    if (countries !== null && countries.length === 0) return { disease: input.disease, metric: input.metric, latestWeek: null, items: [] };
    const inScope = countries === null ? sql`TRUE` : sql`l.country IN (${sql.join(countries)})`;
    const result = await sql<{ country: string; period_start: string; value: number }>`
      WITH own AS (
        SELECT DISTINCT ON (l.country) l.country, o.period_start, o.value
        FROM observations o JOIN locations l ON l.id = o.location_id
        WHERE l.level = 0 AND o.disease_id = ${filter.diseaseId} AND o.metric_id = ${filter.metricId} AND o.period_type = 'W' AND ${inScope}
        ORDER BY l.country, o.period_start DESC
      ), by_area AS (
        SELECT DISTINCT ON (country) country, period_start, value FROM (
          SELECT l.country, o.period_start, sum(o.value) AS value
          FROM observations o JOIN locations l ON l.id = o.location_id
          WHERE l.level = 1 AND o.disease_id = ${filter.diseaseId} AND o.metric_id = ${filter.metricId} AND o.period_type = 'W' AND ${inScope}
            AND l.country NOT IN (SELECT country FROM own)
          GROUP BY l.country, o.period_start
        ) sums
        ORDER BY country, period_start DESC
      )
      SELECT country, period_start, value FROM own UNION ALL SELECT country, period_start, value FROM by_area ORDER BY country`.execute(
      this.db,
    );
    const items = result.rows.map((r) => ({
      country: r.country,
      period: formatPeriod({ type: 'week', start: r.period_start as IsoDate }),
      value: Number(r.value),
    }));
    const latest = result.rows.reduce<string | null>((max, r) => (max === null || r.period_start > max ? r.period_start : max), null);
    return {
      disease: input.disease.trim().toLowerCase(),
      metric: input.metric.trim().toLowerCase(),
      latestWeek: latest === null ? null : formatPeriod({ type: 'week', start: latest as IsoDate }),
      items,
    };
  }

  private async resolve(ctx: RequestContext, input: ObservationFilterInput): Promise<ResolvedFilter> {
    const actor = ctx.actor;
    const scope = actor.kind === 'anonymous' ? { kind: 'countries' as const, countries: [] as CountryCode[] } : actor.scope;
    let locationId: number | null = null;
    if (input.location) {
      const location = await this.db
        .selectFrom('locations')
        .select(['id', 'country'])
        .where('code', '=', input.location.trim().toUpperCase())
        .executeTakeFirst();
      if (!location) throw invalidField('querystring.location', `unknown location code "${input.location}"`);
      if (scope.kind === 'countries' && !scope.countries.includes(location.country as CountryCode)) {
        throw new AppError('forbidden', `not allowed to read data for ${location.country}: you do not act for this country`);
      }
      locationId = location.id;
    }
    const code = async (table: 'diseases' | 'metrics', field: string, value: string | undefined) => {
      if (!value) return null;
      const row = await this.db.selectFrom(table).select('id').where('code', '=', value.trim().toLowerCase()).executeTakeFirst();
      if (!row) throw invalidField(`querystring.${field}`, `unknown ${field} code "${value}"`);
      return row.id;
    };
    const period = (field: 'from' | 'to'): Period | null => {
      const text = input[field];
      if (!text) return null;
      const parsed = tryParsePeriod(text.trim());
      if (!parsed.ok) throw invalidField(`querystring.${field}`, parsed.reason);
      return parsed.period;
    };
    const from = period('from');
    const to = period('to');
    if (from && to && from.type !== to.type) {
      throw invalidField('querystring.to', `"from" is a ${from.type} and "to" a ${to.type}; use the same kind of period for both`);
    }
    const type = from?.type ?? to?.type ?? null;
    return {
      locationId,
      countries: scope.kind === 'all' || locationId !== null ? null : [...scope.countries],
      diseaseId: await code('diseases', 'disease', input.disease),
      metricId: await code('metrics', 'metric', input.metric),
      periodType: type ? PERIOD_TYPE_CODES[type] : null,
      from: from?.start ?? null,
      to: to?.start ?? null,
    };
  }

  private query(filter: ResolvedFilter, after: ObservationKey | null, limit: number, offset: number) {
    let q = this.db
      .selectFrom('observations as o')
      .innerJoin('locations as l', 'l.id', 'o.location_id')
      .innerJoin('diseases as d', 'd.id', 'o.disease_id')
      .innerJoin('metrics as m', 'm.id', 'o.metric_id')
      .select([...OBSERVATION_KEY_COLUMNS, 'o.value', 'l.code as location', 'd.code as disease', 'm.code as metric']);
    if (filter.locationId !== null) {
      const id = filter.locationId;
      // The location and its sub-areas (two levels below a country at most).
      q = q.where((eb) =>
        eb.or([
          eb('l.id', '=', id),
          eb('l.parent_id', '=', id),
          eb('l.parent_id', 'in', eb.selectFrom('locations').select('id').where('parent_id', '=', id)),
        ]),
      );
    }
    if (filter.countries !== null) {
      if (filter.countries.length === 0) return Promise.resolve([]);
      q = q.where('l.country', 'in', filter.countries);
    }
    if (filter.diseaseId !== null) q = q.where('o.disease_id', '=', filter.diseaseId);
    if (filter.metricId !== null) q = q.where('o.metric_id', '=', filter.metricId);
    if (filter.periodType !== null) q = q.where('o.period_type', '=', filter.periodType);
    if (filter.from !== null) q = q.where('o.period_start', '>=', filter.from);
    if (filter.to !== null) q = q.where('o.period_start', '<=', filter.to);
    if (after) {
      q = q.where(afterObservationKey(after));
    }
    return q
      .orderBy([...OBSERVATION_KEY_COLUMNS])
      .limit(limit)
      .offset(offset)
      .execute();
  }
}

function toPoint(r: { period_type: string; period_start: string; value: number }) {
  return { period: formatPeriod({ type: TYPE_OF_CODE[r.period_type] ?? 'day', start: r.period_start as IsoDate }), value: Number(r.value) };
}

function toRow(r: {
  location: string;
  disease: string;
  metric: string;
  period_type: string;
  period_start: string;
  value: number;
}): ObservationRow {
  const type = TYPE_OF_CODE[r.period_type] ?? 'day';
  return {
    location: r.location,
    disease: r.disease,
    metric: r.metric,
    period: formatPeriod({ type, start: r.period_start as IsoDate }),
    value: r.value,
  };
}
