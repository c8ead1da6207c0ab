import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** What the receiver does with a request to a path: answer a status, redirect, or never answer. */
export type WebhookBehaviour = { status: number } | { redirect: string } | { hang: true };

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  behave(path: string, behaviour: WebhookBehaviour): void;
  waitFor(count: number, timeoutMs?: number, path?: string): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

/** A local HTTP endpoint recording every POST (200 unless told otherwise). */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const behaviours = new Map<string, WebhookBehaviour>();
  const hanging: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: performance.now() });
      const behaviour = behaviours.get(path) ?? { status: 200 };
      if ('hang' in behaviour) return void hanging.push(res);
      if ('redirect' in behaviour) return void res.writeHead(307, { location: behaviour.redirect }).end();
      res.writeHead(behaviour.status).end();
    });
  });
  server.keepAliveTimeout = 100;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url,
    received,
    behave: (path, behaviour) => void behaviours.set(path, behaviour),
    async waitFor(count, timeoutMs = 10_000, path) {
      const until = Date.now() + timeoutMs;
      const matching = () => received.filter((r) => path === undefined || r.path === path);
      while (matching().length < count) {
        if (Date.now() > until) throw new Error(`${matching().length} of ${count} webhook deliveries arrived`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return matching();
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
