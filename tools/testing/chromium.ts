import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/**
 * The headless Chromium of the browser tests and the live-view benchmark: Debian's when installed (dev
 * machines), else the one packed in @sparticuz/chromium (fresh machines, CI).
 */
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
];

/**
 * For a harness page the browser serves itself (page.route) and that plays video without a click: Local
 * Network Access counts such a page as a public origin and would keep it from reaching the API on 127.0.0.1.
 */
const HARNESS_FLAGS = ['--disable-features=WebRtcHideLocalIpsWithMdns,LocalNetworkAccessChecks', '--autoplay-policy=no-user-gesture-required'];
const APP_FLAGS = ['--disable-features=WebRtcHideLocalIpsWithMdns'];

export interface ChromiumOptions {
  /** Prefix of the temporary profile directory. */
  profilePrefix: string;
  /** A page served by the browser itself (see HARNESS_FLAGS) rather than the real console. */
  harnessPage?: boolean;
  /** Use the npm Chromium even where Debian's exists. */
  forcePackaged?: boolean;
  /** Playwright's default (1280×720) when absent. */
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
}

/** CHROMIUM_PATH picks a binary; else Debian's, else the npm one (unpacked to /tmp on first use). */
export async function chromiumPath(forcePackaged = false): Promise<string> {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv) return fromEnv;
  if (!forcePackaged && existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  // Only the binary: not its serverless default arguments.
  const packaged = (await import('@sparticuz/chromium')).default;
  return packaged.executablePath();
}

export interface ChromiumSession {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A Chromium with a fresh profile directory, removed again on close. */
export async function launchChromium(options: ChromiumOptions): Promise<ChromiumSession> {
  const profile = mkdtempSync(join(tmpdir(), options.profilePrefix));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: await chromiumPath(options.forcePackaged),
    headless: true,
    args: [...FLAGS, ...(options.harnessPage ? HARNESS_FLAGS : APP_FLAGS)],
    ...(options.viewport ? { viewport: options.viewport } : {}),
    ...(options.colorScheme ? { colorScheme: options.colorScheme } : {}),
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
