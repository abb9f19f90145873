import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { canAccess, toCountryCode, isCountryCode, ANONYMOUS, type Action, type DenialReason } from '@accord/core';
import type { RouteAccess } from '@accord/contracts';
import type { AuthService } from '../../services/auth.service.js';
import type { RequestContext } from '../../services/context.js';
import { buildProblem, sendProblem } from './problem.js';

export const SESSION_COOKIE = 'accord_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
    csrfToken: string | undefined;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

const DENIAL_DETAIL: Record<DenialReason, string> = {
  unauthenticated: 'log in, or send an API token as "Authorization: Bearer acc_…"',
  role: 'your role does not allow this action',
  country_scope: 'you do not act for this country',
  token_scope: 'this API token lacks the scope for this action; create a token with the "write" scope',
  session_only: 'this action needs an interactive login; API tokens cannot perform it',
};

function deny(reply: FastifyReply, request: FastifyRequest, reason: DenialReason, action: Action) {
  const instance = request.url.split('?')[0];
  if (reason === 'unauthenticated') {
    return sendProblem(
      reply,
      buildProblem('unauthenticated', `${request.method} ${instance} requires authentication: ${DENIAL_DETAIL[reason]}`, [], instance),
    );
  }
  return sendProblem(reply, buildProblem('forbidden', `not allowed to ${action}: ${DENIAL_DETAIL[reason]}`, [], instance));
}

/**
 * The central access gate. Every route must declare `config.access` (the server refuses to start
 * otherwise); requests are authenticated before their body is read, and authorised with the one
 * decision function `canAccess` from the core.
 */
export function registerAccessControl(
  app: FastifyInstance,
  auth: AuthService,
  registry: RegisteredRoute[],
  isPublicInfrastructure: (url: string) => boolean,
): void {
  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.decorateRequest('csrfToken', undefined);

  app.addHook('onRoute', (route: RouteOptions) => {
    const config = (route.config ?? {}) as { access?: RouteAccess };
    if (!config.access) {
      if (!isPublicInfrastructure(route.url)) {
        throw new Error(`route ${String(route.method)} ${route.url} declares no access rule; add config.access`);
      }
      route.config = { ...config, access: { public: true } } as RouteOptions['config'];
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      registry.push({ method, url: route.url, access: (route.config as { access: RouteAccess }).access });
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    request.ctx = { actor: ANONYMOUS, actorLabel: 'anonymous', requestId: request.id };
    const authorization = request.headers.authorization;
    const cookie = request.cookies[SESSION_COOKIE];
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const resolved = match ? await auth.authenticateToken(match[1]!) : undefined;
      if (!resolved) {
        return sendProblem(
          reply,
          buildProblem('unauthenticated', 'the API token is not valid: it is unknown, revoked or expired; create a new one'),
        );
      }
      request.ctx = { actor: resolved.actor, actorLabel: resolved.actorLabel, requestId: request.id };
    } else if (cookie) {
      const resolved = await auth.authenticateSession(cookie);
      if (resolved) {
        request.ctx = {
          actor: resolved.actor,
          actorLabel: resolved.actorLabel,
          requestId: request.id,
          ...(resolved.sessionIdHash ? { sessionIdHash: resolved.sessionIdHash } : {}),
        };
        request.csrfToken = resolved.csrfToken;
        if (!SAFE_METHODS.has(request.method) && !sameSecret(request.headers[CSRF_HEADER], resolved.csrfToken)) {
          return sendProblem(
            reply,
            buildProblem(
              'csrf_token_missing',
              `a state-changing request with the session cookie needs the ${CSRF_HEADER} header from GET /api/auth/session`,
            ),
          );
        }
      }
    }
    const access = request.routeOptions.config.access;
    if (!access || 'public' in access) return;
    const decision = canAccess(
      request.ctx.actor,
      access.action,
      access.countryParam ? { country: countryOf(request, access.countryParam) } : {},
    );
    // A country that is not yet valid is left to schema validation, which names the field.
    if (!decision.allowed && !(decision.reason === 'country_scope' && !validCountryParam(request, access.countryParam))) {
      return deny(reply, request, decision.reason, access.action);
    }
  });

  app.addHook('preHandler', async (request, reply) => {
    const access = request.routeOptions.config.access;
    if (!access || 'public' in access || !access.countryParam) return;
    const decision = canAccess(request.ctx.actor, access.action, { country: countryOf(request, access.countryParam) });
    if (!decision.allowed) return deny(reply, request, decision.reason, access.action);
  });
}

/** Compares secrets in constant time, so response timing does not leak how much of a guess was right. */
function sameSecret(given: string | string[] | undefined, expected: string | undefined): boolean {
  if (typeof given !== 'string' || expected === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function rawParam(request: FastifyRequest, name: string): string {
  return String((request.params as Record<string, unknown>)[name] ?? '');
}

function validCountryParam(request: FastifyRequest, name: string | undefined): boolean {
  return name !== undefined && isCountryCode(rawParam(request, name));
}

function countryOf(request: FastifyRequest, name: string) {
  const raw = rawParam(request, name);
  return isCountryCode(raw) ? toCountryCode(raw) : (raw as ReturnType<typeof toCountryCode>);
}
