import { IdentityCooldown, identityKey, type Clock, type IdentityAlertQuestion, type TrackIdentity } from '@argus/domain';

/** Remembered alerts of other nodes at most (older ones are swept first). */
const MAX_REMOTE = 10_000;

/**
 * The identity cooldown of a node in a cluster: a person or unknown group that alerted on any
 * worker is quiet on every worker for IDENTITY_COOLDOWN_S. Each node tells the others of the
 * alerts it lets through (Redis pub/sub) and remembers theirs; two workers deciding within the
 * same few milliseconds can still both alert.
 */
export class ClusterIdentityCooldown extends IdentityCooldown {
  private readonly remote = new Map<string, number>();

  constructor(
    private readonly time: Clock,
    private readonly windowMs: number,
    private readonly tell: (key: string, at: number) => void,
  ) {
    super(time, windowMs);
  }

  override shouldAlert(question: IdentityAlertQuestion): boolean {
    const key = identityKey(question.identity);
    const now = this.time.now().getTime();
    const elsewhere = this.remote.get(key);
    const trusted = question.identity.kind === 'person' && !question.identity.alert;
    if (!trusted && elsewhere !== undefined && now - elsewhere < this.windowMs) return false;
    const yes = super.shouldAlert(question);
    if (yes) this.tell(key, now);
    return yes;
  }

  override forget(identity: TrackIdentity): void {
    super.forget(identity);
    this.remote.delete(identityKey(identity));
  }

  /** Another node let an alert for this identity through at `at`. */
  heard(key: string, at: number): void {
    if (this.remote.size >= MAX_REMOTE) {
      const now = this.time.now().getTime();
      for (const [k, t] of this.remote) if (now - t >= this.windowMs) this.remote.delete(k);
      if (this.remote.size >= MAX_REMOTE) this.remote.delete(this.remote.keys().next().value as string);
    }
    this.remote.set(key, Math.max(at, this.remote.get(key) ?? 0));
  }
}
