// Camera pipeline benchmark: how many simulated cameras run at 10 fps with detection on this
// machine, capture → socket.io latency of alerts and detections, CPU and memory per camera.
// Usage: npm run bench -- pipeline   (PIPELINE_CAMERAS=1,4,8,16  PIPELINE_SECONDS=20)
import type { Socket } from 'socket.io-client';
import { ensureClips, ensureVisitsClip, startCameraSimulator, VISIT_SECONDS } from '../camera-sim';
import { percentile, printTable, recordResults } from './results';
import { api, connectSocket, startArgus, type RunningArgus } from './support/argus-server';
import { treeCpuSeconds, treeRssBytes } from './support/process-usage';

const COUNTS = (process.env['PIPELINE_CAMERAS'] ?? '1,4,8,16').split(',').map(Number);
const MEASURE_S = Number(process.env['PIPELINE_SECONDS'] ?? 20);
const WARMUP_S = 8;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Sample {
  cameras: number;
  meanFps: number;
  minFps: number;
  camerasAt10: number;
  /** Frames per second per camera that actually went through face detection (the rest: motion-gated or replaced by a newer frame). */
  detectedFps: number;
  detectionP50: number;
  detectionP95: number;
  alertP50: number;
  alertP95: number;
  alerts: number;
  cpuPctPerCamera: number;
  rssMbTotal: number;
}

async function measure(server: RunningArgus, socket: Socket, urls: string[]): Promise<Sample> {
  const ids: string[] = [];
  // Alerts are rare by design (one per new face): count them from the start, warm-up included.
  const alertLag: number[] = [];
  const onAlert = (a: { cameraId: string; timestamp: string }) => ids.includes(a.cameraId) && alertLag.push(Date.now() - Date.parse(a.timestamp));
  socket.on('alert', onAlert);
  for (const [i, rtspUrl] of urls.entries()) {
    const cam = await api<{ id: string }>(server, 'POST', '/api/cameras', { name: `Bench ${i}`, location: 'bench', rtspUrl, fps: 10 });
    ids.push(cam.id);
    await api(server, 'POST', `/api/cameras/${cam.id}/start`);
  }
  await socket.emitWithAck('subscribe', { cameraIds: ids });
  await sleep(WARMUP_S * 1000);
  const fps = new Map<string, number[]>();
  const detectionLag: number[] = [];
  const onState = (e: { cameraId: string; status: string; fps: number }) => {
    if (ids.includes(e.cameraId) && e.status === 'running') fps.set(e.cameraId, [...(fps.get(e.cameraId) ?? []), e.fps]);
  };
  const onDetections = (d: { cameraId: string; ts: string }) => ids.includes(d.cameraId) && detectionLag.push(Date.now() - Date.parse(d.ts));
  const elapsedS = () => (Date.now() - t0) / 1000;
  socket.on('camera_state', onState).on('detections', onDetections);
  const cpu0 = treeCpuSeconds(server.pid);
  const t0 = Date.now();
  await sleep(MEASURE_S * 1000);
  const windowS = elapsedS();
  const cpuPct = ((treeCpuSeconds(server.pid) - cpu0) / windowS) * 100;
  const rss = treeRssBytes(server.pid);
  socket.off('camera_state', onState).off('detections', onDetections).off('alert', onAlert);
  for (const id of ids) await api(server, 'DELETE', `/api/cameras/${id}`).catch(() => undefined);
  const perCamera = ids.map((id) => mean(fps.get(id) ?? [0]));
  return {
    cameras: ids.length,
    meanFps: round(mean(perCamera)),
    minFps: round(Math.min(...perCamera)),
    camerasAt10: perCamera.filter((f) => f >= 9.5).length,
    detectedFps: round(detectionLag.length / windowS / ids.length),
    detectionP50: percentile(detectionLag, 50),
    detectionP95: percentile(detectionLag, 95),
    alertP50: percentile(alertLag, 50),
    alertP95: percentile(alertLag, 95),
    alerts: alertLag.length,
    cpuPctPerCamera: round(cpuPct / ids.length),
    rssMbTotal: Math.round(rss / 1e6),
  };
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);
const round = (n: number) => Math.round(n * 10) / 10;

async function main(): Promise<void> {
  // A face that comes and goes (VISIT_SECONDS in view, as long away): each return is a new
  // track, so every camera alerts every 2 × VISIT_SECONDS and alert latency has enough samples.
  const visits = await ensureVisitsClip('tmp/camera-sim-clips', await ensureClips('tmp/camera-sim-clips'));
  const paths = Object.fromEntries(Array.from({ length: Math.max(...COUNTS) }, (_, i) => [`cam${i}`, { clip: visits }]));
  const sim = await startCameraSimulator({ paths });
  // No cooldown, so every new face track alerts and latency has samples.
  const server = await startArgus(4610, { ALERT_COOLDOWN_S: '0' });
  const socket = await connectSocket(server);
  const samples: Sample[] = [];
  try {
    for (const n of COUNTS) {
      const urls = Array.from({ length: n }, (_, i) => sim.url(`cam${i}`));
      samples.push(await measure(server, socket, urls));
      await sleep(3000);
    }
  } finally {
    socket.close();
    await server.stop();
    await sim.stop();
  }
  printTable('Camera pipeline (10 fps per camera, detection on; latency ms from capture to socket.io)', samples as never);
  const sustained = Math.max(0, ...samples.filter((s) => s.camerasAt10 === s.cameras).map((s) => s.cameras));
  process.stdout.write(`\ncameras sustained at 10 fps: ${sustained}\n`);
  recordResults('pipeline', { samples, camerasSustainedAt10Fps: sustained, measureSeconds: MEASURE_S, faceVisitSeconds: VISIT_SECONDS });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
