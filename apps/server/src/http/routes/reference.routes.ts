import type { Services } from '../../services/index.js';
import type { Handlers } from './handler.js';

export function referenceHandlers(services: Services): Handlers<'listCountries' | 'getCountry' | 'getFocalPoint' | 'putFocalPoint'> {
  return {
    listCountries: async ({ reply }) => {
      // Reference data changes only with a release; let browsers and proxies keep it for an hour.
      reply.header('cache-control', 'public, max-age=3600');
      return { items: await services.reference.listCountries() };
    },
    getCountry: async ({ params }) => services.reference.getCountry(params.iso3),
    getFocalPoint: async ({ params }) => services.reference.getFocalPoint(params.iso3),
    putFocalPoint: async ({ ctx, params, body }) => services.reference.putFocalPoint(ctx, params.iso3, body),
  };
}
