import { sql, type Kysely } from 'kysely';
import type { Static } from '@sinclair/typebox';
import type {
  CreateDiseaseBody,
  CreateLocationBody,
  CreateMetricBody,
  DiseaseDto,
  LocationDto,
  LocationQuery,
  MetricDto,
  UpdateDiseaseBody,
  UpdateLocationBody,
  UpdateMetricBody,
} from '@accord/contracts';
import { namesFromColumns, type IhrCategory, type Language } from '@accord/core';
import type { Database, SixNames } from '../db/schema.js';
import { AppError, invalidField, notFound } from './app-error.js';
import { actsForCountry, recordAudit, type Clock, type RequestContext } from './context.js';

type DiseaseRow = SixNames & { code: string; icd11: string | null; ihr_category: string };
type MetricRow = SixNames & { code: string; whole_numbers: boolean };

const toDisease = (r: DiseaseRow): DiseaseDto => ({
  code: r.code,
  names: namesFromColumns(r),
  icd11: r.icd11,
  ihrCategory: r.ihr_category as IhrCategory,
});
const toMetric = (r: MetricRow): MetricDto => ({ code: r.code, names: namesFromColumns(r), wholeNumbers: r.whole_numbers });

/** The `name_xx` columns for the names given (all six when creating, some when editing). */
function nameColumns(names: Partial<Record<Language, string>> | undefined): Partial<SixNames> {
  const columns: Partial<SixNames> = {};
  for (const [language, name] of Object.entries(names ?? {})) {
    const trimmed = name.trim();
    if (trimmed === '') throw invalidField(`body.names.${language}`, 'must not be blank');
    columns[`name_${language as Language}`] = trimmed;
  }
  return columns;
}

const NAME_COLUMNS = ['name_ar', 'name_zh', 'name_en', 'name_fr', 'name_ru', 'name_es'] as const;

/**
 * Diseases, metrics and locations: the reference the surveillance data is keyed by. Codes never
 * change once created (files and DHIS2 mappings refer to them); names, categories and populations may.
 */
