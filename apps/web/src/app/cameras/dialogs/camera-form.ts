import { AbstractControl, FormControl, FormGroup, ValidationErrors, ValidatorFn, Validators } from '@angular/forms';
import { Camera, CameraInput } from '../camera';
import { MASKED_PASSWORD, joinRtspUrl, splitRtspUrl } from './rtsp-credentials';

/** Defaults for a new camera; the API's DEFAULT_FPS is 10 as well. */
const NEW_CAMERA_FPS = 10;

export type CameraForm = FormGroup<{
  name: FormControl<string>;
  location: FormControl<string>;
  address: FormControl<string>;
  username: FormControl<string>;
  password: FormControl<string>;
  enabled: FormControl<boolean>;
  detectionEnabled: FormControl<boolean>;
  fps: FormControl<number>;
}>;

/** Same rule as the API: rtsp:// or rtsps://, no spaces. */
const RTSP_ADDRESS = /^rtsps?:\/\/\S+$/i;

export function cameraForm(camera?: Camera): CameraForm {
  const parts = splitRtspUrl(camera?.rtspUrl ?? '');
  const text = (value: string, ...validators: ValidatorFn[]) => new FormControl(value, { nonNullable: true, validators });
  return new FormGroup({
    name: text(camera?.name ?? '', Validators.required, Validators.maxLength(100)),
    location: text(camera?.location ?? '', Validators.maxLength(200)),
    address: text(parts.address, Validators.required, Validators.maxLength(2048), Validators.pattern(RTSP_ADDRESS)),
    username: text(parts.username),
    // A stored password is never shown: the field starts empty and empty means "keep it".
    password: text(''),
    enabled: new FormControl(camera?.enabled ?? true, { nonNullable: true }),
    detectionEnabled: new FormControl(camera?.detectionEnabled ?? true, { nonNullable: true }),
    fps: new FormControl(camera?.fps ?? NEW_CAMERA_FPS, {
      nonNullable: true,
      validators: [Validators.required, Validators.min(1), Validators.max(30), integer],
    }),
  });
}

function integer(control: AbstractControl): ValidationErrors | null {
  return Number.isInteger(control.value) ? null : { integer: true };
}

/**
 * The request body. With a stored password, an empty password field and the same user name send
 * the masked URL back, which the API reads as "keep the stored password".
 * Returns null (and flags the password field) when a new user name needs its password.
 */
export function cameraInput(form: CameraForm, camera?: Camera): CameraInput | null {
  const value = form.getRawValue();
  const stored = splitRtspUrl(camera?.rtspUrl ?? '');
  const keepStored = stored.password === MASKED_PASSWORD && value.password === '';
  if (keepStored && value.username !== stored.username) {
    form.controls.password.setErrors({ api: 'Enter the password for the new user name' });
    form.controls.password.markAsTouched();
    return null;
  }
  const password = keepStored ? MASKED_PASSWORD : value.password;
  return {
    name: value.name.trim(),
    location: value.location.trim(),
    rtspUrl: joinRtspUrl(value.address, value.username, password, stored.rawUsername),
    enabled: value.enabled,
    detectionEnabled: value.detectionEnabled,
    fps: value.fps,
  };
}

/** A URL pasted with credentials: move them into their own fields so the password is hidden. */
export function extractCredentials(form: CameraForm): void {
  const parts = splitRtspUrl(form.controls.address.value);
  if (!parts.username && !parts.password) return;
  form.patchValue({ address: parts.address, username: parts.username, password: parts.password === MASKED_PASSWORD ? '' : parts.password });
}

const FIELD_OF: Record<string, keyof CameraForm['controls']> = {
  name: 'name',
  location: 'location',
  rtspUrl: 'address',
  fps: 'fps',
};

/**
 * Puts the API's validation messages on the fields they name ("rtspUrl must start with…");
 * returns the ones that name no field, for the dialog to show on their own.
 */
export function applyApiErrors(form: CameraForm, messages: string[]): string[] {
  const unplaced: string[] = [];
  for (const message of messages) {
    const field = FIELD_OF[message.split(/\s/, 1)[0]];
    if (!field) {
      unplaced.push(message);
      continue;
    }
    const control = form.controls[field];
    control.setErrors({ ...control.errors, api: message });
    control.markAsTouched();
  }
  return unplaced;
}

/** The message of a field's first problem, client- or server-side. */
export function fieldError(control: AbstractControl): string {
  const errors = control.errors ?? {};
  if (typeof errors['api'] === 'string') return errors['api'];
  if (errors['required']) return 'Required';
  if (errors['maxlength']) return `At most ${errors['maxlength'].requiredLength} characters`;
  if (errors['pattern']) return 'Must start with rtsp:// or rtsps:// and contain no spaces';
  if (errors['min'] || errors['max'] || errors['integer']) return 'A whole number from 1 to 30';
  return '';
}
