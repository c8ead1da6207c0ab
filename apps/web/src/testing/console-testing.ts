import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { Routes, provideRouter } from '@angular/router';
import { authInterceptor } from '../app/auth/auth.interceptor';
import { TOKEN_STORAGE } from '../app/auth/token-store';
import { User } from '../app/auth/user';
import { FakeSocket, fakeSockets } from './fake-socket';
import { fakeJwt, memoryStorage } from './fake-jwt';
import { aUser } from './fixtures';

/** Where sign-outs and redirects land in tests that bring no routes of their own. */
@Component({ changeDetection: ChangeDetectionStrategy.OnPush, template: '' })
class BlankPage {}

export interface ConsoleTesting {
  http: HttpTestingController;
  sockets: FakeSocket[];
  storage: Storage;
  /** Answers the pending `GET /api/auth/me`. */
  signedInAs(user?: Partial<User>): void;
}

/**
 * A signed-in console around the component under test: real services, HTTP answered by the test,
 * a fake socket, no animations. Call before TestBed.createComponent.
 */
export function setUpConsole(options: { routes?: Routes; providers?: Provider[]; signedIn?: boolean } = {}): ConsoleTesting {
  const storage = memoryStorage(options.signedIn === false ? {} : { 'argus.token': fakeJwt(Date.now() + 3_600_000) });
  const { sockets, provider } = fakeSockets();
  TestBed.configureTestingModule({
    providers: [
      provideRouter(options.routes ?? [{ path: '**', component: BlankPage }]),
      provideHttpClient(withInterceptors([authInterceptor])),
      provideHttpClientTesting(),
      { provide: TOKEN_STORAGE, useValue: storage },
      { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      provider,
      ...(options.providers ?? []),
    ],
  });
  const http = TestBed.inject(HttpTestingController);
  return {
    http,
    sockets,
    storage,
    signedInAs: (user = {}) => http.expectOne('/api/auth/me').flush(aUser(user)),
  };
}

/** The text of the toasts currently shown. */
export function toastText(): string {
  return [...document.querySelectorAll('mat-snack-bar-container')].map((toast) => toast.textContent ?? '').join(' | ');
}

/** An element's text as a screen reader names it: without aria-hidden parts such as icon ligatures. */
export function visibleName(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  copy.querySelectorAll('[aria-hidden=true]').forEach((hidden) => hidden.remove());
  return (element.getAttribute('aria-label') ?? copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The button named `name` inside `root`. */
export function buttonNamed(root: ParentNode, name: string): HTMLButtonElement | undefined {
  return [...root.querySelectorAll('button')].find((button) => visibleName(button) === name);
}
