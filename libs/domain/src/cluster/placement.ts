/** A worker as placement sees it. */
export interface PlacementWorker {
  id: string;
  labels: readonly string[];
  /** Detection threads (at least 1 counts). */
  capacity: number;
  /** Cameras it runs now. */
  cameras: number;
}

/** A camera waiting for a worker. */
export interface PlaceableCamera {
  id: string;
  /** Only a worker carrying this label may run it; null or absent: any worker. */
  workerLabel?: string | null;
}

export type Placement = { cameraId: string; nodeId: string } | { cameraId: string; nodeId: null; reason: string };

/** Why a camera runs nowhere: what its status says while no suitable worker is up. */
export function unplacedReason(workerLabel: string | null | undefined): string {
  return workerLabel ? `no worker with label "${workerLabel}" is up` : 'no worker is up';
}

/** The workers that may run a camera: those carrying its label, or all of them. */
export function eligibleWorkers<W extends PlacementWorker>(camera: PlaceableCamera, workers: readonly W[]): W[] {
  const label = camera.workerLabel;
  return label ? workers.filter((w) => w.labels.includes(label)) : [...workers];
}

/**
 * Where waiting cameras go: each camera, in id order, to the eligible worker with the lowest load
 * after taking it ((cameras + 1) / capacity), ties to fewer cameras, then to the smaller id. Every
 * node that plans from the same view gets the same answer, so the workers agree on who claims
 * what without talking; the lease decides when they do not.
 */
export function planPlacement(cameras: readonly PlaceableCamera[], workers: readonly PlacementWorker[]): Placement[] {
  const load = new Map(workers.map((w) => [w.id, w.cameras]));
  const ordered = [...cameras].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return ordered.map((camera): Placement => {
    const candidates = eligibleWorkers(camera, workers);
    if (candidates.length === 0) return { cameraId: camera.id, nodeId: null, reason: unplacedReason(camera.workerLabel) };
    const after = (w: PlacementWorker) => ((load.get(w.id) ?? 0) + 1) / Math.max(1, w.capacity);
    const best = candidates.reduce((a, b) => {
      const diff = after(a) - after(b);
      if (diff !== 0) return diff < 0 ? a : b;
      const held = (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0);
      if (held !== 0) return held < 0 ? a : b;
      return a.id <= b.id ? a : b;
    });
    load.set(best.id, (load.get(best.id) ?? 0) + 1);
    return { cameraId: camera.id, nodeId: best.id };
  });
}
