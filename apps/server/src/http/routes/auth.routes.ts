import type { Services } from '../../services/index.js';
import { SESSION_COOKIE } from '../plugins/access.js';
import type { Handlers } from './handler.js';

export function authHandlers(
  services: Services,
  cookie: { secure: boolean },
): Handlers<'login' | 'logout' | 'getSession' | 'updateAccount' | 'changePassword' | 'listTokens' | 'createToken' | 'revokeToken'> {
  return {
    login: async ({ body, ctx, request, reply }) => {
      const result = await services.auth.login(ctx, { ...body, clientAddress: request.ip });
      reply.setCookie(SESSION_COOKIE, result.sessionToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: cookie.secure,
        expires: result.expiresAt,
      });
      return result.session;
    },
    logout: async ({ ctx, reply }) => {
      await services.auth.logout(ctx);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    },
    getSession: async ({ ctx, request }) => services.auth.currentSession(ctx, request.csrfToken),
    updateAccount: async ({ ctx, body }) => services.auth.updateAccount(ctx, body),
    changePassword: async ({ ctx, body }) => services.auth.changePassword(ctx, body),
    listTokens: async ({ ctx }) => ({ items: await services.tokens.listOwn(ctx) }),
    createToken: async ({ ctx, body }) => services.tokens.create(ctx, body),
    revokeToken: async ({ ctx, params }) => services.tokens.revokeOwn(ctx, params.id),
  };
}
