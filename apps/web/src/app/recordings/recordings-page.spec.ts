import { ComponentFixture, TestBed } from '@angular/core/testing';
import { TestRequest } from '@angular/common/http/testing';
import { ConsoleTesting, buttonNamed, setUpConsole } from '../../testing/console-testing';
import { aCamera, anAlert } from '../../testing/fixtures';
import { RecordingsPage } from './recordings-page';

describe('RecordingsPage', () => {
  const day = new Date(2026, 2, 1).getTime();
  const at = (h: number, m = 0, s = 0) => new Date(2026, 2, 1, h, m, s).getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  let t: ConsoleTesting;
  let fixture: ComponentFixture<RecordingsPage>;
  let page: HTMLElement;

  beforeEach(() => {
    jest.useFakeTimers({ now: at(15), doNotFake: ['setTimeout', 'setImmediate', 'queueMicrotask', 'nextTick'] });
  });
  afterEach(() => {
    jest.useRealTimers();
    t.http.verify();
  });

  const spansRequest = () => t.http.expectOne((req) => req.url === '/api/cameras/c1/recordings');
  const alertsRequest = () => t.http.expectOne((req) => req.url === '/api/alerts');

  async function render(): Promise<void> {
    t = setUpConsole();
    fixture = TestBed.createComponent(RecordingsPage);
    fixture.componentRef.setInput('id', 'c1');
    page = fixture.nativeElement;
    await settle();
    t.http.expectOne('/api/cameras/c1').flush(aCamera({ name: 'Gate', recording: { mode: 'continuous', preSeconds: 8, postSeconds: 10 } }));
  }

  async function answer(spans: TestRequest, alerts: TestRequest, items = [{ start: iso(at(9)), end: iso(at(9, 30)), bytes: 1000 }, { start: iso(at(14)), end: iso(at(16)), bytes: 2000 }]): Promise<void> {
    spans.flush({ items });
    alerts.flush({ items: [anAlert({ alertId: 'a1', timestamp: iso(at(14, 20)), person: { id: 'p1', name: 'Alice', similarity: 0.9 } })], total: 1, page: 1, limit: 100 });
    await settle();
  }

  async function settle(): Promise<void> {
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  const video = () => page.querySelector<HTMLVideoElement>('[data-testid=recording-video]');
  const slider = () => page.querySelector('[role=slider]') as HTMLElement;
  const videoRange = () => {
    const url = new URL(video()?.getAttribute('src') ?? '', 'http://x');
    return [url.pathname, url.searchParams.get('from'), url.searchParams.get('to'), url.searchParams.get('token') === t.storage.getItem('argus.token')];
  };

  it("asks for today's spans and alerts, and shows them on the timeline", async () => {
    await render();
    const spans = spansRequest();
    expect([spans.request.params.get('from'), spans.request.params.get('to')]).toEqual([iso(day), iso(day + 24 * 3600_000)]);
    const alerts = alertsRequest();
    expect(alerts.request.params.get('cameraId')).toBe('c1');
    expect(alerts.request.params.get('from')).toBe(iso(day));
    await answer(spans, alerts);
    expect(page.querySelector('h1')?.textContent?.trim()).toBe('Recordings of Gate');
    expect(page.querySelectorAll('[data-testid=span]')).toHaveLength(2);
    expect(page.querySelectorAll('[data-testid=alert-marker]')).toHaveLength(1);
    expect(page.querySelector('[role=status]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('2 recorded spans, 2 h 30 min; 1 alert');
    expect(video()).toBeNull();
  });

  it('plays from the moment picked on the timeline, up to the end of its span, and follows the player', async () => {
    await render();
    await answer(spansRequest(), alertsRequest());
    slider().dispatchEvent(new KeyboardEvent('keydown', { key: 'End' })); // 23:59:59: nothing after it
    await settle();
    expect(page.querySelector('[data-testid=notice]')?.textContent).toContain('Nothing is recorded from 23:59:59');
    expect(video()).toBeNull();

    slider().dispatchEvent(new KeyboardEvent('keydown', { key: 'Home' })); // midnight: the 09:00 span
    await settle();
    expect(page.querySelector('[data-testid=notice]')?.textContent).toContain('playing from 09:00:00');
    expect(videoRange()).toEqual(['/api/cameras/c1/recordings/video', iso(at(9)), iso(at(9, 30)), true]);
    expect(video()?.getAttribute('aria-label')).toBe('Recording of Gate from 09:00:00');

    Object.defineProperty(video(), 'currentTime', { value: 65, configurable: true });
    video()?.dispatchEvent(new Event('timeupdate'));
    await settle();
    expect(slider().getAttribute('aria-valuetext')).toBe('09:01:05');
  });

  it('plays an alert from a little before it (the camera’s pre-roll)', async () => {
    await render();
    await answer(spansRequest(), alertsRequest());
    buttonNamed(page, 'Play the alert at 14:20:00: Alice')?.click();
    await settle();
    expect(videoRange()).toEqual(['/api/cameras/c1/recordings/video', iso(at(14, 19, 52)), iso(at(15, 19, 52)), true]);
  });

  it('downloads a span marked from the player or typed, an hour at most', async () => {
    await render();
    await answer(spansRequest(), alertsRequest());
    const download = () => page.querySelector<HTMLAnchorElement>('[data-testid=download]');
    expect(buttonNamed(page, 'Start at the playing moment')?.disabled).toBe(true);
    buttonNamed(page, 'Play the alert at 14:20:00: Alice')?.click();
    await settle();
    buttonNamed(page, 'Start at the playing moment')?.click();
    await settle();
    const to = page.querySelectorAll<HTMLInputElement>('input[type=time]')[1];
    to.value = '15:30:00';
    to.dispatchEvent(new Event('input'));
    await settle();
    expect(page.textContent).toContain('At most one hour at a time');
    expect(download()).toBeNull();
    to.value = '14:25:00';
    to.dispatchEvent(new Event('input'));
    await settle();
    const href = new URL(download()?.getAttribute('href') ?? '', 'http://x');
    expect([href.pathname, href.searchParams.get('from'), href.searchParams.get('to'), href.searchParams.get('token')]).toEqual([
      '/api/cameras/c1/recordings/video',
      iso(at(14, 19, 52)),
      iso(at(14, 25)),
      t.storage.getItem('argus.token'),
    ]);
    expect(download()?.getAttribute('download')).toBe('Gate 2026-03-01 14-19-52.mp4');
  });

  it('moves between days, and offers to try again when loading fails', async () => {
    await render();
    await answer(spansRequest(), alertsRequest());
    buttonNamed(page, 'Previous day')?.click();
    await settle();
    const spans = spansRequest();
    expect(spans.request.params.get('from')).toBe(iso(new Date(2026, 1, 28).getTime()));
    const alerts = alertsRequest();
    spans.flush({ message: 'down' }, { status: 500, statusText: 'Server Error' });
    expect(alerts.cancelled).toBe(true);
    await settle();
    expect(page.querySelector('[role=alert]')?.textContent).toContain('The recordings could not be loaded');
    buttonNamed(page, 'Try again')?.click();
    await settle();
    await answer(spansRequest(), alertsRequest(), []);
    expect(page.querySelector('[role=status]')?.textContent).toContain('Nothing recorded on this day');

    const dayInput = page.querySelector<HTMLInputElement>('input[type=date]') as HTMLInputElement;
    expect(dayInput.value).toBe('2026-02-28');
    dayInput.value = '2026-01-15';
    dayInput.dispatchEvent(new Event('change'));
    await settle();
    expect(spansRequest().request.params.get('from')).toBe(iso(new Date(2026, 0, 15).getTime()));
    alertsRequest().flush({ items: [], total: 0, page: 1, limit: 100 });
  });

  it('zooms the timeline around the moment picked, and follows the player out of the window', async () => {
    await render();
    await answer(spansRequest(), alertsRequest());
    buttonNamed(page, 'Play the alert at 14:20:00: Alice')?.click();
    await settle();
    const toggle = [...page.querySelectorAll<HTMLButtonElement>('mat-button-toggle button')].find((b) => b.textContent?.trim() === '10 minutes');
    toggle?.click();
    await settle();
    // 14:14:52–14:24:52 around the moment playing (14:19:52): the alert at 14:20 lies just right of the middle.
    const marker = page.querySelector<HTMLElement>('[data-testid=alert-marker]');
    expect(Number.parseFloat(marker?.style.left ?? '')).toBeCloseTo(51.33, 1);
    expect(slider().getAttribute('aria-valuemax')).toBe('600');
    expect(slider().getAttribute('aria-valuenow')).toBe('300');
    Object.defineProperty(video(), 'currentTime', { value: 400, configurable: true }); // 14:26:32: past the window
    video()?.dispatchEvent(new Event('timeupdate'));
    await settle();
    expect(slider().getAttribute('aria-valuenow')).toBe('300');
    expect(slider().getAttribute('aria-valuetext')).toBe('14:26:32');
  });

  it('says why the camera does not record, and when it records only clips', async () => {
    t = setUpConsole();
    fixture = TestBed.createComponent(RecordingsPage);
    fixture.componentRef.setInput('id', 'c1');
    page = fixture.nativeElement;
    await settle();
    t.http.expectOne('/api/cameras/c1').flush(aCamera({ recording: { mode: 'events', preSeconds: 5, postSeconds: 10 }, recordingError: 'the disk is full' }));
    await answer(spansRequest(), alertsRequest(), []);
    expect(page.querySelector('[role=alert]')?.textContent?.trim()).toBe('Recording fails: the disk is full');
    expect(page.querySelector('[data-testid=mode-note]')?.textContent).toContain('only clips around its alerts');
  });

  it('names every control', async () => {
    await render();
    await answer(spansRequest(), alertsRequest());
    const unnamed = [...page.querySelectorAll<HTMLElement>('button, a, input, [role=slider]')].filter((el) => {
      const label = el.getAttribute('aria-label') ?? (el.id ? page.querySelector(`label[for="${el.id}"]`)?.textContent : null) ?? el.textContent;
      return !label?.trim();
    });
    expect(unnamed.map((el) => el.outerHTML.slice(0, 80))).toEqual([]);
  });
});
