// Cluster benchmark, on loopback with the built server: a real redis-server, the MongoDB
// wire-protocol test double, s3rver and the camera simulator (tools/testing/cluster).
//   1. lease renewal: Redis calls and leases/s for 1,000 simulated cameras on 10 workers;
//   2. command latency: PATCH /api/cameras/:id/fps on an api node, answered once the worker
//      running the camera applied it (Redis pub/sub both ways);
//   3. alert latency worker → browser: POST /api/alerts on a worker, received by a socket.io
//      client of another node (the relay through the Redis adapter), against one process;
//   4. failover: SIGKILL of the worker running a camera, until another worker pulls it again
//      (as the simulator counts sessions), 10 times; hand-over on SIGTERM, 3 times.
// Targets: failover ≤ 2 × CAMERA_LEASE_S, hand-over ≤ 5 s, command p95 ≤ 500 ms, cross-node
// alert overhead ≤ 20 ms p50. Figures from a shared 2-core machine are indicative.
// Usage: npm run bench -- cluster   (CLUSTER_KILLS=10 CLUSTER_LEASE_S=10 CLUSTER_COMMANDS=50 CLUSTER_ALERTS=100)
import { io, type Socket } from 'socket.io-client';
import { CLUSTER_ADMIN, startClusterRig, type ClusterRig } from '../testing/cluster/cluster-rig';
import type { NodeProcess } from '../testing/cluster/cluster-node-process';
import { redisMissingReason } from '../testing/redis/redis-test-server';
import { measureLeaseRenewal } from './support/cluster-leases';
import { percentile, printTable, recordResults } from './results';

const KILLS = Number(process.env['CLUSTER_KILLS'] ?? 10);
const HANDOVERS = Number(process.env['CLUSTER_HANDOVERS'] ?? 3);
const LEASE_S = Number(process.env['CLUSTER_LEASE_S'] ?? 10);
const COMMANDS = Number(process.env['CLUSTER_COMMANDS'] ?? 50);
const ALERTS = Number(process.env['CLUSTER_ALERTS'] ?? 100);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number) => Math.round(n);
const stats = (v: number[]) => ({ n: v.length, p50: round(percentile(v, 50)), p95: round(percentile(v, 95)), max: round(Math.max(...v)) });

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

async function json<T>(node: NodeProcess, method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(`${node.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const login = async (node: NodeProcess) => (await json<{ token: string }>(node, 'POST', '/api/auth/login', null, CLUSTER_ADMIN)).token;

async function socketOn(node: NodeProcess, token: string): Promise<Socket> {
  const socket = io(node.url, { path: '/ws', transports: ['websocket'], auth: { token }, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** POSTs alerts to `sender` and times their arrival at a browser connected to `receiver`. */
async function alertLatency(rig: ClusterRig, sender: NodeProcess, receiver: NodeProcess, cameraId: string, count: number): Promise<number[]> {
  const socket = await socketOn(receiver, await login(receiver));
  const sent = new Map<string, number>();
  const latency: number[] = [];
  const early = new Map<string, number>();
  socket.on('alert', (a: { alertId: string }) => {
    const at = performance.now();
    const start = sent.get(a.alertId);
    if (start === undefined) early.set(a.alertId, at);
    else latency.push(at - start);
  });
  try {
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      const res = await fetch(`${sender.url}/api/alerts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${rig.env.ALERT_POST_AUTH_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ cameraId, bbox: { x: 10, y: 10, width: 50, height: 60 } }),
      });
      if (res.status !== 201) throw new Error(`POST /api/alerts → ${res.status}`);
      const { alertId } = (await res.json()) as { alertId: string };
      sent.set(alertId, started);
      if (early.has(alertId)) latency.push((early.get(alertId) as number) - started);
      await sleep(50);
    }
    await until('every alert at the browser', 20_000, async () => (latency.length >= count ? true : undefined));
  } finally {
    socket.close();
  }
  return latency;
}

