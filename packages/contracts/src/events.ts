import { Type, type Static } from '@sinclair/typebox';
import {
  ANNEX2_ANSWERS,
  ANNEX2_CRITERIA,
  CONFIDENCE_LEVELS,
  CONSEQUENCES,
  EARLY_RESPONSE_ACTIONS,
  EVENT_SOURCE_KINDS,
  EVENT_STATUSES,
  EVENT_UPDATE_KINDS,
  GRADES,
  GRADING_CRITERIA,
  LIKELIHOODS,
  RISK_LEVELS,
  RISK_SCALES,
  VERIFICATION_ANSWERS,
  VISIBILITY_LEVELS,
  WHO_REGIONS,
} from '@accord/core';
import { CountryCodeSchema, IsoDateTime, PageQuery, StringEnum, Uuid } from './common.js';
import { SignalSchema } from './detection.js';

const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const DiseaseCode = Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,63}$', description: 'disease code, e.g. cholera' });
const Text = (maxLength: number, description?: string) => Type.String({ maxLength, ...(description ? { description } : {}) });

export const EventStatusSchema = StringEnum(EVENT_STATUSES, 'under_verification → verified or discarded → monitoring → closed');
export const EventSourceKindSchema = StringEnum(EVENT_SOURCE_KINDS, 'how the event became known');
export const GradeSchema = StringEnum(GRADES, 'WHO grade (Emergency Response Framework)');
export const RiskLevelSchema = StringEnum(RISK_LEVELS);
export const VisibilityLevelSchema = StringEnum(
  VISIBILITY_LEVELS,
  'who_internal (WHO only), restricted (named countries and organisations), states_parties (every National Focal Point), public',
);

export const VisibilitySchema = Type.Object(
  {
    level: VisibilityLevelSchema,
    countries: Type.Optional(
      Type.Array(CountryCodeSchema, { maxItems: 300, description: 'restricted: countries whose focal points may see it' }),
    ),
    organisations: Type.Optional(Type.Array(Uuid, { maxItems: 300, description: 'restricted: organisations whose members may see it' })),
  },
  { additionalProperties: false },
);
export type VisibilityDto = Static<typeof VisibilitySchema>;

const VisibilityOut = Type.Object({
  level: VisibilityLevelSchema,
  countries: Type.Array(Type.String()),
  organisations: Type.Array(Type.String()),
});

export const EventSchema = Type.Object({
  id: Uuid,
  number: Type.Integer({ description: 'short number for speaking of the event' }),
  title: Type.String(),
  disease: Nullable(Type.String({ description: 'disease code; null when the hazard is an agent in words or unknown' })),
  hazard: Nullable(Type.String()),
  countries: Type.Array(Type.String()),
  sourceKind: EventSourceKindSchema,
  status: EventStatusSchema,
  visibility: VisibilityOut,
  dateEmergence: Nullable(Type.String()),
  dateDetection: Type.String(),
  dateNotification: Nullable(Type.String()),
  grade: GradeSchema,
  riskLevel: Nullable(RiskLevelSchema),
  publishedAt: Nullable(IsoDateTime),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Type.Integer({ description: 'send it back with an edit: a stale version is refused (409)' }),
});
export type EventDto = Static<typeof EventSchema>;

