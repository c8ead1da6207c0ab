import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { Observable, concatMap, of } from 'rxjs';
import { apiErrorMessages } from '../../shared/api-error';
import { FormErrors } from '../../shared/form-errors';
import { Camera } from '../camera';
import { CameraApi } from '../camera-api';
import { applyApiErrors, cameraForm, cameraInput, extractCredentials, fieldError } from './camera-form';
import { MAX_POST_SECONDS, MAX_PRE_SECONDS, ObjectLabel, RECORDING_MODES, changedSettings } from './camera-form-settings';
import { MASKED_PASSWORD, splitRtspUrl } from './rtsp-credentials';

/** `camera` to edit, none to add. */
export interface CameraFormData {
  camera?: Camera;
}

/**
 * Adds or edits a camera: its stream (and optional detection stream), detection, the object labels
 * it alerts on, what it records and its cluster placement label. The requests are made here so
 * the dialog stays open with the API's validation messages on the fields; it closes with the saved
 * camera. A new camera is created with everything in one request; an edit replaces the camera,
 * then changes its labels (`PATCH …/objects`) and recording (`PATCH …/recording`) if they changed.
 */
@Component({
  selector: 'app-camera-form-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormErrors, ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatSlideToggleModule],
  templateUrl: './camera-form-dialog.html',
})
export class CameraFormDialog {
  private readonly api = inject(CameraApi);
  private readonly ref = inject<MatDialogRef<CameraFormDialog, Camera>>(MatDialogRef);
  protected readonly camera = inject<CameraFormData>(MAT_DIALOG_DATA).camera;

  protected readonly form = cameraForm(this.camera);
  protected readonly hasStoredPassword = splitRtspUrl(this.camera?.rtspUrl ?? '').password === MASKED_PASSWORD;
  protected readonly hasStoredDetectPassword = splitRtspUrl(this.camera?.detectRtspUrl ?? '').password === MASKED_PASSWORD;
  protected readonly modes = RECORDING_MODES;
  protected readonly maxPre = MAX_PRE_SECONDS;
  protected readonly maxPost = MAX_POST_SECONDS;
  private readonly mode = toSignal(this.form.controls.recordingMode.valueChanges, { initialValue: this.form.controls.recordingMode.value });
  protected readonly recording = computed(() => this.mode() !== 'off');
  /** The labels the detector knows; the camera's own until they arrive (or if they cannot be loaded). */
  private readonly known = signal<ObjectLabel[]>([]);
  protected readonly labels = computed(() => [...new Set([...this.known(), ...(this.camera?.objects ?? [])])]);
  protected readonly labelsFailed = signal(false);
  protected readonly busy = signal(false);
  protected readonly errors = signal<string[]>([]);
  protected readonly fieldError = fieldError;

  constructor() {
    this.api.objectLabels().subscribe({ next: (labels) => this.known.set(labels), error: () => this.labelsFailed.set(true) });
  }

  protected takeCredentials(): void {
    extractCredentials(this.form);
  }

  protected save(): void {
    if (this.busy()) return;
    this.takeCredentials();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const input = cameraInput(this.form, this.camera);
    if (!input) return;
    this.busy.set(true);
    this.errors.set([]);
    this.request(input).subscribe({
      next: (camera) => this.ref.close(camera),
      error: (error: unknown) => {
        this.busy.set(false);
        const messages = apiErrorMessages(error);
        const validation = error instanceof HttpErrorResponse && error.status === 400;
        this.errors.set(validation ? applyApiErrors(this.form, messages) : messages);
      },
    });
  }

  private request(input: NonNullable<ReturnType<typeof cameraInput>>): Observable<Camera> {
    const camera = this.camera;
    if (!camera) return this.api.create(input);
    const changed = changedSettings(this.form, camera);
    return this.api.update(camera.id, input).pipe(
      concatMap((saved) => (changed.objects ? this.api.setObjects(camera.id, changed.objects) : of(saved))),
      concatMap((saved) => (changed.recording ? this.api.setRecording(camera.id, changed.recording) : of(saved))),
    );
  }
}
