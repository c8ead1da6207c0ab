import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ConsoleTesting, buttonNamed, setUpConsole, toastText } from '../../../testing/console-testing';
import { aCamera, pageOf } from '../../../testing/fixtures';
import { Camera } from '../camera';
import { LiveCamera } from '../camera-store';
import { CameraTile } from './camera-tile';

describe('CameraTile', () => {
  let t: ConsoleTesting;
  let fixture: ComponentFixture<CameraTile>;
  let tile: HTMLElement;

  async function render(camera: Partial<LiveCamera>, user: { id?: string; role?: 'admin' | 'operator' | 'viewer' } = {}) {
    t = setUpConsole();
    fixture = TestBed.createComponent(CameraTile);
    fixture.componentRef.setInput('camera', { ...aCamera(), measuredFps: null, ...camera });
    tile = fixture.nativeElement;
    await fixture.whenStable();
    t.signedInAs({ id: 'u1', role: 'admin', ...user });
    t.http.expectOne((req) => req.url === '/api/alerts' && req.params.get('cameraId') === (camera.id ?? 'c1')).flush(pageOf([]));
    await fixture.whenStable();
  }

  const button = (name: string) => buttonNamed(tile, name);

  afterEach(() => t.http.verify());

  it('is a region named after the camera, playing its live view with the processing rate beside it', async () => {
    await render({ name: 'Front door', status: 'running', measuredFps: 9.64 });
    expect(tile.querySelector('section')?.getAttribute('aria-label')).toBe('Front door');
    const live = tile.querySelector('argus-live-video');
    expect(live?.getAttribute('data-camera-id')).toBe('c1');
    expect(live?.getAttribute('data-camera-name')).toBe('Front door');
    expect(live?.getAttribute('data-measured-fps')).toBe('9.64');
    expect(tile.querySelector('[data-testid=processing-fps]')?.textContent?.trim()).toBe('Processing 9.6 fps');
    expect(tile.querySelector('mat-chip')?.textContent?.trim()).toBe('running');
    expect(button('Stop')).toBeDefined();
    expect(button('Start')).toBeUndefined();
  });

  it('plays the live view while the camera starts, before any rate was measured', async () => {
    await render({ status: 'starting' });
    expect(tile.querySelector('argus-live-video')).not.toBeNull();
    expect(tile.querySelector('argus-live-video')?.hasAttribute('data-measured-fps')).toBe(false);
    expect(tile.querySelector('[data-testid=processing-fps]')).toBeNull();
  });

  it('hands each newly measured rate to the overlay drawn over the video', async () => {
    await render({ status: 'running', measuredFps: 9.64 });
    fixture.componentRef.setInput('camera', { ...aCamera(), measuredFps: 4.5 });
    await fixture.whenStable();
    expect(tile.querySelector('argus-live-video')?.getAttribute('data-measured-fps')).toBe('4.5');
    expect(tile.querySelector('[data-testid=processing-fps]')?.textContent?.trim()).toBe('Processing 4.5 fps');
  });

  it('names a stopped camera over its empty picture and offers Start', async () => {
    await render({ status: 'stopped' });
    expect(tile.querySelector('argus-live-video')).toBeNull();
    expect(tile.querySelector('[data-testid=video-overlay]')?.textContent?.trim()).toBe('Front door');
    expect(tile.querySelector('[role=img]')?.getAttribute('aria-label')).toBe('Front door is stopped');
    expect(button('Start')?.disabled).toBe(false);
  });

  it('gives the reason of an error', async () => {
    await render({ status: 'error', error: 'connection refused by 10.0.0.5:554' });
    expect(tile.querySelector('mat-chip')?.classList).toContain('status-error');
    expect(tile.querySelector('[data-testid=error-reason]')?.textContent?.trim()).toBe('connection refused by 10.0.0.5:554');
    expect(button('Start')).toBeDefined();
  });

  it('cannot start a disabled camera', async () => {
    await render({ status: 'stopped', enabled: false });
    expect(button('Start')?.disabled).toBe(true);
    expect(tile.textContent).toContain('Disabled');
  });

  it('starts the camera through the API and says so', async () => {
    await render({ status: 'stopped' });
    button('Start')?.click();
    const request = t.http.expectOne('/api/cameras/c1/start');
    expect(request.request.method).toBe('POST');
    await fixture.whenStable();
    expect(button('Start')?.disabled).toBe(true);
    request.flush(aCamera({ status: 'starting' }));
    await fixture.whenStable();
    expect(toastText()).toContain('Starting Front door');
  });

  it('stops the camera and reports a refusal with the API message', async () => {
    await render({ status: 'running' });
    button('Stop')?.click();
    t.http
      .expectOne('/api/cameras/c1/stop')
      .flush({ statusCode: 404, message: 'Camera not found' }, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    expect(toastText()).toContain('Could not stop Front door: Camera not found');
    expect(button('Stop')?.disabled).toBe(false);
  });

  it('switches face detection and puts the switch back when the API refuses', async () => {
    await render({ detectionEnabled: true });
    const toggle = tile.querySelector<HTMLButtonElement>('mat-slide-toggle button[role=switch]');
    expect(toggle?.textContent?.trim() || tile.querySelector('mat-slide-toggle label')?.textContent?.trim()).toBe('Face detection');
    toggle?.click();
    const request = t.http.expectOne('/api/cameras/c1/detection');
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toEqual({ enabled: false });
    request.flush({ statusCode: 403, message: 'Forbidden' }, { status: 403, statusText: 'Forbidden' });
    await fixture.whenStable();
    expect(toggle?.getAttribute('aria-checked')).toBe('true');
  });

  it('applies the FPS slider when it is released, not while it moves', async () => {
    await render({ fps: 10 });
    const thumb = tile.querySelector('input[matSliderThumb]') as HTMLInputElement;
    expect(thumb.getAttribute('aria-label')).toBe('FPS');
    thumb.value = '15';
    thumb.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    t.http.expectNone('/api/cameras/c1/fps');

    thumb.dispatchEvent(new Event('change'));
    const request = t.http.expectOne('/api/cameras/c1/fps');
    expect(request.request.body).toEqual({ fps: 15 });
    request.flush(aCamera({ fps: 15 }));
  });

  it('offers no controls to someone who may only view the camera', async () => {
    await render({ ownerId: 'someone-else' }, { id: 'u2', role: 'viewer' });
    expect(button('Stop')).toBeUndefined();
    expect(tile.querySelector('mat-slide-toggle')).toBeNull();
    expect(tile.querySelector('mat-slider')).toBeNull();
    expect(tile.querySelector('[aria-label^="More actions"]')).toBeNull();
  });

  it('lets an operator manage the cameras they own', async () => {
    await render({ ownerId: 'u7' } as Partial<Camera>, { id: 'u7', role: 'operator' });
    expect(button('Stop')).toBeDefined();
    expect(tile.querySelector('[aria-label="More actions for Front door"]')).not.toBeNull();
  });

  describe('zones', () => {
    const zones = [
      { name: 'Doorstep', kind: 'zone' as const, points: [[0.1, 0.1], [0.5, 0.1], [0.5, 0.9]] as [number, number][] },
      { name: 'Poster', kind: 'mask' as const, points: [[0.6, 0], [1, 0], [1, 0.5]] as [number, number][] },
    ];

    it('draws the zones over the live picture on demand, for viewers too', async () => {
      await render({ status: 'running', zones, ownerId: 'someone-else', viewerIds: ['u2'] }, { id: 'u2', role: 'viewer' });
      expect(tile.querySelector('app-zones-overlay')).toBeNull();
      const toggle = button('Show zones of Front door');
      expect(toggle?.getAttribute('aria-pressed')).toBe('false');
      toggle?.click();
      await fixture.whenStable();
      expect(tile.querySelector('app-zones-overlay')?.getAttribute('aria-label')).toBe('Zones and masks: Doorstep (zone), Poster (mask)');
      expect(tile.querySelectorAll('app-zones-overlay polygon')).toHaveLength(2);
      expect(button('Hide zones of Front door')?.getAttribute('aria-pressed')).toBe('true');
      button('Hide zones of Front door')?.click();
      await fixture.whenStable();
      expect(tile.querySelector('app-zones-overlay')).toBeNull();
    });

    it('lays the zones over the picture itself when the video letterboxes a 4:3 camera', async () => {
      await render({ status: 'running', zones });
      button('Show zones of Front door')?.click();
      await fixture.whenStable();
      const box = () => tile.querySelector('[data-testid=zones-picture]') as HTMLElement;
      expect([box().style.left, box().style.width]).toEqual(['0%', '100%']);
      const video = document.createElement('video');
      Object.defineProperty(video, 'videoWidth', { value: 640 });
      Object.defineProperty(video, 'videoHeight', { value: 480 });
      tile.querySelector('argus-live-video')?.appendChild(video);
      video.dispatchEvent(new Event('loadedmetadata'));
      await fixture.whenStable();
      expect([box().style.left, box().style.top, box().style.width, box().style.height]).toEqual(['12.5%', '0%', '75%', '100%']);
    });

    it('offers no zone toggle for a camera without zones', async () => {
      await render({ status: 'running' });
      expect(button('Show zones of Front door')).toBeUndefined();
    });

    it('opens the zone editor from the tile menu, over the latest snapshot without a live picture', async () => {
      await render({ status: 'stopped', zones });
      (tile.querySelector('[aria-label="More actions for Front door"]') as HTMLButtonElement).click();
      await fixture.whenStable();
      const item = [...document.querySelectorAll<HTMLButtonElement>('[mat-menu-item]')].find((b) => b.textContent?.includes('Zones and masks'));
      expect(item).toBeDefined();
      item?.click();
      await fixture.whenStable();
      t.http.expectOne((req) => req.url === '/api/alerts' && req.params.get('limit') === '1').flush(pageOf([]));
      await fixture.whenStable();
      const dialog = document.querySelector('mat-dialog-container') as HTMLElement;
      expect(dialog.querySelector('h2')?.textContent?.trim()).toBe('Zones and masks of Front door');
      expect(dialog.querySelectorAll('[data-testid=zone-row]')).toHaveLength(2);
      buttonNamed(dialog, 'Cancel')?.click();
      await fixture.whenStable();
    });
  });
});