export const EventListQuery = Type.Object(
  {
    status: Type.Optional(EventStatusSchema),
    country: Type.Optional(CountryCodeSchema),
    region: Type.Optional(StringEnum(WHO_REGIONS)),
    disease: Type.Optional(DiseaseCode),
    grade: Type.Optional(GradeSchema),
    visibility: Type.Optional(VisibilityLevelSchema),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'words in the title' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

const EventFields = {
  title: Type.String({ minLength: 1, maxLength: 300 }),
  description: Type.Optional(Text(20_000)),
  disease: Type.Optional(Nullable(DiseaseCode)),
  hazard: Type.Optional(Nullable(Text(300, 'the agent or a description when the disease is not (yet) known'))),
  countries: Type.Array(CountryCodeSchema, { minItems: 1, maxItems: 300 }),
  locations: Type.Optional(
    Type.Array(Type.String({ maxLength: 100 }), { maxItems: 500, description: 'location codes within the countries' }),
  ),
  sourceKind: EventSourceKindSchema,
  sourceText: Type.Optional(Nullable(Text(5000, 'the news item, rumour or report the event came from'))),
  sourceUrl: Type.Optional(Nullable(Type.String({ maxLength: 2000, format: 'uri' }))),
  dateEmergence: Type.Optional(Nullable(IsoDate)),
  dateDetection: Type.Optional(IsoDate),
  visibility: VisibilitySchema,
};

export const CreateEventBody = Type.Object(
  {
    ...EventFields,
    countries: Type.Optional(Type.Array(CountryCodeSchema, { minItems: 1, maxItems: 300, description: "default: the signals' countries" })),
    sourceKind: Type.Optional(EventSourceKindSchema),
    signals: Type.Optional(
      Type.Array(Uuid, { maxItems: 100, description: 'signals this event is made from (they become accepted and linked)' }),
    ),
  },
  { additionalProperties: false },
);
export type CreateEventDto = Static<typeof CreateEventBody>;

export const UpdateEventBody = Type.Object(
  {
    version: Type.Integer({ description: 'the version you read' }),
    title: Type.Optional(EventFields.title),
    description: EventFields.description,
    disease: EventFields.disease,
    hazard: EventFields.hazard,
    countries: Type.Optional(EventFields.countries),
    locations: EventFields.locations,
    sourceKind: Type.Optional(EventSourceKindSchema),
    sourceText: EventFields.sourceText,
    sourceUrl: EventFields.sourceUrl,
    dateEmergence: EventFields.dateEmergence,
    dateDetection: EventFields.dateDetection,
    visibility: Type.Optional(VisibilitySchema),
  },
  { additionalProperties: false },
);
export type UpdateEventDto = Static<typeof UpdateEventBody>;

export const ChangeEventStatusBody = Type.Object(
  {
    version: Type.Integer(),
    status: EventStatusSchema,
    reason: Type.Optional(Text(2000, 'required to discard, close or reopen')),
  },
  { additionalProperties: false },
);
export type ChangeEventStatusDto = Static<typeof ChangeEventStatusBody>;

export const LinkSignalsBody = Type.Object({ signals: Type.Array(Uuid, { minItems: 1, maxItems: 100 }) }, { additionalProperties: false });

export const ReportCountsBody = Type.Object(
  {
    reportedOn: IsoDate,
    cases: Type.Integer({ minimum: 0, description: 'cumulative cases as of reportedOn' }),
    deaths: Type.Integer({ minimum: 0, description: 'cumulative deaths as of reportedOn' }),
    note: Type.Optional(Text(2000)),
  },
  { additionalProperties: false },
);
export type ReportCountsDto = Static<typeof ReportCountsBody>;

export const SituationUpdateBody = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 20_000 }),
    visibility: Type.Optional(VisibilitySchema),
  },
  { additionalProperties: false },
);
export type SituationUpdateDto = Static<typeof SituationUpdateBody>;

export const RequestVerificationBody = Type.Object(
  {
    country: Type.Optional(CountryCodeSchema),
    question: Type.String({ minLength: 1, maxLength: 5000 }),
    dueAt: Type.Optional(IsoDateTime),
  },
  { additionalProperties: false },
);
export type RequestVerificationDto = Static<typeof RequestVerificationBody>;

export const AnswerVerificationBody = Type.Object(
  {
    answer: StringEnum(VERIFICATION_ANSWERS, 'confirmed, not_confirmed, or under_investigation'),
    text: Type.String({ minLength: 1, maxLength: 20_000 }),
  },
  { additionalProperties: false },
);
export type AnswerVerificationDto = Static<typeof AnswerVerificationBody>;

export const VerificationRequestSchema = Type.Object({
  id: Uuid,
  eventId: Uuid,
  eventNumber: Type.Integer(),
  eventTitle: Type.String(),
  country: Type.String(),
  question: Type.String(),
  sentAt: IsoDateTime,
  sentBy: Type.String(),
  dueAt: IsoDateTime,
  remindAt: IsoDateTime,
  remindedAt: Nullable(IsoDateTime),
  escalatedAt: Nullable(IsoDateTime),
  answer: Nullable(Type.String()),
  answerText: Nullable(Type.String()),
  answeredAt: Nullable(IsoDateTime),
  answeredBy: Nullable(Type.String()),
  state: StringEnum(['awaiting', 'reminder_due', 'overdue', 'answered', 'answered_late'] as const),
});
export type VerificationRequestDto = Static<typeof VerificationRequestSchema>;

export const VerificationListQuery = Type.Object(
  { open: Type.Optional(Type.Boolean({ description: 'only requests not yet answered' })), ...PageQuery },
  { additionalProperties: false },
);

