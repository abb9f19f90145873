import type { Services } from '../../services/index.js';
import { pageOf } from './paging.js';
import type { Handlers } from './handler.js';

export function eventHandlers(
  services: Services,
): Handlers<
  | 'listEvents'
  | 'createEvent'
  | 'getEvent'
  | 'updateEvent'
  | 'changeEventStatus'
  | 'linkEventSignals'
  | 'reportEventCounts'
  | 'addSituationUpdate'
  | 'requestVerification'
  | 'listVerificationRequests'
  | 'answerVerification'
  | 'assessAnnex2'
  | 'markNotified'
  | 'assessRisk'
  | 'gradeEvent'
  | 'setResponseAction'
  | 'timeliness717'
> {
  const events = services.events;
  return {
    listEvents: async ({ ctx, query }) => {
      const { limit, offset, ...filter } = query;
      return events.list(ctx, filter, pageOf({ limit, offset }));
    },
    createEvent: async ({ ctx, body }) => events.create(ctx, body),
    getEvent: async ({ ctx, params }) => events.get(ctx, params.id),
    updateEvent: async ({ ctx, params, body }) => events.update(ctx, params.id, body),
    changeEventStatus: async ({ ctx, params, body }) => events.changeStatus(ctx, params.id, body),
    linkEventSignals: async ({ ctx, params, body }) => events.linkSignals(ctx, params.id, body.signals),
    reportEventCounts: async ({ ctx, params, body }) => events.reportCounts(ctx, params.id, body),
    addSituationUpdate: async ({ ctx, params, body }) => events.addSituationUpdate(ctx, params.id, body),
    requestVerification: async ({ ctx, params, body }) => events.requestVerification(ctx, params.id, body),
    listVerificationRequests: async ({ ctx, query }) => {
      const { limit, offset, ...filter } = query;
      return events.listVerificationRequests(ctx, filter, pageOf({ limit, offset }));
    },
    answerVerification: async ({ ctx, params, body }) => events.answerVerification(ctx, params.id, body),
    assessAnnex2: async ({ ctx, params, body }) => events.assessAnnex2(ctx, params.id, body),
    markNotified: async ({ ctx, params, body }) => events.markNotified(ctx, params.id, body),
    assessRisk: async ({ ctx, params, body }) => events.assessRisk(ctx, params.id, body),
    gradeEvent: async ({ ctx, params, body }) => events.grade(ctx, params.id, body),
    setResponseAction: async ({ ctx, params, body }) => events.setResponseAction(ctx, params.id, params.code, body),
    timeliness717: async ({ ctx, query }) => events.timelinessReport(ctx, query),
  };
}
