import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { ConsoleTesting, buttonNamed, setUpConsole } from '../../../testing/console-testing';
import { aCamera, aUser } from '../../../testing/fixtures';
import { CameraViewersDialog } from './camera-viewers-dialog';

describe('CameraViewersDialog', () => {
  let t: ConsoleTesting;
  let closed: jest.Mock;

  async function open(role: 'admin' | 'operator'): Promise<HTMLElement> {
    t = setUpConsole();
    TestBed.tick();
    const dialog = TestBed.inject(MatDialog);
    const ref = dialog.open(CameraViewersDialog, { data: aCamera({ ownerId: 'u1', viewerIds: ['u3'] }) });
    closed = jest.fn();
    ref.afterClosed().subscribe(closed);
    await settle();
    t.signedInAs({ id: 'u1', role });
    await settle();
    return document.querySelector('mat-dialog-container') as HTMLElement;
  }

  async function settle(): Promise<void> {
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve));
  }

  afterEach(() => t.http.verify());

  it('lets an admin pick viewers among the users who are not admins or the owner', async () => {
    const dialog = await open('admin');
    t.http.expectOne('/api/users').flush([
      aUser({ id: 'u1', username: 'owner', role: 'operator' }),
      aUser({ id: 'u2', username: 'root', role: 'admin' }),
      aUser({ id: 'u3', username: 'bob', role: 'viewer' }),
      aUser({ id: 'u4', username: 'carol', role: 'viewer' }),
    ]);
    await settle();
    const options = [...dialog.querySelectorAll('mat-list-option')];
    expect(options.map((o) => o.textContent?.replace(/\s+/g, ' ').trim())).toEqual(['bob (viewer)', 'carol (viewer)']);
    expect(options[0].getAttribute('aria-selected')).toBe('true');

    (options[1] as HTMLElement).click();
    await settle();
    buttonNamed(dialog, 'Save')?.click();
    const request = t.http.expectOne('/api/cameras/c1/viewers');
    expect(request.request.body).toEqual({ userIds: ['u3', 'u4'] });
    request.flush(aCamera({ viewerIds: ['u3', 'u4'] }));
    await settle();
    expect(closed).toHaveBeenCalledWith(expect.objectContaining({ viewerIds: ['u3', 'u4'] }));
  });

  it('lets an operator type user ids and shows what the API says about them', async () => {
    const dialog = await open('operator');
    t.http.expectNone('/api/users');
    const input = dialog.querySelector('mat-chip-grid input') as HTMLInputElement;
    input.value = 'ghost';
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 13 } as KeyboardEventInit));
    await settle();
    expect([...dialog.querySelectorAll('mat-chip-row')].map((chip) => chip.textContent?.replace('cancel', '').trim())).toEqual(['u3', 'ghost']);

    buttonNamed(dialog, 'Save')?.click();
    const request = t.http.expectOne('/api/cameras/c1/viewers');
    expect(request.request.body).toEqual({ userIds: ['u3', 'ghost'] });
    request.flush({ statusCode: 400, message: 'unknown user ids: ghost' }, { status: 400, statusText: 'Bad Request' });
    await settle();
    expect(dialog.querySelector('[role=alert]')?.textContent?.trim()).toBe('unknown user ids: ghost');
    expect(closed).not.toHaveBeenCalled();
  });
});
