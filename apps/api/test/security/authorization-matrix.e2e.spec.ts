import type { Response, Test } from 'supertest';
import { toAnnexB } from '@argus/adapters/media/h264';
import { MAIN_360P_PPS, MAIN_360P_SPS, sliceNal } from '@argus/tools/testing/media/h264-samples';
import { WhepTestClient } from '@argus/tools/testing/media/whep-test-client';
import { FaceImageLinks, SnapshotLinks } from '@argus/adapters';
import { Recorder, type Alert, type Camera, type LiveVideoHub } from '@argus/domain';
import { LIVE_VIDEO_HUB } from '../../src/live/live-backend';
import { Recordings } from '../../src/recordings/recordings';
import { bearer, cameraBody } from '../../src/testing/test-app';
import { GREEN, RED, portrait } from '../support/colour-faces';
import { anAlertWithSnapshot, anUnknownSighting } from '../support/people-world';
import { ROLES, as, buildAccessWorld, expressRoutes, openApiRoutes, type AccessWorld, type Caller, type Role } from './support/access-world';

/** Expected status per caller, in ROLES order. */
type Statuses = [anonymous: number, listedViewer: number, unlistedViewer: number, otherOperator: number, owner: number, admin: number, alertWorker: number];

interface RouteCase {
  statuses: Statuses;
  send(w: AccessWorld, caller: Caller): Promise<Response>;
  /** What the answer must (not) contain for this caller, beyond the status. */
  check?(w: AccessWorld, res: Response, role: Role): void;
}

const SEES_CAMERA: readonly Role[] = ['listedViewer', 'owner', 'admin'];
/** Everyone signed in, viewers and outsiders alike (docs/api.md: lists are filtered, not refused). */
const SIGNED_IN: Statuses = [401, 200, 200, 200, 200, 200, 401];
/** docs/api.md: a camera the caller may not see is 404; one they see but may not change is 403. */
const MANAGE = (ok: number): Statuses => [401, 403, 404, 404, ok, ok, 401];
const VIEW = (ok: number): Statuses => [401, ok, 404, 404, ok, ok, 401];
const ADMIN_ONLY = (ok: number): Statuses => [401, 403, 403, 403, 403, ok, 401];
const PUBLIC: Statuses = [200, 200, 200, 200, 200, 200, 200];
/** docs/api.md: people, faces and unknown faces are for admins and operators, whatever camera they own. */
const PEOPLE = (ok: number): Statuses => [401, 403, 403, ok, ok, ok, 401];
/** A face crop link signed for the caller opens only for those who manage people. */
const PEOPLE_MEDIA: Statuses = [404, 404, 404, 200, 200, 200, 404];
/** docs/api.md: webhooks and push subscriptions are their owner's alone; anyone else, admins too, gets 404. */
const OWN = (ok: number): Statuses => [401, 404, 404, 404, ok, 404, 401];
const SIGNED_IN_CREATE: Statuses = [401, 201, 201, 201, 201, 201, 401];

/** A person with one enrolled face, and an unknown group with one face (set up once per world). */
interface PeopleWorld {
  personId: string;
  faceKey: string;
  unknownKey: string;
}
let people: PeopleWorld;
let made = 0;

async function freshPerson(w: AccessWorld): Promise<string> {
  const res = await w.t.http().post('/api/people').set(bearer(w.t.adminToken)).send({ name: `Person ${++made}` });
  if (res.status !== 201) throw new Error(`person → ${res.status}`);
  return res.body.id as string;
}

