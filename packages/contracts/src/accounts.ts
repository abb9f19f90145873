import { Type, type Static } from '@sinclair/typebox';
import { LIMITS } from '@accord/core';
import { CountryCodeSchema, IsoDateTime, LanguageSchema, RoleSchema, Uuid, OrganisationKindSchema, TokenScopeSchema } from './common.js';

const Username = Type.String({
  minLength: LIMITS.usernameMinLength,
  maxLength: LIMITS.usernameMaxLength,
  pattern: '^[a-zA-Z0-9._@-]+$',
  description: 'letters, digits, dot, underscore, hyphen or @',
});
const Password = Type.String({ minLength: LIMITS.passwordMinLength, maxLength: LIMITS.passwordMaxLength });
const DisplayName = Type.String({ minLength: 1, maxLength: LIMITS.displayNameMaxLength });
const Email = Type.String({ format: 'email', maxLength: LIMITS.emailMaxLength });

export const CountryScopeSchema = Type.Object({
  all: Type.Boolean({ description: 'true when the user acts for every country' }),
  countries: Type.Array(CountryCodeSchema, { description: 'the countries acted for when `all` is false' }),
});

export const UserSchema = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  role: RoleSchema,
  organisationId: Type.Union([Uuid, Type.Null()]),
  preferredLanguage: LanguageSchema,
  scope: CountryScopeSchema,
  active: Type.Boolean(),
  createdAt: IsoDateTime,
});
export type UserDto = Static<typeof UserSchema>;

export const CreateUserBody = Type.Object(
  {
    username: Username,
    password: Password,
    displayName: DisplayName,
    email: Type.Optional(Email),
    role: RoleSchema,
    organisationId: Type.Optional(Uuid),
    preferredLanguage: Type.Optional(LanguageSchema),
    allCountries: Type.Optional(Type.Boolean({ description: 'act for every country (admin and WHO staff)' })),
    countries: Type.Optional(Type.Array(CountryCodeSchema, { uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type CreateUserInput = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    email: Type.Optional(Type.Union([Email, Type.Null()])),
    role: Type.Optional(RoleSchema),
    organisationId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    preferredLanguage: Type.Optional(LanguageSchema),
    allCountries: Type.Optional(Type.Boolean()),
    countries: Type.Optional(Type.Array(CountryCodeSchema, { uniqueItems: true })),
    active: Type.Optional(Type.Boolean()),
    password: Type.Optional(Password),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserInput = Static<typeof UpdateUserBody>;

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: LIMITS.usernameMaxLength }),
    password: Type.String({ minLength: 1, maxLength: LIMITS.passwordMaxLength }),
  },
  { additionalProperties: false },
);

export const SessionSchema = Type.Object({
  user: UserSchema,
  abilities: Type.Array(Type.String(), { description: 'actions this user may perform' }),
  csrfToken: Type.Union([Type.String(), Type.Null()], {
    description: 'send as the X-CSRF-Token header on every state-changing request made with the session cookie',
  }),
  authenticatedBy: Type.Union([Type.Literal('session'), Type.Literal('token')]),
});

export const UpdateAccountBody = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    preferredLanguage: Type.Optional(LanguageSchema),
    email: Type.Optional(Type.Union([Email, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ChangePasswordBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: LIMITS.passwordMaxLength }), newPassword: Password },
  { additionalProperties: false },
);

export const OrganisationSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: OrganisationKindSchema,
  country: Type.Union([CountryCodeSchema, Type.Null()]),
  createdAt: IsoDateTime,
});
export type OrganisationDto = Static<typeof OrganisationSchema>;

export const CreateOrganisationBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: LIMITS.organisationNameMaxLength }),
    kind: OrganisationKindSchema,
    country: Type.Optional(Type.Union([CountryCodeSchema, Type.Null()])),
  },
  { additionalProperties: false },
);
export const UpdateOrganisationBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.organisationNameMaxLength })),
    kind: Type.Optional(OrganisationKindSchema),
    country: Type.Optional(Type.Union([CountryCodeSchema, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ApiTokenSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  prefix: Type.String({ description: 'first characters of the token, to recognise it' }),
  scopes: Type.Array(TokenScopeSchema),
  countries: Type.Union([Type.Array(CountryCodeSchema), Type.Null()], {
    description: "null: the owner's whole scope",
  }),
  createdAt: IsoDateTime,
  expiresAt: Type.Union([IsoDateTime, Type.Null()]),
  lastUsedAt: Type.Union([IsoDateTime, Type.Null()]),
  revokedAt: Type.Union([IsoDateTime, Type.Null()]),
});
export type ApiTokenDto = Static<typeof ApiTokenSchema>;

export const CreateTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: LIMITS.tokenNameMaxLength }),
    scopes: Type.Array(TokenScopeSchema, { minItems: 1, uniqueItems: true }),
    countries: Type.Optional(Type.Array(CountryCodeSchema, { uniqueItems: true, minItems: 1 })),
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.tokenMaxLifetimeDays })),
  },
  { additionalProperties: false },
);
export type CreateTokenInput = Static<typeof CreateTokenBody>;

export const CreatedTokenSchema = Type.Object({
  token: Type.String({ description: 'the secret; shown this once only, store it safely' }),
  details: ApiTokenSchema,
});
