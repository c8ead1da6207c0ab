import { launchChromium, type ChromiumSession } from '@argus/tools/testing/chromium';

export type Browser = ChromiumSession;

/**
 * The console in Chromium at a desktop size. CHROMIUM_PATH picks a binary; E2E_CHROMIUM=packaged forces
 * the npm one even where Debian's exists.
 */
export function launchBrowser(): Promise<Browser> {
  return launchChromium({
    profilePrefix: 'argus-e2e-profile-',
    forcePackaged: process.env['E2E_CHROMIUM'] === 'packaged',
    viewport: { width: 1440, height: 900 },
    colorScheme: 'light',
  });
}
