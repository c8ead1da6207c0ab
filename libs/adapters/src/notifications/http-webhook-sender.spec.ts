import { createHmac } from 'node:crypto';
import { startWebhookReceiver, type WebhookReceiver } from '@argus/tools/testing/notifications/webhook-receiver';
import { isPrivateAddress, privateHostInUrl } from './address-policy';
import { HttpWebhookSender, webhookSignature } from './http-webhook-sender';

describe('HttpWebhookSender', () => {
  let receiver: WebhookReceiver;
  beforeEach(async () => (receiver = await startWebhookReceiver()));
  afterEach(() => receiver.close());
  const sender = new HttpWebhookSender({ timeoutMs: 500, allowPrivate: true });

  it('posts the body as JSON with an HMAC-SHA256 signature of it a receiver can check', async () => {
    const body = JSON.stringify({ alertId: 'a-1', note: 'héllo' });
    const result = await sender.send({ url: `${receiver.url}/hook`, secret: 'top-secret', body });
    expect(result).toMatchObject({ ok: true, status: 200, error: null });
    const [got] = receiver.received;
    expect(got.body).toBe(body);
    expect(got.headers['content-type']).toBe('application/json');
    const expected = 'sha256=' + createHmac('sha256', 'top-secret').update(got.body).digest('hex');
    expect(got.headers['x-argus-signature']).toBe(expected);
    expect(webhookSignature(body, 'top-secret')).toBe(expected);
  });

  it('sends no signature without a secret', async () => {
    await sender.send({ url: `${receiver.url}/plain`, secret: null, body: '{}' });
    expect(receiver.received[0].headers).not.toHaveProperty('x-argus-signature');
  });

  it('counts a 500, a time-out and a refused connection as failures', async () => {
    receiver.behave('/broken', { status: 500 });
    receiver.behave('/slow', { hang: true });
    expect(await sender.send({ url: `${receiver.url}/broken`, secret: null, body: '{}' })).toMatchObject({ ok: false, status: 500, error: 'HTTP 500' });
    expect(await sender.send({ url: `${receiver.url}/slow`, secret: null, body: '{}' })).toMatchObject({ ok: false, status: null, error: 'timed out after 0.5 s' });
    const closed = await sender.send({ url: 'http://127.0.0.1:1/', secret: null, body: '{}' });
    expect(closed).toMatchObject({ ok: false, status: null });
    expect(closed.error).toMatch(/ECONNREFUSED/);
  });

  it('never follows a redirect', async () => {
    receiver.behave('/moved', { redirect: `${receiver.url}/elsewhere` });
    const result = await sender.send({ url: `${receiver.url}/moved`, secret: null, body: '{}' });
    expect(result).toMatchObject({ ok: false, status: 307, error: `redirect to ${receiver.url}/elsewhere not followed` });
    expect(receiver.received.map((r) => r.path)).toEqual(['/moved']);
  });

  it('with private addresses refused, refuses loopback literals and names that resolve to them', async () => {
    // A public-looking name that resolves to the machine itself (DNS rebinding, a LAN name).
    const resolve = ((hostname: string, options: object, callback: (e: null, a: Array<{ address: string; family: number }>) => void) =>
      callback(null, [{ address: '127.0.0.1', family: 4 }])) as unknown as typeof import('node:dns').lookup;
    const strict = new HttpWebhookSender({ timeoutMs: 500, allowPrivate: false, resolve });
    const literal = await strict.send({ url: `${receiver.url}/x`, secret: null, body: '{}' });
    expect(literal).toMatchObject({ ok: false, status: null });
    expect(literal.error).toMatch(/127\.0\.0\.1 is a private or loopback address/);
    const port = new URL(receiver.url).port;
    const named = await strict.send({ url: `http://hooks.example.com:${port}/x`, secret: null, body: '{}' });
    expect(named.error).toBe('hooks.example.com resolves to 127.0.0.1, a private or loopback address (WEBHOOK_ALLOW_PRIVATE=false)');
    expect(receiver.received).toEqual([]);
  });
});

describe('address policy', () => {
  it('knows private, loopback, link-local and mapped addresses from public ones', () => {
    for (const ip of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1']) {
      expect([ip, isPrivateAddress(ip)]).toEqual([ip, true]);
    }
    for (const ip of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8']) {
      expect([ip, isPrivateAddress(ip)]).toEqual([ip, false]);
    }
    expect(privateHostInUrl(new URL('http://[::1]:8080/'))).toBe('::1');
    expect(privateHostInUrl(new URL('http://LOCALHOST/'))).toBe('localhost');
    expect(privateHostInUrl(new URL('https://hooks.example.com/'))).toBeNull();
  });
});
