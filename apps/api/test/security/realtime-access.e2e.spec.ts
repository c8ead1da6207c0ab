import type { Socket } from 'socket.io-client';
import { SocketIoRealtimePublisher } from '@argus/adapters';
import { ALERT_TOKEN, bearer } from '../../src/testing/test-app';
import { connectSocket, eventually, handshake, recordEvents } from '../support/sockets';
import { ROLES, buildAccessWorld, type AccessWorld, type Role } from './support/access-world';

const EVENTS = ['alert', 'camera_state', 'detections'] as const;
/** CONTRACT: a client receives events only for cameras it may see. */
const SEES_CAMERA: readonly Role[] = ['listedViewer', 'owner', 'admin'];

describe('authorisation matrix: socket.io events × every kind of caller', () => {
  let w: AccessWorld;
  const sockets = new Map<Role, Socket>();
  const accepted = new Map<Role, boolean>();
  beforeAll(async () => {
    w = await buildAccessWorld();
    for (const role of ROLES) {
      const socket = connectSocket(w.t.url, { token: w.callers[role].token ?? undefined });
      sockets.set(role, socket);
      accepted.set(role, await handshake(socket));
    }
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await w?.t.close();
  });

  it('refuses the handshake without a user token (none, or the alert worker’s)', () => {
    expect(Object.fromEntries(accepted)).toEqual({
      anonymous: false, listedViewer: true, unlistedViewer: true, otherOperator: true, owner: true, admin: true, alertWorker: false,
    });
  });

  it('lets each caller subscribe to detections of the camera only if it may see it', async () => {
    const got: Record<string, string[]> = {};
    for (const role of ROLES.filter((r) => accepted.get(r))) {
      got[role] = (await (sockets.get(role) as Socket).emitWithAck('subscribe', { cameraIds: [w.cameraId] })).cameraIds;
    }
    expect(got).toEqual({ listedViewer: [w.cameraId], unlistedViewer: [], otherOperator: [], owner: [w.cameraId], admin: [w.cameraId] });
  });

  it('delivers alert, camera_state and detections to exactly the callers who may see the camera', async () => {
    const seen = new Map([...sockets].filter(([role]) => accepted.get(role)).map(([role, s]) => [role, recordEvents(s, EVENTS)]));
    await w.t.http().post('/api/alerts').set(bearer(ALERT_TOKEN)).send({ cameraId: w.cameraId, bbox: { x: 1, y: 2, width: 3, height: 4 } }).expect(201);
    await w.t.http().patch(`/api/cameras/${w.cameraId}/fps`).set(bearer(w.callers.owner.token as string)).send({ fps: 6 }).expect(200);
    w.t.app.get(SocketIoRealtimePublisher).publishDetections({
      cameraId: w.cameraId, ts: new Date().toISOString(), frameWidth: 640, frameHeight: 360, boxes: [{ x: 1, y: 2, width: 30, height: 40, score: 0.9 }],
    });
    const counts = () => Object.fromEntries([...seen].map(([role, got]) => [role, EVENTS.map((e) => got[e].length)]));
    const expected = Object.fromEntries([...seen.keys()].map((role) => [role, SEES_CAMERA.includes(role) ? [1, 1, 1] : [0, 0, 0]]));
    await eventually(() => JSON.stringify(counts()) === JSON.stringify(expected), 2000);
    // A little longer, so an event wrongly sent to an outsider has time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(counts()).toEqual(expected);
  });

  it('stops delivering to a viewer as soon as it is taken off the viewers list', async () => {
    const listed = sockets.get('listedViewer') as Socket;
    const got = recordEvents(listed, ['alert']);
    await w.t.http().put(`/api/cameras/${w.cameraId}/viewers`).set(bearer(w.callers.owner.token as string)).send({ userIds: [] }).expect(200);
    await w.t.http().post('/api/alerts').set(bearer(ALERT_TOKEN)).send({ cameraId: w.cameraId, bbox: { x: 1, y: 2, width: 3, height: 4 } }).expect(201);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(got['alert']).toEqual([]);
  });
});