async function main(): Promise<void> {
  const missing = redisMissingReason();
  if (missing) {
    process.stdout.write(`cluster benchmark skipped: ${missing}\n`);
    return;
  }
  const rig = await startClusterRig({ paths: ['door'], env: { CAMERA_LEASE_S: String(LEASE_S), RECOGNITION: 'off' } });
  let workers = 0;
  const worker = () => rig.startNode(`w-${++workers}`, 'worker');
  try {
    const leases = await measureLeaseRenewal(rig.redis);
    const [api1, api2] = await Promise.all([rig.startNode('api-1', 'api'), rig.startNode('api-2', 'api'), worker(), worker()]);
    const token = await login(api1);
    const camera = await json<{ id: string }>(api1, 'POST', '/api/cameras', token, { name: 'door', location: 'bench', rtspUrl: rig.sim.url('door'), fps: 2, detectionEnabled: false });
    await json(api1, 'POST', `/api/cameras/${camera.id}/start`, token);
    const holder = async () => (await json<{ node?: string; status: string }>(api1, 'GET', `/api/cameras/${camera.id}`, token));
    let last: unknown = null;
    await until('the camera running', 90_000, async () => {
      const now = await holder();
      last = now;
      return now.status === 'running' ? true : undefined;
    }, 200).catch((error: Error) => {
      throw new Error(`${error.message}: ${JSON.stringify(last)}`);
    });

    const commands: number[] = [];
    for (let i = 0; i < COMMANDS; i++) {
      const started = performance.now();
      await json(api2, 'PATCH', `/api/cameras/${camera.id}/fps`, token, { fps: 2 + (i % 2) });
      commands.push(performance.now() - started);
      await sleep(50);
    }

    const describeNodes = () => [...rig.nodes.values()].map((n) => `${n.name}: ${n.alive ? 'up' : 'gone'}`).join(', ');
    const byId = () => new Map([...rig.nodes.values()].filter((n) => n.alive).map((n) => [n.id, n]));
    const someWorker = [...rig.nodes.values()].find((n) => n.role === 'worker' && n.alive) as NodeProcess;
    const crossNode = await alertLatency(rig, someWorker, api2, camera.id, ALERTS);

    const moveAfter = async (signal: NodeJS.Signals): Promise<number> => {
      const before = (await holder()).node as string;
      const victim = byId().get(before) as NodeProcess;
      const started = performance.now();
      victim.child.kill(signal);
      const took = await until(`the camera taken from ${victim.name} (${describeNodes()})`, 6 * LEASE_S * 1000, async () => {
        const now = await holder();
        return now.node && now.node !== before && rig.sessions()['door'] === 1 ? performance.now() - started : undefined;
      });
      await victim.exited;
      await worker(); // two workers again
      await sleep(1500); // the newcomer announced
      return took;
    };
    const failovers: number[] = [];
    for (let i = 0; i < KILLS; i++) {
      failovers.push(await moveAfter('SIGKILL'));
      process.stdout.write(`failover ${i + 1}/${KILLS}: ${round(failovers[i])} ms\n`);
    }
    const handovers: number[] = [];
    for (let i = 0; i < HANDOVERS; i++) {
      handovers.push(await moveAfter('SIGTERM'));
      process.stdout.write(`hand-over ${i + 1}/${HANDOVERS}: ${round(handovers[i])} ms\n`);
    }

    for (const node of rig.nodes.values()) await node.cleanUp();
    const single = await rig.startNode('single', 'all', { REDIS_URL: '' });
    const singleCamera = await json<{ id: string }>(single, 'POST', '/api/cameras', await login(single), { name: 'door-2', location: 'bench', rtspUrl: rig.sim.url('door') });
    const oneProcess = await alertLatency(rig, single, single, singleCamera.id, ALERTS);

    const leaseMs = LEASE_S * 1000;
    const rows = [
      { measure: 'failover (SIGKILL → pulled by another worker)', ...stats(failovers), target: `≤ ${2 * leaseMs} (2 × lease)`, meetsTarget: percentile(failovers, 95) <= 2 * leaseMs ? 'yes' : 'no' },
      { measure: 'hand-over (SIGTERM → pulled by another worker)', ...stats(handovers), target: '≤ 5000', meetsTarget: Math.max(...handovers) <= 5000 ? 'yes' : 'no' },
      { measure: 'command (PATCH fps via api node, applied by the worker)', ...stats(commands), target: 'p95 ≤ 500', meetsTarget: percentile(commands, 95) <= 500 ? 'yes' : 'no' },
      { measure: 'alert worker → browser on another node', ...stats(crossNode), target: '', meetsTarget: '' },
      { measure: 'alert in one process', ...stats(oneProcess), target: '', meetsTarget: '' },
    ];
    const overhead = percentile(crossNode, 50) - percentile(oneProcess, 50);
    printTable(`Cluster on loopback (CAMERA_LEASE_S=${LEASE_S}), ms`, rows);
    printTable('Cross-node alert overhead (p50, ms)', [{ overheadMs: round(overhead), target: '≤ 20', meetsTarget: overhead <= 20 ? 'yes' : 'no' }]);
    const { renewCallMs, ...leaseRow } = leases;
    printTable(`Lease renewal, ${leases.cameras} cameras on ${leases.workers} workers`, [{ ...leaseRow, renewCallP50Ms: renewCallMs.p50, renewCallP95Ms: renewCallMs.p95 }]);
    recordResults('cluster', { leaseS: LEASE_S, rows, crossNodeAlertOverheadP50Ms: round(overhead), leases, note: 'loopback, shared 2-core machine: indicative' });
  } finally {
    await rig.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
