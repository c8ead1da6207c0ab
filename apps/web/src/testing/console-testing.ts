import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, Provider, input } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { Routes, provideRouter } from '@angular/router';
import { authInterceptor } from '../app/auth/auth.interceptor';
import { TOKEN_STORAGE } from '../app/auth/token-store';
import { User } from '../app/auth/user';
import { CameraVideo } from '../app/cameras/tile/camera-video';
import { LiveVideoComponent } from '../app/live/live-video.component';
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
 * a fake socket, a stand-in live view, no animations. Call before TestBed.createComponent.
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
  withFakeLiveVideo();
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

/**
 * Stands in for the live view (WebRTC and its own socket have no place in jsdom), keeping its
 * inputs visible as attributes for assertions.
 */
@Component({
  // eslint-disable-next-line @angular-eslint/component-selector -- replaces the real live view
  selector: 'argus-live-video',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.data-camera-id]': 'cameraId()', '[attr.data-camera-name]': 'cameraName()', '[attr.data-measured-fps]': 'measuredFps()' },
  template: '',
})
export class FakeLiveVideo {
  readonly cameraId = input.required<string>();
  readonly cameraName = input.required<string>();
  readonly measuredFps = input<number | null>(null);
}

/** Renders tiles with {@link FakeLiveVideo} in place of the live view. */
export function withFakeLiveVideo(): void {
  TestBed.overrideComponent(CameraVideo, { remove: { imports: [LiveVideoComponent] }, add: { imports: [FakeLiveVideo] } });
}

/** Lets timers, HTTP answers and change detection settle. */
export async function settle(fixture: { whenStable(): Promise<unknown> }, ms = 0): Promise<void> {
  await fixture.whenStable();
  await new Promise((resolve) => setTimeout(resolve, ms));
  await fixture.whenStable();
}

/** Types into the text field labelled `label` inside `root` (a page or the overlay container). */
export function typeInto(root: ParentNode, label: string, value: string): HTMLInputElement {
  const input = [...root.querySelectorAll('mat-form-field')]
    .find((field) => field.querySelector('mat-label')?.textContent?.trim() === label)
    ?.querySelector('input') as HTMLInputElement | undefined;
  if (!input) throw new Error(`No field labelled ${label}`);
  input.focus();
  input.dispatchEvent(new Event('focusin'));
  input.value = value;
  input.dispatchEvent(new Event('input'));
  return input;
}

/** The autocomplete or select option showing `text`, wherever its panel opened. */
export function optionNamed(text: string): HTMLElement | undefined {
  return [...document.querySelectorAll<HTMLElement>('mat-option')].find((option) => option.textContent?.trim() === text);
}
