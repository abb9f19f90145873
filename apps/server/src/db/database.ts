import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { StartupError } from '../startup-error.js';
import { PGliteDialect } from './pglite-dialect.js';
import type { Database } from './schema.js';

// 64-bit integers (counts, audit sequence numbers) stay far below 2^53: read them as numbers, as PGlite does.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// Calendar dates (periods) stay 'YYYY-MM-DD' text: a JavaScript Date would shift them by the time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
const PGLITE_OPTIONS = { parsers: { [pg.types.builtins.DATE]: (value: string) => value } };

export type DatabaseLocation = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string | null };

export interface DatabaseHandle {
  db: Kysely<Database>;
  location: DatabaseLocation;
  /** Human description for logs and messages, with any password removed. */
  description: string;
  /** Runs a multi-statement SQL script in one transaction (used by migrations). */
  runScript(script: string): Promise<void>;
  /**
   * Runs `work` on one connection held for its whole duration (temporary tables live there), with a
   * bulk loader: `copyCsv` feeds CSV text to `COPY … FROM` on that connection. The caller manages
   * the transaction (BEGIN/COMMIT through `session.db`).
   */
  withBulkSession<T>(work: (session: BulkSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface BulkSession {
  /** Queries on the session's own connection. */
  db: Kysely<Database>;
  /** `COPY table (columns) FROM` with the given CSV text (no header). */
  copyCsv(table: string, columns: readonly string[], csv: string): Promise<void>;
  /**
   * A COPY kept open while CSV text is written to it, so the database takes rows while the caller
   * reads more. The session runs nothing else until it is ended.
   */
  openCopy(table: string, columns: readonly string[]): CopyWriter;
}

export interface CopyWriter {
  /** Resolves at once unless the database is behind (then when it has caught up). */
  write(csv: string): Promise<void>;
  end(): Promise<void>;
}

/** On PGlite, where COPY takes a whole blob, text is gathered and copied in pieces of this size. */
const PGLITE_COPY_PIECE_CHARS = 4 * 1024 * 1024;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
function copyStatement(table: string, columns: readonly string[], source: string): string {
  for (const name of [table, ...columns]) {
    if (!IDENTIFIER.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  }
  return `COPY ${table} (${columns.join(', ')}) FROM ${source} WITH (FORMAT csv)`;
}

export function describeLocation(location: DatabaseLocation): string {
  if (location.kind === 'pglite') {
    return location.dataDir ? `embedded PGlite database in ${location.dataDir}` : 'in-memory PGlite database';
  }
  try {
    const url = new URL(location.url);
    return `PostgreSQL at ${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL)';
  }
}

export async function openDatabase(location: DatabaseLocation): Promise<DatabaseHandle> {
  return location.kind === 'pglite' ? openPGlite(location) : openPostgres(location);
}

async function openPGlite(location: { kind: 'pglite'; dataDir: string | null }): Promise<DatabaseHandle> {
  let pglite: PGlite;
  if (location.dataDir) {
    const dir = resolve(location.dataDir);
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new StartupError(
        `cannot create the data folder ${dir} (${(error as Error).message}); set ACCORD_DATA_DIR to a writable folder`,
      );
    }
    try {
      pglite = await PGlite.create(dir, PGLITE_OPTIONS);
    } catch (error) {
      throw new StartupError(
        `cannot open the embedded database in ${dir} (${(error as Error).message}); is another Accord process using it? Stop it or set ACCORD_DATA_DIR to another folder`,
      );
    }
  } else {
    pglite = await PGlite.create(PGLITE_OPTIONS);
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    location,
    description: describeLocation(location),
    async runScript(script) {
      // Holding Kysely's connection keeps every other query of this process waiting meanwhile.
      await db.connection().execute(async () => {
        await pglite.exec('BEGIN');
        try {
          await pglite.exec(script);
          await pglite.exec('COMMIT');
        } catch (error) {
          await pglite.exec('ROLLBACK');
          throw error;
        }
      });
    },
    async withBulkSession(work) {
      return db.connection().execute(async (conn) => {
        try {
          return await work({
            db: conn,
            // The connection is held by this session, so talking to PGlite directly cannot interleave with others.
            async copyCsv(table, columns, csv) {
              await pglite.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob([csv]) });
            },
            openCopy(table, columns) {
              const statement = copyStatement(table, columns, "'/dev/blob'");
              let pending: string[] = [];
              let size = 0;
              const flush = async () => {
                if (size === 0) return;
                const blob = new Blob(pending);
                pending = [];
                size = 0;
                await pglite.query(statement, [], { blob });
              };
              return {
                async write(csv) {
                  pending.push(csv);
                  size += csv.length;
                  if (size >= PGLITE_COPY_PIECE_CHARS) await flush();
                },
                end: flush,
              };
            },
          });
        } catch (error) {
          await pglite.exec('ROLLBACK').catch(() => undefined);
          throw error;
        }
      });
    },
    async close() {
      await db.destroy();
      await pglite.close();
    },
  };
}

async function openPostgres(location: { kind: 'postgres'; url: string }): Promise<DatabaseHandle> {
  const description = describeLocation(location);
  const pool = new pg.Pool({ connectionString: location.url, max: 10, connectionTimeoutMillis: 5000 });
  // An idle client that loses its server must not crash the process.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    const reason = (error as { code?: string; message: string }).code ?? (error as Error).message;
    throw new StartupError(
      `cannot reach ${description} (${reason}); start the server or correct DATABASE_URL (postgres://user:password@host:port/database)`,
    );
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    location,
    description,
    async runScript(script) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(script);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async withBulkSession(work) {
      const client = await pool.connect();
      // A Kysely bound to this one client, so every query of the session shares its temporary tables.
      // Queries on the one client run one after another (pg deprecates queuing them on a busy client).
      let previous: Promise<unknown> = Promise.resolve();
      const query = ((...args: Parameters<pg.PoolClient['query']>) => {
        const run = previous.then(() => (client.query as (...a: unknown[]) => Promise<unknown>)(...args));
        previous = run.catch(() => undefined);
        return run;
      }) as pg.PoolClient['query'];
      const sessionDb = new Kysely<Database>({
        dialect: new PostgresDialect({
          pool: {
            connect: async () => ({ query, release: () => undefined }),
            end: async () => undefined,
          },
        }),
      });
      try {
        return await work({
          db: sessionDb,
          async copyCsv(table, columns, csv) {
            const stream = client.query(copyFrom(copyStatement(table, columns, 'STDIN')));
            await pipeline(Readable.from([csv]), stream);
          },
          openCopy(table, columns) {
            const stream = client.query(copyFrom(copyStatement(table, columns, 'STDIN')));
            let failure: Error | null = null;
            stream.on('error', (error: Error) => (failure = error));
            return {
              async write(csv) {
                if (failure) throw failure;
                if (!stream.write(csv)) {
                  // Wait for the database to catch up, or for the error that stops it.
                  await new Promise<void>((resolve) => {
                    const done = () => {
                      stream.off('drain', done);
                      stream.off('error', done);
                      resolve();
                    };
                    stream.once('drain', done);
                    stream.once('error', done);
                  });
                  if (failure) throw failure;
                }
              },
              async end() {
                stream.end();
                await finished(stream).catch((error: Error) => (failure ??= error));
                if (failure) throw failure;
              },
            };
          },
        });
      } catch (error) {
        // Leave no transaction open on a connection that goes back to the pool.
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await db.destroy();
    },
  };
}
