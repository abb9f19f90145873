import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import {
  type WHO_REGIONS,
  parseCountriesCsv,
  parseDiseasesCsv,
  parseMetricsCsv,
  parseCsvRecords,
  formatPeriod,
  weekPeriodFromMonday,
  type Language,
  type OrganisationKind,
  type Role,
} from '@accord/core';
import type { Database } from '../db/schema.js';
import { findOrganisationByName, findFocalPoint, upsertCountries } from '../db/repositories/reference.repository.js';
import { countUsers, findUserByUsername } from '../db/repositories/users.repository.js';
import {
  insertMissingCountryLocations,
  insertMissingDiseases,
  insertMissingMetrics,
  upsertCountryPopulations,
} from '../db/repositories/surveillance-reference.repository.js';
import type { ReferenceService } from './reference.service.js';
import type { UsersService } from './users.service.js';
import { SYSTEM_CONTEXT, systemContext } from './context.js';
import type { ObservationImportService } from './observation-import.service.js';
import type { DetectionService } from './detection.service.js';
import { DATA_DIR } from '../paths.js';

const REPO_DATA = DATA_DIR;
export const COUNTRIES_CSV = join(REPO_DATA, 'reference/countries.csv');
const DISEASES_CSV = join(REPO_DATA, 'reference/diseases.csv');
const METRICS_CSV = join(REPO_DATA, 'reference/metrics.csv');

/**
 * Loads the reference data from the committed CSVs. Safe on every start: countries are refreshed;
 * diseases, metrics and country locations are only added when missing, because administrators edit them.
 */
export async function loadReferenceData(db: Kysely<Database>): Promise<{ countries: number; diseases: number; metrics: number }> {
  const countries = parseCountriesCsv(readFileSync(COUNTRIES_CSV, 'utf8'));
  const diseases = parseDiseasesCsv(readFileSync(DISEASES_CSV, 'utf8'));
  const metrics = parseMetricsCsv(readFileSync(METRICS_CSV, 'utf8'));
  return db.transaction().execute(async (trx) => {
    const countryCount = await upsertCountries(trx, countries);
    await insertMissingCountryLocations(trx);
    await upsertCountryPopulations(trx);
    return {
      countries: countryCount,
      diseases: await insertMissingDiseases(trx, diseases),
      metrics: await insertMissingMetrics(trx, metrics),
    };
  });
}

/** The password of every demo login; printed at start so a first-time user can sign in. */
export const DEMO_PASSWORD = 'accord-demo-2026';

interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  organisation: string;
  language: Language;
  allCountries?: boolean;
  countries?: string[];
  /** Countries of a WHO region, resolved from the reference data. */
  region?: (typeof WHO_REGIONS)[number];
}

const DEMO_ORGANISATIONS: { name: string; kind: OrganisationKind; country: string | null }[] = [
  { name: 'World Health Organization, Headquarters', kind: 'who_headquarters', country: 'CHE' },
  { name: 'WHO Regional Office for Africa', kind: 'who_regional_office', country: 'COG' },
  { name: 'Ministry of Health, Kenya', kind: 'national_authority', country: 'KEN' },
  { name: 'Ministry of Health, Brazil', kind: 'national_authority', country: 'BRA' },
  { name: 'Ministry of Health and Population, Egypt', kind: 'national_authority', country: 'EGY' },
  { name: 'Demo GOARN partner institution', kind: 'partner_goarn', country: null },
];

const DEMO_USERS: DemoUser[] = [
  { username: 'admin', displayName: 'Platform Administrator', role: 'admin', organisation: DEMO_ORGANISATIONS[0]!.name, language: 'en' },
  {
    username: 'who.officer',
    displayName: 'Event Management Officer (HQ)',
    role: 'who_officer',
    organisation: DEMO_ORGANISATIONS[0]!.name,
    language: 'en',
    allCountries: true,
  },
  {
    username: 'afro.officer',
    displayName: 'Event Management Officer (AFRO)',
    role: 'who_officer',
    organisation: DEMO_ORGANISATIONS[1]!.name,
    language: 'fr',
    region: 'AFR',
  },
  {
    username: 'nfp.kenya',
    displayName: 'IHR Focal Point, Kenya',
    role: 'nfp',
    organisation: DEMO_ORGANISATIONS[2]!.name,
    language: 'en',
    countries: ['KEN'],
  },
  {
    username: 'nfp.brazil',
    displayName: 'IHR Focal Point, Brazil',
    role: 'nfp',
    organisation: DEMO_ORGANISATIONS[3]!.name,
    language: 'es',
    countries: ['BRA'],
  },
  {
    username: 'nfp.egypt',
    displayName: 'IHR Focal Point, Egypt',
    role: 'nfp',
    organisation: DEMO_ORGANISATIONS[4]!.name,
    language: 'ar',
    countries: ['EGY'],
  },
  {
    username: 'partner',
    displayName: 'GOARN Partner Liaison',
    role: 'partner',
    organisation: DEMO_ORGANISATIONS[5]!.name,
    language: 'en',
    allCountries: true,
  },
  {
    username: 'observer',
    displayName: 'Observer',
    role: 'observer',
    organisation: DEMO_ORGANISATIONS[0]!.name,
    language: 'ru',
    allCountries: true,
  },
];

