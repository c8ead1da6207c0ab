// Object detection figures of the pipeline benchmark, read from /metrics over the measured window:
// object frames per camera per second, ms per object frame (in the pool, queue wait included) and
// face frames detected per camera per second.
import type { RunningArgus } from './argus-server';
import type { WindowProbe } from './pipeline-measure';

/** The bench server's /metrics token (startArgus must be given METRICS_TOKEN=BENCH_METRICS_TOKEN). */
export const BENCH_METRICS_TOKEN = 'bench-metrics-token-0123456789abcdef';

interface Totals {
  objectFrames: number;
  objectSkipped: number;
  faceFrames: number;
  objectSeconds: number;
  objectCalls: number;
}

async function scrape(server: RunningArgus, cameraIds: string[]): Promise<Totals> {
  const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` } });
  if (!res.ok) throw new Error(`/metrics → ${res.status}`);
  const lines = (await res.text()).split('\n');
  const value = (series: string) => Number(lines.find((l) => l.startsWith(`${series} `))?.split(' ')[1] ?? 0);
  const perCamera = (name: string) => cameraIds.reduce((sum, id) => sum + value(`${name}{camera="${id}"}`), 0);
  return {
    objectFrames: perCamera('argus_camera_object_frames_processed_total'),
    objectSkipped: perCamera('argus_camera_object_frames_skipped_total'),
    faceFrames: perCamera('argus_camera_frames_processed_total'),
    objectSeconds: value('argus_object_detection_duration_seconds_sum'),
    objectCalls: value('argus_object_detection_duration_seconds_count'),
  };
}

export function objectProbe(server: RunningArgus): WindowProbe {
  let ids: string[] = [];
  let before: Totals | null = null;
  return {
    async start(cameraIds) {
      ids = cameraIds;
      before = await scrape(server, ids);
    },
    async stop(windowS) {
      const after = await scrape(server, ids);
      const b = before as Totals;
      const perCameraPerS = (n: number) => Math.round((n / windowS / ids.length) * 100) / 100;
      const calls = after.objectCalls - b.objectCalls;
      return {
        objectFps: perCameraPerS(after.objectFrames - b.objectFrames),
        objectSkippedPerS: perCameraPerS(after.objectSkipped - b.objectSkipped),
        faceFramesPerS: perCameraPerS(after.faceFrames - b.faceFrames),
        objectMsPerFrame: calls > 0 ? Math.round(((after.objectSeconds - b.objectSeconds) / calls) * 1000) : 0,
      };
    },
  };
}
