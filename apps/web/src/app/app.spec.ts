import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { fakeJwt, memoryStorage } from '../testing/fake-jwt';
import { App } from './app';
import { TOKEN_STORAGE, TokenStore } from './auth/token-store';

async function render(storage: Storage) {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), { provide: TOKEN_STORAGE, useValue: storage }],
  });
  const fixture = TestBed.createComponent(App);
  await fixture.whenStable();
  return { fixture, http: TestBed.inject(HttpTestingController), element: fixture.nativeElement as HTMLElement };
}

describe('App', () => {
  it('shows no toolbar to a signed-out visitor', async () => {
    const { element, http } = await render(memoryStorage());
    expect(element.querySelector('header')).toBeNull();
    expect(element.querySelector('main router-outlet')).not.toBeNull();
    http.verify();
  });

  it('shows the toolbar while signed in and drops it on sign-out', async () => {
    const { fixture, element, http } = await render(memoryStorage({ 'argus.token': fakeJwt(Date.now() + 60_000) }));
    expect(element.querySelector('header app-toolbar')).not.toBeNull();
    http.expectOne('/api/auth/me').flush({ id: 'u1', username: 'alice', role: 'viewer', createdAt: '' });

    TestBed.inject(TokenStore).clear();
    await fixture.whenStable();
    expect(element.querySelector('header')).toBeNull();
  });
});
