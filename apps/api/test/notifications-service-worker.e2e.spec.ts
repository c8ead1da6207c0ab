import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { launchChromium, type ChromiumSession } from '@argus/tools/testing/chromium';

// The console's service worker in a real Chromium: a push message (delivered through the DevTools
// protocol, as a push service would) becomes a notification naming the camera and the person, with
// the snapshot and the alert's page resolved against the console's address.
const SERVICE_WORKER = readFileSync(join(__dirname, '../../web/public/argus-sw.js'), 'utf8');
const PAGE = '<!doctype html><title>Argus</title><p>console</p>';

describe('console service worker: Web Push to a notification', () => {
  let server: Server;
  let origin: string;
  let browser: ChromiumSession;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/argus-sw.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(SERVICE_WORKER);
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    browser = await launchChromium({ profilePrefix: 'argus-push-sw-' });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('shows the pushed alert with its snapshot and a link to it', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${origin}/`);
    const cdp = await browser.context.newCDPSession(page);
    const registrationId = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        const active = versions.find((v: { status: string }) => v.status === 'activated');
        if (active) resolve(active.registrationId);
      });
    });
    await cdp.send('ServiceWorker.enable');
    const activated = browser.context.waitForEvent('serviceworker');
    await page.evaluate(async () => {
      // Runs in the page: the browser's navigator (this project's types are Node's).
      const { serviceWorker } = (globalThis as unknown as { navigator: { serviceWorker: { register(url: string): Promise<unknown>; ready: Promise<unknown> } } }).navigator;
      await serviceWorker.register('/argus-sw.js');
      await serviceWorker.ready;
    });
    const worker = browser.context.serviceWorkers()[0] ?? (await activated);
    // Headless Chromium has no notification platform (permission stays denied): the worker's own
    // showNotification is recorded instead of displayed; everything up to that call is the real worker.
    await worker.evaluate(() => {
      const shown: unknown[] = [];
      (globalThis as unknown as { shown: unknown[] }).shown = shown;
      const registration = (globalThis as unknown as { registration: { showNotification: unknown } }).registration;
      registration.showNotification = async (title: string, options: object) => void shown.push({ title, ...options });
    });
    const message = { title: 'Ada at Front door', body: 'Porch, 10:00:00 UTC', image: '/api/snapshots/cam/2026-01-01/a.jpg?u=u1&exp=1&sig=x', url: '/alerts?alert=a-1', alertId: 'a-1', cameraId: 'cam' };
    await cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId: await registrationId, data: JSON.stringify(message) });
    let shown: Array<Record<string, unknown>> = [];
    for (let i = 0; i < 100 && shown.length === 0; i++) {
      shown = await worker.evaluate(() => (globalThis as unknown as { shown: Array<Record<string, unknown>> }).shown);
      if (shown.length === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(shown).toEqual([
      expect.objectContaining({
        title: 'Ada at Front door',
        body: 'Porch, 10:00:00 UTC',
        image: `${origin}/api/snapshots/cam/2026-01-01/a.jpg?u=u1&exp=1&sig=x`,
        icon: `${origin}/favicon.svg`,
        tag: 'argus-alert-a-1',
        data: { url: `${origin}/alerts?alert=a-1` },
      }),
    ]);
  }, 60_000);
});
