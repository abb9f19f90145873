import { Type, type Static } from '@sinclair/typebox';
import { DETECTION_METHODS } from '@accord/core';
import { CountryCodeSchema, IsoDateTime, PageQuery, StringEnum, Uuid } from './common.js';

const Monday = Type.String({ format: 'date', description: 'Monday of an ISO week (YYYY-MM-DD)' });
const DiseaseCode = Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,63}$', description: 'disease code, e.g. cholera' });
const MetricCode = Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,63}$', description: 'metric code, e.g. cases' });
export const DetectionMethodSchema = StringEnum(DETECTION_METHODS, 'detection method, as `accord detect --method`');
const Params = Type.Record(Type.String(), Type.String(), {
  description: 'R\'s control parameters by R\'s names, values as R text (e.g. {"b": "3", "alpha": "0.01"})',
});

export const DetectionConfigSchema = Type.Object({
  disease: Type.String(),
  metric: Type.String({ description: 'the metric whose weekly series are monitored' }),
  method: DetectionMethodSchema,
  params: Params,
  enabled: Type.Boolean(),
  isDefault: Type.Boolean({ description: 'true when the disease has no configuration of its own and uses the default' }),
  updatedAt: Type.Union([IsoDateTime, Type.Null()]),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
});
export type DetectionConfigDto = Static<typeof DetectionConfigSchema>;

export const DiseaseParams = Type.Object({ disease: DiseaseCode }, { additionalProperties: false });

export const UpdateDetectionConfigBody = Type.Object(
  {
    metric: Type.Optional(MetricCode),
    method: DetectionMethodSchema,
    params: Type.Optional(Params),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateDetectionConfigDto = Static<typeof UpdateDetectionConfigBody>;

export const StartDetectionRunBody = Type.Object(
  {
    countries: Type.Optional(Type.Array(CountryCodeSchema, { maxItems: 300, description: 'default: every country in your scope' })),
    diseases: Type.Optional(Type.Array(DiseaseCode, { maxItems: 500, description: 'default: every monitored disease' })),
    /** Default: the same week as `to`. */
    from: Type.Optional(Monday),
    /** Default: the latest week with data. */
    to: Type.Optional(Monday),
  },
  { additionalProperties: false },
);
export type StartDetectionRunDto = Static<typeof StartDetectionRunBody>;

export const DetectionRunSchema = Type.Object({
  id: Uuid,
  createdAt: IsoDateTime,
  finishedAt: Type.Union([IsoDateTime, Type.Null()]),
  actorLabel: Type.String(),
  trigger: Type.String({ description: 'import (after an import batch), manual (web or API) or cli' }),
  importBatchId: Type.Union([Uuid, Type.Null()]),
  status: Type.String({ description: 'running, completed or failed' }),
  countries: Type.Union([Type.Array(Type.String()), Type.Null()]),
  diseases: Type.Union([Type.Array(Type.String()), Type.Null()]),
  from: Type.Union([Type.String(), Type.Null()], { description: 'first week evaluated' }),
  to: Type.Union([Type.String(), Type.Null()], { description: 'last week evaluated' }),
  seriesTotal: Type.Integer(),
  seriesDone: Type.Integer(),
  weeksEvaluated: Type.Integer(),
  alarms: Type.Integer(),
  signalsOpened: Type.Integer(),
  message: Type.Union([Type.String(), Type.Null()]),
});
export type DetectionRunDto = Static<typeof DetectionRunSchema>;

export const DetectionRunListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

export const SIGNAL_STATUSES = ['new', 'accepted', 'dismissed'] as const;
export const SignalStatusSchema = StringEnum(SIGNAL_STATUSES, 'new (awaiting triage), accepted (event candidate) or dismissed');

export const SignalSchema = Type.Object({
  id: Uuid,
  location: Type.String(),
  locationName: Type.String(),
  country: Type.String(),
  disease: Type.String(),
  metric: Type.String(),
  method: Type.String(),
  firstAlarm: Type.String({ description: 'Monday of the first alarm week of the episode' }),
  lastAlarm: Type.String(),
  alarms: Type.Integer({ description: 'alarm weeks in the episode' }),
  peakWeek: Type.String(),
  peakObserved: Type.Number(),
  peakExpected: Type.Union([Type.Number(), Type.Null()]),
  peakUpperbound: Type.Union([Type.Number(), Type.Null()]),
  score: Type.Number({ description: 'rank: peak count ÷ its threshold (a threshold below 1 counts as 1)' }),
  ongoing: Type.Boolean({ description: 'fewer than three evaluated quiet weeks since the last alarm' }),
  status: SignalStatusSchema,
  decidedAt: Type.Union([IsoDateTime, Type.Null()]),
  decidedBy: Type.Union([Type.String(), Type.Null()]),
  decisionNote: Type.Union([Type.String(), Type.Null()]),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type SignalDto = Static<typeof SignalSchema>;

export const SignalListQuery = Type.Object(
  {
    status: Type.Optional(SignalStatusSchema),
    country: Type.Optional(CountryCodeSchema),
    disease: Type.Optional(DiseaseCode),
    ongoing: Type.Optional(Type.Boolean()),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const DetectionWeekSchema = Type.Object({
  week: Type.String({ description: 'Monday of the ISO week' }),
  observed: Type.Union([Type.Number(), Type.Null()]),
  expected: Type.Union([Type.Number(), Type.Null()]),
  upperbound: Type.Union([Type.Number(), Type.Null()]),
  alarm: Type.Union([Type.Boolean(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()], { description: 'why a week has no result: no_count or too_little_history' }),
});
export type DetectionWeekDto = Static<typeof DetectionWeekSchema>;

export const SignalDetailSchema = Type.Object({
  signal: SignalSchema,
  weeks: Type.Array(DetectionWeekSchema, {
    description: 'the series around the episode: observed counts of every week, and the stored result where the week was evaluated',
  }),
});
export type SignalDetailDto = Static<typeof SignalDetailSchema>;

export const TriageSignalBody = Type.Object(
  {
    decision: StringEnum(['accept', 'dismiss'] as const, 'accept as an event candidate, or dismiss (a reason is required)'),
    note: Type.Optional(Type.String({ maxLength: 2000, description: 'why; required to dismiss' })),
  },
  { additionalProperties: false },
);
export type TriageSignalDto = Static<typeof TriageSignalBody>;