async function freshFace(w: AccessWorld, personId: string): Promise<{ id: string; imageUrl: string }> {
  const res = await w.t.http().post(`/api/people/${personId}/faces`).set(bearer(w.t.adminToken)).set('Content-Type', 'image/png').send(await portrait(RED));
  if (res.status !== 201) throw new Error(`face → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function buildPeopleWorld(w: AccessWorld): Promise<PeopleWorld> {
  const personId = await freshPerson(w);
  const face = await freshFace(w, personId);
  const group = await anUnknownSighting(w.t, w.analyser, w.cameraId, GREEN);
  const sample = (await w.t.http().get('/api/unknowns').set(bearer(w.t.adminToken))).body.items.find((g: { id: string }) => g.id === group).sampleUrls[0] as string;
  const keyOf = (url: string) => url.split('?')[0].replace('/api/media/', '');
  return { personId, faceKey: keyOf(face.imageUrl), unknownKey: keyOf(sample) };
}

const signedMedia = (w: AccessWorld, c: Caller, key: string) =>
  ['anonymous', 'alertWorker'].includes(c.role) ? `/api/media/${key}` : w.t.app.get(FaceImageLinks).urlFor(key, c.id);

const offers: WhepTestClient[] = [];
const sdpOffer = async () => {
  const client = new WhepTestClient();
  offers.push(client);
  return client.offer();
};

/** A live session on the camera opened by its owner (so others can try to end it). */
async function ownerSession(w: AccessWorld): Promise<string> {
  const res = await w.t.http().post(`/api/cameras/${w.cameraId}/whep`).set(bearer(w.callers.owner.token as string)).set('Content-Type', 'application/sdp').send(await sdpOffer());
  if (res.status !== 201) throw new Error(`owner WHEP → ${res.status}`);
  return res.headers['location'] as string;
}

const http = (w: AccessWorld) => w.t.http();
let endpoints = 0;
/** A browser-like push subscription (its push service is never reached by these calls). */
const aPushSubscription = () => ({
  endpoint: `https://push.example.com/send/${++endpoints}`,
  keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) },
});
async function ownerWebhook(w: AccessWorld): Promise<string> {
  const res = await http(w).post('/api/notifications/webhooks').set(bearer(w.callers.owner.token as string)).send({ url: 'https://hooks.example.com/argus' });
  if (res.status !== 201) throw new Error(`webhook → ${res.status}`);
  return res.body.id as string;
}
async function ownerPushSubscription(w: AccessWorld): Promise<string> {
  const res = await http(w).post('/api/notifications/push/subscriptions').set(bearer(w.callers.owner.token as string)).send(aPushSubscription());
  if (res.status !== 201) throw new Error(`push subscription → ${res.status}`);
  return res.body.id as string;
}
const cam = (w: AccessWorld) => `/api/cameras/${w.cameraId}`;

/** Continuous recording of the world's camera and a clip of its alert, made once (synthetic H.264 units). */
let recorded: Promise<{ from: string; to: string; clipKey: string }> | null = null;
function recording(w: AccessWorld): Promise<{ from: string; to: string; clipKey: string }> {
  recorded ??= (async () => {
    const recorder = w.t.app.get(Recorder);
    recorder.configure({ id: w.cameraId, recording: { mode: 'continuous', preSeconds: 1, postSeconds: 1 } } as Camera);
    recorder.cameraStarted(w.cameraId, { codec: 'h264', width: 640, height: 360, transcoded: false });
    const T = Date.now() - 60_000;
    const at = (i: number) => T + Math.round((i * 1000) / 15);
    for (let i = 0; i < 120; i++) {
      const nals = i % 15 === 0 ? [MAIN_360P_SPS, MAIN_360P_PPS, sliceNal(5, 0, 3000, 0x55)] : [sliceNal(1, 0, 500, 0x55)];
      recorder.unit(w.cameraId, { data: toAnnexB(nals), pts90k: i * 6000, keyframe: i % 15 === 0, receivedAt: at(i) });
      if (i === 30) recorder.alertRaised({ alertId: w.alertId, cameraId: w.cameraId, timestamp: new Date(at(i)) } as Alert);
    }
    recorder.cameraStopped(w.cameraId);
    await w.t.app.get(Recordings).settled();
    return { from: new Date(T).toISOString(), to: new Date(at(100)).toISOString(), clipKey: `clips/${w.cameraId}/${w.alertId}.mp4` };
  })();
  return recorded;
}

