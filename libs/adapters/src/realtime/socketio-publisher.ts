import {
  toAlertView,
  type Alert,
  type AlertView,
  type CameraAudience,
  type CameraStateEvent,
  type DetectionsEvent,
  type Principal,
  type RealtimePublisher,
} from '@argus/domain';
import type { Server, Socket } from 'socket.io';

export const ADMINS_ROOM = 'role:admin';
export const userRoom = (userId: string): string => `user:${userId}`;
export const detectionsRoom = (cameraId: string): string => `detections:${cameraId}`;

/** What the gateway stores on each authenticated socket. */
export interface SocketSession {
  principal: Principal;
}

/** Answers whether a principal may still see a camera (checked again when audiences change). */
export type VisibilityCheck = (principal: Principal, cameraId: string) => Promise<boolean>;

/** Renders an alert for one recipient (e.g. a snapshot link signed for that user). */
export type AlertViewFor = (alert: Alert, principal: Principal) => AlertView;

/**
 * Maps the domain's audiences onto socket.io rooms: each socket joins its user's room (and the
 * admins' room), so an event reaches exactly the users the access rules name, evaluated when it
 * is sent. Per-frame detections go to per-camera rooms joined only after an explicit, checked subscribe.
 */
export class SocketIoRealtimePublisher implements RealtimePublisher {
  private server: Server | null = null;

  constructor(
    private readonly canView: VisibilityCheck,
    private readonly alertViewFor: AlertViewFor = (alert) => toAlertView(alert),
  ) {}

  attach(server: Server): void {
    this.server = server;
  }

  get connectedClients(): number {
    return this.server?.of('/').sockets.size ?? 0;
  }

  publishAlert(alert: Alert, audience: CameraAudience): void {
    this.emitAlert('alert', alert, audience);
  }

  alertUpdated(alert: Alert, audience: CameraAudience): void {
    this.emitAlert('alert_updated', alert, audience);
  }

  publishCameraState(event: CameraStateEvent, audience: CameraAudience): void {
    this.emitTo(audience, 'camera_state', event);
  }

  publishDetections(event: DetectionsEvent): void {
    this.server?.to(detectionsRoom(event.cameraId)).emit('detections', event);
  }

  audienceChanged(change: CameraAudience | { cameraId: string; removed: true }): void {
    void this.recheckDetectionSubscribers(change.cameraId);
  }

  /** Joins the detections rooms of the cameras the socket may see; returns the ids joined. */
  async subscribe(socket: Socket, cameraIds: string[]): Promise<string[]> {
    const session = socket.data as SocketSession;
    const joined: string[] = [];
    for (const cameraId of cameraIds) {
      if (await this.canView(session.principal, cameraId)) {
        await socket.join(detectionsRoom(cameraId));
        joined.push(cameraId);
      }
    }
    return joined;
  }

  async unsubscribe(socket: Socket, cameraIds: string[]): Promise<void> {
    for (const cameraId of cameraIds) await socket.leave(detectionsRoom(cameraId));
  }

  /** Drops a user's connections (role changed, user deleted); the console reconnects with a fresh check. */
  disconnectUser(userId: string): void {
    this.server?.in(userRoom(userId)).disconnectSockets(true);
  }

  private emitAlert(event: 'alert' | 'alert_updated', alert: Alert, audience: CameraAudience): void {
    // Stored media (a snapshot, a clip) get links signed for each recipient.
    if (!alert.snapshotKey && !alert.clipKey) {
      this.emitTo(audience, event, toAlertView(alert));
      return;
    }
    void this.emitPersonalised(event, audience, alert);
  }

  private emitTo(audience: CameraAudience, event: string, payload: unknown): void {
    if (!this.server) return;
    this.server.to(audienceRooms(audience)).emit(event, payload);
  }

  /** Each recipient gets its own snapshot link; a socket in several audience rooms gets one copy. */
  private async emitPersonalised(event: 'alert' | 'alert_updated', audience: CameraAudience, alert: Alert): Promise<void> {
    if (!this.server) return;
    const sockets = await this.server.in(audienceRooms(audience)).fetchSockets();
    for (const socket of sockets) {
      const session = socket.data as SocketSession;
      if (session?.principal) socket.emit(event, this.alertViewFor(alert, session.principal));
    }
  }

  private async recheckDetectionSubscribers(cameraId: string): Promise<void> {
    if (!this.server) return;
    const sockets = await this.server.in(detectionsRoom(cameraId)).fetchSockets();
    for (const socket of sockets) {
      const session = socket.data as SocketSession;
      if (!(await this.canView(session.principal, cameraId))) socket.leave(detectionsRoom(cameraId));
    }
  }
}

function audienceRooms(audience: CameraAudience): string[] {
  const rooms = audience.userIds.map(userRoom);
  if (audience.includeAdmins) rooms.push(ADMINS_ROOM);
  return rooms;
}
