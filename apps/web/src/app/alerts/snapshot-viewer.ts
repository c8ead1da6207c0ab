import { Injectable, inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { Alert } from './alert';
import type { SnapshotData } from './snapshot-dialog';

/**
 * Opens an alert's snapshot from anywhere: a tile, the alerts table, a toast. The dialog is
 * loaded on first use, keeping it out of the console's initial download.
 */
@Injectable({ providedIn: 'root' })
export class SnapshotViewer {
  private readonly dialog = inject(MatDialog);

  async open(alert: Alert, cameraName: string): Promise<void> {
    const { SnapshotDialog } = await import('./snapshot-dialog');
    this.dialog.open<InstanceType<typeof SnapshotDialog>, SnapshotData>(SnapshotDialog, {
      data: { alert, cameraName },
      width: '960px',
      maxWidth: '95vw',
      autoFocus: 'dialog',
    });
  }
}
