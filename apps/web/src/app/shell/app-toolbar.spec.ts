import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { fakeJwt, memoryStorage } from '../../testing/fake-jwt';
import { TOKEN_STORAGE, TokenStore } from '../auth/token-store';
import { AppToolbar } from './app-toolbar';

describe('AppToolbar', () => {
  let fixture: ComponentFixture<AppToolbar>;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: TOKEN_STORAGE, useValue: memoryStorage({ 'argus.token': fakeJwt(Date.now() + 60_000) }) },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AppToolbar);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('shows the product and the signed-in user', async () => {
    http.expectOne('/api/auth/me').flush({ id: 'u1', username: 'alice', role: 'operator', createdAt: '2026-01-01T00:00:00.000Z' });
    await fixture.whenStable();
    const text = fixture.nativeElement.textContent as string;
    expect(text).toContain('Argus');
    expect(fixture.nativeElement.querySelector('[data-testid=signed-in-user]')?.textContent).toMatch(/alice\s*\(operator\)/);
  });

  it('logs out: forgets the token and opens the login page', async () => {
    http.expectOne('/api/auth/me').flush({ id: 'u1', username: 'alice', role: 'admin', createdAt: '2026-01-01T00:00:00.000Z' });
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const logout = [...fixture.nativeElement.querySelectorAll('button')].find((b: HTMLButtonElement) => b.textContent?.includes('Log out'));
    logout.click();

    expect(TestBed.inject(TokenStore).present()).toBe(false);
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: {} });
  });
});
