import type { Clock } from '../shared/clock';

/** One identity alerts at most once per this long across all cameras (IDENTITY_COOLDOWN_S). */
export const DEFAULT_IDENTITY_COOLDOWN_S = 300;

/** Who a face track is: an enrolled person (with their `alert` setting) or an unknown group. */
export type TrackIdentity = { kind: 'person'; personId: string; alert: boolean } | { kind: 'unknown'; groupId: string };

export interface IdentityAlertQuestion {
  cameraId: string;
  identity: TrackIdentity;
  /** The camera is inside its own alert cooldown. */
  cameraQuiet: boolean;
}

/** Identities remembered before old ones are swept. */
const SWEEP_ABOVE = 256;

/**
 * Whether a recognised face alerts. Trusted people (`alert: false`) never do. Any other identity
 * alerts at most once per cooldown, across every camera. Watched people (`alert: true`) alert also
 * inside a camera's cooldown; an unknown face alerts inside it too when it is a new identity for
 * that camera (not the one the camera last alerted for).
 */
export class IdentityCooldown {
  private readonly lastAlert = new Map<string, number>();
  private readonly lastOnCamera = new Map<string, string>();

  constructor(
    private readonly clock: Clock,
    private readonly cooldownMs: number = DEFAULT_IDENTITY_COOLDOWN_S * 1000,
  ) {
    if (!(cooldownMs >= 0)) throw new Error('identity cooldown must be ≥ 0');
  }

  /** Answers and, when the answer is yes, records the alert. */
  shouldAlert(question: IdentityAlertQuestion): boolean {
    const { identity, cameraId } = question;
    if (identity.kind === 'person' && !identity.alert) return false;
    const now = this.clock.now().getTime();
    const key = identityKey(identity);
    const last = this.lastAlert.get(key);
    if (last !== undefined && now - last < this.cooldownMs) return false;
    if (identity.kind === 'unknown' && question.cameraQuiet && this.lastOnCamera.get(cameraId) === key) return false;
    this.sweep(now);
    this.lastAlert.set(key, now);
    this.lastOnCamera.set(cameraId, key);
    return true;
  }

  /** Forgets an identity (a person deleted, a group assigned or dismissed). */
  forget(identity: TrackIdentity): void {
    this.lastAlert.delete(identityKey(identity));
  }

  private sweep(now: number): void {
    if (this.lastAlert.size < SWEEP_ABOVE) return;
    for (const [key, at] of this.lastAlert) if (now - at >= this.cooldownMs) this.lastAlert.delete(key);
  }
}

export function identityKey(identity: TrackIdentity): string {
  return identity.kind === 'person' ? `person:${identity.personId}` : `unknown:${identity.groupId}`;
}
