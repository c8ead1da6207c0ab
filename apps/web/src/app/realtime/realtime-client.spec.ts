import { TestBed } from '@angular/core/testing';
import { ConsoleTesting, setUpConsole } from '../../testing/console-testing';
import { aUser } from '../../testing/fixtures';
import { TokenStore } from '../auth/token-store';
import { RETRY_AFTER_REFUSAL_MS, RealtimeClient } from './realtime-client';

describe('RealtimeClient', () => {
  let t: ConsoleTesting;
  let client: RealtimeClient;

  beforeEach(() => {
    t = setUpConsole();
    client = TestBed.inject(RealtimeClient);
    TestBed.tick();
  });

  afterEach(() => {
    t.http.verify();
    jest.useRealTimers();
  });

  it('opens one socket with the session token and follows its state', () => {
    expect(t.sockets).toHaveLength(1);
    expect(t.sockets[0].token).toBe(TestBed.inject(TokenStore).valid());
    expect(client.state()).toBe('connecting');

    const socket = t.sockets[0];
    socket.fire('connect');
    expect(client.state()).toBe('online');
    socket.fire('disconnect', 'transport close');
    expect(client.state()).toBe('reconnecting');
  });

  it('announces a comeback after a drop, not the first connection', () => {
    const back = jest.fn();
    client.reconnected.subscribe(back);
    const socket = t.sockets[0];
    socket.fire('connect');
    expect(back).not.toHaveBeenCalled();
    socket.fire('disconnect', 'ping timeout');
    socket.fire('connect');
    expect(back).toHaveBeenCalledTimes(1);
  });

  it('reconnects by itself when the server closed the socket on purpose', () => {
    const socket = t.sockets[0];
    socket.fire('connect');
    socket.fire('disconnect', 'io server disconnect');
    expect(socket.connectCalls).toBe(1);
  });

  it('after a refused handshake checks the session, then tries again later', () => {
    jest.useFakeTimers();
    const socket = t.sockets[0];
    socket.active = false;
    socket.fire('connect_error', new Error('unauthorized'));
    expect(client.state()).toBe('reconnecting');
    t.http.expectOne('/api/auth/me').flush(aUser());
    expect(socket.connectCalls).toBe(0);
    jest.advanceTimersByTime(RETRY_AFTER_REFUSAL_MS);
    expect(socket.connectCalls).toBe(1);
  });

  it('stops on sign-out when the refused token is no longer accepted', () => {
    jest.useFakeTimers();
    const socket = t.sockets[0];
    socket.active = false;
    socket.fire('connect_error', new Error('unauthorized'));
    t.http.expectOne('/api/auth/me').flush({ statusCode: 401, message: 'Unauthorized' }, { status: 401, statusText: 'Unauthorized' });
    TestBed.tick();
    expect(socket.disconnected).toBe(true);
    expect(client.state()).toBe('offline');
    jest.advanceTimersByTime(RETRY_AFTER_REFUSAL_MS);
    expect(socket.connectCalls).toBe(0);
  });

  it('passes alerts and camera states on', () => {
    const alerts = jest.fn();
    const states = jest.fn();
    client.alerts.subscribe(alerts);
    client.cameraStates.subscribe(states);
    t.sockets[0].fire('alert', { alertId: 'a1' });
    t.sockets[0].fire('camera_state', { cameraId: 'c1', status: 'running', fps: 9 });
    expect(alerts).toHaveBeenCalledWith({ alertId: 'a1' });
    expect(states).toHaveBeenCalledWith({ cameraId: 'c1', status: 'running', fps: 9 });
  });

  it('passes changed alerts on separately from new ones', () => {
    const alerts = jest.fn();
    const updates = jest.fn();
    client.alerts.subscribe(alerts);
    client.alertUpdates.subscribe(updates);
    const changed = { alertId: 'a1', person: { id: 'p1', name: 'Alice', similarity: 0.8 } };
    t.sockets[0].fire('alert_updated', changed);
    expect(updates).toHaveBeenCalledWith(changed);
    expect(alerts).not.toHaveBeenCalled();
  });
});
