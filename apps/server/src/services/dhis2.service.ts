import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Static } from '@sinclair/typebox';
import type {
  DataElementMappingDto,
  Dhis2DataValueSetInput,
  Dhis2ExportQuery,
  Dhis2ImportQuery,
  Dhis2ImportSummaryDto,
  OrgUnitMappingDto,
  UpsertDataElementMappingsBody,
  UpsertOrgUnitMappingsBody,
} from '@accord/contracts';
import {
  DHIS2_PROPERTY_OF_COLUMN,
  Dhis2ConflictList,
  OBSERVATION_COLUMNS,
  PERIOD_TYPE_CODES,
  checkObservationRow,
  dataElementKey,
  toDhis2DataValue,
  translateDataValue,
  tryParseDhis2Period,
  type IsoDate,
  type ObservationColumn,
  type PeriodType,
} from '@accord/core';
import type { DatabaseHandle } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { loadCodeMaps } from '../db/repositories/surveillance-reference.repository.js';
import { OBSERVATION_KEY_COLUMNS, afterObservationKey, type ObservationKey } from './observation-keyset.js';
import { AppError, invalidField, notFound } from './app-error.js';
import { actsForCountry, recordAudit, type Clock, type RequestContext } from './context.js';
import { notifyChangedBatch, runImportBatch, type ImportListener, type ImportSummary } from './import-batch-run.js';

/** Conflict groups and positions per group in one answer; the error report of the batch has every refusal. */
const MAX_CONFLICTS = 1000;
const MAX_INDEXES_PER_CONFLICT = 1000;
/** Rows read per query while streaming an export. */
const EXPORT_PAGE_ROWS = 10_000;
/** Import strategies that mean "create new values and update existing ones" (the second is DHIS2's older name). */
const CREATE_AND_UPDATE = new Set(['CREATE_AND_UPDATE', 'NEW_AND_UPDATES']);

const CANONICAL_COLUMNS = Object.fromEntries(OBSERVATION_COLUMNS.map((c, i) => [c, i])) as Record<ObservationColumn, number>;
const TYPE_OF_CODE: Record<string, PeriodType> = { W: 'week', M: 'month', D: 'day' };

/**
 * DHIS2 compatibility: `dataValueSets` in and out, through the mapping tables from DHIS2 identifiers
 * to Accord's diseases, metrics and locations. An import is an ordinary import batch (format dhis2):
 * the same checks, duplicate refusal, upsert, audit entry and error report as a CSV file.
 */
export class Dhis2Service {
  constructor(
    private readonly handle: DatabaseHandle,
    private readonly clock: Clock,
    private readonly afterImport?: ImportListener,
  ) {}

  private get db(): Kysely<Database> {
    return this.handle.db;
  }

  async importDataValueSet(
    ctx: RequestContext,
    body: Dhis2DataValueSetInput,
    query: Static<typeof Dhis2ImportQuery>,
  ): Promise<Dhis2ImportSummaryDto> {
    const strategy = (query.importStrategy ?? 'CREATE_AND_UPDATE').toUpperCase();
    if (!CREATE_AND_UPDATE.has(strategy)) {
      throw invalidField(
        'querystring.importStrategy',
        `${query.importStrategy} is not supported: Accord creates new values and updates existing ones (CREATE_AND_UPDATE, the default)`,
      );
    }
    const atomicMode = (query.atomicMode ?? 'NONE').toUpperCase();
    if (atomicMode !== 'ALL' && atomicMode !== 'NONE') {
      throw invalidField('querystring.atomicMode', `"${query.atomicMode}" is not an atomic mode: use ALL (all or nothing) or NONE`);
    }
    const conflicts = new Dhis2ConflictList(MAX_CONFLICTS, MAX_INDEXES_PER_CONFLICT);
    // Kept as canonical JSON: the same values sent again, however formatted, are recognised as a repeat.
    const content = Buffer.from(JSON.stringify(body), 'utf8');
    const summary = await runImportBatch(
      this.handle,
      this.clock,
      ctx,
      {
        format: 'dhis2',
        channel: 'api',
        fileName: body.dataSet ? `dataValueSet-${body.dataSet}.json` : null,
        atomic: atomicMode === 'ALL',
        dryRun: query.dryRun === true,
        onRowError: (e) => conflicts.add(e.line - 1, e.column ?? 'dataValue', e.value ?? '', e.reason),
      },
      async (batch) => {
        await batch.file.add(content);
        const [codes, mappings] = await Promise.all([loadCodeMaps(batch.db), loadMappings(batch.db)]);
        const today = this.clock().toISOString().slice(0, 10) as IsoDate;
        const rowContext = { codes, today, mayActFor: (country: string) => actsForCountry(ctx, country) };
        const defaults = { period: body.period, orgUnit: body.orgUnit };
        const values = body.dataValues;
        for (let index = 0; index < values.length; index++) {
          if (index % 10_000 === 0) batch.checkCancelled();
          const value = values[index]!;
          const line = index + 1;
          const translated = translateDataValue(value, defaults, mappings);
          if (!translated.ok) {
            await batch.errors.add({ line, column: translated.property, value: translated.object, reason: translated.reason });
            continue;
          }
          const check = checkObservationRow(translated.fields, CANONICAL_COLUMNS, rowContext);
          if (check.ok) {
            await batch.stage(line, check.observation);
            continue;
          }
          const property = check.column ? DHIS2_PROPERTY_OF_COLUMN[check.column] : 'value';
          const object =
            property === 'orgUnit'
              ? (value.orgUnit ?? body.orgUnit ?? '')
              : property === 'dataElement'
                ? (value.dataElement ?? '')
                : property === 'period'
                  ? (value.period ?? body.period ?? '')
                  : check.value;
          // The canonical checker speaks of codes; a DHIS2 client knows its own identifiers.
          const reason = property === 'period' ? check.reason.replace(translated.fields[3], object) : check.reason;
          await batch.errors.add({ line, column: property, value: object, reason });
        }
        return {
          rejection: null,
          checksum: createHash('sha256').update(content).digest('hex'),
          bytes: content.length,
          rowsRead: values.length,
        };
      },
    );
    if (query.dryRun !== true) notifyChangedBatch(summary, this.afterImport);
    return toDhis2Summary(summary, conflicts, query.dryRun === true);
  }

