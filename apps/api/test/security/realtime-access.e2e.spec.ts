import type { INestApplication } from '@nestjs/common';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { GATEWAY_METADATA, MESSAGE_MAPPING_METADATA, MESSAGE_METADATA } from '@nestjs/websockets/constants';
import type { Server } from 'socket.io';
import type { Socket } from 'socket.io-client';
import { SocketIoRealtimePublisher } from '@argus/adapters';
import { ensureClips, startCameraSimulator, type CameraSimulator } from '@argus/tools/camera-sim';
import { TEST_CLIPS_DIR } from '@argus/tools/camera-sim/test-clips.testing';
import { ALERT_TOKEN, bearer, cameraBody } from '../../src/testing/test-app';
import { connectSocket, eventually, handshake, recordEvents } from '../support/sockets';
import { ROLES, buildAccessWorld, type AccessWorld, type Role } from './support/access-world';

const EVENTS = ['alert', 'camera_state', 'detections'] as const;
type ServerEvent = (typeof EVENTS)[number];
/** docs/realtime.md: a client receives events only for cameras it may see. */
const SEES_CAMERA: readonly Role[] = ['listedViewer', 'owner', 'admin'];
/** The callers whose handshake is accepted (user tokens). */
const CONNECTED = ['listedViewer', 'unlistedViewer', 'otherOperator', 'owner', 'admin'] as const;
type ConnectedRole = (typeof CONNECTED)[number];

/** Long enough for an event that should not come to arrive anyway. */
const QUIET_MS = 200;
const quiet = () => new Promise((resolve) => setTimeout(resolve, QUIET_MS));

function publishDetections(w: AccessWorld, cameraId: string): void {
  w.t.app.get(SocketIoRealtimePublisher).publishDetections({
    cameraId, ts: new Date().toISOString(), frameWidth: 640, frameHeight: 360, boxes: [{ x: 1, y: 2, width: 30, height: 40, score: 0.9 }], objects: [],
  });
}

let fps = 1;
/** Makes the app send `event` for the camera the way it does in service. */
async function cause(w: AccessWorld, event: ServerEvent, cameraId: string): Promise<void> {
  if (event === 'alert') {
    await w.t.http().post('/api/alerts').set(bearer(ALERT_TOKEN)).send({ cameraId, bbox: { x: 1, y: 2, width: 3, height: 4 } }).expect(201);
  } else if (event === 'camera_state') {
    // A stopped camera publishes its state when its FPS changes.
    fps = (fps % 29) + 1;
    await w.t.http().patch(`/api/cameras/${cameraId}/fps`).set(bearer(w.callers.admin.token as string)).send({ fps }).expect(200);
  } else {
    publishDetections(w, cameraId);
  }
}

/** Payloads of `event` about one camera, from now on. */
function received(socket: Socket, event: string, cameraId: string): unknown[] {
  const got: unknown[] = [];
  socket.on(event, (payload: { cameraId?: unknown }) => {
    if (payload?.cameraId === cameraId) got.push(payload);
  });
  return got;
}

/** Every socket.io event the app handles from clients: the gateways' handlers, by their Nest metadata. */
function handledByGateways(app: INestApplication): string[] {
  const scanner = new MetadataScanner();
  const events: string[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.providers.values()) {
      const { metatype, instance } = wrapper;
      if (!metatype || !instance || !Reflect.getMetadata(GATEWAY_METADATA, metatype)) continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as object;
        if (Reflect.getMetadata(MESSAGE_MAPPING_METADATA, handler)) events.push(Reflect.getMetadata(MESSAGE_METADATA, handler) as string);
      }
    }
  }
  return events.sort();
}

/** The events a connected server-side socket listens to, however the listener was added (lifecycle events left out). */
function listenedOnSockets(app: INestApplication): string[] {
  // The publisher holds the socket.io server the gateway attached to it.
  const server = (app.get(SocketIoRealtimePublisher) as unknown as { server: Server }).server;
  const lifecycle = new Set(['disconnect', 'disconnecting', 'error']);
  const events = new Set<string>();
  for (const namespace of (server as unknown as { _nsps: Map<string, { sockets: Map<string, { eventNames(): Array<string | symbol> }> }> })._nsps.values()) {
    for (const socket of namespace.sockets.values()) {
      for (const name of socket.eventNames()) if (typeof name === 'string' && !lifecycle.has(name)) events.add(name);
    }
  }
  return [...events].sort();
}

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
      cameraId: w.cameraId, ts: new Date().toISOString(), frameWidth: 640, frameHeight: 360, boxes: [{ x: 1, y: 2, width: 30, height: 40, score: 0.9 }], objects: [],
    });
    const counts = () => Object.fromEntries([...seen].map(([role, got]) => [role, EVENTS.map((e) => got[e].length)]));
    const expected = Object.fromEntries([...seen.keys()].map((role) => [role, SEES_CAMERA.includes(role) ? [1, 1, 1] : [0, 0, 0]]));
    await eventually(() => JSON.stringify(counts()) === JSON.stringify(expected), 2000);
    // A little longer, so an event wrongly sent to an outsider has time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(counts()).toEqual(expected);
  });
});

