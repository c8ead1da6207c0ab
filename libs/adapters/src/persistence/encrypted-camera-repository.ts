import type { Camera, CameraListQuery, CameraPatch, CameraRepository } from '@argus/domain';
import { CredentialCipher, CredentialDecryptError } from '../security/credential-cipher';

/**
 * What a camera URL that no longer decrypts (the key changed) reads as: a valid URL that connects
 * nowhere, so listings keep working, the camera fails with an error and the owner re-enters it.
 */
export const UNREADABLE_RTSP_URL = 'rtsp://credentials-unreadable.invalid/';

export interface SealReport {
  /** Cameras whose URL was stored in plain text and is now sealed. */
  sealed: number;
  /** Cameras whose sealed URL does not open with the current key. */
  unreadable: string[];
}

const context = (cameraId: string) => `argus camera ${cameraId} rtspUrl`;
const detectContext = (cameraId: string) => `argus camera ${cameraId} detectRtspUrl`;

/**
 * Camera URLs (and the passwords in them) sealed at rest, around any CameraRepository adapter:
 * sealed on every write, opened on every read. URLs an earlier version stored in plain text still
 * read, and `sealStoredUrls` seals them once at start-up.
 */
export class EncryptedCameraRepository implements CameraRepository {
  constructor(
    private readonly inner: CameraRepository,
    private readonly cipher: CredentialCipher,
    private readonly onUnreadable: (cameraId: string) => void = () => undefined,
  ) {}

  create(camera: Camera): Promise<void> {
    return this.inner.create(this.sealed(camera.id, camera));
  }

  async findById(id: string): Promise<Camera | null> {
    return this.opened(await this.inner.findById(id));
  }

  async list(query: CameraListQuery): Promise<{ items: Camera[]; total: number }> {
    const page = await this.inner.list(query);
    return { ...page, items: page.items.map((camera) => this.open(camera)) };
  }

  listIdsVisibleTo(userId: string): Promise<string[]> {
    return this.inner.listIdsVisibleTo(userId);
  }

  async listAll(): Promise<Camera[]> {
    return (await this.inner.listAll()).map((camera) => this.open(camera));
  }

  async update(id: string, patch: CameraPatch): Promise<Camera | null> {
    return this.opened(await this.inner.update(id, this.sealed(String(id), patch)));
  }

  delete(id: string): Promise<boolean> {
    return this.inner.delete(id);
  }

  removeViewerEverywhere(userId: string): Promise<number> {
    return this.inner.removeViewerEverywhere(userId);
  }

  async listOwnedBy(userId: string): Promise<Camera[]> {
    return (await this.inner.listOwnedBy(userId)).map((camera) => this.open(camera));
  }

  /** Seals every URL still stored in plain text and reports the ones the key cannot open. */
  async sealStoredUrls(): Promise<SealReport> {
    const report: SealReport = { sealed: 0, unreadable: [] };
    for (const camera of await this.inner.listAll()) {
      const plainDetectUrl = camera.detectRtspUrl && !CredentialCipher.isSealed(camera.detectRtspUrl);
      if (!CredentialCipher.isSealed(camera.rtspUrl) || plainDetectUrl) {
        // Only the URLs change: updatedAt stays, as nothing the user set has changed.
        const patch: CameraPatch = {};
        if (!CredentialCipher.isSealed(camera.rtspUrl)) patch.rtspUrl = camera.rtspUrl;
        if (plainDetectUrl) patch.detectRtspUrl = camera.detectRtspUrl;
        await this.inner.update(camera.id, this.sealed(camera.id, patch));
        report.sealed++;
      } else if (this.open(camera).rtspUrl === UNREADABLE_RTSP_URL) {
        report.unreadable.push(camera.id);
      }
    }
    return report;
  }

  /** The patch or camera with its URLs sealed (the fields it does not carry stay absent). */
  private sealed<T extends CameraPatch>(cameraId: string, value: T): T {
    const out = { ...value };
    if (value.rtspUrl !== undefined) out.rtspUrl = this.cipher.seal(value.rtspUrl, context(cameraId));
    if (value.detectRtspUrl) out.detectRtspUrl = this.cipher.seal(value.detectRtspUrl, detectContext(cameraId));
    return out;
  }

  private opened(camera: Camera | null): Camera | null {
    return camera && this.open(camera);
  }

  private open(camera: Camera): Camera {
    const opened = { ...camera, rtspUrl: this.openUrl(camera.id, camera.rtspUrl, context(camera.id)) };
    if (camera.detectRtspUrl) opened.detectRtspUrl = this.openUrl(camera.id, camera.detectRtspUrl, detectContext(camera.id));
    return opened;
  }

  private openUrl(cameraId: string, stored: string, purpose: string): string {
    try {
      return this.cipher.open(stored, purpose);
    } catch (error) {
      if (!(error instanceof CredentialDecryptError)) throw error;
      this.onUnreadable(cameraId);
      return UNREADABLE_RTSP_URL;
    }
  }
}
