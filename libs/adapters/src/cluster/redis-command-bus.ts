import { randomUUID } from 'node:crypto';
import { CAMERA_COMMANDS, type CameraCommand, type CameraCommandReply, type ClusterCommandBus, type CommandHandler, type OwnershipChange } from '@argus/domain';
import type { Redis } from 'ioredis';

const commandsOf = (nodeId: string) => `argus:commands:${nodeId}`;
const repliesOf = (nodeId: string) => `argus:replies:${nodeId}`;
const OWNERSHIP = 'argus:ownership';

interface Pending {
  resolve(reply: CameraCommandReply): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

interface CommandMessage {
  requestId: string;
  from: string;
  command: CameraCommand;
}

function parseCommand(raw: string): CommandMessage | null {
  try {
    const message = JSON.parse(raw) as Partial<CommandMessage>;
    const command = message.command as Partial<CameraCommand> | undefined;
    if (typeof message.requestId !== 'string' || typeof message.from !== 'string') return null;
    if (!command || typeof command.cameraId !== 'string' || !(CAMERA_COMMANDS as readonly unknown[]).includes(command.kind)) return null;
    return message as CommandMessage;
  } catch {
    return null;
  }
}

/**
 * Commands over Redis pub/sub: each node listens on its own command channel and answers on the
 * sender's reply channel; ownership news goes to one channel every node listens to (and reaches
 * this node's own listeners at once, even with Redis away).
 */
export class RedisCommandBus implements ClusterCommandBus {
  private readonly pending = new Map<string, Pending>();
  private readonly listeners: Array<(change: OwnershipChange) => void> = [];
  private handler: CommandHandler | null = null;

  constructor(
    private readonly nodeId: string,
    /** Sends (publish). */
    private readonly publisher: Redis,
    /** Listens (a connection in subscriber mode). */
    private readonly subscriber: Redis,
    private readonly log: { warn(message: string): void },
  ) {}

  /** Subscribes; resolves once this node hears its channels. */
  async open(): Promise<void> {
    this.subscriber.on('message', (channel: string, message: string) => this.received(channel, message));
    await this.subscriber.subscribe(commandsOf(this.nodeId), repliesOf(this.nodeId), OWNERSHIP);
  }

  close(): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new Error('closed'));
      this.pending.delete(id);
    }
  }

  send(nodeId: string, command: CameraCommand, timeoutMs: number): Promise<CameraCommandReply> {
    const requestId = randomUUID();
    return new Promise<CameraCommandReply>((resolve, reject) => {
      const fail = (why: string) => {
        const pending = this.pending.get(requestId);
        if (!pending) return;
        clearTimeout(pending.timer);
        this.pending.delete(requestId);
        reject(new Error(why));
      };
      const timer = setTimeout(() => fail(`no answer from node ${nodeId} within ${timeoutMs} ms`), timeoutMs);
      this.pending.set(requestId, { resolve, reject, timer });
      const message: CommandMessage = { requestId, from: this.nodeId, command };
      this.publisher.publish(commandsOf(nodeId), JSON.stringify(message)).then(
        (receivers) => {
          if (receivers === 0) fail(`node ${nodeId} is not listening`);
        },
        (error: unknown) => fail(`command not sent: ${String(error)}`),
      );
    });
  }

  handle(handler: CommandHandler): void {
    this.handler = handler;
  }

  announce(change: OwnershipChange): void {
    this.tell(change);
    this.publisher.publish(OWNERSHIP, JSON.stringify({ ...change, from: this.nodeId })).catch(() => undefined);
  }

  onAnnouncement(listener: (change: OwnershipChange) => void): void {
    this.listeners.push(listener);
  }

  private received(channel: string, raw: string): void {
    if (channel === OWNERSHIP) this.heard(raw);
    else if (channel === repliesOf(this.nodeId)) this.replied(raw);
    else if (channel === commandsOf(this.nodeId)) void this.commanded(raw);
  }

  private heard(raw: string): void {
    try {
      const change = JSON.parse(raw) as OwnershipChange & { from?: string };
      if (change.from === this.nodeId || typeof change.cameraId !== 'string') return;
      this.tell({ cameraId: change.cameraId, owner: typeof change.owner === 'string' ? change.owner : null });
    } catch {
      // not ours
    }
  }

  private tell(change: OwnershipChange): void {
    for (const listener of this.listeners) listener(change);
  }

  private replied(raw: string): void {
    let message: { requestId?: string; reply?: CameraCommandReply; error?: string };
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    const pending = message.requestId ? this.pending.get(message.requestId) : undefined;
    if (!pending || !message.requestId) return;
    clearTimeout(pending.timer);
    this.pending.delete(message.requestId);
    if (message.reply) pending.resolve(message.reply);
    else pending.reject(new Error(message.error ?? 'failed'));
  }

  private async commanded(raw: string): Promise<void> {
    const message = parseCommand(raw);
    if (!message) return;
    let answer: { requestId: string; reply?: CameraCommandReply; error?: string };
    try {
      if (!this.handler) throw new Error('this node runs no cameras');
      answer = { requestId: message.requestId, reply: await this.handler(message.command) };
    } catch (error) {
      answer = { requestId: message.requestId, error: error instanceof Error ? error.message : String(error) };
    }
    await this.publisher.publish(repliesOf(message.from), JSON.stringify(answer)).catch((e: unknown) => this.log.warn(`cluster: reply not sent: ${String(e)}`));
  }
}
