import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startRuntime } from '../runtime.js';
import { accord, expectOneLineError } from '../testing/run-accord.js';

describe('accord command line', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'accord-cli-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints help for every command', async () => {
    for (const command of [
      [],
      ['serve'],
      ['migrate'],
      ['seed'],
      ['user', 'add'],
      ['token', 'create'],
      ['import'],
      ['dhis2-map'],
      ['audit', 'verify'],
    ]) {
      const outcome = await accord([...command, '--help']);
      expect(outcome.code, command.join(' ')).toBe(0);
      expect(outcome.stdout).toMatch(/^Usage: accord/);
    }
  });

  it('migrates, seeds, adds a user, creates a token and verifies the audit log on the embedded database', async () => {
    const env = { ACCORD_DATA_DIR: dataDir };
    const migrated = await accord(['migrate'], env);
    expect(migrated.stdout).toMatch(/^Applied \d+ migration\(s\) to embedded PGlite database/);
    expect((await accord(['migrate'], env)).stdout).toContain('up to date');
    expect((await accord(['seed', '--demo'], env)).stdout).toContain('Demo data');
    // The demo's weekly series were evaluated on import; an operator re-runs detection over chosen weeks.
    const detected = await accord(
      ['detect', '--db', '--disease', 'mpox', '--country', 'BRA', '--from', '2023-01-02', '--to', '2023-03-27'],
      env,
    );
    expect(detected.code).toBe(0);
    expect(detected.stdout).toMatch(/Run [0-9a-f-]{36} completed: 1 series, weeks 2023-01-02 to 2023-03-27; 13 series-weeks evaluated/);
    const added = await accord(
      ['user', 'add', '--username', 'zanele', '--role', 'nfp', '--country', 'zaf', '--language', 'en'],
      env,
      'a strong password 123\n',
    );
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/Created user zanele \(nfp; ZAF\)/);
    const token = await accord(['token', 'create', '--user', 'zanele', '--name', 'DHIS2 push', '--scope', 'read', 'write'], env);
    expect(token.code).toBe(0);
    expect(token.stdout.trim()).toMatch(/^acc_[A-Za-z0-9_-]{43}$/);
    expect(token.stderr).toContain('not shown again');
    const verified = await accord(['audit', 'verify'], env);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/Audit log intact: \d+ entries verified/);
  }, 180_000);

  it('loads DHIS2 mappings from CSV, naming the line of a bad one and changing nothing', async () => {
    const env = { ACCORD_DATA_DIR: dataDir };
    const elements = join(dataDir, 'elements.csv');
    writeFileSync(
      elements,
      'dataElement,categoryOptionCombo,disease,metric\nf7n9E0hX8qk,,cholera,cases\neY5ehpbEsB7,Prlt0C1RF0s,measles,cases\n',
    );
    const mapped = await accord(['dhis2-map', elements], env);
    expect(mapped.code).toBe(0);
    expect(mapped.stdout).toContain('Mapped 2 data elements to diseases and metrics');
    const units = join(dataDir, 'units.csv');
    writeFileSync(units, 'orgUnit,location\nDiszpKrYNg8,KEN\nO6uvpzGd5pu,KENYA\n');
    expectOneLineError(await accord(['dhis2-map', units], env), /units\.csv line 3: unknown location code "KENYA"/);
  });

  it('refuses bad CLI input with one clear line', async () => {
    const env = { ACCORD_DATA_DIR: dataDir };
    const dupe = await accord(['user', 'add', '--username', 'zanele', '--role', 'nfp', '--country', 'ZAF'], env, 'another password 123\n');
    expectOneLineError(dupe, /username "zanele" is taken/);
    const nfpWithoutCountry = await accord(['user', 'add', '--username', 'x.y', '--role', 'nfp'], env, 'another password 123\n');
    expectOneLineError(nfpWithoutCountry, /must be scoped to one or more named countries/);
    const badCountry = await accord(['user', 'add', '--username', 'q', '--role', 'nfp', '--country', 'Kenya'], env);
    expect(badCountry.code).not.toBe(0);
    expect(badCountry.stderr).toContain('not an ISO 3166-1 alpha-3 code');
    expectOneLineError(
      await accord(['detect', '--db', '--method', 'ears-c1'], env),
      /--db evaluates the stored series .*leave out --method/,
    );
    expectOneLineError(await accord(['detect', '--db', '--to', '2023-03-28'], env), /2023-03-28 is not a Monday/);
    expectOneLineError(await accord(['detect', '--input', 'x.csv'], env), /missing --method, --output/);
    const noUser = await accord(['token', 'create', '--user', 'nobody', '--name', 'x'], env);
    expectOneLineError(noUser, /no user named "nobody"/);
  });

  it('names the first broken entry and exits 1 when the audit log was tampered with', async () => {
    const runtime = await startRuntime({ databaseUrl: null, dataDir });
    // The demo seed loaded the real weekly mpox and daily COVID-19 series (7,058 + 2,920 rows).
    const series = await runtime.handle.db
      .selectFrom('observations as o')
      .innerJoin('diseases as d', 'd.id', 'o.disease_id')
      .select(['d.code', 'o.period_type', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['d.code', 'o.period_type'])
      .orderBy('d.code')
      .execute();
    expect(series.map((r) => ({ ...r, n: Number(r.n) }))).toEqual([
      { code: 'covid19', period_type: 'D', n: 2920 },
      { code: 'mpox', period_type: 'W', n: 7058 },
    ]);
    // The operator's command is recorded as the platform acting, naming the command.
    const byCli = await runtime.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.create')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(byCli).toMatchObject({ actor_type: 'system', actor_label: 'system (accord user add)' });
    const { seq } = await runtime.handle.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'user.create')
      .orderBy('seq')
      .limit(1)
      .executeTakeFirstOrThrow();
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(runtime.handle.db);
    await sql`UPDATE audit_log SET actor_label = 'innocent' WHERE seq = ${seq}`.execute(runtime.handle.db);
    await runtime.close();
    const outcome = await accord(['audit', 'verify'], { ACCORD_DATA_DIR: dataDir });
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toContain(`Audit log BROKEN at entry ${seq} (content_hash_mismatch)`);
  });

  it('refuses bad configuration with one line saying what is wrong and how to fix it', async () => {
    expectOneLineError(await accord(['migrate'], { PORT: 'eighty' }), /PORT="eighty" is not a TCP port/);
    expectOneLineError(await accord(['migrate'], { ACCORD_DATA_DIRR: '/tmp/x' }), /unknown setting ACCORD_DATA_DIRR/);
    expectOneLineError(await accord(['migrate'], { ACCORD_LOG_LEVEL: 'loud' }), /ACCORD_LOG_LEVEL="loud"/);
    expectOneLineError(await accord(['migrate'], { DATABASE_URL: 'mysql://x' }), /DATABASE_URL must start with postgres:\/\//);
    expectOneLineError(
      await accord(['migrate'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/accord' }),
      /cannot reach PostgreSQL at 127\.0\.0\.1:1\/accord \(ECONNREFUSED\); start the server or correct DATABASE_URL/,
    );
  });

  it('refuses a port in use with one clear line', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const outcome = await accord(['serve'], { ACCORD_DATA_DIR: dataDir, PORT: String(port), ACCORD_LOG_LEVEL: 'silent' });
      expectOneLineError(outcome, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`));
    } finally {
      blocker.close();
    }
  });
});
