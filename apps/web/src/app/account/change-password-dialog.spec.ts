import { TestBed } from '@angular/core/testing';
import { ConsoleTesting, buttonNamed, setUpConsole, toastText } from '../../testing/console-testing';
import { TokenStore } from '../auth/token-store';
import { AccountActions } from './account-actions';
import { PasswordReminder } from './password-reminder';

describe('Changing your own password', () => {
  let t: ConsoleTesting;

  beforeEach(async () => {
    t = setUpConsole();
    const account = TestBed.inject(AccountActions);
    TestBed.tick();
    t.signedInAs({ id: 'u1', username: 'admin', role: 'admin' });
    await account.changePassword();
    await settle();
  });

  afterEach(() => t.http.verify());

  async function settle(): Promise<void> {
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve));
  }

  const dialog = () => document.querySelector('mat-dialog-container') as HTMLElement;

  async function fill(values: string[]): Promise<void> {
    const inputs = [...dialog().querySelectorAll('input')];
    values.forEach((value, i) => {
      inputs[i].value = value;
      inputs[i].dispatchEvent(new Event('input'));
    });
    buttonNamed(dialog(), 'Change password')?.click();
    await settle();
  }

  it('checks that both new passwords match before asking the API', async () => {
    await fill(['old password', 'new password 1', 'new password 2']);
    t.http.expectNone('/api/auth/password');
    expect(dialog().textContent).toContain('The passwords differ');
  });

  it('keeps the session when the current password is wrong', async () => {
    await fill(['wrong', 'new password 1', 'new password 1']);
    t.http.expectOne('/api/auth/password').flush({ statusCode: 401, message: 'Unauthorized' }, { status: 401, statusText: 'Unauthorized' });
    await settle();
    expect(dialog().querySelector('[role=alert]')?.textContent?.trim()).toBe('The current password is not right');
    expect(TestBed.inject(TokenStore).present()).toBe(true);
  });

  it('changes it, says so and stops the first-run reminder', async () => {
    const reminder = TestBed.inject(PasswordReminder);
    expect(reminder.due()).toBe(true);
    await fill(['old password', 'new password 1', 'new password 1']);
    const request = t.http.expectOne('/api/auth/password');
    expect(request.request.body).toEqual({ currentPassword: 'old password', newPassword: 'new password 1' });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    t.signedInAs({ id: 'u1', username: 'admin', role: 'admin' }); // the user is looked up again
    expect(reminder.due()).toBe(false);
    expect(t.storage.getItem('argus.passwordChanged')).toBe('["u1"]');
    expect(toastText()).toContain('Password changed');
  });
});
