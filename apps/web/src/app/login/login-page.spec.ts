import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ActivatedRoute, Router, convertToParamMap, provideRouter } from '@angular/router';
import { fakeJwt, memoryStorage } from '../../testing/fake-jwt';
import { authInterceptor } from '../auth/auth.interceptor';
import { TOKEN_STORAGE } from '../auth/token-store';
import { LoginPage } from './login-page';

@Component({ changeDetection: ChangeDetectionStrategy.OnPush, template: '' })
class Blank {}

describe('LoginPage', () => {
  let fixture: ComponentFixture<LoginPage>;
  let http: HttpTestingController;
  let storage: Storage;
  let page: HTMLElement;

  /** Opens the page as if reached through /login?returnUrl=... */
  async function open(returnUrl?: string): Promise<void> {
    storage = memoryStorage();
    const query = convertToParamMap(returnUrl ? { returnUrl } : {});
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', component: Blank }]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        { provide: TOKEN_STORAGE, useValue: storage },
        { provide: ActivatedRoute, useValue: { snapshot: { queryParamMap: query } } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(LoginPage);
    page = fixture.nativeElement;
    await fixture.whenStable();
  }

  beforeEach(() => open());

  afterEach(() => http.verify());

  function field(label: string): HTMLInputElement {
    const labelEl = [...page.querySelectorAll('label')].find((l) => l.textContent?.trim().startsWith(label));
    const input = labelEl && page.querySelector<HTMLInputElement>(`#${labelEl.getAttribute('for')}`);
    if (!input) throw new Error(`no field labelled ${label}`);
    return input;
  }

  async function signIn(username: string, password: string): Promise<void> {
    for (const [input, value] of [
      [field('Username'), username],
      [field('Password'), password],
    ] as const) {
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
    page.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    await fixture.whenStable();
  }

  it('labels every control', () => {
    expect(field('Username').autocomplete).toBe('username');
    expect(field('Password').type).toBe('password');
    const toggle = page.querySelector('button[aria-label="Show password"]');
    expect(toggle).not.toBeNull();
    expect(page.querySelector('button[type=submit]')?.textContent?.trim()).toBe('Sign in');
  });

  it('posts the credentials, stores the token and goes to the dashboard', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl');
    await signIn('admin', 's3cret');

    const request = http.expectOne('/api/auth/login');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ username: 'admin', password: 's3cret' });
    expect(request.request.headers.has('Authorization')).toBe(false);
    const token = fakeJwt(Date.now() + 3_600_000);
    request.flush({ token });
    await fixture.whenStable();

    expect(storage.getItem('argus.token')).toBe(token);
    expect(navigate).toHaveBeenCalledWith('/');
  });

  it.each([
    ['/cameras?page=2', '/cameras?page=2'],
    ['//evil.example/', '/'],
    ['https://evil.example/', '/'],
    ['/login', '/'],
  ])('after signing in from returnUrl %s goes to %s', async (returnUrl, expected) => {
    TestBed.resetTestingModule();
    await open(returnUrl);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl');
    await signIn('admin', 's3cret');
    http.expectOne('/api/auth/login').flush({ token: fakeJwt(Date.now() + 3_600_000) });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(expected);
  });

  it('shows the API message for a wrong password and stores nothing', async () => {
    await signIn('admin', 'wrong');
    http.expectOne('/api/auth/login').flush({ statusCode: 401, message: 'Unauthorized' }, { status: 401, statusText: 'Unauthorized' });
    await fixture.whenStable();

    expect(page.querySelector('[role=alert]')?.textContent?.trim()).toBe('Invalid username or password');
    expect(storage.getItem('argus.token')).toBeNull();
    expect(page.querySelector<HTMLButtonElement>('button[type=submit]')?.disabled).toBe(false);
  });

  it('tells the user to wait after too many attempts', async () => {
    await signIn('admin', 'wrong');
    http.expectOne('/api/auth/login').flush({ statusCode: 429, message: 'Too Many Requests' }, { status: 429, statusText: 'Too Many Requests' });
    await fixture.whenStable();

    expect(page.querySelector('[role=alert]')?.textContent?.trim()).toBe('Too many attempts, try again later');
  });

  it('does not call the API while a field is empty', async () => {
    await signIn('admin', '');
    http.expectNone('/api/auth/login');
    expect(page.textContent).toContain('Enter your password');
  });
});