/** Opens a socket for a caller and waits for the handshake to be accepted. */
async function open(w: AccessWorld, role: ConnectedRole, opened: Socket[]): Promise<Socket> {
  const socket = connectSocket(w.t.url, { token: w.callers[role].token as string });
  opened.push(socket);
  if (!(await handshake(socket))) throw new Error(`${role}: handshake refused`);
  return socket;
}

/** Whether detections of the camera, published now, reach the socket. */
async function getsDetections(w: AccessWorld, socket: Socket, cameraId: string): Promise<boolean> {
  let got = 0;
  const count = (payload: { cameraId?: unknown }) => {
    if (payload?.cameraId === cameraId) got++;
  };
  socket.on('detections', count);
  publishDetections(w, cameraId);
  await quiet();
  socket.off('detections', count);
  return got > 0;
}

interface EventOutcome {
  ack: unknown;
  /** Whether the camera's detections reach the socket afterwards. */
  detections: boolean;
}

/**
 * Every event a client may send, with what each kind of caller gets from it for the camera
 * (owned by `owner`, `listedViewer` on its viewers list). The self-check below keeps this table in
 * step with the gateway's handlers.
 */
const CLIENT_EVENTS: Record<string, { run(w: AccessWorld, socket: Socket): Promise<EventOutcome>; expected: Record<ConnectedRole, EventOutcome> }> = {
  subscribe: {
    async run(w, socket) {
      const ack = await socket.emitWithAck('subscribe', { cameraIds: [w.cameraId, 'no-such-camera'] });
      return { ack, detections: await getsDetections(w, socket, w.cameraId) };
    },
    expected: Object.fromEntries(
      CONNECTED.map((role) => {
        const sees = SEES_CAMERA.includes(role);
        return [role, { ack: { ok: true, cameraIds: sees ? ['CAMERA'] : [] }, detections: sees }];
      }),
    ) as Record<ConnectedRole, EventOutcome>,
  },
  unsubscribe: {
    async run(w, socket) {
      await socket.emitWithAck('subscribe', { cameraIds: [w.cameraId] });
      const ack = await socket.emitWithAck('unsubscribe', { cameraIds: [w.cameraId, 'no-such-camera'] });
      return { ack, detections: await getsDetections(w, socket, w.cameraId) };
    },
    // The same answer whether the caller may see the camera or not: no oracle, and nothing granted.
    expected: Object.fromEntries(
      CONNECTED.map((role) => [role, { ack: { ok: true, cameraIds: ['CAMERA', 'no-such-camera'] }, detections: false }]),
    ) as Record<ConnectedRole, EventOutcome>,
  },
};

describe('authorisation matrix: socket.io events a client sends × every kind of caller', () => {
  let w: AccessWorld;
  const opened: Socket[] = [];
  beforeAll(async () => {
    w = await buildAccessWorld();
  });
  afterAll(async () => {
    opened.forEach((s) => s.close());
    await w?.t.close();
  });

  it('has an access test for every event the gateways handle, and none for an event they do not', async () => {
    await open(w, 'owner', opened);
    const tested = Object.keys(CLIENT_EVENTS).sort();
    const declared = handledByGateways(w.t.app);
    expect(declared.length).toBeGreaterThan(0);
    expect(declared).toEqual(tested);
    // Also a listener added by hand (socket.on in a connection hook) would be an event to test.
    expect(listenedOnSockets(w.t.app)).toEqual(tested);
  });

  it.each(Object.keys(CLIENT_EVENTS))('%s', async (event) => {
    const { run, expected } = CLIENT_EVENTS[event];
    const got: Record<string, EventOutcome> = {};
    for (const role of CONNECTED) {
      const socket = await open(w, role, opened);
      const outcome = await run(w, socket);
      got[role] = JSON.parse(JSON.stringify(outcome).split(w.cameraId).join('CAMERA'));
      socket.close();
    }
    expect(got).toEqual(expected);
  });
});

