import type { Services } from '../../services/index.js';
import { pageOf } from './paging.js';
import type { Handlers } from './handler.js';

export function detectionHandlers(
  services: Services,
): Handlers<
  | 'listDetectionConfigs'
  | 'updateDetectionConfig'
  | 'startDetectionRun'
  | 'listDetectionRuns'
  | 'getDetectionRun'
  | 'listSignals'
  | 'getSignal'
  | 'triageSignal'
> {
  const detection = services.detection;
  return {
    listDetectionConfigs: async () => ({ items: await detection.listConfigs() }),
    updateDetectionConfig: async ({ ctx, params, body }) => detection.updateConfig(ctx, params.disease, body),
    startDetectionRun: async ({ ctx, body }) => detection.startRun(ctx, body),
    listDetectionRuns: async ({ ctx, query }) => detection.listRuns(ctx, pageOf(query)),
    getDetectionRun: async ({ ctx, params }) => detection.getRun(ctx, params.id),
    listSignals: async ({ ctx, query }) => {
      const { limit, offset, ...filter } = query;
      return detection.listSignals(ctx, filter, pageOf({ limit, offset }));
    },
    getSignal: async ({ ctx, params }) => detection.getSignal(ctx, params.id),
    triageSignal: async ({ ctx, params, body }) => detection.triageSignal(ctx, params.id, body),
  };
}
