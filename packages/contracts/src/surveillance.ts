import { Type, type Static } from '@sinclair/typebox';
import { CountryCodeSchema, StringEnum } from './common.js';
import { IHR_CATEGORIES } from '@accord/core';

/** A name in each of the six UN languages (all required when creating). */
export const SixNames = Type.Object(
  {
    ar: Type.String({ minLength: 1, maxLength: 200 }),
    zh: Type.String({ minLength: 1, maxLength: 200 }),
    en: Type.String({ minLength: 1, maxLength: 200 }),
    fr: Type.String({ minLength: 1, maxLength: 200 }),
    ru: Type.String({ minLength: 1, maxLength: 200 }),
    es: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

const LowerCode = Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,63}$', description: 'lower-case letters, digits, - or _' });
const LocationCode = Type.String({
  pattern: '^[A-Z0-9][A-Z0-9_.-]{0,63}$',
  description: 'upper-case letters, digits, ., - or _ (a country is its ISO3 code; e.g. KEN.NAIROBI for an area)',
});
const Icd11 = Type.String({ pattern: '^[0-9A-Z]{4}(\\.[0-9A-Z]{1,2})?$', description: 'ICD-11 stem code, e.g. 1D84 or 1E30' });
export const IhrCategorySchema = StringEnum(
  IHR_CATEGORIES,
  'IHR Annex 2: always_notify (always notifiable), always_assess (always through the instrument), other',
);

export const DiseaseSchema = Type.Object({
  code: Type.String(),
  names: SixNames,
  icd11: Type.Union([Type.String(), Type.Null()]),
  ihrCategory: IhrCategorySchema,
});
export type DiseaseDto = Static<typeof DiseaseSchema>;

export const CreateDiseaseBody = Type.Object(
  { code: LowerCode, names: SixNames, icd11: Type.Optional(Type.Union([Icd11, Type.Null()])), ihrCategory: IhrCategorySchema },
  { additionalProperties: false },
);
export const UpdateDiseaseBody = Type.Object(
  {
    names: Type.Optional(Type.Partial(SixNames)),
    icd11: Type.Optional(Type.Union([Icd11, Type.Null()])),
    ihrCategory: Type.Optional(IhrCategorySchema),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const MetricSchema = Type.Object({
  code: Type.String(),
  names: SixNames,
  wholeNumbers: Type.Boolean({ description: 'true for counts: values must be whole numbers' }),
});
export type MetricDto = Static<typeof MetricSchema>;

export const CreateMetricBody = Type.Object(
  { code: LowerCode, names: SixNames, wholeNumbers: Type.Boolean() },
  { additionalProperties: false },
);
export const UpdateMetricBody = Type.Object(
  { names: Type.Optional(Type.Partial(SixNames)), wholeNumbers: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);

export const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });

export const PopulationSchema = Type.Object({
  year: Type.Integer({ minimum: 1900, maximum: 2999 }),
  population: Type.Integer({ minimum: 0, maximum: 20_000_000_000 }),
});

export const LocationSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.Integer({ description: '0 country, 1 first sub-national level, 2 second' }),
  parent: Type.Union([Type.String(), Type.Null()]),
  country: CountryCodeSchema,
  populations: Type.Array(PopulationSchema, { description: 'by year, newest first' }),
});
export type LocationDto = Static<typeof LocationSchema>;

export const LocationQuery = Type.Object(
  {
    country: Type.Optional(CountryCodeSchema),
    parent: Type.Optional(Type.String({ maxLength: 64, description: 'only the direct sub-areas of this location' })),
    level: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 })),
  },
  { additionalProperties: false },
);

export const CreateLocationBody = Type.Object(
  {
    code: LocationCode,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    parent: Type.String({ minLength: 1, maxLength: 64, description: 'the country or first-level area it belongs to' }),
    populations: Type.Optional(Type.Array(PopulationSchema, { maxItems: 200 })),
  },
  { additionalProperties: false },
);
export const UpdateLocationBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    populations: Type.Optional(Type.Array(PopulationSchema, { maxItems: 200, description: 'added or replaced by year' })),
  },
  { additionalProperties: false, minProperties: 1 },
);

const PeriodTypeSchema = Type.Union([Type.Literal('week'), Type.Literal('month'), Type.Literal('day')], {
  description: 'week, month or day (series: by default the kind with the most values; map: week by default)',
});

export const SeriesQuery = Type.Object(
  {
    location: Type.String({ minLength: 1, maxLength: 64 }),
    disease: Type.String({ minLength: 1, maxLength: 64 }),
    metric: Type.String({ minLength: 1, maxLength: 64 }),
    /** By default the kind of period with the most values. */
    periodType: Type.Optional(PeriodTypeSchema),
    from: Type.Optional(Type.String({ maxLength: 10, description: 'first period, e.g. 2024-W01' })),
    to: Type.Optional(Type.String({ maxLength: 10, description: 'last period (inclusive)' })),
  },
  { additionalProperties: false },
);

export const SeriesSchema = Type.Object({
  location: Type.String(),
  disease: Type.String(),
  metric: Type.String(),
  periodType: Type.Union([PeriodTypeSchema, Type.Null()], { description: 'the kind of period of the points (null when there are none)' }),
  periodTypes: Type.Array(PeriodTypeSchema, { description: 'every kind of period with values for this choice' }),
  source: Type.Union([Type.Literal('reported'), Type.Literal('sum-of-sub-areas'), Type.Literal('mixed'), Type.Literal('none')], {
    description:
      'reported: every value was sent for this location; sum-of-sub-areas: every value adds up its areas (for periods the location did not report itself); mixed: some of each; none: no data',
  }),
  points: Type.Array(
    Type.Object({
      period: Type.String(),
      value: Type.Number(),
      summed: Type.Boolean({ description: 'true when the value adds up sub-areas because the location sent none for this period' }),
    }),
  ),
});
export type SeriesDto = Static<typeof SeriesSchema>;

export const LatestByCountryQuery = Type.Object(
  {
    disease: Type.String({ minLength: 1, maxLength: 64 }),
    metric: Type.String({ minLength: 1, maxLength: 64 }),
    /** Week by default. */
    periodType: Type.Optional(PeriodTypeSchema),
  },
  { additionalProperties: false },
);

export const LatestByCountrySchema = Type.Object({
  disease: Type.String(),
  metric: Type.String(),
  periodType: PeriodTypeSchema,
  latestPeriod: Type.Union([Type.String(), Type.Null()], { description: 'the most recent period with data for any country' }),
  items: Type.Array(
    Type.Object({
      country: CountryCodeSchema,
      period: Type.String({ description: "the country's most recent period with data" }),
      value: Type.Number({ description: 'its value (the sum of its areas when the country sent none itself for that period)' }),
    }),
  ),
});
export type LatestByCountryDto = Static<typeof LatestByCountrySchema>;
