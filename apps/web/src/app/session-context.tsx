import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Action } from '@accord/core';
import type { RouteResult, UserDto } from '@accord/contracts';
import { api, ApiProblem, setCsrfToken, setUnauthenticatedHandler } from '../api/client';

export type Session = RouteResult<'getSession'>;

export interface SessionState {
  /** null when nobody is logged in. */
  session: Session | null;
  /** false until the first session check has answered, so pages do not flash "logged out". */
  ready: boolean;
  login: (username: string, password: string) => Promise<Session>;
  logout: () => Promise<void>;
  /** Replaces the user after a change to their own account. */
  updateUser: (user: UserDto) => void;
  /** Whether the server granted this action; the web never re-derives role rules. */
  can: (action: Action) => boolean;
  /** For country-scoped actions: granted, and the country lies within the user's scope. */
  canForCountry: (action: Action, iso3: string) => boolean;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [ready, setReady] = useState(false);

  const adopt = useCallback((next: Session | null) => {
    setCsrfToken(next?.csrfToken ?? null);
    setSession(next);
  }, []);

  useEffect(() => {
    let live = true;
    api('getSession')
      .then((s) => live && adopt(s))
      .catch((error: unknown) => {
        // 401 simply means "not logged in"; anything else is logged and treated the same way.
        if (!(error instanceof ApiProblem && error.status === 401)) console.error(error);
        if (live) adopt(null);
      })
      .finally(() => live && setReady(true));
    setUnauthenticatedHandler(() => adopt(null));
    return () => {
      live = false;
      setUnauthenticatedHandler(null);
    };
  }, [adopt]);

  const value = useMemo<SessionState>(() => {
    const abilities = new Set(session?.abilities ?? []);
    const can = (action: Action) => abilities.has(action);
    return {
      session,
      ready,
      login: async (username, password) => {
        const next = await api('login', { body: { username, password } });
        adopt(next);
        return next;
      },
      logout: async () => {
        try {
          await api('logout');
        } finally {
          adopt(null);
        }
      },
      updateUser: (user) => setSession((current) => (current ? { ...current, user } : current)),
      can,
      canForCountry: (action, iso3) => {
        const scope = session?.user.scope;
        return can(action) && !!scope && (scope.all || scope.countries.includes(iso3));
      },
    };
  }, [session, ready, adopt]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}
