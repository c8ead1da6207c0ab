import { parseTimestamp } from '../alerts/alert-input';
import { CameraGuard } from '../cameras/camera-guard';
import type { CameraRepository } from '../cameras/camera-repository';
import { NotFoundError, ValidationError } from '../shared/errors';
import type { Principal } from '../users/user';
import type { RecordedSpan, RecordingVideo, SegmentStore } from './recording-ports';

/** The longest span one video answer covers. */
export const MAX_EXPORT_MS = 3600_000;

export interface SpanQuery {
  from?: unknown;
  to?: unknown;
}

export interface RecordingQueriesDeps {
  cameras: CameraRepository;
  segments: Pick<SegmentStore, 'spans' | 'video'>;
}

/** What a camera recorded, for those who may see the camera: the spans, and the video of one of up to an hour. */
export class RecordingQueries {
  private readonly guard: CameraGuard;

  constructor(private readonly deps: RecordingQueriesDeps) {
    this.guard = new CameraGuard(deps.cameras);
  }

  /** Recorded spans overlapping [from, to] (both optional), oldest first. */
  async spans(principal: Principal, cameraId: string, query: SpanQuery): Promise<RecordedSpan[]> {
    const { from, to } = parseSpan(query, false);
    const camera = await this.guard.visible(principal, cameraId);
    return this.deps.segments.spans(camera.id, from, to);
  }

  /** The video from `from` to `to` (at most an hour); NotFoundError when nothing is recorded there. */
  async video(principal: Principal, cameraId: string, query: SpanQuery): Promise<RecordingVideo> {
    const { from, to } = parseSpan(query, true) as { from: Date; to: Date };
    if (to.getTime() - from.getTime() > MAX_EXPORT_MS) {
      throw new ValidationError(`from and to may be at most ${MAX_EXPORT_MS / 60_000} minutes apart`);
    }
    const camera = await this.guard.visible(principal, cameraId);
    const video = await this.deps.segments.video(camera.id, from, to);
    if (!video) throw new NotFoundError('Nothing is recorded between from and to');
    return video;
  }
}

function parseSpan(query: SpanQuery, required: boolean): { from?: Date; to?: Date } {
  const problems: string[] = [];
  const read = (field: 'from' | 'to'): Date | undefined => {
    const value = query[field];
    if (value === undefined || value === '') {
      if (required) problems.push(`${field} is required (an ISO 8601 date or epoch milliseconds)`);
      return undefined;
    }
    try {
      return parseTimestamp(field, value);
    } catch (error) {
      problems.push((error as Error).message);
      return undefined;
    }
  };
  const from = read('from');
  const to = read('to');
  if (problems.length > 0) throw new ValidationError(problems.join('; '), problems);
  if (from && to && from > to) throw new ValidationError('from must not be after to');
  return { from, to };
}
