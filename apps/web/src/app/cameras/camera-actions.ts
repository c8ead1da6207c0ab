import { Injectable, inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { filter, switchMap } from 'rxjs';
import { ConfirmData, ConfirmDialog } from '../shared/confirm-dialog';
import { Notifier } from '../shared/notifier';
import { Camera } from './camera';
import { CameraApi } from './camera-api';
import { CameraStore } from './camera-store';
import { CameraFormData, CameraFormDialog } from './dialogs/camera-form-dialog';
import { CameraViewersDialog } from './dialogs/camera-viewers-dialog';
import { ZoneEditorData, ZoneEditorDialog } from './zones/zone-editor-dialog';

/** Camera management from the dashboard: the dialogs, then the store and a toast. */
@Injectable({ providedIn: 'root' })
export class CameraActions {
  private readonly dialog = inject(MatDialog);
  private readonly api = inject(CameraApi);
  private readonly store = inject(CameraStore);
  private readonly notifier = inject(Notifier);

  add(): void {
    this.openForm({}).subscribe((camera) => {
      this.store.upsert(camera);
      this.notifier.info(`Added ${camera.name}`);
    });
  }

  edit(camera: Camera): void {
    this.openForm({ camera }).subscribe((saved) => {
      this.store.upsert(saved);
      this.notifier.info(`Saved ${saved.name}`);
    });
  }

  editViewers(camera: Camera): void {
    this.dialog
      .open<CameraViewersDialog, Camera, Camera>(CameraViewersDialog, { data: camera, width: '480px', maxWidth: '95vw' })
      .afterClosed()
      .pipe(filter((saved): saved is Camera => !!saved))
      .subscribe((saved) => {
        this.store.upsert(saved);
        this.notifier.info(`Viewers of ${saved.name} saved`);
      });
  }

  /** `still`: a frame of the tile's live video, when it has one. */
  editZones(camera: Camera, still: string | null = null): void {
    this.dialog
      .open<ZoneEditorDialog, ZoneEditorData, Camera>(ZoneEditorDialog, { data: { camera, still }, width: '760px', maxWidth: '95vw' })
      .afterClosed()
      .pipe(filter((saved): saved is Camera => !!saved))
      .subscribe((saved) => {
        this.store.upsert(saved);
        this.notifier.info(`Zones of ${saved.name} saved`);
      });
  }

  remove(camera: Camera): void {
    this.dialog
      .open<ConfirmDialog, ConfirmData, boolean>(ConfirmDialog, {
        data: {
          title: `Delete ${camera.name}?`,
          message: 'The camera is stopped and its alerts and snapshots are deleted too. This cannot be undone.',
          confirm: 'Delete',
        },
      })
      .afterClosed()
      .pipe(
        filter((confirmed) => confirmed === true),
        switchMap(() => this.api.remove(camera.id)),
      )
      .subscribe({
        next: () => {
          this.store.remove(camera.id);
          this.notifier.info(`Deleted ${camera.name}`);
        },
        error: (error: unknown) => this.notifier.error(`Could not delete ${camera.name}`, error),
      });
  }

  private openForm(data: CameraFormData) {
    return this.dialog
      .open<CameraFormDialog, CameraFormData, Camera>(CameraFormDialog, { data, width: '560px', maxWidth: '95vw' })
      .afterClosed()
      .pipe(filter((camera): camera is Camera => !!camera));
  }
}
