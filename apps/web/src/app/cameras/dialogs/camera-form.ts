import { AbstractControl, FormControl, FormGroup, ValidationErrors, ValidatorFn, Validators } from '@angular/forms';
import { Camera, CameraInput } from '../camera';
import { RecordingMode, WORKER_LABEL, WORKER_LABEL_RULE, settingsControls, settingsOf } from './camera-form-settings';
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
  /** The detection stream (optional): its address and credentials, kept like the main stream's. */
  detectAddress: FormControl<string>;
  detectUsername: FormControl<string>;
  detectPassword: FormControl<string>;
  objects: FormControl<string[]>;
  recordingMode: FormControl<RecordingMode>;
  preSeconds: FormControl<number>;
  postSeconds: FormControl<number>;
  workerLabel: FormControl<string>;
}>;

/** Same rule as the API: rtsp:// or rtsps://, no spaces. */
const RTSP_ADDRESS = /^rtsps?:\/\/\S+$/i;

export function cameraForm(camera?: Camera): CameraForm {
  const parts = splitRtspUrl(camera?.rtspUrl ?? '');
  const detect = splitRtspUrl(camera?.detectRtspUrl ?? '');
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
    detectAddress: text(detect.address, Validators.maxLength(2048), Validators.pattern(RTSP_ADDRESS)),
    detectUsername: text(detect.username),
    detectPassword: text(''),
    ...settingsControls(camera),
    workerLabel: text(camera?.workerLabel ?? '', Validators.maxLength(64), Validators.pattern(WORKER_LABEL)),
  });
}

function integer(control: AbstractControl): ValidationErrors | null {
  return Number.isInteger(control.value) ? null : { integer: true };
}

/**
 * The request body. With a stored password, an empty password field and the same user name send
 * the masked URL back, which the API reads as "keep the stored password" (for each stream).
 * Returns null (and flags the password field) when a new user name needs its password. A new
 * camera is created with its object labels and recording settings; an edited one changes them
 * through their own requests (see {@link settingsOf}).
 */
export function cameraInput(form: CameraForm, camera?: Camera): CameraInput | null {
  const value = form.getRawValue();
  const controls = form.controls;
  const rtspUrl = streamUrl(value.address, value.username, controls.password, camera?.rtspUrl);
  const detectRtspUrl = value.detectAddress.trim()
    ? streamUrl(value.detectAddress, value.detectUsername, controls.detectPassword, camera?.detectRtspUrl)
    : null;
  if (rtspUrl === null || detectRtspUrl === undefined) return null;
  const workerLabel = value.workerLabel.trim() || null;
  const input: CameraInput = {
    name: value.name.trim(),
    location: value.location.trim(),
    rtspUrl,
    enabled: value.enabled,
    detectionEnabled: value.detectionEnabled,
    fps: value.fps,
  };
  // Left out when unset and never set: a camera saved by an older console keeps the same body.
  if (detectRtspUrl !== null || camera?.detectRtspUrl) input.detectRtspUrl = detectRtspUrl;
  if (workerLabel !== null || camera?.workerLabel) input.workerLabel = workerLabel;
  if (!camera) {
    const settings = settingsOf(form);
    if (settings.objects.length > 0) input.objects = settings.objects;
    input.recording = settings.recording;
  }
  return input;
}

/**
 * One stream's URL from its fields; null (the password field flagged) when the user name changed
 * but the stored password would be kept.
 */
function streamUrl(address: string, username: string, passwordControl: FormControl<string>, storedUrl: string | undefined): string | null {
  const stored = splitRtspUrl(storedUrl ?? '');
  const keepStored = stored.password === MASKED_PASSWORD && passwordControl.value === '';
  if (keepStored && username !== stored.username) {
    passwordControl.setErrors({ api: 'Enter the password for the new user name' });
    passwordControl.markAsTouched();
    return null;
  }
  const password = keepStored ? MASKED_PASSWORD : passwordControl.value;
  return joinRtspUrl(address, username, password, stored.rawUsername);
}

/** A URL pasted with credentials: move them into their own fields so the password is hidden. */
export function extractCredentials(form: CameraForm): void {
  const parts = splitRtspUrl(form.controls.address.value);
  if (parts.username || parts.password) {
    form.patchValue({ address: parts.address, username: parts.username, password: parts.password === MASKED_PASSWORD ? '' : parts.password });
  }
  const detect = splitRtspUrl(form.controls.detectAddress.value);
  if (detect.username || detect.password) {
    form.patchValue({ detectAddress: detect.address, detectUsername: detect.username, detectPassword: detect.password === MASKED_PASSWORD ? '' : detect.password });
  }
}

const FIELD_OF: Record<string, keyof CameraForm['controls']> = {
  name: 'name',
  location: 'location',
  rtspUrl: 'address',
  fps: 'fps',
  detectRtspUrl: 'detectAddress',
  workerLabel: 'workerLabel',
  objects: 'objects',
  labels: 'objects',
  mode: 'recordingMode',
  preSeconds: 'preSeconds',
  postSeconds: 'postSeconds',
};

/** The field a message starts with: `objects[2]`, `recording.preSeconds` and `.mode` name theirs. */
function fieldOf(message: string): keyof CameraForm['controls'] | undefined {
  const first = message.split(/\s/, 1)[0].replace(/\[\d+\]$/, '').replace(/^recording(?=\.)/, '').replace(/^\./, '');
  return FIELD_OF[first];
}

/**
 * Puts the API's validation messages on the fields they name ("rtspUrl must start with…");
 * returns the ones that name no field, for the dialog to show on their own.
 */
export function applyApiErrors(form: CameraForm, messages: string[]): string[] {
  const unplaced: string[] = [];
  for (const message of messages) {
    const field = fieldOf(message);
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
  if (errors['pattern']) return errors['pattern'].requiredPattern === String(WORKER_LABEL) ? WORKER_LABEL_RULE : 'Must start with rtsp:// or rtsps:// and contain no spaces';
  if (errors['seconds']) return `A whole number of seconds from 0 to ${errors['seconds'].max}`;
  if (errors['min'] || errors['max'] || errors['integer']) return 'A whole number from 1 to 30';
  return '';
}
