import { TestBed } from '@angular/core/testing';
import { TOKEN_STORAGE } from '../auth/token-store';
import { fakeJwt, memoryStorage } from '../../testing/fake-jwt';
import type { DetectionsSource } from './detections-feed';
import { LIVE_DETECTIONS, LiveVideoComponent } from './live-video.component';

describe('LiveVideoComponent', () => {
  const realFetch = globalThis.fetch;
  const token = fakeJwt(Date.now() + 3_600_000);
  let watched: string[];
  let unwatched: string[];
  let requests: Array<{ url: string; auth: string | undefined }>;

  function render(cameraId: string, cameraName: string) {
    const detections: DetectionsSource = {
      watch: (id) => {
        watched.push(id);
        return () => unwatched.push(id);
      },
    };
    TestBed.configureTestingModule({
      providers: [
        { provide: TOKEN_STORAGE, useValue: memoryStorage({ 'argus.token': token }) },
        { provide: LIVE_DETECTIONS, useValue: detections },
      ],
    });
    const fixture = TestBed.createComponent(LiveVideoComponent);
    fixture.componentRef.setInput('cameraId', cameraId);
    fixture.componentRef.setInput('cameraName', cameraName);
    return fixture;
  }

  beforeEach(() => {
    jest.useFakeTimers();
    watched = [];
    unwatched = [];
    requests = [];
    // The camera is not streaming yet: /live answers 409.
    globalThis.fetch = (async (url: string, init: RequestInit) => {
      requests.push({ url, auth: (init.headers as Record<string, string>)['Authorization'] });
      return { ok: false, status: 409, json: async () => ({ statusCode: 409, message: 'not streaming' }) } as unknown as Response;
    }) as unknown as typeof fetch;
  });
  afterEach(() => {
    jest.useRealTimers();
    globalThis.fetch = realFetch;
  });

  it('is named after the camera and says it waits for the stream, asking /live with the token', async () => {
    const fixture = render('c1', 'Front door');
    fixture.detectChanges();
    await jest.advanceTimersByTimeAsync(0);
    fixture.detectChanges();
    const figure = fixture.nativeElement.querySelector('figure') as HTMLElement;
    expect(figure.getAttribute('role')).toBe('group');
    expect(figure.getAttribute('aria-label')).toBe('Live video of Front door');
    expect(figure.querySelector('canvas')?.getAttribute('aria-hidden')).toBe('true');
    expect(figure.querySelector('figcaption')?.textContent?.trim()).toBe('Waiting for the camera’s stream…');
    expect(requests[0]).toEqual({ url: `${window.location.origin}/api/cameras/c1/live`, auth: `Bearer ${token}` });
    expect(watched).toEqual(['c1']);
    await jest.advanceTimersByTimeAsync(2000);
    expect(requests).toHaveLength(2); // retried while the camera starts
  });

  it('moves to another camera and stops everything when destroyed', async () => {
    const fixture = render('c1', 'Front door');
    fixture.detectChanges();
    await jest.advanceTimersByTimeAsync(0);
    fixture.componentRef.setInput('cameraId', 'c2');
    fixture.detectChanges();
    await jest.advanceTimersByTimeAsync(0);
    expect(watched).toEqual(['c1', 'c2']);
    expect(unwatched).toEqual(['c1']);
    fixture.destroy();
    expect(unwatched).toEqual(['c1', 'c2']);
    const before = requests.length;
    await jest.advanceTimersByTimeAsync(5000);
    expect(requests).toHaveLength(before); // no retries after destroy
  });
});
