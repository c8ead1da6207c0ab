import { Injectable, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { CameraStore } from '../cameras/camera-store';
import { RealtimeClient } from '../realtime/realtime-client';
import { Notifier } from '../shared/notifier';
import { AlertIdentityLabel } from './alert-identity';
import { SnapshotViewer } from './snapshot-viewer';

/** A toast for each live alert, naming who was seen when recognition knows, with a "View" action that opens its snapshot. */
@Injectable({ providedIn: 'root' })
export class AlertToasts {
  private readonly cameras = inject(CameraStore);
  private readonly notifier = inject(Notifier);
  private readonly snapshots = inject(SnapshotViewer);
  private readonly identity = inject(AlertIdentityLabel);

  constructor() {
    inject(RealtimeClient)
      .alerts.pipe(takeUntilDestroyed())
      .subscribe((alert) => {
        const name = this.cameras.name(alert.cameraId) ?? 'a camera';
        const who = this.identity.of(alert);
        const faces = typeof alert.meta.faces === 'number' && alert.meta.faces > 1 ? `${alert.meta.faces} faces` : 'Face';
        this.notifier
          .info(who ? `${who} seen on ${name}` : `${faces} detected on ${name}`, alert.snapshotUrl ? 'View' : undefined)
          .subscribe(() => void this.snapshots.open(alert, name));
      });
  }
}