/** Payloads `unsubscribe` must refuse: [what, arguments of the emit]. */
const BAD_UNSUBSCRIBE: Array<[string, unknown[]]> = [
  ['no payload', []],
  ['null', [null]],
  ['a string', ['cameraIds']],
  ['a number', [42]],
  ['true', [true]],
  ['an array of ids', [['CAMERA']]],
  ['binary data', [Buffer.from('CAMERA')]],
  ['an object without cameraIds', [{}]],
  ['cameraIds: null', [{ cameraIds: null }]],
  ['cameraIds: a string', [{ cameraIds: 'CAMERA' }]],
  ['cameraIds: an object', [{ cameraIds: { 0: 'CAMERA' } }]],
  ['cameraIds: a number in the list', [{ cameraIds: ['CAMERA', 1] }]],
  ['cameraIds: null in the list', [{ cameraIds: [null] }]],
  ['cameraIds: an operator in the list', [{ cameraIds: [{ $ne: null }] }]],
  ['cameraIds: a nested list', [{ cameraIds: [['CAMERA']] }]],
  ['cameraIds: more than 200', [{ cameraIds: Array.from({ length: 201 }, () => 'CAMERA') }]],
  ['cameraIds: an id over 100 characters', [{ cameraIds: ['x'.repeat(101)] }]],
  ['two payloads', [{ cameraIds: ['CAMERA'] }, { cameraIds: ['CAMERA'] }]],
];

