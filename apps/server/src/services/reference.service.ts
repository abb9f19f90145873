import type { Kysely } from 'kysely';
import type { Country } from '@accord/core';
import type { FocalPointDto, FocalPointInput, OrganisationDto } from '@accord/contracts';
import type { Static } from '@sinclair/typebox';
import type { CreateOrganisationBody, UpdateOrganisationBody } from '@accord/contracts';
import type { Database } from '../db/schema.js';
import * as reference from '../db/repositories/reference.repository.js';
import { AppError, invalidField, notFound } from './app-error.js';
import { recordAudit, type Clock, type RequestContext } from './context.js';

function toOrganisationDto(row: reference.OrganisationRow): OrganisationDto {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as OrganisationDto['kind'],
    country: row.country,
    createdAt: row.created_at.toISOString(),
  };
}

/**
 * How long a process may reuse the country list it read. The list changes only when reference data
 * is reloaded, so a short reuse is safe across processes and spares the database the busiest read.
 */
const COUNTRY_LIST_REUSE_MS = 60_000;

/** Countries, organisations and National IHR Focal Point contacts. */
export class ReferenceService {
  private countryList: { readAt: number; countries: Promise<Country[]> } | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  listCountries(): Promise<Country[]> {
    const now = this.clock().getTime();
    if (!this.countryList || now - this.countryList.readAt > COUNTRY_LIST_REUSE_MS) {
      const countries = reference.listCountries(this.db);
      this.countryList = { readAt: now, countries };
      countries.catch(() => (this.countryList = undefined));
    }
    return this.countryList.countries;
  }

  async getCountry(iso3: string): Promise<Country> {
    const country = await reference.findCountry(this.db, iso3);
    if (!country) throw notFound(`country ${iso3}`);
    return country;
  }

  async getFocalPoint(iso3: string): Promise<FocalPointDto> {
    await this.getCountry(iso3);
    const row = await reference.findFocalPoint(this.db, iso3);
    if (!row) throw new AppError('not_found', `no National IHR Focal Point contact is recorded for ${iso3} yet`);
    return { country: row.country, name: row.name, email: row.email, phone: row.phone, updatedAt: row.updated_at.toISOString() };
  }

  async putFocalPoint(ctx: RequestContext, iso3: string, input: FocalPointInput): Promise<FocalPointDto> {
    await this.getCountry(iso3);
    const now = this.clock();
    return this.db.transaction().execute(async (trx) => {
      const before = await reference.findFocalPoint(trx, iso3);
      const row = await reference.upsertFocalPoint(trx, {
        country: iso3,
        name: input.name,
        email: input.email,
        phone: input.phone ?? null,
        updated_at: now,
        updated_by: ctx.actor.kind === 'anonymous' ? null : ctx.actor.userId,
      });
      const view = (r: typeof before) => (r ? { name: r.name, email: r.email, phone: r.phone } : null);
      await recordAudit(
        trx,
        ctx,
        { action: 'focal_point.update', targetType: 'country', targetId: iso3, summary: { before: view(before), after: view(row) } },
        now,
      );
      return { country: row.country, name: row.name, email: row.email, phone: row.phone, updatedAt: row.updated_at.toISOString() };
    });
  }

  async listOrganisations(page: { limit: number; offset: number }) {
    const result = await reference.listOrganisations(this.db, page);
    return { items: result.items.map(toOrganisationDto), total: result.total, ...page };
  }

  async createOrganisation(ctx: RequestContext, input: Static<typeof CreateOrganisationBody>): Promise<OrganisationDto> {
    const now = this.clock();
    return this.db.transaction().execute(async (trx) => {
      await this.checkOrganisation(trx, input.name, input.country ?? null);
      const row = await reference.insertOrganisation(trx, { name: input.name, kind: input.kind, country: input.country ?? null });
      const dto = toOrganisationDto(row);
      await recordAudit(
        trx,
        ctx,
        { action: 'organisation.create', targetType: 'organisation', targetId: row.id, summary: { after: dto } },
        now,
      );
      return dto;
    });
  }

  async updateOrganisation(ctx: RequestContext, id: string, input: Static<typeof UpdateOrganisationBody>): Promise<OrganisationDto> {
    const now = this.clock();
    return this.db.transaction().execute(async (trx) => {
      const before = await reference.findOrganisation(trx, id);
      if (!before) throw notFound(`organisation ${id}`);
      await this.checkOrganisation(trx, input.name ?? null, input.country ?? null, id);
      const row = (await reference.updateOrganisation(trx, id, input))!;
      const dto = toOrganisationDto(row);
      await recordAudit(
        trx,
        ctx,
        {
          action: 'organisation.update',
          targetType: 'organisation',
          targetId: id,
          summary: { before: toOrganisationDto(before), after: dto },
        },
        now,
      );
      return dto;
    });
  }

  private async checkOrganisation(trx: Kysely<Database>, name: string | null, country: string | null, selfId?: string) {
    if (name !== null) {
      const same = await reference.findOrganisationByName(trx, name);
      if (same && same.id !== selfId) {
        throw new AppError('conflict', `an organisation named "${same.name}" already exists`, [
          { field: 'body.name', reason: 'already exists' },
        ]);
      }
    }
    if (country !== null && !(await reference.findCountry(trx, country))) {
      throw invalidField('body.country', `unknown country code ${country}; use an ISO 3166-1 alpha-3 code`);
    }
  }
}
