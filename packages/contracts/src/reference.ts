import { Type, type Static } from '@sinclair/typebox';
import { LIMITS } from '@accord/core';
import { CountryCodeSchema, IsoDateTime, WhoRegionSchema } from './common.js';

const Names = Type.Object({
  ar: Type.String(),
  zh: Type.String(),
  en: Type.String(),
  fr: Type.String(),
  ru: Type.String(),
  es: Type.String(),
});

export const CountrySchema = Type.Object({
  iso3: CountryCodeSchema,
  iso2: Type.String(),
  m49: Type.Union([Type.String(), Type.Null()]),
  names: Names,
  whoRegion: Type.Union([WhoRegionSchema, Type.Null()]),
  whoMemberState: Type.Boolean(),
  unMember: Type.Boolean(),
  population: Type.Union([Type.Number(), Type.Null()]),
  populationYear: Type.Union([Type.Integer(), Type.Null()]),
  atlasId: Type.Union([Type.String(), Type.Null()]),
  centroid: Type.Union([Type.Object({ lat: Type.Number(), lon: Type.Number() }), Type.Null()]),
});
export type CountryDto = Static<typeof CountrySchema>;

export const CountryParams = Type.Object({ iso3: CountryCodeSchema }, { additionalProperties: false });

export const FocalPointSchema = Type.Object({
  country: CountryCodeSchema,
  name: Type.String(),
  email: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  updatedAt: IsoDateTime,
});
export type FocalPointDto = Static<typeof FocalPointSchema>;

export const FocalPointBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: LIMITS.displayNameMaxLength }),
    email: Type.String({ format: 'email', maxLength: LIMITS.emailMaxLength }),
    phone: Type.Optional(
      Type.Union([
        Type.String({ maxLength: LIMITS.phoneMaxLength, pattern: '^\\+?[0-9 ()-]{4,}$', description: 'e.g. +254 20 271 7077' }),
        Type.Null(),
      ]),
    ),
  },
  { additionalProperties: false },
);
export type FocalPointInput = Static<typeof FocalPointBody>;
