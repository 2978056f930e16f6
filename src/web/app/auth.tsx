import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, onUnauthorized, setCsrfToken } from './api';

/** The shape of `GET /api/auth/me` (src/modules/accounts/accounts.dto.ts `meDto`). */
export interface Grant {
  role: string;
  scopeType: string;
  scopeId: number;
  /** Human name of the scope, e.g. 鼎立社区, or the household's address. */
  scopeName: string;
}

export interface Me {
  accountId: number;
  username: string;
  name: string;
  cityId: number;
  roles: Grant[];
  permissions: string[];
  household: { id: number; label: string; communityId: number; communityName: string; compoundId: number; compoundName: string } | null;
  csrfToken: string;
}

/** Roles that are about living somewhere rather than working on the platform. */
const residentRoles = new Set(['resident', 'party_member', 'volunteer']);

/** Someone who works on the platform gets the desktop workbench. */
export function isStaff(me: Me): boolean {
  return me.roles.some((g) => !residentRoles.has(g.role));
}

/** Someone who lives in a household gets the phone pages (a committee member has both). */
export function isResident(me: Me): boolean {
  return me.household !== null;
}

/** Where to land after login: the workbench for staff, the resident home otherwise. */
export function homePath(me: Me): string {
  return isStaff(me) || !isResident(me) ? '/' : '/m';
}

type AuthState = { status: 'loading' } | { status: 'anonymous' } | { status: 'authenticated'; me: Me };

interface AuthValue {
  state: AuthState;
  me: Me | null;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  /** Does the account hold this permission in any of its roles? */
  can: (permission: string | undefined) => boolean;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  const accept = useCallback((me: Me) => {
    setCsrfToken(me.csrfToken);
    setState({ status: 'authenticated', me });
    return me;
  }, []);

  const forget = useCallback(() => {
    setCsrfToken(null);
    setState({ status: 'anonymous' });
  }, []);

  useEffect(() => {
    onUnauthorized(forget);
    const controller = new AbortController();
    api.get<Me>('/api/auth/me', undefined, controller.signal)
      .then(accept)
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        // 401 is the normal "not logged in"; anything else also lands on the login page,
        // which shows the server's message when the user tries.
        if (!(err instanceof ApiError) || err.status !== 401) console.warn('GET /api/auth/me failed', err);
        forget();
      });
    return () => {
      controller.abort();
      onUnauthorized(null);
    };
  }, [accept, forget]);

  const login = useCallback(
    async (username: string, password: string) => accept(await api.post<Me>('/api/auth/login', { username, password })),
    [accept],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } finally {
      forget();
    }
  }, [forget]);

  const value = useMemo<AuthValue>(() => {
    const me = state.status === 'authenticated' ? state.me : null;
    return {
      state,
      me,
      login,
      logout,
      can: (permission) => !permission || (me?.permissions.includes(permission) ?? false),
    };
  }, [state, login, logout]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The logged-in account inside the layouts (which only render once someone is logged in). */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a logged-in account');
  return me;
}