export class SurveillanceReferenceService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async listDiseases(): Promise<{ items: DiseaseDto[] }> {
    const rows = await this.db
      .selectFrom('diseases')
      .select(['code', 'icd11', 'ihr_category', ...NAME_COLUMNS])
      .orderBy('code')
      .execute();
    return { items: rows.map(toDisease) };
  }

  async createDisease(ctx: RequestContext, input: Static<typeof CreateDiseaseBody>): Promise<DiseaseDto> {
    const now = this.clock();
    return this.db.transaction().execute(async (trx) => {
      await this.refuseTakenCode(trx, 'diseases', input.code);
      const row = await trx
        .insertInto('diseases')
        .values({
          code: input.code,
          icd11: input.icd11 ?? null,
          ihr_category: input.ihrCategory,
          ...(nameColumns(input.names) as SixNames),
        })
        .returning(['code', 'icd11', 'ihr_category', ...NAME_COLUMNS])
        .executeTakeFirstOrThrow();
      const dto = toDisease(row);
      await recordAudit(trx, ctx, { action: 'disease.create', targetType: 'disease', targetId: dto.code, summary: { after: dto } }, now);
      return dto;
    });
  }

  async updateDisease(ctx: RequestContext, code: string, input: Static<typeof UpdateDiseaseBody>): Promise<DiseaseDto> {
    const now = this.clock();
    return this.db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('diseases')
        .select(['code', 'icd11', 'ihr_category', ...NAME_COLUMNS])
        .where('code', '=', code)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw notFound(`disease ${code}`);
      const row = await trx
        .updateTable('diseases')
        .set({
          ...nameColumns(input.names),
          ...(input.icd11 !== undefined ? { icd11: input.icd11 } : {}),
          ...(input.ihrCategory !== undefined ? { ihr_category: input.ihrCategory } : {}),
        })
        .where('code', '=', code)
        .returning(['code', 'icd11', 'ihr_category', ...NAME_COLUMNS])
        .executeTakeFirstOrThrow();
      const dto = toDisease(row);
      await recordAudit(
        trx,
        ctx,
        { action: 'disease.update', targetType: 'disease', targetId: code, summary: { before: toDisease(before), after: dto } },
        now,
      );
      return dto;
    });
  }

  async listMetrics(): Promise<{ items: MetricDto[] }> {
    const rows = await this.db
      .selectFrom('metrics')
      .select(['code', 'whole_numbers', ...NAME_COLUMNS])
      .orderBy('id')
      .execute();
    return { items: rows.map(toMetric) };
  }

  async createMetric(ctx: RequestContext, input: Static<typeof CreateMetricBody>): Promise<MetricDto> {
    const now = this.clock();
    return this.db.transaction().execute(async (trx) => {
      await this.refuseTakenCode(trx, 'metrics', input.code);
      const row = await trx
        .insertInto('metrics')
        .values({ code: input.code, whole_numbers: input.wholeNumbers, ...(nameColumns(input.names) as SixNames) })
        .returning(['code', 'whole_numbers', ...NAME_COLUMNS])
        .executeTakeFirstOrThrow();
      const dto = toMetric(row);
      await recordAudit(trx, ctx, { action: 'metric.create', targetType: 'metric', targetId: dto.code, summary: { after: dto } }, now);
      return dto;
    });
  }

  async updateMetric(ctx: RequestContext, code: string, input: Static<typeof UpdateMetricBody>): Promise<MetricDto> {
    const now = this.clock();
    return this.db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('metrics')
        .select(['id', 'code', 'whole_numbers', ...NAME_COLUMNS])
        .where('code', '=', code)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw notFound(`metric ${code}`);
      if (input.wholeNumbers === true && !before.whole_numbers) {
        // Values already accepted must stay valid under the new rule.
        const fractional = await trx
          .selectFrom('observations')
          .select('value')
          .where('metric_id', '=', before.id)
          .where(sql<boolean>`value <> trunc(value)`)
          .limit(1)
          .executeTakeFirst();
        if (fractional) {
          throw new AppError(
            'conflict',
            `metric ${code} already has values that are not whole numbers (e.g. ${fractional.value}); correct them before requiring whole numbers`,
            [{ field: 'body.wholeNumbers', reason: 'existing values are not whole numbers' }],
          );
        }
      }
      const row = await trx
        .updateTable('metrics')
        .set({ ...nameColumns(input.names), ...(input.wholeNumbers !== undefined ? { whole_numbers: input.wholeNumbers } : {}) })
        .where('code', '=', code)
        .returning(['code', 'whole_numbers', ...NAME_COLUMNS])
        .executeTakeFirstOrThrow();
      const dto = toMetric(row);
      await recordAudit(
        trx,
        ctx,
        { action: 'metric.update', targetType: 'metric', targetId: code, summary: { before: toMetric(before), after: dto } },
        now,
      );
      return dto;
    });
  }

  async listLocations(query: Static<typeof LocationQuery>): Promise<{ items: LocationDto[] }> {
    let q = this.db
      .selectFrom('locations as l')
      .leftJoin('locations as p', 'p.id', 'l.parent_id')
      .select(['l.id', 'l.code', 'l.name', 'l.level', 'l.country', 'p.code as parent']);
    if (query.country) q = q.where('l.country', '=', query.country);
    if (query.level !== undefined) q = q.where('l.level', '=', query.level);
    if (query.parent) {
      const parent = await this.db.selectFrom('locations').select('id').where('code', '=', query.parent).executeTakeFirst();
      if (!parent) throw invalidField('querystring.parent', `unknown location code "${query.parent}"`);
      q = q.where('l.parent_id', '=', parent.id);
    }
    const rows = await q.orderBy('l.level').orderBy('l.code').execute();
    return { items: await this.withPopulations(this.db, rows) };
  }

  async createLocation(ctx: RequestContext, input: Static<typeof CreateLocationBody>): Promise<LocationDto> {
    const now = this.clock();
    return this.db.transaction().execute(async (trx) => {
      const parent = await trx
        .selectFrom('locations')
        .select(['id', 'code', 'level', 'country'])
        .where('code', '=', input.parent)
        .executeTakeFirst();
      if (!parent)
        throw invalidField(
          'body.parent',
          `unknown location code "${input.parent}"; use a country's ISO3 code or a first-level area's code`,
        );
      if (!actsForCountry(ctx, parent.country)) {
        throw new AppError('forbidden', `not allowed to add areas in ${parent.country}: you do not act for this country`);
      }
      if (parent.level >= 2) {
        throw invalidField('body.parent', `${parent.code} is a second-level area; areas go at most two levels below a country`);
      }
      const prefix = `${parent.country}.`;
      if (!input.code.startsWith(prefix)) {
        throw invalidField(
          'body.code',
          `must start with the country code and a dot (${prefix}…), e.g. ${prefix}NAIROBI, so codes stay unique across countries`,
        );
      }
      await this.refuseTakenCode(trx, 'locations', input.code);
      const row = await trx
        .insertInto('locations')
        .values({ code: input.code, name: input.name.trim(), level: parent.level + 1, parent_id: parent.id, country: parent.country })
        .returning(['id', 'code', 'name', 'level', 'country'])
        .executeTakeFirstOrThrow();
      await this.setPopulations(trx, row.id, input.populations);
      const [dto] = await this.withPopulations(trx, [{ ...row, parent: parent.code }]);
      await recordAudit(trx, ctx, { action: 'location.create', targetType: 'location', targetId: row.code, summary: { after: dto } }, now);
      return dto!;
    });
  }

  async updateLocation(ctx: RequestContext, code: string, input: Static<typeof UpdateLocationBody>): Promise<LocationDto> {
    const now = this.clock();
    return this.db.transaction().execute(async (trx) => {
      const found = await trx
        .selectFrom('locations as l')
        .leftJoin('locations as p', 'p.id', 'l.parent_id')
        .select(['l.id', 'l.code', 'l.name', 'l.level', 'l.country', 'p.code as parent'])
        .where('l.code', '=', code)
        .executeTakeFirst();
      if (!found) throw notFound(`location ${code}`);
      if (!actsForCountry(ctx, found.country)) {
        throw new AppError('forbidden', `not allowed to change locations of ${found.country}: you do not act for this country`);
      }
      const [before] = await this.withPopulations(trx, [found]);
      if (input.name !== undefined)
        await trx.updateTable('locations').set({ name: input.name.trim() }).where('id', '=', found.id).execute();
      await this.setPopulations(trx, found.id, input.populations);
      const [after] = await this.withPopulations(trx, [{ ...found, name: input.name?.trim() ?? found.name }]);
      await recordAudit(trx, ctx, { action: 'location.update', targetType: 'location', targetId: code, summary: { before, after } }, now);
      return after!;
    });
  }

  private async setPopulations(trx: Kysely<Database>, locationId: number, populations: { year: number; population: number }[] | undefined) {
    if (!populations || populations.length === 0) return;
    const years = new Set<number>();
    populations.forEach((p, index) => {
      if (years.has(p.year)) throw invalidField(`body.populations.${index}.year`, `year ${p.year} is given twice; give each year once`);
      years.add(p.year);
    });
    await trx
      .insertInto('location_populations')
      .values(populations.map((p) => ({ location_id: locationId, year: p.year, population: p.population })))
      .onConflict((oc) => oc.columns(['location_id', 'year']).doUpdateSet((eb) => ({ population: eb.ref('excluded.population') })))
      .execute();
  }

  private async withPopulations(
    db: Kysely<Database>,
    rows: { id: number; code: string; name: string; level: number; country: string; parent: string | null }[],
  ): Promise<LocationDto[]> {
    if (rows.length === 0) return [];
    const populations = await db
      .selectFrom('location_populations')
      .select(['location_id', 'year', 'population'])
      .where(
        'location_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('year', 'desc')
      .execute();
    const byLocation = new Map<number, { year: number; population: number }[]>();
    for (const p of populations) {
      const list = byLocation.get(p.location_id) ?? [];
      list.push({ year: p.year, population: Number(p.population) });
      byLocation.set(p.location_id, list);
    }
    return rows.map((r) => ({
      code: r.code,
      name: r.name,
      level: r.level,
      parent: r.parent,
      country: r.country,
      populations: byLocation.get(r.id) ?? [],
    }));
  }

  private async refuseTakenCode(trx: Kysely<Database>, table: 'diseases' | 'metrics' | 'locations', code: string) {
    const taken = await trx.selectFrom(table).select('code').where('code', '=', code).executeTakeFirst();
    if (taken)
      throw new AppError('conflict', `the code ${code} is already used; choose another`, [{ field: 'body.code', reason: 'already used' }]);
  }
}
