import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { apiErrorMessages } from '../../shared/api-error';
import { FormErrors } from '../../shared/form-errors';
import { Camera } from '../camera';
import { CameraApi } from '../camera-api';
import { applyApiErrors, cameraForm, cameraInput, extractCredentials, fieldError } from './camera-form';
import { MASKED_PASSWORD, splitRtspUrl } from './rtsp-credentials';

/** `camera` to edit, none to add. */
export interface CameraFormData {
  camera?: Camera;
}

/**
 * Adds or edits a camera. The request is made here so the dialog stays open with the API's
 * validation messages on the fields; it closes with the saved camera.
 */
@Component({
  selector: 'app-camera-form-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormErrors, ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSlideToggleModule],
  templateUrl: './camera-form-dialog.html',
})
export class CameraFormDialog {
  private readonly api = inject(CameraApi);
  private readonly ref = inject<MatDialogRef<CameraFormDialog, Camera>>(MatDialogRef);
  protected readonly camera = inject<CameraFormData>(MAT_DIALOG_DATA).camera;

  protected readonly form = cameraForm(this.camera);
  protected readonly hasStoredPassword = splitRtspUrl(this.camera?.rtspUrl ?? '').password === MASKED_PASSWORD;
  protected readonly busy = signal(false);
  protected readonly errors = signal<string[]>([]);
  protected readonly fieldError = fieldError;

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
    const request = this.camera ? this.api.update(this.camera.id, input) : this.api.create(input);
    request.subscribe({
      next: (camera) => this.ref.close(camera),
      error: (error: unknown) => {
        this.busy.set(false);
        const messages = apiErrorMessages(error);
        const validation = error instanceof HttpErrorResponse && error.status === 400;
        this.errors.set(validation ? applyApiErrors(this.form, messages) : messages);
      },
    });
  }
}
