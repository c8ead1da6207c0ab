import { TestBed } from '@angular/core/testing';
import { MatDialog, type MatDialogRef } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { of } from 'rxjs';
import { ConsoleTesting, setUpConsole, toastText } from '../../testing/console-testing';
import { aCamera, pageOf } from '../../testing/fixtures';
import { CameraActions } from './camera-actions';
import { CameraStore } from './camera-store';

describe('CameraActions', () => {
  let t: ConsoleTesting;
  let actions: CameraActions;
  let store: CameraStore;
  let dialogOpen: jest.SpyInstance;
  const frontDoor = aCamera({ id: 'c1', name: 'Front door' });
  const garage = aCamera({ id: 'c2', name: 'Garage' });

  beforeEach(() => {
    t = setUpConsole();
    store = TestBed.inject(CameraStore);
    actions = TestBed.inject(CameraActions);
    dialogOpen = jest.spyOn(TestBed.inject(MatDialog), 'open');
    TestBed.tick();
    store.load();
    t.http.expectOne((req) => req.url === '/api/cameras').flush(pageOf([frontDoor, garage]));
  });

  afterEach(() => t.http.verify());

  /** The next dialog closes with `result`, as if the user had answered it. */
  const answerDialog = (result: unknown) =>
    dialogOpen.mockReturnValueOnce({ afterClosed: () => of(result) } as unknown as MatDialogRef<unknown>);
  const names = () => store.cameras().map((c) => c.name);

  describe('delete', () => {
    it('asks first, then deletes the camera, drops its tile and says so', () => {
      answerDialog(true);
      actions.remove(frontDoor);
      expect(dialogOpen.mock.calls[0][1].data).toMatchObject({ title: 'Delete Front door?', confirm: 'Delete' });
      t.http.expectOne({ method: 'DELETE', url: '/api/cameras/c1' }).flush(null, { status: 204, statusText: 'No Content' });
      expect(names()).toEqual(['Garage']);
      expect(toastText()).toContain('Deleted Front door');
    });

    it('does nothing when the user cancels', () => {
      answerDialog(false);
      actions.remove(frontDoor);
      answerDialog(undefined); // closed with Escape
      actions.remove(frontDoor);
      t.http.expectNone((req) => req.method === 'DELETE');
      expect(names()).toEqual(['Front door', 'Garage']);
    });

    it('keeps the tile and shows the API’s reason when the delete fails', () => {
      answerDialog(true);
      actions.remove(frontDoor);
      t.http
        .expectOne({ method: 'DELETE', url: '/api/cameras/c1' })
        .flush({ statusCode: 404, message: 'Camera not found' }, { status: 404, statusText: 'Not Found' });
      expect(names()).toEqual(['Front door', 'Garage']);
      expect(toastText()).toContain('Could not delete Front door: Camera not found');
    });
  });

  it('add and edit put the saved camera in the store and confirm it', () => {
    answerDialog(aCamera({ id: 'c3', name: 'Yard' }));
    actions.add();
    expect(names()).toContain('Yard');
    expect(toastText()).toContain('Added Yard');
    const toasts = jest.spyOn(TestBed.inject(MatSnackBar), 'open');
    answerDialog({ ...garage, name: 'Garage side' });
    actions.edit(garage);
    expect(dialogOpen.mock.calls[1][1].data).toEqual({ camera: garage });
    expect(names()).toContain('Garage side');
    expect(names()).not.toContain('Garage');
    expect(toasts.mock.calls.map(([message]) => message)).toEqual(['Saved Garage side']);
  });

  it('a dialog closed without saving changes nothing', () => {
    answerDialog(undefined);
    actions.add();
    answerDialog(undefined);
    actions.edit(garage);
    answerDialog(undefined);
    actions.editViewers(garage);
    expect(names()).toEqual(['Front door', 'Garage']);
  });

  it('saved viewers update the camera and are confirmed', () => {
    answerDialog({ ...garage, viewerIds: ['u7'] });
    actions.editViewers(garage);
    expect(store.cameras().find((c) => c.id === 'c2')?.viewerIds).toEqual(['u7']);
    expect(toastText()).toContain('Viewers of Garage saved');
  });
});
