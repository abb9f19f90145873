import type { Services } from '../../services/index.js';
import type { Handlers } from './handler.js';

export function surveillanceReferenceHandlers(
  services: Services,
): Handlers<
  | 'listDiseases'
  | 'createDisease'
  | 'updateDisease'
  | 'listMetrics'
  | 'createMetric'
  | 'updateMetric'
  | 'listLocations'
  | 'createLocation'
  | 'updateLocation'
> {
  const reference = services.surveillanceReference;
  return {
    listDiseases: async () => reference.listDiseases(),
    createDisease: async ({ ctx, body }) => reference.createDisease(ctx, body),
    updateDisease: async ({ ctx, params, body }) => reference.updateDisease(ctx, params.code, body),
    listMetrics: async () => reference.listMetrics(),
    createMetric: async ({ ctx, body }) => reference.createMetric(ctx, body),
    updateMetric: async ({ ctx, params, body }) => reference.updateMetric(ctx, params.code, body),
    listLocations: async ({ query }) => reference.listLocations(query),
    createLocation: async ({ ctx, body }) => reference.createLocation(ctx, body),
    updateLocation: async ({ ctx, params, body }) => reference.updateLocation(ctx, params.code, body),
  };
}
