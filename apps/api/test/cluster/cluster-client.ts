import { io, type Socket } from 'socket.io-client';
import { CLUSTER_ADMIN, type ClusterRig } from '@argus/tools/testing/cluster/cluster-rig';
import type { NodeProcess } from '@argus/tools/testing/cluster/cluster-node-process';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined> | T | undefined, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await Promise.resolve()
      .then(probe)
      .catch(() => undefined);
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

export interface ApiAnswer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: Headers;
}

/** A JSON call to one node of the cluster. */
export async function call(node: NodeProcess, method: string, path: string, token: string | null, body?: unknown): Promise<ApiAnswer> {
  const res = await fetch(`${node.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

export async function login(node: NodeProcess, username = CLUSTER_ADMIN.username, password = CLUSTER_ADMIN.password): Promise<string> {
  const res = await call(node, 'POST', '/api/auth/login', null, { username, password });
  if (res.status !== 200) throw new Error(`login → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

/** A browser's socket on one api node, recording what it receives. */
export interface Listener {
  socket: Socket;
  alerts: Array<{ alertId: string; cameraId: string; at: number }>;
  states: Array<{ cameraId: string; status: string; error?: string; at: number }>;
  detections: Array<{ cameraId: string; at: number }>;
  close(): void;
}

export async function listen(node: NodeProcess, token: string): Promise<Listener> {
  const socket = io(node.url, { path: '/ws', transports: ['websocket'], auth: { token }, forceNew: true, reconnection: true });
  const listener: Listener = { socket, alerts: [], states: [], detections: [], close: () => socket.close() };
  socket.on('alert', (a: { alertId: string; cameraId: string }) => listener.alerts.push({ alertId: a.alertId, cameraId: a.cameraId, at: Date.now() }));
  socket.on('camera_state', (s: { cameraId: string; status: string; error?: string }) => listener.states.push({ ...s, at: Date.now() }));
  socket.on('detections', (d: { cameraId: string }) => listener.detections.push({ cameraId: d.cameraId, at: Date.now() }));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (e) => reject(e));
  });
  return listener;
}

/** Which node runs each camera, as the cameras say (Camera.node), and their statuses. */
export async function placement(rig: ClusterRig, via: NodeProcess, token: string): Promise<Map<string, { status: string; node: string | null; error?: string }>> {
  const res = await call(via, 'GET', '/api/cameras?limit=100', token);
  if (res.status !== 200) throw new Error(`cameras → ${res.status}`);
  return new Map(
    (res.body.items as Array<{ id: string; status: string; node?: string; error?: string }>).map((c) => [c.id, { status: c.status, node: c.node ?? null, error: c.error }]),
  );
}

/** Node ids by name, from GET /api/cluster. */
export async function nodeIds(rig: ClusterRig, via: NodeProcess, token: string): Promise<Map<string, { id: string; cameras: number; role: string }>> {
  const res = await call(via, 'GET', '/api/cluster', token);
  if (res.status !== 200) throw new Error(`cluster → ${res.status}`);
  const out = new Map<string, { id: string; cameras: number; role: string }>();
  for (const node of res.body.nodes as Array<{ id: string; cameras: number; role: string }>) {
    const name = [...rig.nodes.values()].find((n) => n.id === node.id)?.name;
    if (name) out.set(name, node);
  }
  return out;
}
