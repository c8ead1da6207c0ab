import { TestBed } from '@angular/core/testing';
import { ActivatedRouteSnapshot, RouterStateSnapshot, UrlTree } from '@angular/router';
import { Observable, firstValueFrom } from 'rxjs';
import { setUpConsole } from '../../testing/console-testing';
import { aUser } from '../../testing/fixtures';
import { managesPeople, peopleManagerGuard } from './people-guard';

describe('peopleManagerGuard', () => {
  async function decide(role: 'admin' | 'operator' | 'viewer'): Promise<boolean | UrlTree> {
    const t = setUpConsole();
    const result = TestBed.runInInjectionContext(() =>
      peopleManagerGuard({} as ActivatedRouteSnapshot, { url: '/people' } as RouterStateSnapshot),
    ) as Observable<boolean | UrlTree>;
    const decision = firstValueFrom(result);
    t.http.expectOne('/api/auth/me').flush(aUser({ role }));
    return decision;
  }

  it('lets admins and operators in and sends viewers to the dashboard', async () => {
    expect(await decide('admin')).toBe(true);
    TestBed.resetTestingModule();
    expect(await decide('operator')).toBe(true);
    TestBed.resetTestingModule();
    expect(String(await decide('viewer'))).toBe('/');
  });

  it('knows who manages people', () => {
    expect([managesPeople(aUser({ role: 'admin' })), managesPeople(aUser({ role: 'operator' })), managesPeople(aUser({ role: 'viewer' })), managesPeople(null)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});
