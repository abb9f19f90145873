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

type Key = { location_id: number; disease_id: number; metric_id: number; period_type: string; period_start: string };

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
    let after: Key | null = null;
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

  private query(filter: ResolvedFilter, after: Key | null, limit: number, offset: number) {
    let q = this.db
      .selectFrom('observations as o')
      .innerJoin('locations as l', 'l.id', 'o.location_id')
      .innerJoin('diseases as d', 'd.id', 'o.disease_id')
      .innerJoin('metrics as m', 'm.id', 'o.metric_id')
      .select([
        'o.location_id',
        'o.disease_id',
        'o.metric_id',
        'o.period_type',
        'o.period_start',
        'o.value',
        'l.code as location',
        'd.code as disease',
        'm.code as metric',
      ]);
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
      q = q.where(
        sql<boolean>`(o.location_id, o.disease_id, o.metric_id, o.period_type, o.period_start) > (${after.location_id}, ${after.disease_id}, ${after.metric_id}, ${after.period_type}, ${after.period_start}::date)`,
      );
    }
    return q
      .orderBy('o.location_id')
      .orderBy('o.disease_id')
      .orderBy('o.metric_id')
      .orderBy('o.period_type')
      .orderBy('o.period_start')
      .limit(limit)
      .offset(offset)
      .execute();
  }
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