describe('unsubscribe', () => {
  let w: AccessWorld;
  let other: string;
  const opened: Socket[] = [];
  beforeAll(async () => {
    w = await buildAccessWorld();
    other = await w.freshCamera();
  });
  afterAll(async () => {
    opened.forEach((s) => s.close());
    await w?.t.close();
  });

  it('stops the detections of the cameras named and keeps those of the others', async () => {
    const socket = await open(w, 'owner', opened);
    expect(await socket.emitWithAck('subscribe', { cameraIds: [w.cameraId, other] })).toEqual({ ok: true, cameraIds: [w.cameraId, other] });
    expect(await socket.emitWithAck('unsubscribe', { cameraIds: [w.cameraId] })).toEqual({ ok: true, cameraIds: [w.cameraId] });
    expect([await getsDetections(w, socket, w.cameraId), await getsDetections(w, socket, other)]).toEqual([false, true]);
    // Again, and with a camera it never subscribed to: nothing changes.
    expect(await socket.emitWithAck('unsubscribe', { cameraIds: [w.cameraId, 'never-subscribed'] })).toEqual({ ok: true, cameraIds: [w.cameraId, 'never-subscribed'] });
    expect([await getsDetections(w, socket, w.cameraId), await getsDetections(w, socket, other)]).toEqual([false, true]);
    expect(await socket.emitWithAck('unsubscribe', { cameraIds: [other] })).toEqual({ ok: true, cameraIds: [other] });
    expect([await getsDetections(w, socket, w.cameraId), await getsDetections(w, socket, other)]).toEqual([false, false]);
    // Subscribing again works on the same connection.
    expect(await socket.emitWithAck('subscribe', { cameraIds: [w.cameraId] })).toEqual({ ok: true, cameraIds: [w.cameraId] });
    expect(await getsDetections(w, socket, w.cameraId)).toBe(true);
  });

  it('leaves alerts and camera states alone: those follow visibility, not subscriptions', async () => {
    const socket = await open(w, 'listedViewer', opened);
    await socket.emitWithAck('subscribe', { cameraIds: [w.cameraId] });
    await socket.emitWithAck('unsubscribe', { cameraIds: [w.cameraId] });
    for (const event of ['alert', 'camera_state'] as const) {
      const got = received(socket, event, w.cameraId);
      await cause(w, event, w.cameraId);
      expect([event, await eventually(() => got.length === 1, 2000)]).toEqual([event, true]);
    }
  });

  describe('with a payload it cannot use', () => {
    let socket: Socket;
    const exceptions: unknown[] = [];
    beforeAll(async () => {
      socket = await open(w, 'listedViewer', opened);
      socket.on('exception', (e: unknown) => exceptions.push(e));
      expect(await socket.emitWithAck('subscribe', { cameraIds: [w.cameraId] })).toEqual({ ok: true, cameraIds: [w.cameraId] });
    });

    it.each(BAD_UNSUBSCRIBE)('refuses %s, changes nothing and keeps the connection', async (_what, args) => {
      const sent = JSON.parse(JSON.stringify(args).split('CAMERA').join(w.cameraId)) as unknown[];
      const payload = args.map((arg, i) => (Buffer.isBuffer(arg) ? arg : sent[i]));
      expect(await socket.timeout(2000).emitWithAck('unsubscribe', ...payload)).toEqual({ ok: false, error: expect.stringMatching(/cameraIds/) });
      expect(socket.connected).toBe(true);
      expect(exceptions).toEqual([]);
      // Still subscribed: a refused unsubscribe is not a partial one.
      expect(await getsDetections(w, socket, w.cameraId)).toBe(true);
    });

    it('survives the same payloads without an acknowledgement callback', async () => {
      for (const [, args] of BAD_UNSUBSCRIBE) socket.emit('unsubscribe', ...args);
      expect(await socket.emitWithAck('subscribe', { cameraIds: [w.cameraId] })).toEqual({ ok: true, cameraIds: [w.cameraId] });
      expect(socket.connected).toBe(true);
      expect(exceptions).toEqual([]);
      expect(await getsDetections(w, socket, w.cameraId)).toBe(true);
    });
  });

  it('grants nothing for cameras the caller may not see, malformed ids or room names, and touches no one else', async () => {
    const outsider = await open(w, 'unlistedViewer', opened);
    const listed = await open(w, 'listedViewer', opened);
    const admin = await open(w, 'admin', opened);
    const exceptions: unknown[] = [];
    for (const s of [outsider, listed, admin]) s.on('exception', (e: unknown) => exceptions.push(e));
    expect(await listed.emitWithAck('subscribe', { cameraIds: [w.cameraId] })).toEqual({ ok: true, cameraIds: [w.cameraId] });
    const odd = [
      w.cameraId, other, 'no-such-camera', '', ' ', '$ne', '{"$ne":null}', '.*', '*', '../x', '%00', '\u0000', 'a.b', '__proto__', 'constructor',
      `user:${w.callers.listedViewer.id}`, `user:${w.callers.admin.id}`, 'role:admin', `detections:${w.cameraId}`, 'x'.repeat(100),
    ];
    // The caller may not see these cameras, and the answer does not tell which exist.
    expect(await outsider.emitWithAck('unsubscribe', { cameraIds: odd })).toEqual({ ok: true, cameraIds: odd });
    expect(await outsider.emitWithAck('subscribe', { cameraIds: [w.cameraId, other] })).toEqual({ ok: true, cameraIds: [] });
    expect(await getsDetections(w, outsider, w.cameraId)).toBe(false);
    // Another caller's subscription stands.
    expect(await getsDetections(w, listed, w.cameraId)).toBe(true);
    // Room-like ids do not take a socket out of its user's or the admins' room.
    for (const s of [listed, admin]) expect(await s.emitWithAck('unsubscribe', { cameraIds: odd.slice(2) })).toEqual({ ok: true, cameraIds: odd.slice(2) });
    const alerts = [outsider, listed, admin].map((s) => received(s, 'alert', w.cameraId));
    await cause(w, 'alert', w.cameraId);
    expect(await eventually(() => alerts[1].length === 1 && alerts[2].length === 1, 2000)).toBe(true);
    await quiet();
    expect(alerts.map((a) => a.length)).toEqual([0, 1, 1]);
    expect(await getsDetections(w, listed, w.cameraId)).toBe(true);
    expect([outsider.connected, listed.connected, admin.connected]).toEqual([true, true, true]);
    expect(exceptions).toEqual([]);
  });
});

/**
 * Sockets of the listed viewer about to be taken off the list, of a viewer who stays on it and of the
 * owner, each subscribed to the camera's detections.
 */
async function subscribedToCamera(w: AccessWorld, camera: string, stays: { token: string }, opened: Socket[]): Promise<[Socket, Socket, Socket]> {
  const removed = await open(w, 'listedViewer', opened);
  const kept = connectSocket(w.t.url, { token: stays.token });
  opened.push(kept);
  expect(await handshake(kept)).toBe(true);
  const owner = await open(w, 'owner', opened);
  for (const s of [removed, kept, owner]) expect(await s.emitWithAck('subscribe', { cameraIds: [camera] })).toEqual({ ok: true, cameraIds: [camera] });
  return [removed, kept, owner];
}

