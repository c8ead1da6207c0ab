import type { Clip } from './clip';
import { emptyPathStats, type PathFault, type PathStats } from './faults';

/** A client connection as a path sees it: something that can be cut, now or after a delay. */
export interface PathClient {
  /** Closes the connection at once (the camera went away). */
  cut(): void;
  /** (Re)arms the drop timer from the path's dropAfterMs. */
  armDrop(): void;
}

/** One simulated camera: a clip served on an RTSP path, its faults, its clients and its counters. */
export class CameraPath {
  readonly stats: PathStats = emptyPathStats();
  readonly clients = new Set<PathClient>();
  private currentFault: PathFault;
  private upTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly name: string,
    readonly clip: Clip,
    fault: PathFault = {},
  ) {
    this.currentFault = { ...fault };
  }

  get fault(): PathFault {
    return this.currentFault;
  }

  /** Replaces the path's faults; connections are cut if it goes down and drop timers re-armed. */
  setFault(fault: PathFault): void {
    this.clearUpTimer();
    this.currentFault = { ...fault };
    for (const client of [...this.clients]) {
      if (fault.down) client.cut();
      else client.armDrop();
    }
  }

  /** The camera goes away (connections cut, new ones closed unanswered), for `forMs` or until up(). */
  down(forMs?: number): void {
    this.setFault({ ...this.currentFault, down: true });
    if (forMs !== undefined) this.upTimer = setTimeout(() => this.up(), forMs);
  }

  up(): void {
    this.setFault({ ...this.currentFault, down: false });
  }

  close(): void {
    this.clearUpTimer();
    for (const client of [...this.clients]) client.cut();
  }

  private clearUpTimer(): void {
    if (this.upTimer !== null) clearTimeout(this.upTimer);
    this.upTimer = null;
  }
}

/** Which path (and whether its track or the aggregate) an RTSP URL names; null for an unknown path. */
export function resolvePath(url: string, paths: ReadonlyMap<string, CameraPath>): { path: CameraPath; track: boolean } | null {
  let name: string;
  try {
    name = decodeURIComponent(new URL(url).pathname).replace(/^\/+|\/+$/g, '');
  } catch {
    return null; // not a URL, or a malformed %-escape
  }
  const direct = paths.get(name);
  if (direct) return { path: direct, track: false };
  const slash = name.lastIndexOf('/');
  const parent = slash > 0 ? paths.get(name.slice(0, slash)) : undefined;
  return parent && name.slice(slash + 1) === 'trackID=0' ? { path: parent, track: true } : null;
}
