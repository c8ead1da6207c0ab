import type { FaceMatcher, FaceRepository, UnknownGrouper } from '@argus/domain';
import type { Redis } from 'ioredis';
import type { ClusterIdentityCooldown } from './cluster-identity-cooldown';

const PEOPLE = 'argus:people-changed';
const IDENTITY = 'argus:identity-alerts';
/** Every node reloads its indexes this often anyway (a change notice lost while Redis was away). */
const RELOAD_EVERY_MS = 30_000;

export interface PeopleSyncDeps {
  nodeId: string;
  publisher: Redis;
  /** A connection in subscriber mode (shared with the command bus). */
  subscriber: Redis;
  matcher: FaceMatcher;
  grouper: UnknownGrouper;
  faces: FaceRepository;
  cooldown: ClusterIdentityCooldown | null;
  /** The embedding model recognition runs with, or null when it is off. */
  model: () => string | null;
  log: { warn(message: string): void };
}

/** Tells the other nodes that this one let an alert for an identity through (for their cooldown). */
export function tellIdentityAlert(publisher: Redis, nodeId: string): (key: string, at: number) => void {
  return (key, at) => void publisher.publish(IDENTITY, JSON.stringify({ from: nodeId, key, at })).catch(() => undefined);
}

/** Calls `then` after each call of the named methods (after the promise, for async ones). */
function observe<T extends object>(target: T, methods: ReadonlyArray<keyof T & string>, then: () => void): void {
  for (const name of methods) {
    const original = target[name] as unknown as (...args: unknown[]) => unknown;
    (target as Record<string, unknown>)[name] = (...args: unknown[]) => {
      const result = original.apply(target, args);
      if (result instanceof Promise) result.then(then, () => undefined);
      else then();
      return result;
    };
  }
}

/**
 * Keeps every node's people indexes the same: the enrolled faces (FaceMatcher) and the unknown
 * groups (UnknownGrouper) are held in memory by each process, loaded from MongoDB. A change made
 * on one node (an enrolment on an api node, a new stranger on a worker) is announced over Redis
 * and the others reload from MongoDB; identity alerts are shared the same way, for the cooldown.
 */
export class ClusterPeopleSync {
  private reloadTimer: NodeJS.Timeout | null = null;
  private periodic: NodeJS.Timeout | null = null;
  private announced = false;
  /** Reloading calls the indexes' own `add`: that is no change to announce. */
  private reloading = false;

  constructor(private readonly deps: PeopleSyncDeps) {}

  open(): void {
    const { matcher, grouper, subscriber } = this.deps;
    // Local changes (the domain's use cases update these in-memory indexes after the database).
    observe(matcher, ['add', 'removeFace', 'removePerson', 'addNegative'], () => this.changed());
    observe(grouper, ['record', 'removeGroup'], () => this.changed());
    subscriber.on('message', (channel: string, raw: string) => this.received(channel, raw));
    void subscriber.subscribe(PEOPLE, IDENTITY).catch((e: unknown) => this.deps.log.warn(`cluster: people changes not subscribed: ${String(e)}`));
    this.periodic = setInterval(() => this.reloadSoon(), RELOAD_EVERY_MS);
    this.periodic.unref();
  }

  close(): void {
    if (this.periodic) clearInterval(this.periodic);
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
  }

  /** At most one notice per 200 ms: a burst of changes (an enrolment of many faces) is one reload. */
  private changed(): void {
    if (this.announced || this.reloading) return;
    this.announced = true;
    setTimeout(() => {
      this.announced = false;
      this.publish(PEOPLE, { from: this.deps.nodeId });
    }, 200).unref();
  }

  private publish(channel: string, message: object): void {
    this.deps.publisher.publish(channel, JSON.stringify(message)).catch(() => undefined);
  }

  private received(channel: string, raw: string): void {
    if (channel !== PEOPLE && channel !== IDENTITY) return;
    let message: { from?: string; key?: unknown; at?: unknown };
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    if (message.from === this.deps.nodeId) return;
    if (channel === PEOPLE) this.reloadSoon();
    else if (typeof message.key === 'string' && typeof message.at === 'number') this.deps.cooldown?.heard(message.key, message.at);
  }

  private reloadSoon(): void {
    if (this.reloadTimer) return;
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = null;
      this.reload().catch((e: unknown) => this.deps.log.warn(`cluster: people indexes not reloaded: ${String(e)}`));
    }, 300);
    this.reloadTimer.unref();
  }

  private async reload(): Promise<void> {
    const model = this.deps.model();
    if (!model) return;
    const { matcher, grouper, faces } = this.deps;
    this.reloading = true;
    try {
      await matcher.load(faces, model);
      await grouper.exclusive(() => grouper.load(model));
    } finally {
      this.reloading = false;
    }
  }
}