describe('a viewer taken off the viewers list', () => {
  let w: AccessWorld;
  let stays: { id: string; token: string };
  const opened: Socket[] = [];
  beforeAll(async () => {
    w = await buildAccessWorld();
    stays = await w.t.user('viewer');
  });
  afterAll(async () => {
    opened.forEach((s) => s.close());
    await w?.t.close();
  });

  it.each(EVENTS)('stops getting %s for that camera at once; the viewers still listed keep getting them', async (event) => {
    const camera = await w.freshCamera();
    const setViewers = (userIds: string[]) =>
      w.t.http().put(`/api/cameras/${camera}/viewers`).set(bearer(w.callers.owner.token as string)).send({ userIds }).expect(200);
    await setViewers([w.callers.listedViewer.id, stays.id]);
    const [removed, kept, owner] = await subscribedToCamera(w, camera, stays, opened);
    const [toRemoved, toKept, toOwner] = [removed, kept, owner].map((s) => received(s, event, camera));

    // Before: all three get it (so the "after" below is not quiet for another reason).
    await cause(w, event, camera);
    expect(await eventually(() => toRemoved.length === 1 && toKept.length === 1 && toOwner.length === 1, 2000)).toBe(true);

    await setViewers([stays.id]);
    await cause(w, event, camera);
    expect(await eventually(() => toKept.length === 2 && toOwner.length === 2, 2000)).toBe(true);
    await quiet();
    expect({ removed: toRemoved.length, kept: toKept.length, owner: toOwner.length }).toEqual({ removed: 1, kept: 2, owner: 2 });
    // And it cannot subscribe again.
    expect(await removed.emitWithAck('subscribe', { cameraIds: [camera] })).toEqual({ ok: true, cameraIds: [] });
    expect(await getsDetections(w, removed, camera)).toBe(false);
    expect(removed.connected).toBe(true);
  });
});

describe('a viewer taken off the viewers list of a running camera', () => {
  // The running stream keeps its own copy of the camera, for its heartbeats: it must be handed the new list.
  let w: AccessWorld;
  let sim: CameraSimulator;
  let stays: { id: string; token: string };
  const opened: Socket[] = [];
  beforeAll(async () => {
    const clips = await ensureClips(TEST_CLIPS_DIR);
    sim = await startCameraSimulator({ paths: { faces: { clip: clips.faces } } });
    w = await buildAccessWorld({ DETECTION_THREADS: '1' });
    stays = await w.t.user('viewer');
  }, 120_000);
  afterAll(async () => {
    opened.forEach((s) => s.close());
    await w?.t.close();
    await sim?.stop();
  });

  it('stops getting its heartbeats (camera_state) and detections; the others keep getting them', async () => {
    const asOwner = bearer(w.callers.owner.token as string);
    const camera = (await w.t.http().post('/api/cameras').set(asOwner).send(cameraBody({ rtspUrl: sim.url('faces'), fps: 5 })).expect(201)).body.id as string;
    const setViewers = (userIds: string[]) => w.t.http().put(`/api/cameras/${camera}/viewers`).set(asOwner).send({ userIds }).expect(200);
    await setViewers([w.callers.listedViewer.id, stays.id]);
    const [removed, kept, owner] = await subscribedToCamera(w, camera, stays, opened);
    const heartbeats = (s: Socket) => {
      const got: unknown[] = [];
      s.on('camera_state', (e: { cameraId: string; status: string; fps: number }) => {
        if (e.cameraId === camera && e.status === 'running' && e.fps > 0) got.push(e);
      });
      return got;
    };
    const beats = [removed, kept, owner].map(heartbeats);
    const frames = [removed, kept, owner].map((s) => received(s, 'detections', camera));
    await w.t.http().post(`/api/cameras/${camera}/start`).set(asOwner).expect(202);
    // Before: everyone gets both (a heartbeat comes about every 5 s while running).
    expect(await eventually(() => beats.every((b) => b.length >= 1) && frames.every((f) => f.length >= 1), 45_000)).toBe(true);

    await setViewers([stays.id]);
    // Events already on their way when the list changed may still land: count from a moment later.
    await quiet();
    const [beatsThen, framesThen] = [beats[0].length, frames[0].length];
    const [keptBeats, ownerBeats, keptFrames, ownerFrames] = [beats[1].length, beats[2].length, frames[1].length, frames[2].length];
    expect(
      await eventually(() => beats[1].length > keptBeats && beats[2].length > ownerBeats && frames[1].length > keptFrames + 3 && frames[2].length > ownerFrames + 3, 15_000),
    ).toBe(true);
    expect({ heartbeats: beats[0].length - beatsThen, detections: frames[0].length - framesThen }).toEqual({ heartbeats: 0, detections: 0 });
    await w.t.http().post(`/api/cameras/${camera}/stop`).set(asOwner).expect(202);
  }, 90_000);
});
