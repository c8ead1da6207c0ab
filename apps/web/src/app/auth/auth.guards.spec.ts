import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { fakeJwt, memoryStorage } from '../../testing/fake-jwt';
import { adminGuard, signedInGuard, signedOutGuard } from './auth.guards';
import { TOKEN_STORAGE } from './token-store';

@Component({ changeDetection: ChangeDetectionStrategy.OnPush, template: 'dashboard' })
class Dashboard {}

@Component({ changeDetection: ChangeDetectionStrategy.OnPush, template: 'login' })
class Login {}

async function startWith(storage: Storage, url: string): Promise<string> {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([
        { path: 'login', component: Login, canActivate: [signedOutGuard] },
        { path: 'cameras', component: Dashboard, canActivate: [signedInGuard] },
        { path: '', component: Dashboard, canActivate: [signedInGuard] },
      ]),
      { provide: TOKEN_STORAGE, useValue: storage },
    ],
  });
  const harness = await RouterTestingHarness.create();
  await harness.navigateByUrl(url);
  return TestBed.inject(Router).url;
}

describe('route guards', () => {
  it('send a visitor without a session to /login, remembering the page', async () => {
    expect(await startWith(memoryStorage(), '/cameras')).toBe('/login?returnUrl=%2Fcameras');
  });

  it('treat an expired token as no session', async () => {
    expect(await startWith(memoryStorage({ 'argus.token': fakeJwt(Date.now() - 1) }), '/')).toBe('/login?returnUrl=%2F');
  });

  it('let a signed-in user through and keep them off the login page', async () => {
    const storage = memoryStorage({ 'argus.token': fakeJwt(Date.now() + 60_000) });
    expect(await startWith(storage, '/cameras')).toBe('/cameras');
    TestBed.resetTestingModule();
    expect(await startWith(storage, '/login')).toBe('/');
  });
});

describe('adminGuard', () => {
  async function visitUsersAs(role: string): Promise<string> {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'users', component: Dashboard, canActivate: [signedInGuard, adminGuard] },
          { path: '', component: Dashboard },
        ]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: TOKEN_STORAGE, useValue: memoryStorage({ 'argus.token': fakeJwt(Date.now() + 60_000) }) },
      ],
    });
    const harness = await RouterTestingHarness.create();
    const navigation = harness.navigateByUrl('/users');
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.inject(HttpTestingController).expectOne('/api/auth/me').flush({ id: 'u1', username: 'x', role, createdAt: '' });
    await navigation;
    return TestBed.inject(Router).url;
  }

  it('lets admins in', async () => {
    expect(await visitUsersAs('admin')).toBe('/users');
  });

  it('sends everyone else to the dashboard', async () => {
    expect(await visitUsersAs('operator')).toBe('/');
  });
});
