import type { AppDeps, RequestMeta } from '../deps.ts';

/** Sets and clears the session cookie; over HTTP it writes headers, in tests it records. */
export interface SessionCookieJar {
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

/** The context every procedure starts from. `createCaller` builds it without HTTP. */
export interface Context {
  deps: AppDeps;
  request: RequestMeta;
  credentials: { sessionToken: string | null; apiKey: string | null };
  cookies: SessionCookieJar;
}

export interface SessionPrincipal {
  sessionId: string;
  userId: string;
  activeCompanyId: string | null;
  email: string;
  emailVerified: boolean;
  mustChangePassword: boolean;
  isPlatformAdmin: boolean;
  twoFactorEnabled: boolean;
  /** Signed in with the password only: the second factor is still owed. */
  twoFactorPending: boolean;
}
