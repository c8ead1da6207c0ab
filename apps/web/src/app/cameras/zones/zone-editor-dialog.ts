import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { AlertApi } from '../../alerts/alert-api';
import { apiErrorMessages } from '../../shared/api-error';
import { FormErrors } from '../../shared/form-errors';
import { Camera } from '../camera';
import { CameraApi } from '../camera-api';
import { PointMove, PointNudge, ZoneCanvas } from './zone-canvas';
import {
  MAX_ZONES,
  MAX_ZONE_NAME_LENGTH,
  MAX_ZONE_POINTS,
  ZoneDraft,
  ZoneKind,
  ZonePoint,
  clamp01,
  freshName,
  nextPoint,
  toDrafts,
  toZones,
  zoneProblems,
} from './zone-model';

export interface ZoneEditorData {
  camera: Camera;
  /** A frame of the live video (a data URL), when the tile had one; else the latest alert's snapshot is used. */
  still: string | null;
}

/**
 * Draws a camera's masks and zones over a still of it and saves them with
 * `PUT /api/cameras/:id/zones`; closes with the saved camera.
 */
@Component({
  selector: 'app-zone-editor-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatDialogModule, MatIconModule, MatInputModule, FormErrors, ZoneCanvas],
  templateUrl: './zone-editor-dialog.html',
})
export class ZoneEditorDialog {
  private readonly api = inject(CameraApi);
  private readonly ref = inject<MatDialogRef<ZoneEditorDialog, Camera>>(MatDialogRef);
  private readonly data = inject<ZoneEditorData>(MAT_DIALOG_DATA);
  protected readonly camera = this.data.camera;
  protected readonly maxZones = MAX_ZONES;
  protected readonly maxPoints = MAX_ZONE_POINTS;
  protected readonly maxNameLength = MAX_ZONE_NAME_LENGTH;

  protected readonly drafts = signal<ZoneDraft[]>(toDrafts(this.camera.zones));
  protected readonly selected = signal<number | null>(this.drafts().length > 0 ? 0 : null);
  protected readonly picture = signal<string | null>(this.data.still);
  protected readonly problems = computed(() => zoneProblems(this.drafts()));
  protected readonly errors = signal<string[]>([]);
  protected readonly busy = signal(false);

  constructor() {
    if (this.picture() === null) {
      inject(AlertApi)
        .list({ cameraId: this.camera.id, limit: 1 })
        .subscribe({ next: (page) => this.picture.set(page.items.find((alert) => alert.snapshotUrl)?.snapshotUrl ?? null), error: () => undefined });
    }
  }

  protected addZone(kind: ZoneKind): void {
    this.drafts.update((drafts) => [...drafts, { name: freshName(drafts, kind), kind, points: [] }]);
    this.selected.set(this.drafts().length - 1);
  }

  protected removeZone(index: number): void {
    this.drafts.update((drafts) => drafts.filter((_, i) => i !== index));
    const selected = this.selected();
    if (selected === null) return;
    if (selected === index) this.selected.set(this.drafts().length > 0 ? Math.min(index, this.drafts().length - 1) : null);
    else if (selected > index) this.selected.set(selected - 1);
  }

  protected rename(index: number, event: Event): void {
    const name = (event.target as HTMLInputElement).value;
    this.change(index, (zone) => ({ ...zone, name }));
  }

  protected setKind(index: number, event: Event): void {
    const kind = (event.target as HTMLSelectElement).value as ZoneKind;
    this.change(index, (zone) => ({ ...zone, kind }));
  }

  protected addPoint(point: ZonePoint): void {
    const index = this.selected();
    if (index === null) return;
    this.change(index, (zone) => (zone.points.length >= MAX_ZONE_POINTS ? zone : { ...zone, points: [...zone.points, point] }));
  }

  /** The keyboard's way to add a corner: halfway along the closing edge, then moved with the arrow keys. */
  protected addPointFromKeyboard(index: number): void {
    this.selected.set(index);
    this.addPoint(nextPoint(this.drafts()[index].points));
  }

  protected movePoint({ index, point }: PointMove): void {
    const zone = this.selected();
    if (zone === null) return;
    this.change(zone, (draft) => ({ ...draft, points: draft.points.map((p, i) => (i === index ? point : p)) }));
  }

  protected nudgePoint({ index, dx, dy }: PointNudge): void {
    this.movePoint({ index, point: this.pointAt(index, ([x, y]) => [clamp01(x + dx), clamp01(y + dy)]) });
  }

  protected removePoint(index: number): void {
    const zone = this.selected();
    if (zone === null) return;
    this.change(zone, (draft) => ({ ...draft, points: draft.points.filter((_, i) => i !== index) }));
  }

  protected save(): void {
    if (this.problems().length > 0) return;
    this.busy.set(true);
    this.errors.set([]);
    this.api.setZones(this.camera.id, toZones(this.drafts())).subscribe({
      next: (camera) => this.ref.close(camera),
      error: (error: unknown) => {
        this.busy.set(false);
        this.errors.set(apiErrorMessages(error));
      },
    });
  }

  private pointAt(index: number, edit: (point: ZonePoint) => ZonePoint): ZonePoint {
    const zone = this.selected();
    const point = zone === null ? undefined : this.drafts()[zone]?.points[index];
    return point ? edit(point) : [0.5, 0.5];
  }

  private change(index: number, edit: (zone: ZoneDraft) => ZoneDraft): void {
    this.drafts.update((drafts) => drafts.map((zone, i) => (i === index ? edit(zone) : zone)));
  }
}
