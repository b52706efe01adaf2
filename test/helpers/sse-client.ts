export interface SseEvent {
  id: string | undefined;
  event: string;
  data: any;
}

/**
 * A Server-Sent Events client over fetch (so it can send headers such as Last-Event-ID and
 * Authorization): collects events as they arrive; `next(n)` waits for the n-th.
 */
export async function openSse(
  url: string,
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  contentType: string | null;
  events: SseEvent[];
  waitFor(count: number, timeoutMs?: number): Promise<SseEvent[]>;
  /** The server ended the stream. */
  ended(): boolean;
  close(): void;
}> {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  const events: SseEvent[] = [];
  const waiters = new Set<() => void>();
  let ended = false;
  if (response.ok && response.body) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end;
          while ((end = buffer.indexOf('\n\n')) !== -1) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const fields: Record<string, string> = {};
            for (const line of block.split('\n')) {
              if (!line || line.startsWith(':')) continue;
              const colon = line.indexOf(':');
              fields[line.slice(0, colon)] = line.slice(colon + 1).replace(/^ /, '');
            }
            if (fields.data === undefined) continue;
            events.push({ id: fields.id, event: fields.event ?? 'message', data: JSON.parse(fields.data) });
            for (const wake of waiters) wake();
          }
        }
        ended = true;
      } catch {
        // Closed by the test.
      }
    })();
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    events,
    waitFor(count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (events.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(events.slice(0, count));
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} events within ${timeoutMs} ms, got ${events.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    ended: () => ended,
    close: () => controller.abort(),
  };
}
