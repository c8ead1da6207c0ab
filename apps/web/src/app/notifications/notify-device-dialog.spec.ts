import { TestBed } from '@angular/core/testing';
import { MatDialogRef } from '@angular/material/dialog';
import { settle, setUpConsole } from '../../testing/console-testing';
import { NotifyDeviceDialog } from './notify-device-dialog';

describe('NotifyDeviceDialog', () => {
  it('says so when the browser cannot receive push notifications, and offers nothing to save', async () => {
    const t = setUpConsole({ providers: [{ provide: MatDialogRef, useValue: { close: jest.fn() } }] });
    const fixture = TestBed.createComponent(NotifyDeviceDialog);
    await settle(fixture);
    t.http.match('/api/auth/me').forEach((r) => r.flush({ id: 'u1', username: 'ann', role: 'viewer', mustChangePassword: false, createdAt: '2026-01-01T00:00:00.000Z' }));
    await settle(fixture);
    const text = (fixture.nativeElement as HTMLElement).textContent ?? '';
    // jsdom, like some browsers, has no service workers or PushManager.
    expect(text).toContain('This browser cannot receive push notifications');
    expect([...(fixture.nativeElement as HTMLElement).querySelectorAll('button')].map((b) => b.textContent?.trim())).toEqual(['Close']);
  });
});
