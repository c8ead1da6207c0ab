import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { fakeJwt, memoryStorage } from '../../testing/fake-jwt';
import { authInterceptor } from './auth.interceptor';
import { TOKEN_STORAGE, TokenStore } from './token-store';

describe('authInterceptor', () => {
  const token = fakeJwt(Date.now() + 3_600_000);
  let http: HttpClient;
  let backend: HttpTestingController;
  let storage: Storage;

  beforeEach(() => {
    storage = memoryStorage({ 'argus.token': token });
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        { provide: TOKEN_STORAGE, useValue: storage },
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('sends the bearer token with API calls', () => {
    http.get('/api/cameras').subscribe();
    expect(backend.expectOne('/api/cameras').request.headers.get('Authorization')).toBe(`Bearer ${token}`);
  });

  it('never sends the token to other origins or to the login call', () => {
    http.get('https://example.com/api/cameras').subscribe();
    http.post('/api/auth/login', {}).subscribe();
    expect(backend.expectOne('https://example.com/api/cameras').request.headers.has('Authorization')).toBe(false);
    expect(backend.expectOne('/api/auth/login').request.headers.has('Authorization')).toBe(false);
  });

  it('signs out and returns to /login when the API answers 401', () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const failed = jest.fn();
    http.get('/api/cameras').subscribe({ error: failed });
    backend.expectOne('/api/cameras').flush({ statusCode: 401, message: 'Unauthorized' }, { status: 401, statusText: 'Unauthorized' });

    expect(failed).toHaveBeenCalled();
    expect(TestBed.inject(TokenStore).present()).toBe(false);
    expect(storage.getItem('argus.token')).toBeNull();
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: { returnUrl: '/' } });
  });

  it('leaves a wrong current password on a password change to the form', () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate');
    http.post('/api/auth/password', {}).subscribe({ error: () => undefined });
    backend.expectOne('/api/auth/password').flush(null, { status: 401, statusText: 'Unauthorized' });
    expect(navigate).not.toHaveBeenCalled();
    expect(TestBed.inject(TokenStore).present()).toBe(true);
  });

  it('leaves a failed login to the form', () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate');
    http.post('/api/auth/login', {}).subscribe({ error: () => undefined });
    backend.expectOne('/api/auth/login').flush(null, { status: 401, statusText: 'Unauthorized' });
    expect(navigate).not.toHaveBeenCalled();
    expect(TestBed.inject(TokenStore).present()).toBe(true);
  });
});