  /** Observations of mapped data elements and organisation units, as DHIS2 JSON text, streamed in pages. */
  async *exportDataValueSet(ctx: RequestContext, query: Static<typeof Dhis2ExportQuery>): AsyncGenerator<string> {
    const filter = await this.resolveExport(ctx, query);
    yield '{"dataValues":[';
    let first = true;
    let after: ObservationKey | null = null;
    for (;;) {
      let q = this.db
        .selectFrom('observations as o')
        .innerJoin('locations as l', 'l.id', 'o.location_id')
        .innerJoin('dhis2_org_unit_mappings as ou', 'ou.location_id', 'o.location_id')
        .innerJoin(
          (eb) =>
            eb
              .selectFrom('dhis2_data_element_mappings')
              .distinctOn(['disease_id', 'metric_id'])
              .select(['disease_id', 'metric_id', 'data_element', 'category_option_combo'])
              .orderBy('disease_id')
              .orderBy('metric_id')
              .orderBy('category_option_combo')
              .orderBy('data_element')
              .as('de'),
          (join) => join.onRef('de.disease_id', '=', 'o.disease_id').onRef('de.metric_id', '=', 'o.metric_id'),
        )
        .select([...OBSERVATION_KEY_COLUMNS, 'o.value', 'ou.org_unit', 'de.data_element', 'de.category_option_combo']);
      if (filter.countries !== null) q = q.where('l.country', 'in', filter.countries.length > 0 ? filter.countries : ['']);
      if (filter.locationIds !== null) q = q.where('o.location_id', 'in', filter.locationIds.length > 0 ? filter.locationIds : [-1]);
      if (filter.seriesKeys !== null) {
        const keys = filter.seriesKeys;
        q = q.where((eb) => eb.or(keys.map((k) => eb.and([eb('o.disease_id', '=', k.disease), eb('o.metric_id', '=', k.metric)]))));
      }
      if (filter.periods !== null) {
        const periods = filter.periods;
        q = q.where((eb) => eb.or(periods.map((p) => eb.and([eb('o.period_type', '=', p.type), eb('o.period_start', '=', p.start)]))));
      }
      if (filter.startDate !== null) q = q.where('o.period_start', '>=', filter.startDate);
      if (filter.endDate !== null) q = q.where('o.period_start', '<=', filter.endDate);
      if (after) {
        const a = after;
        q = q.where(afterObservationKey(a));
      }
      const rows = await q
        .orderBy([...OBSERVATION_KEY_COLUMNS])
        .limit(EXPORT_PAGE_ROWS)
        .execute();
      if (rows.length === 0) break;
      let text = '';
      for (const r of rows) {
        const dataValue = toDhis2DataValue({
          orgUnit: r.org_unit,
          dataElement: r.data_element,
          categoryOptionCombo: r.category_option_combo,
          period: { type: TYPE_OF_CODE[r.period_type] ?? 'day', start: r.period_start as IsoDate },
          value: r.value,
        });
        text += (first ? '' : ',') + JSON.stringify(dataValue);
        first = false;
      }
      yield text;
      after = rows[rows.length - 1]!;
      if (rows.length < EXPORT_PAGE_ROWS) break;
    }
    yield ']}';
  }

