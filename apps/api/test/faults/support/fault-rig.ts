import type { Socket } from 'socket.io-client';
import { ensureClips, startCameraSimulator, type CameraPathOptions, type CameraSimulator, type PathFault } from '@argus/tools/camera-sim';
import { TEST_CLIPS_DIR } from '@argus/tools/camera-sim/test-clips.testing';
import type { AppModuleOptions } from '../../../src/app.module';
import { bearer, cameraBody, startTestApp, type TestApp } from '../../../src/testing/test-app';
import { connectSocket, handshake } from '../../support/sockets';
import { StateLog } from './state-log';

/** Cameras ask for credentials, so every reason can be checked for the password. */
export const CAMERA_USER = 'fault-user';
export const CAMERA_PASSWORD = 'fault-Pa55word';

export interface RigOptions {
  /** Simulator path → clip kind and its initial fault. */
  paths: Record<string, { clip?: 'faces' | 'empty'; fault?: PathFault }>;
  env?: Record<string, string>;
  app?: Pick<AppModuleOptions, 'detectionPool'>;
}

/** The simulator (loopback, with auth), the app in this process, an operator and its socket. */
export interface FaultRig {
  sim: CameraSimulator;
  t: TestApp;
  token: string;
  socket: Socket;
  states: StateLog;
  /** Adds a camera for a simulator path (credentials in its URL) and returns its id. */
  addCamera(path: string, settings?: { fps?: number; name?: string }): Promise<string>;
  start(id: string): Promise<void>;
  stop(id: string): Promise<void>;
  close(): Promise<void>;
}

export async function startFaultRig(options: RigOptions): Promise<FaultRig> {
  const clips = await ensureClips(TEST_CLIPS_DIR);
  const paths: Record<string, CameraPathOptions> = {};
  for (const [name, spec] of Object.entries(options.paths)) paths[name] = { clip: clips[spec.clip ?? 'faces'], fault: spec.fault };
  const sim = await startCameraSimulator({ paths, auth: { username: CAMERA_USER, password: CAMERA_PASSWORD, scheme: 'any' } });
  let t: TestApp | undefined;
  try {
    t = await startTestApp({ DETECTION_THREADS: '1', ...options.env }, options.app ?? {});
    return await connect(sim, t);
  } catch (error) {
    await t?.close();
    await sim.stop();
    throw error;
  }
}

async function connect(sim: CameraSimulator, t: TestApp): Promise<FaultRig> {
  const owner = await t.user('operator');
  const socket = connectSocket(t.url, { token: owner.token });
  if (!(await handshake(socket))) throw new Error('socket handshake refused');
  const states = new StateLog(socket);
  const auth = bearer(owner.token);
  let n = 0;
  return {
    sim,
    t,
    token: owner.token,
    socket,
    states,
    async addCamera(path, settings = {}) {
      const rtspUrl = sim.url(path, { username: CAMERA_USER, password: CAMERA_PASSWORD });
      const body = cameraBody({ name: settings.name ?? `${path} ${++n}`, rtspUrl, ...(settings.fps ? { fps: settings.fps } : {}) });
      return (await t.http().post('/api/cameras').set(auth).send(body).expect(201)).body.id as string;
    },
    async start(id) {
      await t.http().post(`/api/cameras/${id}/start`).set(auth).expect(202);
    },
    async stop(id) {
      await t.http().post(`/api/cameras/${id}/stop`).set(auth).expect(202);
    },
    async close() {
      socket.close();
      await t.close();
      await sim.stop();
    },
  };
}
