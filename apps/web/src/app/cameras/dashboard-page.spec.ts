import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Page } from '../shared/page';
import { Camera } from './camera';
import { DashboardPage } from './dashboard-page';

function camera(overrides: Partial<Camera>): Camera {
  return {
    id: 'c1',
    name: 'Front door',
    location: 'Porch',
    rtspUrl: 'rtsp://user:***@10.0.0.5/stream',
    enabled: true,
    detectionEnabled: true,
    fps: 10,
    status: 'running',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

function pageOf(items: Camera[], total = items.length): Page<Camera> {
  return { items, total, page: 1, limit: 100 };
}

describe('DashboardPage', () => {
  let fixture: ComponentFixture<DashboardPage>;
  let http: HttpTestingController;
  let page: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(DashboardPage);
    page = fixture.nativeElement;
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  function listRequest(): TestRequest {
    return http.expectOne((req) => req.url === '/api/cameras');
  }

  async function respond(body: Page<Camera>): Promise<void> {
    listRequest().flush(body);
    await fixture.whenStable();
  }

  it('asks for the first page and shows progress meanwhile', () => {
    const request = listRequest();
    expect(request.request.params.get('page')).toBe('1');
    expect(request.request.params.get('limit')).toBe('100');
    expect(page.querySelector('mat-progress-bar')?.getAttribute('aria-label')).toBe('Loading cameras');
    request.flush(pageOf([]));
  });

  it('renders a tile per camera with name, location and status', async () => {
    await respond(
      pageOf([
        camera({ id: 'c1', name: 'Front door', location: 'Porch', status: 'running' }),
        camera({ id: 'c2', name: 'Garage', location: 'Driveway', status: 'error' }),
        camera({ id: 'c3', name: 'Attic', location: '', status: 'stopped' }),
      ]),
    );

    const tiles = [...page.querySelectorAll('ul[aria-label=Cameras] > li')];
    expect(tiles).toHaveLength(3);
    expect(tiles.map((tile) => tile.querySelector('h2')?.textContent?.trim())).toEqual(['Front door', 'Garage', 'Attic']);
    expect(tiles[0].textContent).toContain('Porch');
    expect(tiles[2].textContent).toContain('No location');
    expect(tiles.map((tile) => tile.querySelector('mat-chip')?.textContent?.trim())).toEqual(['running', 'error', 'stopped']);
    expect(tiles[1].querySelector('mat-chip')?.classList).toContain('status-error');
    expect(tiles[0].querySelector('[role=img]')?.getAttribute('aria-label')).toBe('Live view of Front door is not available yet');
    expect(page.textContent).toContain('3 cameras');
    expect(page.querySelector('mat-progress-bar')).toBeNull();
  });

  it('says when only part of the list is shown', async () => {
    await respond(pageOf([camera({})], 140));
    expect(page.textContent).toContain('Showing 1 of 140');
  });

  it('explains an empty list', async () => {
    await respond(pageOf([]));
    expect(page.querySelector('ul')).toBeNull();
    expect(page.textContent).toContain('No cameras yet');
  });

  it('reports a failure and retries on request', async () => {
    listRequest().flush({ statusCode: 500, message: 'boom' }, { status: 500, statusText: 'Server Error' });
    await fixture.whenStable();
    expect(page.querySelector('[role=alert]')?.textContent).toContain('Could not load the cameras.');

    page.querySelector<HTMLButtonElement>('[role=alert] button')?.click();
    await fixture.whenStable();
    await respond(pageOf([camera({})]));

    expect(page.querySelector('[role=alert]')).toBeNull();
    expect(page.querySelectorAll('app-camera-card')).toHaveLength(1);
  });
});