/** Every route the app serves, with what docs/api.md lets each caller do there. */
const MATRIX: Record<string, RouteCase> = {
  'POST /api/auth/login': {
    statuses: [401, 200, 200, 200, 200, 200, 401],
    send: (w, c) => http(w).post('/api/auth/login').send({ username: c.username, password: c.password }),
  },
  'GET /api/auth/me': { statuses: SIGNED_IN, send: (w, c) => as(c, http(w).get('/api/auth/me')) },
  'POST /api/auth/password': {
    statuses: [401, 204, 204, 204, 204, 204, 401],
    send: (w, c) => as(c, http(w).post('/api/auth/password')).send({ currentPassword: c.password, newPassword: c.password }),
  },
  'GET /api/users': { statuses: ADMIN_ONLY(200), send: (w, c) => as(c, http(w).get('/api/users')) },
  // Operators and admins, whatever camera: they choose viewers by name.
  'GET /api/users/directory': { statuses: [401, 403, 403, 200, 200, 200, 401], send: (w, c) => as(c, http(w).get('/api/users/directory')) },
  'POST /api/users': {
    statuses: ADMIN_ONLY(201),
    send: (w, c) => as(c, http(w).post('/api/users')).send({ username: `new-by-${c.role}`, password: 'new-user-password', role: 'viewer' }),
  },
  'PATCH /api/users/:id': {
    statuses: ADMIN_ONLY(200),
    send: async (w, c) => as(c, http(w).patch(`/api/users/${await w.freshUser()}`)).send({ role: 'operator' }),
  },
  'DELETE /api/users/:id': { statuses: ADMIN_ONLY(204), send: async (w, c) => as(c, http(w).delete(`/api/users/${await w.freshUser()}`)) },
  'GET /api/cameras': {
    statuses: SIGNED_IN,
    send: (w, c) => as(c, http(w).get('/api/cameras?limit=100')),
    check: (w, res, role) => {
      if (res.status !== 200) return;
      expect(res.body.items.some((x: { id: string }) => x.id === w.cameraId)).toBe(SEES_CAMERA.includes(role));
    },
  },
  'POST /api/cameras': {
    statuses: [401, 403, 403, 201, 201, 201, 401],
    send: (w, c) => as(c, http(w).post('/api/cameras')).send(cameraBody({ rtspUrl: 'rtsp://127.0.0.1:1/x' })),
  },
  'GET /api/cameras/:id': { statuses: VIEW(200), send: (w, c) => as(c, http(w).get(cam(w))) },
  'PUT /api/cameras/:id': { statuses: MANAGE(200), send: (w, c) => as(c, http(w).put(cam(w))).send(cameraBody({ rtspUrl: 'rtsp://user:secret@127.0.0.1:1/stream' })) },
  'DELETE /api/cameras/:id': { statuses: MANAGE(204), send: async (w, c) => as(c, http(w).delete(`/api/cameras/${await w.freshCamera()}`)) },
  'POST /api/cameras/:id/start': {
    statuses: MANAGE(202),
    send: async (w, c) => {
      const id = await w.freshCamera();
      const res = await as(c, http(w).post(`/api/cameras/${id}/start`));
      await http(w).post(`/api/cameras/${id}/stop`).set(bearer(w.callers.owner.token as string));
      return res;
    },
  },
  'POST /api/cameras/:id/stop': { statuses: MANAGE(202), send: async (w, c) => as(c, http(w).post(`/api/cameras/${await w.freshCamera()}/stop`)) },
  'PATCH /api/cameras/:id/detection': { statuses: MANAGE(200), send: (w, c) => as(c, http(w).patch(`${cam(w)}/detection`)).send({ enabled: false }) },
  'PATCH /api/cameras/:id/fps': { statuses: MANAGE(200), send: (w, c) => as(c, http(w).patch(`${cam(w)}/fps`)).send({ fps: 5 }) },
  'PUT /api/cameras/:id/zones': {
    statuses: MANAGE(200),
    send: (w, c) => as(c, http(w).put(`${cam(w)}/zones`)).send({ zones: [{ name: 'Door', kind: 'zone', points: [[0, 0], [1, 0], [1, 1]] }] }),
  },
  'PATCH /api/cameras/:id/objects': { statuses: MANAGE(200), send: (w, c) => as(c, http(w).patch(`${cam(w)}/objects`)).send({ labels: ['car'] }) },
  'PATCH /api/cameras/:id/recording': { statuses: MANAGE(200), send: (w, c) => as(c, http(w).patch(`${cam(w)}/recording`)).send({ mode: 'events' }) },
  'GET /api/detection/labels': { statuses: SIGNED_IN, send: (w, c) => as(c, http(w).get('/api/detection/labels')) },
  'PUT /api/cameras/:id/viewers': {
    statuses: MANAGE(200),
    send: (w, c) => as(c, http(w).put(`${cam(w)}/viewers`)).send({ userIds: [w.callers.listedViewer.id] }),
  },
  'GET /api/cameras/:id/live': { statuses: VIEW(200), send: (w, c) => as(c, http(w).get(`${cam(w)}/live`)) },
  'GET /api/cameras/:id/recordings': {
    statuses: VIEW(200),
    send: async (w, c) => {
      await recording(w);
      return as(c, http(w).get(`${cam(w)}/recordings`));
    },
    check: (_w, res) => expect(res.status === 200 ? res.body.items.length : 1).toBe(1),
  },
  'GET /api/cameras/:id/recordings/video': {
    statuses: VIEW(200),
    send: async (w, c) => {
      const { from, to } = await recording(w);
      return as(c, http(w).get(`${cam(w)}/recordings/video?from=${from}&to=${to}`));
    },
    check: (_w, res) => expect(res.status === 200 ? res.headers['content-type'] : 'video/mp4').toBe('video/mp4'),
  },
  'POST /api/cameras/:id/whep': {
    statuses: VIEW(201),
    send: async (w, c) => as(c, http(w).post(`${cam(w)}/whep`)).set('Content-Type', 'application/sdp').send(await sdpOffer()),
  },
  // A live session is ended by whoever opened it, or an admin; to anyone else it does not exist.
  'DELETE /api/cameras/:id/whep/:sessionId': {
    statuses: [401, 404, 404, 404, 204, 204, 401],
    send: async (w, c) => as(c, http(w).delete(await ownerSession(w))),
  },
  'GET /api/alerts': {
    statuses: SIGNED_IN,
    send: (w, c) => as(c, http(w).get('/api/alerts?limit=100')),
    check: (w, res, role) => {
      if (res.status !== 200) return;
      expect(res.body.items.some((a: { alertId: string }) => a.alertId === w.alertId)).toBe(SEES_CAMERA.includes(role));
    },
  },
  'GET /api/alerts/:id': { statuses: VIEW(200), send: (w, c) => as(c, http(w).get(`/api/alerts/${w.alertId}`)) },
  // Only ALERT_POST_AUTH_TOKEN records alerts; a user's JWT, even an admin's, does not.
  'POST /api/alerts': {
    statuses: [401, 401, 401, 401, 401, 401, 201],
    send: (w, c) => as(c, http(w).post('/api/alerts')).send({ cameraId: w.cameraId, bbox: { x: 1, y: 1, width: 2, height: 2 } }),
  },
  // An <img> link signed for the caller (a stranger's is what a leaked or stale link looks like).
  'GET /api/snapshots/:cameraId/:day/:file': {
    statuses: [404, 200, 404, 404, 200, 200, 404],
    send: (w, c) => {
      const signed = ['anonymous', 'alertWorker'].includes(c.role) ? `/api/snapshots/${w.snapshotKey}` : w.t.app.get(SnapshotLinks).urlFor(w.snapshotKey, c.id);
      return http(w).get(signed);
    },
    check: (_w, res) => expect(res.status === 200 ? res.headers['content-type'] : 'image/jpeg').toBe('image/jpeg'),
  },
  // A <video> link signed for the caller, as in Alert.clipUrl.
  'GET /api/clips/:cameraId/:file': {
    statuses: [404, 200, 404, 404, 200, 200, 404],
    send: async (w, c) => {
      const { clipKey } = await recording(w);
      const signed = ['anonymous', 'alertWorker'].includes(c.role) ? `/api/${clipKey}` : w.t.app.get(SnapshotLinks).urlFor(clipKey, c.id);
      return http(w).get(signed);
    },
    check: (_w, res) => expect(res.status === 200 ? res.headers['content-type'] : 'video/mp4').toBe('video/mp4'),
  },
  'POST /api/people': { statuses: PEOPLE(201), send: (w, c) => as(c, http(w).post('/api/people')).send({ name: `Added by ${c.role}` }) },
  'GET /api/people': { statuses: PEOPLE(200), send: (w, c) => as(c, http(w).get('/api/people')) },
  'GET /api/people/:id': { statuses: PEOPLE(200), send: (w, c) => as(c, http(w).get(`/api/people/${people.personId}`)) },
  'PATCH /api/people/:id': { statuses: PEOPLE(200), send: (w, c) => as(c, http(w).patch(`/api/people/${people.personId}`)).send({ alert: true }) },
  'DELETE /api/people/:id': { statuses: PEOPLE(204), send: async (w, c) => as(c, http(w).delete(`/api/people/${await freshPerson(w)}`)) },
  'POST /api/people/:id/faces': {
    statuses: PEOPLE(201),
    send: async (w, c) => as(c, http(w).post(`/api/people/${people.personId}/faces`)).set('Content-Type', 'image/png').send(await portrait(RED)),
  },
  'GET /api/people/:id/faces': { statuses: PEOPLE(200), send: (w, c) => as(c, http(w).get(`/api/people/${people.personId}/faces`)) },
  'DELETE /api/people/:id/faces/:faceId': {
    statuses: PEOPLE(204),
    send: async (w, c) => as(c, http(w).delete(`/api/people/${people.personId}/faces/${(await freshFace(w, people.personId)).id}`)),
  },
  'POST /api/recognize': { statuses: PEOPLE(200), send: async (w, c) => as(c, http(w).post('/api/recognize')).set('Content-Type', 'image/png').send(await portrait(RED)) },
  'GET /api/unknowns': { statuses: PEOPLE(200), send: (w, c) => as(c, http(w).get('/api/unknowns')) },
  'POST /api/unknowns/:id/assign': {
    statuses: PEOPLE(200),
    send: async (w, c) => as(c, http(w).post(`/api/unknowns/${await anUnknownSighting(w.t, w.analyser, w.cameraId, GREEN)}/assign`)).send({ personId: people.personId }),
  },
  'DELETE /api/unknowns/:id': {
    statuses: PEOPLE(204),
    send: async (w, c) => as(c, http(w).delete(`/api/unknowns/${await anUnknownSighting(w.t, w.analyser, w.cameraId, GREEN)}`)),
  },
  // Only those who manage people correct identities, and only on alerts they may see.
  'POST /api/alerts/:alertId/identity': {
    statuses: [401, 403, 403, 404, 200, 200, 401],
    send: async (w, c) => {
      const alertId = await anAlertWithSnapshot(w.t, w.cameraId, { x: 40, y: 40, size: 100, colour: RED });
      return as(c, http(w).post(`/api/alerts/${alertId}/identity`)).send({ personId: people.personId });
    },
  },
  'GET /api/media/faces/:personId/:file': { statuses: PEOPLE_MEDIA, send: (w, c) => http(w).get(signedMedia(w, c, people.faceKey)) },
  'GET /api/media/unknowns/:groupId/:file': { statuses: PEOPLE_MEDIA, send: (w, c) => http(w).get(signedMedia(w, c, people.unknownKey)) },
  'POST /api/notifications/webhooks': {
    statuses: SIGNED_IN_CREATE,
    send: (w, c) => as(c, http(w).post('/api/notifications/webhooks')).send({ url: 'https://hooks.example.com/argus' }),
  },
  'GET /api/notifications/webhooks': { statuses: SIGNED_IN, send: (w, c) => as(c, http(w).get('/api/notifications/webhooks')) },
  'GET /api/notifications/webhooks/:id': { statuses: OWN(200), send: async (w, c) => as(c, http(w).get(`/api/notifications/webhooks/${await ownerWebhook(w)}`)) },
  'DELETE /api/notifications/webhooks/:id': { statuses: OWN(204), send: async (w, c) => as(c, http(w).delete(`/api/notifications/webhooks/${await ownerWebhook(w)}`)) },
  'POST /api/notifications/webhooks/:id/test': { statuses: OWN(202), send: async (w, c) => as(c, http(w).post(`/api/notifications/webhooks/${await ownerWebhook(w)}/test`)) },
  'GET /api/notifications/webhooks/:id/deliveries': {
    statuses: OWN(200),
    send: async (w, c) => as(c, http(w).get(`/api/notifications/webhooks/${await ownerWebhook(w)}/deliveries`)),
  },
  'GET /api/notifications/push/key': { statuses: SIGNED_IN, send: (w, c) => as(c, http(w).get('/api/notifications/push/key')) },
  'POST /api/notifications/push/subscriptions': {
    statuses: SIGNED_IN_CREATE,
    send: (w, c) => as(c, http(w).post('/api/notifications/push/subscriptions')).send(aPushSubscription()),
  },
  'GET /api/notifications/push/subscriptions': { statuses: SIGNED_IN, send: (w, c) => as(c, http(w).get('/api/notifications/push/subscriptions')) },
  'DELETE /api/notifications/push/subscriptions/:id': {
    statuses: OWN(204),
    send: async (w, c) => as(c, http(w).delete(`/api/notifications/push/subscriptions/${await ownerPushSubscription(w)}`)),
  },
  'GET /api/cluster': { statuses: ADMIN_ONLY(200), send: (w, c) => as(c, http(w).get('/api/cluster')) },
  'GET /api/health': { statuses: PUBLIC, send: (w, c) => as(c, http(w).get('/api/health')) },
  'GET /api/health/ready': { statuses: PUBLIC, send: (w, c) => as(c, http(w).get('/api/health/ready')) },
  // Only METRICS_TOKEN opens /metrics (checked below); no user or worker token does.
  'GET /metrics': { statuses: [401, 401, 401, 401, 401, 401, 401], send: (w, c) => as(c, http(w).get('/metrics')) },
  // The OpenAPI document and Swagger UI describe the API; they hold no data.
  'GET /api/docs-json': { statuses: PUBLIC, send: (w, c) => as(c, http(w).get('/api/docs-json')) },
};