const DEMO_FOCAL_POINTS = [
  { country: 'KEN', name: 'National IHR Focal Point, Kenya (demo)', email: 'ihr-nfp@health.example.ke', phone: '+254 20 000 0000' },
  { country: 'BRA', name: 'Ponto Focal Nacional do RSI, Brasil (demo)', email: 'ihr-nfp@saude.example.br', phone: '+55 61 0000 0000' },
  { country: 'EGY', name: 'National IHR Focal Point, Egypt (demo)', email: 'ihr-nfp@mohp.example.eg', phone: null },
];

const DEMO_SERIES = [
  { file: 'timeseries/mpox_weekly_by_country.csv', date: 'period', value: 'count', type: 'week' as const },
  { file: 'timeseries/covid19_daily_cases_2020.csv', date: 'date', value: 'incidence', type: 'day' as const },
];

/**
 * The real time series shipped in data/timeseries (weekly mpox, daily COVID-19), converted to the
 * canonical import format: series ids are `ISO3/disease/metric`, weeks are given by their Monday.
 */
export function demoSeriesAsCanonicalCsv(): { name: string; csv: string }[] {
  return DEMO_SERIES.map((source) => {
    const records = parseCsvRecords(readFileSync(join(REPO_DATA, source.file), 'utf8'));
    const lines = records.map((r) => {
      const [location, disease, metric] = (r.series ?? '').split('/');
      const date = r[source.date] ?? '';
      const period = source.type === 'week' ? formatPeriod(weekPeriodFromMonday(date)) : date;
      return `${location},${disease},${metric},${period},${r[source.value]}`;
    });
    return { name: source.file.split('/')[1]!, csv: `location,disease,metric,period,value\n${lines.join('\n')}\n` };
  });
}

/** Imports the demo time series once (as batches of the platform itself); later starts find them and skip. */
export async function seedDemoSeries(db: Kysely<Database>, imports: ObservationImportService): Promise<number> {
  const done = await db
    .selectFrom('import_batches')
    .select('id')
    .where('channel', '=', 'seed')
    .where('status', '=', 'completed')
    .executeTakeFirst();
  if (done) return 0;
  let rows = 0;
  for (const { name, csv } of demoSeriesAsCanonicalCsv()) {
    const summary = await imports.importCsv(systemContext('demo data'), [csv], { fileName: name, channel: 'seed', atomic: true });
    if (summary.status !== 'completed') throw new Error(`demo series ${name} could not be imported: ${summary.message}`);
    rows += summary.inserted;
  }
  return rows;
}

export interface DemoLogin {
  username: string;
  role: Role;
  scope: string;
}

/**
 * Adds the demo organisations, users and focal-point contacts that are missing. Never changes what
 * exists, so re-running it (every `npm start`) keeps a user's changes.
 */
export async function seedDemoData(
  db: Kysely<Database>,
  services: { users: UsersService; reference: ReferenceService; observationImport: ObservationImportService; detection: DetectionService },
): Promise<{ created: number; logins: DemoLogin[] }> {
  let created = 0;
  const organisationIds = new Map<string, string>();
  for (const org of DEMO_ORGANISATIONS) {
    const existing = await findOrganisationByName(db, org.name);
    const id = existing?.id ?? (await services.reference.createOrganisation(SYSTEM_CONTEXT, org)).id;
    if (!existing) created++;
    organisationIds.set(org.name, id);
  }
  const countries = await db.selectFrom('countries').select(['iso3', 'who_region', 'who_member_state']).execute();
  for (const demo of DEMO_USERS) {
    if (await findUserByUsername(db, demo.username)) continue;
    const regionCountries = demo.region
      ? countries.filter((c) => c.who_region === demo.region && c.who_member_state).map((c) => c.iso3)
      : undefined;
    await services.users.create(SYSTEM_CONTEXT, {
      username: demo.username,
      password: DEMO_PASSWORD,
      displayName: demo.displayName,
      role: demo.role,
      organisationId: organisationIds.get(demo.organisation)!,
      preferredLanguage: demo.language,
      allCountries: demo.allCountries ?? false,
      countries: regionCountries ?? demo.countries ?? [],
    });
    created++;
  }
  for (const contact of DEMO_FOCAL_POINTS) {
    if (await findFocalPoint(db, contact.country)) continue;
    await services.reference.putFocalPoint(SYSTEM_CONTEXT, contact.country, contact);
    created++;
  }
  // Before the series: their import starts the first detection run, which fills the signal queue.
  await seedDemoDetection(db, services.detection);
  created += await seedDemoSeries(db, services.observationImport);
  const logins = DEMO_USERS.map((u) => ({
    username: u.username,
    role: u.role,
    scope: u.role === 'admin' || u.allCountries ? 'all countries' : u.region ? `WHO region ${u.region}` : (u.countries ?? []).join(', '),
  }));
  return { created, logins };
}

/**
 * The demo's weekly mpox series start in 2022: too short for the Farrington methods (five years of
 * history by default), so mpox is monitored with EARS C3, made for short histories. Kept if changed.
 */
async function seedDemoDetection(db: Kysely<Database>, detection: DetectionService): Promise<void> {
  const configured = await db
    .selectFrom('detection_configs')
    .innerJoin('diseases', 'diseases.id', 'detection_configs.disease_id')
    .select('diseases.code')
    .where('diseases.code', '=', 'mpox')
    .executeTakeFirst();
  if (!configured) await detection.updateConfig(systemContext('demo data'), 'mpox', { method: 'ears-c3', metric: 'cases' });
}

export async function hasAnyUser(db: Kysely<Database>): Promise<boolean> {
  return (await countUsers(db)) > 0;
}
