// Access-log hygiene: emailed links carry live tokens (`/reset-password?token=…`,
// `/accept-invite?token=…`) and tRPC queries carry their whole input in `?input=`, so the URL is
// logged only with such values replaced. Bodies are never logged.

const REDACTED = '[redacted]';

// Query parameters whose value is a credential, or (`input`) may hold one.
const SECRET_PARAMETER = /token|secret|password|passphrase|api[_-]?key|signature|code|^input$/i;
// A path segment named like this makes the next segment secret too (`/token/abc…`).
const SECRET_SEGMENT = /token|secret/i;

/** The URL with every credential-bearing query value and path segment replaced by `[redacted]`. */
function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const query = queryStart === -1 ? null : url.slice(queryStart + 1);
  return query === null ? redactPath(path) : `${redactPath(path)}?${redactQuery(query)}`;
}

function redactPath(path: string): string {
  const segments = path.split('/');
  return segments
    .map((segment, i) => {
      // `/token=abc` (matrix-style) and the segment after `/token/`.
      if (/token=|secret=/i.test(segment)) return segment.replace(/=.*/, `=${REDACTED}`);
      return i > 0 && SECRET_SEGMENT.test(safeDecode(segments[i - 1] ?? '')) && segment !== '' ? REDACTED : segment;
    })
    .join('/');
}

function redactQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals === -1 ? pair : pair.slice(0, equals);
      return equals !== -1 && SECRET_PARAMETER.test(safeDecode(name)) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** pino-http's request fields: enough to find the request (id, method, URL), no headers, no body. */
export function requestLogFields(req: { id?: unknown; method?: string; url?: string }) {
  return { id: req.id, method: req.method, url: redactUrl(req.url ?? '') };
}

/** pino-http's response fields: the status only (headers may carry Set-Cookie). */
export function responseLogFields(res: { statusCode?: number }) {
  return { statusCode: res.statusCode };
}
