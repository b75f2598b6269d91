import { parseCookie, stringifySetCookie } from 'cookie';
import type { Request, Response } from 'express';
import type { Config } from '../config.ts';
import type { SessionCookieJar } from '../trpc/context.ts';

// `__Host-` binds the cookie to this exact origin (Secure, Path=/, no Domain). Browsers refuse
// it without Secure, so plain-http local development uses an unprefixed name.
function sessionCookieName(config: Pick<Config, 'secureCookies'>): string {
  return config.secureCookies ? '__Host-tl_session' : 'tl_session';
}

export function readSessionToken(req: Request, config: Config): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  const value = parseCookie(header)[sessionCookieName(config)];
  return value && value.length <= 200 ? value : null;
}

export function httpCookieJar(res: Response, config: Config): SessionCookieJar {
  const base = { name: sessionCookieName(config), path: '/', httpOnly: true, secure: config.secureCookies, sameSite: 'lax' as const };
  return {
    set(token, expiresAt) {
      res.append('Set-Cookie', stringifySetCookie({ ...base, value: token, expires: expiresAt }));
    },
    clear() {
      res.append('Set-Cookie', stringifySetCookie({ ...base, value: '', maxAge: 0 }));
    },
  };
}
