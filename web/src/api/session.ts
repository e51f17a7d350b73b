import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from './client.ts';
import type { Session, SetupBody, SignInBody } from './types.ts';

export const SESSION_KEY = ['session'] as const;

/** The signed-in member, or null when nobody is (the 401 is an answer, not an error). */
export const fetchSession = async (): Promise<Session | null> => {
  try {
    const s = await api.get<Session>('/api/session');
    setCsrfToken(s.csrfToken);
    return s;
  } catch (e) {
    if (e instanceof ApiError && e.isUnauthenticated) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
};

export const useSession = () => useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 60_000, retry: false });

/** The session of a page behind RequireSession: always there. */
export const useSignedIn = (): Session => {
  const { data } = useSession();
  if (!data) throw new Error('useSignedIn outside a signed-in page');
  return data;
};

export const signIn = async (body: SignInBody): Promise<void> => {
  const { csrfToken } = await api.post<{ csrfToken: string }>('/api/session', body);
  setCsrfToken(csrfToken);
};

export const completeSetup = async (body: SetupBody): Promise<void> => {
  const { csrfToken } = await api.post<{ csrfToken: string }>('/api/setup', body);
  setCsrfToken(csrfToken);
};

export const fetchSetupStatus = () => api.get<{ needsSetup: boolean }>('/api/setup');

export const useSignOut = () => {
  const qc = useQueryClient();
  return async () => {
    try {
      await api.delete('/api/session');
    } finally {
      setCsrfToken(null);
      qc.clear();
      qc.setQueryData(SESSION_KEY, null);
    }
  };
};

export const can = (session: Session | null | undefined, permission: string): boolean => Boolean(session?.permissions.includes(permission));