const Annex2AnswerSchema = StringEnum(ANNEX2_ANSWERS);
const CriterionOverride = Type.Object(
  { value: Annex2AnswerSchema, justification: Type.String({ maxLength: 5000 }) },
  { additionalProperties: false },
);
export const Annex2Body = Type.Object(
  {
    country: Type.Optional(CountryCodeSchema),
    hasHumanCase: Type.Boolean({ description: 'a human case meeting the WHO case definition' }),
    subAnswers: Type.Record(Type.String({ pattern: '^[1-4]\\.[1-4]$' }), Annex2AnswerSchema, {
      description: 'answers to the guiding questions 1.1 … 4.4',
    }),
    overrides: Type.Optional(
      Type.Partial(
        Type.Object(
          Object.fromEntries(ANNEX2_CRITERIA.map((c) => [c, CriterionOverride])) as Record<
            (typeof ANNEX2_CRITERIA)[number],
            typeof CriterionOverride
          >,
          { additionalProperties: false },
        ),
        {
          description: 'a criterion answered differently from its guiding questions, with the written justification',
        },
      ),
    ),
    note: Type.Optional(Text(5000)),
  },
  { additionalProperties: false },
);
export type Annex2Dto = Static<typeof Annex2Body>;

export const Annex2AssessmentSchema = Type.Object({
  id: Uuid,
  version: Type.Integer(),
  country: Type.String(),
  group: Type.String(),
  hasHumanCase: Type.Boolean(),
  subAnswers: Type.Record(Type.String(), Type.String()),
  overrides: Type.Record(Type.String(), Type.Object({ value: Type.String(), justification: Type.String() })),
  criteria: Type.Record(Type.String(), Type.String()),
  outcome: StringEnum(['notify', 'not_notified_reassess'] as const),
  reason: Type.String(),
  criteriaMet: Type.Array(Type.String()),
  note: Nullable(Type.String()),
  assessedAt: IsoDateTime,
  dueAt: Nullable(IsoDateTime),
  assessedBy: Type.String(),
});

export const IhrNotificationSchema = Type.Object({
  id: Uuid,
  country: Type.String(),
  assessmentId: Uuid,
  dueAt: IsoDateTime,
  notifiedAt: Nullable(IsoDateTime),
  notifiedBy: Nullable(Type.String()),
  late: Type.Boolean({ description: 'notified after the deadline, or not notified and the deadline has passed' }),
});

export const MarkNotifiedBody = Type.Object({ notifiedAt: Type.Optional(IsoDateTime) }, { additionalProperties: false });

