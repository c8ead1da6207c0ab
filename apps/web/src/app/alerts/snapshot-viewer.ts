import { Injectable, inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { Alert } from './alert';
import { SnapshotData, SnapshotDialog } from './snapshot-dialog';

/** Opens an alert's snapshot from anywhere: a tile, the alerts table, a toast. */
@Injectable({ providedIn: 'root' })
export class SnapshotViewer {
  private readonly dialog = inject(MatDialog);

  open(alert: Alert, cameraName: string): void {
    this.dialog.open<SnapshotDialog, SnapshotData>(SnapshotDialog, {
      data: { alert, cameraName },
      width: '960px',
      maxWidth: '95vw',
      autoFocus: 'dialog',
    });
  }
}
