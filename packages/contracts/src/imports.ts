import { Type, type Static } from '@sinclair/typebox';
import { IsoDateTime, PageQuery, Uuid } from './common.js';

export const ImportRowErrorSchema = Type.Object({
  line: Type.Integer({ description: 'line of the file (the header is line 1)' }),
  column: Type.Union([Type.String(), Type.Null()]),
  value: Type.Union([Type.String(), Type.Null()]),
  reason: Type.String(),
});

export const ImportSummarySchema = Type.Object({
  batchId: Uuid,
  status: Type.Union([Type.Literal('completed'), Type.Literal('rejected')]),
  rowsRead: Type.Integer(),
  inserted: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  rejected: Type.Integer(),
  duplicateOf: Type.Union([Uuid, Type.Null()], { description: 'an earlier completed batch with exactly the same file' }),
  message: Type.String(),
  errors: Type.Array(ImportRowErrorSchema, { description: 'the first refused rows; the error report has all' }),
  moreErrors: Type.Boolean(),
});
export type ImportSummaryDto = Static<typeof ImportSummarySchema>;

export const ImportQuery = Type.Object(
  {
    atomic: Type.Optional(Type.Boolean({ description: 'refuse the whole file if any row is bad', default: false })),
    fileName: Type.Optional(Type.String({ maxLength: 255 })),
  },
  { additionalProperties: false },
);

export const ImportBatchSchema = Type.Object({
  id: Uuid,
  createdAt: IsoDateTime,
  finishedAt: Type.Union([IsoDateTime, Type.Null()]),
  actorLabel: Type.String(),
  format: Type.String(),
  channel: Type.String(),
  fileName: Type.Union([Type.String(), Type.Null()]),
  atomic: Type.Boolean(),
  status: Type.String({ description: 'running, completed, rejected, failed or cancelled' }),
  checksum: Type.Union([Type.String(), Type.Null()]),
  bytes: Type.Integer(),
  rowsRead: Type.Integer(),
  rowsInserted: Type.Integer(),
  rowsUpdated: Type.Integer(),
  rowsUnchanged: Type.Integer(),
  rowsRejected: Type.Integer(),
  duplicateOf: Type.Union([Uuid, Type.Null()]),
  message: Type.Union([Type.String(), Type.Null()]),
});
export type ImportBatchDto = Static<typeof ImportBatchSchema>;

export const ImportListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

export const CsvText = Type.String({ description: 'CSV text' });

export const ObservationQuery = Type.Object(
  {
    location: Type.Optional(Type.String({ maxLength: 64, description: 'location code; its sub-areas are included' })),
    disease: Type.Optional(Type.String({ maxLength: 64 })),
    metric: Type.Optional(Type.String({ maxLength: 64 })),
    from: Type.Optional(Type.String({ maxLength: 10, description: 'first period, e.g. 2024-W01, 2024-01 or 2024-01-01' })),
    to: Type.Optional(Type.String({ maxLength: 10, description: 'last period (inclusive)' })),
    periodType: Type.Optional(
      Type.Union([Type.Literal('week'), Type.Literal('month'), Type.Literal('day')], { description: 'only periods of this kind' }),
    ),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { default: 'json' })),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 10_000, default: 1000, description: 'JSON only; CSV returns every matching row' }),
    ),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);

export const ObservationSchema = Type.Object({
  location: Type.String(),
  disease: Type.String(),
  metric: Type.String(),
  period: Type.String({ description: 'canonical period: 2024-W05, 2024-03 or 2024-03-15' }),
  value: Type.Number(),
});

export const ObservationPageSchema = Type.Object({
  items: Type.Array(ObservationSchema),
  limit: Type.Integer(),
  offset: Type.Integer(),
  more: Type.Boolean({ description: 'true when more rows match after this page' }),
});
