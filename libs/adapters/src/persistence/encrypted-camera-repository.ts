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
    return this.inner.create({ ...camera, rtspUrl: this.cipher.seal(camera.rtspUrl, context(camera.id)) });
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
    const sealed = patch.rtspUrl === undefined ? patch : { ...patch, rtspUrl: this.cipher.seal(patch.rtspUrl, context(String(id))) };
    return this.opened(await this.inner.update(id, sealed));
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
      if (!CredentialCipher.isSealed(camera.rtspUrl)) {
        // Only the URL changes: updatedAt stays, as nothing the user set has changed.
        await this.inner.update(camera.id, { rtspUrl: this.cipher.seal(camera.rtspUrl, context(camera.id)) });
        report.sealed++;
      } else if (this.open(camera).rtspUrl === UNREADABLE_RTSP_URL) {
        report.unreadable.push(camera.id);
      }
    }
    return report;
  }

  private opened(camera: Camera | null): Camera | null {
    return camera && this.open(camera);
  }

  private open(camera: Camera): Camera {
    try {
      return { ...camera, rtspUrl: this.cipher.open(camera.rtspUrl, context(camera.id)) };
    } catch (error) {
      if (!(error instanceof CredentialDecryptError)) throw error;
      this.onUnreadable(camera.id);
      return { ...camera, rtspUrl: UNREADABLE_RTSP_URL };
    }
  }
}
