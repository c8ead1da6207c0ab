import { WhepTestClient } from '@argus/tools/testing/media/whep-test-client';
import { CLUSTER_DB, startClusterRig, type ClusterRig } from '@argus/tools/testing/cluster/cluster-rig';
import { redisMissingReason } from '@argus/tools/testing/redis/redis-test-server';
import { call, listen, login, placement, sleep, until, type Listener } from './cluster/cluster-client';

// Cluster mode end to end: two api processes and two workers (the built server) on loopback,
// with a real redis-server, the MongoDB wire-protocol test double, s3rver and the camera
// simulator. "No camera runs twice" is checked at the simulator: it counts each camera's RTSP
// sessions itself, all along the suite.
jest.setTimeout(120_000);

const LEASE_S = 5;
const PATHS = ['cam1', 'cam2', 'cam3', 'north', 'late'];
const missing = redisMissingReason();

if (missing) {
  describe('cluster mode', () => {
    it.skip(`needs redis-server: ${missing}`, () => undefined);
  });
} else {
  describe('cluster mode: two api nodes, two workers', () => {
    let rig: ClusterRig;
    let admin: string;
    let viewer: string;
    let adminOnApi1: Listener;
    let adminOnApi2: Listener;
    let viewerOnApi2: Listener;
    const camera: Record<string, string> = {};
    /** The most RTSP sessions each camera had at once, sampled every 100 ms. */
    const mostSessions: Record<string, number> = {};
    let sampler: NodeJS.Timeout;
    const timings: Record<string, number> = {};

    const api1 = () => rig.node('api-1');
    const api2 = () => rig.node('api-2');
    const runningCameras = async () => [...(await placement(rig, api2(), admin)).entries()].filter(([, c]) => c.status === 'running');
    const pathOf = (id: string) => Object.entries(camera).find(([, v]) => v === id)?.[0] as string;
    const onNode = async (nodeName: string) => {
      const id = rig.node(nodeName).id;
      return [...(await placement(rig, api1(), admin)).entries()].filter(([, c]) => c.node === id && c.status === 'running').map(([cid]) => cid);
    };

    beforeAll(async () => {
      rig = await startClusterRig({ paths: PATHS, env: { CAMERA_LEASE_S: String(LEASE_S), ALERT_COOLDOWN_S: '2' } });
      sampler = setInterval(() => {
        for (const [path, playing] of Object.entries(rig.sessions())) mostSessions[path] = Math.max(mostSessions[path] ?? 0, playing);
      }, 100);
      await Promise.all([
        rig.startNode('api-1', 'api'),
        rig.startNode('api-2', 'api'),
        rig.startNode('w-1', 'worker'),
        rig.startNode('w-2', 'worker', { WORKER_LABELS: 'north' }),
      ]);
      admin = await login(api1());
      const created = await call(api1(), 'POST', '/api/users', admin, { username: 'watcher', password: 'watcher-password', role: 'viewer' });
      expect(created.status).toBe(201);
      viewer = await login(api2(), 'watcher', 'watcher-password');
      for (const path of PATHS.filter((p) => p !== 'late')) {
        const res = await call(api1(), 'POST', '/api/cameras', admin, {
          name: path,
          location: 'lab',
          rtspUrl: rig.sim.url(path),
          fps: 3,
          ...(path === 'north' ? { workerLabel: 'north' } : {}),
        });
        expect(res.status).toBe(201);
        camera[path] = res.body.id;
      }
      expect((await call(api1(), 'PUT', `/api/cameras/${camera.cam1}/viewers`, admin, { userIds: [created.body.id] })).status).toBe(200);
      adminOnApi1 = await listen(api1(), admin);
      adminOnApi2 = await listen(api2(), admin);
      viewerOnApi2 = await listen(api2(), viewer);
      for (const id of Object.values(camera)) expect((await call(api1(), 'POST', `/api/cameras/${id}/start`, admin)).status).toBe(202);
    }, 180_000);

    afterAll(async () => {
      clearInterval(sampler);
      for (const l of [adminOnApi1, adminOnApi2, viewerOnApi2]) l?.close();
      process.stdout.write(`cluster suite timings (ms): ${JSON.stringify(timings)}\n`);
      await rig?.close();
    });

    it('runs every camera on exactly one worker, spread over both, a labelled one on its worker', async () => {
      const all = await until('4 cameras running', 60_000, async () => ((await runningCameras()).length === 4 ? true : undefined));
      expect(all).toBe(true);
      const where = await placement(rig, api1(), admin);
      const w1 = rig.node('w-1').id;
      const w2 = rig.node('w-2').id;
      expect(where.get(camera.north)?.node).toBe(w2);
      expect([...where.values()].every((c) => c.node === w1 || c.node === w2)).toBe(true);
      expect(new Set([...where.values()].map((c) => c.node))).toEqual(new Set([w1, w2]));
      expect(rig.sessions()).toMatchObject({ cam1: 1, cam2: 1, cam3: 1, north: 1, late: 0 });
      // Each node announces its count every second.
      const cluster = await until('the nodes’ counts', 10_000, async () => {
        const answer = await call(api2(), 'GET', '/api/cluster', admin);
        return answer.body.nodes.reduce((sum: number, n: { cameras: number }) => sum + n.cameras, 0) === 4 ? answer : undefined;
      });
      expect(cluster.status).toBe(200);
      expect(cluster.body.nodes.map((n: { role: string }) => n.role).sort()).toEqual(['api', 'api', 'worker', 'worker']);
      expect(Object.keys(cluster.body.nodes[0]).sort()).toEqual(['cameras', 'capacity', 'host', 'id', 'labels', 'lastSeen', 'role', 'startedAt']);
      expect((await call(api2(), 'GET', '/api/cluster', viewer)).status).toBe(403);
      expect((await call(api2(), 'GET', '/api/cluster', null)).status).toBe(401);
      expect((await call(rig.node('w-1'), 'GET', '/api/health', null)).status).toBe(200);
    });

    it('brings every worker’s events to the browsers on both api nodes, within their visibility', async () => {
      await until('states on api-2 for all four', 20_000, () =>
        Object.values(camera).every((id) => adminOnApi2.states.some((s) => s.cameraId === id && s.status === 'running')) || undefined,
      );
      expect(new Set(viewerOnApi2.states.map((s) => s.cameraId))).toEqual(new Set([camera.cam1]));
      const joined = await viewerOnApi2.socket.emitWithAck('subscribe', { cameraIds: [camera.cam1, camera.cam2] });
      expect(joined).toEqual({ ok: true, cameraIds: [camera.cam1] });
      await until('detections of cam1 through api-2', 20_000, () => viewerOnApi2.detections.some((d) => d.cameraId === camera.cam1) || undefined);
      await until('alerts on both api nodes', 60_000, () => (adminOnApi1.alerts.length > 0 && adminOnApi2.alerts.length > 0) || undefined);
      expect(viewerOnApi2.detections.every((d) => d.cameraId === camera.cam1)).toBe(true);
      expect(viewerOnApi2.alerts.every((a) => a.cameraId === camera.cam1)).toBe(true);
    });

    it('carries a stop and a start through either api node to the worker running the camera', async () => {
      const started = Date.now();
      const stop = await call(api2(), 'POST', `/api/cameras/${camera.cam2}/stop`, admin);
      timings.stopAnswered = Date.now() - started;
      expect(stop.status).toBe(202);
      await until('cam2 stopped at the simulator', 10_000, () => (rig.sessions().cam2 === 0 ? true : undefined));
      timings.stopAtCamera = Date.now() - started;
      await until('cam2 stopped seen on api-1', 10_000, () => adminOnApi1.states.some((s) => s.cameraId === camera.cam2 && s.status === 'stopped' && s.at >= started) || undefined);
      expect((await call(api1(), 'PATCH', `/api/cameras/${camera.cam3}/fps`, admin, { fps: 2 })).status).toBe(200);
      expect((await call(api1(), 'POST', `/api/cameras/${camera.cam2}/start`, admin)).status).toBe(202);
      await until('cam2 running again', 20_000, async () => ((await placement(rig, api1(), admin)).get(camera.cam2)?.status === 'running' ? true : undefined));
      expect(rig.sessions().cam2).toBe(1);
    });

    it('serves live view through an api node from the worker running the camera', async () => {
      const live = await call(api1(), 'GET', `/api/cameras/${camera.cam1}/live`, admin);
      expect(live.status).toBe(200);
      const client = new WhepTestClient();
      try {
        const res = await fetch(`${api1().url}${live.body.whepUrl}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/sdp' },
          body: await client.offer(),
        });
        expect(res.status).toBe(201);
        const location = res.headers.get('location') as string;
        expect(location).toMatch(new RegExp(`^/api/cameras/${camera.cam1}/whep/`));
        await client.accept(await res.text());
        const [first] = await client.waitForUnits(3, 15_000);
        expect(first.keyframe).toBe(true);
        const end = await fetch(`${api1().url}${location}`, { method: 'DELETE', headers: { authorization: `Bearer ${admin}` } });
        expect(end.status).toBe(204);
        const denied = await fetch(`${api2().url}/api/cameras/${camera.cam2}/whep`, {
          method: 'POST',
          headers: { authorization: `Bearer ${viewer}`, 'content-type': 'application/sdp' },
          body: await new WhepTestClient().offer(),
        });
        expect(denied.status).toBe(404);
      } finally {
        await client.close();
      }
    });

    it('moves the cameras of a worker killed with SIGKILL to the other within two leases', async () => {
      const orphans = await onNode('w-1');
      expect(orphans.length).toBeGreaterThan(0);
      const killedAt = Date.now();
      rig.node('w-1').child.kill('SIGKILL');
      const w2 = rig.node('w-2').id;
      // Taken by w-2 and pulled again (one session each at the simulator).
      await until('the orphans pulled by w-2', 60_000, async () => {
        const where = await placement(rig, api1(), admin);
        return orphans.every((id) => where.get(id)?.node === w2 && rig.sessions()[pathOf(id)] === 1) || undefined;
      }, 100);
      timings.failover = Date.now() - killedAt;
      await until('the orphans running', 30_000, async () => {
        const where = await placement(rig, api1(), admin);
        return orphans.every((id) => where.get(id)?.status === 'running') || undefined;
      });
    });

    it('lets a new worker join and gives it the next camera', async () => {
      await rig.startNode('w-3', 'worker');
      await until('w-3 listed', 20_000, async () => ((await call(api1(), 'GET', '/api/cluster', admin)).body.nodes.some((n: { id: string }) => n.id === rig.node('w-3').id) ? true : undefined));
      const res = await call(api2(), 'POST', '/api/cameras', admin, { name: 'late', location: 'lab', rtspUrl: rig.sim.url('late'), fps: 3 });
      camera.late = res.body.id;
      expect((await call(api2(), 'POST', `/api/cameras/${camera.late}/start`, admin)).status).toBe(202);
      await until('late running on w-3', 30_000, async () => {
        const c = (await placement(rig, api1(), admin)).get(camera.late);
        return c?.status === 'running' && c.node === rig.node('w-3').id ? true : undefined;
      });
    });

    it('hands the cameras of a worker stopped with SIGTERM over at once; a label no worker has shows why', async () => {
      const handed = (await onNode('w-2')).filter((id) => id !== camera.north);
      const stoppedAt = Date.now();
      rig.node('w-2').child.kill('SIGTERM');
      const w3 = rig.node('w-3').id;
      await until('w-2’s cameras pulled by w-3', 30_000, async () => {
        const where = await placement(rig, api1(), admin);
        return handed.every((id) => where.get(id)?.node === w3 && rig.sessions()[pathOf(id)] === 1) || undefined;
      }, 100);
      timings.handover = Date.now() - stoppedAt;
      await until('w-2’s cameras on w-3', 30_000, async () => {
        const where = await placement(rig, api1(), admin);
        return handed.every((id) => where.get(id)?.node === w3 && where.get(id)?.status === 'running') || undefined;
      });
      expect(await rig.node('w-2').exited).toEqual({ code: 0, signal: null });
      await until('north in error, naming its label', 30_000, async () => {
        const north = (await placement(rig, api1(), admin)).get(camera.north);
        return north?.status === 'error' && north.error === 'no worker with label "north" is up' ? true : undefined;
      });
      expect(rig.sessions().north).toBe(0);
    });

    it('keeps cameras where they run and the API answering while Redis is away for 10 s', async () => {
      const before = await until('every camera settled', 30_000, async () => {
        const where = await placement(rig, api1(), admin);
        return [...where.values()].every((c) => c.status !== 'starting') ? where : undefined;
      });
      const sessionsBefore = rig.sessions();
      await rig.redis.kill();
      const downAt = Date.now();
      while (Date.now() - downAt < 10_000) {
        expect((await call(api1(), 'GET', '/api/cameras', admin)).status).toBe(200);
        expect((await call(api2(), 'GET', '/api/alerts', admin)).status).toBe(200);
        expect(rig.sessions()).toEqual(sessionsBefore);
        await sleep(1000);
      }
      await rig.redis.start();
      // api-1, api-2 and w-3 (w-1 was killed, w-2 stopped).
      await until('the cluster listed again', 30_000, async () => ((await call(api2(), 'GET', '/api/cluster', admin)).body.nodes.length === 3 ? true : undefined));
      await sleep(2 * LEASE_S * 1000);
      const after = await placement(rig, api1(), admin);
      for (const [id, c] of before) expect({ id, node: after.get(id)?.node, status: after.get(id)?.status }).toEqual({ id, node: c.node, status: c.status });
      expect(rig.sessions()).toEqual(sessionsBefore);
      // Commands flow again.
      expect((await call(api2(), 'POST', `/api/cameras/${camera.cam1}/stop`, admin)).status).toBe(202);
      await until('cam1 stopped', 15_000, () => (rig.sessions().cam1 === 0 ? true : undefined));
    });

    it('stored each alert once and brought it to each browser once, through worker deaths and the Redis outage', async () => {
      const external = await fetch(`${api2().url}/api/alerts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${rig.env.ALERT_POST_AUTH_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ cameraId: camera.cam3, bbox: { x: 1, y: 1, width: 10, height: 10 } }),
      });
      expect(external.status).toBe(201);
      for (const id of Object.values(camera)) await call(api1(), 'POST', `/api/cameras/${id}/stop`, admin);
      await sleep(6000); // the last alerts reach every node (relay, or the stored-alert look-up)
      const stored = rig.mongo.documents(CLUSTER_DB, 'alerts').map((d) => String(d._id));
      expect(stored.length).toBeGreaterThan(3);
      expect(new Set(stored).size).toBe(stored.length);
      for (const listener of [adminOnApi1, adminOnApi2]) {
        const received = listener.alerts.map((a) => a.alertId);
        expect(new Set(received).size).toBe(received.length);
        expect(new Set(received)).toEqual(new Set(stored));
      }
      const forViewer = new Set(rig.mongo.documents(CLUSTER_DB, 'alerts').filter((d) => d['cameraId'] === camera.cam1).map((d) => String(d._id)));
      expect(new Set(viewerOnApi2.alerts.map((a) => a.alertId))).toEqual(forViewer);
      timings.alerts = stored.length;
    });

    it('never ran a camera twice (RTSP sessions counted by the simulator)', () => {
      expect(Object.values(mostSessions).every((n) => n <= 1)).toBe(true);
      expect(mostSessions).toMatchObject({ cam1: 1, cam2: 1, cam3: 1, north: 1, late: 1 });
    });
  });
}
