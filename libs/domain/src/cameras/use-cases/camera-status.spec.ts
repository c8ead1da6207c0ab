import { aCamera, FakeClock, InMemoryCameras, RecordingPublisher } from '../../testing';
import type { Camera } from '../camera';
import { CameraStatusReporter } from './camera-status';

const T0 = new Date('2026-01-01T00:00:00Z');
const AUDIENCE = { cameraId: 'c1', userIds: ['u-owner', 'u-viewer'], includeAdmins: true };

async function setup(overrides: Partial<Camera> = {}) {
  const clock = new FakeClock(T0);
  const cameras = new InMemoryCameras();
  const publisher = new RecordingPublisher();
  await cameras.create(aCamera({ rtspUrl: 'rtsp://cam:s3cret@h/x', fps: 12, ...overrides }));
  clock.advance(5_000);
  return { clock, cameras, publisher, reporter: new CameraStatusReporter({ cameras, publisher, clock }) };
}

describe('CameraStatusReporter.setStatus', () => {
  it('stores the status and publishes camera_state to the audience', async () => {
    const { reporter, cameras, publisher } = await setup();
    const updated = await reporter.setStatus('c1', 'running');
    expect(updated).toMatchObject({ status: 'running', lastError: null, updatedAt: new Date('2026-01-01T00:00:05Z') });
    expect(cameras.rows.get('c1')?.status).toBe('running');
    expect(publisher.states).toEqual([
      { event: { cameraId: 'c1', status: 'running', fps: 12, timestamp: '2026-01-01T00:00:05.000Z' }, audience: AUDIENCE },
    ]);
  });

  it('masks credentials in the error before storing or publishing it', async () => {
    const { reporter, cameras, publisher } = await setup({ status: 'running' });
    await reporter.setStatus('c1', 'error', 'rtsp://cam:s3cret@h/x: 401 Unauthorized (also rtsp://a:p@ss@b)');
    const expected = 'rtsp://cam:***@h/x: 401 Unauthorized (also rtsp://a:***@b)';
    expect(cameras.rows.get('c1')?.lastError).toBe(expected);
    expect(publisher.states.map((s) => s.event)).toEqual([
      { cameraId: 'c1', status: 'error', fps: 0, error: expected, timestamp: '2026-01-01T00:00:05.000Z' },
    ]);
    expect(JSON.stringify(publisher.states)).not.toMatch(/s3cret|p@ss/);
  });

  it('bounds the error text and names a missing one', async () => {
    const { reporter, cameras } = await setup();
    await reporter.setStatus('c1', 'error', 'x'.repeat(2000));
    expect(cameras.rows.get('c1')?.lastError).toHaveLength(500);
    await reporter.setStatus('c1', 'error');
    expect(cameras.rows.get('c1')?.lastError).toBe('unknown error');
  });

  it('clears the error when the camera recovers', async () => {
    const { reporter, cameras, publisher } = await setup({ status: 'error', lastError: 'timeout' });
    await reporter.setStatus('c1', 'starting', 'ignored');
    expect(cameras.rows.get('c1')).toMatchObject({ status: 'starting', lastError: null });
    expect(publisher.states[0].event).toEqual({ cameraId: 'c1', status: 'starting', fps: 0, timestamp: '2026-01-01T00:00:05.000Z' });
  });

  it('publishes nothing when nothing changed', async () => {
    const { reporter, cameras, publisher } = await setup({ status: 'error', lastError: 'timeout' });
    const same = await reporter.setStatus('c1', 'error', 'timeout');
    expect(same?.updatedAt).toEqual(T0);
    await reporter.setStatus('c1', 'error', 'refused');
    await reporter.setStatus('c1', 'error', 'refused');
    expect(publisher.states.map((s) => s.event.error)).toEqual(['refused']);
    expect(cameras.rows.get('c1')?.lastError).toBe('refused');
  });

  it('still publishes the change from the caller’s copy when the database fails, and throws for a retry', async () => {
    const { reporter, cameras, publisher } = await setup({ status: 'running' });
    const known = (await cameras.findById('c1')) as Camera;
    jest.spyOn(cameras, 'update').mockRejectedValueOnce(new Error('database unreachable'));
    await expect(reporter.setStatus('c1', 'error', 'rtsp://cam:s3cret@h/x timed out', known)).rejects.toThrow('database unreachable');
    expect(publisher.states.map((s) => s.event)).toEqual([
      { cameraId: 'c1', status: 'error', fps: 0, error: 'rtsp://cam:***@h/x timed out', timestamp: '2026-01-01T00:00:05.000Z' },
    ]);
    expect(cameras.rows.get('c1')?.status).toBe('running');
    jest.spyOn(cameras, 'findById').mockRejectedValueOnce(new Error('database unreachable'));
    await expect(reporter.setStatus('c1', 'stopped')).rejects.toThrow(); // no copy given: nothing to publish from
    expect(publisher.states).toHaveLength(1);
  });

  it('returns null for an unknown camera', async () => {
    const { reporter, publisher } = await setup();
    expect(await reporter.setStatus('nope', 'running')).toBeNull();
    expect(publisher.states).toEqual([]);
  });
});

describe('CameraStatusReporter.reportFps', () => {
  it('publishes the measured fps rounded to one decimal', async () => {
    const { reporter, cameras, publisher } = await setup({ status: 'running' });
    const camera = (await cameras.findById('c1')) as Camera;
    reporter.reportFps(camera, 9.8765);
    reporter.reportFps(camera, 0);
    expect(publisher.states).toEqual([
      { event: { cameraId: 'c1', status: 'running', fps: 9.9, timestamp: '2026-01-01T00:00:05.000Z' }, audience: AUDIENCE },
      { event: { cameraId: 'c1', status: 'running', fps: 0, timestamp: '2026-01-01T00:00:05.000Z' }, audience: AUDIENCE },
    ]);
  });
});
