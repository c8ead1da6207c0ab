import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium when installed (dev machines), else the one shipped in @sparticuz/chromium (CI). */
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Headless, quiet, and allowed to do WebRTC with a server on 127.0.0.1. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--allow-loopback-in-peer-connection',
  // The test page is served by the browser itself (page.route), which Local Network Access counts
  // as a public origin and would then keep from opening the API's WebSocket on 127.0.0.1.
  '--disable-features=WebRtcHideLocalIpsWithMdns,LocalNetworkAccessChecks',
  '--autoplay-policy=no-user-gesture-required',
];

export async function chromiumPath(): Promise<string> {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv) return fromEnv;
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  // Not its serverless default arguments: only the binary.
  const packaged = (await import('@sparticuz/chromium')).default;
  return packaged.executablePath();
}

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A Chromium with a fresh profile, removed on close. */
export async function launchChromium(): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'argus-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: await chromiumPath(),
    headless: true,
    args: FLAGS,
    viewport: { width: 800, height: 600 },
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
