import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ConsoleTesting, setUpConsole } from '../../testing/console-testing';
import { ClusterPage } from './cluster-page';

const node = (id: string, role: 'api' | 'worker' | 'all', cameras: number, labels: string[] = []) => ({
  id,
  role,
  host: `${id}.lan`,
  startedAt: '2026-01-01T10:00:00Z',
  lastSeen: '2026-01-01T10:05:00Z',
  cameras,
  labels,
  capacity: role === 'api' ? 0 : 2,
});

const camera = (id: string, name: string, status: string, nodeId?: string, error?: string) => ({
  id, name, status, ...(nodeId ? { node: nodeId } : {}), ...(error ? { error } : {}),
});

describe('ClusterPage', () => {
  let t: ConsoleTesting;
  let fixture: ComponentFixture<ClusterPage>;
  let page: HTMLElement;

  async function settle(): Promise<void> {
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  const cells = (table: string) =>
    [...page.querySelectorAll(`table[aria-label="${table}"] tr[mat-row]`)].map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent?.trim()));

  beforeEach(async () => {
    t = setUpConsole();
    fixture = TestBed.createComponent(ClusterPage);
    page = fixture.nativeElement;
    await fixture.whenStable();
  });

  afterEach(() => {
    fixture.destroy();
    t.http.verify();
  });

  it('lists the nodes and which one runs each camera', async () => {
    t.http.expectOne('/api/cluster').flush({ nodes: [node('api-1', 'api', 0), node('w-1', 'worker', 1, ['site-north'])] });
    t.http
      .expectOne((r) => r.url === '/api/cameras')
      .flush({ items: [camera('c1', 'Gate', 'running', 'w-1'), camera('c2', 'Dock', 'error', undefined, 'no worker with label "dock" is up')], total: 2, page: 1, limit: 100 });
    await settle();
    expect(cells('Nodes').map((row) => row.slice(0, 5))).toEqual([
      ['api-1', 'API', 'api-1.lan', '—', '—'],
      ['w-1', 'Worker', 'w-1.lan', '1', 'site-north'],
    ]);
    expect(cells('Cameras by node')).toEqual([
      ['Gate', 'running', 'w-1 (w-1.lan)'],
      ['Dock', 'error (no worker with label "dock" is up)', '—'],
    ]);
  });

  it('says so when the cluster cannot be loaded, and tries again on Retry', async () => {
    const cameras = t.http.expectOne((r) => r.url === '/api/cameras');
    t.http.expectOne('/api/cluster').flush({ message: 'down' }, { status: 503, statusText: 'Unavailable' });
    expect(cameras.cancelled).toBe(true);
    await settle();
    expect(page.querySelector('[role=alert]')?.textContent).toContain('Could not load the cluster.');
    (page.querySelector('[role=alert] button') as HTMLButtonElement).click();
    t.http.expectOne('/api/cluster').flush({ nodes: [node('local', 'all', 0)] });
    t.http.expectOne((r) => r.url === '/api/cameras').flush({ items: [], total: 0, page: 1, limit: 100 });
    await settle();
    expect(cells('Nodes').map((row) => row[1])).toEqual(['API and cameras']);
    expect(page.textContent).toContain('No cameras yet.');
  });
});