/** Swagger UI's static files: served without auth, like the document above. */
const SWAGGER_UI = /^GET \/api\/docs(\/.*|-yaml)?$/;

function streamCamera(hub: LiveVideoHub, cameraId: string): void {
  hub.cameraStarted(cameraId, { codec: 'h264', width: 640, height: 360, transcoded: false });
  hub.unit(cameraId, { data: toAnnexB([MAIN_360P_SPS, MAIN_360P_PPS, sliceNal(5, 0, 3000, 0x55)]), pts90k: 9000, keyframe: true, receivedAt: Date.now() });
}

describe('authorisation matrix: every route × every kind of caller', () => {
  let w: AccessWorld;
  let hub: LiveVideoHub;
  beforeAll(async () => {
    w = await buildAccessWorld({ METRICS_TOKEN: 'metrics-token-0123456789' });
    people = await buildPeopleWorld(w);
    hub = w.t.app.get(LIVE_VIDEO_HUB);
    streamCamera(hub, w.cameraId);
  });
  afterAll(async () => {
    await Promise.all(offers.splice(0).map((c) => c.close()));
    hub?.cameraStopped(w.cameraId);
    await w?.t.close();
  });

  it('has an expectation for every route the app serves and the OpenAPI document lists, and none for a route that is gone', async () => {
    const served = expressRoutes(w.t).filter((r) => !SWAGGER_UI.test(r));
    const documented = await openApiRoutes(w.t);
    const expected = Object.keys(MATRIX).sort();
    expect(served.filter((r) => !MATRIX[r])).toEqual([]);
    expect(documented.filter((r) => !MATRIX[r])).toEqual([]);
    expect(expected.filter((r) => !served.includes(r))).toEqual([]);
  });

  it.each(Object.keys(MATRIX))('%s', async (route) => {
    const { statuses, send, check } = MATRIX[route];
    const got: Record<string, number> = {};
    for (const role of ROLES) {
      const res = await send(w, w.callers[role]);
      got[role] = res.status;
      check?.(w, res, role);
    }
    expect(got).toEqual(Object.fromEntries(ROLES.map((role, i) => [role, statuses[i]])));
  });

  it('serves Swagger UI without auth', async () => {
    await w.t.http().get('/api/docs/').expect(200);
  });

  it('opens /metrics with METRICS_TOKEN only', async () => {
    await w.t.http().get('/metrics').set(bearer('metrics-token-0123456789')).expect(200);
  });
});

