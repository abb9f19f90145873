import { sql, type Kysely, type RawBuilder } from 'kysely';
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
  periodType?: PeriodType;
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
   * One location's series of one kind of period. For a period the location did not report itself
   * (a country that reports by district), the value is the sum of its areas, each area being its
   * own value or else the sum of its own areas: reported figures are never added twice.
   */
  async series(
    ctx: RequestContext,
    input: Required<Pick<ObservationFilterInput, 'location' | 'disease' | 'metric'>> & ObservationFilterInput & { periodType?: PeriodType },
  ) {
    const filter = await this.resolve(ctx, input);
    const identity = {
      location: input.location.trim().toUpperCase(),
      disease: input.disease.trim().toLowerCase(),
      metric: input.metric.trim().toLowerCase(),
    };
    const rows = await rolledUp(this.db, {
      rootIds: sql`SELECT ${filter.locationId}::integer`,
      diseaseId: filter.diseaseId!,
      metricId: filter.metricId!,
      periodType: filter.periodType,
      from: filter.from,
      to: filter.to,
    });
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.period_type, (counts.get(r.period_type) ?? 0) + 1);
    const available = [...counts.keys()].sort();
    const chosen = input.periodType
      ? PERIOD_TYPE_CODES[input.periodType]
      : (available.reduce<string | null>((best, type) => (best === null || counts.get(type)! > counts.get(best)! ? type : best), null) ??
        null);
    const points = rows.filter((r) => r.period_type === chosen).map((r) => ({ ...toPoint(r), summed: r.summed }));
    const summed = points.filter((p) => p.summed).length;
    return {
      ...identity,
      periodType: chosen === null ? null : (TYPE_OF_CODE[chosen] ?? null),
      periodTypes: available.map((code) => TYPE_OF_CODE[code]!),
      source:
        points.length === 0
          ? ('none' as const)
          : summed === 0
            ? ('reported' as const)
            : summed === points.length
              ? ('sum-of-sub-areas' as const)
              : ('mixed' as const),
      points,
    };
  }

  /**
   * Each country's most recent value of one kind of period, for the world map: its own value, or
   * for a period it did not report itself, the sum of its areas (as in `series`).
   */
  async latestByCountry(ctx: RequestContext, input: { disease: string; metric: string; periodType?: PeriodType }) {
    const filter = await this.resolve(ctx, input);
    const periodType = input.periodType ?? 'week';
    const answer = { disease: input.disease.trim().toLowerCase(), metric: input.metric.trim().toLowerCase(), periodType };
    const countries = filter.countries;
    if (countries !== null && countries.length === 0) return { ...answer, latestPeriod: null, items: [] };
    const inScope = countries === null ? sql`TRUE` : sql`country IN (${sql.join(countries)})`;
    const rows = await rolledUp(this.db, {
      rootIds: sql`SELECT id FROM locations WHERE level = 0 AND ${inScope}`,
      diseaseId: filter.diseaseId!,
      metricId: filter.metricId!,
      periodType: PERIOD_TYPE_CODES[periodType],
      from: null,
      to: null,
      latestOnly: true,
    });
    const items = rows
      .map((r) => ({ country: r.root_code, period: toPoint(r).period, value: Number(r.value) }))
      .sort((x, y) => (x.country < y.country ? -1 : 1));
    const latest = rows.reduce<string | null>((max, r) => (max === null || r.period_start > max ? r.period_start : max), null);
    return {
      ...answer,
      latestPeriod: latest === null ? null : formatPeriod({ type: periodType, start: latest as IsoDate }),
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
    const type = from?.type ?? to?.type ?? input.periodType ?? null;
    if (input.periodType && type !== input.periodType) {
      throw invalidField(
        'querystring.periodType',
        `periodType is ${input.periodType} but from/to are ${type}s; use the same kind of period`,
      );
    }
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

/**
 * Values of root locations per period, rolled up from two levels of areas: a location's own value
 * where it has one, else the sum over its areas of their own value or else the sum of their areas.
 * With `latestOnly`, only each root's most recent period.
 */
async function rolledUp(
  db: Kysely<Database>,
  o: {
    rootIds: RawBuilder<unknown>;
    diseaseId: number;
    metricId: number;
    periodType: string | null;
    from: string | null;
    to: string | null;
    latestOnly?: boolean;
  },
) {
  const periods = sql.join(
    [
      sql`o.disease_id = ${o.diseaseId}`,
      sql`o.metric_id = ${o.metricId}`,
      o.periodType === null ? sql`TRUE` : sql`o.period_type = ${o.periodType}`,
      o.from === null ? sql`TRUE` : sql`o.period_start >= ${o.from}::date`,
      o.to === null ? sql`TRUE` : sql`o.period_start <= ${o.to}::date`,
    ],
    sql` AND `,
  );
  const result = await sql<{ root_code: string; period_type: string; period_start: string; value: number; summed: boolean }>`
    WITH roots AS (SELECT id, code FROM locations WHERE id IN (${o.rootIds})),
    tree AS (
      SELECT r.id AS root, r.id AS id, NULL::integer AS area, 0 AS depth FROM roots r
      UNION ALL SELECT r.id, c.id, c.id, 1 FROM roots r JOIN locations c ON c.parent_id = r.id
      UNION ALL SELECT r.id, g.id, c.id, 2 FROM roots r JOIN locations c ON c.parent_id = r.id JOIN locations g ON g.parent_id = c.id
    ),
    obs AS (
      SELECT t.root, t.area, t.depth, o.period_type, o.period_start, o.value
      FROM observations o JOIN tree t ON t.id = o.location_id WHERE ${periods}
    ),
    area_own AS (SELECT root, area, period_type, period_start, value FROM obs WHERE depth = 1),
    area_value AS (
      SELECT root, area, period_type, period_start, value FROM area_own
      UNION ALL
      SELECT root, area, period_type, period_start, sum(value) FROM obs d
      WHERE depth = 2 AND NOT EXISTS (SELECT 1 FROM area_own a
        WHERE a.area = d.area AND a.period_type = d.period_type AND a.period_start = d.period_start)
      GROUP BY root, area, period_type, period_start
    ),
    own AS (SELECT root, period_type, period_start, value FROM obs WHERE depth = 0),
    combined AS (
      SELECT root, period_type, period_start, value, false AS summed FROM own
      UNION ALL
      SELECT root, period_type, period_start, sum(value), true FROM area_value v
      WHERE NOT EXISTS (SELECT 1 FROM own w WHERE w.root = v.root AND w.period_type = v.period_type AND w.period_start = v.period_start)
      GROUP BY root, period_type, period_start
    )
    SELECT ${o.latestOnly ? sql`DISTINCT ON (c.root)` : sql``} r.code AS root_code, c.period_type, c.period_start, c.value, c.summed
    FROM combined c JOIN roots r ON r.id = c.root
    ORDER BY ${o.latestOnly ? sql`c.root, c.period_start DESC` : sql`c.period_type, c.period_start`}`.execute(db);
  return result.rows;
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
