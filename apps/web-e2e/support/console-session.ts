import type { Locator, Page } from 'playwright-core';
import { launchBrowser, type Browser } from './browser';
import { startDemo, type Demo } from './demo-server';

/** One suite's console: the demo it runs against, its page, and what the page threw. */
export interface ConsoleSession {
  demo: Demo;
  page: Page;
  /** Uncaught errors of the page so far (a suite ends by checking it is empty). */
  pageErrors: string[];
  /** The latest snack-bar message with this text. */
  toast(text: string): Locator;
}

/**
 * Starts `npm run demo` and a Chromium page for the calling suite (beforeAll) and takes both down
 * after it (afterAll), also after a start that failed half-way. Call it at the top of a describe;
 * the returned function gives the session once beforeAll has run.
 */
export function consoleSession(): () => ConsoleSession {
  let starting: Promise<Demo> | undefined;
  let launching: Promise<Browser> | undefined;
  let session: ConsoleSession | undefined;

  beforeAll(async () => {
    starting = startDemo();
    const demo = await starting;
    launching = launchBrowser();
    const page = await (await launching).context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    session = { demo, page, pageErrors, toast: (text) => page.locator('mat-snack-bar-container', { hasText: text }).first() };
  });

  // Waits for a start that is still under way, so nothing outlives the suite.
  afterAll(async () => {
    await (await launching?.catch(() => undefined))?.close();
    await (await starting?.catch(() => undefined))?.stop();
  });

  return () => {
    if (!session) throw new Error('the console session has not started');
    return session;
  };
}

/** Signs the first-run admin in, from the login page the console opens on. */
export async function signInAsAdmin(page: Page, demo: Demo): Promise<void> {
  await page.goto(demo.baseUrl);
  await page.waitForURL(/\/login/);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password', { exact: true }).fill(demo.adminPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Cameras' }).waitFor();
}
