/** A live-updates stream opened the way a browser's EventSource opens it. */
export interface LiveStream {
  status: number;
  /** The `data` of each message so far (pings, tRPC's connected event and our live.ready left out). */
  messages: unknown[];
  /** Errors the server sent instead of messages (the stream starts before the procedure runs). */
  errors: { code: string; reason?: string }[];
  /** Waits until a message matches; fails when the server sends an error or after `timeoutMs`. */
  waitFor(match: (message: { type: string; entityType: string; entityId: string }) => boolean, timeoutMs?: number): Promise<void>;
  /** Settles when the server ends the stream (or `close()` aborts it). */
  ended: Promise<void>;
  close(): void;
}

export async function openLiveStream(baseUrl: string, headers: Record<string, string>): Promise<LiveStream> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/trpc/live.updates`, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  const messages: unknown[] = [];
  const errors: LiveStream['errors'] = [];
  const ready = Promise.withResolvers<void>();
  const ended = Promise.withResolvers<void>();
  const waiters = new Set<() => void>();
  if (response.body) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return ended.resolve();
          buffer += value;
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const block = buffer.slice(0, end).split('\n');
            buffer = buffer.slice(end + 2);
            const event = block
              .find((line) => line.startsWith('event:'))
              ?.slice(6)
              .trim();
            const data = block.filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim());
            if (data.length === 0) continue;
            const parsed: unknown = JSON.parse(data.join('\n'));
            if (event === 'serialized-error') {
              const { data: details } = parsed as { data: { code: string; reason?: string } };
              errors.push({ code: details.code, reason: details.reason });
            }
            // Other named events (connected, ping, return) are tRPC's own; messages have no name.
            if (event) continue;
            const message = parsed as { type?: string };
            if (message.type === 'live.ready') ready.resolve();
            else messages.push(message);
          }
          if (errors.length) ready.resolve();
          for (const wake of waiters) wake();
        }
      } catch {
        // aborted by close()
        ended.resolve();
      }
    })();
  }
  // Listening on the server once `live.ready` arrives (or refused: see `errors`).
  await Promise.race([ready.promise, new Promise((resolve) => setTimeout(resolve, 5000))]);
  return {
    status: response.status,
    messages,
    errors,
    waitFor(match, timeoutMs = 5000) {
      const found = () => messages.some((m) => match(m as { type: string; entityType: string; entityId: string }));
      const failed = () => (errors.length ? new Error(`the stream failed: ${JSON.stringify(errors)}`) : null);
      if (found()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching live message within ${timeoutMs} ms; got ${JSON.stringify(messages)}`));
        }, timeoutMs);
        const check = () => {
          const error = failed();
          if (!found() && !error) return;
          clearTimeout(timer);
          waiters.delete(check);
          if (error) reject(error);
          else resolve();
        };
        check();
        waiters.add(check);
      });
    },
    ended: ended.promise,
    close: () => controller.abort(),
  };
}
