/** What an api node asks the worker that runs (or should run) a camera. */
export const CAMERA_COMMANDS = ['claim', 'start', 'stop', 'reconfigure'] as const;
export type CameraCommandKind = (typeof CAMERA_COMMANDS)[number];

export interface CameraCommand {
  kind: CameraCommandKind;
  cameraId: string;
}

export interface CameraCommandReply {
  ok: boolean;
  /** Whether the camera runs on the answering node after the command. */
  running: boolean;
  error?: string;
}

/** A camera changed hands: `owner` runs it now, or nobody (null). */
export interface OwnershipChange {
  cameraId: string;
  owner: string | null;
}

export type CommandHandler = (command: CameraCommand) => Promise<CameraCommandReply>;

/** Commands between nodes, and ownership news to all of them (Redis pub/sub in production). */
export interface ClusterCommandBus {
  /** Sends a command to one node and waits for its reply; rejects after `timeoutMs`. */
  send(nodeId: string, command: CameraCommand, timeoutMs: number): Promise<CameraCommandReply>;
  /** Where this node's commands go. */
  handle(handler: CommandHandler): void;
  /** Tells every node (itself included) that a camera changed hands. */
  announce(change: OwnershipChange): void;
  onAnnouncement(listener: (change: OwnershipChange) => void): void;
}
