import { basename, join } from 'node:path';
import type { Locator, Page, Request } from 'playwright-core';
import { screenshot } from './support/artifacts';
import { consoleSession, signInAsAdmin, type ConsoleSession } from './support/console-session';
import type { Demo } from './support/demo-server';

/**
 * The console in a real Chromium against `npm run demo`: the path a new user takes, from signing
 * in to a live tile with alerts and back to a stopped camera. Steps run in order on one page.
 */
// Set here, not in jest.config.js: run from the root config, a project's testTimeout is ignored.
// Starting the demo (and building it when stale) can take minutes on a small machine.
jest.setTimeout(10 * 60_000);

declare const E2E_ROOT: string;
/** The photo the simulator's faces clip is made from: the person the camera shows. */
const FACE_PHOTO = join(E2E_ROOT, 'libs', 'detection', 'test', 'fixtures', 'astronaut.jpg');

describe('Argus console against the demo', () => {
  const CAMERA = 'E2E camera';
  const PERSON = 'Eileen Collins';
  const session = consoleSession();
  let demo: Demo;
  let page: Page;
  let tile: Locator;
  let pageErrors: string[];
  let toast: ConsoleSession['toast'];

  beforeAll(() => {
    ({ demo, page, pageErrors, toast } = session());
    tile = page.getByRole('region', { name: CAMERA, exact: true });
  });

  it('signs the first-run admin in and asks them to change the password', async () => {
    await signInAsAdmin(page, demo);
    await page.getByRole('alert').filter({ hasText: 'first-run admin account' }).waitFor();
  });

  it('adds a camera pointing at the simulator', async () => {
    await page.getByRole('button', { name: 'Add camera' }).click();
    const dialog = page.getByRole('dialog');
    // The dialog focuses its first field once its opening animation ends, which on a loaded
    // machine can come after a later field was focused: typing would then land in Name.
    await page.waitForFunction(() => document.activeElement?.closest('mat-dialog-container')?.querySelector('input') === document.activeElement);
    await dialog.getByLabel('Name', { exact: true }).fill(CAMERA);
    await dialog.getByLabel('Location', { exact: true }).fill('Camera simulator');
    await dialog.getByLabel('Stream URL', { exact: true }).fill(demo.facesUrl);
    await dialog.getByLabel('Processing FPS', { exact: true }).fill('5');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await tile.waitFor();
    await toast(`Added ${CAMERA}`).waitFor();
  });

  it('starts it and the tile shows it running with live video', async () => {
    await tile.getByRole('button', { name: 'Start', exact: true }).click();
    await toast(`Starting ${CAMERA}`).waitFor();
    await tile.locator('mat-chip', { hasText: 'running' }).waitFor({ timeout: 90_000 });
    const video = tile.locator('video');
    await video.waitFor({ timeout: 30_000 });
    await page.waitForFunction(
      (element) => {
        const v = element as HTMLVideoElement;
        return v.readyState >= 2 && v.videoWidth > 0 && v.currentTime > 0.5 && !v.paused;
      },
      await video.elementHandle(),
      { timeout: 60_000 },
    );
    // The processing rate arrives with the next camera_state (about every 5 s).
    await tile.getByTestId('processing-fps').filter({ hasText: /Processing \d+\.\d fps/ }).waitFor({ timeout: 30_000 });
  });

  it('draws the face boxes, the camera name and the measured FPS over the video', async () => {
    const canvas = tile.locator('argus-live-video canvas');
    // The renderer names what it drew on its canvas: the name and the rate of the last camera_state.
    await page.waitForFunction(
      ([element, name]) => new RegExp(`^${name} · \\d+\\.\\d fps$`).test((element as HTMLCanvasElement).dataset['caption'] ?? ''),
      [await canvas.elementHandle(), CAMERA] as const,
      { timeout: 30_000 },
    );
    // And the pixels show it: white text on the dark band at the top, green box lines on the picture
    // below it, around the face (the simulator's clip has one face in every frame).
    const drawn = await page.waitForFunction(
      (element) => {
        const overlay = element as HTMLCanvasElement;
        const context = overlay.getContext('2d');
        if (!context || overlay.width === 0) return null;
        const { width, height } = overlay;
        const { data } = context.getImageData(0, 0, width, height);
        const band = Math.round(25 * window.devicePixelRatio);
        let text = 0;
        const green = { count: 0, left: width, right: 0, top: height, bottom: 0 };
        for (let y = 0; y < height; y++) {
          for (let x = 0; x < width; x++) {
            const i = (y * width + x) * 4;
            const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
            if (y < band && a > 200 && r > 200 && g > 200 && b > 200) text++;
            if (y >= band && a > 200 && g > 150 && r < 100 && b < 200) {
              green.count++;
              green.left = Math.min(green.left, x);
              green.right = Math.max(green.right, x);
              green.top = Math.min(green.top, y);
              green.bottom = Math.max(green.bottom, y);
            }
          }
        }
        return text > 30 && green.count > 40 ? { width, height, text, ...green } : null;
      },
      await canvas.elementHandle(),
      { timeout: 60_000, polling: 250 },
    );
    const found = await drawn.jsonValue();
    if (!found) throw new Error('nothing drawn');
    // A face-sized box, not the whole picture.
    const boxWidth = found.right - found.left;
    const boxHeight = found.bottom - found.top;
    expect(boxWidth).toBeGreaterThan(5);
    expect(boxHeight).toBeGreaterThan(5);
    expect(boxWidth).toBeLessThan(found.width / 2);
    expect(boxHeight).toBeLessThan(found.height * 0.75);
  });

  it('receives an alert and opens its snapshot', async () => {
    const alerts = tile.getByRole('list', { name: `Recent alerts of ${CAMERA}` });
    await alerts.getByRole('button').first().waitFor({ timeout: 120_000 });
    await alerts.getByRole('button').first().click();
    const dialog = page.getByRole('dialog');
    const image = dialog.getByRole('img', { name: new RegExp(`^Snapshot of ${CAMERA} at `) });
    await image.waitFor();
    await page.waitForFunction((element) => (element as HTMLImageElement).complete && (element as HTMLImageElement).naturalWidth > 0, await image.elementHandle());
    await screenshot(dialog, 'snapshot-dialog');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('changes the FPS once, when the slider is released after a drag', async () => {
    const patches: Array<{ url: string; body: unknown }> = [];
    const onRequest = (request: Request) => {
      if (request.method() === 'PATCH' && /\/api\/cameras\/[^/]+\/fps$/.test(request.url())) patches.push({ url: request.url(), body: request.postDataJSON() });
    };
    page.on('request', onRequest);
    try {
      const slider = tile.getByRole('slider', { name: 'FPS' });
      await slider.scrollIntoViewIfNeeded();
      expect(await slider.inputValue()).toBe('5');
      const knob = await boxOf(tile.locator('mat-slider .mdc-slider__thumb-knob'));
      const track = await boxOf(tile.locator('mat-slider .mdc-slider__track'));
      const y = knob.y + knob.height / 2;
      let x = knob.x + knob.width / 2;
      // Grab the thumb and drag it left, the way a person does: input events all along the way.
      await page.mouse.move(x, y);
      await page.mouse.down();
      x -= (2 / 29) * track.width; // 5 → 3 on the 1–30 scale
      await page.mouse.move(x, y, { steps: 8 });
      // Land exactly on 3 whatever the rounding: nudge a pixel at a time while still holding the thumb.
      for (let nudge = 0; nudge < 40 && (await slider.inputValue()) !== '3'; nudge++) {
        x += Number(await slider.inputValue()) > 3 ? -1 : 1;
        await page.mouse.move(x, y);
      }
      expect(await slider.inputValue()).toBe('3');
      // The value beside the slider follows the drag, but nothing is sent before the release.
      await page.waitForFunction((element) => element?.textContent?.trim() === '3', await tile.locator('mat-slider + span').elementHandle());
      expect(patches).toEqual([]);

      const answer = page.waitForResponse((r) => r.url().endsWith('/fps') && r.request().method() === 'PATCH');
      await page.mouse.up();
      const response = await answer;
      expect(response.status()).toBe(200);
      expect((await response.json()).fps).toBe(3);
      // The processing rate follows the setting within a few state reports.
      await page.waitForFunction(
        (element) => {
          const match = /(\d+\.\d) fps/.exec(element?.textContent ?? '');
          return match !== null && Number(match[1]) > 0 && Number(match[1]) <= 3.6;
        },
        await tile.getByTestId('processing-fps').elementHandle(),
        { timeout: 45_000 },
      );
      // Seconds later, still the one request, with the final value.
      expect(patches).toHaveLength(1);
      expect(patches[0].body).toEqual({ fps: 3 });
    } finally {
      page.off('request', onRequest);
    }
  });

  it('turns face detection off and on', async () => {
    const toggle = tile.getByRole('switch', { name: 'Face detection' });
    for (const expected of ['false', 'true']) {
      const answer = page.waitForResponse((r) => r.url().endsWith('/detection') && r.request().method() === 'PATCH');
      await toggle.click();
      expect((await answer).status()).toBe(200);
      expect(await toggle.getAttribute('aria-checked')).toBe(expected);
    }
  });

  it('lays the dashboard out for desktop and phone widths', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'dashboard-desktop', true);
    await page.setViewportSize({ width: 390, height: 844 });
    // From the top, so the sticky header sits where it belongs in the full-page picture.
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'dashboard-phone', true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('follows a dark colour scheme', async () => {
    const body = page.locator('body');
    const toolbar = page.locator('mat-toolbar');
    try {
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.evaluate(() => window.scrollTo(0, 0));
      expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
      // Dark surfaces with light text (relative luminance: 0 black, 1 white).
      expect(luminance(await cssColor(body, 'backgroundColor'))).toBeLessThan(0.1);
      expect(luminance(await cssColor(toolbar, 'backgroundColor'))).toBeLessThan(0.1);
      expect(luminance(await cssColor(tile.locator('mat-card'), 'backgroundColor'))).toBeLessThan(0.1);
      expect(luminance(await cssColor(body, 'color'))).toBeGreaterThan(0.6);
      expect(luminance(await cssColor(tile.getByRole('heading', { name: CAMERA }), 'color'))).toBeGreaterThan(0.6);
      await screenshot(page, 'dashboard-dark', true);
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
    }
    expect(luminance(await cssColor(body, 'backgroundColor'))).toBeGreaterThan(0.8);
  });

  it('lists the alerts with snapshot thumbnails', async () => {
    await page.getByRole('link', { name: 'Alerts', exact: true }).click();
    const table = page.getByRole('table', { name: 'Alerts' });
    await table.getByRole('row').nth(1).waitFor();
    const thumbnail = table.locator('img').first();
    await page.waitForFunction((element) => (element as HTMLImageElement).complete && (element as HTMLImageElement).naturalWidth > 0, await thumbnail.elementHandle());
    await screenshot(page, 'alerts-page');
    await page.getByRole('link', { name: 'Cameras', exact: true }).click();
    await tile.waitFor();
  });

  it('lists the users with their actions at the end of each row', async () => {
    await page.getByRole('link', { name: 'Users', exact: true }).click();
    const table = page.getByRole('table', { name: 'Users' });
    const row = table.getByRole('row').filter({ hasText: 'admin' }).first();
    await row.waitFor();
    const rowBox = await boxOf(row);
    const reset = await boxOf(row.getByRole('button', { name: 'Reset the password of admin' }));
    const remove = await boxOf(row.getByRole('button', { name: 'Delete admin' }));
    // Delete ends at the row's end (inside the cell's padding), Reset password right before it.
    expect(rowBox.x + rowBox.width - (remove.x + remove.width)).toBeLessThanOrEqual(24);
    expect(remove.x - (reset.x + reset.width)).toBeLessThanOrEqual(8);
    expect(Math.abs(remove.y - reset.y)).toBeLessThanOrEqual(1);
    await screenshot(page, 'users-page');
    await page.getByRole('link', { name: 'Cameras', exact: true }).click();
    await tile.waitFor();
  });

  it('enrols a watched person from a photo on the People page', async () => {
    await page.getByRole('link', { name: 'People', exact: true }).click();
    await page.getByRole('heading', { name: 'People' }).waitFor();
    await page.getByRole('button', { name: 'Add person' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name', { exact: true }).fill(PERSON);
    await dialog.getByRole('switch', { name: 'Watched: alert whenever they are seen' }).click();
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await toast(`Added ${PERSON}`).waitFor();

    await page.getByRole('table', { name: 'People' }).getByRole('link', { name: PERSON }).click();
    await page.getByRole('heading', { name: PERSON }).waitFor();
    await page.locator('app-face-uploader input[type=file]').setInputFiles(FACE_PHOTO);
    await page.getByRole('list', { name: 'Uploads' }).getByText(`${basename(FACE_PHOTO)}: face added`).waitFor({ timeout: 120_000 });
    await page.getByTestId('person-summary').filter({ hasText: /Watched.*1 face/ }).waitFor();
    const face = page.getByRole('list', { name: 'Faces' }).getByRole('img');
    await page.waitForFunction((element) => (element as HTMLImageElement).complete && (element as HTMLImageElement).naturalWidth > 0, await face.elementHandle());
    await screenshot(page, 'person-page');
    // Usable at phone width: nothing runs off the side.
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await screenshot(page, 'person-page-phone', true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  });

  it("names them on the camera's next alert", async () => {
    await page.getByRole('link', { name: 'Cameras', exact: true }).click();
    await tile.waitFor();
    // A new sighting: stop and start, so the face the camera shows is a new track.
    await tile.getByRole('button', { name: 'Stop', exact: true }).click();
    await tile.locator('mat-chip', { hasText: 'stopped' }).waitFor({ timeout: 30_000 });
    await tile.getByRole('button', { name: 'Start', exact: true }).click();
    const alerts = tile.getByRole('list', { name: `Recent alerts of ${CAMERA}` });
    await alerts.getByRole('button', { name: new RegExp(`^${PERSON} · `) }).first().waitFor({ timeout: 120_000 });
    await screenshot(tile, 'tile-named-alert');
  });

  it('corrects a named alert with "Not this person?"', async () => {
    await page.getByRole('link', { name: 'Alerts', exact: true }).click();
    const table = page.getByRole('table', { name: 'Alerts' });
    const correct = table.getByRole('button', { name: new RegExp(`^Not this person\\? ${PERSON}, `) }).first();
    await correct.waitFor();
    // "Not this person? Eileen Collins, E2E camera at <time>": the same alert is found again by its place and time.
    const sighting = ((await correct.getAttribute('aria-label')) ?? '').replace(`Not this person? ${PERSON}, `, '');
    await correct.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`Recognised as ${PERSON}`).waitFor();
    const answer = page.waitForResponse((r) => /\/api\/alerts\/[^/]+\/identity$/.test(r.url()) && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: 'Nobody I know' }).click();
    const response = await answer;
    expect(response.status()).toBe(200);
    expect((await response.json()).person).toBeNull();
    await dialog.waitFor({ state: 'detached' });
    await table.getByRole('button', { name: `Name this face: Unknown, ${sighting}`, exact: true }).waitFor();
    await screenshot(page, 'alerts-corrected');
    await page.getByRole('link', { name: 'Cameras', exact: true }).click();
    await tile.waitFor();
  });

  it('stops the camera', async () => {
    await tile.getByRole('button', { name: 'Stop', exact: true }).click();
    await toast(`Stopped ${CAMERA}`).waitFor();
    await tile.locator('mat-chip', { hasText: 'stopped' }).waitFor({ timeout: 30_000 });
  });

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});

/** Where an element is on screen; fails if it is not rendered. */
async function boxOf(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${locator} is not visible`);
  return box;
}

/** A computed CSS colour of an element, as [r, g, b] (0–255). */
async function cssColor(locator: Locator, property: 'color' | 'backgroundColor'): Promise<[number, number, number]> {
  const value = await locator.first().evaluate((element, name) => getComputedStyle(element)[name], property);
  const channels = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/.exec(value);
  if (!channels) throw new Error(`unexpected ${property}: ${value}`);
  return [Number(channels[1]), Number(channels[2]), Number(channels[3])];
}

/** WCAG relative luminance of an sRGB colour. */
function luminance([r, g, b]: [number, number, number]): number {
  const linear = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}
