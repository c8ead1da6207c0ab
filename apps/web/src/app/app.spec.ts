import { TestBed } from '@angular/core/testing';
import { ConsoleTesting, buttonNamed, setUpConsole } from '../testing/console-testing';
import { App } from './app';
import { TokenStore } from './auth/token-store';

async function render(options: { signedIn?: boolean } = {}) {
  const t: ConsoleTesting = setUpConsole(options);
  const fixture = TestBed.createComponent(App);
  await fixture.whenStable();
  return { t, fixture, element: fixture.nativeElement as HTMLElement };
}

describe('App', () => {
  it('shows no toolbar to a signed-out visitor and opens no socket', async () => {
    const { element, t } = await render({ signedIn: false });
    expect(element.querySelector('header')).toBeNull();
    expect(element.querySelector('main router-outlet')).not.toBeNull();
    expect(t.sockets).toHaveLength(0);
    t.http.verify();
  });

  it('shows the toolbar while signed in and drops it, and the socket, on sign-out', async () => {
    const { fixture, element, t } = await render();
    expect(element.querySelector('header app-toolbar')).not.toBeNull();
    t.signedInAs({ username: 'alice', role: 'viewer' });
    expect(t.sockets).toHaveLength(1);

    TestBed.inject(TokenStore).clear();
    await fixture.whenStable();
    expect(element.querySelector('header')).toBeNull();
    expect(t.sockets[0].disconnected).toBe(true);
  });

  it('shows "Reconnecting…" while the socket is down', async () => {
    const { fixture, element, t } = await render();
    t.signedInAs();
    const socket = t.sockets[0];
    socket.fire('connect');
    await fixture.whenStable();
    expect(element.querySelector('[role=status]')?.textContent?.trim()).toBe('');

    socket.fire('disconnect', 'transport close');
    await fixture.whenStable();
    expect(element.querySelector('[role=status]')?.textContent).toContain('Reconnecting…');

    socket.fire('connect');
    await fixture.whenStable();
    // Back online: the missed alerts are fetched and the banner goes.
    t.http.expectOne((req) => req.url === '/api/alerts' && req.params.has('from')).flush({ items: [], total: 0, page: 1, limit: 100 });
    expect(element.querySelector('[role=status]')?.textContent?.trim()).toBe('');
  });

  it('tells the first-run admin to change the password until they do', async () => {
    const { fixture, element, t } = await render();
    t.signedInAs({ id: 'u1', username: 'admin', role: 'admin' });
    await fixture.whenStable();
    const banner = () => element.querySelector('app-password-banner [role=alert]');
    expect(banner()?.textContent).toContain('first-run admin account');

    buttonNamed(element, 'Later')?.click();
    await fixture.whenStable();
    expect(banner()).toBeNull();
  });

  it('follows the API when it says whether the password must change', async () => {
    const { fixture, element, t } = await render();
    t.signedInAs({ username: 'admin', role: 'admin', mustChangePassword: false });
    await fixture.whenStable();
    expect(element.querySelector('app-password-banner [role=alert]')).toBeNull();
  });
});