  private async resolveExport(ctx: RequestContext, query: Static<typeof Dhis2ExportQuery>) {
    const actor = ctx.actor;
    const scope = actor.kind === 'anonymous' ? { kind: 'countries' as const, countries: [] as string[] } : actor.scope;
    let locationIds: number[] | null = null;
    if (query.orgUnit && query.orgUnit.length > 0) {
      const mapped = await this.db
        .selectFrom('dhis2_org_unit_mappings as m')
        .innerJoin('locations as l', 'l.id', 'm.location_id')
        .select(['m.org_unit', 'l.id', 'l.country'])
        .where('m.org_unit', 'in', query.orgUnit)
        .execute();
      for (const orgUnit of query.orgUnit) {
        const found = mapped.find((m) => m.org_unit === orgUnit);
        if (!found) throw invalidField('querystring.orgUnit', `organisation unit ${orgUnit} is not mapped to a location`);
        if (!actsForCountry(ctx, found.country)) {
          throw new AppError('forbidden', `not allowed to read data for ${found.country}: you do not act for this country`);
        }
      }
      locationIds = mapped.map((m) => m.id);
      if (query.children === true && locationIds.length > 0) {
        const below = await this.db
          .selectFrom('locations')
          .select('id')
          .where((eb) =>
            eb.or([
              eb('parent_id', 'in', locationIds!),
              eb('parent_id', 'in', eb.selectFrom('locations').select('id').where('parent_id', 'in', locationIds!)),
            ]),
          )
          .execute();
        locationIds = [...locationIds, ...below.map((b) => b.id)];
      }
    }
    let seriesKeys: { disease: number; metric: number }[] | null = null;
    if (query.dataElement && query.dataElement.length > 0) {
      const mapped = await this.db
        .selectFrom('dhis2_data_element_mappings')
        .select(['data_element', 'disease_id', 'metric_id'])
        .where('data_element', 'in', query.dataElement)
        .execute();
      for (const dataElement of query.dataElement) {
        if (!mapped.some((m) => m.data_element === dataElement)) {
          throw invalidField('querystring.dataElement', `data element ${dataElement} is not mapped to a disease and metric`);
        }
      }
      seriesKeys = mapped.map((m) => ({ disease: m.disease_id, metric: m.metric_id }));
    }
    let periods: { type: 'W' | 'M' | 'D'; start: IsoDate }[] | null = null;
    if (query.period && query.period.length > 0) {
      periods = query.period.map((text) => {
        const parsed = tryParseDhis2Period(text.trim());
        if (!parsed.ok) throw invalidField('querystring.period', parsed.reason);
        return { type: PERIOD_TYPE_CODES[parsed.period.type], start: parsed.period.start };
      });
    }
    if (query.startDate && query.endDate && query.startDate > query.endDate) {
      throw invalidField('querystring.endDate', `endDate ${query.endDate} is before startDate ${query.startDate}`);
    }
    return {
      countries: scope.kind === 'all' ? null : [...scope.countries],
      locationIds,
      seriesKeys,
      periods,
      startDate: query.startDate ?? null,
      endDate: query.endDate ?? null,
    };
  }

  async listDataElementMappings(): Promise<{ items: DataElementMappingDto[] }> {
    const rows = await this.db
      .selectFrom('dhis2_data_element_mappings as m')
      .innerJoin('diseases as d', 'd.id', 'm.disease_id')
      .innerJoin('metrics as x', 'x.id', 'm.metric_id')
      .select(['m.data_element', 'm.category_option_combo', 'd.code as disease', 'x.code as metric'])
      .orderBy('m.data_element')
      .orderBy('m.category_option_combo')
      .execute();
    return {
      items: rows.map((r) => ({
        dataElement: r.data_element,
        categoryOptionCombo: r.category_option_combo === '' ? null : r.category_option_combo,
        disease: r.disease,
        metric: r.metric,
      })),
    };
  }

