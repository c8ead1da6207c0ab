import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ConsoleTesting, buttonNamed, settle, setUpConsole, toastText, typeInto } from '../../testing/console-testing';
import { aUser } from '../../testing/fixtures';
import { vapidKeyBytes } from './device-push';
import type { Webhook } from './notification-api';
import { WebhooksPage } from './webhooks-page';

const aWebhook = (overrides: Partial<Webhook> = {}): Webhook => ({
  id: 'w1',
  url: 'https://home.example.com/hook',
  hasSecret: true,
  cameraIds: [],
  personIds: [],
  unknownOnly: false,
  kinds: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

describe('WebhooksPage', () => {
  let t: ConsoleTesting;
  let fixture: ComponentFixture<WebhooksPage>;
  let page: HTMLElement;

  beforeEach(async () => {
    t = setUpConsole();
    fixture = TestBed.createComponent(WebhooksPage);
    page = fixture.nativeElement;
    await settle(fixture);
    t.http.expectOne('/api/notifications/webhooks').flush([aWebhook()]);
    await settle(fixture);
  });

  afterEach(() => t.http.verify());

  it('lists the user’s webhooks with what they receive, and shows the delivery log on request', async () => {
    expect(page.textContent).toContain('https://home.example.com/hook');
    expect(page.textContent).toContain('every camera · signed');
    const log = buttonNamed(page, 'Delivery log of https://home.example.com/hook') as HTMLButtonElement;
    expect(log.getAttribute('aria-expanded')).toBe('false');
    log.click();
    await settle(fixture);
    t.http.expectOne('/api/notifications/webhooks/w1/deliveries').flush([
      { id: 'd1', alertId: null, test: true, attempt: 1, at: '2026-01-01T00:00:05.000Z', ok: false, status: 500, error: 'HTTP 500', durationMs: 12, willRetry: false },
    ]);
    await settle(fixture);
    expect(log.getAttribute('aria-expanded')).toBe('true');
    expect(page.querySelector('#log-w1')?.textContent).toContain('HTTP 500');
    expect(page.querySelector('#log-w1')?.textContent).toContain('Failed');
  });

  it('adds a webhook with the API’s reasons shown when it refuses', async () => {
    (buttonNamed(page, 'Add webhook') as HTMLButtonElement).click();
    await settle(fixture);
    t.http.match('/api/auth/me').forEach((r) => r.flush(aUser({ id: 'u1', username: 'ann', role: 'viewer' })));
    await settle(fixture);
    t.http.match('/api/cameras?limit=100').forEach((r) => r.flush({ items: [], total: 0, page: 1, limit: 100 }));
    typeInto(page, 'URL', 'http://10.0.0.2/hook');
    (buttonNamed(page, 'Add') as HTMLButtonElement).click();
    await settle(fixture);
    t.http.expectOne({ method: 'POST', url: '/api/notifications/webhooks' }).flush(
      { statusCode: 400, message: 'url: 10.0.0.2 is a private or loopback address, which this installation does not deliver to' },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle(fixture);
    expect(page.querySelector('[role=alert]')?.textContent).toContain('10.0.0.2 is a private or loopback address');
    typeInto(page, 'URL', 'https://hooks.example.com/argus');
    (buttonNamed(page, 'Add') as HTMLButtonElement).click();
    await settle(fixture);
    const req = t.http.expectOne({ method: 'POST', url: '/api/notifications/webhooks' });
    expect(req.request.body).toEqual({ url: 'https://hooks.example.com/argus' });
    req.flush(aWebhook({ id: 'w2', url: 'https://hooks.example.com/argus', hasSecret: false }));
    await settle(fixture);
    expect(toastText()).toContain('Webhook added');
    expect(page.querySelectorAll('li h2, li p.break-all').length).toBe(2);
  });

  it('sends a test delivery', async () => {
    (buttonNamed(page, 'Send a test delivery to https://home.example.com/hook') as HTMLButtonElement).click();
    await settle(fixture);
    t.http.expectOne({ method: 'POST', url: '/api/notifications/webhooks/w1/test' }).flush(null, { status: 202, statusText: 'Accepted' });
    await settle(fixture);
    expect(toastText()).toContain('Test delivery sent');
    await settle(fixture, 1600);
    t.http.expectOne('/api/notifications/webhooks/w1/deliveries').flush([]);
    await settle(fixture);
  });
});

describe('vapidKeyBytes', () => {
  it('decodes base64url into the key bytes', () => {
    expect([...vapidKeyBytes('BAEC_-8')]).toEqual([4, 1, 2, 255, 239]);
  });
});
