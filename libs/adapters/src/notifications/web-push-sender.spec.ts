import { startPushReceiver, type PushReceiver } from '@argus/tools/testing/notifications/push-receiver';
import { WebPushSender, generateVapidKeys } from './web-push-sender';

describe('WebPushSender', () => {
  let receiver: PushReceiver;
  beforeEach(async () => (receiver = await startPushReceiver()));
  afterEach(() => receiver.close());
  const vapid = generateVapidKeys();
  const sender = new WebPushSender({ vapid, subject: 'mailto:admin@example.com', timeoutMs: 2000, allowPrivate: true });
  const message = { title: 'Ada at Gate', body: 'Yard', url: '/alerts?alert=a-1', alertId: 'a-1', cameraId: 'c-1', image: '/api/snapshots/x' };
  const subscriptionOf = (name: string) => {
    const s = receiver.subscription(name);
    return { id: name, userId: 'u', endpoint: s.endpoint, keys: s.keys, filters: { cameraIds: [], personIds: [], unknownOnly: false, kinds: [] }, createdAt: new Date() };
  };

  it('delivers an aes128gcm payload the browser decrypts with its own keys, signed with VAPID', async () => {
    expect(await sender.send(subscriptionOf('one'), message)).toEqual({ outcome: 'sent' });
    const [push] = await receiver.waitFor(1);
    expect(JSON.parse(push.text)).toEqual(message);
    expect(push.headers['authorization']).toMatch(new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${vapid.publicKey}$`));
    expect(push.headers['ttl']).toBe('3600');
  });

  it('reports a subscription the push service forgot (404, 410) as gone, other errors as failures', async () => {
    receiver.answerWith('gone', 410);
    receiver.answerWith('lost', 404);
    receiver.answerWith('busy', 503);
    expect(await sender.send(subscriptionOf('gone'), message)).toEqual({ outcome: 'gone' });
    expect(await sender.send(subscriptionOf('lost'), message)).toEqual({ outcome: 'gone' });
    expect(await sender.send(subscriptionOf('busy'), message)).toEqual({ outcome: 'failed', error: 'HTTP 503' });
  });

  it('refuses a loopback push endpoint when private addresses are not allowed', async () => {
    const strict = new WebPushSender({ vapid, subject: 'mailto:admin@example.com', timeoutMs: 2000, allowPrivate: false });
    const result = await strict.send(subscriptionOf('one'), message);
    expect(result).toMatchObject({ outcome: 'failed' });
    expect(receiver.received).toEqual([]);
  });
});
