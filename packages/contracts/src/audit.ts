import { Type } from '@sinclair/typebox';
import { IsoDateTime, PageQuery } from './common.js';

export const AuditEntrySchema = Type.Object({
  seq: Type.Integer(),
  at: IsoDateTime,
  actorType: Type.String({ description: 'user, token, system or anonymous' }),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorLabel: Type.String(),
  action: Type.String(),
  targetType: Type.Union([Type.String(), Type.Null()]),
  targetId: Type.Union([Type.String(), Type.Null()]),
  summary: Type.Unknown({ description: 'before/after summary of the change' }),
  requestId: Type.Union([Type.String(), Type.Null()]),
  hash: Type.String(),
});

export const AuditQuery = Type.Object(
  {
    ...PageQuery,
    action: Type.Optional(Type.String({ maxLength: 100 })),
    actorId: Type.Optional(Type.String({ maxLength: 100 })),
    targetId: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const AuditVerificationSchema = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  firstBroken: Type.Union([Type.Object({ seq: Type.Integer(), problem: Type.String(), detail: Type.String() }), Type.Null()]),
});
