import { Readable } from 'node:stream';
import type { Services } from '../../services/index.js';
import type { Handlers } from './handler.js';

export function dhis2Handlers(
  services: Services,
): Handlers<
  | 'importDataValueSet'
  | 'exportDataValueSet'
  | 'listDataElementMappings'
  | 'upsertDataElementMappings'
  | 'deleteDataElementMapping'
  | 'listOrgUnitMappings'
  | 'upsertOrgUnitMappings'
  | 'deleteOrgUnitMapping'
> {
  const dhis2 = services.dhis2;
  return {
    importDataValueSet: async ({ ctx, body, query }) => dhis2.importDataValueSet(ctx, body, query),
    exportDataValueSet: async ({ ctx, query, reply }) => {
      const chunks = dhis2.exportDataValueSet(ctx, query);
      // The first chunk is taken before answering, so a bad filter is still a 400/403 problem.
      const first = await chunks.next();
      reply.type('application/json; charset=utf-8');
      return reply.send(Readable.from(prepend(first.done ? '' : first.value, chunks))) as never;
    },
    listDataElementMappings: async () => dhis2.listDataElementMappings(),
    upsertDataElementMappings: async ({ ctx, body }) => dhis2.upsertDataElementMappings(ctx, body),
    deleteDataElementMapping: async ({ ctx, params, query }) => dhis2.deleteDataElementMapping(ctx, params.id, query.categoryOptionCombo),
    listOrgUnitMappings: async ({ ctx, query }) => dhis2.listOrgUnitMappings(ctx, query),
    upsertOrgUnitMappings: async ({ ctx, body }) => dhis2.upsertOrgUnitMappings(ctx, body),
    deleteOrgUnitMapping: async ({ ctx, params }) => dhis2.deleteOrgUnitMapping(ctx, params.id),
  };
}

async function* prepend(first: string, rest: AsyncIterable<string>): AsyncGenerator<string> {
  yield first;
  yield* rest;
}
