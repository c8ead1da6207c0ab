import { OBJECT_LABELS } from '@argus/domain';
import { bearer, cameraBody, startTestApp, type TestApp } from '../src/testing/test-app';

describe('camera object labels, recording, detection stream and placement (REST)', () => {
  let t: TestApp;
  let owner: { id: string; token: string };
  let otherOperator: { id: string; token: string };
  let viewer: { id: string; token: string };
  let cameraId: string;

  beforeAll(async () => {
    t = await startTestApp({ RECOGNITION: 'off' });
    owner = await t.user('operator');
    otherOperator = await t.user('operator');
    viewer = await t.user('viewer');
    cameraId = (await t.http().post('/api/cameras').set(bearer(owner.token)).send(cameraBody()).expect(201)).body.id;
    await t.http().put(`/api/cameras/${cameraId}/viewers`).set(bearer(owner.token)).send({ userIds: [viewer.id] }).expect(200);
  });
  afterAll(() => t.close());

  const camera = async (token = owner.token) => (await t.http().get(`/api/cameras/${cameraId}`).set(bearer(token)).expect(200)).body;
  const patchObjects = (body: unknown, token = owner.token, id = cameraId) => t.http().patch(`/api/cameras/${id}/objects`).set(bearer(token)).send(body as object);
  const patchRecording = (body: unknown, token = owner.token, id = cameraId) => t.http().patch(`/api/cameras/${id}/recording`).set(bearer(token)).send(body as object);

  it('lists the 80 COCO labels the detector knows, to any signed-in user, and nobody else', async () => {
    const res = await t.http().get('/api/detection/labels').set(bearer(viewer.token)).expect(200);
    expect(res.body).toEqual([...OBJECT_LABELS]);
    expect(res.body).toHaveLength(80);
    expect(res.body).toEqual(expect.arrayContaining(['person', 'car', 'dog', 'truck', 'bicycle']));
    await t.http().get('/api/detection/labels').expect(401);
  });

  it('answers a new camera with no object labels, events recording 5 s / 10 s and no detection stream or label', async () => {
    const body = await camera();
    expect(body).toMatchObject({ objects: [], recording: { mode: 'events', preSeconds: 5, postSeconds: 10 } });
    expect(body).not.toHaveProperty('detectRtspUrl');
    expect(body).not.toHaveProperty('workerLabel');
    expect(body).not.toHaveProperty('node');
  });

  it('replaces the object labels (a label named twice counts once) and shows them to viewers', async () => {
    const res = await patchObjects({ labels: ['car', 'person', 'car'] }).expect(200);
    expect(res.body.objects).toEqual(['car', 'person']);
    expect((await camera(viewer.token)).objects).toEqual(['car', 'person']);
    expect((await patchObjects({ labels: [] }).expect(200)).body.objects).toEqual([]);
  });

  it.each([
    ['an unknown label', { labels: ['car', 'unicorn'] }, /labels\[1\] "unicorn" is not a label the detector knows/],
    ['a label in the wrong case', { labels: ['Car'] }, /labels\[0\] "Car" is not a label/],
    ['a label that is not a string', { labels: [{ $ne: null }] }, /labels\[0\] must be a string/],
    ['labels that are not a list', { labels: 'car' }, /labels must be an array/],
    ['labels missing', {}, /labels must be an array/],
    ['an unknown field', { labels: [], extra: 1 }, /extra/],
  ])('refuses %s with 400 and keeps the stored labels', async (_label, body, message) => {
    await patchObjects({ labels: ['dog'] }).expect(200);
    expect((await patchObjects(body).expect(400)).body.message).toMatch(message);
    expect((await camera()).objects).toEqual(['dog']);
  });

  it('sets the recording mode; seconds left out keep the stored ones', async () => {
    expect((await patchRecording({ mode: 'continuous', preSeconds: 0, postSeconds: 300 }).expect(200)).body.recording).toEqual({
      mode: 'continuous',
      preSeconds: 0,
      postSeconds: 300,
    });
    expect((await patchRecording({ mode: 'off' }).expect(200)).body.recording).toEqual({ mode: 'off', preSeconds: 0, postSeconds: 300 });
    expect((await camera(viewer.token)).recording.mode).toBe('off');
    await patchRecording({ mode: 'events', preSeconds: 5, postSeconds: 10 }).expect(200);
  });

  it.each([
    ['an unknown mode', { mode: 'always' }, /mode must be one of "off", "events", "continuous"/],
    ['no mode', { preSeconds: 3 }, /mode must be one of/],
    ['preSeconds above 60', { mode: 'events', preSeconds: 61 }, /preSeconds must be a whole number of seconds from 0 to 60/],
    ['negative preSeconds', { mode: 'events', preSeconds: -1 }, /preSeconds must be a whole number/],
    ['postSeconds above 300', { mode: 'events', postSeconds: 301 }, /postSeconds must be a whole number of seconds from 0 to 300/],
    ['fractional postSeconds', { mode: 'events', postSeconds: 2.5 }, /postSeconds must be a whole number/],
    ['preSeconds as a string', { mode: 'events', preSeconds: '5' }, /preSeconds must be a whole number/],
    ['a mode that is an object', { mode: { $ne: 'off' } }, /mode must be one of/],
    ['an unknown field', { mode: 'events', keepDays: 3 }, /keepDays/],
  ])('refuses %s with 400 and keeps the stored settings', async (_label, body, message) => {
    expect((await patchRecording(body).expect(400)).body.message).toMatch(message);
    expect((await camera()).recording).toEqual({ mode: 'events', preSeconds: 5, postSeconds: 10 });
  });

  it('lets only the owner and admins change labels and recording', async () => {
    await patchObjects({ labels: ['car'] }, viewer.token).expect(403);
    await patchObjects({ labels: ['car'] }, otherOperator.token).expect(404);
    await patchObjects({ labels: ['car'] }, owner.token, 'no-such-camera').expect(404);
    await patchRecording({ mode: 'off' }, viewer.token).expect(403);
    await patchRecording({ mode: 'off' }, otherOperator.token).expect(404);
    expect((await patchObjects({ labels: ['truck'] }, t.adminToken).expect(200)).body.objects).toEqual(['truck']);
  });

  it('takes a detection stream, placement, labels and recording in POST and PUT bodies; PUT without them keeps them', async () => {
    const created = await t
      .http()
      .post('/api/cameras')
      .set(bearer(owner.token))
      .send({
        ...cameraBody(),
        detectRtspUrl: 'rtsp://user:s3cret@192.0.2.20/sub',
        workerLabel: 'site-north',
        objects: ['car'],
        recording: { mode: 'continuous' },
      })
      .expect(201);
    expect(created.body).toMatchObject({
      detectRtspUrl: 'rtsp://user:***@192.0.2.20/sub',
      workerLabel: 'site-north',
      objects: ['car'],
      recording: { mode: 'continuous', preSeconds: 5, postSeconds: 10 },
    });
    expect(JSON.stringify(created.body)).not.toContain('s3cret');
    const id = created.body.id;
    const kept = await t.http().put(`/api/cameras/${id}`).set(bearer(owner.token)).send({ name: 'Renamed', location: '', rtspUrl: 'rtsp://192.0.2.21/main' }).expect(200);
    expect(kept.body).toMatchObject({ name: 'Renamed', detectRtspUrl: 'rtsp://user:***@192.0.2.20/sub', workerLabel: 'site-north', objects: ['car'] });
    // Sending the masked URL back keeps the stored password; null removes the stream and the label.
    const masked = await t
      .http()
      .put(`/api/cameras/${id}`)
      .set(bearer(owner.token))
      .send({ name: 'Renamed', location: '', rtspUrl: 'rtsp://192.0.2.21/main', detectRtspUrl: 'rtsp://user:***@192.0.2.20/sub' })
      .expect(200);
    expect(masked.body.detectRtspUrl).toBe('rtsp://user:***@192.0.2.20/sub');
    const cleared = await t
      .http()
      .put(`/api/cameras/${id}`)
      .set(bearer(owner.token))
      .send({ name: 'Renamed', location: '', rtspUrl: 'rtsp://192.0.2.21/main', detectRtspUrl: null, workerLabel: '' })
      .expect(200);
    expect(cleared.body).not.toHaveProperty('detectRtspUrl');
    expect(cleared.body).not.toHaveProperty('workerLabel');
  });

  it.each([
    ['a detection stream that is not rtsp', { detectRtspUrl: 'http://192.0.2.20/sub' }, /detectRtspUrl must start with rtsp:\/\/ or rtsps:\/\//],
    ['a detection stream that is a number', { detectRtspUrl: 5 }, /detectRtspUrl must be a string/],
    ['a worker label with spaces', { workerLabel: 'site north' }, /workerLabel must be 1–64 letters/],
    ['a worker label that is an object', { workerLabel: { $gt: '' } }, /workerLabel must be a string or null/],
    ['unknown object labels', { objects: ['spaceship'] }, /objects\[0\] "spaceship" is not a label/],
    ['a recording that is not an object', { recording: 'continuous' }, /recording must be an object/],
    ['a recording with a bad mode', { recording: { mode: 'sometimes' } }, /recording\.mode must be one of/],
  ])('refuses a camera body with %s (400)', async (_label, extra, message) => {
    const res = await t.http().post('/api/cameras').set(bearer(owner.token)).send({ ...cameraBody(), ...extra }).expect(400);
    expect(res.body.message).toMatch(message);
  });
});