describe('authorisation in MediaMTX mode: the auth hook replaces the embedded WHEP routes', () => {
  let w: AccessWorld;
  beforeAll(async () => {
    w = await buildAccessWorld({ MEDIAMTX_URL: 'rtsp://127.0.0.1:1', MEDIAMTX_WEBRTC_URL: 'http://127.0.0.1:1' });
  });
  afterAll(() => w?.t.close());

  const hook = (body: Record<string, unknown>): Test =>
    w.t.http().post('/api/mediamtx/auth').send({ ip: '127.0.0.1', id: null, protocol: 'webrtc', user: '', password: '', token: '', query: '', ...body });

  it('serves the same routes otherwise', () => {
    const routes = expressRoutes(w.t).filter((r) => !SWAGGER_UI.test(r));
    const embedded = Object.keys(MATRIX).filter((r) => !r.includes('/whep'));
    expect(routes.sort()).toEqual([...embedded, 'POST /api/mediamtx/auth'].sort());
  });

  it('lets MediaMTX play the camera only for callers who may see it', async () => {
    const got: Record<string, number> = {};
    for (const role of ROLES) {
      got[role] = (await hook({ action: 'read', path: w.cameraId, token: w.callers[role].token ?? '' })).status;
    }
    expect(got).toEqual({ anonymous: 401, listedViewer: 200, unlistedViewer: 401, otherOperator: 401, owner: 200, admin: 200, alertWorker: 401 });
  });

  it('refuses publishing, the API, playback and metrics to every user token', async () => {
    for (const action of ['publish', 'api', 'playback', 'metrics', 'pprof']) {
      for (const role of ROLES) {
        const token = w.callers[role].token ?? '';
        const res = await hook({ action, path: w.cameraId, user: w.callers[role].username, password: token, token });
        expect([action, role, res.status]).toEqual([action, role, 401]);
      }
    }
  });
});
