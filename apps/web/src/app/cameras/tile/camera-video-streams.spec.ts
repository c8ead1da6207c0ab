import { TestBed } from '@angular/core/testing';
import { setUpConsole } from '../../../testing/console-testing';
import { aCamera } from '../../../testing/fixtures';
import { LiveCamera } from '../camera-store';
import { CameraVideo } from './camera-video';

// A camera with a detection stream: live view follows the main stream, whatever the detection stream does.
describe('CameraVideo with a detection stream', () => {
  async function render(camera: Partial<LiveCamera>): Promise<HTMLElement> {
    setUpConsole();
    const fixture = TestBed.createComponent(CameraVideo);
    fixture.componentRef.setInput('camera', { ...aCamera(), measuredFps: null, ...camera });
    await fixture.whenStable();
    return fixture.nativeElement;
  }

  it('keeps playing the live view when only the detection stream failed', async () => {
    const video = await render({ status: 'error', error: 'detection stream: connection refused; reconnecting in 4 s' });
    expect(video.querySelector('argus-live-video')).not.toBeNull();
  });

  it('shows no picture when the main stream failed', async () => {
    for (const error of ['main stream: timeout; reconnecting in 1 s', 'connection refused']) {
      const video = await render({ status: 'error', error });
      expect(video.querySelector('argus-live-video')).toBeNull();
      expect(video.querySelector('[role=img]')?.getAttribute('aria-label')).toBe('Front door: the stream failed');
      TestBed.resetTestingModule();
    }
  });
});
