// One measurement of the camera pipeline on a running server: cameras started on the given RTSP
// URLs at 10 fps, a warm-up, then FPS, detection and alert latency, CPU and memory over a window.
import type { Socket } from 'socket.io-client';
import { percentile } from '../results';
import { api, type RunningArgus } from './argus-server';
import { treeCpuSeconds, treeRssBytes } from './process-usage';

const WARMUP_S = 8;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface PipelineSample {
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

/** Extra figures taken over the same window (e.g. from /metrics), merged into the sample. */
export interface WindowProbe {
  start(cameraIds: string[]): Promise<void>;
  stop(windowS: number): Promise<Record<string, number>>;
}

export interface PipelineOptions {
  /** Object labels every camera asks for (object detection on). */
  objects?: string[];
  probe?: WindowProbe;
}

export async function measurePipeline(
  server: RunningArgus,
  socket: Socket,
  urls: string[],
  measureS: number,
  options: PipelineOptions = {},
): Promise<PipelineSample & Record<string, number>> {
  const ids: string[] = [];
  // Alerts are rare by design (one per new face): count them from the start, warm-up included.
  const alertLag: number[] = [];
  const onAlert = (a: { cameraId: string; timestamp: string }) => ids.includes(a.cameraId) && alertLag.push(Date.now() - Date.parse(a.timestamp));
  socket.on('alert', onAlert);
  for (const [i, rtspUrl] of urls.entries()) {
    const cam = await api<{ id: string }>(server, 'POST', '/api/cameras', { name: `Bench ${i}`, location: 'bench', rtspUrl, fps: 10 });
    ids.push(cam.id);
    if (options.objects) await api(server, 'PATCH', `/api/cameras/${cam.id}/objects`, { labels: options.objects });
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
  await options.probe?.start(ids);
  const cpu0 = treeCpuSeconds(server.pid);
  const t0 = Date.now();
  await sleep(measureS * 1000);
  const windowS = elapsedS();
  const cpuPct = ((treeCpuSeconds(server.pid) - cpu0) / windowS) * 100;
  const rss = treeRssBytes(server.pid);
  const probed = (await options.probe?.stop(windowS)) ?? {};
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
    ...probed,
  };
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);
const round = (n: number) => Math.round(n * 10) / 10;

