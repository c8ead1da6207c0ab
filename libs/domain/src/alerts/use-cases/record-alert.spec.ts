import { NotFoundError, ValidationError } from '../../shared/errors';
import { aCamera, FakeClock, InMemoryAlerts, InMemoryCameras, RecordingPublisher, SequentialIds } from '../../testing';
import type { Alert } from '../alert';
import { RecordAlert } from './record-alert';

const NOW = new Date('2026-05-06T07:08:09Z');
const AUDIENCE = { cameraId: 'c1', userIds: ['u-owner', 'u-v1', 'u-v2'], includeAdmins: true };
const BBOX = { x: 10, y: 20, width: 30, height: 40 };

const cam = aCamera({ status: 'running', viewerIds: ['u-v1', 'u-owner', 'u-v2'], createdAt: NOW, updatedAt: NOW });

async function setup() {
  const cameras = new InMemoryCameras();
  const alerts = new InMemoryAlerts();
  const publisher = new RecordingPublisher();
  await cameras.create(cam);
  const clipped: string[] = [];
  const clips = { alertRaised: (alert: Alert) => void clipped.push(alert.alertId) };
  const record = new RecordAlert({ cameras, alerts, publisher, ids: new SequentialIds(), clock: new FakeClock(NOW), clips });
  return { alerts, publisher, record, clipped };
}

describe('RecordAlert.fromExternal', () => {
  it('stores the alert with defaults and publishes it to the camera audience', async () => {
    const { record, alerts, publisher } = await setup();
    const alert = await record.fromExternal({ cameraId: 'c1', bbox: BBOX });
    const expected: Alert = {
      alertId: 'id-1',
      cameraId: 'c1',
      timestamp: NOW,
      bbox: BBOX,
      snapshotUrl: null,
      snapshotKey: null,
      meta: { score: null, frameWidth: null, frameHeight: null, faces: 1 },
      createdAt: NOW,
      kind: 'face',
      zones: [],
    };
    expect(alert).toEqual(expected);
    expect(alerts.rows).toEqual([expected]);
    expect(publisher.alerts).toEqual([
      {
        alert: {
          alertId: 'id-1',
          cameraId: 'c1',
          timestamp: '2026-05-06T07:08:09.000Z',
          kind: 'face',
          zones: [],
          bbox: BBOX,
          meta: { score: null, frameWidth: null, frameHeight: null, faces: 1 },
        },
        audience: AUDIENCE,
      },
    ]);
  });

  it('takes the capture timestamp, snapshot URL and meta as given', async () => {
    const { record, publisher } = await setup();
    const alert = await record.fromExternal({
      cameraId: 'c1',
      timestamp: '2026-05-06T07:00:00+02:00',
      bbox: BBOX,
      snapshotUrl: 'https://worker.local/s/1.jpg',
      meta: { score: 0.91, frameWidth: 1280, frameHeight: 720, faces: 2, trackId: 't7' },
    });
    expect(alert.timestamp.toISOString()).toBe('2026-05-06T05:00:00.000Z');
    expect(alert.createdAt).toEqual(NOW);
    expect(alert.snapshotUrl).toBe('https://worker.local/s/1.jpg');
    expect(alert.meta).toEqual({ score: 0.91, frameWidth: 1280, frameHeight: 720, faces: 2, trackId: 't7' });
    expect(publisher.alerts[0].alert.snapshotUrl).toBe('https://worker.local/s/1.jpg');
  });

  it('hands every stored alert to the recorder for its clip', async () => {
    const { record, clipped } = await setup();
    await record.fromExternal({ cameraId: 'c1', bbox: BBOX });
    await record.record(cam, { timestamp: NOW, bbox: BBOX, snapshotUrl: null, snapshotKey: null, meta: { score: 1, frameWidth: 1, frameHeight: 1, faces: 1 } });
    await expect(record.fromExternal({ cameraId: 'nope', bbox: BBOX })).rejects.toBeInstanceOf(NotFoundError);
    expect(clipped).toEqual(['id-1', 'id-2']);
  });

  it('answers an unknown camera with NotFoundError and stores nothing', async () => {
    const { record, alerts, publisher } = await setup();
    await expect(record.fromExternal({ cameraId: 'nope', bbox: BBOX })).rejects.toThrow(new NotFoundError('Camera not found'));
    expect(alerts.rows).toEqual([]);
    expect(publisher.alerts).toEqual([]);
  });

  it.each([undefined, '', 5, { $gt: '' }, ['c1'], 'x'.repeat(101)])('rejects the camera id %p', async (cameraId) => {
    const { record } = await setup();
    await expect(record.fromExternal({ cameraId, bbox: BBOX })).rejects.toThrow(new ValidationError('cameraId must be a camera id string'));
  });

  it.each([
    [{ bbox: { x: 0, y: 0, width: 0, height: 1 } }],
    [{ bbox: BBOX, timestamp: 'soon' }],
    [{ bbox: BBOX, snapshotUrl: 'javascript:alert(1)' }],
    [{ bbox: BBOX, meta: { $where: '1' } }],
  ])('validates %j and stores nothing', async (fields) => {
    const { record, alerts, publisher } = await setup();
    await expect(record.fromExternal({ cameraId: 'c1', ...fields })).rejects.toBeInstanceOf(ValidationError);
    expect(alerts.rows).toEqual([]);
    expect(publisher.alerts).toEqual([]);
  });
});

describe('RecordAlert.record (own pipeline)', () => {
  it('stores the snapshot key and hands the stored alert to the publisher', async () => {
    const { record, alerts, publisher } = await setup();
    const meta = { score: 0.8, frameWidth: 640, frameHeight: 480, faces: 1 };
    const alert = await record.record(cam, { timestamp: NOW, bbox: BBOX, snapshotUrl: null, snapshotKey: 'c1/abc.jpg', meta });
    expect(alert.snapshotKey).toBe('c1/abc.jpg');
    expect(alerts.rows[0].snapshotKey).toBe('c1/abc.jpg');
    expect(publisher.storedAlerts).toEqual([alert]);
    expect(publisher.alerts[0].audience).toEqual(AUDIENCE);
    expect(alert.meta).not.toBe(meta);
  });

  it('publishes no snapshot URL when the view is rendered without a link maker', async () => {
    const { record, publisher } = await setup();
    const meta = { score: 0.8, frameWidth: 640, frameHeight: 480, faces: 1 };
    await record.record(cam, { timestamp: NOW, bbox: BBOX, snapshotUrl: null, snapshotKey: 'c1/abc.jpg', meta });
    expect(publisher.alerts[0].alert).not.toHaveProperty('snapshotUrl');
  });
});