export const RiskAssessmentBody = Type.Object(
  {
    scale: StringEnum(RISK_SCALES),
    hazardText: Type.Optional(Text(10_000)),
    exposureText: Type.Optional(Text(10_000)),
    contextText: Type.Optional(Text(10_000)),
    likelihood: StringEnum(LIKELIHOODS),
    likelihoodRationale: Type.String({ maxLength: 10_000 }),
    consequences: StringEnum(CONSEQUENCES),
    consequencesRationale: Type.String({ maxLength: 10_000 }),
    confidence: StringEnum(CONFIDENCE_LEVELS),
    nextReviewDue: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);
export type RiskAssessmentInputDto = Static<typeof RiskAssessmentBody>;

export const RiskAssessmentSchema = Type.Object({
  id: Uuid,
  scale: Type.String(),
  version: Type.Integer(),
  hazardText: Type.String(),
  exposureText: Type.String(),
  contextText: Type.String(),
  likelihood: Type.String(),
  likelihoodRationale: Type.String(),
  consequences: Type.String(),
  consequencesRationale: Type.String(),
  level: RiskLevelSchema,
  confidence: Type.String(),
  matrixVersion: Type.String(),
  nextReviewDue: Nullable(Type.String()),
  assessedAt: IsoDateTime,
  assessedBy: Type.String(),
});

export const GradingBody = Type.Object(
  {
    grade: GradeSchema,
    gradedOn: IsoDate,
    rationale: Type.String({ maxLength: 10_000 }),
    criteria: Type.Optional(
      Type.Partial(
        Type.Object(
          Object.fromEntries(GRADING_CRITERIA.map((c) => [c, Type.String({ maxLength: 5000 })])) as Record<
            (typeof GRADING_CRITERIA)[number],
            ReturnType<typeof Type.String>
          >,
          {
            additionalProperties: false,
            description: 'a note on each criterion considered',
          },
        ),
      ),
    ),
    triggeringAnalysisAt: Type.Optional(IsoDateTime),
    overrideProtractedRule: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type GradingInputDto = Static<typeof GradingBody>;

export const GradingSchema = Type.Object({
  id: Uuid,
  grade: GradeSchema,
  gradedOn: Type.String(),
  rationale: Type.String(),
  criteria: Type.Record(Type.String(), Type.String()),
  triggeringAnalysisAt: Nullable(IsoDateTime),
  dueAt: Nullable(IsoDateTime),
  late: Type.Boolean({ description: 'recorded more than 24 hours after the analysis that called for it' }),
  reviewDue: Type.String(),
  recordedAt: IsoDateTime,
  recordedBy: Type.String(),
});

export const ResponseActionBody = Type.Object(
  {
    applicable: Type.Boolean(),
    dateCompleted: Nullable(IsoDate),
  },
  { additionalProperties: false },
);
export const ResponseActionParams = Type.Object({ id: Uuid, code: StringEnum(EARLY_RESPONSE_ACTIONS) }, { additionalProperties: false });

const Interval = Type.Object({ days: Nullable(Type.Integer()), status: StringEnum(['met', 'missed', 'pending'] as const) });
export const TimelinessSchema = Type.Object({
  dateEarlyResponseInitiation: Nullable(Type.String()),
  dateEarlyResponseCompletion: Nullable(Type.String()),
  detect: Interval,
  notify: Interval,
  respond: Interval,
  all717: Nullable(Type.Boolean()),
  bottleneck: Nullable(StringEnum(['detect', 'notify', 'respond'] as const, 'the first interval that missed its target')),
  problem: Nullable(Type.String({ description: 'why the timeline cannot be measured (e.g. dates out of order)' })),
});

export const EventUpdateSchema = Type.Object({
  id: Uuid,
  seq: Type.Integer(),
  at: IsoDateTime,
  kind: StringEnum(EVENT_UPDATE_KINDS),
  actor: Type.String(),
  details: Type.Record(Type.String(), Type.Unknown()),
  visibility: VisibilityOut,
});
export type EventUpdateDto = Static<typeof EventUpdateSchema>;

export const EventDetailSchema = Type.Object({
  event: EventSchema,
  description: Type.String(),
  sourceText: Nullable(Type.String()),
  sourceUrl: Nullable(Type.String()),
  locations: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), country: Type.String() })),
  signals: Type.Array(SignalSchema),
  counts: Type.Array(
    Type.Object({ reportedOn: Type.String(), cases: Type.Integer(), deaths: Type.Integer(), note: Nullable(Type.String()) }),
  ),
  updates: Type.Array(EventUpdateSchema),
  verificationRequests: Type.Array(VerificationRequestSchema),
  annex2Assessments: Type.Array(Annex2AssessmentSchema),
  notifications: Type.Array(IhrNotificationSchema),
  riskAssessments: Type.Array(RiskAssessmentSchema),
  gradings: Type.Array(GradingSchema),
  responseActions: Type.Array(Type.Object({ code: Type.String(), applicable: Type.Boolean(), dateCompleted: Nullable(Type.String()) })),
  timeliness: TimelinessSchema,
  allowedNextStatuses: Type.Array(EventStatusSchema),
  /** What the reader may do with this event: the web shows only the forms that will be accepted. */
  permissions: Type.Object({
    edit: Type.Boolean(),
    requestVerification: Type.Boolean(),
    answerVerification: Type.Boolean(),
    assessAnnex2: Type.Boolean(),
    assessRisk: Type.Boolean(),
    grade: Type.Boolean(),
  }),
});
export type EventDetailDto = Static<typeof EventDetailSchema>;

export const TimelinessQuery = Type.Object(
  {
    groupBy: StringEnum(['country', 'region', 'year'] as const, 'aggregate per country, WHO region or year of detection'),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);

const ProportionMet = Type.Object({
  met: Type.Integer(),
  assessed: Type.Integer({ description: 'events whose outcome is known (met or missed)' }),
  proportion: Nullable(Type.Number()),
});
export const TimelinessReportSchema = Type.Object({
  groupBy: Type.String(),
  groups: Type.Array(
    Type.Object({
      key: Type.String(),
      events: Type.Integer(),
      detect: ProportionMet,
      notify: ProportionMet,
      respond: ProportionMet,
      all717: ProportionMet,
      medianDays: Type.Object({ detect: Nullable(Type.Number()), notify: Nullable(Type.Number()), respond: Nullable(Type.Number()) }),
      bottleneck: Nullable(Type.String({ description: 'the interval missed most often' })),
    }),
  ),
});
export type TimelinessReportDto = Static<typeof TimelinessReportSchema>;
