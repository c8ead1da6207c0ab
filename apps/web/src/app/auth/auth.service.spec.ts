import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { fakeJwt, memoryStorage } from '../../testing/fake-jwt';
import { AuthService } from './auth.service';
import { TOKEN_STORAGE, TokenStore } from './token-store';

describe('AuthService', () => {
  let auth: AuthService;
  let http: HttpTestingController;
  let navigate: jest.SpyInstance;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), { provide: TOKEN_STORAGE, useValue: memoryStorage() }],
    });
    auth = TestBed.inject(AuthService);
    http = TestBed.inject(HttpTestingController);
    navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
  });

  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  it('rejects a login answer whose token has no expiry', () => {
    const failed = jest.fn();
    auth.signIn('admin', 'pw').subscribe({ error: failed });
    http.expectOne('/api/auth/login').flush({ token: 'opaque' });
    expect(failed).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringContaining('expiry') }));
    expect(auth.signedIn()).toBe(false);
  });

  it('signs out by itself when the token expires', () => {
    jest.useFakeTimers({ now: 1_800_000_000_000 });
    auth.signIn('admin', 'pw').subscribe();
    http.expectOne('/api/auth/login').flush({ token: fakeJwt(Date.now() + 60_000) });
    TestBed.tick(); // runs the effect that arms the expiry timer
    expect(auth.signedIn()).toBe(true);

    jest.advanceTimersByTime(59_000);
    expect(auth.signedIn()).toBe(true);
    jest.advanceTimersByTime(1_000);
    expect(auth.signedIn()).toBe(false);
    expect(TestBed.inject(TokenStore).token()).toBeNull();
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: { returnUrl: '/' } });
  });
});
