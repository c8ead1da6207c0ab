import { io, type Socket } from 'socket.io-client';
import type { DetectionsEvent } from './detection-timeline';

export type DetectionsListener = (event: DetectionsEvent) => void;

/** Where live views get `detections` events from (the console may hand in its own connection). */
export interface DetectionsSource {
  /** Starts delivering a camera's detections; the returned function stops it. */
  watch(cameraId: string, listener: DetectionsListener): () => void;
}

export interface DetectionsFeedOptions {
  token: () => string | null;
  /** Origin of the Argus API; the page's own by default. */
  url?: string;
}

/**
 * The `detections` events of the watched cameras over one socket.io connection (path `/ws`).
 * Subscriptions are sent again after every reconnect, since the server forgets them with the socket.
 */
export class DetectionsFeed implements DetectionsSource {
  private socket: Socket | null = null;
  private readonly listeners = new Map<string, Set<DetectionsListener>>();

  constructor(private readonly options: DetectionsFeedOptions) {}

  watch(cameraId: string, listener: DetectionsListener): () => void {
    const socket = this.open();
    let set = this.listeners.get(cameraId);
    if (!set) {
      set = new Set();
      this.listeners.set(cameraId, set);
      if (socket.connected) socket.emit('subscribe', { cameraIds: [cameraId] });
    }
    set.add(listener);
    return () => this.unwatch(cameraId, listener);
  }

  close(): void {
    this.socket?.disconnect();
    this.socket = null;
    this.listeners.clear();
  }

  private unwatch(cameraId: string, listener: DetectionsListener): void {
    const set = this.listeners.get(cameraId);
    if (!set?.delete(listener) || set.size > 0) return;
    this.listeners.delete(cameraId);
    this.socket?.emit('unsubscribe', { cameraIds: [cameraId] });
    if (this.listeners.size === 0) this.close();
  }

  private open(): Socket {
    if (this.socket) return this.socket;
    const options = { path: '/ws', transports: ['websocket'], auth: (cb: (data: object) => void) => cb({ token: this.options.token() }) };
    const socket = this.options.url ? io(this.options.url, options) : io(options);
    socket.on('connect', () => {
      if (this.listeners.size > 0) socket.emit('subscribe', { cameraIds: [...this.listeners.keys()] });
    });
    socket.on('detections', (event: DetectionsEvent) => {
      for (const listener of this.listeners.get(event.cameraId) ?? []) listener(event);
    });
    this.socket = socket;
    return socket;
  }
}
