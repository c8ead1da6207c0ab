import type { Locator, Page } from 'playwright-core';
import { screenshot } from './support/artifacts';
import { consoleSession, signInAsAdmin, type ConsoleSession } from './support/console-session';
import type { Demo } from './support/demo-server';

/**
 * Zones and masks in a real Chromium against `npm run demo`: drawn over a frame of the live video
 * with the pointer and the keyboard, shown over the tile, named on the alert, and laid out at phone
 * width. Steps run in order on one page.
 */
jest.setTimeout(10 * 60_000);

describe('Argus console: zones and masks', () => {
  const CAMERA = 'Zoned camera';
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

  it('signs in, adds a camera on the simulator and plays it', async () => {
    await signInAsAdmin(page, demo);
    await page.getByRole('button', { name: 'Add camera' }).click();
    const dialog = page.getByRole('dialog');
    await page.waitForFunction(() => document.activeElement?.closest('mat-dialog-container')?.querySelector('input') === document.activeElement);
    await dialog.getByLabel('Name', { exact: true }).fill(CAMERA);
    await dialog.getByLabel('Stream URL', { exact: true }).fill(demo.facesUrl);
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await tile.getByRole('button', { name: 'Start', exact: true }).click();
    await tile.locator('mat-chip', { hasText: 'running' }).waitFor({ timeout: 90_000 });
    await page.waitForFunction(
      (element) => {
        const v = element as HTMLVideoElement;
        return v.readyState >= 2 && v.videoWidth > 0 && v.currentTime > 0.5;
      },
      await tile.locator('video').elementHandle(),
      { timeout: 60_000 },
    );
  });

  it('draws a zone over a frame of the live video with the pointer and the keyboard, and saves it', async () => {
    await tile.getByRole('button', { name: `More actions for ${CAMERA}` }).click();
    await page.getByRole('menuitem', { name: 'Zones and masks' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: `Zones and masks of ${CAMERA}` }).waitFor();
    const still = dialog.getByRole('img', { name: `Still picture of ${CAMERA}` });
    expect(await still.getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
    // The still is the camera's 640×360 picture.
    expect(await still.evaluate((img) => [(img as HTMLImageElement).naturalWidth, (img as HTMLImageElement).naturalHeight])).toEqual([640, 360]);

    await dialog.getByRole('button', { name: 'Add zone' }).click();
    await dialog.getByLabel('Name').fill('Doorstep');
    const surface = dialog.getByTestId('zone-surface');
    const box = await surface.boundingBox();
    if (!box) throw new Error('no picture');
    for (const [fx, fy] of [[0.02, 0.02], [0.98, 0.02], [0.98, 0.98]]) await page.mouse.click(box.x + fx * box.width, box.y + fy * box.height);
    // The fourth corner from the keyboard: added, then moved with the arrow keys.
    await dialog.getByRole('button', { name: 'Add a corner to Doorstep' }).click();
    const fourth = dialog.getByRole('button', { name: /^Corner 4 of Doorstep/ });
    await fourth.focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press('Shift+ArrowLeft');
    for (let i = 0; i < 10; i++) await page.keyboard.press('Shift+ArrowDown');
    // The console renders on its own schedule: the label follows the last key press shortly after.
    await dialog.getByRole('button', { name: /^Corner 4 of Doorstep, at 0 %, 100 %\./ }).waitFor({ timeout: 10_000 });
    expect(await fourth.getAttribute('aria-label')).toMatch(/^Corner 4 of Doorstep, at 0 %, 100 %\./);
    // Dragging the first corner to the picture's top left.
    const first = dialog.getByRole('button', { name: /^Corner 1 of Doorstep/ });
    const start = await first.boundingBox();
    if (!start) throw new Error('no corner');
    await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x - 20, box.y - 20, { steps: 5 });
    await page.mouse.up();
    expect(await first.getAttribute('aria-label')).toMatch(/^Corner 1 of Doorstep, at 0 %, 0 %\./);
    await screenshot(dialog, 'zone-editor');

    const saved = page.waitForResponse((r) => r.url().endsWith('/zones') && r.request().method() === 'PUT');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const answer = await saved;
    expect(answer.status()).toBe(200);
    const [zone] = (await answer.json()).zones as Array<{ name: string; kind: string; points: [number, number][] }>;
    expect([zone.name, zone.kind]).toEqual(['Doorstep', 'zone']);
    const expected = [[0, 0], [0.98, 0.02], [0.98, 0.98], [0, 1]];
    expect(zone.points).toHaveLength(4);
    zone.points.forEach(([x, y], i) => {
      expect(x).toBeCloseTo(expected[i][0], 2);
      expect(y).toBeCloseTo(expected[i][1], 2);
    });
    await toast(`Zones of ${CAMERA} saved`).waitFor();
  });

  it('shows the zones over the live tile on demand', async () => {
    await tile.getByRole('button', { name: `Show zones of ${CAMERA}` }).click();
    const overlay = tile.getByRole('img', { name: 'Zones and masks: Doorstep (zone)' });
    await overlay.waitFor();
    const drawn = await overlay.boundingBox();
    const video = await tile.locator('video').boundingBox();
    expect(drawn && video && Math.abs(drawn.width - video.width) < 2 && Math.abs(drawn.height - video.height) < 2).toBe(true);
    await screenshot(tile, 'zones-on-tile');
  });

  it('names the zone on the alerts of the camera, once it restarted with the zone', async () => {
    // A face alerts once per track: a fresh start makes the next alert come from inside the zone.
    await tile.getByRole('button', { name: 'Stop', exact: true }).click();
    await tile.locator('mat-chip', { hasText: 'stopped' }).waitFor({ timeout: 30_000 });
    await tile.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByRole('link', { name: 'Alerts' }).first().click();
    await page.getByRole('heading', { name: 'Alerts', exact: true, level: 1 }).waitFor();
    const row = page.locator('tr[mat-row]', { hasText: CAMERA }).filter({ has: page.getByTestId('alert-zones').filter({ hasText: 'Doorstep' }) });
    const deadline = Date.now() + 120_000;
    while (!(await row.count()) && Date.now() < deadline) {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.waitForTimeout(3000);
    }
    expect(await row.count()).toBeGreaterThan(0);
    await screenshot(page, 'alerts-with-zones');
  });

  it('lays the zone editor out at phone width', async () => {
    await page.getByRole('link', { name: 'Cameras' }).first().click();
    await tile.waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await tile.getByRole('button', { name: `More actions for ${CAMERA}` }).click();
    await page.getByRole('menuitem', { name: 'Zones and masks' }).click();
    const dialog = page.locator('mat-dialog-container');
    await dialog.getByRole('heading', { name: `Zones and masks of ${CAMERA}` }).waitFor();
    await dialog.getByTestId('zone-row').first().waitFor();
    const overflow = await dialog.evaluate((el) => {
      const content = el.querySelector('mat-dialog-content') as HTMLElement;
      return [document.documentElement.scrollWidth - document.documentElement.clientWidth, content.scrollWidth - content.clientWidth];
    });
    expect(overflow).toEqual([0, 0]);
    await screenshot(page, 'zone-editor-phone');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(pageErrors).toEqual([]);
  });
});
