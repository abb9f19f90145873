import { Type, type Static } from '@sinclair/typebox';
import { CountryCodeSchema } from './common.js';

/**
 * DHIS2 compatibility. Payloads follow DHIS2's documented dataValueSets JSON, so fields DHIS2 sends
 * that Accord does not use (comment, followup, storedBy…) are accepted and ignored rather than refused.
 */

const Dhis2Id = Type.String({ minLength: 1, maxLength: 255, description: 'a DHIS2 identifier as the client sends it (UID or code)' });
const Loose = { additionalProperties: true } as const;

export const Dhis2DataValueSchema = Type.Object(
  {
    dataElement: Type.Optional(Type.String({ maxLength: 255 })),
    period: Type.Optional(Type.String({ maxLength: 32, description: 'DHIS2 period: 2024W5, 202403 or 20240315' })),
    orgUnit: Type.Optional(Type.String({ maxLength: 255 })),
    categoryOptionCombo: Type.Optional(Type.String({ maxLength: 255 })),
    attributeOptionCombo: Type.Optional(Type.String({ maxLength: 255 })),
    value: Type.Optional(Type.Union([Type.String({ maxLength: 255 }), Type.Number(), Type.Null()])),
    deleted: Type.Optional(Type.Boolean()),
  },
  Loose,
);

export const Dhis2DataValueSetBody = Type.Object(
  {
    dataSet: Type.Optional(Type.String({ maxLength: 255 })),
    period: Type.Optional(Type.String({ maxLength: 32, description: 'applies to every value that has none' })),
    orgUnit: Type.Optional(Type.String({ maxLength: 255, description: 'applies to every value that has none' })),
    attributeOptionCombo: Type.Optional(Type.String({ maxLength: 255 })),
    dataValues: Type.Array(Dhis2DataValueSchema, { maxItems: 1_000_000 }),
  },
  Loose,
);
export type Dhis2DataValueSetInput = Static<typeof Dhis2DataValueSetBody>;

export const Dhis2ImportQuery = Type.Object(
  {
    dryRun: Type.Optional(Type.Boolean({ default: false, description: 'check and count, change nothing' })),
    importStrategy: Type.Optional(
      Type.String({ description: 'CREATE_AND_UPDATE (default), CREATE, UPDATE or DELETE, as in DHIS2', maxLength: 32 }),
    ),
    atomicMode: Type.Optional(
      Type.String({ maxLength: 8, description: 'ALL: refuse the whole payload if any value is bad; NONE (default)' }),
    ),
  },
  { ...Loose, description: 'other DHIS2 import options (idScheme, skipAudit, async…) are accepted and ignored' },
);

export const Dhis2ConflictSchema = Type.Object({
  object: Type.String({ description: 'the identifier or value in conflict' }),
  objects: Type.Record(Type.String(), Type.String()),
  property: Type.String({ description: 'dataElement, orgUnit, period, categoryOptionCombo, value…' }),
  value: Type.String({ description: 'what is wrong and how to fix it' }),
  indexes: Type.Array(Type.Integer(), { description: 'positions in dataValues (from 0)' }),
});

export const Dhis2ImportCountSchema = Type.Object({
  imported: Type.Integer(),
  updated: Type.Integer(),
  ignored: Type.Integer(),
  deleted: Type.Integer(),
});

const Dhis2Summary = {
  responseType: Type.Literal('ImportSummary'),
  status: Type.Union([Type.Literal('SUCCESS'), Type.Literal('WARNING'), Type.Literal('ERROR')]),
  description: Type.String(),
  importCount: Dhis2ImportCountSchema,
  conflicts: Type.Array(Dhis2ConflictSchema),
  dataSetComplete: Type.String(),
  reference: Type.String({ description: 'the Accord import batch id' }),
};

/**
 * DHIS2's ImportSummary at the top level (as DHIS2 up to 2.37 answers), repeated under `response`
 * with the envelope fields of DHIS2 2.38 and later, so clients written for either read it unchanged.
 */
export const Dhis2ImportSummarySchema = Type.Object({
  ...Dhis2Summary,
  httpStatus: Type.String(),
  httpStatusCode: Type.Integer(),
  message: Type.String(),
  response: Type.Object(Dhis2Summary),
});
export type Dhis2ImportSummaryDto = Static<typeof Dhis2ImportSummarySchema>;

const OneOrMany = Type.Array(Type.String({ maxLength: 255 }), { maxItems: 1000 });

export const Dhis2ExportQuery = Type.Object(
  {
    dataElement: Type.Optional(OneOrMany),
    orgUnit: Type.Optional(OneOrMany),
    children: Type.Optional(Type.Boolean({ description: 'include the sub-areas of each orgUnit' })),
    period: Type.Optional(OneOrMany),
    startDate: Type.Optional(Type.String({ format: 'date' })),
    endDate: Type.Optional(Type.String({ format: 'date' })),
    dataSet: Type.Optional(OneOrMany),
  },
  { ...Loose, description: 'data sets are not modelled: every mapped data element is exported' },
);

export const Dhis2ExportSchema = Type.Object({
  dataValues: Type.Array(
    Type.Object({
      dataElement: Type.String(),
      period: Type.String(),
      orgUnit: Type.String(),
      categoryOptionCombo: Type.Optional(Type.String({ description: 'given when the mapping names one' })),
      value: Type.String(),
    }),
  ),
});

export const DataElementMappingSchema = Type.Object({
  dataElement: Type.String(),
  categoryOptionCombo: Type.Union([Type.String(), Type.Null()], { description: 'null: any (or the default) combination' }),
  disease: Type.String(),
  metric: Type.String(),
});
export type DataElementMappingDto = Static<typeof DataElementMappingSchema>;

export const UpsertDataElementMappingsBody = Type.Object(
  {
    mappings: Type.Array(
      Type.Object(
        {
          dataElement: Dhis2Id,
          categoryOptionCombo: Type.Optional(Type.Union([Dhis2Id, Type.Null()])),
          disease: Type.String({ minLength: 1, maxLength: 64 }),
          metric: Type.String({ minLength: 1, maxLength: 64 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 10_000 },
    ),
  },
  { additionalProperties: false },
);

export const DeleteDataElementMappingQuery = Type.Object(
  { categoryOptionCombo: Type.Optional(Type.String({ maxLength: 255 })) },
  { additionalProperties: false },
);

export const OrgUnitMappingSchema = Type.Object({
  orgUnit: Type.String(),
  location: Type.String(),
  country: CountryCodeSchema,
});
export type OrgUnitMappingDto = Static<typeof OrgUnitMappingSchema>;

export const UpsertOrgUnitMappingsBody = Type.Object(
  {
    mappings: Type.Array(
      Type.Object({ orgUnit: Dhis2Id, location: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
      { minItems: 1, maxItems: 10_000 },
    ),
  },
  { additionalProperties: false },
);

export const OrgUnitMappingQuery = Type.Object({ country: Type.Optional(CountryCodeSchema) }, { additionalProperties: false });

export const Dhis2IdParams = Type.Object({ id: Dhis2Id }, { additionalProperties: false });

export const MappingsResult = <T extends Parameters<typeof Type.Array>[0]>(item: T) => Type.Object({ items: Type.Array(item) });
