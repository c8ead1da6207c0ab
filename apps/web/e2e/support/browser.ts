import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium when installed, else the one packed in @sparticuz/chromium (fresh machines, CI). */
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // WebRTC between the browser and the API on 127.0.0.1.
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];

/** CHROMIUM_PATH picks a binary; E2E_CHROMIUM=packaged forces the npm one even where Debian's exists. */
async function executablePath(): Promise<string> {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv) return fromEnv;
  if (process.env['E2E_CHROMIUM'] !== 'packaged' && existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  // Unpacks the browser (and the libraries it needs) to /tmp on first use.
  const packaged = (await import('@sparticuz/chromium')).default;
  return packaged.executablePath();
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A Chromium with a fresh profile directory, removed again on close. */
export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'argus-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: await executablePath(),
    headless: true,
    args: FLAGS,
    viewport: { width: 1440, height: 900 },
    colorScheme: 'light',
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
