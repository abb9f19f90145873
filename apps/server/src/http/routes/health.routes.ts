import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../db/database.js';
import { pendingMigrations } from '../../db/migrate.js';
import { buildProblem, sendProblem } from '../plugins/problem.js';

const Health = Type.Object({ status: Type.Literal('ok') });
const Ready = Type.Object({ status: Type.Literal('ready'), database: Type.String() });

/** Liveness (the process answers) and readiness (the database answers and its schema is current). */
export function registerHealthRoutes(app: FastifyInstance, handle: DatabaseHandle): void {
  app.get(
    '/healthz',
    { config: { access: { public: true } }, schema: { summary: 'Liveness', tags: ['system'], response: { 200: Health } } },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      config: { access: { public: true } },
      schema: {
        summary: 'Readiness: database reachable and migrated',
        tags: ['system'],
        response: { 200: Ready, '5xx': { $ref: 'Problem#' } },
      },
    },
    async (_request, reply) => {
      try {
        await sql`SELECT 1`.execute(handle.db);
        const pending = await pendingMigrations(handle);
        if (pending.length > 0) {
          return sendProblem(reply, buildProblem('not_ready', `migrations not applied yet: ${pending.join(', ')}; run "accord migrate"`));
        }
        return { status: 'ready' as const, database: handle.location.kind };
      } catch (error) {
        return sendProblem(reply, buildProblem('not_ready', `the database does not answer (${(error as Error).message})`));
      }
    },
  );
}
