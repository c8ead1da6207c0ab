import { ALERT_TOKEN, bearer, cameraBody, startTestApp, type TestApp } from '../src/testing/test-app';

const DOOR = { name: 'Door', kind: 'zone', points: [[0.1, 0.1], [0.5, 0.1], [0.5, 0.9], [0.1, 0.9]] };
const TV = { name: 'TV', kind: 'mask', points: [[0.6, 0.6], [1, 0.6], [1, 1]] };
const triangle = [[0, 0], [1, 0], [1, 1]];

describe('camera zones and masks (REST)', () => {
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

  const putZones = (zones: unknown, token = owner.token, id = cameraId) => t.http().put(`/api/cameras/${id}/zones`).set(bearer(token)).send({ zones });

  it('answers cameras with no zones until some are set', async () => {
    const res = await t.http().get(`/api/cameras/${cameraId}`).set(bearer(owner.token)).expect(200);
    expect(res.body.zones).toEqual([]);
  });

  it('replaces the zones, answers the camera and keeps them for every reader', async () => {
    const res = await putZones([DOOR, TV]).expect(200);
    expect(res.body).toMatchObject({ id: cameraId, zones: [DOOR, TV] });
    const asViewer = await t.http().get(`/api/cameras/${cameraId}`).set(bearer(viewer.token)).expect(200);
    expect(asViewer.body.zones).toEqual([DOOR, TV]);
    const list = await t.http().get('/api/cameras').set(bearer(owner.token)).expect(200);
    expect(list.body.items.find((c: { id: string }) => c.id === cameraId).zones).toEqual([DOOR, TV]);
    expect((await putZones([]).expect(200)).body.zones).toEqual([]);
  });

  it.each([
    ['fewer than 3 points', [{ name: 'a', kind: 'zone', points: [[0, 0], [1, 1]] }], /zones\[0\]\.points must have 3 to 32 points \(it has 2\)/],
    ['more than 32 points', [{ name: 'a', kind: 'zone', points: Array.from({ length: 33 }, (_, i) => [i / 33, (i % 2) / 2]) }], /3 to 32 points \(it has 33\)/],
    ['a coordinate above 1', [{ name: 'a', kind: 'zone', points: [[0, 0], [1.2, 0], [1, 1]] }], /points\[1\] must have x and y from 0 to 1/],
    ['a negative coordinate', [{ name: 'a', kind: 'zone', points: [[0, -0.1], [1, 0], [1, 1]] }], /points\[0\] must have x and y from 0 to 1/],
    ['a coordinate that is a string', [{ name: 'a', kind: 'zone', points: [[0, 0], ['1', 0], [1, 1]] }], /points\[1\] must be an \[x, y\] pair of numbers/],
    ['a coordinate that is null', [{ name: 'a', kind: 'zone', points: [[0, 0], [null, 0], [1, 1]] }], /points\[1\] must be an \[x, y\] pair of numbers/],
    ['a point with three numbers', [{ name: 'a', kind: 'zone', points: [[0, 0, 0], [1, 0], [1, 1]] }], /points\[0\] must be an \[x, y\] pair/],
    ['points that are not a list', [{ name: 'a', kind: 'zone', points: { 0: [0, 0] } }], /zones\[0\]\.points must be an array/],
    ['an unknown kind', [{ name: 'a', kind: 'fence', points: triangle }], /zones\[0\]\.kind must be "mask" or "zone"/],
    ['a missing kind', [{ name: 'a', points: triangle }], /zones\[0\]\.kind must be "mask" or "zone"/],
    ['an empty name', [{ name: '  ', kind: 'zone', points: triangle }], /zones\[0\]\.name must be 1–64 characters/],
    ['a name of 65 characters', [{ name: 'n'.repeat(65), kind: 'zone', points: triangle }], /zones\[0\]\.name must be 1–64 characters/],
    ['a name that is not a string', [{ name: { $ne: null }, kind: 'zone', points: triangle }], /zones\[0\]\.name must be a string/],
    ['a duplicate name', [DOOR, { ...TV, name: 'door' }], /zones\[1\]\.name "door" is used twice/],
    ['a zone that is not an object', ['Door'], /zones\[0\] must be an object/],
    ['zones that are not a list', { Door: DOOR }, /zones must be an array/],
    ['zones missing', undefined, /zones must be an array/],
    ['33 zones', Array.from({ length: 33 }, (_, i) => ({ name: `z${i}`, kind: 'zone', points: triangle })), /at most 32 entries/],
  ])('refuses %s with 400 and says what is wrong', async (_label, zones, message) => {
    await putZones([DOOR]).expect(200);
    const res = await putZones(zones).expect(400);
    expect(res.body.message).toMatch(message);
    const stored = await t.http().get(`/api/cameras/${cameraId}`).set(bearer(owner.token)).expect(200);
    expect(stored.body.zones).toEqual([DOOR]);
  });

  it('refuses an unknown field next to zones', async () => {
    const res = await t.http().put(`/api/cameras/${cameraId}/zones`).set(bearer(owner.token)).send({ zones: [], extra: 1 }).expect(400);
    expect(res.body.message).toMatch(/extra/);
  });

  it('lets only the owner and admins change zones', async () => {
    await putZones([DOOR], viewer.token).expect(403);
    await putZones([DOOR], otherOperator.token).expect(404);
    await putZones([DOOR], owner.token, 'no-such-camera').expect(404);
    expect((await putZones([TV], t.adminToken).expect(200)).body.zones).toEqual([TV]);
  });

  it('takes zones in POST and PUT camera bodies; a PUT without zones keeps them', async () => {
    const created = await t.http().post('/api/cameras').set(bearer(owner.token)).send(cameraBody({ zones: [TV] })).expect(201);
    expect(created.body.zones).toEqual([TV]);
    const renamed = await t.http().put(`/api/cameras/${created.body.id}`).set(bearer(owner.token)).send(cameraBody({ name: 'Renamed' })).expect(200);
    expect(renamed.body.zones).toEqual([TV]);
    const replaced = await t.http().put(`/api/cameras/${created.body.id}`).set(bearer(owner.token)).send(cameraBody({ zones: [DOOR] })).expect(200);
    expect(replaced.body.zones).toEqual([DOOR]);
    const bad = await t.http().post('/api/cameras').set(bearer(owner.token)).send(cameraBody({ name: '', zones: [{ ...DOOR, kind: 'x' }] })).expect(400);
    expect(bad.body.errors).toEqual(expect.arrayContaining([expect.stringMatching(/^name/), 'zones[0].kind must be "mask" or "zone"']));
  });

  it('answers alerts from outside workers as faces in no zone', async () => {
    const bbox = { x: 1, y: 2, width: 3, height: 4 };
    const posted = await t.http().post('/api/alerts').set(bearer(ALERT_TOKEN)).send({ cameraId, bbox }).expect(201);
    expect(posted.body).toMatchObject({ kind: 'face', zones: [] });
    const listed = await t.http().get(`/api/alerts?cameraId=${cameraId}`).set(bearer(owner.token)).expect(200);
    expect(listed.body.items[0]).toMatchObject({ alertId: posted.body.alertId, kind: 'face', zones: [] });
  });
});
