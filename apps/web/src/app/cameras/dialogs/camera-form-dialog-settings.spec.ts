import { TestBed } from '@angular/core/testing';
import { MatDialog, MatDialogRef } from '@angular/material/dialog';
import { ConsoleTesting, buttonNamed, setUpConsole } from '../../../testing/console-testing';
import { aCamera } from '../../../testing/fixtures';
import { Camera } from '../camera';
import { CameraFormData, CameraFormDialog } from './camera-form-dialog';

// The dialog's detection stream, object labels, recording and worker label.
describe('CameraFormDialog settings', () => {
  let t: ConsoleTesting;
  let closed: jest.Mock;

  async function open(data: CameraFormData, labels: string[] | null = ['person', 'bicycle', 'car', 'dog']): Promise<void> {
    t = setUpConsole();
    const ref: MatDialogRef<CameraFormDialog, Camera> = TestBed.inject(MatDialog).open(CameraFormDialog, { data });
    closed = jest.fn();
    ref.afterClosed().subscribe(closed);
    await settle();
    const request = t.http.expectOne('/api/detection/labels');
    if (labels) request.flush(labels);
    else request.flush({ message: 'down' }, { status: 503, statusText: 'Service Unavailable' });
    await settle();
  }

  async function settle(): Promise<void> {
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve));
  }

  afterEach(() => {
    t.http.verify();
    TestBed.inject(MatDialog).closeAll();
  });

  const dialog = () => document.querySelector('mat-dialog-container') as HTMLElement;
  const field = (name: string) => dialog().querySelector(`[formcontrolname=${name}]`) as HTMLInputElement;
  const errors = () => [...dialog().querySelectorAll('mat-error')].map((e) => e.textContent?.trim());

  async function type(name: string, value: string): Promise<void> {
    field(name).value = value;
    field(name).dispatchEvent(new Event('input'));
    await settle();
  }

  /** Opens the mat-select of `name` and clicks the options named `options`. */
  async function choose(name: string, ...options: string[]): Promise<void> {
    field(name).click();
    await settle();
    for (const option of options) {
      const element = [...document.querySelectorAll('mat-option')].find((o) => o.textContent?.trim() === option) as HTMLElement;
      element.click();
      await settle();
    }
    // A multiple select stays open: its own backdrop (above the dialog's) closes it.
    if (document.querySelector('.mat-mdc-select-panel')) {
      [...document.querySelectorAll<HTMLElement>('.cdk-overlay-backdrop')].at(-1)?.click();
      await settle();
    }
  }

  async function submit(label: string): Promise<void> {
    buttonNamed(dialog(), label)?.click();
    await settle();
  }

  /** Every control's accessible name, as assistive technology computes it from the form field's label. */
  function accessibleNames(): string[] {
    const controls = [...dialog().querySelectorAll<HTMLElement>('input, mat-select, button, [role=switch]')];
    return controls.map((control) => {
      const label = control.getAttribute('aria-label');
      if (label) return label;
      const by = control.getAttribute('aria-labelledby');
      if (by) return by.split(/\s+/).map((id) => document.getElementById(id)?.textContent?.trim() ?? '').join(' ').trim();
      const forLabel = control.id ? document.querySelector(`label[for="${control.id}"]`) : null;
      return (forLabel?.textContent ?? control.textContent ?? '').replace(/\s+/g, ' ').trim();
    });
  }

  it('names every control', async () => {
    await open({ camera: aCamera() });
    const names = accessibleNames();
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter((name) => name === '')).toEqual([]);
    expect(names).toEqual(expect.arrayContaining(['Detection stream URL', 'Objects to alert on', 'Recording', 'Seconds before an alert', 'Seconds after it ends', 'Worker label']));
  });

  it('creates a camera with its detection stream, labels, recording and worker label in one request', async () => {
    await open({});
    await type('name', 'Gate');
    await type('address', 'rtsp://cam:pw@10.0.0.9/main');
    await type('detectAddress', 'rtsp://cam:pw@10.0.0.9/sub');
    field('detectAddress').dispatchEvent(new Event('blur'));
    await settle();
    expect([field('detectAddress').value, field('detectUsername').value, field('detectPassword').value]).toEqual(['rtsp://10.0.0.9/sub', 'cam', 'pw']);
    await choose('objects', 'dog', 'person');
    await choose('recordingMode', 'Continuous');
    await type('preSeconds', '8');
    await type('postSeconds', '30');
    await type('workerLabel', 'site-north');
    await submit('Add');
    const request = t.http.expectOne('/api/cameras');
    expect(request.request.body).toEqual({
      name: 'Gate',
      location: '',
      rtspUrl: 'rtsp://cam:pw@10.0.0.9/main',
      detectRtspUrl: 'rtsp://cam:pw@10.0.0.9/sub',
      enabled: true,
      detectionEnabled: true,
      fps: 10,
      objects: ['person', 'dog'],
      recording: { mode: 'continuous', preSeconds: 8, postSeconds: 30 },
      workerLabel: 'site-north',
    });
    request.flush(aCamera({ id: 'c9' }));
    await settle();
    expect(closed).toHaveBeenCalledWith(expect.objectContaining({ id: 'c9' }));
  });

  it('saves an edit, then the labels and the recording through their own requests, closing with the last answer', async () => {
    const camera = aCamera({ detectRtspUrl: 'rtsp://user:***@10.0.0.5/sub', objects: ['car'] });
    await open({ camera });
    expect(field('detectPassword').placeholder).toBe('Unchanged');
    await choose('objects', 'car', 'person'); // car off, person on
    await choose('recordingMode', 'Off');
    expect(field('preSeconds')).toBeNull();
    await submit('Save');

    const put = t.http.expectOne('/api/cameras/c1');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body.detectRtspUrl).toBe('rtsp://user:***@10.0.0.5/sub');
    expect(put.request.body).not.toHaveProperty('objects');
    expect(put.request.body).not.toHaveProperty('recording');
    put.flush(aCamera({ name: 'after put' }));
    await settle();
    const objects = t.http.expectOne('/api/cameras/c1/objects');
    expect([objects.request.method, objects.request.body]).toEqual(['PATCH', { labels: ['person'] }]);
    objects.flush(aCamera({ name: 'after objects', objects: ['person'] }));
    await settle();
    const recording = t.http.expectOne('/api/cameras/c1/recording');
    expect([recording.request.method, recording.request.body]).toEqual(['PATCH', { mode: 'off', preSeconds: 5, postSeconds: 10 }]);
    recording.flush(aCamera({ name: 'after recording' }));
    await settle();
    expect(closed).toHaveBeenCalledWith(expect.objectContaining({ name: 'after recording' }));
  });

  it('sends only the camera when labels and recording are unchanged, and removes a cleared detection stream', async () => {
    await open({ camera: aCamera({ detectRtspUrl: 'rtsp://10.0.0.5/sub', workerLabel: 'site-a' }) });
    await type('detectAddress', '');
    await type('workerLabel', '');
    await submit('Save');
    const put = t.http.expectOne('/api/cameras/c1');
    expect(put.request.body).toMatchObject({ detectRtspUrl: null, workerLabel: null });
    put.flush(aCamera());
    await settle();
    t.http.expectNone('/api/cameras/c1/objects');
    t.http.expectNone('/api/cameras/c1/recording');
    expect(closed).toHaveBeenCalled();
  });

  it('checks seconds, the worker label and the detection stream before asking the API', async () => {
    await open({ camera: aCamera() });
    await type('preSeconds', '61');
    await type('postSeconds', '2.5');
    await type('workerLabel', '-north');
    await type('detectAddress', 'http://10.0.0.5/sub');
    await submit('Save');
    expect(errors()).toEqual([
      'Must start with rtsp:// or rtsps:// and contain no spaces',
      'A whole number of seconds from 0 to 60',
      'A whole number of seconds from 0 to 300',
      'Letters, digits, ".", "_" or "-", starting with a letter or digit',
    ]);
    t.http.expectNone('/api/cameras/c1');
  });

  it("puts the API's messages on the new fields", async () => {
    await open({ camera: aCamera() });
    await choose('objects', 'dog');
    await submit('Save');
    t.http.expectOne('/api/cameras/c1').flush(aCamera());
    await settle();
    t.http.expectOne('/api/cameras/c1/objects').flush(
      { statusCode: 400, message: '…', errors: ['labels[0] "dog" is not a label the detector knows'] },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(errors()).toEqual(['labels[0] "dog" is not a label the detector knows']);
    expect(closed).not.toHaveBeenCalled();
  });

  it('keeps the camera’s labels choosable when the detector’s cannot be loaded', async () => {
    await open({ camera: aCamera({ objects: ['car'] }) }, null);
    field('objects').click();
    await settle();
    expect([...document.querySelectorAll('mat-option')].map((o) => o.textContent?.trim())).toEqual(['car']);
    expect(dialog().textContent).toContain('The detector’s labels could not be loaded');
  });
});
