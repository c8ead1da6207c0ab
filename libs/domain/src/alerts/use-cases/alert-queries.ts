import type { CameraRepository } from '../../cameras/camera-repository';
import { CameraGuard } from '../../cameras/camera-guard';
import { NotFoundError, ValidationError } from '../../shared/errors';
import { MAX_ID_LENGTH } from '../../shared/limits';
import { normalizePage, type Page } from '../../shared/pagination';
import type { Principal } from '../../users/user';
import type { Alert } from '../alert';
import { parseTimestamp } from '../alert-input';
import type { AlertRepository } from '../alert-repository';

export interface AlertListInput {
  cameraId?: string;
  /** Only alerts naming this person. */
  personId?: unknown;
  /** true (or "true"): only unknown faces; false (or "false"): only alerts naming a person. */
  unknown?: unknown;
  from?: unknown;
  to?: unknown;
  page?: number;
  limit?: number;
}

export interface AlertQueriesDeps {
  cameras: CameraRepository;
  alerts: AlertRepository;
}

/** Reading alerts: visibility follows the camera. */
export class AlertQueries {
  private readonly guard: CameraGuard;

  constructor(private readonly deps: AlertQueriesDeps) {
    this.guard = new CameraGuard(deps.cameras);
  }

  async list(principal: Principal, input: AlertListInput): Promise<Page<Alert>> {
    const { page, limit, offset } = normalizePage(input.page, input.limit);
    const from = input.from === undefined ? undefined : parseTimestamp('from', input.from);
    const to = input.to === undefined ? undefined : parseTimestamp('to', input.to);
    if (from && to && from > to) throw new ValidationError('from must not be after to');
    const cameraIds = await this.cameraScope(principal, input.cameraId);
    const identity = parseIdentityFilter(input);
    const { items, total } = await this.deps.alerts.list({ cameraIds, from, to, ...identity, offset, limit });
    return { items, total, page, limit };
  }

  async get(principal: Principal, alertId: string): Promise<Alert> {
    const alert = await this.deps.alerts.findById(alertId);
    if (!alert) throw new NotFoundError('Alert not found');
    try {
      await this.guard.visible(principal, alert.cameraId);
    } catch (err) {
      // Only "camera not visible" becomes "alert not found"; an outage must not pass for a 404.
      if (err instanceof NotFoundError) throw new NotFoundError('Alert not found');
      throw err;
    }
    return alert;
  }

  /** A camera filter the caller may not see behaves like a camera with no alerts. */
  private async cameraScope(principal: Principal, cameraId?: string): Promise<string[] | undefined> {
    // The id goes into a repository query: never let an object (`{ "$gt": "" }`) through.
    if (cameraId !== undefined && (typeof cameraId !== 'string' || cameraId.length > MAX_ID_LENGTH)) {
      throw new ValidationError('cameraId must be a camera id string');
    }
    if (principal.role === 'admin') return cameraId === undefined ? undefined : [cameraId];
    const visible = await this.deps.cameras.listIdsVisibleTo(principal.userId);
    if (cameraId === undefined) return visible;
    return visible.includes(cameraId) ? [cameraId] : [];
  }
}

function parseIdentityFilter(input: AlertListInput): { personId?: string; unknown?: boolean } {
  const filter: { personId?: string; unknown?: boolean } = {};
  if (input.personId !== undefined) {
    if (typeof input.personId !== 'string' || input.personId.length < 1 || input.personId.length > MAX_ID_LENGTH) {
      throw new ValidationError('personId must be a person id string');
    }
    filter.personId = input.personId;
  }
  if (input.unknown !== undefined) {
    if (input.unknown === true || input.unknown === 'true') filter.unknown = true;
    else if (input.unknown === false || input.unknown === 'false') filter.unknown = false;
    else throw new ValidationError('unknown must be true or false');
  }
  if (filter.personId !== undefined && filter.unknown === true) {
    throw new ValidationError('personId and unknown=true cannot be combined');
  }
  return filter;
}
