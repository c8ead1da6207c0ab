import { TestBed } from '@angular/core/testing';
import { MatDialog, MatDialogRef } from '@angular/material/dialog';
import { ConsoleTesting, buttonNamed, setUpConsole } from '../../../testing/console-testing';
import { aCamera } from '../../../testing/fixtures';
import { Camera } from '../camera';
import { CameraFormData, CameraFormDialog } from './camera-form-dialog';

describe('CameraFormDialog', () => {
  let t: ConsoleTesting;
  let ref: MatDialogRef<CameraFormDialog, Camera>;
  let closed: jest.Mock;

  async function open(data: CameraFormData): Promise<void> {
    t = setUpConsole();
    ref = TestBed.inject(MatDialog).open(CameraFormDialog, { data });
    closed = jest.fn();
    ref.afterClosed().subscribe(closed);
    await settle();
    t.http.expectOne('/api/detection/labels').flush(['person', 'bicycle', 'car', 'dog']);
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

  async function submit(label: string): Promise<void> {
    buttonNamed(dialog(), label)?.click();
    await settle();
  }

  it('checks the fields before asking the API', async () => {
    await open({});
    await submit('Add');
    expect(errors()).toEqual(['Required', 'Required']);

    await type('name', 'Garage');
    await type('address', 'http://10.0.0.9/stream');
    await submit('Add');
    expect(errors()).toEqual(['Must start with rtsp:// or rtsps:// and contain no spaces']);
    t.http.expectNone('/api/cameras');
  });

  it('moves credentials out of a pasted URL into their fields, the password hidden', async () => {
    await open({});
    await type('address', 'rtsp://viewer:s3cret@10.0.0.9:554/stream');
    field('address').dispatchEvent(new Event('blur'));
    await settle();
    expect(field('address').value).toBe('rtsp://10.0.0.9:554/stream');
    expect(field('username').value).toBe('viewer');
    expect(field('password').value).toBe('s3cret');
    expect(field('password').type).toBe('password');

    await type('name', 'Garage');
    await submit('Add');
    const request = t.http.expectOne('/api/cameras');
    expect(request.request.body).toEqual({
      name: 'Garage',
      location: '',
      rtspUrl: 'rtsp://viewer:s3cret@10.0.0.9:554/stream',
      enabled: true,
      detectionEnabled: true,
      fps: 10,
      recording: { mode: 'events', preSeconds: 5, postSeconds: 10 },
    });
    request.flush(aCamera({ id: 'c9', name: 'Garage' }));
    await settle();
    expect(closed).toHaveBeenCalledWith(expect.objectContaining({ id: 'c9' }));
  });

  it('shows the API validation messages next to their fields and the rest above the buttons', async () => {
    await open({});
    await type('name', 'Garage');
    await type('address', 'rtsp://-bad/stream');
    await submit('Add');
    t.http.expectOne('/api/cameras').flush(
      { statusCode: 400, message: '…', errors: ['rtspUrl must name a host', 'name must be 1–100 characters', 'property color should not exist'] },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();

    expect(errors()).toEqual(['name must be 1–100 characters', 'rtspUrl must name a host']);
    expect(dialog().querySelector('[role=alert]')?.textContent?.trim()).toBe('property color should not exist');
    expect(closed).not.toHaveBeenCalled();
    expect(buttonNamed(dialog(), 'Add')?.disabled).toBe(false);
  });

  it('never shows a stored password and sends the masked URL back to keep it', async () => {
    await open({ camera: aCamera({ rtspUrl: 'rtsp://admin:***@10.0.0.5/stream', name: 'Front door' }) });
    const values = [...dialog().querySelectorAll('input')].map((input) => input.value);
    expect(values.join(' ')).not.toContain('***');
    expect(field('address').value).toBe('rtsp://10.0.0.5/stream');
    expect(field('username').value).toBe('admin');
    expect(field('password').placeholder).toBe('Unchanged');

    await type('location', 'Back porch');
    await submit('Save');
    const request = t.http.expectOne('/api/cameras/c1');
    expect(request.request.method).toBe('PUT');
    expect(request.request.body.rtspUrl).toBe('rtsp://admin:***@10.0.0.5/stream');
    expect(request.request.body.location).toBe('Back porch');
    request.flush(aCamera());
  });

  it('asks for the password again when the user name changes', async () => {
    await open({ camera: aCamera({ rtspUrl: 'rtsp://admin:***@10.0.0.5/stream' }) });
    await type('username', 'operator');
    await submit('Save');
    expect(errors()).toEqual(['Enter the password for the new user name']);
    t.http.expectNone('/api/cameras/c1');

    await type('password', 'n@w');
    await submit('Save');
    const request = t.http.expectOne('/api/cameras/c1');
    expect(request.request.body.rtspUrl).toBe('rtsp://operator:n%40w@10.0.0.5/stream');
    request.flush(aCamera());
  });
});
