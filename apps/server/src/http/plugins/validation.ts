import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

/**
 * Bodies are validated strictly: no type coercion, no silent removal of unknown fields, so a wrong
 * type or an unknown field is an error naming the field. Path and query strings are text by nature,
 * so they are coerced to the declared types.
 */
export function registerValidators(app: FastifyInstance): void {
  const common = { allErrors: true, strict: false, useDefaults: true, removeAdditional: false } as const;
  const strict = addFormats(new Ajv({ ...common, coerceTypes: false }));
  const coercing = addFormats(new Ajv({ ...common, coerceTypes: 'array' }));
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema));
}