  async upsertDataElementMappings(
    ctx: RequestContext,
    body: Static<typeof UpsertDataElementMappingsBody>,
  ): Promise<{ items: DataElementMappingDto[] }> {
    const now = this.clock();
    await this.db.transaction().execute(async (trx) => {
      const codes = await loadCodeMaps(trx);
      const seen = new Set<string>();
      const rows = body.mappings.map((m, index) => {
        const combo = m.categoryOptionCombo?.trim() ?? '';
        const key = dataElementKey(m.dataElement.trim(), combo);
        if (seen.has(key)) {
          throw invalidField(`body.mappings.${index}`, `data element ${m.dataElement} (${combo || 'any combination'}) is given twice`);
        }
        seen.add(key);
        const disease = codes.diseases.get(m.disease.trim().toLowerCase());
        if (disease === undefined) throw invalidField(`body.mappings.${index}.disease`, `unknown disease code "${m.disease}"`);
        const metric = codes.metrics.get(m.metric.trim().toLowerCase());
        if (!metric) throw invalidField(`body.mappings.${index}.metric`, `unknown metric code "${m.metric}"`);
        return {
          data_element: m.dataElement.trim(),
          category_option_combo: combo,
          disease_id: disease,
          metric_id: metric.id,
          updated_at: now,
        };
      });
      await trx
        .insertInto('dhis2_data_element_mappings')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['data_element', 'category_option_combo']).doUpdateSet((eb) => ({
            disease_id: eb.ref('excluded.disease_id'),
            metric_id: eb.ref('excluded.metric_id'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
      await recordAudit(
        trx,
        ctx,
        { action: 'dhis2.data_elements.map', targetType: 'dhis2_mapping', targetId: null, summary: { mappings: body.mappings } },
        now,
      );
    });
    return this.listDataElementMappings();
  }

  async deleteDataElementMapping(ctx: RequestContext, dataElement: string, categoryOptionCombo: string | undefined): Promise<void> {
    const now = this.clock();
    await this.db.transaction().execute(async (trx) => {
      let q = trx.deleteFrom('dhis2_data_element_mappings').where('data_element', '=', dataElement);
      if (categoryOptionCombo !== undefined) q = q.where('category_option_combo', '=', categoryOptionCombo);
      const result = await q.executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw notFound(`a mapping of data element ${dataElement}`);
      await recordAudit(
        trx,
        ctx,
        {
          action: 'dhis2.data_elements.unmap',
          targetType: 'dhis2_mapping',
          targetId: dataElement,
          summary: { dataElement, categoryOptionCombo: categoryOptionCombo ?? null, removed: Number(result.numDeletedRows) },
        },
        now,
      );
    });
  }

  /** The mappings of the countries the reader acts for (all of them for WHO and administrators). */
  async listOrgUnitMappings(ctx: RequestContext, query: { country?: string }): Promise<{ items: OrgUnitMappingDto[] }> {
    const actor = ctx.actor;
    let q = this.db
      .selectFrom('dhis2_org_unit_mappings as m')
      .innerJoin('locations as l', 'l.id', 'm.location_id')
      .select(['m.org_unit', 'l.code', 'l.country']);
    if (query.country) q = q.where('l.country', '=', query.country);
    if (ctx.system !== true) {
      const scope = actor.kind === 'anonymous' ? { kind: 'countries' as const, countries: [] } : actor.scope;
      if (scope.kind === 'countries') q = q.where('l.country', 'in', scope.countries.length > 0 ? scope.countries : ['']);
    }
    const rows = await q.orderBy('l.country').orderBy('m.org_unit').execute();
    return { items: rows.map((r) => ({ orgUnit: r.org_unit, location: r.code, country: r.country })) };
  }

  async upsertOrgUnitMappings(
    ctx: RequestContext,
    body: Static<typeof UpsertOrgUnitMappingsBody>,
  ): Promise<{ items: OrgUnitMappingDto[] }> {
    const now = this.clock();
    const countries = new Set<string>();
    await this.db.transaction().execute(async (trx) => {
      const codes = await loadCodeMaps(trx);
      const seenUnits = new Set<string>();
      const seenLocations = new Map<number, string>();
      const rows = body.mappings.map((m, index) => {
        const orgUnit = m.orgUnit.trim();
        if (seenUnits.has(orgUnit)) throw invalidField(`body.mappings.${index}.orgUnit`, `organisation unit ${orgUnit} is given twice`);
        seenUnits.add(orgUnit);
        const location = codes.locations.get(m.location.trim().toUpperCase());
        if (!location) throw invalidField(`body.mappings.${index}.location`, `unknown location code "${m.location}"`);
        if (!actsForCountry(ctx, location.country)) {
          throw new AppError('forbidden', `not allowed to map organisation units to ${location.country}: you do not act for this country`);
        }
        const other = seenLocations.get(location.id);
        if (other !== undefined) {
          throw invalidField(
            `body.mappings.${index}.location`,
            `location ${m.location} is also given for organisation unit ${other}; map one unit per location`,
          );
        }
        seenLocations.set(location.id, orgUnit);
        countries.add(location.country);
        return { org_unit: orgUnit, location_id: location.id, updated_at: now };
      });
      // A location mapped before to another unit is re-pointed: the newest mapping wins, and says so in the audit log.
      const replaced = await trx
        .deleteFrom('dhis2_org_unit_mappings')
        .where(
          'location_id',
          'in',
          rows.map((r) => r.location_id),
        )
        .where(
          'org_unit',
          'not in',
          rows.map((r) => r.org_unit),
        )
        .returning(['org_unit'])
        .execute();
      await trx
        .insertInto('dhis2_org_unit_mappings')
        .values(rows)
        .onConflict((oc) =>
          oc
            .column('org_unit')
            .doUpdateSet((eb) => ({ location_id: eb.ref('excluded.location_id'), updated_at: eb.ref('excluded.updated_at') })),
        )
        .execute();
      await recordAudit(
        trx,
        ctx,
        {
          action: 'dhis2.org_units.map',
          targetType: 'dhis2_mapping',
          targetId: null,
          summary: { mappings: body.mappings, replacedOrgUnits: replaced.map((r) => r.org_unit) },
        },
        now,
      );
    });
    const all = await this.listOrgUnitMappings(ctx, {});
    return { items: all.items.filter((m) => countries.has(m.country)) };
  }

  async deleteOrgUnitMapping(ctx: RequestContext, orgUnit: string): Promise<void> {
    const now = this.clock();
    await this.db.transaction().execute(async (trx) => {
      const found = await trx
        .selectFrom('dhis2_org_unit_mappings as m')
        .innerJoin('locations as l', 'l.id', 'm.location_id')
        .select(['l.code', 'l.country'])
        .where('m.org_unit', '=', orgUnit)
        .executeTakeFirst();
      if (!found) throw notFound(`a mapping of organisation unit ${orgUnit}`);
      if (!actsForCountry(ctx, found.country)) {
        throw new AppError('forbidden', `not allowed to change mappings of ${found.country}: you do not act for this country`);
      }
      await trx.deleteFrom('dhis2_org_unit_mappings').where('org_unit', '=', orgUnit).execute();
      await recordAudit(
        trx,
        ctx,
        { action: 'dhis2.org_units.unmap', targetType: 'dhis2_mapping', targetId: orgUnit, summary: { orgUnit, location: found.code } },
        now,
      );
    });
  }
}

async function loadMappings(db: Kysely<Database>) {
  const [elements, units] = await Promise.all([
    db
      .selectFrom('dhis2_data_element_mappings as m')
      .innerJoin('diseases as d', 'd.id', 'm.disease_id')
      .innerJoin('metrics as x', 'x.id', 'm.metric_id')
      .select(['m.data_element', 'm.category_option_combo', 'd.code as disease', 'x.code as metric'])
      .execute(),
    db
      .selectFrom('dhis2_org_unit_mappings as m')
      .innerJoin('locations as l', 'l.id', 'm.location_id')
      .select(['m.org_unit', 'l.code'])
      .execute(),
  ]);
  return {
    dataElements: new Map(
      elements.map((e) => [dataElementKey(e.data_element, e.category_option_combo), { disease: e.disease, metric: e.metric }]),
    ),
    orgUnits: new Map(units.map((u) => [u.org_unit, u.code])),
  };
}

function toDhis2Summary(summary: ImportSummary, conflicts: Dhis2ConflictList, dryRun: boolean): Dhis2ImportSummaryDto {
  const status = summary.status === 'rejected' ? 'ERROR' : summary.rejected > 0 ? 'WARNING' : 'SUCCESS';
  const omitted = conflicts.omitted > 0 ? ` (${conflicts.omitted} more conflicts are in the error report of batch ${summary.batchId})` : '';
  const core = {
    responseType: 'ImportSummary' as const,
    status,
    description: `${dryRun ? 'dry run, nothing was kept: ' : ''}${summary.message}${omitted}`,
    importCount: {
      imported: summary.inserted,
      updated: summary.updated,
      // DHIS2 counts a value it did not store as ignored: refused ones and those equal to what is stored.
      ignored: summary.rejected + summary.unchanged,
      deleted: 0,
    },
    conflicts: conflicts.conflicts,
    dataSetComplete: 'false',
    reference: summary.batchId,
  } as const;
  const message =
    status === 'SUCCESS'
      ? 'Import finished without conflicts.'
      : status === 'WARNING'
        ? 'Import finished; some values were ignored, see conflicts.'
        : 'Nothing was imported, see description and conflicts.';
  return { ...core, httpStatus: 'OK', httpStatusCode: 200, message, response: core };
}
