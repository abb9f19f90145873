import type { Services } from '../../services/index.js';
import { pageOf } from './paging.js';
import type { Handlers } from './handler.js';

export function adminHandlers(
  services: Services,
): Handlers<
  | 'listUsers'
  | 'getUser'
  | 'createUser'
  | 'updateUser'
  | 'listOrganisations'
  | 'createOrganisation'
  | 'updateOrganisation'
  | 'listAudit'
  | 'verifyAudit'
> {
  return {
    listUsers: async ({ query }) =>
      services.users.list({ ...(query.role ? { role: query.role } : {}), ...(query.q ? { q: query.q } : {}) }, pageOf(query)),
    getUser: async ({ params }) => services.users.get(params.id),
    createUser: async ({ ctx, body }) => services.users.create(ctx, body),
    updateUser: async ({ ctx, params, body }) => services.users.update(ctx, params.id, body),
    listOrganisations: async ({ query }) => services.reference.listOrganisations(pageOf(query)),
    createOrganisation: async ({ ctx, body }) => services.reference.createOrganisation(ctx, body),
    updateOrganisation: async ({ ctx, params, body }) => services.reference.updateOrganisation(ctx, params.id, body),
    listAudit: async ({ query }) => {
      const { limit: _l, offset: _o, ...filter } = query;
      return services.audit.list(filter, pageOf(query));
    },
    verifyAudit: async () => services.audit.verify(),
  };
}
