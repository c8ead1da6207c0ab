import { AbstractControl, FormControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import type { ApiSchema } from '../../api/api-types';
import { Camera } from '../camera';

/** What a camera records and for how long around an event (`PATCH /api/cameras/:id/recording`). */
export type CameraRecording = ApiSchema<'CameraRecording'>;
export type RecordingMode = CameraRecording['mode'];
/** An object label the detector knows (`GET /api/detection/labels`). */
export type ObjectLabel = Camera['objects'][number];

/** The recording modes, as the dialog offers them. */
export const RECORDING_MODES: ReadonlyArray<{ value: RecordingMode; label: string }> = [
  { value: 'off', label: 'Off' },
  { value: 'events', label: 'Around alerts' },
  { value: 'continuous', label: 'Continuous' },
];

/** The API's defaults and limits. */
export const DEFAULT_RECORDING: CameraRecording = { mode: 'events', preSeconds: 5, postSeconds: 10 };
export const MAX_PRE_SECONDS = 60;
export const MAX_POST_SECONDS = 300;

/** Same rule as the API: letters, digits, `.`, `_`, `-`, starting with a letter or digit. */
export const WORKER_LABEL = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const WORKER_LABEL_RULE = 'Letters, digits, ".", "_" or "-", starting with a letter or digit';

/** A whole number of seconds from 0 to `max`. */
export function seconds(max: number): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const value = control.value as unknown;
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max ? null : { seconds: { max } };
  };
}

/** The form controls of the object labels and the recording settings. */
export function settingsControls(camera?: Camera) {
  const recording = camera?.recording ?? DEFAULT_RECORDING;
  return {
    objects: new FormControl<string[]>([...(camera?.objects ?? [])], { nonNullable: true }),
    recordingMode: new FormControl<RecordingMode>(recording.mode, { nonNullable: true }),
    preSeconds: new FormControl(recording.preSeconds, { nonNullable: true, validators: [seconds(MAX_PRE_SECONDS)] }),
    postSeconds: new FormControl(recording.postSeconds, { nonNullable: true, validators: [seconds(MAX_POST_SECONDS)] }),
  };
}

interface SettingsForm {
  controls: {
    objects: FormControl<string[]>;
    recordingMode: FormControl<RecordingMode>;
    preSeconds: FormControl<number>;
    postSeconds: FormControl<number>;
  };
}

/** The labels and recording settings the form holds now. */
export function settingsOf(form: SettingsForm): { objects: ObjectLabel[]; recording: CameraRecording } {
  const { objects, recordingMode, preSeconds, postSeconds } = form.controls;
  return {
    objects: [...objects.value] as ObjectLabel[],
    recording: { mode: recordingMode.value, preSeconds: preSeconds.value, postSeconds: postSeconds.value },
  };
}

/** The requests an edit needs beyond the camera's own `PUT`: only what changed. */
export function changedSettings(form: SettingsForm, camera: Camera): { objects?: ObjectLabel[]; recording?: CameraRecording } {
  const now = settingsOf(form);
  const before = camera.recording ?? DEFAULT_RECORDING;
  const changed: { objects?: ObjectLabel[]; recording?: CameraRecording } = {};
  const sameLabels = now.objects.length === camera.objects.length && now.objects.every((label) => camera.objects.includes(label));
  if (!sameLabels) changed.objects = now.objects;
  const r = now.recording;
  if (r.mode !== before.mode || r.preSeconds !== before.preSeconds || r.postSeconds !== before.postSeconds) changed.recording = r;
  return changed;
}
