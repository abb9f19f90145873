import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { LANGUAGES, LIMITS, ROLES, ORGANISATION_KINDS, WHO_REGIONS, TOKEN_SCOPES } from '@accord/core';

/** A string enum schema from one of the core vocabularies. */
export function StringEnum<const T extends readonly string[]>(values: T, description?: string) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
}

export const Uuid = Type.String({ format: 'uuid', description: 'identifier (UUID)' });
export const IsoDateTime = Type.String({ format: 'date-time' });
export const CountryCodeSchema = Type.String({
  pattern: '^[A-Z]{3}$',
  description: 'ISO 3166-1 alpha-3 country code, upper case (e.g. KEN)',
});
export const RoleSchema = StringEnum(ROLES, 'role');
export const LanguageSchema = StringEnum(LANGUAGES, 'one of the six UN languages');
export const OrganisationKindSchema = StringEnum(ORGANISATION_KINDS);
export const WhoRegionSchema = StringEnum(WHO_REGIONS);
export const TokenScopeSchema = StringEnum(TOKEN_SCOPES);

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.pageSizeMax, default: LIMITS.pageSizeDefault })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
};

export function Page<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer({ description: 'number of items matching the filter' }),
    limit: Type.Integer(),
    offset: Type.Integer(),
  });
}

/** RFC 9457 problem details, the one error envelope of the API. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'URI reference naming the problem type' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String({ description: 'what went wrong and how to fix it' }),
    instance: Type.Optional(Type.String()),
    code: Type.String({ description: 'stable machine-readable error code' }),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          field: Type.String({ description: 'path of the offending field, e.g. body.email' }),
          reason: Type.String(),
        }),
      ),
    ),
  },
  { $id: 'Problem' },
);
export type ProblemDto = Static<typeof ProblemSchema>;
