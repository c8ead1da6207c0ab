import type { Locator, Page } from 'playwright-core';
import { screenshot } from './support/artifacts';
import { launchBrowser, type Browser } from './support/browser';
import { startDemo, type Demo } from './support/demo-server';

/**
 * The console in a real Chromium against `npm run demo`: the path a new user takes, from signing
 * in to a live tile with alerts and back to a stopped camera. Steps run in order on one page.
 */
// Set here, not in jest.config.js: run from the root config, a project's testTimeout is ignored.
// Starting the demo (and building it when stale) can take minutes on a small machine.
jest.setTimeout(10 * 60_000);

describe('Argus console against the demo', () => {
  const CAMERA = 'E2E camera';
  let starting: Promise<Demo> | undefined;
  let launching: Promise<Browser> | undefined;
  let demo: Demo;
  let page: Page;
  let tile: Locator;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    starting = startDemo();
    demo = await starting;
    launching = launchBrowser();
    page = await (await launching).context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    tile = page.getByRole('region', { name: CAMERA, exact: true });
  });

  // Waits for a start that is still under way, so nothing outlives the suite.
  afterAll(async () => {
    await (await launching?.catch(() => undefined))?.close();
    await (await starting?.catch(() => undefined))?.stop();
  });

  const toast = (text: string) => page.locator('mat-snack-bar-container', { hasText: text }).first();

  it('signs the first-run admin in and asks them to change the password', async () => {
    await page.goto(demo.baseUrl);
    await page.waitForURL(/\/login/);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password', { exact: true }).fill(demo.adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Cameras' }).waitFor();
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

  it('changes the FPS when the slider is released', async () => {
    const answer = page.waitForResponse((r) => r.url().endsWith('/fps') && r.request().method() === 'PATCH');
    await tile.getByRole('slider', { name: 'FPS' }).fill('3');
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

  it('stops the camera', async () => {
    await tile.getByRole('button', { name: 'Stop', exact: true }).click();
    await toast(`Stopped ${CAMERA}`).waitFor();
    await tile.locator('mat-chip', { hasText: 'stopped' }).waitFor({ timeout: 30_000 });
  });

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
