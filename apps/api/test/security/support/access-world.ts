import type { SnapshotStore } from '@argus/domain';
import type { Test } from 'supertest';
import { SNAPSHOT_STORE } from '../../../src/snapshots/snapshot-store.token';
import { ADMIN, ALERT_TOKEN, bearer, cameraBody, startTestApp, type TestApp } from '../../../src/testing/test-app';
import { ColourPatchAnalyser } from '../../support/colour-faces';

/**
 * Who calls, for the authorisation matrix: nobody, a viewer on the camera's viewers list, a viewer
 * who is not, an operator who does not own the camera, its owner, an admin, and an outside alert
 * worker holding ALERT_POST_AUTH_TOKEN (which must open nothing but alert intake).
 */
export const ROLES = ['anonymous', 'listedViewer', 'unlistedViewer', 'otherOperator', 'owner', 'admin', 'alertWorker'] as const;
export type Role = (typeof ROLES)[number];

export interface Caller {
  role: Role;
  token: string | null;
  id: string;
  username: string;
  password: string;
}

export interface AccessWorld {
  t: TestApp;
  /** The test face analyser the app runs with (people routes). */
  analyser: ColourPatchAnalyser;
  callers: Record<Role, Caller>;
  /** Owned by `owner`, with `listedViewer` on its viewers list. */
  cameraId: string;
  /** An alert on that camera, and a snapshot file of it. */
  alertId: string;
  snapshotKey: string;
  /** Another camera like the first, for calls that delete or start it. */
  freshCamera(): Promise<string>;
  /** A user to change or delete. */
  freshUser(): Promise<string>;
}

/** The request with the caller's bearer token, when it has one. */
export const as = (caller: Caller, req: Test): Test => (caller.token ? req.set(bearer(caller.token)) : req);

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);

export async function buildAccessWorld(env: Record<string, string> = {}): Promise<AccessWorld> {
  const analyser = new ColourPatchAnalyser();
  const t = await startTestApp(env, { faceAnalyser: analyser });
  const made = async (role: 'viewer' | 'operator', as: Role): Promise<Caller> => {
    const u = await t.user(role);
    return { role: as, token: u.token, id: u.id, username: u.username, password: `${u.username}-password` };
  };
  const adminId = (await t.http().get('/api/auth/me').set(bearer(t.adminToken))).body.id as string;
  const callers: Record<Role, Caller> = {
    anonymous: { role: 'anonymous', token: null, id: 'nobody', username: 'nobody-at-all', password: 'wrong-password' },
    listedViewer: await made('viewer', 'listedViewer'),
    unlistedViewer: await made('viewer', 'unlistedViewer'),
    otherOperator: await made('operator', 'otherOperator'),
    owner: await made('operator', 'owner'),
    admin: { role: 'admin', token: t.adminToken, id: adminId, ...ADMIN },
    alertWorker: { role: 'alertWorker', token: ALERT_TOKEN, id: 'alert-worker', username: 'alert-worker', password: ALERT_TOKEN },
  };
  const freshCamera = async () => {
    // Nothing listens on port 1: a started camera fails at once instead of waiting on a network.
    const body = cameraBody({ rtspUrl: 'rtsp://user:secret@127.0.0.1:1/stream', detectionEnabled: false });
    const id = (await t.http().post('/api/cameras').set(bearer(callers.owner.token as string)).send(body).expect(201)).body.id as string;
    await t.http().put(`/api/cameras/${id}/viewers`).set(bearer(callers.owner.token as string)).send({ userIds: [callers.listedViewer.id] }).expect(200);
    return id;
  };
  let users = 0;
  const freshUser = async () => {
    const res = await t.http().post('/api/users').set(bearer(t.adminToken)).send({ username: `target-${++users}`, password: 'target-password', role: 'viewer' });
    return res.body.id as string;
  };
  const cameraId = await freshCamera();
  const alert = await t.http().post('/api/alerts').set(bearer(ALERT_TOKEN)).send({ cameraId, bbox: { x: 1, y: 2, width: 3, height: 4 } }).expect(201);
  const snapshotKey = await t.app.get<symbol, SnapshotStore>(SNAPSHOT_STORE).save(cameraId, JPEG);
  return { t, analyser, callers, cameraId, alertId: alert.body.alertId, snapshotKey, freshCamera, freshUser };
}

/** Routes as Express serves them (`METHOD /path/:param`), Swagger UI's own files left out. */
export function expressRoutes(t: TestApp): string[] {
  const stack = (t.app.getHttpAdapter().getInstance() as { router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> } }).router.stack;
  const routes = new Set<string>();
  for (const { route } of stack) {
    if (!route) continue;
    const methods = Object.keys(route.methods);
    // Catch-all layers (every method) are the prefix exclusion and 404 fallbacks, not endpoints.
    if (methods.length > 8) continue;
    for (const method of methods) routes.add(`${method.toUpperCase()} ${route.path}`);
  }
  return [...routes].sort();
}

/** Routes in the OpenAPI document, in the same form. */
export async function openApiRoutes(t: TestApp): Promise<string[]> {
  const doc = (await t.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths)
    .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`))
    .sort();
}
