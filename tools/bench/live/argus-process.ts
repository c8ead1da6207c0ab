import { freePort } from '../../testing/free-port';
import { startArgus as startServer } from '../support/argus-server';
import { cpuSeconds } from '../support/process-usage';

export { childPids } from '../support/process-usage';

export interface ArgusProcess {
  baseUrl: string;
  pid: number;
  token: string;
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

/** The built Argus server (`npm start`'s build, no console) in a child process on a free port, signed in as admin. */
export async function startArgus(env: Record<string, string> = {}): Promise<ArgusProcess> {
  const server = await startServer(await freePort(), { HOST: '127.0.0.1', WEB_ROOT: '', ...env });
  // Unlike the bench's `api`, the status comes back instead of an error: the live bench polls for a 200.
  const api = async <T>(method: string, path: string, body?: unknown) => {
    const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` };
    const res = await fetch(server.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
  return { baseUrl: server.url, pid: server.pid, token: server.token, api, stop: () => server.stop() };
}

/** CPU time (user + system, ms) of a process; 0 once it is gone. */
const cpuMs = (pid: number) => cpuSeconds(pid) * 1000;

/** Share of one core a set of processes used while `during` ran. */
export async function coreShare(pids: () => number[], during: () => Promise<void>): Promise<number> {
  const sum = (list: number[]) => list.reduce((total, pid) => total + cpuMs(pid), 0);
  const before = pids();
  const cpu0 = sum(before);
  const t0 = performance.now();
  await during();
  const elapsed = performance.now() - t0;
  return (sum(before) - cpu0) / elapsed;
}
