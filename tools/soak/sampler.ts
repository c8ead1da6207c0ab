import { readFileSync } from 'node:fs';
import { childPids, openFds, rssBytes } from '../bench/support/process-usage';

/** One look at the server process and what it reports about itself. */
export interface SoakSample {
  elapsedS: number;
  rssMb: number;
  heapUsedMb: number;
  openFds: number;
  /** Child processes of the server (ffmpeg feeds and decoders). */
  children: number;
  /** OS threads of the server (main, libuv, detection workers, ...). */
  threads: number;
  running: number;
  error: number;
  reconnects: number;
  framesProcessed: number;
  alertsStored: number;
  alertsPublished: number;
}

export interface SampleSource {
  pid: number;
  url: string;
  metricsToken: string;
  startedAt: number;
  /** Alerts in the database (read from the database double itself with MongoDB, so also during an outage). */
  stored(): Promise<number>;
  /** Distinct alert ids received over socket.io so far. */
  published(): number;
  reconnects: RunningTotals;
  processed: RunningTotals;
}

function threadCount(pid: number): number {
  try {
    return Number(/Threads:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Every series of a metric in Prometheus text: series (name plus labels) → value. */
export function metricSeries(text: string, name: string): Map<string, number> {
  const series = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name} `) && !line.startsWith(`${name}{`)) continue;
    const cut = line.lastIndexOf(' ');
    series.set(line.slice(0, cut), Number(line.slice(cut + 1)));
  }
  return series;
}

export function metricSum(text: string, name: string): number {
  return [...metricSeries(text, name).values()].reduce((a, b) => a + b, 0);
}

/**
 * Per-camera counters start again at 0 when a camera is restarted: this keeps a running total
 * per series across such resets (increments between the last sample and a reset are missed).
 */
export class RunningTotals {
  private readonly seen = new Map<string, { base: number; last: number }>();

  update(series: Map<string, number>): number {
    for (const [key, value] of series) {
      const entry = this.seen.get(key) ?? { base: 0, last: 0 };
      if (value < entry.last) entry.base += entry.last;
      entry.last = value;
      this.seen.set(key, entry);
    }
    let total = 0;
    for (const { base, last } of this.seen.values()) total += base + last;
    return total;
  }
}

async function json<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} → ${res.status}`);
  return (await res.json()) as T;
}

export async function takeSample(source: SampleSource): Promise<SoakSample> {
  const { pid, url } = source;
  const metrics = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${source.metricsToken}` } })).text();
  // byStatus is null while the database is away: no camera counts as running or failed then.
  const health = await json<{ cameras: { byStatus: Record<string, number> | null } }>(`${url}/api/health`);
  const mb = (bytes: number) => Math.round((bytes / 1e6) * 10) / 10;
  return {
    elapsedS: Math.round((Date.now() - source.startedAt) / 1000),
    rssMb: mb(rssBytes(pid)),
    heapUsedMb: mb(metricSum(metrics, 'nodejs_heap_size_used_bytes')),
    openFds: openFds(pid),
    children: childPids(pid).length,
    threads: threadCount(pid),
    running: health.cameras.byStatus?.['running'] ?? 0,
    error: health.cameras.byStatus?.['error'] ?? 0,
    reconnects: source.reconnects.update(metricSeries(metrics, 'argus_camera_reconnects_total')),
    framesProcessed: source.processed.update(metricSeries(metrics, 'argus_camera_frames_processed_total')),
    alertsStored: await source.stored(),
    alertsPublished: source.published(),
  };
}
