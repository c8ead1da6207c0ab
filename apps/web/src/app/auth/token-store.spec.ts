import { TestBed } from '@angular/core/testing';
import { fakeJwt, memoryStorage } from '../../testing/fake-jwt';
import { TOKEN_STORAGE, TokenStore } from './token-store';

function storeWith(storage: Storage): TokenStore {
  TestBed.configureTestingModule({ providers: [{ provide: TOKEN_STORAGE, useValue: storage }] });
  return TestBed.inject(TokenStore);
}

describe('TokenStore', () => {
  it('keeps a token until its expiry, across a reload', () => {
    const token = fakeJwt(Date.now() + 60_000);
    expect(storeWith(memoryStorage({ 'argus.token': token })).valid()).toBe(token);
  });

  it('drops an expired token instead of restoring it', () => {
    const storage = memoryStorage({ 'argus.token': fakeJwt(Date.now() - 1000) });
    const store = storeWith(storage);
    expect(store.present()).toBe(false);
    expect(storage.getItem('argus.token')).toBeNull();
  });

  it('forgets a token once it has expired', () => {
    const storage = memoryStorage();
    const store = storeWith(storage);
    const now = Date.now();
    expect(store.set(fakeJwt(now + 1000), now)).toBe(true);
    expect(store.valid(now + 2000)).toBeNull();
    expect(store.present()).toBe(false);
    expect(storage.getItem('argus.token')).toBeNull();
  });

  it('refuses a token without a readable expiry', () => {
    const store = storeWith(memoryStorage());
    expect(store.set('opaque-token')).toBe(false);
    expect(store.present()).toBe(false);
  });
});
