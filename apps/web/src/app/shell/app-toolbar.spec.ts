import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { ConsoleTesting, buttonNamed, setUpConsole } from '../../testing/console-testing';
import { TokenStore } from '../auth/token-store';
import { AppToolbar } from './app-toolbar';

describe('AppToolbar', () => {
  let t: ConsoleTesting;
  let fixture: ComponentFixture<AppToolbar>;
  let bar: HTMLElement;

  async function render(role: 'admin' | 'operator' | 'viewer'): Promise<void> {
    t = setUpConsole();
    fixture = TestBed.createComponent(AppToolbar);
    bar = fixture.nativeElement;
    await fixture.whenStable();
    t.signedInAs({ username: 'alice', role });
    await fixture.whenStable();
  }

  afterEach(() => t.http.verify());

  const links = () => [...bar.querySelectorAll('nav a')].map((a) => a.textContent?.trim());

  it('shows the product, the pages and the signed-in user', async () => {
    await render('operator');
    expect(bar.textContent).toContain('Argus');
    expect(bar.querySelector('[data-testid=signed-in-user]')?.textContent).toMatch(/alice\s*\(operator\)/);
    expect(links()).toEqual(['Cameras', 'Alerts', 'People', 'Who is this?', 'Webhooks']);
  });

  it('lists the users page for admins', async () => {
    await render('admin');
    expect(links()).toEqual(['Cameras', 'Alerts', 'People', 'Who is this?', 'Webhooks', 'Users', 'Cluster']);
  });

  it('shows viewers neither the people nor the unknown faces', async () => {
    await render('viewer');
    expect(links()).toEqual(['Cameras', 'Alerts', 'Webhooks']);
  });

  it('logs out from the account menu: forgets the token and opens the login page', async () => {
    await render('admin');
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    buttonNamed(bar, 'Account alice (admin)')?.click();
    await fixture.whenStable();
    buttonNamed(document.body, 'Log out')?.click();

    expect(TestBed.inject(TokenStore).present()).toBe(false);
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: {} });
  });
});
