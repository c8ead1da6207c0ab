import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { ConsoleTesting, buttonNamed, setUpConsole, toastText } from '../../testing/console-testing';
import { aCamera, anAlert, anUnknownGroup, pageOf } from '../../testing/fixtures';
import { CameraStore } from '../cameras/camera-store';
import { AlertToasts } from './alert-toasts';
import { UnknownNumbers } from '../unknowns/unknown-numbers';
import { SnapshotViewer } from './snapshot-viewer';

describe('AlertToasts', () => {
  let t: ConsoleTesting;
  let open: jest.SpyInstance;
  let toasts: jest.SpyInstance;

  beforeEach(() => {
    t = setUpConsole();
    open = jest.spyOn(TestBed.inject(SnapshotViewer), 'open').mockResolvedValue();
    toasts = jest.spyOn(TestBed.inject(MatSnackBar), 'open');
    const store = TestBed.inject(CameraStore);
    TestBed.inject(AlertToasts);
    TestBed.tick();
    t.sockets[0].fire('connect');
    store.load();
    t.http.expectOne((req) => req.url === '/api/cameras').flush(pageOf([aCamera({ id: 'c1', name: 'Front door' })]));
  });

  afterEach(() => t.http.verify());

  const toastAction = (name: string) => {
    const container = document.querySelector('mat-snack-bar-container');
    return container ? buttonNamed(container, name) : undefined;
  };

  it('announces a live alert with its camera’s name, and "View" opens its snapshot', () => {
    const alert = anAlert({ alertId: 'a9', cameraId: 'c1' });
    t.sockets[0].fire('alert', alert);
    expect(toastText()).toContain('Face detected on Front door');
    const view = toastAction('View');
    expect(view).toBeDefined();
    expect(open).not.toHaveBeenCalled();
    view?.click();
    expect(open).toHaveBeenCalledWith(alert, 'Front door');
  });

  it('counts several faces, and names an unknown camera generically', () => {
    t.sockets[0].fire('alert', anAlert({ cameraId: 'c1', meta: { score: 0.9, frameWidth: 640, frameHeight: 360, faces: 3 } }));
    t.sockets[0].fire('alert', anAlert({ cameraId: 'elsewhere' }));
    expect(toasts.mock.calls.map(([message, action]) => [message, action])).toEqual([
      ['3 faces detected on Front door', 'View'],
      ['Face detected on a camera', 'View'],
    ]);
  });

  it('names the person seen, or the stranger by group number or short id', () => {
    t.sockets[0].fire('alert', anAlert({ cameraId: 'c1', person: { id: 'p1', name: 'Alice', similarity: 0.82 } }));
    t.sockets[0].fire('alert', anAlert({ cameraId: 'c1', person: null, unknownId: 'group-0000abc123' }));
    TestBed.inject(UnknownNumbers).remember([anUnknownGroup({ id: 'group-0000abc123', number: 7 })]);
    t.sockets[0].fire('alert', anAlert({ cameraId: 'c1', person: null, unknownId: 'group-0000abc123' }));
    expect(toasts.mock.calls.map(([message]) => message)).toEqual([
      'Alice seen on Front door',
      'Unknown #abc123 seen on Front door',
      'Unknown #7 seen on Front door',
    ]);
  });

  it('offers no "View" for an alert without a snapshot', () => {
    t.sockets[0].fire('alert', anAlert({ cameraId: 'c1', snapshotUrl: undefined }));
    expect(toastText()).toContain('Face detected on Front door');
    expect(toastAction('View')).toBeUndefined();
  });
});
