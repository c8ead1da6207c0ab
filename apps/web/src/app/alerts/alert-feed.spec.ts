import { TestBed } from '@angular/core/testing';
import { ConsoleTesting, setUpConsole, toastText } from '../../testing/console-testing';
import { anAlert, pageOf } from '../../testing/fixtures';
import { AlertFeed } from './alert-feed';

describe('AlertFeed', () => {
  let t: ConsoleTesting;
  let feed: AlertFeed;

  beforeEach(() => {
    t = setUpConsole();
    feed = TestBed.inject(AlertFeed);
    TestBed.tick();
  });

  afterEach(() => t.http.verify());

  function dropAndComeBack(): void {
    const socket = t.sockets[0];
    socket.fire('connect');
    socket.fire('disconnect', 'transport close');
    socket.fire('connect');
  }

  it('after a reconnect fetches the alerts since the newest one seen, every page', async () => {
    feed.load('c1');
    t.http.expectOne((req) => req.url === '/api/alerts').flush(pageOf([anAlert({ alertId: 'a1', timestamp: '2026-03-01T10:00:00.000Z' })]));
    t.sockets[0].fire('alert', anAlert({ alertId: 'a2', timestamp: '2026-03-01T10:05:00.000Z' }));

    dropAndComeBack();
    const first = t.http.expectOne((req) => req.url === '/api/alerts');
    expect(first.request.params.get('from')).toBe('2026-03-01T10:05:00.000Z');
    expect(first.request.params.get('page')).toBe('1');
    const missed = Array.from({ length: 100 }, (_, i) =>
      anAlert({ alertId: `m${i}`, cameraId: i % 2 ? 'c1' : 'c2', timestamp: new Date(Date.UTC(2026, 2, 1, 11, 0, i)).toISOString() }),
    );
    first.flush(pageOf([anAlert({ alertId: 'a2', timestamp: '2026-03-01T10:05:00.000Z' }), ...missed.slice(0, 99)], 101, 1, 100));
    const second = t.http.expectOne((req) => req.url === '/api/alerts' && req.params.get('page') === '2');
    second.flush(pageOf([missed[99]], 101, 2, 100));

    expect(feed.recent('c1').map((a) => a.alertId)).toEqual(['m99', 'm97', 'm95', 'm93', 'm91']);
    expect(feed.recent('c2')[0].alertId).toBe('m98');
    expect(toastText()).toContain('100 alerts arrived while disconnected');
  });

  it('uses the start of the session when no alert was seen yet', () => {
    const before = Date.now();
    dropAndComeBack();
    const request = t.http.expectOne((req) => req.url === '/api/alerts');
    expect(Date.parse(request.request.params.get('from') ?? '')).toBeLessThanOrEqual(before);
    request.flush(pageOf([]));
    expect(toastText()).toBe('');
  });

  it('takes the new version of a listed alert from alert_updated, and ignores others', () => {
    t.sockets[0].fire('alert', anAlert({ alertId: 'a1', cameraId: 'c1' }));
    t.sockets[0].fire('alert_updated', anAlert({ alertId: 'a1', cameraId: 'c1', person: { id: 'p1', name: 'Alice', similarity: 0.8 } }));
    t.sockets[0].fire('alert_updated', anAlert({ alertId: 'other', cameraId: 'c1' }));
    expect(feed.recent('c1').map((a) => [a.alertId, a.person?.name])).toEqual([['a1', 'Alice']]);
  });

  it('loads a camera only once', () => {
    feed.load('c1');
    feed.load('c1');
    t.http.expectOne((req) => req.url === '/api/alerts').flush(pageOf([]));
  });
});
