import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { ConsoleTesting, setUpConsole, toastText } from '../../testing/console-testing';
import { aCamera, pageOf } from '../../testing/fixtures';
import { CameraStatus } from './camera';
import { CameraStore } from './camera-store';

describe('CameraStore', () => {
  let t: ConsoleTesting;
  let store: CameraStore;
  let toasts: jest.SpyInstance;

  beforeEach(() => {
    t = setUpConsole();
    store = TestBed.inject(CameraStore);
    toasts = jest.spyOn(TestBed.inject(MatSnackBar), 'open');
    TestBed.tick();
    t.sockets[0].fire('connect');
  });

  afterEach(() => t.http.verify());

  const listRequest = () => t.http.expectOne((req) => req.url === '/api/cameras');

  function state(cameraId: string, status: CameraStatus, fps: number, error?: string): void {
    t.sockets[0].fire('camera_state', { cameraId, status, fps, error, timestamp: new Date().toISOString() });
  }

  function dropAndComeBack(): void {
    t.sockets[0].fire('disconnect', 'transport close');
    t.sockets[0].fire('connect');
  }

  const shown = () => store.cameras().map((camera) => ({ id: camera.id, status: camera.status, measuredFps: camera.measuredFps }));

  describe('when a camera fails', () => {
    beforeEach(() => {
      store.load();
      listRequest().flush(pageOf([aCamera({ id: 'c1', name: 'Front door', status: 'running' }), aCamera({ id: 'c2', name: 'Garage', status: 'running' })]));
    });

    it('says so in a toast with its name and the reason, once per failure', () => {
      state('c1', 'running', 9.8);
      expect(toasts).not.toHaveBeenCalled();

      state('c1', 'error', 0, 'connection refused by 10.0.0.5:554');
      expect(toasts).toHaveBeenCalledTimes(1);
      expect(toastText()).toContain('Front door stopped with an error: connection refused by 10.0.0.5:554');
      expect(toastText()).toContain('Dismiss');
      expect(store.cameras()[0]).toMatchObject({ status: 'error', error: 'connection refused by 10.0.0.5:554', measuredFps: null });

      // The state reports that follow say nothing new.
      state('c1', 'error', 0, 'connection refused by 10.0.0.5:554');
      state('c1', 'error', 0, 'connection refused by 10.0.0.5:554');
      expect(toasts).toHaveBeenCalledTimes(1);

      // A new failure after a restart is announced again.
      state('c1', 'starting', 0);
      state('c1', 'error', 0, 'stream ended');
      expect(toasts).toHaveBeenCalledTimes(2);
      expect(toasts.mock.calls[1][0]).toBe('Front door stopped with an error: stream ended');
    });

    it('gives no reason it does not know', () => {
      state('c2', 'error', 0);
      expect(toastText()).toContain('Garage stopped with an error: unknown reason');
    });

    it('stays quiet on stops and on cameras it does not list', () => {
      state('c1', 'stopped', 0);
      state('c9', 'error', 0, 'gone');
      expect(toasts).not.toHaveBeenCalled();
    });
  });

  describe('after the socket comes back from a drop', () => {
    it('reloads the cameras with the same filter, keeping the grid meanwhile', () => {
      store.load(true);
      listRequest().flush(pageOf([aCamera({ id: 'c1', status: 'running' }), aCamera({ id: 'c2', status: 'running' })]));
      state('c1', 'running', 9.8);
      state('c2', 'running', 4.9);

      // Meanwhile c1 was stopped and c2 kept running; no camera_state reached the console.
      dropAndComeBack();
      const reload = listRequest();
      expect(reload.request.params.get('enabled')).toBe('true');
      expect(reload.request.params.get('page')).toBe('1');
      expect(store.state()).toBe('loaded');
      expect(shown().map((camera) => camera.status)).toEqual(['running', 'running']);

      reload.flush(pageOf([aCamera({ id: 'c1', status: 'stopped' }), aCamera({ id: 'c2', status: 'running' })]));
      expect(shown()).toEqual([
        { id: 'c1', status: 'stopped', measuredFps: null },
        { id: 'c2', status: 'running', measuredFps: 4.9 },
      ]);
      expect(toasts).not.toHaveBeenCalled();
    });

    it('announces a camera that failed meanwhile', () => {
      store.load();
      listRequest().flush(pageOf([aCamera({ id: 'c1', name: 'Front door', status: 'running' })]));
      dropAndComeBack();
      listRequest().flush(pageOf([aCamera({ id: 'c1', name: 'Front door', status: 'error', error: 'stream ended' })]));
      expect(store.cameras()[0].status).toBe('error');
      expect(toastText()).toContain('Front door stopped with an error: stream ended');
    });

    it('keeps the shown list when the reload fails, and says so', () => {
      store.load();
      listRequest().flush(pageOf([aCamera({ id: 'c1', status: 'running' })]));
      dropAndComeBack();
      listRequest().flush({ statusCode: 500, message: 'boom' }, { status: 500, statusText: 'Server Error' });
      expect(store.state()).toBe('loaded');
      expect(store.cameras()).toHaveLength(1);
      expect(toastText()).toContain('Could not reload the cameras: boom');
    });

    it('retries a list that had failed to load', () => {
      store.load();
      listRequest().flush({ statusCode: 500, message: 'boom' }, { status: 500, statusText: 'Server Error' });
      expect(store.state()).toBe('failed');
      dropAndComeBack();
      expect(store.state()).toBe('loading');
      listRequest().flush(pageOf([aCamera({ id: 'c1' })]));
      expect(store.state()).toBe('loaded');
    });

    it('asks for nothing when no list was shown', () => {
      dropAndComeBack();
      t.http.expectNone((req) => req.url === '/api/cameras');
    });
  });
});
