import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { TEST_DATABASES } from '../testing/databases.js';
import { useTestApp } from '../testing/use-test-app.js';
import { buildLoggedInUser, type LoggedIn } from '../testing/factories.js';
import { appendAuditEntry } from './repositories/audit.repository.js';

describe.each(TEST_DATABASES)('audit log: every change recorded in an append-only hash chain ($name)', (database) => {
  const context = useTestApp(database);
  let admin: LoggedIn;
  beforeAll(async () => {
    admin = await buildLoggedInUser(context.app, context.runtime, { role: 'admin' });
  });

  const latest = async (action: string) =>
    (await context.app.inject({ method: 'GET', url: `/api/audit?action=${action}&limit=1`, headers: admin.headers })).json().items[0];

  it('records actor, time, action, target and a before/after summary for each state-changing request', async () => {
    const created = await context.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: admin.headers,
      payload: { name: 'Africa CDC', kind: 'partner_un_agency', country: 'ETH' },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    await context.app.inject({
      method: 'PATCH',
      url: `/api/organisations/${id}`,
      headers: admin.headers,
      payload: { name: 'Africa Centres for Disease Control and Prevention' },
    });
    const entry = await latest('organisation.update');
    expect(entry).toMatchObject({
      actorType: 'session',
      actorLabel: `${admin.user.username} (admin)`,
      targetType: 'organisation',
      targetId: id,
      summary: { before: { name: 'Africa CDC' }, after: { name: 'Africa Centres for Disease Control and Prevention' } },
    });
    expect(entry.requestId).toBeTruthy();
    expect(Date.now() - Date.parse(entry.at)).toBeLessThan(60_000);
  });

  it('records logins, failed logins and focal-point changes, and never stores a password', async () => {
    const nfp = await buildLoggedInUser(context.app, context.runtime, { role: 'nfp', countries: ['KEN'] });
    await context.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: nfp.user.username, password: 'wrong password here' },
    });
    await context.app.inject({
      method: 'PUT',
      url: '/api/countries/KEN/focal-point',
      headers: nfp.headers,
      payload: { name: 'Dr N', email: 'n@example.org' },
    });
    expect((await latest('auth.login')).targetId).toBe(nfp.user.id);
    expect((await latest('auth.login_failed')).summary.username).toBe(nfp.user.username);
    expect(await latest('focal_point.update')).toMatchObject({ targetId: 'KEN', summary: { after: { name: 'Dr N' } } });
    const all = await context.runtime.handle.db.selectFrom('audit_log').select('summary').execute();
    const text = JSON.stringify(all);
    expect(text).not.toContain('password_hash');
    expect(text).not.toContain('$argon2id');
    expect(text).not.toContain('wrong password here');
  });

  it('a refused request records nothing', async () => {
    const count = async () =>
      Number(
        (
          await context.runtime.handle.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    await context.app.inject({ method: 'POST', url: '/api/organisations', headers: admin.headers, payload: { name: '', kind: 'nope' } });
    expect(await count()).toBe(before);
  });

  it('refuses to update or delete an entry at the database level', async () => {
    await expect(sql`UPDATE audit_log SET action = 'x' WHERE seq = 1`.execute(context.runtime.handle.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE seq = 1`.execute(context.runtime.handle.db)).rejects.toThrow(/append-only/);
  });

  it('keeps one unbroken chain when many changes are written at once', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        context.runtime.handle.db.transaction().execute((trx) =>
          appendAuditEntry(trx, {
            at: new Date(),
            actorType: 'system',
            actorId: null,
            actorLabel: 'system',
            action: 'test.concurrent',
            targetType: null,
            targetId: String(i),
            summary: { i, nested: { b: 2, a: [1, 'ü', null] } },
            requestId: null,
          }),
        ),
      ),
    );
    const verify = await context.app.inject({ method: 'GET', url: '/api/audit/verify', headers: admin.headers });
    expect(verify.json()).toMatchObject({ ok: true, firstBroken: null });
    expect(verify.json().checked).toBeGreaterThan(20);
  });

  it('names the first tampered entry when someone with database superuser rights edits the log', async () => {
    const victim = await latest('organisation.update');
    // Only a superuser can switch the guard off: this is the attack the hash chain exists to reveal.
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(context.runtime.handle.db);
    await sql`UPDATE audit_log SET summary = jsonb_set(summary, '{after,name}', '"Someone Else"') WHERE seq = ${victim.seq}`.execute(
      context.runtime.handle.db,
    );
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`.execute(context.runtime.handle.db);
    const verify = (await context.app.inject({ method: 'GET', url: '/api/audit/verify', headers: admin.headers })).json();
    expect(verify.ok).toBe(false);
    expect(verify.checked).toBe(victim.seq - 1);
    expect(verify.firstBroken).toMatchObject({ seq: victim.seq, problem: 'content_hash_mismatch' });
    expect(verify.firstBroken.detail).toContain('organisation.update');
  });
});
