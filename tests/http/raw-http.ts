import { connect } from 'node:net';

/** What came back on a raw socket: the status line's code (null if the server just closed). */
export interface RawAnswer {
  status: number | null;
  text: string;
}

/**
 * Writes bytes on a bare TCP socket — requests `fetch` refuses to send (a body shorter than its
 * Content-Length, a multipart body without its closing boundary) — and reads until the server closes.
 * The client keeps its side open until the server closes (the head asks for `Connection: close`),
 * as real clients do; `halfClose` ends the client's side right after the body instead (Node's HTTP
 * server then drops the request), and with `abandonAfterMs` the client stops sending and resets the
 * connection without waiting for an answer.
 */
export function sendRaw(
  url: string,
  head: string,
  body: Buffer | string,
  options: { abandonAfterMs?: number; halfClose?: boolean } = {},
): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      resolve({ status: status ? Number(status) : null, text });
    });
    socket.write(head);
    socket.write(body);
    if (options.abandonAfterMs !== undefined) setTimeout(() => socket.destroy(), options.abandonAfterMs);
    if (options.halfClose) socket.end();
  });
}

/** A request head for `POST path` with the given headers (Content-Length must be given by the caller). */
export function requestHead(path: string, headers: Record<string, string>): string {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return [`POST ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close', ...lines, '', ''].join('\r\n');
}
