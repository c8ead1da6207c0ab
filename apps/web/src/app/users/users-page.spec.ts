import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ConsoleTesting, buttonNamed, setUpConsole, toastText } from '../../testing/console-testing';
import { aUser } from '../../testing/fixtures';
import { UsersPage } from './users-page';

describe('UsersPage', () => {
  let t: ConsoleTesting;
  let fixture: ComponentFixture<UsersPage>;
  let page: HTMLElement;

  beforeEach(async () => {
    t = setUpConsole();
    fixture = TestBed.createComponent(UsersPage);
    page = fixture.nativeElement;
    await fixture.whenStable();
    t.signedInAs({ id: 'u1', username: 'root', role: 'admin' });
    t.http.expectOne('/api/users').flush([aUser({ id: 'u1', username: 'root' }), aUser({ id: 'u2', username: 'bob', role: 'viewer' })]);
    await settle();
  });

  afterEach(() => {
    t.http.verify();
  });

  async function settle(): Promise<void> {
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  const overlay = () => document.querySelector('.cdk-overlay-container') as HTMLElement;

  async function typeIn(label: string, value: string): Promise<void> {
    const input = [...overlay().querySelectorAll('mat-form-field')]
      .find((f) => f.querySelector('mat-label')?.textContent?.trim() === label)
      ?.querySelector('input') as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await settle();
  }

  it('lists users and keeps the admin from demoting or deleting themselves', () => {
    const rows = [...page.querySelectorAll('tr[mat-row]')];
    expect(rows.map((row) => row.querySelector('td')?.textContent?.trim())).toEqual(['root (you)', 'bob']);
    expect(rows[0].querySelector('mat-select')?.getAttribute('aria-disabled')).toBe('true');
    expect(buttonNamed(rows[0], 'Delete root')?.disabled).toBe(true);
    expect(buttonNamed(rows[1], 'Delete bob')?.disabled).toBe(false);
  });

  it('creates a user with the API checks shown in the dialog', async () => {
    buttonNamed(page, 'Add user')?.click();
    await settle();
    await typeIn('Username', 'carol');
    await typeIn('Password', 'long enough');
    buttonNamed(overlay(), 'Add')?.click();
    const request = t.http.expectOne('/api/users');
    expect(request.request.body).toEqual({ username: 'carol', password: 'long enough', role: 'viewer' });
    request.flush({ statusCode: 409, message: 'username already taken' }, { status: 409, statusText: 'Conflict' });
    await settle();
    expect(overlay().querySelector('[role=alert]')?.textContent?.trim()).toBe('username already taken');

    buttonNamed(overlay(), 'Add')?.click();
    t.http.expectOne('/api/users').flush(aUser({ id: 'u3', username: 'carol', role: 'viewer' }));
    await settle();
    expect(page.querySelectorAll('tr[mat-row]')).toHaveLength(3);
    expect(toastText()).toContain('Added carol');
  });

  it('refuses a short password before asking the API', async () => {
    buttonNamed(page, 'Add user')?.click();
    await settle();
    await typeIn('Username', 'carol');
    await typeIn('Password', 'short');
    buttonNamed(overlay(), 'Add')?.click();
    await settle();
    t.http.expectNone('/api/users');
    expect(overlay().textContent).toContain('At least 8 characters');
  });

  it('changes a role, and puts the select back when the API refuses', async () => {
    const select = page.querySelectorAll('tr[mat-row]')[1].querySelector('mat-select') as HTMLElement;
    expect(select.getAttribute('aria-label')).toBe('Role of bob');
    const pick = async (role: string) => {
      (select.querySelector('.mat-mdc-select-trigger') as HTMLElement).click();
      await settle();
      // Select panels open as popovers next to their trigger, not in the overlay container.
      ([...document.querySelectorAll('mat-option')].find((o) => o.textContent?.trim() === role) as HTMLElement).click();
      await settle();
    };

    await pick('operator');
    const request = t.http.expectOne('/api/users/u2');
    expect(request.request.body).toEqual({ role: 'operator' });
    request.flush(aUser({ id: 'u2', username: 'bob', role: 'operator' }));
    await settle();
    expect(toastText()).toContain('bob is now an operator');

    await pick('admin');
    t.http.expectOne('/api/users/u2').flush({ statusCode: 400, message: 'nope' }, { status: 400, statusText: 'Bad Request' });
    await settle();
    expect(select.textContent?.trim()).toBe('operator');
  });

  it('resets a password', async () => {
    buttonNamed(page, 'Reset the password of bob')?.click();
    await settle();
    await typeIn('New password', 'brand new pw');
    buttonNamed(overlay(), 'Reset password')?.click();
    const request = t.http.expectOne('/api/users/u2');
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toEqual({ password: 'brand new pw' });
    request.flush(aUser({ id: 'u2', username: 'bob', role: 'viewer' }));
    await settle();
    expect(toastText()).toContain('Password of bob reset');
  });

  it('deletes a user after confirmation', async () => {
    buttonNamed(page, 'Delete bob')?.click();
    await settle();
    expect(overlay().textContent).toContain('Delete bob?');
    buttonNamed(overlay(), 'Delete')?.click();
    await settle();
    const request = t.http.expectOne('/api/users/u2');
    expect(request.request.method).toBe('DELETE');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(page.querySelectorAll('tr[mat-row]')).toHaveLength(1);
  });
});
