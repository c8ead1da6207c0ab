import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { ConsoleTesting, buttonNamed, setUpConsole } from '../../../testing/console-testing';
import { aCamera } from '../../../testing/fixtures';
import { CameraViewersDialog } from './camera-viewers-dialog';

describe('CameraViewersDialog', () => {
  let t: ConsoleTesting;
  let closed: jest.Mock;

  async function open(): Promise<HTMLElement> {
    t = setUpConsole();
    TestBed.tick();
    const dialog = TestBed.inject(MatDialog);
    const ref = dialog.open(CameraViewersDialog, { data: aCamera({ ownerId: 'u1', viewerIds: ['u3'] }) });
    closed = jest.fn();
    ref.afterClosed().subscribe(closed);
    await settle();
    return document.querySelector('mat-dialog-container') as HTMLElement;
  }

  async function settle(): Promise<void> {
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve));
  }

  afterEach(() => t.http.verify());

  // The same for admins and operators: both may read the directory (the API enforces who may save).
  it('picks viewers by name among the users who are not admins or the owner', async () => {
    const dialog = await open();
    t.http.expectOne('/api/users/directory').flush([
      { id: 'u3', username: 'bob', role: 'viewer' },
      { id: 'u4', username: 'carol', role: 'viewer' },
      { id: 'u5', username: 'dave', role: 'operator' },
      { id: 'u1', username: 'owner', role: 'operator' },
      { id: 'u2', username: 'root', role: 'admin' },
    ]);
    await settle();
    const options = [...dialog.querySelectorAll('mat-list-option')];
    expect(options.map((o) => o.textContent?.replace(/\s+/g, ' ').trim())).toEqual(['bob (viewer)', 'carol (viewer)', 'dave (operator)']);
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

  it('shows a listed viewer the directory no longer knows, so it can be removed, and what the API says', async () => {
    const dialog = await open();
    t.http.expectOne('/api/users/directory').flush([{ id: 'u4', username: 'carol', role: 'viewer' }]);
    await settle();
    const options = [...dialog.querySelectorAll('mat-list-option')];
    expect(options.map((o) => o.textContent?.replace(/\s+/g, ' ').trim())).toEqual(['carol (viewer)', 'u3 (viewer)']);
    (options[1] as HTMLElement).click(); // unselect the deleted user
    await settle();
    buttonNamed(dialog, 'Save')?.click();
    const request = t.http.expectOne('/api/cameras/c1/viewers');
    expect(request.request.body).toEqual({ userIds: [] });
    request.flush({ statusCode: 403, message: 'Only the owner or an admin may change viewers' }, { status: 403, statusText: 'Forbidden' });
    await settle();
    expect(dialog.querySelector('[role=alert]')?.textContent?.trim()).toBe('Only the owner or an admin may change viewers');
    expect(closed).not.toHaveBeenCalled();
  });
});
