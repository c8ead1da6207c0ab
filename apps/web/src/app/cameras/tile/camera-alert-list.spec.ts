import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ConsoleTesting, setUpConsole, visibleName } from '../../../testing/console-testing';
import { aCamera, anAlert, pageOf } from '../../../testing/fixtures';
import { CameraAlertList } from './camera-alert-list';

describe('CameraAlertList', () => {
  let t: ConsoleTesting;
  let fixture: ComponentFixture<CameraAlertList>;

  beforeEach(async () => {
    t = setUpConsole();
    fixture = TestBed.createComponent(CameraAlertList);
    fixture.componentRef.setInput('camera', aCamera({ id: 'c1', name: 'Front door' }));
    await fixture.whenStable();
    TestBed.tick(); // opens the socket
  });

  afterEach(() => {
    t.http.verify();
  });

  function rows(): string[] {
    return [...(fixture.nativeElement as HTMLElement).querySelectorAll('li button')].map((row) => visibleName(row));
  }

  async function loadInitial(...alerts: ReturnType<typeof anAlert>[]): Promise<void> {
    const request = t.http.expectOne((req) => req.url === '/api/alerts');
    expect(request.request.params.get('cameraId')).toBe('c1');
    expect(request.request.params.get('limit')).toBe('5');
    request.flush(pageOf(alerts));
    await fixture.whenStable();
  }

  it('says when there are no alerts yet', async () => {
    await loadInitial();
    expect(fixture.nativeElement.textContent).toContain('No alerts yet.');
  });

  it('puts live alerts from the socket on top, newest first, keeping five', async () => {
    await loadInitial(
      anAlert({ alertId: 'a2', timestamp: '2026-03-01T10:02:00Z', meta: { faces: 2 } }),
      anAlert({ alertId: 'a1', timestamp: '2026-03-01T10:01:00Z' }),
    );
    expect(rows()).toHaveLength(2);
    expect(rows()[0]).toMatch(/^2 faces at .*open snapshot$/);

    const socket = t.sockets[0];
    socket.fire('alert', anAlert({ alertId: 'a3', timestamp: '2026-03-01T10:03:00Z', meta: { faces: 3 } }));
    socket.fire('alert', anAlert({ alertId: 'other', cameraId: 'c9', timestamp: '2026-03-01T10:04:00Z' }));
    socket.fire('alert', anAlert({ alertId: 'a3', timestamp: '2026-03-01T10:03:00Z', meta: { faces: 3 } }));
    await fixture.whenStable();
    expect(rows()).toHaveLength(3);
    expect(rows()[0]).toMatch(/^3 faces at /);

    for (const n of [4, 5, 6, 7]) socket.fire('alert', anAlert({ alertId: `a${n}`, timestamp: `2026-03-01T10:0${n}:00Z`, meta: { faces: n } }));
    await fixture.whenStable();
    expect(rows().map((row) => row.split(' ')[0])).toEqual(['7', '6', '5', '4', '3']);
  });

  it('names the object of an object alert', async () => {
    await loadInitial(anAlert({ alertId: 'a1', kind: 'object', label: 'car', meta: { faces: 0 } }));
    expect(rows()[0]).toMatch(/^Car at .*open snapshot$/);
    expect((fixture.nativeElement as HTMLElement).querySelector('li mat-icon')?.textContent?.trim()).toBe('category');
  });

  it('names who each alert saw, and follows a corrected identity', async () => {
    await loadInitial(
      anAlert({ alertId: 'a2', timestamp: '2026-03-01T10:02:00Z', person: { id: 'p1', name: 'Eileen', similarity: 0.97 } }),
      anAlert({ alertId: 'a1', timestamp: '2026-03-01T10:01:00Z', person: null, unknownId: 'u-0123456789' }),
    );
    expect(rows()[0]).toMatch(/^Eileen · 1 face at .*open snapshot$/);
    expect(rows()[1]).toMatch(/^Unknown #\S+ · 1 face at /);

    t.sockets[0].fire('alert_updated', anAlert({ alertId: 'a1', timestamp: '2026-03-01T10:01:00Z', person: { id: 'p2', name: 'Sam', similarity: 1 } }));
    await fixture.whenStable();
    expect(rows()[1]).toMatch(/^Sam · 1 face at /);
  });

  it('opens the snapshot of a clicked alert', async () => {
    await loadInitial(anAlert({ alertId: 'a1', snapshotUrl: '/api/snapshots/a1.jpg?sig=abc' }));
    (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('li button')?.click();
    await fixture.whenStable();
    const image = document.querySelector<HTMLImageElement>('mat-dialog-container img');
    expect(image?.getAttribute('src')).toBe('/api/snapshots/a1.jpg?sig=abc');
    expect(image?.alt).toMatch(/^Snapshot of Front door at /);
    expect(document.querySelector('mat-dialog-container h2')?.textContent).toContain('Front door');
  });
});
