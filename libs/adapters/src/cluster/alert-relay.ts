import type { Alert, CameraAudience } from '@argus/domain';
import type { Server } from 'socket.io';
import { RecentKeys } from './recent-keys';

/** The server-side socket.io event that carries alerts between the nodes. */
export const RELAY_EVENT = 'argus:alert';

export interface RelayedAlert {
  event: 'alert' | 'alert_updated';
  alert: Alert;
  audience: CameraAudience;
}

export interface AlertRelayDeps {
  nodeId: string;
  /** The other nodes now: each must acknowledge every alert. */
  peers: () => Promise<string[]>;
  /** Hands an alert to this node's own clients and notifications; called once per alert per node. */
  deliver: (relayed: RelayedAlert) => void;
  log: { warn(message: string): void; error(message: string): void };
  /** Waits between tries to reach every node (ms); after the last one the alert is given up. */
  retryDelaysMs?: readonly number[];
  /** How long a try waits for the acknowledgements. */
  ackTimeoutMs?: number;
  /** Alerts waiting at most; beyond that the oldest is given up (logged). */
  maxWaiting?: number;
}

/** 0.5 s doubling to 30 s, for about 15 minutes. */
export const RELAY_RETRY_DELAYS_MS: readonly number[] = [500, 1000, 2000, 4000, 8000, 16_000, ...Array<number>(28).fill(30_000)];

interface Wire {
  key: string;
  event: RelayedAlert['event'];
  alert: Omit<Alert, 'timestamp' | 'createdAt'> & { timestamp: string; createdAt: string };
  audience: CameraAudience;
}

interface Waiting {
  wire: Wire;
  attempt: number;
  timer: NodeJS.Timeout | null;
}

/** What makes two relayed events the same: the alert, and for a change what it changed to. */
function keyOf({ event, alert }: RelayedAlert): string {
  if (event === 'alert') return `alert:${alert.alertId}`;
  const change = [alert.person?.id ?? '', alert.unknownId ?? '', alert.clipKey ?? '', alert.label ?? ''];
  return `alert_updated:${alert.alertId}:${JSON.stringify(change)}`;
}

function toWire(relayed: RelayedAlert): Wire {
  const { alert } = relayed;
  return {
    key: keyOf(relayed),
    event: relayed.event,
    alert: { ...alert, timestamp: alert.timestamp.toISOString(), createdAt: alert.createdAt.toISOString() },
    audience: { cameraId: relayed.audience.cameraId, userIds: [...relayed.audience.userIds], includeAdmins: relayed.audience.includeAdmins },
  };
}

function fromWire(wire: Wire): RelayedAlert {
  return { event: wire.event, alert: { ...wire.alert, timestamp: new Date(wire.alert.timestamp), createdAt: new Date(wire.alert.createdAt) }, audience: wire.audience };
}

function isWire(value: unknown): value is Wire {
  const wire = value as Partial<Wire> | null;
  return !!wire && typeof wire.key === 'string' && (wire.event === 'alert' || wire.event === 'alert_updated') && !!wire.alert && !!wire.audience;
}

/**
 * Alerts between the nodes of a cluster, through the socket.io Redis adapter's server-side
 * events: each node renders an alert for its own browsers (snapshot links signed per user) and
 * hands it to notifications. The sender waits until every node it knows of has acknowledged the
 * alert and sends it again until they have (Redis away, a node restarting its connection); each
 * node passes an alert on once however often it arrives, so every browser gets it once.
 */
export class AlertRelay {
  private server: Server | null = null;
  private readonly seen = new RecentKeys(50_000, 30 * 60_000);
  private readonly waiting = new Map<string, Waiting>();
  private closed = false;

  constructor(private readonly deps: AlertRelayDeps) {}

  attach(server: Server): void {
    this.server = server;
    server.on(RELAY_EVENT, (wire: unknown, ack?: (nodeId: string) => void) => {
      if (isWire(wire)) this.receive(wire);
      if (typeof ack === 'function') ack(this.deps.nodeId);
    });
  }

  /** Alerts not yet acknowledged by every node. */
  get backlog(): number {
    return this.waiting.size;
  }

  send(relayed: RelayedAlert): void {
    const wire = toWire(relayed);
    this.receive(wire);
    if (this.closed || this.waiting.has(wire.key)) return;
    const max = this.deps.maxWaiting ?? 10_000;
    if (this.waiting.size >= max) {
      const [oldest] = this.waiting.keys();
      this.giveUp(oldest, 'too many alerts waiting');
    }
    this.waiting.set(wire.key, { wire, attempt: 0, timer: null });
    void this.attempt(wire.key);
  }

  /** Whether this node has passed the alert on already. */
  delivered(alertId: string): boolean {
    return this.seen.has(`alert:${alertId}`);
  }

  /** Passes an alert found some other way (stored, never relayed) on here, unless it was already. */
  deliverHere(relayed: RelayedAlert): void {
    this.receive(toWire(relayed));
  }

  /** Marks an alert as passed on here without passing it (those from before this node started). */
  markDelivered(alertId: string): void {
    this.seen.add(`alert:${alertId}`);
  }

  close(): void {
    this.closed = true;
    for (const entry of this.waiting.values()) if (entry.timer) clearTimeout(entry.timer);
    this.waiting.clear();
  }

  private receive(wire: Wire): void {
    if (!this.seen.add(wire.key)) return;
    try {
      this.deps.deliver(fromWire(wire));
    } catch (error) {
      this.deps.log.warn(`alert ${wire.alert.alertId} not delivered here: ${String(error)}`);
    }
  }

  private async attempt(key: string): Promise<void> {
    const entry = this.waiting.get(key);
    if (!entry || this.closed) return;
    let missing: string[];
    try {
      const expected = await this.deps.peers();
      const answered = expected.length > 0 ? await this.emit(entry.wire) : [];
      missing = expected.filter((id) => !answered.includes(id));
    } catch {
      missing = ['?'];
    }
    if (!this.waiting.has(key)) return;
    if (missing.length === 0) {
      this.waiting.delete(key);
      return;
    }
    const delays = this.deps.retryDelaysMs ?? RELAY_RETRY_DELAYS_MS;
    const delay = delays[entry.attempt];
    if (delay === undefined) {
      this.giveUp(key, `not acknowledged by ${missing.join(', ')}`);
      return;
    }
    entry.attempt++;
    entry.timer = setTimeout(() => {
      entry.timer = null;
      void this.attempt(key);
    }, delay);
    entry.timer.unref();
  }

  /** The ids of the nodes that acknowledged. */
  private emit(wire: Wire): Promise<string[]> {
    const server = this.server;
    if (!server) return Promise.resolve([]);
    return new Promise((resolve) => {
      // The adapter swallows its own failures (Redis away) without calling back: a time-out of our own.
      const timer = setTimeout(() => resolve([]), this.deps.ackTimeoutMs ?? 4000);
      const ack = (_error: unknown, responses: unknown) => {
        clearTimeout(timer);
        resolve(Array.isArray(responses) ? responses.map(String) : []);
      };
      (server.serverSideEmit as (event: string, ...args: unknown[]) => boolean)(RELAY_EVENT, wire, ack);
    });
  }

  private giveUp(key: string, why: string): void {
    const entry = this.waiting.get(key);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    this.waiting.delete(key);
    this.deps.log.error(`alert ${entry.wire.alert.alertId} did not reach every node (${why}): given up`);
  }
}
