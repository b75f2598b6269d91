import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface ReceiverAnswer {
  status: number;
  body?: string;
}

/**
 * A real HTTP receiver on 127.0.0.1 (port 0) that keeps every request it gets. It answers 204
 * unless `answer` says otherwise; tests point endpoints at `url + '/some-path'` to tell callers apart.
 */
export async function startWebhookReceiver(answer: (request: ReceivedWebhook) => ReceiverAnswer = () => ({ status: 204 })) {
  const received: ReceivedWebhook[] = [];
  let respond = answer;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const hook = { path: request.url ?? '/', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(hook);
      const { status, body } = respond(hook);
      response.writeHead(status, { 'content-type': 'text/plain' }).end(body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    /** The requests that reached `path`. */
    at: (path: string) => received.filter((hook) => hook.path === path),
    /** Changes how later requests are answered (e.g. 500 to make deliveries fail). */
    answerWith(next: (request: ReceivedWebhook) => ReceiverAnswer) {
      respond = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
