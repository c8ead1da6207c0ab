import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ConsoleTesting, buttonNamed, setUpConsole, visibleName } from '../../testing/console-testing';
import { aCamera, pageOf } from '../../testing/fixtures';
import { Camera } from './camera';
import { DashboardPage } from './dashboard-page';

describe('DashboardPage', () => {
  let t: ConsoleTesting;
  let fixture: ComponentFixture<DashboardPage>;
  let page: HTMLElement;

  beforeEach(async () => {
    t = setUpConsole();
    fixture = TestBed.createComponent(DashboardPage);
    page = fixture.nativeElement;
    await fixture.whenStable();
    t.signedInAs({ id: 'u1', role: 'admin' });
  });

  afterEach(() => t.http.verify());

  const listRequest = () => t.http.expectOne((req) => req.url === '/api/cameras');

  async function respond(cameras: Camera[], total = cameras.length): Promise<void> {
    listRequest().flush(pageOf(cameras, total));
    await fixture.whenStable();
    // Each tile asks for its camera's latest alerts.
    for (const request of t.http.match((req) => req.url === '/api/alerts')) request.flush(pageOf([]));
    await fixture.whenStable();
  }

  const tiles = () => [...page.querySelectorAll('ul[aria-label=Cameras] > li')];

  it('asks for the first page and shows progress meanwhile', () => {
    const request = listRequest();
    expect(request.request.params.get('page')).toBe('1');
    expect(request.request.params.get('limit')).toBe('100');
    expect(request.request.params.has('enabled')).toBe(false);
    expect(page.querySelector('mat-progress-bar')?.getAttribute('aria-label')).toBe('Loading cameras');
    request.flush(pageOf([]));
  });

  it('renders a tile region per camera with its name, location and status', async () => {
    await respond([
      aCamera({ id: 'c1', name: 'Front door', location: 'Porch', status: 'running' }),
      aCamera({ id: 'c2', name: 'Garage', location: 'Driveway', status: 'error', error: 'timeout' }),
      aCamera({ id: 'c3', name: 'Attic', location: '', status: 'stopped' }),
    ]);
    expect(tiles()).toHaveLength(3);
    expect(tiles().map((tile) => tile.querySelector('section')?.getAttribute('aria-label'))).toEqual(['Front door', 'Garage', 'Attic']);
    expect(tiles()[2].textContent).toContain('No location');
    expect(tiles().map((tile) => tile.querySelector('mat-chip')?.textContent?.trim())).toEqual(['running', 'error', 'stopped']);
    expect(page.querySelector('[data-testid=camera-count]')?.textContent?.trim()).toBe('3 cameras');
    expect(page.querySelector('mat-progress-bar')).toBeNull();
  });

  it('follows camera_state events: status, reason and measured FPS', async () => {
    await respond([aCamera({ id: 'c1', status: 'starting' })]);
    t.sockets[0].fire('camera_state', { cameraId: 'c1', status: 'running', fps: 7.5, timestamp: '2026-03-01T10:00:00Z' });
    await fixture.whenStable();
    expect(tiles()[0].querySelector('mat-chip')?.textContent?.trim()).toBe('running');
    expect(tiles()[0].querySelector('[data-testid=processing-fps]')?.textContent).toContain('Processing 7.5 fps');
    expect(tiles()[0].querySelector('argus-live-video')).not.toBeNull();

    t.sockets[0].fire('camera_state', { cameraId: 'c1', status: 'error', fps: 0, error: 'stream ended', timestamp: '2026-03-01T10:00:05Z' });
    await fixture.whenStable();
    expect(tiles()[0].querySelector('[data-testid=error-reason]')?.textContent?.trim()).toBe('stream ended');
    expect(tiles()[0].querySelector('[data-testid=processing-fps]')).toBeNull();
    expect(tiles()[0].querySelector('argus-live-video')).toBeNull();
  });

  it('filters on enabled cameras through the API', async () => {
    await respond([aCamera({})]);
    const enabled = [...page.querySelectorAll('mat-button-toggle button')].find((b) => visibleName(b) === 'Enabled') as HTMLButtonElement;
    enabled.click();
    await fixture.whenStable();
    expect(listRequest().request.params.get('enabled')).toBe('true');
  });

  it('says when only part of the list is shown', async () => {
    await respond([aCamera({})], 140);
    expect(page.textContent).toContain('Showing 1 of 140');
  });

  it('explains an empty list', async () => {
    await respond([]);
    expect(page.querySelector('ul')).toBeNull();
    expect(page.textContent).toContain('No cameras yet');
  });

  it('offers "Add camera" to admins and operators', async () => {
    await respond([]);
    expect(buttonNamed(page, 'Add camera')).toBeDefined();
  });

  it('reports a failure and retries on request', async () => {
    listRequest().flush({ statusCode: 500, message: 'boom' }, { status: 500, statusText: 'Server Error' });
    await fixture.whenStable();
    expect(page.querySelector('[role=alert]')?.textContent).toContain('Could not load the cameras.');

    buttonNamed(page, 'Retry')?.click();
    await fixture.whenStable();
    await respond([aCamera({})]);
    expect(page.querySelector('[role=alert]')).toBeNull();
    expect(page.querySelectorAll('app-camera-tile')).toHaveLength(1);
  });
});

describe('DashboardPage for a viewer', () => {
  it('offers no "Add camera"', async () => {
    const t = setUpConsole();
    const fixture = TestBed.createComponent(DashboardPage);
    await fixture.whenStable();
    t.signedInAs({ role: 'viewer' });
    t.http.expectOne((req) => req.url === '/api/cameras').flush(pageOf([]));
    await fixture.whenStable();
    expect(buttonNamed(fixture.nativeElement, 'Add camera')).toBeUndefined();
  });
});
