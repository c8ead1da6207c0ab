import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { ConsoleTesting, buttonNamed, setUpConsole, visibleName } from '../../../testing/console-testing';
import { aCamera, anAlert, pageOf } from '../../../testing/fixtures';
import { Camera } from '../camera';
import { ZoneEditorDialog, type ZoneEditorData } from './zone-editor-dialog';

const DOOR = { name: 'Door', kind: 'zone' as const, points: [[0.1, 0.1], [0.5, 0.1], [0.5, 0.5]] as [number, number][] };

describe('ZoneEditorDialog', () => {
  let t: ConsoleTesting;
  let closed: jest.Mock;
  let dialog: HTMLElement;

  async function open(camera: Camera, still: string | null = 'data:image/jpeg;base64,AAAA'): Promise<void> {
    t = setUpConsole();
    TestBed.tick();
    const ref = TestBed.inject(MatDialog).open<ZoneEditorDialog, ZoneEditorData, Camera>(ZoneEditorDialog, { data: { camera, still } });
    closed = jest.fn();
    ref.afterClosed().subscribe(closed);
    await settle();
    dialog = document.querySelector('mat-dialog-container') as HTMLElement;
  }

  async function settle(): Promise<void> {
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
  }

  /** The picture is 200×100 px on screen. */
  function surface(): HTMLElement {
    const element = dialog.querySelector('[data-testid=zone-surface]') as HTMLElement;
    element.getBoundingClientRect = () => ({ left: 0, top: 0, width: 200, height: 100, right: 200, bottom: 100, x: 0, y: 0, toJSON: () => ({}) });
    return element;
  }

  function pointer(target: Element, type: string, clientX: number, clientY: number): void {
    const event = new MouseEvent(type, { bubbles: true, clientX, clientY, button: 0 });
    target.dispatchEvent(event);
  }

  const corners = () => [...dialog.querySelectorAll('[data-testid=zone-point]')] as HTMLButtonElement[];
  const polygons = () => [...dialog.querySelectorAll('polygon')].map((p) => p.getAttribute('points'));

  afterEach(() => {
    t.http.verify();
    TestBed.inject(MatDialog).closeAll();
  });

  it('draws a new zone by clicking the picture and saves it with PUT /api/cameras/:id/zones', async () => {
    await open(aCamera());
    expect(dialog.querySelector('img')?.getAttribute('src')).toBe('data:image/jpeg;base64,AAAA');
    expect(dialog.textContent).toContain('No zones or masks');
    buttonNamed(dialog, 'Add zone')?.click();
    await settle();
    for (const [x, y] of [[20, 10], [100, 10], [100, 80]]) pointer(surface(), 'pointerdown', x, y);
    await settle();
    expect(corners()).toHaveLength(3);
    expect(polygons()).toEqual(['10,10 50,10 50,80']);
    expect(visibleName(corners()[0])).toBe('Corner 1 of Zone 1, at 10 %, 10 %. Arrow keys move it, Delete removes it.');

    buttonNamed(dialog, 'Save')?.click();
    const request = t.http.expectOne('/api/cameras/c1/zones');
    expect(request.request.method).toBe('PUT');
    expect(request.request.body).toEqual({ zones: [{ name: 'Zone 1', kind: 'zone', points: [[0.1, 0.1], [0.5, 0.1], [0.5, 0.8]] }] });
    request.flush(aCamera({ zones: request.request.body.zones }));
    await settle();
    expect(closed).toHaveBeenCalledWith(expect.objectContaining({ zones: request.request.body.zones }));
  });

  it('moves a corner by dragging it, or with the arrow keys, and removes it with Delete', async () => {
    await open(aCamera({ zones: [DOOR] }));
    surface();
    const first = corners()[0];
    pointer(first, 'pointerdown', 20, 10);
    pointer(first, 'pointermove', 40, 30);
    pointer(first, 'pointerup', 40, 30);
    pointer(first, 'pointermove', 180, 90); // released: no longer follows
    await settle();
    expect(polygons()).toEqual(['20,30 50,10 50,50']);
    expect(corners()).toHaveLength(3); // dragging did not add a corner

    // Key presses faster than the next render all count.
    corners()[1].dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    corners()[1].dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', shiftKey: true, bubbles: true }));
    await settle();
    expect(polygons()).toEqual(['20,30 51,15 50,50']);

    corners()[2].dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true }));
    await settle();
    expect(corners()).toHaveLength(2);
    expect(dialog.querySelector('[data-testid=zone-problems]')?.textContent).toContain('Door needs at least 3 points (it has 2).');
    expect(buttonNamed(dialog, 'Save')?.disabled).toBe(true);

    buttonNamed(dialog, 'Add a corner to Door')?.click();
    await settle();
    expect(corners()).toHaveLength(3);
    expect(buttonNamed(dialog, 'Save')?.disabled).toBe(false);
  });

  it('names and kinds zones, deletes them, and refuses duplicate names before asking the API', async () => {
    await open(aCamera({ zones: [DOOR] }));
    buttonNamed(dialog, 'Add mask')?.click();
    await settle();
    const rows = () => [...dialog.querySelectorAll('[data-testid=zone-row]')];
    expect(rows()).toHaveLength(2);
    const name = rows()[1].querySelector('input[matInput]') as HTMLInputElement;
    expect(name.value).toBe('Mask 1');
    name.value = 'door';
    name.dispatchEvent(new Event('input'));
    await settle();
    expect(dialog.querySelector('[data-testid=zone-problems]')?.textContent).toContain('door: another zone has this name.');

    const kind = rows()[0].querySelector('select') as HTMLSelectElement;
    kind.value = 'mask';
    kind.dispatchEvent(new Event('change'));
    buttonNamed(dialog, 'Delete door')?.click();
    await settle();
    expect(rows()).toHaveLength(1);
    buttonNamed(dialog, 'Save')?.click();
    const request = t.http.expectOne('/api/cameras/c1/zones');
    expect(request.request.body).toEqual({ zones: [{ ...DOOR, kind: 'mask' }] });
    request.flush({ statusCode: 400, message: 'zones[0].points must have 3 to 32 points', errors: ['zones[0].points must have 3 to 32 points'] }, { status: 400, statusText: 'Bad Request' });
    await settle();
    expect(dialog.querySelector('[role=alert]')?.textContent?.trim()).toBe('zones[0].points must have 3 to 32 points');
    expect(closed).not.toHaveBeenCalled();
  });

  it('draws over the latest alert snapshot when the live video gave no picture', async () => {
    await open(aCamera({ zones: [DOOR] }), null);
    const request = t.http.expectOne((req) => req.url === '/api/alerts');
    expect(request.request.params.get('cameraId')).toBe('c1');
    expect(request.request.params.get('limit')).toBe('1');
    expect(dialog.textContent).toContain('No picture of this camera yet');
    request.flush(pageOf([anAlert({ snapshotUrl: '/api/snapshots/x.jpg?sig=1' })]));
    await settle();
    expect(dialog.querySelector('img')?.getAttribute('src')).toBe('/api/snapshots/x.jpg?sig=1');
    expect(dialog.querySelector('img')?.getAttribute('alt')).toBe('Still picture of Front door');
  });
});
